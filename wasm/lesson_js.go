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
