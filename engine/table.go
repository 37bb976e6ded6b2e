package engine

import (
	"fmt"

	"slices"
	"strconv"
)

// Task is one row of the comparison table: a base config, a budget, and the
// criterion a run must meet to count as a success.
type Task struct {
	Name      string
	Criterion string // how success is judged, in words (printed with the table)
	MaxEpochs int
	config    func() Config
	solved    func(*Run) bool
}

// Tasks lists the table's tasks: the classic small problems of the
// biologically plausible learning papers (O'Reilly 1996 tabulates XOR and the
// encoders) and two of TF Playground's 2-D sets.
func Tasks() []Task {
	pattern := func(dataset string, hidden int) func() Config {
		return func() Config {
			c := DefaultConfig()
			c.Dataset = dataset
			c.NetworkShape = []int{hidden}
			c.Activation, c.OutputActivation = Sigmoid, Sigmoid
			c.Init = "fanin"
			c.LearningRate = 2
			c.BatchSize = 4
			if dataset == "8-3-8" {
				c.BatchSize = 8
			}
			return c
		}
	}
	within := func(tol float64) func(*Run) bool {
		return func(r *Run) bool { return r.MaxError() < tol }
	}
	plane := func(dataset string, shape []int) func() Config {
		return func() Config {
			c := DefaultConfig()
			c.Dataset = dataset
			c.NetworkShape = shape
			return c
		}
	}
	accurate := func(r *Run) bool { return r.Metrics().TestAcc >= 0.95 }
	return []Task{
		{Name: "xor4", Criterion: "all 4 outputs within 0.1 of their 0/1 target", MaxEpochs: 5000, config: pattern("xor4", 4), solved: within(0.1)},
		{Name: "4-2-4", Criterion: "every output within 0.4 of its 0/1 target", MaxEpochs: 5000, config: pattern("4-2-4", 2), solved: within(0.4)},
		{Name: "8-3-8", Criterion: "every output within 0.4 of its 0/1 target", MaxEpochs: 5000, config: pattern("8-3-8", 3), solved: within(0.4)},
		{Name: "circle", Criterion: "test accuracy ≥ 95%", MaxEpochs: 300, config: plane("circle", []int{4, 2}), solved: accurate},
		{Name: "xor", Criterion: "test accuracy ≥ 95%", MaxEpochs: 300, config: plane("xor", []int{8, 4}), solved: accurate},
	}
}

// TaskByName finds a task.
func TaskByName(name string) (Task, bool) {
	for _, t := range Tasks() {
		if t.Name == name {
			return t, true
		}
	}
	return Task{}, false
}

// Config returns the task's config for rule with the given seed: the task's
// base settings plus the rule's own defaults for it (RuleDefaults).
func (t Task) Config(rule string, seed int) Config {
	c := t.config()
	c.Rules = [2]string{rule, rule}
	c.Seed = strconv.Itoa(seed)
	RuleDefaults(rule, t.Name, &c)
	return c
}

// Attempt trains one seed until the criterion holds (checked after every
// epoch) or the budget runs out; it returns the epochs taken and whether it
// succeeded.
func (t Task) Attempt(rule string, seed int) (epochs int, ok bool, err error) {
	r, err := NewRun(t.Config(rule, seed), rule)
	if err != nil {
		return 0, false, err
	}
	for e := 1; e <= t.MaxEpochs; e++ {
		r.Step(r.stepsPerEpoch())
		if d, _ := r.Diverged(); d {
			return e, false, nil
		}
		if t.solved(r) {
			return e, true, nil
		}
	}
	return t.MaxEpochs, false, nil
}

// TableRow is one cell of the rules × tasks table.
type TableRow struct {
	Rule         string  `json:"rule"`
	Task         string  `json:"task"`
	Seeds        int     `json:"seeds"`
	SuccessRate  float64 `json:"successRate"`
	MedianEpochs float64 `json:"medianEpochs"` // over successful seeds; -1 when none succeeded
	Criterion    string  `json:"criterion"`
	MaxEpochs    int     `json:"maxEpochs"`
}

// TableCell runs seeds 1..seeds of rule on task.
func TableCell(rule string, t Task, seeds int) (TableRow, error) {
	row := TableRow{Rule: rule, Task: t.Name, Seeds: seeds, Criterion: t.Criterion, MaxEpochs: t.MaxEpochs, MedianEpochs: -1}
	var epochs []float64
	for s := 1; s <= seeds; s++ {
		e, ok, err := t.Attempt(rule, s)
		if err != nil {
			return row, fmt.Errorf("%s on %s, seed %d: %w", rule, t.Name, s, err)
		}
		if ok {
			epochs = append(epochs, float64(e))
		}
	}
	row.SuccessRate = float64(len(epochs)) / float64(seeds)
	if len(epochs) > 0 {
		row.MedianEpochs = median(epochs)
	}
	return row, nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
