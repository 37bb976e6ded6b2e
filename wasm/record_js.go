package main

import (
	"syscall/js"

	"propagate/wasm/app"
)

// recordWebM answers window.propagate.exportFile("webm", seconds): the
// page's recorder (web/static/data.js) films the canvas with the browser's
// MediaRecorder, and the file is named here, from the demo (rules, dataset,
// step), as the other exports are. Where there is no recorder the promise
// is rejected with the reason.
func recordWebM(a *app.App, args []js.Value) js.Value {
	w := js.Global()
	seconds := js.Undefined()
	if len(args) > 1 {
		seconds = args[1]
	}
	rec := w.Get("propagateData")
	if !rec.Truthy() || rec.Get("record").Type() != js.TypeFunction {
		return w.Get("Promise").Call("reject", w.Get("Error").New("cannot record: the page's recorder (data.js) did not load"))
	}
	return rec.Call("record", seconds, a.ExportName("webm"))
}
