package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// Run is one net learning one dataset under one rule: net + rule + data +
// hyperparameters + seeded randomness. Two runs built from the same Config
// and seed start from identical weights and see identical batches, whatever
// their rules.
//
// Outside the engine a run is stepped, retuned and given weights through
// its methods and read through View; its fields are the engine's.
type Run struct {
	config   Config   // the settings it was built from (Config.At gives those in force)
	ruleName string   // the rule's link name
	net      *Net     // the weights; outside the engine, View() and SetWeights
	rule     Rule     // the learning rule
	data     *Dataset // the dataset, before its targets are mapped into train and test

	train, test []Example // targets mapped into the output activation's units
	update      *Update
	batch       []Example
	next        int // index in train of the next batch's first example
	step        int
	diverged    string
	stall       stallWatch // stall.go
	history     History
	answer      *answerer
	aligner     *aligner
	now         Config // the settings in force: Config.At(step)
	nextChange  int    // index in Config.Changes of the next change to apply
	outLo       float64
	outHi       float64

	// trainCols, testCols: train and test a forwardChunk at a time,
	// unit-major, which a feedforward net scores reading them in place
	// (evaluate).
	trainCols, testCols colSet
}

// Metrics is a run's state as the page and the CLI report it.
type Metrics struct {
	Step     int
	Epoch    int
	Loss     float64 // mean loss over the training set
	TestLoss float64
	TrainAcc float64 // fraction classified right (regression: within 0.1 of the target)
	TestAcc  float64
	Diverged bool
	Why      string // why the run stopped, when Diverged
	// Alignment of the feedback with the forward weights it stands in for
	// (symmetry.go): per hidden layer for fa, dfa and random-feedback CHL.
	Alignment Alignment
	Stalled   bool   // no progress, the loss near chance (stall.go)
	Hint      string // why it is stalled and what to try, when Stalled
}

// NewRun builds the run of the named rule for a config the link codec
// validated. Runs of the same config share data, initial weights and batch
// order whatever the rule.
func NewRun(c Config, rule string) (*Run, error) {
	seed := SeedFromString(c.Seed)
	data, err := configDataset(c, newRNG(seed, streamData))
	if err != nil {
		return nil, err
	}
	sizes := append([]int{data.InputSize()}, c.NetworkShape...)
	sizes = append(sizes, data.OutputSize())
	net := NewNet(sizes, c.Activation, c.OutputActivation)
	if err := net.Init(c.Init, newRNG(seed, streamWeights)); err != nil {
		return nil, err
	}
	net.InitFeedback(newRNG(seed, streamFeedback))
	r := &Run{config: c, ruleName: rule, net: net, data: data, update: net.NewUpdate()}
	r.outLo, r.outHi = c.OutputActivation.Range()
	if data.Regression {
		r.outLo, r.outHi = -1, 1
	}
	r.train = r.toOutputUnits(data.Train)
	r.test = r.toOutputUnits(data.Test)
	r.trainCols, r.testCols = newColSet(r.train), newColSet(r.test)
	r.stall.chance = chanceLoss(r.train, c.Loss == "xent")
	if len(r.train) == 0 {
		return nil, fmt.Errorf("dataset %q has no training examples", c.Dataset)
	}
	if r.rule, err = NewRule(rule, net, c); err != nil {
		return nil, err
	}
	r.answer = newAnswerer(net, r.rule)
	r.aligner = newAligner(net, r.rule)
	r.now = c
	r.applyChanges()
	r.batch = make([]Example, 0, c.BatchSize)
	r.history.Init(512, r.stepsPerEpoch())
	r.stall.every = r.stepsPerEpoch() * stallCheckEvery
	r.history.Add(r.Metrics())
	return r, nil
}

