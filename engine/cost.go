package engine

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// What a step costs. A page draws a frame every 16 ms and spends at most
// trainBudget (scenes: 6 ms) of it stepping the runs, in whole steps: one
// step cannot be split across frames. Each setting is clamped on its own by
// the link codec, but the product of several — batch × units × layers ×
// settling iterations — can make one step take seconds, so a link is also
// held to a budget on that product: the work of one step of both runs, and
// of one evaluation of the data set (loss and accuracy, recorded inside a
// step every few steps), in multiply-add equivalents.
//
// The model counts, per example, the multiply-adds of the rule's passes
// (forward, backward, the per-iteration drives of settling, the weight
// update) and the units it updates, each unit counted as actMACs
// multiply-adds (an activation and its bookkeeping). Settling rules are
// costed at their iteration cap — how long settling takes depends on the
// weights, and only the cap is a bound. BenchmarkCostModel measures the time
// per unit of this model for every rule.
//
// The budget. BenchmarkCostModel measures, on the 16-unit nets where the
// model's per-unit terms dominate, 1–2.5 ns per unit natively and 7–13 ns
// as WebAssembly under Node.js (V8, Chromium's engine) on the shared
// 2-core machine this was written on, under a load of 4–8. Unloaded it
// would be about twice as fast; a modest laptop is 2–3× slower than it, so
// the page there runs at about pageNsPerUnit = 10 ns per unit. Six
// milliseconds of training per frame (scenes' trainBudget) is then
// StepBudget = 600 k units for one step of both runs, at the settling cap.
// An evaluation (loss and accuracy over the whole data set) runs inside a
// step every few steps while the page plays. Costed at the cap it is far
// above what it takes: a settling net converges in 11–17 iterations of its
// two phases' 200 at the defaults (BenchmarkRuleStep), and the default
// demo's evaluation is already 4.4 M units at its cap. EvalBudget = 32 M
// units (320 ms at the cap, a stutter of a few frames at worst, about 25 ms
// as settling usually goes) bounds it without touching ordinary links:
// every lesson and the defaults fit, and TF Playground's largest net
// (six layers of 8) with CHL beside backprop is reduced in its batch only.
const (
	actMACs       = 8          // multiply-add equivalents per unit update
	pageNsPerUnit = 10         // ns per cost unit in the page on a modest laptop
	StepBudget    = 600_000    // one step of both runs, in cost units
	EvalBudget    = 32_000_000 // one evaluation of the data set by both runs
)

// Floors of the reduction: below minSettleFloor iterations a settling net
// is far from its fixed point (and the rules that need it are not what
// they say), so units go first.
const minSettleFloor = 20

// ruleCost is the cost of one example under one rule, in multiply-adds
// (macs) and unit updates (units), for a net of the given sizes and a
// settling cap of iters; answer is the cost of the net's answer to one
// input as that rule's network gives it (a forward pass, or a free-phase
// settle).
type ruleCost struct{ step, answer float64 }

// costModel is the cost of one example under the named rule, read from
// the rule registry: how a rule sends its signal back decides its passes.
// A rule the registry does not know, or a kind of feedback without a model
// here, is costed as a settling rule, the most expensive kind
// (TestCostModelCoversRules asks every rule for its own).
func costModel(rule string) (m func(s []int, iters int) ruleCost, known bool) {
	spec, ok := RuleByName(rule)
	if !ok {
		return settlingCost(false), false
	}
	switch spec.Feedback {
	case FeedbackTransposed, FeedbackRandom:
		return backwardCost(false), true
	case FeedbackDirect:
		return backwardCost(true), true
	case FeedbackNone:
		return arpCost, true
	case FeedbackTied:
		return settlingCost(!spec.Nudges), true
	}
	return settlingCost(false), false
}

// forwardMACs is Σ n_k n_{k−1}, one forward pass; units is Σ_{k≥1} n_k.
func forwardMACs(s []int) (macs, units float64) {
	for k := 1; k < len(s); k++ {
		macs += float64(s[k] * s[k-1])
		units += float64(s[k])
	}
	return macs, units
}

// backwardCost: forward pass, δ back through the hidden layers (W_{k+1}ᵀ δ,
// or the direct B_k e of DFA), the outer products of the update.
func backwardCost(direct bool) func(s []int, iters int) ruleCost {
	return func(s []int, _ int) ruleCost {
		f, u := forwardMACs(s)
		L := len(s) - 1
		var back float64
		for k := 1; k < L; k++ {
			if direct {
				back += float64(s[k] * s[L])
			} else {
				back += float64(s[k+1] * s[k])
			}
		}
		step := f + back + f + float64(actMACs*(2*u))
		return ruleCost{step: step, answer: f + float64(actMACs*u)}
	}
}

