package scenes

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// The first frame is cheap: it shows the nets, the points and the plots;
// the heatmaps and the settled metrics (passes over a grid and over the
// data) come from the next tick on, and the stats line says nothing until
// then rather than a loss that was never measured.
func TestCompareFirstFrameDefersHeatmapsAndMetrics(t *testing.T) {
	c := newTestCompare(t, "#rules=bp,chl&seed=3")
	c.Layout(testArea, 1)
	c.UpdateWith(true, Intents{})
	if c.heat[0] != nil || c.heat[1] != nil || c.metStep != [2]int{-1, -1} {
		t.Fatalf("the first tick computed: heatmaps %v, metrics at steps %v", c.heat, c.metStep)
	}
	dst := ebiten.NewImage(1280, 720)
	defer dst.Deallocate()
	c.Draw(dst)
	c.Advance(c.StepsPerTick())
	c.UpdateWith(true, Intents{})
	if c.heat[0] == nil || c.heat[1] == nil || c.metStep[0] < 0 || c.metStep[1] < 0 {
		t.Errorf("the second tick did not catch up: heatmaps %v, metrics at steps %v", c.heat, c.metStep)
	}
	c.Draw(dst)
}