// toOutputUnits maps class labels ±1 onto the output activation's range
// (0/1 for a sigmoid output); regression targets stay as they are.
func (r *Run) toOutputUnits(src []Example) []Example {
	out := make([]Example, len(src))
	for i, ex := range src {
		y := make([]float64, len(ex.Y))
		for j, v := range ex.Y {
			y[j] = v
			if !r.data.Regression {
				y[j] = r.outLo + float64((v+1)/2*(r.outHi-r.outLo))
			}
		}
		out[i] = Example{X: ex.X, Y: y, P: ex.P}
	}
	return out
}

// Train returns the training examples with targets in output units.
func (r *Run) Train() []Example { return r.train }

// Test returns the test examples with targets in output units.
func (r *Run) Test() []Example { return r.test }

// StepCount returns the number of weight updates made so far.
func (r *Run) StepCount() int { return r.step }

// Epoch returns the number of whole passes over the training set so far.
func (r *Run) Epoch() int { return r.step * r.config.BatchSize / len(r.train) }

// Diverged reports whether the run stopped itself, and why.
func (r *Run) Diverged() (bool, string) { return r.diverged != "", r.diverged }

// Step makes n weight updates, stopping early if the run diverges. Batches
// are consecutive runs of the (once shuffled) training set, wrapping around —
// the batches TF Playground's loop makes. It allocates nothing.
func (r *Run) Step(n int) {
	for i := 0; i < n && r.diverged == ""; i++ {
		r.stepOnce(nil)
	}
}

// StepTraced makes one weight update and records it in tr.
func (r *Run) StepTraced(tr *Trace) {
	if r.diverged == "" {
		r.stepOnce(tr)
	}
}

// NextBatch returns the batch the next step will use (valid until the next
// call that steps the run).
func (r *Run) NextBatch() []Example {
	if bs := r.config.BatchSize; r.next+bs <= len(r.train) {
		// The batch lies in one piece of the training set: a view of it
		// (capped, so an append cannot write into the set), not a copy.
		return r.train[r.next : r.next+bs : r.next+bs]
	}
	r.batch = r.batch[:0]
	for j := 0; j < r.config.BatchSize; j++ {
		r.batch = append(r.batch, r.train[(r.next+j)%len(r.train)])
	}
	return r.batch
}

func (r *Run) stepOnce(tr *Trace) {
	batch := r.NextBatch()
	r.rule.Compute(batch, r.update, tr)
	if tr != nil {
		r.recordApplied(tr, false)
	}
	r.net.Apply(r.update, r.now.LearningRate, r.now.Regularization, r.now.RegularizationRate)
	if tr != nil {
		r.recordApplied(tr, true)
	}
	r.next = (r.next + len(batch)) % len(r.train)
	r.step++
	r.applyChanges()
	if why := r.checkFinite(); why != "" {
		r.diverged = why
		r.history.Add(r.Metrics())
		return
	}
	// The loss check runs once per epoch whatever the history's cadence, so
	// a run stops at the same step in the page and in the CLI. A bounded
	// output cannot reach divergedLoss: the check (a pass over both sets)
	// would never fire, so it is skipped.
	check := r.step%r.stepsPerEpoch() == 0 && !r.net.Acts[r.net.Layers()].Bounded()
	watch := r.step%r.stall.every == 0 // the stall watch's own, sparser cadence
	due := r.history.Due(r.step)
	if !check && !watch && !due {
		return
	}
	// The loss check and the stall watch need the training loss alone; the
	// full metrics (the test set too) only when they are recorded. An
	// evaluation changes nothing, so the run is the same either way.
	var m Metrics
	var loss float64
	if due {
		m = r.Metrics()
		loss = m.Loss
	} else {
		loss, _ = r.evaluate(r.train, &r.trainCols)
	}
	if check && loss > divergedLoss {
		r.diverged = fmt.Sprintf("loss %.3g exploded at step %d", loss, r.step)
		if !due {
			m = r.Metrics()
		}
		m.Diverged, m.Why = true, r.diverged
	}
	if watch {
		r.stall.observe(loss)
	}
	if due || r.diverged != "" {
		m.Stalled, m.Hint = r.stall.stalled()
		r.history.Add(m)
	}
}

