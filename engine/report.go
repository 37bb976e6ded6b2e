package engine

import "math"

// RunReport is one run as the page's status() and the learn CLI report it;
// the JSON names are a contract (DESIGN.md) — extend, never rename.
type RunReport struct {
	Rule     string  `json:"rule"`
	Loss     float64 `json:"loss"`
	TrainAcc float64 `json:"trainAcc"`
	TestAcc  float64 `json:"testAcc"`
	Diverged bool    `json:"diverged"`
	TestLoss float64 `json:"testLoss"`
	Step     int     `json:"step"`
	Epoch    int     `json:"epoch"`
	Why      string  `json:"why,omitempty"`  // why a diverged run stopped
	Stalled  bool    `json:"stalled"`        // no progress, the loss near chance (stall.go)
	Hint     string  `json:"hint,omitempty"` // why a run is stalled, what to try
}

// Report returns the run's current report. JSON cannot carry NaN or Inf, so a
// diverged run's non-finite loss is reported as -1 (with Diverged set).
func (r *Run) Report() RunReport { return r.ReportOf(r.Metrics()) }

// ReportOf is the report of metrics m that r computed earlier, for a caller
// that keeps them (a pass over the data costs).
func (r *Run) ReportOf(m Metrics) RunReport {
	return RunReport{
		Rule: r.ruleName, Loss: finiteOr(m.Loss, -1), TrainAcc: m.TrainAcc, TestAcc: m.TestAcc,
		Diverged: m.Diverged, TestLoss: finiteOr(m.TestLoss, -1), Step: m.Step, Epoch: m.Epoch, Why: m.Why,
		Stalled: m.Stalled, Hint: m.Hint,
	}
}

func finiteOr(v, fallback float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fallback
	}
	return v
}

// NewRuns builds the runs of a config's rule pair, which share data, initial
// weights and batch order.
func NewRuns(c Config) ([]*Run, error) {
	runs := make([]*Run, 0, len(c.Rules))
	for _, rule := range c.Rules {
		r, err := NewRun(c, rule)
		if err != nil {
			return nil, err
		}
		runs = append(runs, r)
	}
	return runs, nil
}
