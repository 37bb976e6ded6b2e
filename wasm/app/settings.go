package app

import (
	"propagate/engine"
)

// The control panel edits the settings with command("set", "key=value&…"),
// in link syntax, so the one link codec validates what a person types as it
// validates what a URL says. What each setting does to the runs — carry
// them on, start them over — is the engine's settings table's to say
// (Config.Diff); this file is the page's policy on top of it.

// applySet merges set onto the settings at step: what a person changes in
// the panel. A change that defines other runs, or shows another scene,
// starts them over from the settings as they are now (the change list
// folded in). A live change at step 0 edits the settings the runs start
// with; later, it is added to the change list (Config.ChangeAt), so the
// link replays the demo as it was watched.
func applySet(old engine.Config, set string, step int) (cfg engine.Config, rebuild bool, warnings []string) {
	now := old.At(step)
	now.Changes = nil
	merged, warnings := now.Merge(set)
	merged.Step = old.Step
	if needsRebuild(now.Diff(merged)) {
		return merged, true, warnings
	}
	cfg, err := old.ChangeAt(step, merged)
	if err != nil {
		return merged, true, append(warnings, err.Error()+"; starting over with the settings as they are")
	}
	return cfg, false, warnings
}

// needsRebuild reports whether a change starts the page over: the runs
// from their initial weights when a setting that defines them changed
// (data, shape, activation, rules, seed), the scene when another one is
// asked for. Live settings and the page's own state apply as they are.
func needsRebuild(d engine.Diff) bool { return d.Rebuild || d.View }
