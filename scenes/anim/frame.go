package anim

import (
	"fmt"
	"image/color"
	"math"
	"propagate/engine"
)

// NetGeom is where a panel draws a net: unit centres per layer and the unit
// radius, from UnitPositions and UnitRadius.
type NetGeom struct {
	Pos    [][]Point
	Radius float64
}

// EdgePath is the curve an edge is drawn along: a quadratic Bézier from A to
// B bending toward Ctrl (a straight line when Ctrl is the midpoint).
type EdgePath struct{ A, B, Ctrl Point }

// At is the point a fraction s (0..1) of the way from A to B.
func (e EdgePath) At(s float64) Point {
	u := 1 - s
	return Point{
		u*u*e.A.X + 2*u*s*e.Ctrl.X + s*s*e.B.X,
		u*u*e.A.Y + 2*u*s*e.Ctrl.Y + s*s*e.B.Y,
	}
}

// Points samples the path into n+1 points for drawing as a polyline.
func (e EdgePath) Points(n int, dst []Point) []Point {
	for i := 0; i <= n; i++ {
		dst = append(dst, e.At(float64(i)/float64(n)))
	}
	return dst
}

// ForwardPath is the edge from unit j of layer k−1 to unit i of layer k.
func ForwardPath(g NetGeom, k, i, j int) EdgePath {
	a, b := g.Pos[k-1][j], g.Pos[k][i]
	return EdgePath{a, b, Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2}}
}

// FeedbackBend is how far a feedback edge bows away from its forward twin,
// as a fraction of its length: far enough to be told apart at a glance.
const FeedbackBend = 0.14

// FeedbackPath is the feedback edge from unit i of layer k back to unit j of
// layer k−1: it bows to one side, so it is never drawn on top of the
// forward edge it mirrors.
func FeedbackPath(g NetGeom, k, i, j int) EdgePath {
	a, b := g.Pos[k][i], g.Pos[k-1][j]
	return bowed(a, b, FeedbackBend)
}

// DirectPath is direct feedback alignment's edge from output unit i straight
// back to unit j of hidden layer k, arcing below the net.
func DirectPath(g NetGeom, k, i, j int) EdgePath {
	L := len(g.Pos) - 1
	a, b := g.Pos[L][i], g.Pos[k][j]
	return bowed(a, b, 0.22)
}

func bowed(a, b Point, bend float64) EdgePath {
	dx, dy := b.X-a.X, b.Y-a.Y
	// The normal on the same side for every edge going right to left:
	// (dy, −dx) points down when the edge runs leftward.
	return EdgePath{a, b, Point{(a.X+b.X)/2 + bend*dy, (a.Y+b.Y)/2 - bend*dx}}
}

// UnitView is what one unit shows.
type UnitView struct {
	Act        float64 // activity (in the activation's units)
	Known      float64 // 0: not reached yet (drawn idle) … 1: showing Act
	Signal     float64 // δ, the output error, or x⁺ − x⁻, scaled into [−1, 1] within its layer
	SignalKind PhaseKind
	HasSignal  bool
	Clamped    bool // the output unit is held (or nudged) at Target
	Target     float64
}

// EdgeView is what one forward edge shows.
type EdgeView struct {
	W    float64 // the weight drawn (moves during the update phase)
	Glow float64 // a Hebbian term or Δw, scaled into [−1, 1] within its layer; 0 none
}

// PulseDot is a dot travelling along an edge.
type PulseDot struct {
	Pos    Point
	Color  color.NRGBA
	Radius float64
}

// Frame is everything a panel draws at one moment of a timeline.
type Frame struct {
	Phase    int // index into Timeline.Phases (−1: none)
	Kind     PhaseKind
	Progress float64 // 0..1 through the phase
	Short    string
	Caption  string
	Counter  string // "iteration 12 of 40" while settling

	Units        [][]UnitView
	Edges        [][]EdgeView // Edges[k][i*n_{k−1}+j], k ≥ 1
	Feedback     FeedbackKind // which feedback edges to draw
	FeedbackGlow []float64    // per layer k ≥ 1: how brightly the feedback edges into layer k−1 are lit, 0..1
	Pulses       []PulseDot
	Clamp        float64 // 0: no clamp; up to 1 as the clamp marker appears
}

