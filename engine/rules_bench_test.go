package engine

import "testing"

// BenchmarkRuleStep times one Run.Step of every rule on TF Playground's
// default net (circle, 2 → 4 → 2 → 1 tanh, batch 10) at the rule's circle
// defaults (RuleDefaults), after a warm-up so the weights are those of a
// learning run. Reported: examples/s and, for the settling rules, the mean
// iterations per step (free + plus phases). Settling is the price of
// biological plausibility; compare with the bp row.
func BenchmarkRuleStep(b *testing.B) {
	tk, _ := TaskByName("circle")
	for _, rule := range RuleNames {
		b.Run(rule, func(b *testing.B) {
			c := tk.Config(rule, 1)
			r, err := NewRun(c, rule)
			if err != nil {
				b.Fatal(err)
			}
			r.Step(2000)
			cr, settles := r.rule.(*Contrastive)
			var iters int
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r.Step(1)
				if settles {
					iters += cr.S.Stats.FreeIters + cr.S.Stats.PlusIters
				}
			}
			b.ReportMetric(float64(b.N*c.BatchSize)/b.Elapsed().Seconds(), "examples/s")
			if settles {
				b.ReportMetric(float64(iters)/float64(b.N), "iters/step")
			}
		})
	}
}
