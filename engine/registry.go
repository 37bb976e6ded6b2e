package engine

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The rule registry is every fact about a learning rule that is not its
// mathematics: its name in links, its labels and colour, how it sends a
// signal back, the hyperparameters it uses on the table's tasks and why,
// its constructor, the order of its trace and the captions the explain
// animation gives it. NewRule, KnownRule, RuleNames, RuleDefaults, the
// settings table's rules options, `learn -h`, the scenes and the panel all
// read it. Adding a rule is one entry here and its implementation.

// RGB is a colour, 8 bits a channel.
type RGB struct{ R, G, B uint8 }

// Hex is the colour as CSS writes it, "#rrggbb".
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Feedback is how a rule sends a signal back toward the input, which
// decides which edges a scene draws and what travels on them.
type Feedback uint8

const (
	FeedbackNone       Feedback = iota // nothing travels back: one scalar reward reaches every unit (A_R-P)
	FeedbackTransposed                 // δ travels back on the forward weights, transposed (backprop)
	FeedbackTied                       // γ W_{k+1}ᵀ: a feedback edge beside each forward one (CHL, GeneRec, EqProp)
	FeedbackRandom                     // fixed random B_{k+1} beside each forward one (feedback alignment)
	FeedbackDirect                     // fixed random weights from the output straight to each hidden layer (DFA)
)

// Separate reports whether the signal travels back on weights of its own
// (γW_{k+1}ᵀ, B_{k+1}, the direct B_k), drawn beside the forward edges.
func (f Feedback) Separate() bool {
	return f == FeedbackTied || f == FeedbackRandom || f == FeedbackDirect
}

var feedbackNames = [...]string{"none", "transposed", "tied", "random", "direct"}

func (f Feedback) String() string {
	if int(f) < len(feedbackNames) {
		return feedbackNames[f]
	}
	return "unknown"
}

// Caption is what the explain animation says during one phase: a few words
// for the panel's title line and one sentence. In both, {layer} stands for
// the layer the signal reaches as a title says it ("layer 2", "output"),
// {into} as a sentence does ("hidden layer 2", "the output"), {hebbian}
// for the rule's local term.
type Caption struct{ Short, Long string }

// Phases of the explain animation that captions are given for: the kinds of
// the scenes' timeline, plus "backward-output" (δ appearing at the output)
// and "release" (a free phase after the clamped one).
var defaultCaptions = map[string]Caption{
	"forward":         {"forward → {layer}", "Forward pass: activity flows along the weights into {into}."},
	"error":           {"error at the output", "The output is compared with the target: the error e = y − d appears at the output units."},
	"backward-output": {"δ at the output", "The error, scaled by each output unit's slope, becomes δ — the signal backprop sends back."},
	"backward":        {"δ backward → {layer}", "δ travels backward through the same weights into {into}: every layer gets its share of the error."},
	"feedback":        {"δ on random feedback → {layer}", "δ travels back into {into} on fixed random feedback weights, not the forward ones."},
	"free":            {"free phase settling", "Free phase: with the input held, activity flows forward and back through feedback until the net settles."},
	"release":         {"free phase: output released", "Free phase: the output is let go and the net settles to its own answer; each unit's x⁺ − x⁻ is what the weights learn from."},
	"clamp":           {"output clamped", "The output units are clamped to the target: the clamp itself carries the error, d − y, into the net as activity. No δ is sent back through the transposed weights."},
	"clamped":         {"clamped phase settling", "Clamped phase: the change ripples back through the feedback connections into the hidden layers."},
	"error-node":      {"error nodes → {layer}", "The error nodes of {into} hold the difference between its values and the prediction from below."},
	"hebbian":         {"local Hebbian terms", "Each weight learns only from the two units it joins: {hebbian}."},
	"update":          {"weights change", "Each weight changes by η times its own local term."},
}

// errorUpdate is the update caption of the rules that send an error back.
var errorUpdate = Caption{"weights change", "Each weight changes by −η·δ·(its input's activity)."}