// arpCost: a sampled forward pass and the update's outer products.
func arpCost(s []int, _ int) ruleCost {
	f, u := forwardMACs(s)
	return ruleCost{step: float64(2*f) + float64(actMACs*2*u), answer: f + float64(actMACs*u)}
}

// settlingCost: a feedforward pass, then two phases of at most iters
// iterations, each computing every layer's drive (W_k x_{k−1} and the
// feedback γ W_{k+1}ᵀ x_{k+1}) and relaxing its units, then the Hebbian
// terms (two outer products per layer at most). clampedOutput: the plus
// phase holds the output (CHL, GeneRec), so its top layer does not move.
// The answer is the feedforward pass and a free phase.
func settlingCost(clampedOutput bool) func(s []int, iters int) ruleCost {
	return func(s []int, iters int) ruleCost {
		f, u := forwardMACs(s)
		L := len(s) - 1
		feedback := f - float64(s[1]*s[0])        // Σ_{k<L} n_{k+1} n_k
		free := f + feedback + float64(actMACs*u) // one free (or nudged) iteration
		plus := free
		if clampedOutput {
			plus = free - float64(s[L]*s[L-1]) - float64(actMACs*float64(s[L]))
		}
		it := float64(iters)
		first := f + float64(actMACs*u)
		return ruleCost{
			step:   first + float64(it*(free+plus)) + float64(2*f),
			answer: first + float64(it*free),
		}
	}
}

// CostOf is what one step and one evaluation of the config cost, summed over
// its two runs, in cost units at the settling cap (the largest the config
// or its changes set).
type CostOf struct {
	Step, Eval float64
}

// String describes the cost against the budgets.
func (k CostOf) String() string {
	return fmt.Sprintf("one step of both runs costs %s multiply-adds and one evaluation %s; the page's budgets are %s and %s (about %s and %s on a modest laptop)",
		shortCount(k.Step), shortCount(k.Eval), shortCount(StepBudget), shortCount(EvalBudget), budgetTime(StepBudget), budgetTime(EvalBudget))
}

// Cost returns the config's cost. A config whose data set cannot be built
// costs nothing here (NewRun refuses it).
func (c Config) Cost() CostOf {
	in, out, points, ok := dataShape(c)
	if !ok {
		return CostOf{}
	}
	sizes := slices.Concat([]int{in}, c.NetworkShape, []int{out})
	iters := maxSettle(c)
	var total CostOf
	for _, rule := range c.Rules {
		m, _ := costModel(rule)
		rc := m(sizes, iters)
		total.Step += float64(float64(c.BatchSize) * rc.step)
		total.Eval += float64(float64(points) * rc.answer)
	}
	return total
}

// dataShape is the data set's input and output sizes and the number of
// points an evaluation answers (train and test, each settled in chunks of
// settledChunk, the last padded).
func dataShape(c Config) (in, out, points int, ok bool) {
	pad := func(n int) int { return (n + settledChunk - 1) / settledChunk * settledChunk }
	if IsPatternSet(c.Dataset) {
		d, err := NewDataset(c.Dataset, 0, 50, nil, nil)
		if err != nil {
			return 0, 0, 0, false
		}
		return d.InputSize(), d.OutputSize(), 2 * pad(len(d.Train)), true
	}
	n := samplesClassify
	if isRegressionSet(c.Dataset) {
		n = samplesRegress
	}
	if len(c.Features) == 0 {
		return 0, 0, 0, false
	}
	train := n * c.PercTrainData / 100
	return len(c.Features), 1, pad(train) + pad(n-train), true
}

// maxSettle is the largest settling cap the config puts in force: its own
// or one a change sets later.
func maxSettle(c Config) int {
	m := c.SettleIters
	for _, ch := range c.Changes {
		if ch.Key == "settle" {
			d := &linkDecoder{c: c}
			linkKeys[linkKeyIndex["settle"]].read(d, ch.Value)
			m = max(m, d.c.SettleIters)
		}
	}
	return m
}

// WithinBudget reports whether one step and one evaluation of the config's
// runs fit StepBudget and EvalBudget.
func (c Config) WithinBudget() bool {
	k := c.Cost()
	return k.Step <= StepBudget && k.Eval <= EvalBudget
}

