package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// equivalenceNet is Xie & Seung's setting as REFERENCES.md measures it:
// sizes [6,5,4,3], tanh hidden layers, a linear output, uniform ±1/√fan_in
// weights, a batch of 8.
func equivalenceNet(t *testing.T, seed uint64) (*Net, []Example) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	n := NewNet([]int{6, 5, 4, 3}, Tanh, Linear)
	if err := n.Init("fanin", rng); err != nil {
		t.Fatal(err)
	}
	for k := 1; k <= n.Layers(); k++ {
		fillUniform(n.B[k].RawVector().Data, 0.3, rng)
	}
	return n, randomBatch(n, 8, rng)
}

// chlAt returns the CHL update at feedback gain γ, settled to equivalenceTol.
func chlAt(t *testing.T, n *Net, batch []Example, gamma float64, factor bool) *Update {
	t.Helper()
	c := DefaultConfig()
	c.Gamma = gamma
	r := NewCHL(n, c)
	r.factor = factor
	r.S.P.Tol, r.S.P.MaxIters = equivalenceTol, equivalenceIters
	u := n.NewUpdate()
	r.Compute(batch, u, nil)
	if !r.S.Stats.FreeConverged || !r.S.Stats.PlusConverged {
		t.Fatalf("γ = %g: settling did not converge (%+v)", gamma, r.S.Stats)
	}
	return u
}

func bpUpdate(n *Net, batch []Example) *Update {
	u := n.NewUpdate()
	NewBackprop(n, "mse").Compute(batch, u, nil)
	return u
}

// TestCHLTendsToBackprop checks Xie & Seung's eq. 3.19 per layer: the CHL
// update is the backprop update plus O(γ).
func TestCHLTendsToBackprop(t *testing.T) {
	const (
		// Halving γ halves an O(γ) error; the O(γ²) remainder moves the ratio
		// by a few percent at these γ. 1.8–2.2 is the band.
		ratioLo, ratioHi = 1.8, 2.2
		hiddenCosine     = 0.999 // at γ = 0.01 (REFERENCES.md, measured)
		normTol          = 0.05  // |‖ΔW_chl‖/‖ΔW_bp‖ − 1| at γ ≤ 0.01
	)
	gammas := []float64{0.02, 0.01, 0.005}
	for seed := uint64(1); seed <= 3; seed++ {
		n, batch := equivalenceNet(t, seed)
		bp := bpUpdate(n, batch)
		var agree [][]LayerAgreement
		for _, g := range gammas {
			agree = append(agree, CompareUpdates(chlAt(t, n, batch, g, true), bp))
		}
		for k := 1; k <= n.Layers(); k++ {
			for i, g := range gammas {
				a := agree[i][k-1]
				t.Logf("seed %d layer %d γ=%-5g cos %.6f relErr %.3e normRatio %.4f", seed, k, g, a.Cosine, a.RelErr, a.NormRatio)
				if g <= 0.01 && math.Abs(a.NormRatio-1) > normTol {
					t.Errorf("seed %d layer %d γ=%g: norm ratio %.4f, want within %g of 1", seed, k, g, a.NormRatio, normTol)
				}
				if g == 0.01 && k < n.Layers() && a.Cosine < hiddenCosine {
					t.Errorf("seed %d layer %d γ=%g: cosine %.6f < %g", seed, k, g, a.Cosine, hiddenCosine)
				}
				if i > 0 {
					if ratio := agree[i-1][k-1].RelErr / a.RelErr; ratio < ratioLo || ratio > ratioHi {
						t.Errorf("seed %d layer %d: relErr(%g)/relErr(%g) = %.3f, want in [%g, %g]", seed, k, gammas[i-1], g, ratio, ratioLo, ratioHi)
					}
				}
			}
		}
	}
}

// TestCHLWithoutFactorFailsNorms drops the γ^{k−L} factor: the directions
// still agree (a cosine test passes) but layer k's update shrinks by
// γ^{L−k}, which the norm check must catch.
func TestCHLWithoutFactorFailsNorms(t *testing.T) {
	const (
		gamma   = 0.01
		normTol = 0.05 // the check TestCHLTendsToBackprop makes
		// The norm ratio is γ^{L−k}(1 + O(γ)); 10% covers the O(γ) term.
		powerTol = 0.1
	)
	n, batch := equivalenceNet(t, 1)
	agree := CompareUpdates(chlAt(t, n, batch, gamma, false), bpUpdate(n, batch))
	L := n.Layers()
	for _, a := range agree {
		want := math.Pow(gamma, float64(L-a.Layer))
		t.Logf("layer %d: cos %.6f normRatio %.3e (γ^(L−k) = %.0e)", a.Layer, a.Cosine, a.NormRatio, want)
		if math.Abs(a.NormRatio/want-1) > powerTol {
			t.Errorf("layer %d: norm ratio %.3e, want γ^{L−k} = %.0e", a.Layer, a.NormRatio, want)
		}
		if a.Layer < L && math.Abs(a.NormRatio-1) <= normTol {
			t.Errorf("layer %d: the norm check passed without the factor", a.Layer)
		}
	}
}

