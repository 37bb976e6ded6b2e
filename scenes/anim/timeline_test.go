package anim

import (
	"math"
	"testing"

	"propagate/engine"
)

// bpTrace is a real backprop step on the default config (2 → 4 → 2 → 1).
func bpTrace(t *testing.T) (*engine.Trace, []int, [][]float64) {
	t.Helper()
	c := engine.DefaultConfig()
	r, err := engine.NewRun(c, "bp")
	if err != nil {
		t.Fatal(err)
	}
	var before [][]float64
	for k := range r.Net.Sizes {
		if k == 0 {
			before = append(before, nil)
			continue
		}
		before = append(before, append([]float64(nil), r.Net.W[k].RawMatrix().Data...))
	}
	var tr engine.Trace
	r.StepTraced(&tr)
	return &tr, r.Net.Sizes, before
}

// settleTrace is a made-up CHL-style trace of the shape the energy-based
// rules record: free iterations, the clamp, clamped iterations, a Hebbian
// term and an update per layer.
func settleTrace(rule string, sizes []int, free, clamped int) *engine.Trace {
	tr := &engine.Trace{}
	tr.Reset(rule, make([]float64, sizes[0]), []float64{1})
	state := make([][]float64, len(sizes))
	for k, n := range sizes {
		state[k] = make([]float64, n)
	}
	for i := range free {
		for k := 1; k < len(sizes); k++ {
			for u := range state[k] {
				state[k][u] = 0.5 * (1 - math.Pow(0.7, float64(i+1))) * float64(u+1) / float64(len(state[k]))
			}
		}
		tr.AddState(engine.EvFreeIter, i, state)
	}
	L := len(sizes) - 1
	tr.AddUnits(engine.EvClamp, L, []float64{1})
	for i := range clamped {
		state[L][0] = 1
		for k := L - 1; k >= 1; k-- {
			for u := range state[k] {
				state[k][u] += 0.05 * math.Pow(0.7, float64(i)) * float64(k)
			}
		}
		tr.AddState(engine.EvClampedIter, i, state)
	}
	for k := 1; k <= L; k++ {
		w := make([]float64, sizes[k]*sizes[k-1])
		for x := range w {
			w[x] = float64(x%3) - 1
		}
		tr.AddWeights(engine.EvHebbian, k, w)
	}
	for k := 1; k <= L; k++ {
		tr.AddWeights(engine.EvUpdate, k, make([]float64, sizes[k]*sizes[k-1]))
	}
	return tr
}

// faTrace is a feedback-alignment-shaped trace: backprop's with the hidden
// layers' δ arriving as EvFeedback.
func faTrace(t *testing.T, rule string) *engine.Trace {
	tr, _, _ := bpTrace(t)
	tr.Rule = rule
	for i := range tr.Events {
		if e := &tr.Events[i]; e.Kind == engine.EvBackward && e.Layer < 3 {
			e.Kind = engine.EvFeedback
		}
	}
	return tr
}

func kinds(tl *Timeline) []string {
	var out []string
	for _, p := range tl.Phases {
		s := p.Kind.String()
		if p.Layer > 0 && (p.Kind == PhaseForward || p.Kind == PhaseBackward || p.Kind == PhaseFeedback) {
			s += string(rune('0' + p.Layer))
		}
		out = append(out, s)
	}
	return out
}

func TestTimelinePhaseOrderPerRule(t *testing.T) {
	sizes := []int{2, 4, 2, 1}
	bp, _, _ := bpTrace(t)
	tests := []struct {
		name string
		tr   *engine.Trace
		want []string
	}{
		{"bp", bp, []string{"forward1", "forward2", "forward3", "error", "backward3", "backward2", "backward1", "update"}},
		{"fa", faTrace(t, "fa"), []string{"forward1", "forward2", "forward3", "error", "backward3", "feedback2", "feedback1", "update"}},
		{"chl", settleTrace("chl", sizes, 20, 12), []string{"free", "clamp", "clamped", "hebbian", "update"}},
		{"eqprop", settleTrace("eqprop", sizes, 20, 4), []string{"free", "clamp", "clamped", "hebbian", "update"}},
	}
	for _, tt := range tests {
		tl := NewTimeline(tt.tr, sizes, nil, 0.03)
		got := kinds(tl)
		if len(got) != len(tt.want) {
			t.Fatalf("%s: phases %v, want %v", tt.name, got, tt.want)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: phase %d = %s, want %s (all: %v)", tt.name, i, got[i], tt.want[i], got)
			}
		}
	}
}

