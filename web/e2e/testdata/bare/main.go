//go:build js

// Command bare is a bare Ebitengine page, the yardstick for Propagate's
// download and time to first frame (make measure): a game that fills the
// screen, nothing else. On its first frame
// it sets window.bareFirstFrameMs, as Propagate sets status().firstFrameMs.
package main

import (
	"image/color"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

type game struct{ drawn bool }

func (*game) Update() error { return nil }

func (g *game) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0x20, 0x30, 0x40, 0xff})
	if !g.drawn {
		g.drawn = true
		js.Global().Set("bareFirstFrameMs", js.Global().Get("performance").Call("now"))
	}
}

func (*game) Layout(w, h int) (int, int) { return w, h }

func main() {
	if err := ebiten.RunGame(&game{}); err != nil {
		panic(err)
	}
}
