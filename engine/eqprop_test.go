package engine

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
)

// freeCost is equilibrium propagation's cost at the free fixed point,
// C(s⁰(θ)) = mean over the batch of ‖s⁰_L − d‖² (no ½, as the rule's).
func freeCost(r *Contrastive, batch []Example) float64 {
	r.S.Settle(batch, PhaseNudged, nil) // free phase first; the nudged one does not touch Free
	L := r.net.Layers()
	var c float64
	for e, ex := range batch {
		for i, d := range ex.Y {
			v := r.S.Free[L].At(i, e) - d
			c += v * v
		}
	}
	return c / float64(len(batch))
}

// TestEqPropTendsToGradient checks Scellier & Bengio's Theorem 1: as β → 0
// the update (1/β)γ^{k−L}(ρ(s^β)ρ(s^β)ᵀ − ρ(s⁰)ρ(s⁰)ᵀ) tends to −∂C(s⁰(θ))/∂θ,
// the gradient of the cost at the free fixed point — here by central
// differences, re-settling the free phase for every perturbed weight. The
// error is O(β): it must halve with β.
func TestEqPropTendsToGradient(t *testing.T) {
	const (
		// Halving β halves an O(β) error; 1.7–2.3 allows the O(β²) rest.
		ratioLo, ratioHi = 1.7, 2.3
		maxErrAtSmallest = 0.01 // relative error at β = 0.001
		fdStep           = 1e-6 // central differences: h² ≈ 1e-12, roundoff 1e-16/h ≈ 1e-10
	)
	cases := []struct {
		name        string
		act         Activation
		gamma       float64
		weightScale float64
	}{
		{"hard-sigmoid/γ=1 (Scellier & Bengio)", HardSigmoid, 1, 0.3},
		{"hard-sigmoid/γ=0.5", HardSigmoid, 0.5, 0.3},
		{"sigmoid/γ=1", Sigmoid, 1, 1},
		{"tanh/γ=0.3", Tanh, 0.3, 1},
	}
	// Small enough that no hard-sigmoid unit crosses a kink between the
	// phases: the hard-sigmoid net is then linear in β and the error exactly
	// O(β) (at β = 0.01 one unit of the γ = 1 net crosses and the ratio is 2.4).
	betas := []float64{0.004, 0.002, 0.001}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 3))
			n := NewNet([]int{3, 4, 3, 2}, tc.act, tc.act)
			for k := 1; k <= n.Layers(); k++ {
				fillUniform(n.W[k].RawMatrix().Data, tc.weightScale, rng)
				// Hard sigmoid units sit inside (0, 1), away from the kinks.
				for i := range n.B[k].RawVector().Data {
					n.B[k].RawVector().Data[i] = 0.5 + 0.1*(2*rng.Float64()-1)
				}
			}
			batch := randomBatch(n, 4, rng)
			for i := range batch {
				for j := range batch[i].X {
					batch[i].X[j] = 0.5 * (batch[i].X[j] + 1) // inputs in [0, 1]
				}
			}
			rule := func(beta float64) *Contrastive {
				c := DefaultConfig()
				c.Gamma, c.Beta = tc.gamma, beta
				r := NewEqProp(n, c)
				r.S.P.Tol, r.S.P.MaxIters = 1e-15, 100000
				return r
			}
			// −∂C/∂θ by central differences at the free fixed point.
			probe := rule(1)
			var want []float64
			for _, p := range params(n) {
				for i := range p {
					orig := p[i]
					d := fd.Derivative(func(w float64) float64 {
						p[i] = w
						return freeCost(probe, batch)
					}, orig, &fd.Settings{Formula: fd.Central, Step: fdStep})
					p[i] = orig
					want = append(want, -d)
				}
			}
			var errs []float64
			for _, beta := range betas {
				r := rule(beta)
				u := n.NewUpdate()
				r.Compute(batch, u, nil)
				if !r.S.Stats.FreeConverged || !r.S.Stats.PlusConverged {
					t.Fatalf("β=%g: settling did not converge: %+v", beta, r.S.Stats)
				}
				var got []float64
				for _, p := range updateParams(u) {
					got = append(got, p...)
				}
				diff := make([]float64, len(got))
				floats.SubTo(diff, got, want)
				rel := floats.Norm(diff, 2) / floats.Norm(want, 2)
				t.Logf("β=%-7g relative error %.3e (‖∂C/∂θ‖ = %.3g)", beta, rel, floats.Norm(want, 2))
				errs = append(errs, rel)
			}
			for i := 1; i < len(errs); i++ {
				if ratio := errs[i-1] / errs[i]; ratio < ratioLo || ratio > ratioHi {
					t.Errorf("error(β=%g)/error(β=%g) = %.3f, want in [%g, %g]", betas[i-1], betas[i], ratio, ratioLo, ratioHi)
				}
			}
			if last := errs[len(errs)-1]; last > maxErrAtSmallest || math.IsNaN(last) {
				t.Errorf("relative error %.3g at β=%g > %g", last, betas[len(betas)-1], maxErrAtSmallest)
			}
		})
	}
}
