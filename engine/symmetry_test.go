package engine

import (
	"math"
	"testing"
)

// TestFeedbackComesIntoAlignment: Lillicrap et al.'s observation, in the
// run's own history. Training fa and dfa on the default demo (circle), the
// angle between each hidden layer's feedback and the forward path it
// stands in for starts at random (B is random: one 2-unit layer can start
// near 20° or near 170°) and ends below 90° in every layer and seed, the
// mean over seeds and layers falling by at least 20°, as the forward
// weights come to align with B. The angles are logged.
func TestFeedbackComesIntoAlignment(t *testing.T) {
	for _, rule := range []string{"fa", "dfa"} {
		var start, end float64 // mean over seeds and hidden layers
		for _, seed := range []string{"1", "2", "3"} {
			c := DefaultConfig()
			c.Seed = seed
			r, err := NewRun(c, rule)
			if err != nil {
				t.Fatal(err)
			}
			r.Step(3000)
			h := r.History()
			first, last := h[0].Alignment, h[len(h)-1].Alignment
			if first.Layers != 2 || last.Layers != 2 {
				t.Fatalf("%s: %d and %d layers measured, want the 2 hidden layers", rule, first.Layers, last.Layers)
			}
			if last != r.Alignment() {
				t.Errorf("%s: the history's last point is not the run's alignment now", rule)
			}
			t.Logf("%s seed %s: angle %.1f° %.1f° at step 0, %.1f° %.1f° at step %d", rule, seed, first.Angle[0], first.Angle[1], last.Angle[0], last.Angle[1], h[len(h)-1].Step)
			for k := 0; k < 2; k++ {
				start += first.Angle[k] / 6
				end += last.Angle[k] / 6
				if !(last.Angle[k] < 90) {
					t.Errorf("%s seed %s layer %d: angle %.1f° → %.1f°, want below 90°", rule, seed, k+1, first.Angle[k], last.Angle[k])
				}
			}
		}
		t.Logf("%s: mean angle %.1f° at step 0, %.1f° at step 3000", rule, start, end)
		if !(end < start-20) {
			t.Errorf("%s: mean angle %.1f° → %.1f°, want a fall of at least 20°", rule, start, end)
		}
	}
}

// TestAlignmentMeasure checks the measure on nets built by hand: feedback
// equal to the forward weights is at 0° and distance 0, its negative at
// 180°, and dfa's product path is W_L W_{L−1} for the lowest layer.
func TestAlignmentMeasure(t *testing.T) {
	n := NewNet([]int{2, 3, 2, 1}, Tanh, Tanh)
	for k := 1; k <= n.Layers(); k++ {
		for i := range n.W[k].RawMatrix().Data {
			n.W[k].RawMatrix().Data[i] = float64(i%5) - 1.5
		}
		n.Feedback[k].Copy(n.W[k])
	}
	fa := newAligner(n, NewFeedbackAlignment(n, "mse")).measure(n)
	if fa.Layers != 2 || fa.Angle[0] > 1e-6 || fa.Angle[1] > 1e-6 || fa.Distance[0] != 0 {
		t.Errorf("tied copy: %+v", fa)
	}
	for i, v := range n.Feedback[2].RawMatrix().Data {
		n.Feedback[2].RawMatrix().Data[i] = -v
	}
	if a := newAligner(n, NewFeedbackAlignment(n, "mse")).measure(n); math.Abs(a.Angle[0]-180) > 1e-6 {
		t.Errorf("negated feedback: angle %v, want 180", a.Angle[0])
	}
	// dfa: B_1 = (W_3 W_2)ᵀ is aligned, B_2 = W_3ᵀ too (DirectFeedback[k]
	// is n_k × n_L).
	for j := 0; j < 2; j++ {
		n.DirectFeedback[2].Set(j, 0, n.W[3].At(0, j))
	}
	for j := 0; j < 3; j++ {
		var p float64
		for i := 0; i < 2; i++ {
			p += n.W[3].At(0, i) * n.W[2].At(i, j)
		}
		n.DirectFeedback[1].Set(j, 0, p)
	}
	d := newAligner(n, NewDirectFeedbackAlignment(n, "mse")).measure(n)
	if d.Angle[0] > 1e-6 || d.Angle[1] > 1e-6 {
		t.Errorf("dfa with B = the forward path: %+v", d)
	}
	if a := newAligner(n, NewBackprop(n, "mse")).measure(n); a.Layers != 0 {
		t.Errorf("backprop measured %d layers", a.Layers)
	}
}

// TestFeedbackRandomLink: feedback=random gives the settling rules the
// net's fixed random feedback (the settler's RandomFeedback), the run then
// measures its alignment, and the net answers by settling on the same
// feedback; tied feedback measures nothing (W − Bᵀ is 0 by construction).
func TestFeedbackRandomLink(t *testing.T) {
	c, w := DecodeLink("#rules=chl,bp&feedback=random")
	if len(w) > 0 || c.Feedback != "random" {
		t.Fatalf("decode: %q %v", c.Feedback, w)
	}
	if _, w := DecodeLink("#feedback=symmetric"); len(w) != 1 {
		t.Errorf("feedback=symmetric: warnings %v", w)
	}
	for _, fb := range []string{"tied", "random"} {
		c.Feedback = fb
		r, err := NewRun(c, "chl")
		if err != nil {
			t.Fatal(err)
		}
		random := fb == "random"
		if got := r.rule.(*Contrastive).S.P.RandomFeedback; got != random {
			t.Errorf("%s: RandomFeedback %v", fb, got)
		}
		if got := r.answer.settler.P.RandomFeedback; got != random {
			t.Errorf("%s: the answer settles with RandomFeedback %v", fb, got)
		}
		if a := r.Alignment(); (a.Layers == 2) != random {
			t.Errorf("%s: %d layers measured", fb, a.Layers)
		}
	}
}