func TestTimelineDurations(t *testing.T) {
	sizes := []int{2, 4, 2, 1}
	bp, _, _ := bpTrace(t)
	tl := NewTimeline(bp, sizes, nil, 0.03)
	// 3 forward + error + δ_L at the output + 2 backward + update.
	want := 3*SecondsPerLayer + SecondsError + SecondsAtOutput + 2*SecondsPerLayer + SecondsUpdate + SecondsEndOfTrace
	if math.Abs(tl.Total-want) > 1e-9 {
		t.Errorf("bp total = %v s, want %v", tl.Total, want)
	}
	chl := NewTimeline(settleTrace("chl", sizes, 100, 60), sizes, nil, 0.03)
	// Settling takes the same time however many iterations it needed.
	want = SecondsSettle + SecondsClamp + SecondsSettle + SecondsHebbian + SecondsUpdate + SecondsEndOfTrace
	if math.Abs(chl.Total-want) > 1e-9 {
		t.Errorf("chl total = %v s, want %v", chl.Total, want)
	}
	for _, tl := range []*Timeline{tl, chl} {
		end := 0.0
		for i, p := range tl.Phases {
			if p.Dur <= 0 || math.Abs(p.Start-end) > 1e-9 {
				t.Errorf("%s phase %d starts at %v lasting %v; previous ended at %v", tl.Rule, i, p.Start, p.Dur, end)
			}
			end = p.End()
			if p.Caption == "" || p.Short == "" {
				t.Errorf("%s phase %d (%v) has no caption", tl.Rule, i, p.Kind)
			}
		}
	}
}

func TestTimelineProgressMonotone(t *testing.T) {
	sizes := []int{2, 4, 2, 1}
	bp, _, _ := bpTrace(t)
	for _, tl := range []*Timeline{NewTimeline(bp, sizes, nil, 0.03), NewTimeline(settleTrace("chl", sizes, 30, 20), sizes, nil, 0.03)} {
		lastP, lastS := 0, 0.0
		for t0 := -1.0; t0 < tl.Total+2; t0 += 0.01 {
			p, s := tl.PhaseAt(t0)
			if s < 0 || s > 1 {
				t.Fatalf("%s t=%v: progress %v outside [0,1]", tl.Rule, t0, s)
			}
			if p < lastP || (p == lastP && s < lastS-1e-12) {
				t.Fatalf("%s t=%v: went back from phase %d@%v to %d@%v", tl.Rule, t0, lastP, lastS, p, s)
			}
			lastP, lastS = p, s
		}
		if lastP != len(tl.Phases)-1 || lastS != 1 {
			t.Errorf("%s: ends at phase %d@%v, want the last at 1", tl.Rule, lastP, lastS)
		}
	}
}

func TestNextPhaseSteps(t *testing.T) {
	sizes := []int{2, 4, 2, 1}
	tl := NewTimeline(settleTrace("chl", sizes, 10, 10), sizes, nil, 0.03)
	t0 := 0.3
	for i := 1; i < len(tl.Phases); i++ {
		t0 = tl.NextPhase(t0)
		if p, s := tl.PhaseAt(t0); p != i || s != 0 {
			t.Fatalf("after %d nexts: phase %d@%v, want %d@0", i, p, s, i)
		}
	}
	if got := tl.NextPhase(t0); got != tl.Total {
		t.Errorf("next from the last phase = %v, want Total %v", got, tl.Total)
	}
	if tl.FindPhase(PhaseClamp) != 1 || tl.FindPhase(PhaseBackward) != -1 {
		t.Errorf("FindPhase: clamp at %d, backward at %d", tl.FindPhase(PhaseClamp), tl.FindPhase(PhaseBackward))
	}
}

func testGeom(sizes []int) (NetGeom, Rect) {
	area := Rect{Point{100, 50}, Point{500, 350}}
	return NetGeom{UnitPositions(sizes, area), UnitRadius(sizes, area)}, area
}

func isColor(p PulseDot, c [3]uint8) bool {
	return p.Color.R == c[0] && p.Color.G == c[1] && p.Color.B == c[2]
}

var deltaRGB = [3]uint8{DeltaPulse.R, DeltaPulse.G, DeltaPulse.B}

func TestBackwardPulsesOnlyWhileBackward(t *testing.T) {
	sizes := []int{2, 4, 2, 1}
	bp, _, before := bpTrace(t)
	g, area := testGeom(sizes)
	for _, tr := range []*engine.Trace{bp, faTrace(t, "fa"), faTrace(t, "dfa"), settleTrace("chl", sizes, 20, 20)} {
		tl := NewTimeline(tr, sizes, before, 0.03)
		sawDelta := false
		for t0 := 0.0; t0 < tl.Total; t0 += 0.05 {
			f := FrameAt(tl, t0, g)
			backward := f.Kind == PhaseBackward || f.Kind == PhaseFeedback
			for _, p := range f.Pulses {
				if isColor(p, deltaRGB) {
					sawDelta = true
					if !backward {
						t.Fatalf("%s t=%v: a δ pulse during %v", tl.Rule, t0, f.Kind)
					}
				}
				// Direct-feedback arcs bow below the net; everything else
				// stays inside it.
				if tl.Feedback != DirectFeedback && !area.Inset(-g.Radius).In(p.Pos) {
					t.Fatalf("%s t=%v: pulse at %v outside the net %v", tl.Rule, t0, p.Pos, area)
				}
			}
		}
		wantDelta := tl.Rule != "chl"
		if sawDelta != wantDelta {
			t.Errorf("%s: saw δ pulses %v, want %v", tl.Rule, sawDelta, wantDelta)
		}
	}
}