// applyChanges puts in force the live settings changed up to this step
// (Config.Changes). Rules that copy γ, β or the settling cap are rebuilt on
// the same net — they hold no learned state — and so is the way the net
// answers.
func (r *Run) applyChanges() {
	changes := r.config.Changes
	if r.nextChange >= len(changes) || changes[r.nextChange].Step > r.step {
		return
	}
	for r.nextChange < len(changes) && changes[r.nextChange].Step <= r.step {
		r.nextChange++
	}
	r.setNow(r.config.At(r.step))
}

func (r *Run) setNow(now Config) {
	old := r.now
	r.now = now
	if !rebuildsRule(&old, &now) {
		return
	}
	rule, err := NewRule(r.ruleName, r.net, now)
	if err != nil {
		panic(err) // the rule was built from the same config's other fields
	}
	r.rule = rule
	r.answer = newAnswerer(r.net, rule)
}

// Retune gives a running run new settings without starting it over: c may
// differ from the run's config only in settings that define no other run
// (Config.Diff: the live ones, the change list and the page's own state).
// The settings of c in force at the run's current step apply from its next
// update on, and its later changes when their steps come. What the net has
// learned is kept.
func (r *Run) Retune(c Config) error {
	if d := r.config.Diff(c); d.Rebuild {
		return fmt.Errorf("retune: %s would define other runs; only %s carry a run on", strings.Join(d.Defining, ", "), strings.Join(LiveKeys, ", "))
	}
	r.config = c
	r.nextChange = 0
	for r.nextChange < len(c.Changes) && c.Changes[r.nextChange].Step <= r.step {
		r.nextChange++
	}
	r.setNow(c.At(r.step))
	return nil
}

// Now returns the settings in force at the run's current step.
func (r *Run) Now() Config { return r.now }

// stepsPerEpoch is the number of steps in one pass over the training set,
// rounded down (at least 1).
func (r *Run) stepsPerEpoch() int { return max(1, len(r.train)/r.config.BatchSize) }

// RecordEvery sets how often, in steps, the history records the metrics
// (each record evaluates the whole training and test sets). A new run records
// once per epoch, which keeps headless runs fast; the page records every few
// steps so its curves move from the start. The history still thins itself
// when full. Recording never changes what the run learns.
func (r *Run) RecordEvery(steps int) { r.history.interval = max(1, steps) }

// divergedLoss is far above any loss a bounded-output net can reach (at most
// ½·2² per output for tanh); only a linear output running away gets there.
const divergedLoss = 1e6

// checkFinite looks at the output layer's weights: a NaN or Inf anywhere
// reaches them within one step.
func (r *Run) checkFinite() string {
	L := r.net.Layers()
	var s float64
	for _, v := range r.net.W[L].mat.Data {
		s += v
	}
	for _, v := range r.net.B[L].vec.Data {
		s += v
	}
	if math.IsNaN(s) || math.IsInf(s, 0) {
		return fmt.Sprintf("weights became %v at step %d", s, r.step)
	}
	return ""
}

// Metrics computes loss and accuracy on the whole training and test sets.
func (r *Run) Metrics() Metrics {
	m := Metrics{Step: r.step, Epoch: r.Epoch(), Diverged: r.diverged != "", Why: r.diverged, Alignment: r.aligner.measure(r.net)}
	m.Stalled, m.Hint = r.stall.stalled()
	m.Loss, m.TrainAcc = r.evaluate(r.train, &r.trainCols)
	m.TestLoss, m.TestAcc = r.evaluate(r.test, &r.testCols)
	return m
}

// colSet is a set of examples a forwardChunk at a time, each chunk
// unit-major (colChunks): x[c] the chunk's n_0 × rows inputs, y[c] its
// n_L × rows targets. The sets never change, so a run builds them once.
type colSet struct{ x, y [][]float64 }

