package anim

import (
	"fmt"
	"math"
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
	return NewTimeline(&tr, r.View().Sizes())
}

// Every rule's real trace gives the story its rule tells.
func TestTimelineOfEveryRule(t *testing.T) {
	for _, rule := range engine.RuleNames {
		tl := realTimeline(t, rule)
		var got []string
		for _, p := range tl.Phases {
			if len(got) == 0 || got[len(got)-1] != p.Kind.String() {
				got = append(got, p.Kind.String())
			}
		}
		if want := engine.RuleOf(rule).Phases; strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: phases %v, the registry's %v", rule, got, want)
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

// Predictive coding's inference lights the error nodes up layer by layer:
// at the start only the output's error nodes are lit, hidden layer 2's
// next, hidden layer 1's last, with δ-coloured pulses travelling back along
// the forward edges; then one error-node phase per layer, output first,
// and the units end showing ε (the tooltip's label).
func TestPCErrorNodesLightUpLayerByLayer(t *testing.T) {
	tl := realTimeline(t, "pc")
	g, _ := testGeom(tl.Sizes)
	ci := tl.FindPhase(PhaseClamped)
	if ci < 0 {
		t.Fatal("no inference phase")
	}
	ph := tl.Phases[ci]
	lit := func(f Frame, k int) bool {
		for _, u := range f.Units[k] {
			if u.HasSignal && math.Abs(u.Signal) > 0.05 { // visibly lit
				return true
			}
		}
		return false
	}
	// The time at which iteration i of the phase shows (settle's mapping).
	timeOf := func(i float64) float64 {
		return ph.Start + ph.Dur*math.Pow(i/float64(len(ph.events)), 1/1.6)
	}
	f0 := FrameAt(tl, timeOf(1e-6), g)
	if !lit(f0, 3) || lit(f0, 2) || lit(f0, 1) {
		t.Errorf("iteration 0: lit output %v, layer 2 %v, layer 1 %v; want the output only", lit(f0, 3), lit(f0, 2), lit(f0, 1))
	}
	f1 := FrameAt(tl, timeOf(1+1e-6), g)
	if !lit(f1, 2) || lit(f1, 1) {
		t.Errorf("iteration 1: layer 2 %v, layer 1 %v; want layer 2 only below the output", lit(f1, 2), lit(f1, 1))
	}
	f2 := FrameAt(tl, timeOf(2+1e-6), g)
	if !lit(f2, 1) {
		t.Error("iteration 2: hidden layer 1's error nodes are not lit")
	}
	deltas := 0
	for _, p := range f1.Pulses {
		if isColor(p, deltaRGB) {
			deltas++
		}
	}
	if deltas == 0 {
		t.Error("no error pulses travel back during inference")
	}
	var order []int
	for _, p := range tl.Phases {
		if p.Kind == PhaseErrorNode {
			order = append(order, p.Layer)
		}
	}
	if fmt.Sprint(order) != "[3 2 1]" {
		t.Errorf("error-node phases for layers %v, want [3 2 1]", order)
	}
	if _, label, ok := tl.FinalSignal(1, 0); !ok || label != "ε" {
		t.Errorf("final signal label %q (%v), want ε", label, ok)
	}
}

// The update phase and the Δw tooltip show the update the run applied: with
// the learning rate changed to 1 at step 1 and L2 decay, the step after it
// moves each weight by 1·(ΔW − 0.1·w), to the weight the run then has.
func TestTimelineShowsTheUpdateApplied(t *testing.T) {
	c, w := engine.DecodeLink("#changes=1~learningRate~1&regularization=L2&regularizationRate=0.1")
	if len(w) != 0 {
		t.Fatal(w)
	}
	for _, rule := range []string{"bp", "chl"} {
		r, _ := engine.NewRun(c, rule)
		r.Step(1)
		before := r.View().AllWeights()
		var tr engine.Trace
		r.StepTraced(&tr)
		after := r.View().AllWeights()
		tl := NewTimeline(&tr, r.View().Sizes())
		g, _ := testGeom(tl.Sizes)
		end := FrameAt(tl, tl.Total, g)
		checked := 0
		for _, e := range tr.Events {
			if e.Kind != engine.EvUpdate {
				continue
			}
			k := e.Layer
			for x, dw := range e.Weights {
				want := 1 * (dw - 0.1*before[k][x])
				if got, ok := tl.DeltaW(k, x); !ok || math.Abs(got-want) > 1e-12 {
					t.Fatalf("%s: Δw[%d][%d] shown %v, applied η(ΔW − λw) = %v", rule, k, x, got, want)
				}
				if end.Edges[k][x].W != after[k][x] {
					t.Fatalf("%s: W[%d][%d] after the update %v, the run's %v", rule, k, x, end.Edges[k][x].W, after[k][x])
				}
				checked++
			}
		}
		if checked != 4*2+2*4+1*2 {
			t.Errorf("%s: %d weights checked", rule, checked)
		}
	}
}