// RuleDefault is one hyperparameter a rule sets on the table's tasks, on
// top of the task's own settings: Plane on the 2-D tasks (circle, xor),
// Pattern on the pattern tasks (xor4, 4-2-4, 8-3-8), in link syntax; ""
// keeps the task's value. Why is the evidence, success over seeds 1..20
// (rules_test.go asserts ≥ 80% on xor4 and circle).
type RuleDefault struct {
	Key            string
	Plane, Pattern string
	Why            string
}

// RuleSpec is one entry of the registry.
type RuleSpec struct {
	Name     string   // in links, the CLI and status(): "bp"
	Label    string   // "Backpropagation"
	Short    string   // "Backprop": where the label does not fit
	What     string   // one line for the legend and train mode
	Color    RGB      // the rule's own colour
	Feedback Feedback // how its signal travels back
	Hebbian  string   // the local term each weight learns from, "" for none
	Nudges   bool     // its clamped phase nudges the output toward the target instead of holding it there
	// Reference: the rule the others are measured against (agreement,
	// equivalence): backprop.
	Reference bool
	// Trace is the order of the events of one traced step, one letter per
	// event (TraceLetter), with {L} and {L-1} for the number of layers
	// and one less; TraceGrammar makes it a regular expression.
	Trace string
	// Phases are the phases the explain animation shows, in order.
	Phases   []string
	Captions map[string]Caption // the rule's own captions; defaultCaptions for the rest
	Defaults []RuleDefault
	// New builds the rule on a net; nil for a rule named but not built yet.
	New func(n *Net, c Config) Rule
}

// gammaWhy is why the rules that settle learn at a small γ.
const gammaWhy = "A run judges a settling network at its free fixed point, feedback included (answer.go), " +
	"so γ need not be small for what is learnt to be what is measured: on circle γ = 0.5, 0.2 and 0.1 all give " +
	"CHL 20/20 seeds, and on xor4 0.1 and 0.05 both give 20/20. γ = 0.1 on the plane and 0.05 on the pattern " +
	"tasks keep the rules in Xie & Seung's small-γ regime, where CHL's update approaches backprop's (with a " +
	"linear output layer; learn -equivalence)."

var settlingDefaults = []RuleDefault{{Key: "gamma", Plane: "0.1", Pattern: "0.05", Why: gammaWhy}}

const (
	settlingTrace = "f+Cc+H{L}U{L}" // the free phase, then the clamp settled from the free state: the order the papers tell
	errorTrace    = "F{L}EB{L}U{L}"
	alignTrace    = "F{L}EBK{L-1}U{L}"
)

var (
	settlingPhases = []string{"free", "clamp", "clamped", "hebbian", "update"}
	errorPhases    = []string{"forward", "error", "backward", "update"}
	alignPhases    = []string{"forward", "error", "backward", "feedback", "update"}
)

