package anim

import (
	"fmt"

	"propagate/engine"
)

// Numbers is the example a step is explained on, as the engine's trace
// has it (issue 15's numbers pane): its input, target and output, each
// unit's activity and signal (δ, or x⁺ − x⁻ for the rules that settle),
// and, for one edge, the change the step made with the factors it came
// from. Nothing here is recomputed: every value is read from the trace.
type Numbers struct {
	Rule   string         `json:"rule"`
	Input  []float64      `json:"input"`
	Target []float64      `json:"target"`
	Output []float64      `json:"output"`
	Layers []LayerNumbers `json:"layers"` // the hidden layers and the output, k = 1..L
	Edge   *EdgeNumbers   `json:"edge,omitempty"`
}

// LayerNumbers is one layer's units at the end of the step.
type LayerNumbers struct {
	Layer      int       `json:"layer"`
	Act        []float64 `json:"act"`
	Signal     []float64 `json:"signal,omitempty"`
	SignalName string    `json:"signalName,omitempty"` // δ, x⁺−x⁻, e or r
}

// EdgeNumbers is one weight's change: Δw_{ij} of layer Layer, from unit
// From of layer Layer−1 into unit To.
type EdgeNumbers struct {
	Name    string  `json:"name"` // from → to, as the readouts name units
	Layer   int     `json:"layer"`
	From    int     `json:"from"`
	To      int     `json:"to"`
	Eta     float64 `json:"eta"`
	Pre     float64 `json:"pre"`    // the sending unit's activity, x_j
	Signal  float64 `json:"signal"` // the receiving unit's δ_i (or its own signal)
	Term    float64 `json:"term"`   // the step's change per unit of η, from the trace
	DeltaW  float64 `json:"deltaW"` // η × Term: the change applied
	Formula string  `json:"formula"`
}

// Numbers gathers the trace's values at the end of the step.
func (tl *Timeline) Numbers() Numbers {
	n := Numbers{Rule: tl.Rule, Input: tl.Input, Target: tl.Target}
	if len(tl.states) == 0 {
		return n
	}
	st := tl.states[len(tl.states)-1]
	L := len(tl.Sizes) - 1
	if L < len(st.act) {
		n.Output = st.act[L]
	}
	for k := 1; k <= L && k < len(st.act); k++ {
		ln := LayerNumbers{Layer: k, Act: st.act[k]}
		if k < len(st.signal) && st.signal[k] != nil {
			ln.Signal = st.signal[k]
			_, ln.SignalName, _ = tl.FinalSignal(k, 0)
		}
		n.Layers = append(n.Layers, ln)
	}
	return n
}

// EdgeNumbers is the change the step made to the weight from unit from of
// layer k−1 into unit to of layer k. For the rules whose update is
// −η·δ·x (backprop and feedback alignment) the formula shows those three
// factors beside the trace's Δw, so the chain rule can be checked by
// hand; for the others, η times the rule's own local term.
func (tl *Timeline) EdgeNumbers(k, to, from int) (EdgeNumbers, bool) {
	if k < 1 || k >= len(tl.Sizes) || to >= tl.Sizes[k] || from >= tl.Sizes[k-1] || len(tl.states) == 0 {
		return EdgeNumbers{}, false
	}
	dw, ok := tl.DeltaW(k, to*tl.Sizes[k-1]+from)
	if !ok {
		return EdgeNumbers{}, false
	}
	e := EdgeNumbers{Layer: k, From: from, To: to, Eta: tl.eta, DeltaW: dw}
	if tl.eta != 0 {
		e.Term = dw / tl.eta
	}
	st := tl.states[len(tl.states)-1]
	if k-1 < len(st.act) && from < len(st.act[k-1]) {
		e.Pre = st.act[k-1][from]
	}
	sig, label, hasSig := tl.FinalSignal(k, to)
	e.Signal = sig
	switch spec := engine.RuleOf(tl.Rule); {
	case spec.Hebbian == "" && spec.Feedback != engine.FeedbackNone: // δ travels back: backprop, FA, DFA
		e.Formula = fmt.Sprintf("Δw = −η·δ·x = −%g × %+.4g × %+.4g = %+.4g", tl.eta, sig, e.Pre, dw)
	default:
		e.Formula = fmt.Sprintf("Δw = η × its local term = %g × %+.4g = %+.4g", tl.eta, e.Term, dw)
		if hasSig {
			e.Formula += fmt.Sprintf(" (its unit's %s %+.4g)", label, sig)
		}
	}
	if tl.regular {
		e.Formula += " (with the L1/L2 term)"
	}
	return e, true
}
