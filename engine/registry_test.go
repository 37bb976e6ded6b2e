package engine

import (
	"slices"
	"strings"
	"testing"
)

// Every entry is complete and builds the rule it names, whose trace
// follows the entry's grammar.
func TestRegistry(t *testing.T) {
	var names []string
	colours := map[RGB]string{}
	for _, r := range Rules() {
		names = append(names, r.Name)
		if r.Label == "" || r.Short == "" || r.What == "" || len(r.Phases) == 0 || r.Trace == "" {
			t.Errorf("%s: incomplete entry %+v", r.Name, r)
		}
		if other, dup := colours[r.Color]; dup {
			t.Errorf("%s has %s's colour %s", r.Name, other, r.Color.Hex())
		}
		colours[r.Color] = r.Name
		for phase := range r.Captions {
			if _, ok := defaultCaptions[phase]; !ok {
				t.Errorf("%s: caption for unknown phase %q", r.Name, phase)
			}
		}
		for _, phase := range r.Phases {
			if _, ok := defaultCaptions[phase]; !ok {
				t.Errorf("%s: unknown phase %q", r.Name, phase)
			}
		}
		if (r.Feedback == FeedbackTied) != (r.Trace == settlingTrace) {
			t.Errorf("%s: feedback %v with trace %s", r.Name, r.Feedback, r.Trace)
		}
		for _, d := range r.Defaults {
			if _, ok := linkKeyIndex[d.Key]; !ok || d.Why == "" {
				t.Errorf("%s: default %+v", r.Name, d)
			}
		}
		run, err := NewRun(DefaultConfig(), r.Name)
		if err != nil {
			t.Errorf("%s: %v", r.Name, err)
			continue
		}
		if run.rule.Name() != r.Name {
			t.Errorf("registry entry %s builds %s", r.Name, run.rule.Name())
		}
		var tr Trace
		run.StepTraced(&tr)
		if g := r.TraceGrammar(run.net.Layers()); !g.MatchString(TraceString(&tr)) {
			t.Errorf("%s: trace %s does not match %s", r.Name, TraceString(&tr), g)
		}
	}
	if !slices.Equal(names, RuleNames) {
		t.Errorf("RuleNames %v, registry %v", RuleNames, names)
	}
	for _, o := range linkKeys[linkKeyIndex["rules"]].options {
		if r, _ := RuleByName(o.Value); r.Short != o.Label {
			t.Errorf("rules option %+v, registry short name %q", o, r.Short)
		}
	}
	if n := len(linkKeys[linkKeyIndex["rules"]].options); n != len(RuleNames) {
		t.Errorf("the rules setting offers %d rules of %d", n, len(RuleNames))
	}
	if KnownRule("nope") || !KnownRule("eqprop") {
		t.Error("KnownRule")
	}
	if RuleOf("nope").Short != "nope" {
		t.Error("RuleOf an unknown rule")
	}
}

// The registry's defaults land on the tasks they are written for.
func TestRuleDefaultsOnTheTasks(t *testing.T) {
	cases := []struct {
		rule, task string
		get        func(Config) float64
		want       float64
	}{
		{"chl", "circle", func(c Config) float64 { return c.Gamma }, 0.1},
		{"eqprop", "xor4", func(c Config) float64 { return c.Gamma }, 0.05},
		{"fa", "circle", func(c Config) float64 { return c.LearningRate }, 0.1},
		{"fa", "8-3-8", func(c Config) float64 { return c.LearningRate }, 4},
		{"arp", "xor", func(c Config) float64 { return c.LearningRate }, 0.5},
		{"arp", "xor4", func(c Config) float64 { return c.LearningRate }, 2}, // the task's own
		{"bp", "xor4", func(c Config) float64 { return c.LearningRate }, 2},
	}
	for _, c := range cases {
		task, ok := TaskByName(c.task)
		if !ok {
			t.Fatal(c.task)
		}
		if got := c.get(task.Config(c.rule, 1)); got != c.want {
			t.Errorf("%s on %s: %v, want %v", c.rule, c.task, got, c.want)
		}
	}
}

func TestRuleCaptions(t *testing.T) {
	cases := []struct {
		rule, phase string
		layer, L    int
		short, long string // long: a part of it
	}{
		{"dfa", "feedback", 1, 3, "error → layer 1", "straight to hidden layer 1 "},
		{"fa", "feedback", 2, 3, "δ on random feedback → layer 2", "into hidden layer 2 on"},
		{"bp", "forward", 3, 3, "forward → output", "into the output."},
		{"chl", "hebbian", 0, 3, "local Hebbian terms", "joins: x⁺y⁺ − x⁻y⁻."},
		{"fa", "hebbian", 0, 3, "local Hebbian terms", "a product of its two units' activities"},
		{"eqprop", "clamp", 3, 3, "output nudged", "β pulls it"},
		{"chl", "clamp", 3, 3, "output clamped", "clamped to the target"},
		{"arp", "error", 3, 3, "reward r", "one reward number r"},
		{"arp", "hebbian", 0, 3, "reward × local terms", "scaled by the reward r"},
		{"bp", "update", 0, 3, "weights change", "−η·δ"},
		{"generec", "update", 0, 3, "weights change", "its own local term"},
	}
	for _, c := range cases {
		short, long := RuleOf(c.rule).Caption(c.phase, c.layer, c.L)
		if short != c.short || !strings.Contains(long, c.long) || strings.Contains(long, "{") {
			t.Errorf("%s %s: %q / %q", c.rule, c.phase, short, long)
		}
	}
}

// TestFillCaptionIsTheReplacer: fillCaption fills every caption of every
// rule as a strings.Replacer of the three placeholders does, and so do odd
// strings: a lone or unclosed brace, placeholders side by side, at the ends.
func TestFillCaptionIsTheReplacer(t *testing.T) {
	texts := []string{"", "{", "}", "{{layer}}", "{layer}{into}{hebbian}", "x{lay", "{hebbian", "a {b} {into", "{into}."}
	for _, c := range defaultCaptions {
		texts = append(texts, c.Short, c.Long)
	}
	for _, r := range rules {
		for _, c := range r.Captions {
			texts = append(texts, c.Short, c.Long)
		}
	}
	for _, s := range texts {
		for _, v := range [][3]string{{"output", "the output", "a product"}, {"layer 2", "hidden layer 2", "x⁺y⁺ − x⁻y⁻"}, {"", "{into}", "{"}} {
			want := strings.NewReplacer("{layer}", v[0], "{into}", v[1], "{hebbian}", v[2]).Replace(s)
			if got := fillCaption(s, v[0], v[1], v[2]); got != want {
				t.Errorf("fillCaption(%q, %q) = %q, want %q", s, v, got, want)
			}
		}
	}
}

func TestNewRuleNamesWhatIsWrong(t *testing.T) {
	n := NewNet([]int{2, 2, 1}, Tanh, Tanh)
	if _, err := NewRule("nope", n, DefaultConfig()); err == nil || !strings.Contains(err.Error(), `unknown rule "nope"`) {
		t.Errorf("unknown rule: %v", err)
	}
	rules = append(rules, RuleSpec{Name: "later"})
	ruleIndex["later"] = len(rules) - 1
	defer func() { rules = rules[:len(rules)-1]; delete(ruleIndex, "later") }()
	if _, err := NewRule("later", n, DefaultConfig()); err == nil || !strings.Contains(err.Error(), "not implemented yet") {
		t.Errorf("a rule without a constructor: %v", err)
	}
}
