package engine

import "testing"

// TestRulesLearn: every rule learns xor4 and circle at its defaults
// (RuleDefaults) in at least 80% of seeds 1..20, the bar, judged by
// the table's own criteria (Task.Attempt). The measured rates and median
// epochs are logged; they are the README table's xor4 and circle columns.
func TestRulesLearn(t *testing.T) {
	const (
		seeds      = 20
		minSuccess = 0.8
	)
	for _, task := range []string{"xor4", "circle"} {
		tk, ok := TaskByName(task)
		if !ok {
			t.Fatalf("no task %q", task)
		}
		for _, rule := range RuleNames {
			t.Run(rule+"/"+task, func(t *testing.T) {
				t.Parallel()
				row, err := TableCell(rule, tk, seeds)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%-12s %-7s success %.2f, median epochs %v (%s)", rule, task, row.SuccessRate, row.MedianEpochs, tk.Criterion)
				if row.SuccessRate < minSuccess {
					t.Errorf("%s on %s: success %.2f < %g", rule, task, row.SuccessRate, minSuccess)
				}
			})
		}
	}
}
