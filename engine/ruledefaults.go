package engine

// RuleDefaults sets the hyperparameters a rule uses on a table task, on top
// of the task's base config. Backprop uses the task's settings as they are.
func RuleDefaults(rule, task string, c *Config) {
	switch rule {
	case "bp":
	}
}
