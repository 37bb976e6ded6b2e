package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestApplyRegularization: with a zero update, L2 decays each weight by
// η·λ·w (the gradient of ½λ‖w‖²) and L1 moves it by η·λ toward zero (the
// subgradient of λ‖w‖₁); biases are left alone, as TF Playground does.
func TestApplyRegularization(t *testing.T) {
	const eta, lambda = 0.1, 0.3
	rng := rand.New(rand.NewPCG(1, 1))
	for _, reg := range []string{"L1", "L2", "none"} {
		n := NewNet([]int{3, 4, 2}, Tanh, Linear)
		n.Init("glorot", rng)
		before := n.Clone()
		n.Apply(n.NewUpdate(), eta, reg, lambda)
		for k := 1; k <= n.Layers(); k++ {
			for i, w0 := range before.W[k].RawMatrix().Data {
				want := w0
				switch reg {
				case "L2":
					want = w0 - eta*lambda*w0
				case "L1":
					want = w0 - eta*lambda*math.Copysign(1, w0)
				}
				if got := n.W[k].RawMatrix().Data[i]; math.Abs(got-want) > 1e-15 {
					t.Errorf("%s: W[%d][%d] = %v, want %v", reg, k, i, got, want)
				}
			}
			for i, b0 := range before.B[k].RawVector().Data {
				if n.B[k].RawVector().Data[i] != b0 {
					t.Errorf("%s: bias %d.%d changed", reg, k, i)
				}
			}
		}
	}
}

// TestBackpropTraceCarriesTheMath: for a batch of one, the trace's forward
// values are the forward pass, its δ at the output is (x_L − d)·f′(a_L), and
// its update for layer k is −δ_k x_{k−1}ᵀ — the numbers the scenes show are
// the ones backprop used.
func TestBackpropTraceCarriesTheMath(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	n := NewNet([]int{2, 4, 3, 1}, Tanh, Tanh)
	n.Init("tfp", rng)
	batch := randomBatch(n, 1, rng)
	var tr Trace
	u := n.NewUpdate()
	NewBackprop(n, "mse").Compute(batch, u, &tr)

	s := n.NewScratch()
	n.Forward(batch[0].X, s.A, s.X)
	L := n.Layers()
	delta := map[int][]float64{}
	for _, e := range tr.Events {
		switch e.Kind {
		case EvForward:
			if !equalFloats(e.Units, s.X[e.Layer]) {
				t.Errorf("forward layer %d: trace %v, forward pass %v", e.Layer, e.Units, s.X[e.Layer])
			}
		case EvOutputError:
			if want := s.X[L][0] - batch[0].Y[0]; e.Units[0] != want {
				t.Errorf("output error %v, want %v", e.Units[0], want)
			}
		case EvBackward:
			delta[e.Layer] = e.Units
		case EvUpdate:
			prev := s.X[e.Layer-1]
			for i, d := range delta[e.Layer] {
				for j, x := range prev {
					if got, want := e.Weights[i*len(prev)+j], -d*x; math.Abs(got-want) > 1e-15 {
						t.Errorf("update W[%d][%d][%d] = %v, want −δx = %v", e.Layer, i, j, got, want)
					}
				}
			}
		}
	}
	if want := (s.X[L][0] - batch[0].Y[0]) * (1 - s.X[L][0]*s.X[L][0]); math.Abs(delta[L][0]-want) > 1e-15 {
		t.Errorf("δ_L = %v, want (x−d)(1−x²) = %v", delta[L][0], want)
	}
	if len(delta) != L {
		t.Errorf("δ recorded for %d layers, want %d", len(delta), L)
	}
}