func newColSet(set []Example) colSet {
	var s colSet
	if len(set) == 0 {
		return s
	}
	x, y := make([][]float64, len(set)), make([][]float64, len(set))
	for i := range set {
		x[i], y[i] = set[i].X, set[i].Y
	}
	s.x, s.y = colChunks(x), colChunks(y)
	return s
}

// evaluate returns the mean loss and the accuracy of the net's answers on
// set (cols: the same set, chunked), each example's terms added in order.
func (r *Run) evaluate(set []Example, cols *colSet) (loss, acc float64) {
	if len(set) == 0 {
		return 0, 0
	}
	xent := r.config.Loss == "xent"
	correct := 0
	score := func(y []float64, ex *Example) {
		loss += exampleLoss(y, ex.Y, xent)
		if r.right(y, ex.Y) {
			correct++
		}
	}
	if r.answer.settler != nil {
		input := func(i int) []float64 { return set[i].X }
		r.answer.outputs(len(set), input, func(i int, y []float64) { score(y, &set[i]) })
	} else {
		// The inputs read in place a chunk at a time; no call per example
		// but score's, and none at all for one output's squared error:
		// exampleLoss and right, inline, in the same order.
		L := r.net.Layers()
		nL := r.net.Sizes[L]
		one := nL == 1 && !xent && !r.data.Regression
		mid := (r.outLo + r.outHi) / 2
		y := r.answer.layers[L]
		r.answer.forwardChunks(cols.x, func(start, rows int, x [][]float64) {
			out := x[L][:nL*rows]
			if one {
				d := cols.y[start/forwardChunk][:rows]
				for e, v := range out[:len(d)] {
					diff := v - d[e]
					loss += float64(0.5 * diff * diff)
					if (v > mid) == (d[e] > mid) {
						correct++
					}
				}
				return
			}
			for e := range rows {
				for i := range y {
					y[i] = out[i*rows+e]
				}
				score(y, &set[start+e])
			}
		})
	}
	n := float64(len(set))
	return loss / n, float64(correct) / n
}

// exampleLoss is ½‖y − d‖² or, for a sigmoid output, the cross-entropy.
func exampleLoss(y, d []float64, xent bool) float64 {
	var s float64
	for i := range y {
		if xent {
			p := math.Min(math.Max(y[i], 1e-12), 1-1e-12)
			s -= float64(d[i]*log(p)) + float64((1-d[i])*log(1-p))
		} else {
			e := y[i] - d[i]
			s += float64(0.5 * e * e)
		}
	}
	return s
}

// right: one output is right on the correct side of the middle of its range;
// several outputs are right when the largest is where the target's is;
// regression is right within 0.1.
func (r *Run) right(y, d []float64) bool {
	if r.data.Regression {
		return math.Abs(y[0]-d[0]) < 0.1
	}
	if len(y) == 1 {
		mid := (r.outLo + r.outHi) / 2
		return (y[0] > mid) == (d[0] > mid)
	}
	return argmax(y) == argmax(d)
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// MaxError returns the largest |y − d| over the training set and all outputs:
// the classic "every pattern within 0.1 of its target" criterion.
func (r *Run) MaxError() float64 {
	worst := 0.0
	r.answer.outputs(len(r.train), func(i int) []float64 { return r.train[i].X }, func(i int, out []float64) {
		for j, y := range out {
			worst = math.Max(worst, math.Abs(y-r.train[i].Y[j]))
		}
	})
	return worst
}

// History returns the recorded metrics, oldest first.
func (r *Run) History() []Metrics { return r.history.Points() }

// Shuffle-free batches mean a run needs no RNG after construction; rules that
// draw (stochastic units) get their own stream.
func ruleRNG(c Config) *rand.Rand { return newRNG(SeedFromString(c.Seed), streamRule) }