func TestClampMarkerFromTheClampOn(t *testing.T) {
	sizes := []int{2, 4, 2, 1}
	g, _ := testGeom(sizes)
	tl := NewTimeline(settleTrace("chl", sizes, 20, 20), sizes, nil, 0.03)
	clampAt := tl.Phases[tl.FindPhase(PhaseClamp)].Start
	for t0 := 0.0; t0 < tl.Total; t0 += 0.05 {
		f := FrameAt(tl, t0, g)
		out := f.Units[3][0]
		if t0 < clampAt && (f.Clamp > 0 || out.Clamped) {
			t.Fatalf("t=%v: clamp marker before the clamp (%v)", t0, f.Kind)
		}
		if t0 >= clampAt+0.6 && (f.Clamp != 1 || !out.Clamped) {
			t.Fatalf("t=%v: no clamp marker after the clamp (%v, %v)", t0, f.Kind, f.Clamp)
		}
	}
	// Backprop never clamps.
	bp, _, _ := bpTrace(t)
	tb := NewTimeline(bp, sizes, nil, 0.03)
	for t0 := 0.0; t0 < tb.Total; t0 += 0.1 {
		if f := FrameAt(tb, t0, g); f.Clamp > 0 {
			t.Fatalf("bp t=%v: a clamp marker", t0)
		}
	}
}

func TestSettlingCountsIterationsAndRipples(t *testing.T) {
	sizes := []int{2, 4, 2, 1}
	g, _ := testGeom(sizes)
	tl := NewTimeline(settleTrace("chl", sizes, 40, 20), sizes, nil, 0.03)
	free := tl.Phases[tl.FindPhase(PhaseFree)]
	if f := FrameAt(tl, free.Start+0.01, g); f.Counter != "iteration 1 of 40" {
		t.Errorf("counter at the start = %q", f.Counter)
	}
	if f := FrameAt(tl, free.End()-1e-6, g); f.Counter != "iteration 40 of 40" {
		t.Errorf("counter at the end = %q", f.Counter)
	}
	// Feedback pulses travel while settling, in the feedback colour once
	// clamped, and hidden units show x⁺ − x⁻.
	cl := tl.Phases[tl.FindPhase(PhaseClamped)]
	f := FrameAt(tl, cl.End()-1e-6, g)
	green := 0
	for _, p := range f.Pulses {
		if p.Color.R == FeedbackEdge.R && p.Color.G == FeedbackEdge.G && p.Color.B == FeedbackEdge.B {
			green++
		}
	}
	if green == 0 {
		t.Error("no feedback pulses in the clamped phase")
	}
	if u := f.Units[1][0]; !u.HasSignal || u.SignalKind != PhaseClamped || math.Abs(u.Signal) < 0.5 {
		t.Errorf("hidden unit at the end of the clamped phase: %+v, want its x⁺ − x⁻", u)
	}
}

func TestHebbianGlowAndUpdateMoveWeights(t *testing.T) {
	sizes := []int{2, 4, 2, 1}
	bp, _, before := bpTrace(t)
	g, _ := testGeom(sizes)
	tl := NewTimeline(bp, sizes, before, 0.03)
	u := tl.Phases[tl.FindPhase(PhaseUpdate)]
	start, end := FrameAt(tl, u.Start, g), FrameAt(tl, tl.Total, g)
	var dw [][]float64
	for _, e := range bp.Events {
		if e.Kind == engine.EvUpdate {
			for len(dw) <= e.Layer {
				dw = append(dw, nil)
			}
			dw[e.Layer] = e.Weights
		}
	}
	for k := 1; k < 4; k++ {
		for x := range start.Edges[k] {
			if start.Edges[k][x].W != before[k][x] {
				t.Fatalf("W[%d][%d] moved before the update", k, x)
			}
			if want := before[k][x] + 0.03*dw[k][x]; math.Abs(end.Edges[k][x].W-want) > 1e-12 {
				t.Fatalf("W[%d][%d] after = %v, want %v", k, x, end.Edges[k][x].W, want)
			}
		}
	}
	mid := FrameAt(tl, u.Start+u.Dur*0.6, g)
	lit := false
	for k := 1; k < 4; k++ {
		for _, e := range mid.Edges[k] {
			if math.Abs(e.Glow) > 0.99 {
				lit = true
			}
		}
	}
	if !lit {
		t.Error("no edge glows with its Δw during the update")
	}
}

func TestCaptionsFitTheirRule(t *testing.T) {
	sizes := []int{2, 4, 2, 1}
	tl := NewTimeline(settleTrace("eqprop", sizes, 5, 5), sizes, nil, 0.03)
	if c := tl.Phases[tl.FindPhase(PhaseClamp)].Caption; c == "" || c[:5] != "The o" {
		t.Errorf("eqprop clamp caption %q", c)
	}
	if s := tl.Phases[tl.FindPhase(PhaseClamp)].Short; s != "output nudged" {
		t.Errorf("eqprop clamp short %q, want a nudge", s)
	}
}
