package anim

import (
	"strings"
	"testing"

	"propagate/engine"
)

// realTimeline is the timeline of one traced step of rule on the default
// config, as the scene builds it.
func realTimeline(t *testing.T, rule string) *Timeline {
	t.Helper()
	c := engine.DefaultConfig()
	r, err := engine.NewRun(c, rule)
	if err != nil {
		t.Fatal(err)
	}
	var tr engine.Trace
	r.StepTraced(&tr)
	return NewTimeline(&tr, r.Net.Sizes, WeightsOf(r.Net), c.LearningRate)
}

// Every rule's real trace gives the story its rule tells.
func TestTimelineOfEveryRule(t *testing.T) {
	want := map[string][]string{
		"bp":          {"forward", "error", "backward", "update"},
		"fa":          {"forward", "error", "backward", "feedback", "update"},
		"dfa":         {"forward", "error", "backward", "feedback", "update"},
		"chl":         {"free", "clamp", "clamped", "hebbian", "update"},
		"generec":     {"free", "clamp", "clamped", "hebbian", "update"},
		"generec-mid": {"free", "clamp", "clamped", "hebbian", "update"},
		"generec-sym": {"free", "clamp", "clamped", "hebbian", "update"},
		"eqprop":      {"free", "clamp", "clamped", "hebbian", "update"},
		"arp":         {"forward", "hebbian", "update"},
	}
	for _, rule := range engine.RuleNames {
		tl := realTimeline(t, rule)
		var got []string
		for _, p := range tl.Phases {
			if len(got) == 0 || got[len(got)-1] != p.Kind.String() {
				got = append(got, p.Kind.String())
			}
		}
		if strings.Join(got, ",") != strings.Join(want[rule], ",") {
			t.Errorf("%s: phases %v, want %v", rule, got, want[rule])
		}
		g, _ := testGeom(tl.Sizes)
		for t0 := 0.0; t0 < tl.Total; t0 += 0.1 {
			f := FrameAt(tl, t0, g)
			if f.Caption == "" {
				t.Fatalf("%s t=%v: no caption", rule, t0)
			}
		}
	}
}

// CHL tells the papers' story: the free phase with no marker, then the
// clamp, whose marker stays on through the clamped phase.
func TestCHLClampsAfterTheFreePhase(t *testing.T) {
	tl := realTimeline(t, "chl")
	g, _ := testGeom(tl.Sizes)
	cl, fr := tl.Phases[tl.FindPhase(PhaseClamped)], tl.Phases[tl.FindPhase(PhaseFree)]
	if fr.Start >= cl.Start {
		t.Fatalf("free phase at %v, clamped at %v: want free first", fr.Start, cl.Start)
	}
	if f := FrameAt(tl, fr.Start+fr.Dur/2, g); f.Clamp != 0 || f.Units[3][0].Clamped {
		t.Errorf("mid free phase: clamp %v", f.Clamp)
	}
	if f := FrameAt(tl, cl.Start+cl.Dur/2, g); f.Clamp != 1 || !f.Units[3][0].Clamped {
		t.Errorf("mid clamped phase: clamp %v", f.Clamp)
	}
	// The clamped phase's hidden units show x⁺ − x⁻ growing.
	f := FrameAt(tl, cl.End()-1e-6, g)
	if u := f.Units[1]; !u[0].HasSignal {
		t.Errorf("hidden units at the end of the clamped phase: %+v", u)
	}
}