// rules is the registry, in the order the page offers the rules.
var rules = []RuleSpec{
	{
		Name: "bp", Label: "Backpropagation", Short: "Backprop", What: "error sent backward through every layer",
		Color: RGB{0xe0, 0x6c, 0xc0}, Feedback: FeedbackTransposed, Reference: true,
		Trace: errorTrace, Phases: errorPhases,
		Captions: map[string]Caption{"update": errorUpdate},
		New:      func(n *Net, c Config) Rule { return NewBackprop(n, c.Loss) },
	},
	{
		Name: "chl", Label: "Contrastive Hebbian learning", Short: "CHL", What: "clamp the output, let feedback spread it, learn locally",
		Color: RGB{0x1f, 0xc0, 0x8f}, Feedback: FeedbackTied, Hebbian: "x⁺y⁺ − x⁻y⁻",
		Trace: settlingTrace, Phases: settlingPhases, Defaults: settlingDefaults,
		New: func(n *Net, c Config) Rule { return NewCHL(n, c) },
	},
	{
		Name: "generec", Label: "GeneRec", Short: "GeneRec", What: "free vs clamped activity, sender × receiver change",
		Color: RGB{0xe6, 0x9f, 0x00}, Feedback: FeedbackTied, Hebbian: "x⁻(y⁺ − y⁻)",
		Trace: settlingTrace, Phases: settlingPhases, Defaults: settlingDefaults,
		New: func(n *Net, c Config) Rule { return NewGeneRec(n, c) },
	},
	{
		Name: "generec-mid", Label: "GeneRec (midpoint)", Short: "GeneRec-mid", What: "GeneRec with the sender's midpoint activity",
		Color: RGB{0xf0, 0xc0, 0x50}, Feedback: FeedbackTied, Hebbian: "½(x⁻ + x⁺)(y⁺ − y⁻)",
		Trace: settlingTrace, Phases: settlingPhases, Defaults: settlingDefaults,
		New: func(n *Net, c Config) Rule { return NewGeneRecMid(n, c) },
	},
	{
		Name: "generec-sym", Label: "GeneRec (symmetric)", Short: "GeneRec-sym", What: "GeneRec made symmetric between sender and receiver",
		Color: RGB{0xb0, 0x78, 0x00}, Feedback: FeedbackTied, Hebbian: "x⁻(y⁺ − y⁻) + y⁻(x⁺ − x⁻)",
		Trace: settlingTrace, Phases: settlingPhases, Defaults: settlingDefaults,
		New: func(n *Net, c Config) Rule { return NewGeneRecSym(n, c) },
	},
	{
		Name: "eqprop", Label: "Equilibrium propagation", Short: "EqProp", What: "nudge the output, let the net settle, learn locally",
		Color: RGB{0x56, 0xb4, 0xe9}, Feedback: FeedbackTied, Hebbian: "ρ(x^β)ρ(y^β) − ρ(x⁰)ρ(y⁰), over β", Nudges: true,
		Trace: settlingTrace, Phases: settlingPhases, Defaults: settlingDefaults,
		Captions: map[string]Caption{
			"clamp":   {"output nudged", "The output is nudged toward the target (β pulls it a little), nothing else is told."},
			"clamped": {"nudged phase settling", "Nudged phase: the pull at the output spreads back through feedback connections into the hidden layers."},
		},
		New: func(n *Net, c Config) Rule { return NewEqProp(n, c) },
	},
	{
		Name: "pc", Label: "Predictive coding", Short: "PC", What: "error nodes in every layer relax to equilibrium, learn locally",
		Color: RGB{0x99, 0x99, 0xff}, Feedback: FeedbackTransposed, Hebbian: "ε_l f(x_{l−1})",
		// The predictions (the forward pass), the clamp, the inference, the
		// error nodes from the output down, Hebbian terms, the update.
		Trace: "F{L}Cc+P{L}H{L}U{L}", Phases: []string{"forward", "clamp", "clamped", "error-node", "hebbian", "update"},
		Captions: map[string]Caption{
			"clamp":      {"output clamped", "The output's value nodes are clamped to the target; its error nodes now hold target minus prediction."},
			"clamped":    {"inference: errors spread", "Each layer's values relax to reduce its own error and the error of the layer it predicts: the error nodes light up layer by layer."},
			"error-node": {"error nodes → {layer}", "At equilibrium the error nodes of {into} hold ε: backprop's −δ in the limit of a small output error."},
			"update":     {"weights change", "Each weight changes by η times its error node times its input's activity."},
		},
		Defaults: []RuleDefault{{Key: "learningRate", Plane: "0.2",
			Why: "Predictive coding at the authors' output variance Σ_L = 1: the hidden values absorb part of the output error, " +
				"so each update is smaller than backprop's. The task's rate 2 solves xor4 in 20/20 seeds; on circle 0.03 gives " +
				"12/20 within 300 epochs, 0.1 17/20, 0.2 17/20 and 0.3 18/20 (Σ_L = 10, nearer backprop's limit, gives 20/20 at 0.03)."}},
		New: func(n *Net, c Config) Rule { return NewPredictiveCoding(n, c) },
	},
	{
		Name: "fa", Label: "Feedback alignment", Short: "FA", What: "backprop through fixed random feedback weights",
		Color: RGB{0xd5, 0x5e, 0x00}, Feedback: FeedbackRandom,
		Trace: alignTrace, Phases: alignPhases,
		Captions: map[string]Caption{"update": errorUpdate},
		Defaults: []RuleDefault{{Key: "learningRate", Plane: "0.1", Pattern: "4",
			Why: "Feedback alignment needs the forward weights to come into alignment with B before the error is useful, " +
				"so it is slower than backprop: at the task's rate 2 it solves xor4 in 17/20 seeds within 5000 epochs, " +
				"at 4 in 20/20; on circle 0.03 gives 16/20 within 300 epochs, 0.1 gives 20/20."}},
		New: func(n *Net, c Config) Rule { return NewFeedbackAlignment(n, c.Loss) },
	},
	{
		Name: "dfa", Label: "Direct feedback alignment", Short: "DFA", What: "output error sent straight to each layer, randomly",
		Color: RGB{0xf0, 0xe4, 0x42}, Feedback: FeedbackDirect,
		Trace: alignTrace, Phases: alignPhases,
		Captions: map[string]Caption{
			"feedback": {"error → {layer}", "The output error jumps straight to {into} through fixed random weights."},
			"update":   errorUpdate,
		},
		New: func(n *Net, c Config) Rule { return NewDirectFeedbackAlignment(n, c.Loss) },
	},
	{
		// A_{R−P}: the scenes draw _{…} as a subscript, the page's menu
		// as Unicode (never a literal underscore).
		Name: "arp", Label: "Reward-only (A_{R−P})", Short: "A_{R−P}", What: "stochastic units learn from one reward number",
		Color: RGB{0x00, 0x72, 0xb2}, Feedback: FeedbackNone,
		Trace: "F{L}EH{L}U{L}", Phases: []string{"forward", "error", "hebbian", "update"}, // E: the reward
		Captions: map[string]Caption{
			"error":   {"reward r", "The output is scored against the target: one reward number r (1: right), the same for every unit. No error is sent back."},
			"hebbian": {"reward × local terms", "Each weight learns from its own unit's surprise times its input, y minus its expected value, times x, scaled by the reward r (and pushed the other way, by λ, when r is low)."},
		},
		Defaults: []RuleDefault{{Key: "learningRate", Plane: "0.5",
			Why: "One scalar reward per example is a far noisier signal than an error vector: on circle 0.03 is too slow " +
				"for 300 epochs, 0.3 reaches 17/20 and 0.5 20/20. On xor4 the task's rate 2 solves 20/20."}},
		New: func(n *Net, c Config) Rule { return NewARP(n, c, ruleRNG(c)) },
	},
}

