package engine

import (
	"fmt"
	"math"
	"testing"
)

// TestFeedbackAlignmentAligns: Lillicrap et al.'s observation. Training fa
// on circle at its defaults, the angle between its update to the hidden
// layers and backprop's on the same batch with the same weights
// (Run.Agreement) starts near 90° — B is random — and falls as W comes to
// align with B. Logged as a curve; asserted as a trend: the mean over the
// last quarter of training is below 90° and below the mean over the first
// tenth.
func TestFeedbackAlignmentAligns(t *testing.T) {
	tk, _ := TaskByName("circle")
	for _, seed := range []int{1, 2, 3} {
		r, err := NewRun(tk.Config("fa", seed), "fa")
		if err != nil {
			t.Fatal(err)
		}
		const points, stepsPer = 80, 10
		var angle []float64
		var agree []LayerAgreement
		for p := 0; p < points; p++ {
			agree = r.Agreement(agree)
			var a float64
			for _, la := range agree[:len(agree)-1] { // hidden layers
				a += math.Acos(math.Max(-1, math.Min(1, la.Cosine))) * 180 / math.Pi
			}
			angle = append(angle, a/float64(len(agree)-1))
			r.Step(stepsPer)
		}
		mean := func(v []float64) float64 {
			var s float64
			for _, x := range v {
				s += x
			}
			return s / float64(len(v))
		}
		first, last := mean(angle[:points/10]), mean(angle[points*3/4:])
		curve := ""
		for i := 0; i < points; i += 8 {
			curve += fmt.Sprintf(" %.0f°", angle[i])
		}
		t.Logf("seed %d: hidden-layer angle to backprop every %d steps:%s … first tenth %.1f°, last quarter %.1f°", seed, 8*stepsPer, curve, first, last)
		if !(last < 90 && last < first) {
			t.Errorf("seed %d: angle did not fall below 90° (first tenth %.1f°, last quarter %.1f°)", seed, first, last)
		}
	}
}

// TestDirectFeedbackAlignmentSendsTheOutputGradient: Nøkland's DFA sends
// e = (x_L − d) ⊙ f′(a_L) (½ squared error) through B_k, not the raw x_L − d:
// each hidden δ_k of the trace is (B_k e) ⊙ f′(a_k), written out here.
func TestDirectFeedbackAlignmentSendsTheOutputGradient(t *testing.T) {
	for _, loss := range []string{"mse", "xent"} {
		sn := suiteNet{[]int{3, 4, 3, 2}, Tanh, Sigmoid, loss}
		r, n, batch := suiteRule(t, "dfa", sn, 2)
		var tr Trace
		r.Compute(batch[:1], n.NewUpdate(), &tr)
		s := n.NewScratch()
		n.Forward(batch[0].X, s.A, s.X)
		L := n.Layers()
		e := make([]float64, n.Sizes[L])
		for i, y := range s.X[L] {
			e[i] = y - batch[0].Y[i]
			if loss == "mse" {
				e[i] *= y * (1 - y)
			}
		}
		for _, ev := range tr.Events {
			if ev.Kind != EvFeedback {
				continue
			}
			k := ev.Layer
			for j := range ev.Units {
				var want float64
				for i, ei := range e {
					want += n.DirectFeedback[k].At(j, i) * ei
				}
				want *= 1 - s.X[k][j]*s.X[k][j]
				if math.Abs(ev.Units[j]-want) > 1e-15 {
					t.Errorf("%s: δ_%d[%d] = %v, want (B e ⊙ f′)= %v", loss, k, j, ev.Units[j], want)
				}
			}
		}
	}
}
