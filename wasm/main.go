// Command wasm is the Propagate page: built with GOOS=js GOARCH=wasm, loaded
// by web/static/loader.js, it runs the game and exposes window.propagate.
// Natively it opens a window with the same scene, which helps when working
// on drawing. The page's logic is package app; this is the wiring.
package main

import (
	"log"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/wasm/app"
)

func main() {
	gcOn := app.HoldGC() // until the first frame is up
	a := app.NewApp(pageLink())
	g := app.NewGame(a, newPage())
	g.OnReady(gcOn)
	release := expose(a)
	ebiten.SetWindowTitle("Propagate")
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	err := ebiten.RunGame(g)
	release()
	if err != nil {
		log.Fatal(err)
	}
}
