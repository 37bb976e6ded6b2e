//go:build !js

package main

// Natively there is no page and no lesson pane.
func lessonInsetsCSS() (left, top float64) { return 0, 0 }
