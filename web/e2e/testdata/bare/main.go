//go:build js

// Command bare is a bare Ebitengine page, the yardstick for Propagate's
// download and time to first frame (make measure): a game that fills the
// screen, nothing else. On its first frame
// it sets window.bareFirstFrameMs, as Propagate sets status().firstFrameMs,
// and it leaves the performance marks Propagate leaves at the same moments
// (main, update1, draw1), so the two loads compare stage by stage.
package main

import (
	"image/color"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

type game struct{ updated, drawn bool }

func mark(name string) { js.Global().Get("performance").Call("mark", "propagate:"+name) }

func (g *game) Update() error {
	if !g.updated {
		g.updated = true
		mark("update1")
	}
	return nil
}

func (g *game) Draw(screen *ebiten.Image) {
	if !g.drawn {
		mark("draw1")
	}
	screen.Fill(color.RGBA{0x20, 0x30, 0x40, 0xff})
	if !g.drawn {
		g.drawn = true
		js.Global().Set("bareFirstFrameMs", js.Global().Get("performance").Call("now"))
	}
}

func (*game) Layout(w, h int) (int, int) { return w, h }

func main() {
	mark("main")
	if err := ebiten.RunGame(&game{}); err != nil {
		panic(err)
	}
}
