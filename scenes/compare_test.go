package scenes

import (
	"testing"

	"propagate/engine"
	"propagate/scenes/anim"
)

func newTestCompare(t *testing.T, link string) *Compare {
	t.Helper()
	cfg, _ := engine.DecodeLink(link)
	c, err := NewCompare(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The scene's runs after N steps report what the CLI's runs report after N
// steps of the same link: the scene adds no steps of its own in train mode,
// and the frame's time budget never cuts the steps asked for while paused.
func TestCompareStepsLikeTheCLI(t *testing.T) {
	const link = "#rules=bp,chl&seed=7"
	c := newTestCompare(t, link)
	for range 3 {
		c.Advance(40)
		c.UpdateWith(false, Intents{})
	}
	cfg, _ := engine.DecodeLink(link)
	runs, err := engine.NewRuns(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range runs {
		r.Step(120)
		if got, want := c.Reports()[i], r.Report(); got != want {
			t.Errorf("run %d: scene %+v, CLI %+v", i, got, want)
		}
	}
	if s, _ := c.Progress(); s != 120 {
		t.Errorf("progress %d, want 120", s)
	}
}

func TestCompareExplainPhases(t *testing.T) {
	c := newTestCompare(t, "#rules=bp,chl")
	if err := c.Command("phase", "backward"); err != nil {
		t.Fatal(err)
	}
	if c.Mode() != ModeExplain {
		t.Fatal("phase did not switch to explain mode")
	}
	g := anim.NetGeom{Pos: anim.UnitPositions(c.tls[0].Sizes, anim.Rect{Max: anim.Point{X: 400, Y: 300}}), Radius: 10}
	if f := anim.FrameAt(c.tls[0], c.step[0].Clock, g); f.Kind != anim.PhaseBackward || f.Phase == c.tls[0].FindPhase(anim.PhaseBackward) {
		t.Errorf("bp at %v (phase %d), want a travelling backward phase", f.Kind, f.Phase)
	}
	// CHL has no backward phase: it shows its counterpart, the clamped one.
	if f := anim.FrameAt(c.tls[1], c.step[1].Clock, g); f.Kind != anim.PhaseClamped {
		t.Errorf("chl beside bp's backward phase shows %v, want clamped", f.Kind)
	}
	if err := c.Command("phase", "clamped"); err != nil {
		t.Fatal(err)
	}
	if f := anim.FrameAt(c.tls[1], c.step[1].Clock, g); f.Kind != anim.PhaseClamped || f.Clamp != 1 {
		t.Errorf("chl at %v clamp %v, want the clamped phase with the marker", f.Kind, f.Clamp)
	}
	// Held: ticks while paused or playing-but-held do not move the clock.
	at := c.step[1].Clock
	c.UpdateWith(false, Intents{})
	if c.step[1].Clock != at {
		t.Error("the clock moved while held")
	}
	// Next phase moves on.
	c.UpdateWith(false, Intents{NextPhase: true})
	if c.step[1].Clock <= at {
		t.Error("next phase did not move the clock")
	}
	if err := c.Command("phase", "nonsense"); err == nil {
		t.Error("phase nonsense: no error")
	}
	// A whole step plays through and the next one starts.
	c.Command("mode", "train")
	c.Command("mode", "explain")
	step, _ := c.Progress()
	for range 60 * 40 {
		c.UpdateWith(true, Intents{})
	}
	if s, _ := c.Progress(); s <= step {
		t.Errorf("explain mode did not move on to another step: %d → %d", step, s)
	}
}

func TestCompareRequests(t *testing.T) {
	c := newTestCompare(t, "")
	c.UpdateWith(true, Intents{TogglePlay: true, Step: true})
	if play, steps := c.TakeRequests(); !play || steps != 1 {
		t.Errorf("requests %v %d", play, steps)
	}
	if play, steps := c.TakeRequests(); play || steps != 0 {
		t.Errorf("requests not cleared: %v %d", play, steps)
	}
}

// The agreement plot's norm ratio is the engine's ‖ΔW_rule‖/‖ΔW_bp‖ per
// layer, on a log scale: CHL without a linear output at γ = 0.1 (the
// default demo) has it near 1 in every layer at step 0, exactly what
// Run.Agreement says.
func TestCompareRecordsTheNormRatio(t *testing.T) {
	c := newTestCompare(t, "#rules=bp,chl")
	c.UpdateWith(false, Intents{})
	if len(c.ratio[1]) != 3 {
		t.Fatalf("%d layers of norm ratio recorded for chl, want 3", len(c.ratio[1]))
	}
	cfg, _ := engine.DecodeLink("#rules=bp,chl")
	r, err := engine.NewRun(cfg, "chl")
	if err != nil {
		t.Fatal(err)
	}
	for k, a := range r.Agreement(nil) {
		s := c.ratio[1][k]
		if len(s.Y) == 0 || s.Y[0] != anim.RatioY(a.NormRatio) {
			t.Errorf("layer %d: plotted %v, engine's norm ratio %v (log %v)", k+1, s.Y, a.NormRatio, anim.RatioY(a.NormRatio))
		}
	}
	if got := anim.RatioY(1e-9); got != -anim.RatioDecades {
		t.Errorf("a tiny ratio plots at %v, want the bottom", got)
	}
}

// TestCompareNextHoldsThePhaseItNames: paused, each Next plays the next
// phase to its end and holds it, so the frame drawn is that phase, done —
// the caption and the drawing agree (issue 15, item 1); Previous goes back.
func TestCompareNextHoldsThePhaseItNames(t *testing.T) {
	c := newTestCompare(t, "#rules=bp,chl&mode=explain&networkShape=3&batchSize=1")
	g := anim.NetGeom{Pos: anim.UnitPositions(c.tls[0].Sizes, anim.Rect{Max: anim.Point{X: 400, Y: 300}}), Radius: 10}
	c.Command("strip", "0:0")
	c.Command("strip", "1:0")
	for range 300 {
		c.UpdateWith(false, Intents{})
	}
	step, _ := c.Progress()
	for want := 1; want < len(c.tls[0].Phases); want++ {
		c.UpdateWith(false, Intents{NextPhase: true})
		for range 300 { // 5 s of ticks, paused
			c.UpdateWith(false, Intents{})
		}
		i, done := c.step[0].Phase(c.tls[0])
		f := anim.FrameAt(c.tls[0], c.step[0].Clock, g)
		if i != want || !done || f.Phase != want || f.Progress < 0.999 || f.Caption != c.tls[0].Phases[want].Caption {
			t.Fatalf("after Next %d: phase %d done %t; frame phase %d at %.3f %q", want, i, done, f.Phase, f.Progress, f.Caption)
		}
		if want == 3 { // δ at the output: its ring is there, fully
			if u := f.Units[2][0]; !u.HasSignal || u.Signal == 0 {
				t.Errorf("δ at the output, held: the output unit shows no δ (%+v)", u)
			}
		}
	}
	if s, _ := c.Progress(); s != step {
		t.Errorf("stepping through the phases took steps: %d → %d", step, s)
	}
	c.Command("prev", "")
	if i, done := c.step[0].Phase(c.tls[0]); i != len(c.tls[0].Phases)-2 || !done {
		t.Errorf("prev: phase %d done %t", i, done)
	}
	if err := c.Command("strip", "0:99"); err == nil {
		t.Error("strip 0:99: no error")
	}
}

// TestTooltipHoldsItsLines: the hover box has room for every line as it is
// drawn — the first in bold, which is wider — with its padding on both
// sides, and stays in the scene's area.
func TestTooltipHoldsItsLines(t *testing.T) {
	c := newTestCompare(t, "#rules=bp,chl&seed=7")
	c.Layout(anim.Rect{Min: anim.Point{X: 8, Y: 48}, Max: anim.Point{X: 1272, Y: 712}}, 1)
	lines := []string{"weight input 2 (y) → hidden layer 1, unit 1", "Backprop w −0.343  Δw −0.00101", "CHL w −0.343  Δw −0.00112"}
	size := c.draw.lay.Text.Small
	for _, at := range []anim.Point{{X: 100, Y: 300}, {X: 1260, Y: 700}} {
		box, pad, _ := c.tooltipBox(at, lines)
		for n, l := range lines {
			if w := anim.TextWidth(l, size, n == 0); w+2*pad > box.Dx()+1e-9 {
				t.Errorf("at %v: line %d (%q) is %.1f px with its padding, the box %.1f", at, n, l, w+2*pad, box.Dx())
			}
		}
		if !c.draw.area.Contains(box) {
			t.Errorf("at %v: box %v leaves the area %v", at, box, c.draw.area)
		}
	}
}
