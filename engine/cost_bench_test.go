package engine

import (
	"fmt"
	"testing"
)

// BenchmarkCostModel times every rule's step (Rule.Compute on one batch and
// Net.Apply: what a Run.Step does between evaluations) and evaluation
// (Run.Metrics: the whole data set answered) on small, default and large
// nets, with settling forced to its cap (a tolerance no state meets), and
// reports the time per unit of the cost model (cost.go). ns/unit is what
// the budgets' conversion to milliseconds rests on. It measures; nothing
// asserts a speed.
func BenchmarkCostModel(b *testing.B) {
	shapes := [][]int{{4, 2}, {8, 8, 8}, {16, 16, 16, 16, 16, 16}}
	for _, rule := range RuleNames {
		for _, shape := range shapes {
			c := DefaultConfig()
			c.Rules = [2]string{rule, rule}
			c.NetworkShape = shape
			c.BatchSize = 10
			c.SettleIters = 30
			build := func(b *testing.B) *Run {
				r, err := NewRun(c, rule)
				if err != nil {
					b.Fatal(err)
				}
				if cr, ok := r.rule.(*Contrastive); ok {
					cr.S.P.Tol = -1
				}
				if r.answer.settler != nil {
					r.answer.settler.P.Tol = -1
				}
				return r
			}
			cost := c.Cost()
			b.Run(fmt.Sprintf("step/%s/%s", rule, joinInts(shape)), func(b *testing.B) {
				r := build(b)
				batch := r.NextBatch()
				for i := 0; i < b.N; i++ {
					r.rule.Compute(batch, r.update, nil)
					r.net.Apply(r.update, 1e-5, "none", 0)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(cost.Step/2), "ns/unit")
			})
			b.Run(fmt.Sprintf("eval/%s/%s", rule, joinInts(shape)), func(b *testing.B) {
				r := build(b)
				for i := 0; i < b.N; i++ {
					r.Metrics()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(cost.Eval/2), "ns/unit")
			})
		}
	}
}
