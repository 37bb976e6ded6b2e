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
	if f := anim.FrameAt(c.tls[0], c.clock[0], g); f.Kind != anim.PhaseBackward || f.Phase == c.tls[0].FindPhase(anim.PhaseBackward) {
		t.Errorf("bp at %v (phase %d), want a travelling backward phase", f.Kind, f.Phase)
	}
	// CHL has no backward phase: it shows its counterpart, the clamped one.
	if f := anim.FrameAt(c.tls[1], c.clock[1], g); f.Kind != anim.PhaseClamped {
		t.Errorf("chl beside bp's backward phase shows %v, want clamped", f.Kind)
	}
	if err := c.Command("phase", "clamped"); err != nil {
		t.Fatal(err)
	}
	if f := anim.FrameAt(c.tls[1], c.clock[1], g); f.Kind != anim.PhaseClamped || f.Clamp != 1 {
		t.Errorf("chl at %v clamp %v, want the clamped phase with the marker", f.Kind, f.Clamp)
	}
	// Held: ticks while paused or playing-but-held do not move the clock.
	at := c.clock[1]
	c.UpdateWith(false, Intents{})
	if c.clock[1] != at {
		t.Error("the clock moved while held")
	}
	// Next phase moves on.
	c.UpdateWith(false, Intents{NextPhase: true})
	if c.clock[1] <= at {
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
