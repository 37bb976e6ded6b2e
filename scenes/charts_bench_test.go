package scenes

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/scenes/anim"
)

// BenchmarkCompareCharts is a frame in which the three charts are redrawn
// (as every plotEvery ticks while playing), after 600 steps of training:
// the curves' strokes are most of it. Run it under a display (xvfb-run).
func BenchmarkCompareCharts(b *testing.B) {
	c := newBenchCompare(b)
	area := anim.Rect{Min: anim.Point{X: 8, Y: 48}, Max: anim.Point{X: 1272, Y: 712}}
	c.Command("mode", "train")
	scale := DeviceScale()
	for range 600 {
		c.Layout(area, scale)
		c.Advance(c.StepsPerTick())
		c.UpdateWith(true, Intents{})
	}
	b.ResetTimer()
	for range b.N {
		for i := range c.draw.plots {
			c.draw.plots[i].stale = true
		}
		dst := ebiten.NewImage(1280, 720)
		c.Draw(dst)
		dst.Deallocate()
	}
}
