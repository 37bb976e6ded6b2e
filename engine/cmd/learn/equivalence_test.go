package main

import (
	"encoding/json"
	"testing"
)

// TestPCEquivalenceJSON: `learn -equivalence -rule pc -json` has CHL's
// shape with "param" naming the swept value, and its default sweep shows
// the limit: at least three points, the relative error at least five times
// smaller at the last than at the first in every layer, and every layer's
// cosine at least 0.99 at the last.
func TestPCEquivalenceJSON(t *testing.T) {
	out, errOut, code := learn(t, "-equivalence", "-rule", "pc", "-json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Equivalence []struct {
			Gamma  float64
			Param  string
			Layers []struct {
				Layer                     int
				Cosine, RelErr, NormRatio float64
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Equivalence) < 3 {
		t.Fatalf("equivalence JSON (want ≥ 3 points): %v\n%s", err, out)
	}
	first, last := got.Equivalence[0], got.Equivalence[len(got.Equivalence)-1]
	for _, e := range got.Equivalence {
		if e.Param != "varOut" || len(e.Layers) != 3 {
			t.Fatalf("point %+v: want param varOut and layers 1..3", e)
		}
	}
	if !(last.Gamma > first.Gamma) {
		t.Errorf("the sweep runs from Σ_L = %g to %g: want it to grow toward the limit", first.Gamma, last.Gamma)
	}
	for l := range last.Layers {
		if r := first.Layers[l].RelErr / last.Layers[l].RelErr; r < 5 {
			t.Errorf("layer %d: relErr fell only %.2f× from Σ_L = %g to %g", l+1, r, first.Gamma, last.Gamma)
		}
		if c := last.Layers[l].Cosine; c < 0.99 {
			t.Errorf("layer %d: cosine %v at Σ_L = %g", l+1, c, last.Gamma)
		}
	}
	// CHL's output names its parameter too.
	out, _, _ = learn(t, "-equivalence", "-gamma", "0.1", "-json")
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Equivalence[0].Param != "gamma" {
		t.Errorf("chl equivalence: %v %+v", err, got)
	}
	for _, bad := range [][]string{{"-equivalence", "-rule", "bp"}, {"-equivalence", "-rule", "pc", "-gamma", "0"}, {"-equivalence", "-rule", "pc", "-gamma", "1e9"}} {
		if _, _, code := learn(t, bad...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", bad, code, exitUsage)
		}
	}
}
