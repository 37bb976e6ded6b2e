package engine

import (
	"reflect"
	"testing"
)

func TestEquivalenceAtIsEquivalence(t *testing.T) {
	c, _ := DecodeLink("#scene=equivalence&networkShape=5,4&dataset=xor&batchSize=8")
	gammas := []float64{1, 0.1, 0.01, 0.001}
	for _, withFactor := range []bool{true, false} {
		want, err := Equivalence(c, gammas, withFactor)
		if err != nil {
			t.Fatal(err)
		}
		for i, g := range gammas {
			d, err := EquivalenceAt(c, g, withFactor)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Layers, want[i].Layers) {
				t.Errorf("γ %g factor %v: EquivalenceAt %+v, Equivalence %+v", g, withFactor, d.Layers, want[i].Layers)
			}
			if len(d.CHL) != len(d.Sizes) || len(d.CHL[1]) != d.Sizes[1]*d.Sizes[0] || len(d.BP[len(d.Sizes)-1]) != d.Sizes[len(d.Sizes)-1]*d.Sizes[len(d.Sizes)-2] {
				t.Errorf("γ %g: update shapes %v for sizes %v", g, d.CHL, d.Sizes)
			}
		}
	}
	if _, err := EquivalenceAt(c, 0, true); err == nil {
		t.Error("γ = 0 accepted")
	}
}
