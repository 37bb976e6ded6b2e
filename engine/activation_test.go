package engine

import (
	"math"
	"testing"
)

// TestBounded: Bounded is true exactly for the activations whose outputs
// stay in [−1, 1] whatever the input — the fact that lets a run skip the
// exploding-loss check (run.go) for them.
func TestBounded(t *testing.T) {
	inputs := []float64{-math.MaxFloat64, -1e300, -1e6, -3, -1, -0.5, 0, 0.5, 1, 3, 1e6, 1e300, math.MaxFloat64}
	for _, f := range Activations() {
		inside := true
		for _, a := range inputs {
			if y := f.Apply(a); !(math.Abs(y) <= 1) {
				inside = false
			}
		}
		if f.Bounded() != inside {
			t.Errorf("%s: Bounded() = %v, but outputs within [−1, 1] for every input: %v", f, f.Bounded(), inside)
		}
	}
}
