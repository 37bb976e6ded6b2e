package engine

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestChangesRoundTripAndWarnings(t *testing.T) {
	c, w := DecodeLink("#v=1&learningRate=0.03&changes=1200~learningRate~0.1,3000~gamma~0.25,3000~settle~40")
	if len(w) != 0 {
		t.Fatalf("warnings %v", w)
	}
	want := []Change{{1200, "learningRate", "0.1"}, {3000, "gamma", "0.25"}, {3000, "settle", "40"}}
	if !reflect.DeepEqual(c.Changes, want) {
		t.Fatalf("changes %+v, want %+v", c.Changes, want)
	}
	if !strings.Contains(c.Link(), "&changes=1200~learningRate~0.1,3000~gamma~0.25,3000~settle~40") {
		t.Errorf("link %s does not carry the changes readably", c.Link())
	}
	back, w := DecodeLink(c.Link())
	if len(w) != 0 || !reflect.DeepEqual(back, c) {
		t.Errorf("round trip: %v %+v", w, back.Changes)
	}
	if p := c.Validate(); len(p) != 0 {
		t.Errorf("Validate: %v", p)
	}
	for _, bad := range []string{"0~learningRate~0.1", "5~seed~3", "5~learningRate~99", "5~gamma", "x~gamma~0.1", "9~gamma~0.2,5~gamma~0.3"} {
		c, w := DecodeLink("#changes=" + bad)
		if len(w) == 0 {
			t.Errorf("changes=%s: no warning", bad)
		}
		if p := c.Validate(); len(p) != 0 {
			t.Errorf("changes=%s: decoded config invalid: %v", bad, p)
		}
	}
}

func TestConfigAt(t *testing.T) {
	c, _ := DecodeLink("#learningRate=0.03&gamma=0.1&changes=100~learningRate~0.2,200~gamma~0.5")
	for _, tc := range []struct {
		step      int
		lr, gamma float64
	}{{0, 0.03, 0.1}, {99, 0.03, 0.1}, {100, 0.2, 0.1}, {199, 0.2, 0.1}, {200, 0.2, 0.5}, {10_000, 0.2, 0.5}} {
		at := c.At(tc.step)
		if at.LearningRate != tc.lr || at.Gamma != tc.gamma {
			t.Errorf("At(%d): lr %v γ %v, want %v %v", tc.step, at.LearningRate, at.Gamma, tc.lr, tc.gamma)
		}
	}
}

// TestRunFollowsItsChanges: a run whose link changes the learning rate at
// step 100 is the run that trained 100 steps, then took the new rate — and
// γ changes reach the rule and the way the net answers.
func TestRunFollowsItsChanges(t *testing.T) {
	c, _ := DecodeLink("#rules=bp,chl&learningRate=0.03&changes=100~learningRate~0.3,150~gamma~0.4")
	for _, rule := range []string{"bp", "chl"} {
		scheduled, _ := NewRun(c, rule)
		scheduled.Step(300)

		plain := c
		plain.Changes = nil
		by := plain
		by.LearningRate = 0.3
		byHand, _ := NewRun(plain, rule)
		byHand.Step(100)
		if err := byHand.Retune(by); err != nil {
			t.Fatal(err)
		}
		byHand.Step(50)
		by.Gamma = 0.4
		if err := byHand.Retune(by); err != nil {
			t.Fatal(err)
		}
		byHand.Step(150)
		if scheduled.Report() != byHand.Report() {
			t.Errorf("%s: scheduled %+v, by hand %+v", rule, scheduled.Report(), byHand.Report())
		}
		if scheduled.config.At(scheduled.StepCount()).Gamma != 0.4 {
			t.Errorf("%s: γ in force %v", rule, scheduled.config.At(300).Gamma)
		}
		unchanged, _ := NewRun(plain, rule)
		unchanged.Step(300)
		if unchanged.Report() == scheduled.Report() {
			t.Errorf("%s: the changes changed nothing", rule)
		}
	}
}

// ChangeAt records live changes at the step they are made, replaces what
// the list said would come later, and refuses what defines other runs.
func TestChangeAt(t *testing.T) {
	c := DefaultConfig()
	to := c
	to.LearningRate, to.Mode, to.Speed = 0.1, "explain", 7
	got, err := c.ChangeAt(40, to)
	if err != nil || got.LearningRate != 0.03 || got.Mode != "explain" || got.Speed != 7 ||
		!slices.Equal(got.Changes, []Change{{40, "learningRate", "0.1"}}) {
		t.Fatalf("%v: lr %v mode %s changes %v", err, got.LearningRate, got.Mode, got.Changes)
	}
	to.LearningRate, to.Gamma = 0.2, 0.3
	again, _ := got.ChangeAt(40, to)
	if want := []Change{{40, "learningRate", "0.2"}, {40, "gamma", "0.3"}}; !slices.Equal(again.Changes, want) {
		t.Errorf("a second change at the same step: %v, want %v", again.Changes, want)
	}
	planned, _ := DecodeLink("changes=10~gamma~0.2,100~learningRate~1")
	to = planned.At(50)
	to.Beta = 0.25
	now, _ := planned.ChangeAt(50, to)
	if want := []Change{{10, "gamma", "0.2"}, {50, "beta", "0.25"}}; !slices.Equal(now.Changes, want) {
		t.Errorf("a change at 50 over a plan for 100: %v, want %v", now.Changes, want)
	}
	first := planned.At(0)
	first.Beta = 0.25
	start, _ := planned.ChangeAt(0, first)
	if start.Beta != 0.25 || start.Gamma != 0.1 || !slices.Equal(start.Changes, planned.Changes) {
		t.Errorf("a change at step 0: β %v γ %v changes %v", start.Beta, start.Gamma, start.Changes)
	}
	to.BatchSize = 5
	if same, err := planned.ChangeAt(50, to); err == nil || !strings.Contains(err.Error(), "batchSize") || !reflect.DeepEqual(same, planned) {
		t.Errorf("a batch size change: %v", err)
	}
	full := DefaultConfig()
	for i := range MaxChanges {
		full.Changes = append(full.Changes, Change{i + 1, "speed", "2"})
	}
	to = full.At(MaxChanges + 1)
	to.Beta = 0.2
	if _, err := full.ChangeAt(MaxChanges+1, to); err == nil {
		t.Error("a change past MaxChanges was taken")
	}
}

// With takes a key's setting from another config, whatever the key.
func TestConfigWith(t *testing.T) {
	base := DefaultConfig()
	for _, s := range Settings() {
		o, _ := base.Merge(s.Key + "=" + alternative(s))
		keys := []string{s.Key}
		switch s.Key {
		case "regDataset":
			o, _ = base.Merge("problem=regression&regDataset=" + alternative(s))
			keys = append(keys, "problem")
		case "loss":
			o, _ = base.Merge("outputActivation=sigmoid&loss=" + alternative(s))
			keys = append(keys, "outputActivation")
		case "points":
			o, _ = base.Merge("dataset=custom&points=" + alternative(s))
			keys = append(keys, "dataset")
		}
		got := base.With(o, keys...)
		if got.Diff(o).Has(s.Key) {
			t.Errorf("With(%s): still %v", s.Key, got.Diff(o).Keys)
		}
		if d := base.Diff(got); !d.Has(s.Key) && s.Key != "initZero" {
			t.Errorf("With(%s) changed %v", s.Key, d.Keys)
		}
	}
}
