package app

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"propagate/engine"
)

// The control panel edits the settings with command("set", "key=value&…"),
// in link syntax, so the one link codec validates what a person types as it
// validates what a URL says. This file is that merge, and the rule that
// decides whether a change starts the runs over.

// mergeLink reads set, key=value pairs in link syntax, onto cfg: every key
// set names is decoded by engine.DecodeLink exactly as it would be in a
// link (clamped, defaulted, warned about), every other key keeps cfg's
// value. The warnings are the codec's, about set's keys alone: cfg's own
// canonical link decodes without any.
func mergeLink(cfg engine.Config, set string) (engine.Config, []string) {
	set = strings.TrimPrefix(strings.TrimSpace(set), "#")
	given := map[string]bool{}
	for _, pair := range strings.Split(set, "&") {
		if pair == "" {
			continue
		}
		k, _, _ := strings.Cut(pair, "=")
		if u, err := url.PathUnescape(k); err == nil {
			k = u
		}
		given[k] = true
	}
	var b strings.Builder
	for _, pair := range strings.Split(strings.TrimPrefix(cfg.Link(), "#"), "&") {
		k, _, _ := strings.Cut(pair, "=")
		if given[k] || k == "outputActivation" && given["problem"] && !given["outputActivation"] {
			// The link's own keys are plain names; a problem given
			// alone picks its output activation, as in a link.
			continue
		}
		b.WriteString(pair)
		b.WriteByte('&')
	}
	b.WriteString(set)
	return engine.DecodeLink(b.String())
}

// linkValues is cfg's canonical link as key → value, the form status()
// gives the control panel to render from.
func linkValues(cfg engine.Config) map[string]string {
	out := map[string]string{}
	for _, pair := range strings.Split(strings.TrimPrefix(cfg.Link(), "#"), "&") {
		k, v, _ := strings.Cut(pair, "=")
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
		out[k] = v
	}
	return out
}

// withLive returns to with the settings that a pair of running runs takes on
// as they are (liveSettings) copied from from.
func withLive(to, from engine.Config) engine.Config {
	to.LearningRate = from.LearningRate
	to.Regularization = from.Regularization
	to.RegularizationRate = from.RegularizationRate
	to.Gamma = from.Gamma
	to.Beta = from.Beta
	to.SettleIters = from.SettleIters
	to.Speed = from.Speed
	to.Mode = from.Mode
	to.Embed = from.Embed
	to.Step = from.Step
	return to
}

// needsRebuild reports whether going from old to new settings starts the
// runs over from their initial weights. Learning rate, regularization, γ,
// β, settling iterations, speed, mode and embedding apply to the runs as
// they are (the rules read them at the next step); anything else — data,
// shape, activation, rules, seed — defines different runs.
func needsRebuild(old, new engine.Config) bool {
	return !reflect.DeepEqual(withLive(old, new), new)
}

// applySet merges set onto the settings at step: what a person changes in
// the panel. A change that defines other runs starts them over from the
// settings as they are now (the change list folded in). A live change at
// step 0 edits the settings the runs start with; later, it is added to the
// change list, so the link replays the demo as it was watched.
func applySet(old engine.Config, set string, step int) (cfg engine.Config, rebuild bool, warnings []string) {
	now := old.At(step)
	now.Changes = nil
	merged, warnings := mergeLink(now, set)
	merged.Step = old.Step
	if needsRebuild(now, merged) {
		return merged, true, warnings
	}
	if step == 0 {
		merged.Changes = old.Changes
		return merged, false, warnings
	}
	cfg = old
	cfg.Mode, cfg.Speed, cfg.Embed = merged.Mode, merged.Speed, merged.Embed
	// A change made now replaces what the list said would come later.
	cfg.Changes = nil
	for _, ch := range old.Changes {
		if ch.Step <= step {
			cfg.Changes = append(cfg.Changes, ch)
		}
	}
	before, after := linkValues(now), linkValues(merged)
	for _, key := range engine.LiveKeys {
		if before[key] == after[key] {
			continue
		}
		cfg.Changes = slices.DeleteFunc(cfg.Changes, func(ch engine.Change) bool { return ch.Step == step && ch.Key == key })
		cfg.Changes = append(cfg.Changes, engine.Change{Step: step, Key: key, Value: after[key]})
	}
	if len(cfg.Changes) > engine.MaxChanges {
		return merged, true, append(warnings, fmt.Sprintf("more than %d changes in one run; starting over with the settings as they are", engine.MaxChanges))
	}
	return cfg, false, warnings
}
