package anim

import (
	"math"

	"propagate/engine"
)

// A Timeline is one recorded learning step (an engine.Trace) turned into the
// phases a viewer sees, in order, each with a duration and a caption. It is
// plain data: FrameAt turns (timeline, t, geometry) into what to draw, and
// tests check both without a screen.

// PhaseKind is one kind of moment in the explain animation.
type PhaseKind uint8

const (
	PhaseForward   PhaseKind = iota // activity pulses travel into layer Layer
	PhaseError                      // the output is compared with the target (or a reward arrives)
	PhaseBackward                   // δ travels back into layer Layer along the forward edges (δ_L appears at the output)
	PhaseFeedback                   // δ travels back into layer Layer along fixed random feedback edges (FA, DFA)
	PhaseFree                       // free-phase settling, both ways along forward and feedback edges
	PhaseClamp                      // the output is clamped (or nudged) toward the target
	PhaseClamped                    // clamped/nudged settling: the change ripples back through feedback
	PhaseHebbian                    // every edge glows with its own local Hebbian term
	PhaseUpdate                     // each weight changes
	PhaseErrorNode                  // predictive coding: layer Layer's error nodes at equilibrium (≈ −δ), from the output down
)

var phaseNames = [...]string{"forward", "error", "backward", "feedback", "free", "clamp", "clamped", "hebbian", "update", "error-node"}

func (k PhaseKind) String() string {
	if int(k) < len(phaseNames) {
		return phaseNames[k]
	}
	return "unknown"
}

// ParsePhaseKind is the inverse of String.
func ParsePhaseKind(s string) (PhaseKind, bool) {
	for i, n := range phaseNames {
		if n == s {
			return PhaseKind(i), true
		}
	}
	return 0, false
}

// Phase durations in seconds: slow enough to follow with the eyes, short
// enough that a whole step of a three-layer net takes under 15 s.
const (
	SecondsPerLayer   = 0.9 // a pulse crossing one layer of edges
	SecondsError      = 1.4
	SecondsAtOutput   = 1.0 // δ_L appearing at the output
	SecondsSettle     = 3.2 // a whole settling phase, however many iterations
	SecondsClamp      = 1.4
	SecondsHebbian    = 2.0
	SecondsUpdate     = 1.6
	SecondsEndOfTrace = 0.8 // a pause before the next step starts
)

// Phase is one moment of the animation.
type Phase struct {
	Kind       PhaseKind
	Layer      int     // the layer the signal reaches (forward, backward, feedback); L for error and clamp
	Start, Dur float64 // seconds from the timeline's start
	Short      string  // a few words for the panel's title line
	Caption    string  // one sentence saying what happens and why
	events     []int   // indices into the trace's events
}

// End is when the phase ends.
func (p Phase) End() float64 { return p.Start + p.Dur }

// Timeline is the animation of one traced step of one run.
type Timeline struct {
	Rule     string
	Sizes    []int
	Feedback engine.Feedback
	Phases   []Phase
	Total    float64 // seconds, including the pause at the end
	Input    []float64
	Target   []float64

	events  []engine.Event
	wBefore [][]float64  // weights before the step, per layer (nil entries: unknown)
	wAfter  [][]float64  // and after it: the update the run applied
	eta     float64      // the learning rate in force at the step
	regular bool         // an L1/L2 term was applied with the update
	states  []layerState // the units at the end of each phase
}

// layerState is what each unit shows at the end of a phase.
type layerState struct {
	act     [][]float64 // activity per layer (nil layer: not reached yet)
	signal  [][]float64 // δ or x⁺ − x⁻ per layer (nil: none)
	sigKind []PhaseKind
}

