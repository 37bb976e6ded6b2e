package engine

import (
	"reflect"
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
		if scheduled.Config.At(scheduled.StepCount()).Gamma != 0.4 {
			t.Errorf("%s: γ in force %v", rule, scheduled.Config.At(300).Gamma)
		}
		unchanged, _ := NewRun(plain, rule)
		unchanged.Step(300)
		if unchanged.Report() == scheduled.Report() {
			t.Errorf("%s: the changes changed nothing", rule)
		}
	}
}
