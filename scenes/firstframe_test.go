package scenes

import (
	"math"
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
// names, as a run stepped to that step and measured then gives them. And
// status().runs are the stats lines' metrics: the numbers of the step they
// name, a few steps behind the progress at most; paused, they are at the
// progress itself.
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
	progress, _ := c.Progress()
	for i, rep := range c.Reports() {
		if rep.Step <= 0 || rep.Step > progress || progress-rep.Step > metricsEvery*c.StepsPerTick() {
			t.Fatalf("run %d: reported at step %d while at step %d", i, rep.Step, progress)
		}
		ref := newTestCompare(t, link)
		ref.runs[i].Step(rep.Step)
		if want := ref.runs[i].Report(); rep != want {
			t.Errorf("run %d: playing, status reports %+v for step %d; measured at that step: %+v", i, rep, rep.Step, want)
		}
	}
	c.UpdateWith(false, Intents{}) // paused
	for i, rep := range c.Reports() {
		if rep.Step != progress {
			t.Errorf("run %d: paused at step %d, reported at %d", i, progress, rep.Step)
		}
	}
}

// Every chart — loss, agreement and norm ratio — is drawn into an image of
// its own and redrawn only when Update marks it stale: a frame in between
// copies the images. (Stroking the ratio plot's curves every frame was a
// third of a frame's CPU.)
func TestCompareChartsAreRedrawnOnlyWhenStale(t *testing.T) {
	c := newTestCompare(t, "#rules=bp,chl&seed=3")
	c.Layout(testArea, 1)
	dst := ebiten.NewImage(1280, 720)
	defer dst.Deallocate()
	for range 3 * plotEvery {
		c.Advance(c.StepsPerTick())
		c.UpdateWith(true, Intents{})
		c.Draw(dst)
	}
	if c.draw.lay.Folded {
		t.Fatal("the charts are folded at the test's size: nothing to check")
	}
	imgs := [len(c.draw.plots)]*ebiten.Image{}
	for i, p := range c.draw.plots {
		if p.img == nil || p.stale {
			t.Fatalf("chart %d: image %v, stale %v after drawing", i, p.img, p.stale)
		}
		imgs[i] = p.img
	}
	c.UpdateWith(true, Intents{}) // no step: nothing to redraw
	for i, p := range c.draw.plots {
		if p.stale || p.img != imgs[i] {
			t.Errorf("chart %d marked stale (%v) or rebuilt without a step", i, p.stale)
		}
	}
	for range plotEvery {
		c.Advance(c.StepsPerTick())
		c.UpdateWith(true, Intents{})
	}
	for i, p := range c.draw.plots {
		if !p.stale {
			t.Errorf("chart %d not marked stale after %d playing ticks", i, plotEvery)
		}
	}
	// The legend changes with the layout only: drawn once, kept while
	// the runs step.
	legend := c.draw.legend.img
	c.Draw(dst)
	if legend == nil || c.draw.legend.img != legend || c.draw.legend.stale {
		t.Errorf("the legend was redrawn while only the runs stepped (image %p → %p, stale %v)", legend, c.draw.legend.img, c.draw.legend.stale)
	}
}

// Each panel's heatmap resolution follows its own refresh cost: a costly
// panel (a settled net) comes down and stays down, a cheap one stays at the
// resolution its size asks, and neither is rebuilt again once they settle.
// With one factor for both, alternating cheap and costly refreshes swung it
// up and down, and every swing rebuilt both heatmaps.
func TestCompareHeatmapResolutionAdaptsPerPanel(t *testing.T) {
	c := newTestCompare(t, "#rules=bp,chl&seed=3")
	c.Layout(testArea, 1)
	full := c.draw.heatRes
	if full[0][0] == 0 || full[0] != full[1] {
		t.Fatalf("heatmap resolutions %v: want both panels laid out alike", full)
	}
	cost := [2]float64{0.5, 9} // ms: a feedforward refresh, a settled one
	changes := 0
	for k := range 200 {
		i := k % 2
		q := c.heatQ[i]
		c.adaptHeat(i, cost[i]*c.heatQ[i]*c.heatQ[i]) // a refresh costs as its cells
		if c.heatQ[i] != q && k >= 100 {
			changes++
		}
	}
	if c.heatQ[0] != 1 || c.draw.heatRes[0] != full[0] {
		t.Errorf("the cheap panel: factor %v, resolution %v; want 1 and %v", c.heatQ[0], c.draw.heatRes[0], full[0])
	}
	if c.heatQ[1] >= 1 || c.draw.heatRes[1][0] >= full[1][0] {
		t.Errorf("the costly panel: factor %v, resolution %v; want below 1 and %v", c.heatQ[1], c.draw.heatRes[1], full[1])
	}
	if changes != 0 {
		t.Errorf("the factors still changed %d times over the last 100 refreshes", changes)
	}
}

