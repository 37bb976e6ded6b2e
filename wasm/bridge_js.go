package main

import (
	"fmt"
	"runtime/debug"
	"strings"
	"syscall/js"

	"propagate/wasm/app"
)

// This file and lesson_js.go are the only ones that touch the DOM. The
// functions they hand to JavaScript for good (status, command, exportFile,
// lesson, the hashchange listener) live as long as the page: expose returns
// their release, which main calls if the game ever ends. A function made
// for one call (a Promise's executor) is released as soon as it has run.

func pageLink() string {
	return js.Global().Get("location").Get("hash").String()
}

// api is window.propagate.
var api js.Value

// expose installs window.propagate (the browser contract in DESIGN.md) and
// follows edits of the URL hash. release releases the functions it made.
func expose(a *app.App) (release func()) {
	var funcs []js.Func
	keep := func(f js.Func) js.Func {
		funcs = append(funcs, f)
		return f
	}
	window := js.Global()
	api = window.Get("Object").New()
	api.Set("ready", false)
	api.Set("version", a.Status().Version)
	api.Set("status", keep(js.FuncOf(func(js.Value, []js.Value) any {
		return a.StatusJSON()
	})))
	api.Set("command", keep(js.FuncOf(func(_ js.Value, args []js.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				msg := fmt.Sprintf("panic in command: %v", r)
				js.Global().Get("console").Call("error", "propagate: "+msg+"\n"+string(debug.Stack()))
				a.Fail(msg)
				result = a.StatusJSON()
			}
		}()
		name, arg := stringArg(args, 0), stringArg(args, 1)
		st := a.Command(name, arg)
		if st.Error == "" && (name == "load" || name == "set" || name == "import" || name == "reset" || name == "newweights") {
			showLink(st.Link)
		}
		return app.EncodeStatus(st)
	})))
	// exportFile(kind) → a Promise of {name, type, bytes}: kind is png,
	// csv or json. The game makes it on its next frame.
	api.Set("exportFile", keep(js.FuncOf(func(_ js.Value, args []js.Value) any {
		kind := stringArg(args, 0)
		// The Promise constructor runs its executor at once, so the
		// executor is released as soon as the Promise exists.
		executor := js.FuncOf(func(_ js.Value, pr []js.Value) any {
			resolve, reject := pr[0], pr[1]
			a.RequestExport(kind, func(name, mime string, data []byte, err error) {
				if err != nil {
					reject.Invoke(window.Get("Error").New(err.Error()))
					return
				}
				bytes := window.Get("Uint8Array").New(len(data))
				js.CopyBytesToJS(bytes, data)
				file := window.Get("Object").New()
				file.Set("name", name)
				file.Set("type", mime)
				file.Set("bytes", bytes)
				resolve.Invoke(file)
			})
			return nil
		})
		defer executor.Release()
		return window.Get("Promise").New(executor)
	})))
	api.Set("lesson", keep(lessonFunc())) // lesson_js.go
	window.Set("propagate", api)

	onHash := keep(js.FuncOf(func(_ js.Value, args []js.Value) any {
		// The hash the person typed is the event's newURL: by the time
		// the event runs, the game may have rewritten the address bar.
		h := pageLink()
		if len(args) > 0 && args[0].Get("newURL").Type() == js.TypeString {
			_, hash, _ := strings.Cut(args[0].Get("newURL").String(), "#")
			h = "#" + hash
		}
		if app.NormalizeLink(h) != a.Link() {
			a.Command("load", h)
		}
		return nil
	}))
	window.Call("addEventListener", "hashchange", onHash)
	return func() {
		window.Call("removeEventListener", "hashchange", onHash)
		for _, f := range funcs {
			f.Release()
		}
	}
}

// stringArg reads argument i as a string the way JavaScript's String()
// would; a missing, undefined or null argument is "".
func stringArg(args []js.Value, i int) string {
	if i >= len(args) || args[i].IsUndefined() || args[i].IsNull() {
		return ""
	}
	return js.Global().Call("String", args[i]).String()
}

// showLink puts link in the address bar without adding a history entry or
// firing hashchange.
func showLink(link string) {
	loc := js.Global().Get("location")
	url := link
	if url == "" {
		url = loc.Get("pathname").String() + loc.Get("search").String()
	}
	js.Global().Get("history").Call("replaceState", js.Null(), "", url)
}

// page is the host the game runs in: the browser tab.
type page struct {
	performance, console, document js.Value
}

func newPage() app.Host {
	g := js.Global()
	return page{performance: g.Get("performance"), console: g.Get("console"), document: g.Get("document")}
}

func (p page) NowMs() float64 { return p.performance.Call("now").Float() }

// TopInsetCSS is where the title bar ends. Reading it every frame keeps the
// drawing clear of the bar however the CSS or the window changes.
func (p page) TopInsetCSS() float64 {
	bar := p.document.Call("getElementById", "titlebar")
	if !bar.Truthy() {
		return 0
	}
	return bar.Call("getBoundingClientRect").Get("bottom").Float()
}

// PanelInsetsCSS reads the control panel's box: docked at the right (it
// spans the height below the title bar) it covers a strip at the right;
// otherwise it is a sheet along the bottom. Hidden (embed mode, before the
// page is ready) it covers nothing.
func (p page) PanelInsetsCSS() (right, bottom float64) {
	panel := p.document.Call("getElementById", "controls")
	if !panel.Truthy() {
		return 0, 0
	}
	r := panel.Call("getBoundingClientRect")
	w := js.Global().Get("innerWidth").Float()
	h := js.Global().Get("innerHeight").Float()
	left, top := r.Get("left").Float(), r.Get("top").Float()
	if r.Get("width").Float() <= 0 || r.Get("height").Float() <= 0 {
		return 0, 0
	}
	if left > w/2 && r.Get("bottom").Float() >= h-1 && top <= p.TopInsetCSS()+1 {
		return max(0, w-left), 0
	}
	return 0, max(0, h-top)
}

func (page) ShowLink(link string) { showLink(link) }

func (p page) AnnounceReady() {
	api.Set("ready", true)
	w := js.Global()
	w.Call("dispatchEvent", w.Get("Event").New("propagate:ready"))
}

func (p page) LogError(msg string) { p.console.Call("error", msg) }

// LessonInsetsCSS reads the lesson pane's box (#lesson): docked at the left
// it returns its right edge as left; as a sheet under the title bar, its
// bottom edge as top. Hidden (display: none), its box is empty and it
// covers nothing.
func (p page) LessonInsetsCSS() (left, top float64) {
	pane := p.document.Call("getElementById", "lesson")
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
