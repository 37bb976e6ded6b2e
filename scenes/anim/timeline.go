package anim

import (
	"fmt"
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
	PhaseForward  PhaseKind = iota // activity pulses travel into layer Layer
	PhaseError                     // the output is compared with the target (or a reward arrives)
	PhaseBackward                  // δ travels back into layer Layer along the forward edges (δ_L appears at the output)
	PhaseFeedback                  // δ travels back into layer Layer along fixed random feedback edges (FA, DFA)
	PhaseFree                      // free-phase settling, both ways along forward and feedback edges
	PhaseClamp                     // the output is clamped (or nudged) toward the target
	PhaseClamped                   // clamped/nudged settling: the change ripples back through feedback
	PhaseHebbian                   // every edge glows with its own local Hebbian term
	PhaseUpdate                    // each weight changes
)

var phaseNames = [...]string{"forward", "error", "backward", "feedback", "free", "clamp", "clamped", "hebbian", "update"}

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
	Feedback FeedbackKind
	Phases   []Phase
	Total    float64 // seconds, including the pause at the end
	Input    []float64
	Target   []float64

	events  []engine.Event
	wBefore [][]float64 // weights before the step, per layer (nil entries: unknown)
	eta     float64
	states  []layerState // the units at the end of each phase
}

// layerState is what each unit shows at the end of a phase.
type layerState struct {
	act     [][]float64 // activity per layer (nil layer: not reached yet)
	signal  [][]float64 // δ or x⁺ − x⁻ per layer (nil: none)
	sigKind []PhaseKind
}