var ruleIndex = func() map[string]int {
	m := make(map[string]int, len(rules))
	for i, r := range rules {
		if _, dup := m[r.Name]; dup {
			panic("rule " + r.Name + " registered twice")
		}
		m[r.Name] = i
	}
	return m
}()

// Rules returns the registry, in the order the page offers the rules.
func Rules() []RuleSpec { return append([]RuleSpec(nil), rules...) }

// RuleByName returns a rule's entry.
func RuleByName(name string) (RuleSpec, bool) {
	i, ok := ruleIndex[name]
	if !ok {
		return RuleSpec{}, false
	}
	return rules[i], true
}

// RuleOf returns a rule's entry, or a plain one for a name the registry
// does not have (so a scene can still caption it).
func RuleOf(name string) RuleSpec {
	if r, ok := RuleByName(name); ok {
		return r
	}
	return RuleSpec{Name: name, Label: name, Short: name, What: "learning rule " + name, Color: RGB{0x94, 0xa3, 0xb8}}
}

// RuleNames lists every learning rule by the name used in links, the CLI and
// the UI, in the order the UI offers them.
var RuleNames = func() []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.Name
	}
	return out
}()

// KnownRule reports whether name is in the registry.
func KnownRule(name string) bool {
	_, ok := ruleIndex[name]
	return ok
}

// NewRule builds the named rule for a net. Targets given to Compute are in
// the output activation's units (Run maps class labels into them).
func NewRule(name string, n *Net, c Config) (Rule, error) {
	r, ok := RuleByName(name)
	switch {
	case !ok:
		return nil, fmt.Errorf("unknown rule %q", name)
	case r.New == nil:
		return nil, fmt.Errorf("rule %q is not implemented yet", name)
	}
	return r.New(n, c), nil
}

// ruleOptions are the rules as the settings table offers them.
func ruleOptions() []Option {
	out := make([]Option, len(rules))
	for i, r := range rules {
		out[i] = Option{Value: r.Name, Label: r.Short} // the menus are narrow; the scene titles give the long names
	}
	return out
}

