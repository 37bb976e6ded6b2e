package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// pcEnergy is predictive coding's energy F (pc.go), written out
// independently of the rule: the hidden values v[1..L−1] of each example
// (pre-activations), the input as f(v_0), the output clamped to the target.
func pcEnergy(n *Net, batch []Example, v [][][]float64, varOut float64, xent bool) float64 {
	L := n.Layers()
	var F float64
	for e, ex := range batch {
		prev := ex.X // f(v_0) = the input
		for k := 1; k <= L; k++ {
			mu := make([]float64, n.Sizes[k])
			for i := range mu {
				s := n.B[k].AtVec(i)
				for j, p := range prev {
					s += n.W[k].At(i, j) * p
				}
				mu[i] = s
			}
			if k < L {
				next := make([]float64, n.Sizes[k])
				for i, m := range mu {
					d := v[e][k][i] - m
					F += 0.5 * d * d
					next[i] = n.Acts[k].Apply(v[e][k][i])
				}
				prev = next
				continue
			}
			for i, m := range mu {
				y, d := n.Acts[L].Apply(m), ex.Y[i]
				if xent {
					F -= (d*math.Log(y) + (1-d)*math.Log(1-y)) / varOut
				} else {
					F += 0.5 * (d - y) * (d - y) / varOut
				}
			}
		}
	}
	return F
}

// pcValues copies the rule's hidden values, per example.
func pcValues(r *PredictiveCoding, batch int) [][][]float64 {
	L := r.net.Layers()
	v := make([][][]float64, batch)
	for e := range v {
		v[e] = make([][]float64, L)
		for k := 1; k < L; k++ {
			v[e][k] = append([]float64(nil), r.v[k].RawRowView(e)...)
		}
	}
	return v
}

// TestPCIsEnergyDescent: at the end of the inference every hidden value is
// at a stationary point of F (∂F/∂v = 0), and the update is the negative
// weight and bias gradient of F there, times Σ_L and averaged over the
// batch — the Hebbian products ε_l f(v_{l−1})ᵀ are exactly that gradient.
// Both are checked by central differences of the energy written out above,
// for tanh, sigmoid with cross-entropy, and a linear output (the paper's).
func TestPCIsEnergyDescent(t *testing.T) {
	const (
		h = 1e-6
		// Central differences of a smooth F of order 1 at h = 1e-6 are
		// good to ~1e-9; the inference is converged far below that.
		gradTol = 1e-7
	)
	for _, tc := range []struct {
		hidden, out Activation
		xent        bool
		varOut      float64
	}{{Tanh, Tanh, false, 1}, {Sigmoid, Sigmoid, true, 3}, {Tanh, Linear, false, 0.5}} {
		rng := rand.New(rand.NewPCG(3, 3))
		n := NewNet([]int{3, 4, 3, 2}, tc.hidden, tc.out)
		if err := n.Init("fanin", rng); err != nil {
			t.Fatal(err)
		}
		for k := 1; k <= n.Layers(); k++ {
			fillUniform(n.B[k].RawVector().Data, 0.3, rng)
		}
		batch := randomBatch(n, 5, rng)
		c := DefaultConfig()
		if tc.xent {
			c.Loss = "xent"
		}
		r := NewPredictiveCoding(n, c)
		r.VarOut = tc.varOut
		r.P.Tol, r.P.MaxIters = 1e-13, 10000
		u := n.NewUpdate()
		r.Compute(batch, u, nil)
		if !r.Stats.Converged {
			t.Fatalf("%v: inference did not converge: %+v", tc, r.Stats)
		}
		v := pcValues(r, len(batch))
		F := func() float64 { return pcEnergy(n, batch, v, tc.varOut, tc.xent) }
		if got := F(); math.Abs(got-r.Stats.Energy) > 1e-12*math.Max(1, got) {
			t.Errorf("%v: energy %v, the rule's %v", tc, got, r.Stats.Energy)
		}
		// ∂F/∂p by central differences, p = params[i].
		grad := func(params []float64, i int) float64 {
			old := params[i]
			params[i] = old + h
			fp := F()
			params[i] = old - h
			fm := F()
			params[i] = old
			return (fp - fm) / (2 * h)
		}
		L := n.Layers()
		for e := range batch {
			for k := 1; k < L; k++ {
				for i := range v[e][k] {
					if g := grad(v[e][k], i); math.Abs(g) > gradTol {
						t.Errorf("%v: ∂F/∂v[%d][%d][%d] = %g at the end of inference", tc, e, k, i, g)
					}
				}
			}
		}
		scale := -tc.varOut / float64(len(batch))
		for k := 1; k <= L; k++ {
			for _, p := range []struct {
				name       string
				param, upd []float64
			}{{"ΔW", n.W[k].RawMatrix().Data, u.DW[k].RawMatrix().Data}, {"Δb", n.B[k].RawVector().Data, u.DB[k].RawVector().Data}} {
				for i := range p.param {
					want := scale * grad(p.param, i)
					if got := p.upd[i]; math.Abs(got-want) > gradTol*math.Max(1, math.Abs(want)) {
						t.Errorf("%v: %s[%d][%d] = %v, −Σ_L ∂F/∂θ / batch = %v", tc, p.name, k, i, got, want)
					}
				}
			}
		}
	}
}

