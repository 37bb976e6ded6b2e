// Command lessondemo renders the lesson scenes (neuron, equivalence)
// natively into a PNG, for work on drawing without a browser (run it under
// xvfb-run on a machine without a display):
//
//	go run ./scenes/lessondemo -link '#scene=neuron&dt=15' -seconds 2 -out out/screenshots/neuron.png
package main

import (
	"flag"
	"image"
	"image/png"
	"log"
	"os"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes"
	"propagate/scenes/anim"
)

type drawer interface {
	scenes.Scene
	UpdateWith(playing bool, p scenes.Pointer)
}

type game struct {
	s          drawer
	w, h       int
	ticks, max int
	out        string
	done       bool
}

func (g *game) Update() error {
	if g.done {
		return ebiten.Termination
	}
	g.s.Layout(anim.Rect{Min: anim.Point{X: 12, Y: 12}, Max: anim.Point{X: float64(g.w) - 12, Y: float64(g.h) - 12}}, scenes.DeviceScale())
	if g.ticks < g.max {
		g.s.UpdateWith(true, scenes.Pointer{})
		g.ticks++
	}
	return nil
}

func (g *game) Draw(screen *ebiten.Image) {
	b := screen.Bounds()
	g.s.Draw(screen)
	if g.ticks < g.max || g.done {
		return
	}
	img := image.NewRGBA(b)
	screen.ReadPixels(img.Pix)
	f, err := os.Create(g.out)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	f.Close()
	g.done = true
}

func (g *game) Layout(int, int) (int, int) { return g.w, g.h }

func main() {
	link := flag.String("link", "#scene=neuron", "the link")
	seconds := flag.Float64("seconds", 1.5, "scene time to advance before the shot")
	w := flag.Int("w", 1000, "width")
	h := flag.Int("h", 640, "height")
	out := flag.String("out", "out/screenshots/lessondemo.png", "PNG file")
	flag.Parse()
	cfg, warnings := engine.DecodeLink(*link)
	for _, w := range warnings {
		log.Print("link: ", w)
	}
	var s drawer
	switch cfg.Scene {
	case "equivalence":
		s = scenes.NewEquivalence(cfg)
	default:
		s = scenes.NewNeuron(cfg)
	}
	ebiten.SetWindowSize(*w, *h)
	g := &game{s: s, w: *w, h: *h, max: int(*seconds * anim.TicksPerSecond), out: *out}
	if err := ebiten.RunGame(g); err != nil {
		log.Fatal(err)
	}
}
