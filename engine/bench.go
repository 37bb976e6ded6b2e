package engine

import "fmt"

// The benchmarks: the work TF Playground's page does, on the nets it draws,
// so that `learn -bench` (natively and in wasm), the Go benchmarks and the
// JS engines of bench/ time the same thing. One table of setups, one of
// cases; a Bench is one case ready to run. Nothing here reads a clock: the
// callers time Do.

// BenchSetup is a net and dataset to time.
type BenchSetup struct {
	Name  string
	About string
	// Config returns the setup's link settings (rule aside).
	Config func() Config
}

// BenchSetups: default is TF Playground's default demo, spiral the spiral
// with hidden layers [8, 8, 8].
var BenchSetups = []BenchSetup{
	{"default", "TF Playground's default: circle, 2 → 4 → 2 → 1 tanh, batch 10, lr 0.03, 250 training points", DefaultConfig},
	{"spiral", "spiral, 2 → 8 → 8 → 8 → 1 tanh, otherwise the default", func() Config {
		c := DefaultConfig()
		c.Dataset = "spiral"
		c.NetworkShape = []int{8, 8, 8}
		return c
	}},
}

// Benchmark jobs.
const (
	// BenchTrain is the training loop alone: batch, compute, apply (Run.Step
	// with no metrics recorded). One Do is one step.
	BenchTrain = "train"
	// BenchEpoch is one pass over the training set plus the loss on the
	// training and test sets, as TF Playground's oneStep does. One Do is one
	// epoch.
	BenchEpoch = "epoch"
	// BenchHeatmap is one refresh of the heatmaps the page draws: the output
	// over a 100×100 grid of the input plane and every unit over 10×10.
	BenchHeatmap = "heatmap"
)

// BenchCase is one benchmark: a setup, a job and a rule.
type BenchCase struct{ Setup, Job, Rule string }

// BenchCases lists what `learn -bench` times: backprop on every job and
// setup, and CHL — the cost of settling — on the default training loop.
var BenchCases = []BenchCase{
	{"default", BenchTrain, "bp"},
	{"default", BenchTrain, "chl"},
	{"default", BenchEpoch, "bp"},
	{"default", BenchHeatmap, "bp"},
	{"spiral", BenchTrain, "bp"},
	{"spiral", BenchEpoch, "bp"},
	{"spiral", BenchHeatmap, "bp"},
}

// BenchWarmSteps is how far a case's run is trained before it is timed, so
// the weights (and, for settling rules, the iterations a step takes) are
// those of a run that has learned.
const BenchWarmSteps = 2000

// Bench is a case ready to time: call Do repeatedly.
type Bench struct {
	BenchCase
	Run  *Run
	heat *Heatmap
}

// NewBench builds the case's run and trains it BenchWarmSteps steps.
func NewBench(c BenchCase) (*Bench, error) {
	var setup *BenchSetup
	for i := range BenchSetups {
		if BenchSetups[i].Name == c.Setup {
			setup = &BenchSetups[i]
		}
	}
	if setup == nil {
		return nil, fmt.Errorf("unknown benchmark setup %q", c.Setup)
	}
	switch c.Job {
	case BenchTrain, BenchEpoch, BenchHeatmap:
	default:
		return nil, fmt.Errorf("unknown benchmark job %q", c.Job)
	}
	r, err := NewRun(setup.Config(), c.Rule)
	if err != nil {
		return nil, err
	}
	r.RecordEvery(1 << 40) // the metrics are the epoch job's work, not the loop's
	r.Step(BenchWarmSteps)
	if d, why := r.Diverged(); d {
		return nil, fmt.Errorf("%s %s %s diverged while warming up: %s", c.Setup, c.Job, c.Rule, why)
	}
	b := &Bench{BenchCase: c, Run: r}
	if c.Job == BenchHeatmap {
		b.heat = NewHeatmap(r.net, r.config.Features, 100, 10)
	}
	return b, nil
}

// Do does one unit of the job (a step, an epoch, a refresh) and returns the
// training examples it learned from (0 for a heatmap refresh). It allocates
// nothing.
func (b *Bench) Do() int {
	r := b.Run
	switch b.Job {
	case BenchTrain:
		r.Step(1)
		return r.config.BatchSize
	case BenchEpoch:
		n := r.stepsPerEpoch()
		r.Step(n)
		r.Metrics()
		return n * r.config.BatchSize
	default:
		r.RefreshHeatmap(b.heat)
		return 0
	}
}

// Err reports a run that diverged while timed: its steps stopped counting.
func (b *Bench) Err() error {
	if d, why := b.Run.Diverged(); d {
		return fmt.Errorf("%s %s %s diverged: %s", b.Setup, b.Job, b.Rule, why)
	}
	return nil
}
