//go:build !js

package main

import (
	"log"
	"time"
)

// Native stand-ins for bridge_js.go, so the package builds, vets and tests
// without a browser.

func pageLink() string { return "" }

func expose(*App) {}

type nativePage struct{ start time.Time }

func newPage() host { return nativePage{start: time.Now()} }

func (p nativePage) nowMs() float64 {
	return float64(time.Since(p.start).Microseconds()) / 1000
}
func (nativePage) topInsetCSS() float64                    { return 0 }
func (nativePage) panelInsetsCSS() (right, bottom float64) { return 0, 0 }
func (nativePage) announceReady()                          {}
func (nativePage) logError(msg string)                     { log.Print(msg) }
func (nativePage) showLink(string)                         {}
