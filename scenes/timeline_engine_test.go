package scenes

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
		"chl":         {"clamp", "clamped", "free", "hebbian", "update"},
		"generec":     {"clamp", "clamped", "free", "hebbian", "update"},
		"generec-mid": {"clamp", "clamped", "free", "hebbian", "update"},
		"generec-sym": {"clamp", "clamped", "free", "hebbian", "update"},
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

// With the clamped phase first (Xie & Seung), the marker shows while
// clamped and goes when the free phase lets the output go.
func TestClampedFirstReleasesTheClamp(t *testing.T) {
	tl := realTimeline(t, "chl")
	g, _ := testGeom(tl.Sizes)
	cl, fr := tl.Phases[tl.FindPhase(PhaseClamped)], tl.Phases[tl.FindPhase(PhaseFree)]
	if f := FrameAt(tl, cl.Start+cl.Dur/2, g); f.Clamp != 1 || !f.Units[3][0].Clamped {
		t.Errorf("mid clamped phase: clamp %v", f.Clamp)
	}
	if f := FrameAt(tl, fr.Start+fr.Dur/2, g); f.Clamp != 0 || f.Units[3][0].Clamped {
		t.Errorf("mid free phase after the clamp: clamp %v", f.Clamp)
	}
	if !strings.Contains(fr.Caption, "let go") {
		t.Errorf("free phase after the clamp says %q", fr.Caption)
	}
	// The clamped phase's hidden units show x⁺ − x⁻ growing.
	f := FrameAt(tl, cl.End()-1e-6, g)
	if u := f.Units[1]; !u[0].HasSignal {
		t.Errorf("hidden units at the end of the clamped phase: %+v", u)
	}
}
