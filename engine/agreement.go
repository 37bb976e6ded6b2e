package engine

import "math"

// LayerAgreement compares one layer's weight update with a reference update
// (backprop's): the cosine of the angle between them, the relative error
// ‖ΔW − ΔW_ref‖/‖ΔW_ref‖ and the norm ratio ‖ΔW‖/‖ΔW_ref‖ (Frobenius
// norms). A cosine alone cannot tell a rule that learns a layer γ^{L−k} times
// too slowly; the norm ratio can. All three are 0 when the reference update
// is zero (there is nothing to compare with).
type LayerAgreement struct {
	Layer     int     `json:"layer"`
	Cosine    float64 `json:"cosine"`
	RelErr    float64 `json:"relErr"`
	NormRatio float64 `json:"normRatio"`
}

// CompareUpdates compares the weights (not the biases) of u with reference,
// layer by layer: entry k−1 is layer k, 1 the first hidden layer, L the
// output.
func CompareUpdates(u, reference *Update) []LayerAgreement {
	return compareUpdates(nil, u, reference)
}

func compareUpdates(dst []LayerAgreement, u, reference *Update) []LayerAgreement {
	dst = dst[:0]
	for k := 1; k < len(u.DW); k++ {
		a, b := u.DW[k].RawMatrix().Data, reference.DW[k].RawMatrix().Data
		la := LayerAgreement{Layer: k}
		// Plain loops, not gonum's floats: its SIMD kernels sum in another
		// order on amd64 than in wasm, and these numbers are shown.
		var aa, bb, ab, diff float64
		for i := range a {
			aa += float64(a[i] * a[i])
			bb += float64(b[i] * b[i])
			ab += float64(a[i] * b[i])
			diff += float64((a[i] - b[i]) * (a[i] - b[i]))
		}
		if nb := math.Sqrt(bb); nb > 0 {
			na := math.Sqrt(aa)
			la.RelErr = math.Sqrt(diff) / nb
			la.NormRatio = na / nb
			if na > 0 {
				la.Cosine = ab / (na * nb)
			}
		}
		dst = append(dst, la)
	}
	return dst
}

// EquivalenceResult is a rule's agreement with backprop at one value of the
// parameter of its limit: CHL's feedback gain γ, or predictive coding's
// output variance Σ_L. Gamma holds the value (the field's name is CHL's, a
// contract) and Param names the parameter.
type EquivalenceResult struct {
	Gamma  float64          `json:"gamma"`
	Param  string           `json:"param"`
	Layers []LayerAgreement `json:"layers"`
}

// Settling for the equivalence: x̂_k − x̌_k is of order γ^{L−k} and is
// multiplied by γ^{k−L}, so the fixed points must be far tighter than the
// effect measured. 1e-14 is a few ulps of activities of order 1; Gauss–Seidel
// at small γ contracts by about γ per sweep, so the cap is never reached on
// nets of the link's sizes.
const (
	equivalenceTol   = 1e-14
	equivalenceIters = 10000
)

// Equivalence is Xie & Seung's theorem (2003, eq. 3.19) measured: the CHL
// update against the backprop update on the same net and batch — the net and
// first batch of the run NewRun(c, …) builds — with the output layer made
// linear, the theorem's condition, and the loss ½ squared error; or, for a
// link with a sigmoid output and cross-entropy, that net as it is against
// backprop on cross-entropy (their eq. 3.20; EquivalenceCase). For each γ
// it returns the per-layer agreement. withFactor false drops CHL's γ^{k−L}
// learning-rate factor, to show what it is for: the norm ratios fall to
// about γ^{L−k}.
//
// Activities are float64, so the phase difference γ^{L−k} of the lowest layer
// must stay well above 1e-16: on deep nets the smallest γ measure roundoff.
func Equivalence(c Config, gammas []float64, withFactor bool) ([]EquivalenceResult, error) {
	var out []EquivalenceResult
	for _, g := range gammas {
		d, err := EquivalenceAt(c, g, withFactor)
		if err != nil {
			return nil, err
		}
		out = append(out, EquivalenceResult{Gamma: g, Param: "gamma", Layers: d.Layers})
	}
	return out, nil
}

// Agreement compares this run's rule's update with backprop's on the batch
// the next step will use, with the current weights, without stepping: the
// compare scene's agreement plot. It builds fresh rules (so a stochastic
// rule's own random stream is not advanced and the run's future is
// unchanged), and so allocates; call it at most once a frame. dst is reused.
func (r *Run) Agreement(dst []LayerAgreement) []LayerAgreement {
	rule, err := NewRule(r.ruleName, r.net, r.now)
	if err != nil {
		return dst[:0]
	}
	batch := r.NextBatch()
	u, ref := r.net.NewUpdate(), r.net.NewUpdate()
	rule.Compute(batch, u, nil)
	NewBackprop(r.net, r.config.Loss).Compute(batch, ref, nil)
	return compareUpdates(dst, u, ref)
}
