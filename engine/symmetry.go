package engine

import (
	"math"

	"gonum.org/v1/gonum/blas"
)

// Weight symmetry over time. Backprop sends the error into hidden layer k
// through W_{k+1}ᵀ; the rules that do without weight transport send it
// through a fixed random matrix B instead. How far apart the two are, as
// training goes, is what decides whether the feedback is useful: Lillicrap
// et al. (2016) found that the forward weights come into alignment with B
// (the angle between them falls below 90°).
//
// For each hidden layer k the engine compares the forward path the
// feedback stands in for with the feedback itself:
//
//	fa, and CHL/GeneRec/EqProp with feedback=random: W_{k+1} and B_{k+1}
//	  (the net's Feedback[k+1], which carries layer k+1 back to k as Bᵀ
//	  where tied feedback uses W_{k+1}ᵀ);
//	dfa: W_L ⋯ W_{k+1}, the linear part of backprop's path from the output
//	  down to layer k, and the direct matrix B_k (DirectFeedback[k]ᵀ).
//
// Angle is the angle between the two as vectors (degrees; 0 is aligned, 90
// unrelated) and Distance the Frobenius norm ‖W − Bᵀ‖ of their difference.

// Alignment is one measurement, hidden layer k at index k−1.
type Alignment struct {
	Layers   int // hidden layers measured; 0 when the rule's feedback is the forward weights, or there is none
	Angle    [MaxHiddenLayers]float64
	Distance [MaxHiddenLayers]float64
}

// alignmentKind is how a rule's feedback relates to the forward weights.
type alignmentKind uint8

const (
	alignNone   alignmentKind = iota // backprop, tied feedback, no feedback
	alignLayer                       // Feedback[k+1] against W[k+1]
	alignDirect                      // DirectFeedback[k]ᵀ against W_L⋯W_{k+1}
)

func alignmentOf(rule Rule) alignmentKind {
	switch r := rule.(type) {
	case *Backprop:
		switch r.mode {
		case backFeedback:
			return alignLayer
		case backDirect:
			return alignDirect
		}
	case *Contrastive:
		if r.S.P.RandomFeedback {
			return alignLayer
		}
	}
	return alignNone
}

// aligner measures a net's Alignment without allocating after it is built.
type aligner struct {
	kind alignmentKind
	prod []*Dense // dfa: prod[k] = W_L ⋯ W_{k+1}, n_L × n_k
}

func newAligner(n *Net, rule Rule) *aligner {
	a := &aligner{kind: alignmentOf(rule)}
	if a.kind == alignDirect {
		L := n.Layers()
		a.prod = make([]*Dense, L)
		for k := 1; k < L; k++ {
			a.prod[k] = NewDense(n.Sizes[L], n.Sizes[k], nil)
		}
	}
	return a
}

// measure returns the net's alignment now.
func (a *aligner) measure(n *Net) Alignment {
	var out Alignment
	if a.kind == alignNone {
		return out
	}
	L := n.Layers()
	out.Layers = L - 1
	for k := L - 1; k >= 1; k-- {
		var w, b []float64
		switch a.kind {
		case alignLayer:
			w, b = n.W[k+1].RawMatrix().Data, n.Feedback[k+1].RawMatrix().Data
		case alignDirect:
			// prod[k] = prod[k+1] W_{k+1}, prod[L−1] = W_L.
			if k == L-1 {
				a.prod[k].Copy(n.W[L])
			} else {
				gemm(blas.NoTrans, blas.NoTrans, 1, a.prod[k+1].RawMatrix(), n.W[k+1].RawMatrix(), 0, a.prod[k].RawMatrix())
			}
			w, b = a.prod[k].RawMatrix().Data, nil
		}
		var ww, bb, wb, dd float64
		for i, wi := range w {
			var bi float64
			if b != nil {
				bi = b[i]
			} else {
				// DirectFeedback[k] is n_k × n_L: entry (j, o) pairs with prod[k] (o, j).
				nk := n.Sizes[k]
				o, j := i/nk, i%nk
				bi = n.DirectFeedback[k].At(j, o)
			}
			ww += float64(wi * wi)
			bb += float64(bi * bi)
			wb += float64(wi * bi)
			dd += float64((wi - bi) * (wi - bi))
		}
		angle := 90.0
		if ww > 0 && bb > 0 {
			angle = float64(acos(math.Max(-1, math.Min(1, wb/math.Sqrt(float64(ww*bb)))))*180) / math.Pi
		}
		out.Angle[k-1], out.Distance[k-1] = angle, math.Sqrt(dd)
	}
	return out
}

// Alignment returns the run's feedback alignment now (zero Layers for a
// rule whose feedback is the forward weights, or none).
func (r *Run) Alignment() Alignment { return r.aligner.measure(r.net) }

// AlignmentJSON is an Alignment as the learn CLI prints it beside a run's
// report: per hidden layer 1..L−1, the angle in degrees and ‖W − Bᵀ‖.
type AlignmentJSON struct {
	FeedbackAngle    []float64 `json:"feedbackAngle,omitempty"`
	FeedbackDistance []float64 `json:"feedbackDistance,omitempty"`
}

// JSON returns a's per-layer values as slices (nil when nothing is measured).
func (a Alignment) JSON() AlignmentJSON {
	if a.Layers == 0 {
		return AlignmentJSON{}
	}
	return AlignmentJSON{append([]float64(nil), a.Angle[:a.Layers]...), append([]float64(nil), a.Distance[:a.Layers]...)}
}