// NewTimeline lays out the phases of tr, a step of a net of the given sizes
// under rule. wBefore holds the weights before the step (W[k] row-major,
// k ≥ 1; it may be nil) and eta the learning rate, so the update phase can
// show each weight moving from its old value to its new one.
func NewTimeline(tr *engine.Trace, sizes []int, wBefore [][]float64, eta float64) *Timeline {
	tl := &Timeline{
		Rule:     tr.Rule,
		Sizes:    append([]int(nil), sizes...),
		Feedback: RuleInfoOf(tr.Rule).Feedback,
		Input:    append([]float64(nil), tr.Input...),
		Target:   append([]float64(nil), tr.Target...),
		events:   append([]engine.Event(nil), tr.Events...),
		eta:      eta,
	}
	tl.wBefore = make([][]float64, len(sizes))
	for k := range wBefore {
		if k < len(sizes) {
			tl.wBefore[k] = append([]float64(nil), wBefore[k]...)
		}
	}
	L := len(sizes) - 1
	info := RuleInfoOf(tr.Rule)
	clamped := false // a clamped phase has been shown: a free phase now is the release
	add := func(kind PhaseKind, layer int, dur float64, ev ...int) {
		p := Phase{Kind: kind, Layer: layer, Dur: dur, events: ev}
		p.Short, p.Caption = captions(tr.Rule, info, kind, layer, L)
		if kind == PhaseFree && clamped {
			p.Short, p.Caption = releaseCaptions(tr.Rule)
		}
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
		case PhaseError, PhaseBackward, PhaseFeedback:
			if e := tl.events[ph.events[0]]; validLayer(e.Layer, nl) {
				next.signal[e.Layer] = e.Units
				next.sigKind[e.Layer] = ph.Kind
			}
		case PhaseFree, PhaseClamped:
			last := tl.events[ph.events[len(ph.events)-1]].State
			for k := range next.act {
				if k < len(last) {
					next.act[k] = last[k]
				}
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
			if e := tl.events[ph.events[0]]; len(e.Units) == tl.Sizes[nl-1] && tl.Rule != "eqprop" {
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

// captions says what a phase shows, briefly and in a sentence.
func captions(rule string, info RuleInfo, kind PhaseKind, layer, L int) (short, long string) {
	into := func(k int) string {
		if k == L {
			return "the output"
		}
		return fmt.Sprintf("hidden layer %d", k)
	}
	nudge := rule == "eqprop"
	switch kind {
	case PhaseForward:
		return "forward → " + shortLayer(layer, L), "Forward pass: activity flows along the weights into " + into(layer) + "."
	case PhaseError:
		if rule == "arp" {
			return "reward", "The output is scored: a single reward number, no per-unit error."
		}
		return "error at the output", "The output is compared with the target: the error e = y − d appears at the output units."
	case PhaseBackward:
		if layer == L {
			return "δ at the output", "The error, scaled by each output unit's slope, becomes δ — the signal backprop sends back."
		}
		return "δ backward → " + shortLayer(layer, L), "δ travels backward through the same weights into " + into(layer) + ": every layer gets its share of the error."
	case PhaseFeedback:
		if rule == "dfa" {
			return "error → " + shortLayer(layer, L), "The output error jumps straight to " + into(layer) + " through fixed random weights."
		}
		return "δ on random feedback → " + shortLayer(layer, L), "δ travels back into " + into(layer) + " on fixed random feedback weights, not the forward ones."
	case PhaseFree:
		return "free phase settling", "Free phase: with the input held, activity flows forward and back through feedback until the net settles."
	case PhaseClamp:
		if nudge {
			return "output nudged", "The output is nudged toward the target (β pulls it a little), nothing else is told."
		}
		return "output clamped", "The output units are clamped to the target. No error is computed or sent."
	case PhaseClamped:
		if nudge {
			return "nudged phase settling", "Nudged phase: the pull at the output spreads back through feedback connections into the hidden layers."
		}
		return "clamped phase settling", "Clamped phase: the change ripples back through the feedback connections into the hidden layers."
	case PhaseHebbian:
		term := info.Hebbian
		if term == "" {
			term = "a product of its two units' activities"
		}
		return "local Hebbian terms", "Each weight learns only from the two units it joins: " + term + "."
	case PhaseUpdate:
		if rule == "bp" || rule == "fa" || rule == "dfa" {
			return "weights change", "Each weight changes by −η·δ·(its input's activity)."
		}
		return "weights change", "Each weight changes by η times its own local term."
	}
	return kind.String(), kind.String()
}

// releaseCaptions describe a free phase that follows the clamped one (Xie &
// Seung settle the clamped phase first and start the free phase from it).
func releaseCaptions(rule string) (short, long string) {
	return "free phase: output released", "Free phase: the output is let go and the net settles to its own answer; each unit's x⁺ − x⁻ is what the weights learn from."
}

func shortLayer(k, L int) string {
	if k == L {
		return "output"
	}
	return fmt.Sprintf("layer %d", k)
}

// FinalSignal is unit i of layer k's signal at the end of the step: δ for
// backprop and feedback alignment, x⁺ − x⁻ for the rules that settle. label
// names it.
func (tl *Timeline) FinalSignal(k, i int) (v float64, label string, ok bool) {
	if len(tl.states) == 0 {
		return 0, "", false
	}
	st := tl.states[len(tl.states)-1]
	if k >= len(st.signal) || i >= len(st.signal[k]) {
		return 0, "", false
	}
	label = "δ"
	if st.sigKind[k] == PhaseClamped {
		label = "x⁺−x⁻"
	}
	return st.signal[k][i], label, true
}

// DeltaW is the change the step made to weight x of layer k (η·ΔW).
func (tl *Timeline) DeltaW(k, x int) (float64, bool) {
	u := tl.FindPhase(PhaseUpdate)
	if u < 0 {
		return 0, false
	}
	for _, ei := range tl.Phases[u].events {
		if e := tl.events[ei]; e.Layer == k && x < len(e.Weights) {
			return tl.eta * e.Weights[x], true
		}
	}
	return 0, false
}

// PhaseNames are the phase kinds' names, in order.
func PhaseNames() []string { return phaseNames[:] }