// TestEquivalence runs the CLI's entry point on the default demo's net and
// first batch.
func TestEquivalence(t *testing.T) {
	res, err := Equivalence(DefaultConfig(), []float64{0.1, 0.01, 0.001}, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		for _, a := range r.Layers {
			t.Logf("γ=%-6g layer %d cos %.6f relErr %.3e normRatio %.4f", r.Gamma, a.Layer, a.Cosine, a.RelErr, a.NormRatio)
		}
	}
	// Relative error O(γ): at γ = 0.001 every layer is within 1%.
	for _, a := range res[2].Layers {
		if a.RelErr > 0.01 {
			t.Errorf("γ = 0.001, layer %d: relative error %.3g > 0.01", a.Layer, a.RelErr)
		}
	}
	if _, err := Equivalence(DefaultConfig(), []float64{0}, true); err == nil {
		t.Error("γ = 0 accepted")
	}
}

// TestEquivalenceSigmoidCrossEntropy: Xie & Seung's other case (eq. 3.20).
// With a sigmoid output kept as it is, CHL's update tends to backprop's on
// cross-entropy, the relative error falling tenfold per tenfold γ in every
// layer.
func TestEquivalenceSigmoidCrossEntropy(t *testing.T) {
	c, w := DecodeLink("#outputActivation=sigmoid&loss=xent&networkShape=4,3")
	if len(w) > 0 || EquivalenceCase(c) != EquivalenceSigmoidXent {
		t.Fatalf("%v %q", w, EquivalenceCase(c))
	}
	res, err := Equivalence(c, []float64{0.1, 0.01, 0.001}, true)
	if err != nil {
		t.Fatal(err)
	}
	for k := range res[0].Layers {
		for i := 0; i+1 < len(res); i++ {
			if r := res[i].Layers[k].RelErr / res[i+1].Layers[k].RelErr; r < 7 || r > 13 {
				t.Errorf("layer %d: relErr fell %.2f× from γ = %g to %g", k+1, r, res[i].Gamma, res[i+1].Gamma)
			}
		}
		if cos := res[2].Layers[k].Cosine; cos < 0.9999 {
			t.Errorf("layer %d: cosine %v at γ = 0.001", k+1, cos)
		}
	}
	// With squared error the output is made linear, as for any other link.
	c.Loss = "mse"
	if EquivalenceCase(c) != EquivalenceLinear {
		t.Fatal("a sigmoid output with squared error is not the linear case")
	}
}

// TestCHLTraceHebbianIsTheFirstExample: the trace's Hebbian term of each
// layer is γ^{k−L}(x⁺_k x⁺_{k−1}ᵀ − x⁻_k x⁻_{k−1}ᵀ) of the first example, at
// the fixed points the same trace records for it — one example out of the
// batch's states, the same one in both places.
func TestCHLTraceHebbianIsTheFirstExample(t *testing.T) {
	n, batch := equivalenceNet(t, 3)
	c := DefaultConfig()
	c.Gamma = 0.5
	r := NewCHL(n, c)
	var tr Trace
	r.Compute(batch, n.NewUpdate(), &tr)
	var free, plus [][]float64
	for _, e := range tr.Events {
		switch e.Kind {
		case EvFreeIter:
			free = e.State
		case EvClampedIter:
			plus = e.State
		}
	}
	L, checked := n.Layers(), 0
	for _, e := range tr.Events {
		if e.Kind != EvHebbian {
			continue
		}
		k, ck := e.Layer, math.Pow(c.Gamma, float64(e.Layer-L))
		in := n.Sizes[k-1]
		for i := range n.Sizes[k] {
			for j := range in {
				want := ck * (plus[k][i]*plus[k-1][j] - free[k][i]*free[k-1][j])
				if got := e.Weights[i*in+j]; math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
					t.Fatalf("layer %d (%d, %d): Hebbian %v, the traced states give %v", k, i, j, got, want)
				}
			}
		}
		checked++
	}
	if checked != L {
		t.Fatalf("%d Hebbian events, want %d", checked, L)
	}
}