// settlePeriod is the time a pulse takes to cross an edge while settling.
const settlePeriod = 0.8

// FrameAt is what to draw at t seconds into the timeline, for a net drawn
// with geometry g. It is a pure function of its arguments.
func FrameAt(tl *Timeline, t float64, g NetGeom) Frame {
	nl := len(tl.Sizes)
	f := Frame{Phase: -1, Feedback: tl.Feedback}
	f.Units = make([][]UnitView, nl)
	for k, n := range tl.Sizes {
		f.Units[k] = make([]UnitView, n)
	}
	f.Edges = make([][]EdgeView, nl)
	f.FeedbackGlow = make([]float64, nl)
	for k := 1; k < nl; k++ {
		f.Edges[k] = make([]EdgeView, tl.Sizes[k]*tl.Sizes[k-1])
		for x := range f.Edges[k] {
			if x < len(tl.wBefore[k]) {
				f.Edges[k][x].W = tl.wBefore[k][x]
			}
		}
	}
	p, s := tl.PhaseAt(t)
	if p < 0 {
		return f
	}
	ph := tl.Phases[p]
	f.Phase, f.Kind, f.Progress, f.Short, f.Caption = p, ph.Kind, s, ph.Short, ph.Caption

	// Units: from the state before this phase toward the state after it.
	prev := layerState{act: make([][]float64, nl), signal: make([][]float64, nl), sigKind: make([]PhaseKind, nl)}
	if len(tl.Input) == tl.Sizes[0] {
		prev.act[0] = tl.Input
	}
	if p > 0 {
		prev = tl.states[p-1]
	}
	next := tl.states[p]
	arrive := Ease((s - 0.55) / 0.45) // signals land as the pulses reach the units
	switch ph.Kind {
	case PhaseError, PhaseClamp, PhaseHebbian, PhaseUpdate:
		arrive = Ease(s / 0.5)
	case PhaseFree, PhaseClamped:
		arrive = 1
	}
	for k := range nl {
		for i := range f.Units[k] {
			u := &f.Units[k][i]
			pa, na := at(prev.act[k], i), at(next.act[k], i)
			switch {
			case pa.ok && na.ok:
				u.Act, u.Known = pa.v+(na.v-pa.v)*arrive, 1
			case na.ok:
				u.Act, u.Known = na.v, arrive
			case pa.ok:
				u.Act, u.Known = pa.v, 1
			}
		}
		// Signals: the new one fades in; one that goes away fades out.
		sk := next.signal[k]
		kind := next.sigKind[k]
		fade := arrive
		if sk == nil && prev.signal[k] != nil {
			sk, kind, fade = prev.signal[k], prev.sigKind[k], 1-arrive
		} else if sameSlice(sk, prev.signal[k]) {
			fade = 1
		}
		if sk != nil {
			m := maxAbs(sk)
			for i := range f.Units[k] {
				if i < len(sk) && m > 0 {
					u := &f.Units[k][i]
					u.Signal, u.SignalKind, u.HasSignal = fade*sk[i]/m, kind, fade > 0
				}
			}
		}
	}

	// The clamp: from the clamp phase on, the output carries the marker,
	// until a free phase that follows releases it.
	if c := tl.FindPhase(PhaseClamp); c >= 0 && p >= c {
		f.Clamp = 1
		if p == c {
			f.Clamp = Ease(s / 0.4)
		}
		if fr := tl.FindPhase(PhaseFree); fr > c && p >= fr {
			f.Clamp = 0
			if p == fr {
				f.Clamp = 1 - Ease(s/0.3)
			}
		}
		L := nl - 1
		for i := range f.Units[L] {
			f.Units[L][i].Clamped = f.Clamp > 0
			if i < len(tl.Target) {
				f.Units[L][i].Target = tl.Target[i]
			}
		}
	}

	r := g.Radius * 0.22
	switch ph.Kind {
	case PhaseForward:
		k := ph.Layer
		if k >= 1 && k < nl && hasGeom(g, k) {
			e := Ease(s)
			src := prev.act[k-1]
			for i := range tl.Sizes[k] {
				for j := range tl.Sizes[k-1] {
					a := 0.45 + 0.55*math.Min(1, math.Abs(at(src, j).v))
					f.Pulses = append(f.Pulses, PulseDot{ForwardPath(g, k, i, j).At(e), WithAlpha(ForwardPulse, a), r})
				}
			}
		}
	case PhaseBackward, PhaseFeedback:
		k := ph.Layer
		L := nl - 1
		if k >= 1 && k < L && hasGeom(g, k) {
			e := Ease(s)
			src := prev.signal[k+1]
			if ph.Kind == PhaseFeedback && tl.Feedback == DirectFeedback {
				src = prev.signal[L]
			}
			m := maxAbs(src)
			strength := func(i int) float64 {
				if m == 0 {
					return 0.6
				}
				return 0.45 + 0.55*math.Abs(at(src, i).v)/m
			}
			for j := range tl.Sizes[k] {
				switch {
				case ph.Kind == PhaseBackward:
					for i := range tl.Sizes[k+1] {
						f.Pulses = append(f.Pulses, PulseDot{ForwardPath(g, k+1, i, j).At(1 - e), WithAlpha(DeltaPulse, strength(i)), r})
					}
				case tl.Feedback == DirectFeedback:
					for i := range tl.Sizes[L] {
						f.Pulses = append(f.Pulses, PulseDot{DirectPath(g, k, i, j).At(e), WithAlpha(DeltaPulse, strength(i)), r})
					}
				default:
					for i := range tl.Sizes[k+1] {
						f.Pulses = append(f.Pulses, PulseDot{FeedbackPath(g, k+1, i, j).At(e), WithAlpha(DeltaPulse, strength(i)), r})
					}
				}
			}
			if ph.Kind == PhaseFeedback {
				f.FeedbackGlow[k+1] = 1 // DFA: the direct edges into layer k use the same slot
			}
		}
	case PhaseFree, PhaseClamped:
		tl.settle(&f, ph, s, t-ph.Start, g)
	case PhaseHebbian, PhaseUpdate:
		fadeIn := Ease(s / 0.35)
		for _, ei := range ph.events {
			e := tl.events[ei]
			k := e.Layer
			if k < 1 || k >= nl || len(e.Weights) != len(f.Edges[k]) {
				continue
			}
			m := maxAbs(e.Weights)
			for x, v := range e.Weights {
				if m > 0 {
					f.Edges[k][x].Glow = fadeIn * v / m
				}
				if ph.Kind == PhaseUpdate {
					f.Edges[k][x].W += tl.eta * v * Ease(s)
				}
			}
		}
	}
	// Weights after the update phase are the new ones.
	if u := tl.FindPhase(PhaseUpdate); u >= 0 && p > u {
		for _, ei := range tl.Phases[u].events {
			e := tl.events[ei]
			if k := e.Layer; k >= 1 && k < nl && len(e.Weights) == len(f.Edges[k]) {
				for x, v := range e.Weights {
					f.Edges[k][x].W += tl.eta * v
				}
			}
		}
	}
	return f
}

