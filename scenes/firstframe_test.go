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

// While playing, the stats line may show the loss curve's newest point
// instead of a pass of its own: its numbers are those of the step it
// names, as a run stepped to that step and measured then gives them.
func TestCompareStatsWhilePlayingAreOfTheirStep(t *testing.T) {
	const link = "#rules=bp,chl&seed=3"
	c := newTestCompare(t, link)
	c.Layout(testArea, 1)
	for range 40 {
		c.Advance(c.StepsPerTick())
		c.UpdateWith(true, Intents{})
	}
	for i := range 2 {
		step := c.metStep[i]
		if step <= 0 {
			t.Fatalf("run %d: no metrics after 40 playing ticks", i)
		}
		ref := newTestCompare(t, link)
		ref.runs[i].Step(step)
		if want := ref.runs[i].Metrics(); c.met[i] != want {
			t.Errorf("run %d: the stats line shows %+v for step %d; measured at that step: %+v", i, c.met[i], step, want)
		}
	}
}