// A heatmap whose refresh costs more than heatTickMs a tick on average is
// refreshed less often, in proportion; a cheap one every heatEvery ticks.
func TestCompareCostlyHeatmapsRefreshLessOften(t *testing.T) {
	c := newTestCompare(t, "#rules=bp,chl&seed=3")
	c.heatCost = [2]float64{0.5, 15}
	if got := c.heatInterval(0); got != heatEvery {
		t.Errorf("a 0.5 ms refresh every %d ticks, want %d", got, heatEvery)
	}
	if got, want := c.heatInterval(1), int(math.Ceil(15/heatTickMs)); got != want || want <= heatEvery {
		t.Errorf("a 15 ms refresh every %d ticks, want %d", got, want)
	}
	// Playing, the costly panel's heatmap is refreshed at that interval.
	c.Layout(testArea, 1)
	for range 4 {
		c.Advance(c.StepsPerTick())
		c.UpdateWith(true, Intents{})
	}
	c.heatCost[1] = 15
	c.heatQ[1] = 0.4 // at the floor: the cost stays
	var at []int
	for range 120 {
		c.Advance(c.StepsPerTick())
		before := c.heatTick[1]
		c.UpdateWith(true, Intents{})
		if c.heatTick[1] != before {
			at = append(at, c.ticks)
			c.heatCost[1] = 15 // as measured: keep the cost, whatever this machine took
		}
	}
	for j := 1; j < len(at); j++ {
		if gap := at[j] - at[j-1]; gap < c.heatInterval(1) {
			t.Errorf("refreshed %d ticks apart (at ticks %v), want at least %d", gap, at, c.heatInterval(1))
		}
	}
	if len(at) < 2 {
		t.Errorf("refreshed at ticks %v over 120 ticks: want several", at)
	}
}

// While playing, the three charts take turns: no tick marks more than one
// stale (all three redrawn in one frame was a 6 ms frame in wasm), and each
// is redrawn every plotEvery ticks while the runs step. Paused, a step
// marks all three at once.
func TestCompareChartsTakeTurns(t *testing.T) {
	c := newTestCompare(t, "#rules=bp,chl&seed=3")
	c.Layout(testArea, 1)
	dst := ebiten.NewImage(1280, 720)
	defer dst.Deallocate()
	n := len(c.draw.plots)
	redrawn := make([]int, n)
	for tick := range 10 * plotEvery {
		c.Advance(c.StepsPerTick())
		c.UpdateWith(true, Intents{})
		stale := 0
		for i, p := range c.draw.plots {
			if p.stale {
				stale++
				redrawn[i]++
			}
		}
		if stale > 1 && tick > 0 {
			t.Fatalf("tick %d marked %d charts stale at once", tick, stale)
		}
		c.Draw(dst)
	}
	for i, k := range redrawn {
		if k < 9 || k > 11 {
			t.Errorf("chart %d redrawn %d times in %d playing ticks, want about %d", i, k, 10*plotEvery, 10)
		}
	}
	c.Advance(1)
	c.UpdateWith(false, Intents{})
	for i, p := range c.draw.plots {
		if !p.stale {
			t.Errorf("paused: chart %d not marked stale after a step", i)
		}
	}
}
