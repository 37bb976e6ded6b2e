package engine

import (
	"math"
	"testing"
)

// TestHeatmapIsTheForwardPass: a feedforward net's heatmaps (computed a
// chunk of rows at a time) hold, bit for bit, what Net.Forward gives for each
// grid point, output and every unit — on a grid that is not a whole number
// of chunks.
func TestHeatmapIsTheForwardPass(t *testing.T) {
	c := DefaultConfig()
	c.Dataset, c.NetworkShape = "spiral", []int{5, 3}
	c.Features = []string{"x", "y", "sinX", "xTimesY"}
	r, err := NewRun(c, "bp")
	if err != nil {
		t.Fatal(err)
	}
	r.Step(300)
	h := NewHeatmap(r.net, c.Features, 37, 9)
	r.RefreshHeatmap(h)
	s := r.net.NewScratch()
	L := r.net.Layers()
	for p, in := range h.inputs {
		r.net.Forward(in, s.A, s.X)
		if math.Float64bits(h.Output[p]) != math.Float64bits(s.X[L][0]) {
			t.Fatalf("output at grid point %d: heatmap %v, forward pass %v", p, h.Output[p], s.X[L][0])
		}
	}
	for p, in := range h.unitInputs {
		r.net.Forward(in, s.A, s.X)
		for k := range s.X {
			for i, v := range s.X[k] {
				if got := h.Units[k][i][p]; math.Float64bits(got) != math.Float64bits(v) {
					t.Fatalf("unit %d of layer %d at point %d: heatmap %v, forward pass %v", i, k, p, got, v)
				}
			}
		}
	}
}
