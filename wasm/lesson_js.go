package main

import (
	"syscall/js"

	"propagate/assets"
)

// lessonFunc is window.propagate.lesson(n): lesson n as JSON (assets.LessonJSON).
// It lives as long as the page, like the bridge's other functions.
func lessonFunc() js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		n := 0
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			n = args[0].Int()
		} else if len(args) > 0 && args[0].Type() == js.TypeString {
			for _, c := range args[0].String() {
				if c < '0' || c > '9' || n > 1000 {
					n = 0
					break
				}
				n = n*10 + int(c-'0')
			}
		}
		return assets.LessonJSON(n)
	})
}

// lessonInsetsCSS reads the lesson pane's box (#lesson): docked at the left
// it returns its right edge as left; as a sheet under the title bar, its
// bottom edge as top. Hidden (display: none), its box is empty and it
// covers nothing.
func lessonInsetsCSS() (left, top float64) {
	doc := js.Global().Get("document")
	pane := doc.Call("getElementById", "lesson")
	if !pane.Truthy() { // (offsetParent is null for any fixed element: not a test of hidden)
		return 0, 0
	}
	r := pane.Call("getBoundingClientRect")
	if r.Get("width").Float() <= 0 || r.Get("height").Float() <= 0 {
		return 0, 0
	}
	h := js.Global().Get("innerHeight").Float()
	if r.Get("left").Float() <= 1 && r.Get("bottom").Float() >= h-1 {
		return r.Get("right").Float(), 0
	}
	return 0, r.Get("bottom").Float()
}