// FitBudget returns c reduced so that it fits the budgets, with a warning
// for each setting it reduced, saying from what, to what and why. It
// reduces, in this order:
//
//  1. batchSize. The cost of a step is linear in it, but the cost per
//     example seen is not: smaller batches learn from the same examples at
//     the same speed per second, only in more, smaller steps. What each
//     rule computes is unchanged. It cannot help an evaluation, whose cost
//     does not depend on the batch.
//  2. settle (and every change to it), down to minSettleFloor. The rules
//     still settle, but may stop short of their fixed point more often.
//  3. the widest hidden layers, one unit at a time, down to 1: this
//     changes the network the link asked for, so it comes last but one.
//  4. settle below minSettleFloor, the last resort (one layer of one unit
//     with a large cap).
//
// A config within the budgets comes back as it was, with no warning.
func FitBudget(c Config) (Config, []string) {
	if c.WithinBudget() {
		return c, nil
	}
	before := c.Cost()
	orig := c
	c.NetworkShape = slices.Clone(c.NetworkShape)
	c.Changes = slices.Clone(c.Changes)

	// 1. The batch, for the step alone.
	if k := c.Cost(); k.Step > StepBudget && c.BatchSize > 1 {
		per := k.Step / float64(c.BatchSize)
		c.BatchSize = max(1, min(c.BatchSize, int(StepBudget/per)))
	}
	// 2. The settling cap, down to the floor.
	for !c.WithinBudget() && maxSettle(c) > minSettleFloor && settles(c) {
		setSettle(&c, fitSettle(c, minSettleFloor))
	}
	// 3. Hidden units, widest layer first (the last of the widest).
	for !c.WithinBudget() {
		w := -1
		for i, n := range c.NetworkShape {
			if n > 1 && (w < 0 || n >= c.NetworkShape[w]) {
				w = i
			}
		}
		if w < 0 {
			break
		}
		c.NetworkShape[w]--
	}
	// 4. The settling cap below the floor.
	for !c.WithinBudget() && maxSettle(c) > 1 && settles(c) {
		setSettle(&c, fitSettle(c, 1))
	}
	// A step of batch 1 may fit while the batch can grow back now that
	// the rest is smaller: give back what fits, up to what was asked.
	if c.BatchSize < orig.BatchSize {
		per := c.Cost().Step / float64(c.BatchSize)
		c.BatchSize = max(c.BatchSize, min(orig.BatchSize, int(StepBudget/per)))
	}

	var reduced []string
	if c.BatchSize != orig.BatchSize {
		reduced = append(reduced, fmt.Sprintf("batchSize %d to %d", orig.BatchSize, c.BatchSize))
	}
	if s0, s1 := maxSettle(orig), maxSettle(c); s0 != s1 {
		reduced = append(reduced, fmt.Sprintf("settle %d to %d (settling may stop short of its fixed point)", s0, s1))
	}
	if !slices.Equal(c.NetworkShape, orig.NetworkShape) {
		reduced = append(reduced, fmt.Sprintf("networkShape %s to %s", joinInts(orig.NetworkShape), joinInts(c.NetworkShape)))
	}
	return c, []string{fmt.Sprintf("reduced %s, so that the page keeps its frame rate: as given, %s", strings.Join(reduced, ", "), before)}
}

// budgetTime is a budget as time on the page's reference machine.
func budgetTime(units float64) string {
	return fmt.Sprintf("%.0f ms", units*pageNsPerUnit/1e6)
}

// settles reports whether either of the config's rules settles.
func settles(c Config) bool {
	for _, r := range c.Rules {
		if m, _ := costModel(r); m([]int{1, 1, 1}, 2).answer != m([]int{1, 1, 1}, 1).answer {
			return true
		}
	}
	return false
}

// fitSettle is the largest settling cap, not below floor nor above the
// current one, at which the config fits; floor if none does.
func fitSettle(c Config, floor int) int {
	lo, hi := floor, maxSettle(c)
	for lo < hi { // the cost grows with the cap: bisect
		mid := (lo + hi + 1) / 2
		try := c
		try.Changes = slices.Clone(c.Changes)
		setSettle(&try, mid)
		if try.WithinBudget() {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// setSettle caps the config's settling cap and every change to it at n.
func setSettle(c *Config, n int) {
	c.SettleIters = min(c.SettleIters, n)
	for i, ch := range c.Changes {
		if ch.Key == "settle" {
			d := &linkDecoder{c: *c}
			linkKeys[linkKeyIndex["settle"]].read(d, ch.Value)
			if d.c.SettleIters > n {
				c.Changes[i].Value = fmt.Sprint(n)
			}
		}
	}
}

// shortCount writes a count as 1.2 M, 3.4 G.
func shortCount(v float64) string {
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.3g G", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.3g M", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.3g k", v/1e3)
	}
	return fmt.Sprintf("%.0f", math.Round(v))
}
