package engine

import (
	"math"
	"testing"
)

// TestGeneRecSymMidIsCHL: O'Reilly's symmetric + midpoint GeneRec,
// ½(x⁻+x⁺)(y⁺−y⁻) + ½(y⁻+y⁺)(x⁺−x⁻), is x⁺y⁺ − x⁻y⁻ — CHL — on the same
// settled states, to rounding.
func TestGeneRecSymMidIsCHL(t *testing.T) {
	for _, gamma := range []float64{1, 0.5, 0.1} {
		n, batch := equivalenceNet(t, 1)
		c := DefaultConfig()
		c.Gamma = gamma
		chl, both := NewCHL(n, c), NewCHL(n, c)
		both.form = formGeneRecBoth
		uc, ub := n.NewUpdate(), n.NewUpdate()
		chl.Compute(batch, uc, nil)
		both.Compute(batch, ub, nil)
		for k := 1; k <= n.Layers(); k++ {
			// Each entry sums 8 products of activities |x| ≤ ~1.5 in two
			// orders, then scales by γ^{k−L}/8: a few ulps of γ^{k−L}.
			tol := 16 * 0x1p-52 * math.Pow(gamma, float64(k-n.Layers()))
			a, b := uc.DW[k].RawMatrix().Data, ub.DW[k].RawMatrix().Data
			for i := range a {
				if math.Abs(a[i]-b[i]) > tol {
					t.Fatalf("γ=%g layer %d weight %d: CHL %.17g, GeneRec sym+mid %.17g", gamma, k, i, a[i], b[i])
				}
			}
			if !equalFloats(uc.DB[k].RawVector().Data, ub.DB[k].RawVector().Data) {
				t.Errorf("γ=%g layer %d: biases differ", gamma, k)
			}
		}
	}
}

// TestGeneRecForms checks each variant's formula on one sender and one
// receiver with hand-computed phases (no settling: the states are set), and
// that each variant, like CHL, tends to backprop as γ → 0 (its phase
// differences are Xie & Seung's).
func TestGeneRecForms(t *testing.T) {
	const xm, xp, ym, yp = 0.2, 0.5, 0.3, 0.7
	want := map[hebbForm]float64{
		formCHL:         xp*yp - xm*ym,
		formGeneRec:     xm * (yp - ym),
		formGeneRecMid:  0.5 * (xm + xp) * (yp - ym),
		formGeneRecSym:  xm*(yp-ym) + ym*(xp-xm),
		formGeneRecBoth: xp*yp - xm*ym,
	}
	n := NewNet([]int{1, 1}, Linear, Linear)
	for form, w := range want {
		r := NewCHL(n, DefaultConfig())
		r.form = form
		r.S.load([]Example{{X: []float64{0}, Y: []float64{0}}})
		r.S.Free[0].Set(0, 0, xm)
		r.S.Plus[0].Set(0, 0, xp)
		r.S.Free[1].Set(0, 0, ym)
		r.S.Plus[1].Set(0, 0, yp)
		u := n.NewUpdate()
		r.hebbian(u.DW[1].RawMatrix(), u.DB[1].RawVector().Data, 1, 1)
		if got := u.DW[1].At(0, 0); math.Abs(got-w) > 1e-15 {
			t.Errorf("form %d: Δw = %v, want %v", form, got, w)
		}
		if got := u.DB[1].AtVec(0); math.Abs(got-(yp-ym)) > 1e-15 {
			t.Errorf("form %d: Δb = %v, want y⁺ − y⁻ = %v", form, got, yp-ym)
		}
	}

	const (
		gamma     = 0.01
		minCosine = 0.99 // O(γ) off backprop, as CHL (TestCHLTendsToBackprop)
	)
	n2, batch := equivalenceNet(t, 2)
	bp := bpUpdate(n2, batch)
	for _, name := range []string{"generec", "generec-mid", "generec-sym"} {
		c := DefaultConfig()
		c.Gamma = gamma
		r, _ := NewRule(name, n2, c)
		cr := r.(*Contrastive)
		cr.S.P.Tol, cr.S.P.MaxIters = equivalenceTol, equivalenceIters
		u := n2.NewUpdate()
		r.Compute(batch, u, nil)
		for _, a := range CompareUpdates(u, bp) {
			t.Logf("%s γ=%g layer %d: cos %.6f normRatio %.4f", name, gamma, a.Layer, a.Cosine, a.NormRatio)
			if a.Cosine < minCosine || math.Abs(a.NormRatio-1) > 0.05 {
				t.Errorf("%s layer %d: cos %.4f, norm ratio %.4f — not backprop's update", name, a.Layer, a.Cosine, a.NormRatio)
			}
		}
	}
}
