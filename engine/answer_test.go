package engine

import (
	"math"
	"testing"
)

// TestSettlingRulesAnswerAtTheirFixedPoint: the metrics of a CHL run are
// those of its free fixed point, not of the forward pass, and a heatmap
// refresh answers the same way as the metrics (same point, same value).
func TestSettlingRulesAnswerAtTheirFixedPoint(t *testing.T) {
	c := DefaultConfig()
	c.Gamma = 0.8 // large, so the fixed point is far from the forward pass
	r, err := NewRun(c, "chl")
	if err != nil {
		t.Fatal(err)
	}
	r.Step(100)
	if !r.Settled() {
		t.Fatal("a CHL run does not answer by settling")
	}
	// The fixed point of one example, settled alone to a tight tolerance.
	ex := r.Train()[0]
	p := r.answer.settler.P
	p.Tol = 1e-13
	p.MaxIters = 10_000
	s := NewSettler(r.net, p)
	s.SettleFree([][]float64{ex.X})
	fixed := s.Free[r.net.Layers()].At(0, 0)
	forward := r.net.Predict(ex.X, r.net.NewScratch())[0]
	if math.Abs(fixed-forward) < 1e-3 {
		t.Fatalf("at γ = 0.8 the fixed point %v is as the forward pass %v: the test would not see a difference", fixed, forward)
	}
	var got float64
	r.answer.each(1, func(int) []float64 { return ex.X }, func(_ int, layers [][]float64) { got = layers[len(layers)-1][0] })
	// The default tolerance 1e-4 bounds each unit's last move; Gauss–Seidel
	// sweeps contract, so the answer is within a few tolerances.
	if math.Abs(got-fixed) > 1e-3 {
		t.Errorf("the run answers %v, the fixed point is %v (forward pass %v)", got, fixed, forward)
	}
	// A heatmap point placed exactly on the example gives the same answer.
	h := NewHeatmap(r.net, c.Features, 2, 1)
	h.inputs = [][]float64{ex.X, ex.X, ex.X, ex.X}
	r.RefreshHeatmap(h)
	if math.Abs(h.Output[0]-got) > 1e-3 {
		t.Errorf("heatmap answers %v, metrics %v", h.Output[0], got)
	}
	if a := testing.AllocsPerRun(3, func() { r.RefreshHeatmap(h) }); a != 0 {
		t.Errorf("a settled heatmap refresh allocates %v times", a)
	}
	// And a feedforward rule answers with its forward pass, exactly.
	b, _ := NewRun(c, "bp")
	b.answer.each(1, func(int) []float64 { return ex.X }, func(_ int, layers [][]float64) { got = layers[len(layers)-1][0] })
	if want := b.net.Predict(ex.X, b.net.NewScratch())[0]; got != want {
		t.Errorf("bp answers %v, forward pass %v", got, want)
	}
}
