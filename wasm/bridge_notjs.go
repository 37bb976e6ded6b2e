//go:build !js

package main

import (
	"log"
	"time"

	"propagate/wasm/app"
)

// Native stand-ins for bridge_js.go, so the page builds, vets and runs
// without a browser.

func pageLink() string { return "" }

func expose(*app.App) (release func()) { return func() {} }

type nativePage struct{ start time.Time }

func newPage() app.Host { return nativePage{start: time.Now()} }

func (p nativePage) NowMs() float64 {
	return float64(time.Since(p.start).Microseconds()) / 1000
}
func (nativePage) TopInsetCSS() float64                    { return 0 }
func (nativePage) PanelInsetsCSS() (right, bottom float64) { return 0, 0 }
func (nativePage) LessonInsetsCSS() (left, top float64)    { return 0, 0 }
func (nativePage) AnnounceReady()                          {}
func (nativePage) LogError(msg string)                     { log.Print(msg) }
func (nativePage) ShowLink(string)                         {}