// NewTimeline lays out the phases of tr, a step of a net of the given sizes
// under rule. The weights before and after the step come from what the run
// recorded it applied (tr.Applied: the learning rate and weight decay in
// force at that step), so the update phase shows each weight moving from
// its old value to the new one it really took; a trace without them (a
// rule's own Compute) shows no weights.
func NewTimeline(tr *engine.Trace, sizes []int) *Timeline {
	tl := &Timeline{
		Rule:     tr.Rule,
		Sizes:    append([]int(nil), sizes...),
		Feedback: engine.RuleOf(tr.Rule).Feedback,
		Input:    append([]float64(nil), tr.Input...),
		Target:   append([]float64(nil), tr.Target...),
		events:   append([]engine.Event(nil), tr.Events...),
		wBefore:  perLayer(tr.Applied.WeightsBefore, sizes),
		wAfter:   perLayer(tr.Applied.WeightsAfter, sizes),
		eta:      tr.Applied.LearningRate,
		regular:  tr.Applied.Regularization != "" && tr.Applied.Regularization != "none" && tr.Applied.RegularizationRate != 0,
	}
	L := len(sizes) - 1
	spec := engine.RuleOf(tr.Rule)
	clamped := false // a clamped phase has been shown: a free phase now is the release
	add := func(kind PhaseKind, layer int, dur float64, ev ...int) {
		p := Phase{Kind: kind, Layer: layer, Dur: dur, events: ev}
		p.Short, p.Caption = phaseCaption(spec, kind, layer, L, clamped)
		if kind == PhaseClamped {
			clamped = true
		}
		tl.Phases = append(tl.Phases, p)
	}
	evs := tl.events
	for i := 0; i < len(evs); {
		e := evs[i]
		// Runs of events of one kind that make one phase.
		j := i + 1
		for j < len(evs) && evs[j].Kind == e.Kind && groupedKind(e.Kind) {
			j++
		}
		idx := make([]int, 0, j-i)
		for x := i; x < j; x++ {
			idx = append(idx, x)
		}
		switch e.Kind {
		case engine.EvForward:
			add(PhaseForward, e.Layer, SecondsPerLayer, i)
		case engine.EvOutputError:
			add(PhaseError, L, SecondsError, i)
		case engine.EvBackward:
			d := SecondsPerLayer
			if e.Layer == L {
				d = SecondsAtOutput
			}
			add(PhaseBackward, e.Layer, d, i)
		case engine.EvFeedback:
			add(PhaseFeedback, e.Layer, SecondsPerLayer, i)
		case engine.EvFreeIter:
			add(PhaseFree, 0, SecondsSettle, idx...)
		case engine.EvClamp:
			add(PhaseClamp, L, SecondsClamp, i)
		case engine.EvClampedIter:
			add(PhaseClamped, 0, SecondsSettle, idx...)
		case engine.EvHebbian:
			add(PhaseHebbian, 0, SecondsHebbian, idx...)
		case engine.EvUpdate:
			add(PhaseUpdate, 0, SecondsUpdate, idx...)
		case engine.EvErrorNode:
			add(PhaseErrorNode, e.Layer, SecondsPerLayer, i)
		}
		i = j
	}
	t := 0.0
	for i := range tl.Phases {
		tl.Phases[i].Start = t
		t += tl.Phases[i].Dur
	}
	tl.Total = t + SecondsEndOfTrace
	tl.computeStates()
	return tl
}

// groupedKind: settling iterations, Hebbian terms and updates of every
// layer are shown together as one phase; forward and backward are one phase
// per layer.
func groupedKind(k engine.EventKind) bool {
	switch k {
	case engine.EvFreeIter, engine.EvClampedIter, engine.EvHebbian, engine.EvUpdate:
		return true
	}
	return false
}

// computeStates replays the events to know what each unit shows at the end
// of each phase.
func (tl *Timeline) computeStates() {
	nl := len(tl.Sizes)
	cur := layerState{act: make([][]float64, nl), signal: make([][]float64, nl), sigKind: make([]PhaseKind, nl)}
	if len(tl.Input) == tl.Sizes[0] {
		cur.act[0] = tl.Input
	}
	tl.states = make([]layerState, len(tl.Phases))
	for p, ph := range tl.Phases {
		next := layerState{act: append([][]float64(nil), cur.act...), signal: append([][]float64(nil), cur.signal...), sigKind: append([]PhaseKind(nil), cur.sigKind...)}
		switch ph.Kind {
		case PhaseForward:
			if e := tl.events[ph.events[0]]; validLayer(e.Layer, nl) {
				next.act[e.Layer] = e.Units
			}
		case PhaseError, PhaseBackward, PhaseFeedback, PhaseErrorNode:
			if e := tl.events[ph.events[0]]; validLayer(e.Layer, nl) {
				next.signal[e.Layer] = e.Units
				next.sigKind[e.Layer] = ph.Kind
			}
		case PhaseFree, PhaseClamped:
			lastEv := tl.events[ph.events[len(ph.events)-1]]
			last := lastEv.State
			for k := range next.act {
				if k < len(last) {
					next.act[k] = last[k]
				}
			}
			if lastEv.Errors != nil {
				// Predictive coding: the units show their error nodes.
				for k := 1; k < nl; k++ {
					next.signal[k], next.sigKind[k] = nil, PhaseErrorNode
					if k < len(lastEv.Errors) {
						next.signal[k] = lastEv.Errors[k]
					}
				}
				break
			}
			ref := tl.reference(p)
			for k := 1; k < nl; k++ {
				next.signal[k] = nil
				if ref != nil {
					if ph.Kind == PhaseClamped {
						next.signal[k] = diff(last, ref, k)
					} else {
						next.signal[k] = diff(ref, last, k)
					}
					next.sigKind[k] = PhaseClamped
				}
			}
		case PhaseClamp:
			if e := tl.events[ph.events[0]]; len(e.Units) == tl.Sizes[nl-1] && !engine.RuleOf(tl.Rule).Nudges {
				next.act[nl-1] = e.Units
			}
		}
		tl.states[p] = next
		cur = next
	}
}

