package scenes

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes/anim"
)

// BenchmarkCompareDraw is the Go side of one train-mode frame at 1280×720:
// Update (training at the default speed, heatmaps, metrics) and Draw into an
// offscreen image. Without a running game ebiten only queues the draw
// commands (until the game starts, it buffers them per image: a fresh
// image per frame keeps that queue from growing), so this measures what
// the scene costs the CPU, not the GPU. Run it under a display (xvfb-run):
// ebiten's init opens one.
func BenchmarkCompareDraw(b *testing.B) {
	c, area, scale := trainedBenchCompare(b, 200)
	b.ResetTimer()
	for range b.N {
		c.Advance(c.StepsPerTick())
		c.Layout(area, scale)
		c.UpdateWith(true, Intents{})
		dst := ebiten.NewImage(1280, 720)
		c.Draw(dst)
		dst.Deallocate()
	}
}

// BenchmarkCompareHeatmapFrame is a train-mode frame of the [8, 8, 8]
// spiral (27 units a panel) in which both panels' heatmaps are fresh: the
// plane and every unit's thumbnail uploaded and drawn.
func BenchmarkCompareHeatmapFrame(b *testing.B) {
	c, _, _ := trainedBenchCompare(b, 100, "#rules=bp,chl&networkShape=8,8,8&dataset=spiral&seed=7")
	b.ResetTimer()
	for range b.N {
		c.draw.heatDirty = [2]bool{true, true}
		dst := ebiten.NewImage(1280, 720)
		c.Draw(dst)
		dst.Deallocate()
	}
}

// BenchmarkCompareCharts is a frame in which the three charts are redrawn
// (each every plotEvery ticks while playing), after 600 steps of training:
// the curves' strokes are most of it.
func BenchmarkCompareCharts(b *testing.B) {
	c, _, _ := trainedBenchCompare(b, 600)
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

// trainedBenchCompare is the link's compare (the default one if none) in
// train mode at 1280×720, after the given number of playing ticks, with
// the area and scale it is laid out at.
func trainedBenchCompare(b *testing.B, ticks int, link ...string) (*Compare, anim.Rect, float64) {
	b.Helper()
	c := newBenchCompare(b, link...)
	area := anim.Rect{Min: anim.Point{X: 8, Y: 48}, Max: anim.Point{X: 1272, Y: 712}}
	c.Command("mode", "train")
	scale := DeviceScale()
	for range ticks {
		c.Layout(area, scale)
		c.Advance(c.StepsPerTick())
		c.UpdateWith(true, Intents{})
	}
	return c, area, scale
}

// newBenchCompare is the compare of the link (the default one if none).
func newBenchCompare(b *testing.B, link ...string) *Compare {
	b.Helper()
	cfg := defaultBenchConfig()
	if len(link) > 0 {
		cfg, _ = engine.DecodeLink(link[0]) // its warnings (the cost budget's) apply as in the page
	}
	c, err := NewCompare(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func defaultBenchConfig() engine.Config {
	cfg, _ := engine.DecodeLink("#rules=bp,chl&seed=7")
	return cfg
}

// BenchmarkCompareFirstLayout: a new scene's first layout, the page's
// first tick.
func BenchmarkCompareFirstLayout(b *testing.B) { benchFirst(b, false) }

// BenchmarkCompareFirstFrame: a new scene's first layout, tick and frame,
// with no text set and no face made yet, as in a page that just started.
func BenchmarkCompareFirstFrame(b *testing.B) { benchFirst(b, true) }

// benchFirst times a new scene's first layout at 1280×720 and, with
// frame, its first tick and Draw from empty text caches. The runs are
// built, and the scene's images freed, outside the timer: or the atlas
// fills, and each round costs more than the last.
func benchFirst(b *testing.B, frame bool) {
	area := anim.Rect{Min: anim.Point{X: 8, Y: 48}, Max: anim.Point{X: 1272, Y: 712}}
	scale := DeviceScale()
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		c := newBenchCompare(b)
		var dst *ebiten.Image
		if frame {
			clear(faces)
			for k, e := range textImages {
				e.img.Deallocate()
				delete(textImages, k)
			}
			dst = ebiten.NewImage(1280, 720)
		}
		b.StartTimer()
		c.Layout(area, scale)
		if frame {
			c.UpdateWith(true, Intents{})
			c.Draw(dst)
		}
		b.StopTimer()
		if dst != nil {
			dst.Deallocate()
		}
		freeImages(c)
		b.StartTimer()
	}
}

// freeImages deallocates the scene's images.
func freeImages(c *Compare) {
	d := &c.draw
	for i := range 2 {
		for _, img := range []*ebiten.Image{d.plane[i], d.points[i]} {
			if img != nil {
				img.Deallocate()
			}
		}
		d.units[i].dispose()
	}
	for _, p := range append(d.plots[:], d.legend) {
		if p.img != nil {
			p.img.Deallocate()
		}
	}
}

// BenchmarkCompareRelayout is a layout at a new size: the panels and
// charts placed again and the data points drawn into their images (the
// first tick's work, and a resize's). The two sizes alternate, so the
// captions' wraps come from their cache after the first two.
func BenchmarkCompareRelayout(b *testing.B) {
	c := newBenchCompare(b)
	areas := [2]anim.Rect{
		{Min: anim.Point{X: 8, Y: 48}, Max: anim.Point{X: 1272, Y: 712}},
		{Min: anim.Point{X: 8, Y: 48}, Max: anim.Point{X: 1180, Y: 700}},
	}
	scale := DeviceScale()
	b.ResetTimer()
	for i := range b.N {
		c.Layout(areas[i%2], scale)
	}
}