// settle fills a frame during a settling phase: units between iterations,
// pulses both ways whose brightness follows how fast their source unit is
// still changing, and the iteration counter.
func (tl *Timeline) settle(f *Frame, ph Phase, s, dt float64, g NetGeom) {
	n := len(ph.events)
	if n == 0 {
		return
	}
	// Settling moves most in its first iterations: spend more of the
	// phase's time there (position ∝ progress^1.6).
	pos := math.Pow(s, 1.6) * float64(n)
	it := min(int(pos), n-1)
	frac := math.Min(1, pos-float64(it))
	cur := tl.events[ph.events[it]].State
	nxt := tl.events[ph.events[min(it+1, n-1)]].State
	var before [][]float64 // the state one iteration earlier, for the rate of change
	if it > 0 {
		before = tl.events[ph.events[it-1]].State
	}
	f.Counter = fmt.Sprintf("iteration %d of %d", min(it+1, n), n)
	nl := len(tl.Sizes)
	rate := make([][]float64, nl)
	maxRate := 0.0
	for k := range nl {
		if k >= len(cur) {
			continue
		}
		rate[k] = make([]float64, len(cur[k]))
		for i := range cur[k] {
			v := cur[k][i]
			if k < len(nxt) && i < len(nxt[k]) {
				v += (nxt[k][i] - cur[k][i]) * frac
			}
			if i < len(f.Units[k]) {
				f.Units[k][i].Act, f.Units[k][i].Known = v, 1
			}
			if k < len(nxt) && i < len(nxt[k]) {
				rate[k][i] = math.Abs(nxt[k][i] - cur[k][i])
			}
			if before != nil && k < len(before) && i < len(before[k]) {
				rate[k][i] = math.Max(rate[k][i], math.Abs(cur[k][i]-before[k][i]))
			}
			maxRate = math.Max(maxRate, rate[k][i])
		}
	}
	// Each hidden unit shows its x⁺ − x⁻ as it forms: against the state
	// before the clamp while clamped, against the clamped equilibrium while
	// a later free phase lets go; scaled by its size at the phase's end.
	if ref := tl.reference(f.Phase); ref != nil {
		final := tl.events[ph.events[n-1]].State
		for k := 1; k < nl; k++ {
			m := maxAbs(diff(final, ref, k))
			for i := range f.Units[k] {
				if m > 0 && k < len(ref) && i < len(ref[k]) {
					u := &f.Units[k][i]
					d := u.Act - ref[k][i]
					if ph.Kind == PhaseFree {
						d = -d
					}
					u.Signal, u.SignalKind, u.HasSignal = d/m, PhaseClamped, true
				}
			}
		}
	}
	if !hasGeom(g, nl-1) {
		return
	}
	// Rates are tiny near equilibrium; a scale relative to the phase's
	// largest rate with a floor keeps the flow visible but fading.
	scale := func(k, i int) float64 {
		if maxRate == 0 || rate[k] == nil || i >= len(rate[k]) {
			return 0.12
		}
		return 0.12 + 0.88*math.Sqrt(rate[k][i]/maxRate)
	}
	e := math.Mod(dt, settlePeriod) / settlePeriod
	r := g.Radius * 0.19
	fbColor := FeedbackEdge
	if ph.Kind == PhaseFree {
		fbColor = Mix(FeedbackEdge, ForwardPulse, 0.35)
	}
	for k := 1; k < nl; k++ {
		lit := 0.0
		for i := range tl.Sizes[k] {
			for j := range tl.Sizes[k-1] {
				f.Pulses = append(f.Pulses, PulseDot{ForwardPath(g, k, i, j).At(e), WithAlpha(ForwardPulse, scale(k-1, j)*0.8), r})
				if tl.Feedback != NoFeedback {
					a := scale(k, i)
					lit = math.Max(lit, a)
					f.Pulses = append(f.Pulses, PulseDot{FeedbackPath(g, k, i, j).At(e), WithAlpha(fbColor, a), r})
				}
			}
		}
		f.FeedbackGlow[k] = lit
	}
}

type maybe struct {
	v  float64
	ok bool
}

func at(v []float64, i int) maybe {
	if v == nil || i >= len(v) {
		return maybe{}
	}
	return maybe{v[i], true}
}

func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		if a := math.Abs(x); a > m && !math.IsInf(a, 0) {
			m = a
		}
	}
	return m
}

func sameSlice(a, b []float64) bool {
	return len(a) > 0 && len(b) > 0 && &a[0] == &b[0]
}

func hasGeom(g NetGeom, k int) bool { return k < len(g.Pos) && g.Pos[k] != nil }

// WeightsOf copies a net's forward weights per layer (row-major, W[0] nil):
// the "before" a timeline's update phase starts from.
func WeightsOf(n *engine.Net) [][]float64 {
	w := make([][]float64, len(n.Sizes))
	for k := 1; k < len(n.Sizes); k++ {
		w[k] = append([]float64(nil), n.W[k].RawMatrix().Data...)
	}
	return w
}
