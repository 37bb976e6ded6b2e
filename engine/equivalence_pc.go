package engine

import "fmt"

// PCParam names predictive coding's limit parameter in the equivalence
// output: Σ_L, the output layer's variance (the hidden layers' are 1).
const PCParam = "varOut"

// PCEquivalence is Whittington & Bogacz's limit measured: the predictive
// coding update against the backprop update on the same net and batch — the
// net and first batch of the run NewRun(c, …) builds, with the link's own
// activations and loss — for each output variance Σ_L. As Σ_L grows against
// the hidden variances (1), the output error node ε_L = (d − f_L(a_L))/Σ_L
// shrinks, the values stay at their predictions, and at equilibrium
// Σ_L ε_l → −δ_l (pc.go): the relative error falls as 1/Σ_L.
//
// The inference is run to the equivalence's tolerance: the effect measured
// is of order 1/Σ_L, and the error nodes themselves are of order 1/Σ_L.
func PCEquivalence(c Config, vars []float64) ([]EquivalenceResult, error) {
	var out []EquivalenceResult
	for _, s := range vars {
		if !(s >= MinVarOut && s <= MaxVarOut) {
			return nil, fmt.Errorf("%s %v is outside [%g, %g]", PCParam, s, MinVarOut, MaxVarOut)
		}
		r, err := NewRun(c, "bp")
		if err != nil {
			return nil, err
		}
		net := r.net
		batch := r.NextBatch()
		ref := net.NewUpdate()
		NewBackprop(net, c.Loss).Compute(batch, ref, nil)
		u := net.NewUpdate()
		cc := c
		cc.VarOut = s
		pc := NewPredictiveCoding(net, cc)
		pc.P.Tol, pc.P.MaxIters = equivalenceTol, equivalenceIters
		pc.Compute(batch, u, nil)
		if !pc.Stats.Converged {
			return nil, fmt.Errorf("inference did not converge to %g in %d iterations at %s %v", equivalenceTol, equivalenceIters, PCParam, s)
		}
		out = append(out, EquivalenceResult{Gamma: s, Param: PCParam, Layers: CompareUpdates(u, ref)})
	}
	return out, nil
}

// Σ_L's range: beyond MaxVarOut the error nodes (of order 1/Σ_L) approach
// the inference's rounding; below MinVarOut the output error dominates the
// energy's curvature and the inference's steps shrink to nothing.
const (
	MinVarOut = 0.01
	MaxVarOut = 1e6
)