// Caption returns what the animation says during phase (a key of
// defaultCaptions) of this rule, with {layer} and {into} filled in for
// layer of a net of L layers, and {hebbian} with the rule's local term.
func (r RuleSpec) Caption(phase string, layer, L int) (short, long string) {
	c, ok := r.Captions[phase]
	if !ok {
		if c, ok = defaultCaptions[phase]; !ok {
			return phase, phase
		}
	}
	short, into := "output", "the output"
	if layer != L {
		short, into = "layer "+strconv.Itoa(layer), "hidden layer "+strconv.Itoa(layer)
	}
	hebb := r.Hebbian
	if hebb == "" {
		hebb = "a product of its two units' activities"
	}
	return fillCaption(c.Short, short, into, hebb), fillCaption(c.Long, short, into, hebb)
}

// fillCaption replaces {layer}, {into} and {hebbian} in s, as a
// strings.Replacer of the three would. A Replacer built for every call
// builds its lookup tables every time, and a panel's layout asks for every
// caption its rules can show: anim.AllCaptions took 161 µs natively that
// way and 13 µs this way (and 14 ms of the page's first tick in a profile).
func fillCaption(s, layer, into, hebbian string) string {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(hebbian))
	for ; i >= 0; i = strings.IndexByte(s, '{') {
		b.WriteString(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "{layer}"):
			b.WriteString(layer)
			s = s[len("{layer}"):]
		case strings.HasPrefix(s, "{into}"):
			b.WriteString(into)
			s = s[len("{into}"):]
		case strings.HasPrefix(s, "{hebbian}"):
			b.WriteString(hebbian)
			s = s[len("{hebbian}"):]
		default:
			b.WriteByte('{')
			s = s[1:]
		}
	}
	b.WriteString(s)
	return b.String()
}

// TraceLetter is the letter of an event kind in a Trace grammar.
var TraceLetter = map[EventKind]byte{
	EvForward: 'F', EvOutputError: 'E', EvBackward: 'B', EvFeedback: 'K', EvFreeIter: 'f',
	EvClamp: 'C', EvClampedIter: 'c', EvHebbian: 'H', EvUpdate: 'U', EvErrorNode: 'P',
}

// TraceGrammar is the rule's trace order for a net of L layers as an
// anchored regular expression over TraceLetter.
func (r RuleSpec) TraceGrammar(L int) *regexp.Regexp {
	g := strings.NewReplacer("{L}", "{"+strconv.Itoa(L)+"}", "{L-1}", "{"+strconv.Itoa(L-1)+"}").Replace(r.Trace)
	return regexp.MustCompile("^" + g + "$")
}

// TraceString spells a trace's events in TraceLetter.
func TraceString(tr *Trace) string {
	b := make([]byte, len(tr.Events))
	for i, e := range tr.Events {
		b[i] = TraceLetter[e.Kind]
	}
	return string(b)
}

// RuleDefaults sets the hyperparameters a rule uses on a table task, on top
// of the task's base config (table.go: the pattern tasks are sigmoid nets at
// learning rate 2, batch 4 or 8; circle and xor are TF Playground's tanh nets
// at 0.03, batch 10): the registry's Defaults, each with its reason.
func RuleDefaults(rule, task string, c *Config) {
	r, _ := RuleByName(rule)
	for _, def := range r.Defaults {
		v := def.Plane
		if IsPatternSet(c.Dataset) {
			v = def.Pattern
		}
		if v == "" {
			continue
		}
		d := &linkDecoder{c: *c}
		linkKeys[linkKeyIndex[def.Key]].read(d, v)
		if d.w.any() {
			panic(fmt.Sprintf("rule %s: default %s=%s: %s", rule, def.Key, v, d.w.first()))
		}
		*c = d.c
	}
}

// patternSets are the pattern tasks of the biologically plausible learning
// papers: every pattern, no plane to draw.
var patternSets = []string{"xor4", "4-2-4", "8-3-8"}

// IsPatternSet reports whether a dataset is one of the pattern tasks.
func IsPatternSet(name string) bool { return slices.Contains(patternSets, name) }
