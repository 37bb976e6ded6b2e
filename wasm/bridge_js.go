package main

import (
	"fmt"
	"runtime/debug"
	"strings"
	"syscall/js"
)

// This is the only file that touches the DOM. The functions it hands to
// JavaScript (status, command, the hashchange listener) live as long as the
// page: the Go program never exits while the page is open, so they are
// never released.

func pageLink() string {
	return js.Global().Get("location").Get("hash").String()
}

// api is window.propagate.
var api js.Value

// expose installs window.propagate (the browser contract in DESIGN.md) and
// follows edits of the URL hash.
func expose(app *App) {
	window := js.Global()
	api = window.Get("Object").New()
	api.Set("ready", false)
	api.Set("version", version)
	api.Set("status", js.FuncOf(func(js.Value, []js.Value) any {
		return app.StatusJSON()
	}))
	api.Set("command", js.FuncOf(func(_ js.Value, args []js.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				msg := fmt.Sprintf("panic in command: %v", r)
				js.Global().Get("console").Call("error", "propagate: "+msg+"\n"+string(debug.Stack()))
				app.Fail(msg)
				result = app.StatusJSON()
			}
		}()
		name, arg := stringArg(args, 0), stringArg(args, 1)
		st := app.Command(name, arg)
		if st.Error == "" && (name == "load" || name == "set" || name == "import" || name == "reset" || name == "newweights") {
			showLink(st.Link)
		}
		return encodeStatus(st)
	}))
	// exportFile(kind) → a Promise of {name, type, bytes}: kind is png,
	// csv or json. The game makes it on its next frame.
	api.Set("exportFile", js.FuncOf(func(_ js.Value, args []js.Value) any {
		kind := stringArg(args, 0)
		return window.Get("Promise").New(js.FuncOf(func(_ js.Value, pr []js.Value) any {
			resolve, reject := pr[0], pr[1]
			app.RequestExport(kind, func(name, mime string, data []byte, err error) {
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
		}))
	}))
	api.Set("lesson", lessonFunc()) // lesson_js.go
	window.Set("propagate", api)

	window.Call("addEventListener", "hashchange", js.FuncOf(func(_ js.Value, args []js.Value) any {
		// The hash the person typed is the event's newURL: by the time
		// the event runs, the game may have rewritten the address bar.
		h := pageLink()
		if len(args) > 0 && args[0].Get("newURL").Type() == js.TypeString {
			_, hash, _ := strings.Cut(args[0].Get("newURL").String(), "#")
			h = "#" + hash
		}
		if normalizeLink(h) != app.Link() {
			app.Command("load", h)
		}
		return nil
	}))
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

func newPage() host {
	g := js.Global()
	return page{performance: g.Get("performance"), console: g.Get("console"), document: g.Get("document")}
}

func (p page) nowMs() float64 { return p.performance.Call("now").Float() }

// topInsetCSS is where the title bar ends. Reading it every frame keeps the
// drawing clear of the bar however the CSS or the window changes.
func (p page) topInsetCSS() float64 {
	bar := p.document.Call("getElementById", "titlebar")
	if !bar.Truthy() {
		return 0
	}
	return bar.Call("getBoundingClientRect").Get("bottom").Float()
}

// panelInsetsCSS reads the control panel's box: docked at the right (it
// spans the height below the title bar) it covers a strip at the right;
// otherwise it is a sheet along the bottom. Hidden (embed mode, before the
// page is ready) it covers nothing.
func (p page) panelInsetsCSS() (right, bottom float64) {
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
	if left > w/2 && r.Get("bottom").Float() >= h-1 && top <= p.topInsetCSS()+1 {
		return max(0, w-left), 0
	}
	return 0, max(0, h-top)
}

func (page) showLink(link string) { showLink(link) }

func (p page) announceReady() {
	api.Set("ready", true)
	w := js.Global()
	w.Call("dispatchEvent", w.Get("Event").New("propagate:ready"))
}

func (p page) logError(msg string) { p.console.Call("error", msg) }
