package main

import (
	"net/url"
	"reflect"
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

// ruleSettingsChanged reports whether the rules must be rebuilt on the
// same net to see new settings (they copy γ, β and the settling cap).
func ruleSettingsChanged(old, new engine.Config) bool {
	return old.Gamma != new.Gamma || old.Beta != new.Beta || old.SettleIters != new.SettleIters
}

// retune gives running runs the live settings of cfg without touching what
// they learned: the learning rate and regularization are read from the
// run's Config at every step; rules that copy γ, β or the settling cap are
// rebuilt on the same net (they hold no learned state).
func retune(runs []*engine.Run, cfg engine.Config) error {
	for _, r := range runs {
		old := r.Config
		r.Config = withLive(r.Config, cfg)
		if !ruleSettingsChanged(old, r.Config) {
			continue
		}
		rule, err := engine.NewRule(r.RuleName, r.Net, r.Config)
		if err != nil {
			return err
		}
		r.Rule = rule
	}
	return nil
}
