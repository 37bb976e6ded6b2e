package anim

import (
	"math"
	"strings"
	"testing"

	"propagate/engine"
)

// TestNumbersCheckTheChainRule: with one example per batch, backprop's
// change to every weight, read from the trace, is −η·δ_i·x_j with δ and x
// read from the same trace — the identity the numbers pane puts in front
// of the learner. Tolerance: a few ulps of the product.
func TestNumbersCheckTheChainRule(t *testing.T) {
	c := engine.DefaultConfig()
	c.BatchSize = 1
	r, err := engine.NewRun(c, "bp")
	if err != nil {
		t.Fatal(err)
	}
	r.Step(5)
	var tr engine.Trace
	r.StepTraced(&tr)
	tl := NewTimeline(&tr, r.View().Sizes())
	n := tl.Numbers()
	L := len(tl.Sizes) - 1
	if len(n.Input) != tl.Sizes[0] || len(n.Output) != tl.Sizes[L] || len(n.Layers) != L {
		t.Fatalf("numbers %+v", n)
	}
	for _, ln := range n.Layers {
		if ln.SignalName != "δ" || len(ln.Signal) != tl.Sizes[ln.Layer] {
			t.Errorf("layer %d: signal %q %v", ln.Layer, ln.SignalName, ln.Signal)
		}
	}
	checked := 0
	for k := 1; k <= L; k++ {
		for i := range tl.Sizes[k] {
			for j := range tl.Sizes[k-1] {
				e, ok := tl.EdgeNumbers(k, i, j)
				if !ok {
					t.Fatalf("no numbers for the edge %d:%d←%d", k, i, j)
				}
				want := -c.LearningRate * e.Signal * e.Pre
				if d := math.Abs(e.DeltaW - want); d > 1e-15+1e-12*math.Abs(want) {
					t.Errorf("edge %d:%d←%d: trace Δw %g, −η·δ·x %g", k, i, j, e.DeltaW, want)
				}
				if !strings.HasPrefix(e.Formula, "Δw = −η·δ·x") {
					t.Errorf("formula %q", e.Formula)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no edges checked")
	}
	if _, ok := tl.EdgeNumbers(L+1, 0, 0); ok {
		t.Error("numbers for a layer that is not there")
	}
	// CHL: its own local term, its signal named x⁺−x⁻.
	chl := realTimeline(t, "chl")
	e, ok := chl.EdgeNumbers(1, 0, 0)
	if !ok || !strings.Contains(e.Formula, "local term") || !strings.Contains(e.Formula, "x⁺−x⁻") {
		t.Errorf("chl edge numbers %+v", e)
	}
}