// reference is what a settling phase's x⁺ − x⁻ is measured against. For
// the clamped phase: the free equilibrium if the free phase came first,
// else the state the clamped phase started from (the feedforward pass with
// the output clamped). For a free phase after the clamped one: the clamped
// equilibrium. Nil when there is none (a free phase first).
func (tl *Timeline) reference(p int) [][]float64 {
	ph := tl.Phases[p]
	other := PhaseFree
	if ph.Kind == PhaseFree {
		other = PhaseClamped
	}
	if o := tl.FindPhase(other); o >= 0 && o < p {
		ev := tl.Phases[o].events
		return tl.events[ev[len(ev)-1]].State
	}
	if ph.Kind == PhaseClamped {
		return tl.events[ph.events[0]].State
	}
	return nil
}

func validLayer(k, nl int) bool { return k >= 0 && k < nl }

func diff(a, b [][]float64, k int) []float64 {
	if k >= len(a) || k >= len(b) || len(a[k]) != len(b[k]) {
		return nil
	}
	d := make([]float64, len(a[k]))
	for i := range d {
		d[i] = a[k][i] - b[k][i]
	}
	return d
}

// PhaseAt returns the index of the phase playing at t and how far through
// it (0..1). Before the start it is phase 0 at 0; after the end, the last
// phase at 1. A timeline without phases returns −1.
func (tl *Timeline) PhaseAt(t float64) (int, float64) {
	n := len(tl.Phases)
	if n == 0 {
		return -1, 0
	}
	if t <= 0 {
		return 0, 0
	}
	for i, p := range tl.Phases {
		if t < p.End() {
			return i, math.Max(0, math.Min(1, (t-p.Start)/p.Dur))
		}
	}
	return n - 1, 1
}

// NextPhase returns the start time of the phase after the one playing at t:
// the "next phase" button. At the last phase it returns Total.
func (tl *Timeline) NextPhase(t float64) float64 {
	i, _ := tl.PhaseAt(t)
	if i < 0 || i+1 >= len(tl.Phases) || t >= tl.Phases[len(tl.Phases)-1].End() {
		return tl.Total
	}
	return tl.Phases[i+1].Start
}

// FindPhase returns the index of the first phase of kind, or −1.
func (tl *Timeline) FindPhase(kind PhaseKind) int {
	for i, p := range tl.Phases {
		if p.Kind == kind {
			return i
		}
	}
	return -1
}

// Iterations returns how many settling iterations phase i has (0 for other
// phases).
func (tl *Timeline) Iterations(i int) int {
	if i < 0 || i >= len(tl.Phases) {
		return 0
	}
	switch tl.Phases[i].Kind {
	case PhaseFree, PhaseClamped:
		return len(tl.Phases[i].events)
	}
	return 0
}

// FinalSignal is unit i of layer k's signal at the end of the step: δ for
// backprop and feedback alignment, x⁺ − x⁻ for the rules that settle, the
// error node ε (times Σ_L) for predictive coding. label names it.
func (tl *Timeline) FinalSignal(k, i int) (v float64, label string, ok bool) {
	if len(tl.states) == 0 {
		return 0, "", false
	}
	st := tl.states[len(tl.states)-1]
	if k >= len(st.signal) || i >= len(st.signal[k]) {
		return 0, "", false
	}
	label = "δ"
	switch st.sigKind[k] {
	case PhaseClamped:
		label = "x⁺−x⁻"
	case PhaseErrorNode:
		label = "ε"
	case PhaseError:
		label = "e"
		if engine.RuleOf(tl.Rule).Feedback == engine.FeedbackNone {
			label = "r" // the reward: nothing else travels back
		}
	}
	return st.signal[k][i], label, true
}

// DeltaW is the change the step made to weight x of layer k: what the run
// applied, η(ΔW − λ·decay) with the settings in force.
func (tl *Timeline) DeltaW(k, x int) (float64, bool) {
	if !tl.applied(k) || x < 0 || x >= len(tl.wAfter[k]) {
		return 0, false
	}
	return tl.wAfter[k][x] - tl.wBefore[k][x], true
}

// applied reports whether the weights of layer k before and after the step
// are known.
func (tl *Timeline) applied(k int) bool {
	return k >= 1 && k < len(tl.wAfter) && len(tl.wAfter[k]) == tl.Sizes[k]*tl.Sizes[k-1] && len(tl.wBefore[k]) == len(tl.wAfter[k])
}

// perLayer copies w[k] for each layer of sizes that w has (k ≥ 1), nil for
// the rest.
func perLayer(w [][]float64, sizes []int) [][]float64 {
	out := make([][]float64, len(sizes))
	for k := 1; k < len(sizes) && k < len(w); k++ {
		out[k] = append([]float64(nil), w[k]...)
	}
	return out
}

// PhaseNames are the phase kinds' names, in order.
func PhaseNames() []string { return phaseNames[:] }
