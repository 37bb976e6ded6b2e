package engine

import (
	"math"
	"strings"
	"testing"
)

// The chance loss is the loss of the best constant answer: the mean target
// under ½ squared error. Checked against a constant net's own loss.
func TestChanceLoss(t *testing.T) {
	train := []Example{{Y: []float64{1, 0}}, {Y: []float64{-1, 0}}, {Y: []float64{1, 1}}, {Y: []float64{1, 0}}}
	// Output 0: mean ½, variance ¾; output 1: mean ¼, variance 3/16.
	if got, want := chanceLoss(train, false), 0.5*(0.75+0.1875); math.Abs(got-want) > 1e-15 {
		t.Errorf("squared error: %v, want %v", got, want)
	}
	var best float64
	for _, ex := range train {
		best += exampleLoss([]float64{0.5, 0.25}, ex.Y, false)
	}
	if got := chanceLoss(train, false); math.Abs(got-best/4) > 1e-15 {
		t.Errorf("chance %v, the mean answer's loss %v", got, best/4)
	}
}

// A saturated net (learning rate 10) stalls, and the report says so with
// a plain hint (backprop's stays stalled: its loss never moves again); the
// default demo, a slow start on the spiral and a tiny pattern task are not.
func TestStalled(t *testing.T) {
	for _, tc := range []struct {
		link    string
		steps   int
		stalled [2]bool
		hint    string
	}{
		{"#rules=bp,chl&learningRate=10", 3000, [2]bool{true, true}, "learning rate too high?"},
		{"#rules=bp,chl&learningRate=0.00001", 3000, [2]bool{true, true}, "learning rate too low"},
		{"#rules=bp,chl", 3000, [2]bool{false, false}, ""},
		{"#rules=bp,fa&dataset=spiral&networkShape=8,8,8", 3000, [2]bool{false, false}, ""},
		{"#rules=bp,chl&dataset=8-3-8&networkShape=3&activation=sigmoid&outputActivation=sigmoid&loss=xent", 3000, [2]bool{false, false}, ""},
	} {
		c, _ := DecodeLink(tc.link)
		runs, err := NewRuns(c)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range runs {
			ever, hint := false, ""
			for range tc.steps / 50 {
				r.Step(50)
				if s, h := r.Stalled(); s {
					ever, hint = true, h
				}
			}
			if ever != tc.stalled[i] || r.Report().Diverged {
				t.Errorf("%s %s: stalled %v, want %v (%s)", tc.link, r.ruleName, ever, tc.stalled[i], hint)
			}
			if tc.stalled[i] && !strings.Contains(hint, tc.hint) {
				t.Errorf("%s %s: hint %q, want %q", tc.link, r.ruleName, hint, tc.hint)
			}
		}
		if tc.stalled[0] {
			if rep := runs[0].Report(); !rep.Stalled || !strings.Contains(rep.Hint, tc.hint) {
				t.Errorf("%s: bp's report %+v", tc.link, rep)
			}
		}
	}
}
