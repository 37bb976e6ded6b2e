package engine

import (
	"math"
	"strings"
	"testing"
)

// A traced step records the update the run applied: the learning rate and
// weight decay in force after the link's changes, and weights before and
// after with W' − W = η(ΔW − λ·decay(W)) (Net.Apply).
func TestTraceRecordsTheUpdateApplied(t *testing.T) {
	for _, reg := range []string{"L2", "L1"} {
		c, w := DecodeLink("#changes=1~learningRate~1&regularization=" + reg + "&regularizationRate=0.1")
		if len(w) != 0 {
			t.Fatal(w)
		}
		for _, rule := range []string{"bp", "chl"} {
			r, _ := NewRun(c, rule)
			r.Step(1)
			before := r.View().AllWeights()
			var tr Trace
			r.StepTraced(&tr)
			a := tr.Applied
			if a.LearningRate != 1 || a.Regularization != reg || a.RegularizationRate != 0.1 {
				t.Fatalf("%s %s: applied settings %v %s %v, want 1 %s 0.1", reg, rule, a.LearningRate, a.Regularization, a.RegularizationRate, reg)
			}
			after := r.View().AllWeights()
			for _, e := range tr.Events {
				if e.Kind != EvUpdate {
					continue
				}
				k := e.Layer
				if !equalFloats(a.WeightsBefore[k], before[k]) || !equalFloats(a.WeightsAfter[k], after[k]) {
					t.Fatalf("%s %s layer %d: the weights recorded are not the net's", reg, rule, k)
				}
				for x, dw := range e.Weights {
					decay := 0.1 * before[k][x]
					if reg == "L1" {
						decay = 0.1 * sign(before[k][x])
					}
					want := 1 * (dw - decay)
					got, ok := a.DeltaW(k, x)
					if !ok || math.Abs(got-want) > 1e-12 {
						t.Fatalf("%s %s: ΔW[%d][%d] = %v, want η(ΔW − λ·decay) = %v", reg, rule, k, x, got, want)
					}
				}
			}
		}
	}
}

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// A γ change rebuilds the rule: the run goes on exactly as a run built at
// the new γ from the same weights.
func TestAGammaChangeRebuildsTheRule(t *testing.T) {
	c, _ := DecodeLink("#rules=chl,bp&changes=25~gamma~0.9") // 250 points, batch 10: step 25 starts the set again
	changed, _ := NewRun(c, "chl")
	changed.Step(25)
	plain := c
	plain.Changes, plain.Gamma = nil, 0.9
	fresh, _ := NewRun(plain, "chl")
	v := changed.View()
	var w [][][]float64
	var b [][]float64
	for k := 1; k <= v.Layers(); k++ {
		rows := make([][]float64, v.Units(k))
		for i := range rows {
			for j := 0; j < v.Units(k-1); j++ {
				rows[i] = append(rows[i], v.Weight(k, i, j))
			}
		}
		w, b = append(w, rows), append(b, v.Biases(k, nil))
	}
	if err := fresh.SetWeights(w, b); err != nil {
		t.Fatal(err)
	}
	changed.Step(5)
	fresh.Step(5)
	if !equalFloats(changed.View().Weights(1, nil), fresh.View().Weights(1, nil)) {
		t.Error("after the γ change the run does not learn as one built at the new γ")
	}
}

func TestSetWeightsChecksEverythingFirst(t *testing.T) {
	r, _ := NewRun(DefaultConfig(), "bp") // 2 → 4 → 2 → 1
	v := r.View()
	good := func() ([][][]float64, [][]float64) {
		var w [][][]float64
		var b [][]float64
		for k := 1; k <= v.Layers(); k++ {
			rows := make([][]float64, v.Units(k))
			for i := range rows {
				rows[i] = make([]float64, v.Units(k-1))
				for j := range rows[i] {
					rows[i][j] = float64(10*k + i + j)
				}
			}
			w, b = append(w, rows), append(b, make([]float64, v.Units(k)))
		}
		return w, b
	}
	orig := v.AllWeights()
	bad := []struct {
		name   string
		break_ func(w [][][]float64, b [][]float64) ([][][]float64, [][]float64)
		want   string
	}{
		{"a layer short", func(w [][][]float64, b [][]float64) ([][][]float64, [][]float64) { return w[:2], b[:2] }, "2 weight and 2 bias layers, want 3"},
		{"a row short", func(w [][][]float64, b [][]float64) ([][][]float64, [][]float64) { w[1] = w[1][:1]; return w, b }, "layer 2 has 1 rows"},
		{"a weight more", func(w [][][]float64, b [][]float64) ([][][]float64, [][]float64) {
			w[2][0] = append(w[2][0], 1)
			return w, b
		}, "layer 3 row 1 has 3 weights, want 2"},
		{"NaN", func(w [][][]float64, b [][]float64) ([][][]float64, [][]float64) {
			w[2][0][1] = math.NaN()
			return w, b
		}, "layer 3: weight NaN"},
		{"huge bias", func(w [][][]float64, b [][]float64) ([][][]float64, [][]float64) { b[0][3] = 2e6; return w, b }, "layer 1 biases: weight 2e+06 is outside ±1e+06"},
	}
	for _, c := range bad {
		w, b := good()
		w, b = c.break_(w, b)
		err := r.SetWeights(w, b)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		for k := 1; k <= v.Layers(); k++ {
			if !equalFloats(v.Weights(k, nil), orig[k]) {
				t.Fatalf("%s: the weights changed", c.name)
			}
		}
	}
	w, b := good()
	if allocs := testing.AllocsPerRun(10, func() { _ = r.SetWeights(w, b) }); allocs != 0 {
		t.Errorf("SetWeights allocates %v times", allocs)
	}
	if got := v.Weight(2, 1, 3); got != 20+1+3 {
		t.Errorf("W2[1][3] = %v after SetWeights", got)
	}
}

// What the view returns is the caller's.
func TestRunViewCopies(t *testing.T) {
	r, _ := NewRun(DefaultConfig(), "chl")
	v := r.View()
	v.Sizes()[1] = 99
	cfg := v.Config()
	cfg.Features[0], cfg.NetworkShape[0] = "cosY", 99
	w := v.Weights(1, nil)
	w[0] = 42
	if r.net.Sizes[1] == 99 || r.config.Features[0] == "cosY" || r.config.NetworkShape[0] == 99 || r.net.W[1].At(0, 0) == 42 {
		t.Error("writing what the view returned wrote into the run")
	}
	if v.Weight(1, 2, 1) != r.net.W[1].At(2, 1) || v.Bias(2, 1) != r.net.B[2].AtVec(1) || v.Rule() != "chl" {
		t.Error("the view does not read the run")
	}
	if v.Now().LearningRate != 0.03 || v.Spec().Feedback != FeedbackTied {
		t.Error("the view's settings or spec")
	}
}
