package scenes

import (
	"math/rand/v2"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes/anim"
)

// BenchmarkCompareDrawTool is a paused frame (Update and Draw) over
// engine.MaxPoints own points with the draw tool off, on (every point drawn
// on both planes from the cached drawing), and on with the drawing made
// anew each frame (what an erase or a rebuild costs once). Run it under a
// display (xvfb-run).
func BenchmarkCompareDrawTool(b *testing.B) {
	for _, mode := range []string{"off", "on", "redrawn"} {
		on := mode != "off"
		b.Run(mode, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			points := make([]engine.Point, engine.MaxPoints)
			for i := range points {
				points[i] = engine.Point{X: engine.RoundPointValue(rng.Float64()*12 - 6), Y: engine.RoundPointValue(rng.Float64()*12 - 6), Label: float64(2*rng.IntN(2) - 1)}
			}
			cfg, w := engine.DecodeLink("#rules=bp,chl&seed=7&dataset=custom&points=" + engine.FormatPoints(points))
			if len(w) != 0 {
				b.Fatal(w)
			}
			c, err := NewCompare(cfg)
			if err != nil {
				b.Fatal(err)
			}
			tool := anim.NewDrawTool()
			tool.On = on
			tool.Sync(cfg.Points)
			c.SetDrawTool(tool)
			area := anim.Rect{Min: anim.Point{X: 8, Y: 48}, Max: anim.Point{X: 1272, Y: 712}}
			scale := DeviceScale()
			for range 20 {
				c.Layout(area, scale)
				c.UpdateWith(false, c.drawInput(Intents{}))
			}
			b.ResetTimer()
			for range b.N {
				if mode == "redrawn" {
					tool.Sync(cfg.Points)
				}
				c.Layout(area, scale)
				c.UpdateWith(false, c.drawInput(Intents{}))
				dst := ebiten.NewImage(1280, 720)
				c.Draw(dst)
				dst.Deallocate()
			}
		})
	}
}
