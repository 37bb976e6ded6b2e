package engine

// RuleDefaults sets the hyperparameters a rule uses on a table task, on top
// of the task's base config (table.go: the pattern tasks are sigmoid nets at
// learning rate 2, batch 4 or 8; circle and xor are TF Playground's tanh nets
// at 0.03, batch 10). Backprop and direct feedback alignment use the task's
// settings as they are. Each value below was chosen by success over seeds
// 1..20 (rules_test.go asserts ≥ 80% on xor4 and circle):
//
// chl, generec, generec-mid, generec-sym, eqprop — the feedback gain γ.
// Learning trains the network at its free fixed point, but a run measures
// the feedforward pass (Net.Predict). The two differ by O(γ), so γ must be
// small for what is learnt to be what is measured: at the playground's γ =
// 0.5 CHL learns nothing measurable on circle (0/20 seeds) and at γ = 0.2 it
// is 15/20; at 0.1 it is 20/20; on xor4 with its saturated sigmoid units
// 0.1 gives 18/20 and 0.05 gives 20/20. So γ = 0.05 on the pattern tasks
// and 0.1 on the plane. (Equilibrium propagation at γ = 1, Scellier &
// Bengio's own model, solves xor4 at its free fixed point — outputs within
// 0.06 — while its feedforward pass is wrong by 0.98.)
//
// fa — feedback alignment needs the forward weights to come into alignment
// with B before the error is useful, so it is slower than backprop: at the
// task's rate 2 it solves xor4 in 17/20 seeds within 5000 epochs, at 4 in
// 20/20; on circle 0.03 gives 16/20 within 300 epochs, 0.1 gives 20/20.
//
// pc — predictive coding at the authors' output variance Σ_L = 1: the
// hidden values absorb part of the output error, so each update is smaller
// than backprop's. On the pattern tasks the task's rate 2 solves xor4 in
// 20/20 seeds; on circle 0.03 gives 12/20 within 300 epochs, 0.1 17/20 and
// 0.2 18/20 (Σ_L = 10, nearer backprop's limit, gives 20/20 at 0.03).
//
// arp — one scalar reward per example is a far noisier signal than an error
// vector: on circle 0.03 is too slow for 300 epochs, 0.3 reaches 17/20 and
// 0.5 20/20. On xor4 the task's rate 2 solves 20/20.
func RuleDefaults(rule, task string, c *Config) {
	pattern := c.Dataset == "xor4" || c.Dataset == "4-2-4" || c.Dataset == "8-3-8"
	switch rule {
	case "chl", "generec", "generec-mid", "generec-sym", "eqprop":
		c.Gamma = 0.1
		if pattern {
			c.Gamma = 0.05
		}
	case "fa":
		c.LearningRate = 0.1
		if pattern {
			c.LearningRate = 4
		}
	case "pc":
		if !pattern {
			c.LearningRate = 0.2
		}
	case "arp":
		if !pattern {
			c.LearningRate = 0.5
		}
	}
}