// TestPCTendsToBackprop: Whittington & Bogacz's limit. As the output
// variance Σ_L grows, the predictive coding update tends to backprop's with
// a relative error of order 1/Σ_L (pc.go): on log–log axes the error falls
// with slope −1 in every layer, and the cosines go to 1. Measured on the
// default demo's net and first batch (PCEquivalence); the fitted slopes are
// −1.00 to within 0.01 there.
func TestPCTendsToBackprop(t *testing.T) {
	const slopeTol = 0.05
	vars := []float64{10, 100, 1000, 10000}
	res, err := PCEquivalence(DefaultConfig(), vars)
	if err != nil {
		t.Fatal(err)
	}
	for l := range res[0].Layers {
		var xs, ys []float64
		for i, r := range res {
			if r.Param != PCParam || r.Gamma != vars[i] {
				t.Fatalf("result %d: param %q = %v", i, r.Param, r.Gamma)
			}
			xs = append(xs, math.Log(r.Gamma))
			ys = append(ys, math.Log(r.Layers[l].RelErr))
		}
		slope := fitSlope(xs, ys)
		t.Logf("layer %d: log relErr vs log Σ_L slope %.4f; cosine at Σ_L=%g %.8f", l+1, slope, vars[len(vars)-1], res[len(res)-1].Layers[l].Cosine)
		if math.Abs(slope+1) > slopeTol {
			t.Errorf("layer %d: relErr ∝ Σ_L^%.3f, want Σ_L^−1", l+1, slope)
		}
		if c := res[len(res)-1].Layers[l].Cosine; c < 0.9999 {
			t.Errorf("layer %d: cosine %v at Σ_L = %g", l+1, c, vars[len(vars)-1])
		}
	}
}

// fitSlope is the least-squares slope of y on x.
func fitSlope(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(len(x))
	my /= float64(len(y))
	var sxy, sxx float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	return sxy / sxx
}

// TestPCWithoutHiddenLayersIsBackprop: with no hidden layer there is
// nothing to infer, and Σ_L ε_L f′ x_0ᵀ is backprop's −δ_L x_0ᵀ whatever
// Σ_L.
func TestPCWithoutHiddenLayersIsBackprop(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	n := NewNet([]int{3, 2}, Tanh, Tanh)
	if err := n.Init("fanin", rng); err != nil {
		t.Fatal(err)
	}
	batch := randomBatch(n, 6, rng)
	r := NewPredictiveCoding(n, DefaultConfig())
	r.VarOut = 7
	u, ref := n.NewUpdate(), n.NewUpdate()
	r.Compute(batch, u, nil)
	NewBackprop(n, "mse").Compute(batch, ref, nil)
	for _, a := range CompareUpdates(u, ref) {
		if a.RelErr > 1e-14 {
			t.Errorf("layer %d: relative error %g", a.Layer, a.RelErr)
		}
	}
}

// TestPCErrorsSpreadLayerByLayer: inference starts at the predictions,
// where only the output's error node is non-zero; each step carries the
// error one layer further down — the wave the scene animates.
func TestPCErrorsSpreadLayerByLayer(t *testing.T) {
	c := DefaultConfig()
	c.NetworkShape = []int{4, 3, 2}
	r, err := NewRun(c, "pc")
	if err != nil {
		t.Fatal(err)
	}
	var tr Trace
	r.StepTraced(&tr)
	L := r.net.Layers()
	for _, e := range tr.Events {
		if e.Kind != EvClampedIter || e.Iter > L {
			continue
		}
		for k := 1; k <= L; k++ {
			lit := false
			for _, v := range e.Errors[k] {
				lit = lit || v != 0
			}
			// After i steps the layers L−i..L carry errors, those below none.
			if want := k >= L-e.Iter; lit != want {
				t.Errorf("iteration %d: layer %d has errors %v, want lit=%v", e.Iter, k, e.Errors[k], want)
			}
		}
	}
}
