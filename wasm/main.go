// Command wasm is the Propagate page: built with GOOS=js GOARCH=wasm, loaded
// by web/static/loader.js, it runs the game and exposes window.propagate.
// Natively it opens a window with the same scene, which helps when working
// on drawing.
package main

import (
	"log"

	"github.com/hajimehoshi/ebiten/v2"
)

func main() {
	app := NewApp(pageLink())
	s, warnings := sceneFor(app.Link())
	app.AddWarnings(warnings)
	expose(app)
	ebiten.SetWindowTitle("Propagate")
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if err := ebiten.RunGame(newGame(app, s, newPage())); err != nil {
		log.Fatal(err)
	}
}
