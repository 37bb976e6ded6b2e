package engine

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

// TestARPExpectedUpdateIsRewardGradient checks the identity under A_R-P
// (arp.go): with λ = 0 the expected update of every weight is the gradient
// of the expected reward, E[r(y − p)x] = ∂E[r]/∂w (Williams 1992), because
// y − p = ∂ ln P(y)/∂net for a logistic unit. E[r] is computed exactly by
// summing over every joint state of the stochastic units, its gradient by
// central differences; the expected update by averaging many samples.
func TestARPExpectedUpdateIsRewardGradient(t *testing.T) {
	const (
		samples = 400_000
		// Each weight's update is a mean of samples terms of size ≤ 1: its
		// standard error is ≤ 1/√samples ≈ 1.6e-3; 5σ.
		tol = 5 / 632.0
	)
	rng := rand.New(rand.NewPCG(5, 5))
	n := NewNet([]int{2, 2, 1}, Sigmoid, Sigmoid)
	if err := n.Init("fanin", rng); err != nil {
		t.Fatal(err)
	}
	ex := Example{X: []float64{1, 0}, Y: []float64{1}}

	// E[r] exactly: hidden states h ∈ {0,1}², output y ∈ {0,1}, r = [y = d].
	expected := func() float64 {
		var er float64
		for h0 := 0.0; h0 <= 1; h0++ {
			for h1 := 0.0; h1 <= 1; h1++ {
				ph := 1.0
				for i, h := range []float64{h0, h1} {
					p := Sigmoid.Apply(n.B[1].AtVec(i) + n.W[1].At(i, 0)*ex.X[0] + n.W[1].At(i, 1)*ex.X[1])
					if h == 1 {
						ph *= p
					} else {
						ph *= 1 - p
					}
				}
				py := Sigmoid.Apply(n.B[2].AtVec(0) + n.W[2].At(0, 0)*h0 + n.W[2].At(0, 1)*h1)
				er += ph * py // reward 1 exactly when y = 1 = d
			}
		}
		return er
	}
	var want []float64
	for _, p := range params(n) {
		for i := range p {
			orig := p[i]
			want = append(want, fd.Derivative(func(w float64) float64 { p[i] = w; return expected() }, orig, nil))
			p[i] = orig
		}
	}

	r := NewARP(n, DefaultConfig(), rand.New(rand.NewPCG(9, 9)))
	r.Lambda = 0
	batch := make([]Example, 1000)
	for i := range batch {
		batch[i] = ex
	}
	mean := n.NewUpdate()
	u := n.NewUpdate()
	for range samples / len(batch) {
		r.Compute(batch, u, nil)
		for k := 1; k <= n.Layers(); k++ {
			mean.DW[k].Add(mean.DW[k], u.DW[k])
			mean.DB[k].AddVec(mean.DB[k], u.DB[k])
		}
	}
	var got []float64
	for _, p := range updateParams(mean) {
		for _, v := range p {
			got = append(got, v/float64(samples/len(batch)))
		}
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol {
			t.Errorf("parameter %d: mean update %.4f, ∂E[r]/∂θ %.4f", i, got[i], want[i])
		}
	}
	t.Logf("mean update %.4f\n∂E[r]/∂θ    %.4f", got, want)
}
