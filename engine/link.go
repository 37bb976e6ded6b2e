package engine

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The link is the URL hash, "#v=1&key=value&…": every setting of a demo,
// human-readable, with stable names. It is a superset of TensorFlow
// Playground's hash (src/state.ts): where a key means the same thing it has
// the same name and value format, so a TF Playground link opens here as
// backprop on the same data and network, beside the default second rule.
//
// One table, linkKeys, drives decoding, encoding and validation, as
// state.ts's PROPS does, so the parser and the printer cannot drift apart.
// Keys are read in table order, not link order, so that a key whose default
// depends on another (outputActivation on problem) sees it already read.
//
// Decoding never fails: an unknown key is ignored, a malformed value gives
// the key's default, an out-of-range value is clamped, and each is named in
// a warning short enough to show in the page.

const (
	linkVersion     = 1
	maxLinkBytes    = 256 << 10 // of the hash read; the rest is ignored, with a warning
	maxLinkUnknown  = 1000      // distinct unknown keys told apart; more are only counted
	maxLinkWarnings = 20        // then "… and N more: …", by kind (linkwarn.go)
	maxQuotedRunes  = 40        // of a user's value quoted in a warning
	maxSeedBytes    = 64
)

// Values the link accepts for the string settings of Config.
var (
	linkScenes          = []string{"compare", "neuron", "equivalence"}
	linkModes           = []string{"train", "explain"}
	linkProblems        = []string{"classification", "regression"}
	linkInits           = []string{"tfp", "glorot", "fanin", "zero"}
	linkLosses          = []string{"mse", "xent"}
	linkRegularizations = []string{"none", "L1", "L2"} // TF Playground's names
)

// linkKey is one row of the table. A row with neither read nor write is one
// of TF Playground's UI-only keys: accepted silently and ignored.
type linkKey struct {
	name string
	// write returns the key's value in c; false leaves the key out.
	write func(c *Config) (string, bool)
	// read applies a percent-decoded value, warning through d when it
	// cannot be used as given.
	read func(d *linkDecoder, v string)
	// check says what is wrong with the key's setting in c, "" if nothing.
	check func(c *Config) string
	// same reports whether a and b hold the same value of the key; nil
	// compares what write gives (Config.Diff).
	same func(a, b *Config) bool

	// The settings table's columns (settings.go).
	label, group, help string
	typ                string
	def                string // the default in link syntax, when DefaultConfig's link leaves the key out
	lo, hi             float64
	hasRange           bool
	step               float64
	hasStep            bool
	options            []Option
	maxItems           int
	effect             effect
	ruleReads          bool   // the rules copy it when built: a change rebuilds them
	tfp                string // TF Playground's name for the key, "" if it has none
}

// linkKeys is the table, in the order keys are read and written. Each row
// carries its description (about, liveKey, tfpKey, …: settings.go).
var linkKeys = []linkKey{
	{
		name:  "v",
		write: func(*Config) (string, bool) { return strconv.Itoa(linkVersion), true },
		read: func(d *linkDecoder, v string) {
			if v != strconv.Itoa(linkVersion) {
				d.warnf("link version %s is not %d; reading it as version %d", quote(v), linkVersion, linkVersion)
			}
		},
	},

	// Page state.
	enumLinkKey("scene", func(c *Config) *string { return &c.Scene }, linkScenes).
		labelled("compare two rules", "a spiking neuron (STDP)", "CHL meets backprop").
		about("Scene", GroupPage, "What the page shows: two rules side by side, one neuron's spike timing, or how CHL's update approaches backprop's.").viewKey(),
	linkKey{
		name:  "rules",
		typ:   TypePair,
		write: func(c *Config) (string, bool) { return c.Rules[0] + "," + c.Rules[1], true },
		read:  readRules,
		check: func(c *Config) string {
			for _, r := range c.Rules {
				if !KnownRule(r) {
					return fmt.Sprintf("rules: unknown rule %s", quote(r))
				}
			}
			return ""
		},
		same:    func(a, b *Config) bool { return a.Rules == b.Rules },
		options: ruleOptions(),
	}.about("Rules", GroupRules, "The two learning rules compared, left and right. Both start from the same weights and see the same batches."),
	intLinkKey("step", func(c *Config) *int { return &c.Step }, 0, MaxStep).
		about("Step", GroupPage, "The step the link replays to before it pauses."),
	// The scenes show "no such lesson" past the last.
	intLinkKey("lesson", func(c *Config) *int { return &c.Lesson }, 0, 99).
		about("Lesson", GroupPage, "A lesson number: alone, it opens that lesson's own demo; 0 is none.").viewKey(),
	linkKey{
		// Also 1 and 0: embed=1 is how embedding pages write it.
		name:  "embed",
		typ:   TypeBool,
		write: func(c *Config) (string, bool) { return strconv.FormatBool(c.Embed), true },
		read: func(d *linkDecoder, v string) {
			switch v {
			case "1":
				d.c.Embed = true
			case "0":
				d.c.Embed = false
			default:
				d.c.Embed = d.readBool("embed", v, d.c.Embed)
			}
		},
		same: func(a, b *Config) bool { return a.Embed == b.Embed },
	}.about("Embedded", GroupPage, "Hides the controls, for iframes, with an \"Open in Propagate\" link (1 or true)."),
	enumLinkKey("mode", func(c *Config) *string { return &c.Mode }, linkModes).
		about("Animation", GroupPage, "Train: many steps per frame. Explain: one example, phase by phase (Step goes to the next phase)."),
	intLinkKey("speed", func(c *Config) *int { return &c.Speed }, 1, 1000).
		about("Speed", GroupPage, "Steps per frame in train mode."),

	// Data. TF Playground keeps a classification and a regression dataset
	// and problem picks one; only the one in use is written.
	withRead(enumLinkKey("problem", func(c *Config) *string { return &c.Problem }, linkProblems).labelled("Classification", "Regression"),
		func(d *linkDecoder, v string) {
			// playground.ts's reset(): a linear output for regression, tanh
			// otherwise; an outputActivation key, read later, overrides it.
			d.c.OutputActivation = DefaultConfig().OutputActivation
			if d.c.Problem == "regression" {
				d.c.OutputActivation = Linear
			}
		}).
		about("Problem", GroupData, "Classification (two classes, a tanh output) or regression (a number, a linear output).").tfpKey(),
	datasetLinkKey("dataset", "classification", linkClassificationSets).
		labelled("circle", "xor", "two gaussians", "spiral", "xor (4 patterns)", "4-2-4 encoder", "8-3-8 encoder", "your points").
		about("Data", GroupData, "The classification data both rules learn.").tfpKey(),
	datasetLinkKey("regDataset", "regression", linkRegressionSets).defaultValue("reg-plane").
		labelled("plane", "gaussians", "your points").
		about("Regression data", GroupData, "The regression data both rules learn, when problem is regression.").tfpKey(),
	intLinkKey("noise", func(c *Config) *int { return &c.Noise }, 0, 50).stepBy(5).
		about("Noise", GroupData, "Noise added to the data, as TF Playground's slider.").tfpKey(),
	intLinkKey("percTrainData", func(c *Config) *int { return &c.PercTrainData }, 10, 90).stepBy(10).
		about("Training share", GroupData, "Percent of the points used for training; the rest test.").tfpKey(),
	linkKey{
		name:  "seed",
		typ:   TypeText,
		write: func(c *Config) (string, bool) { return c.Seed, true },
		read:  readSeed,
		check: func(c *Config) string {
			if why := seedProblem(c.Seed); why != "" {
				return "seed " + quote(c.Seed) + " " + why
			}
			return ""
		},
		same: func(a, b *Config) bool { return a.Seed == b.Seed },
	}.ranged(1, maxSeedBytes).about("Seed", GroupData, "Any text; it picks the initial weights and the data.").tfpKey(),
	featureLinkKey("x", "X₁"),
	featureLinkKey("y", "X₂"),
	featureLinkKey("xSquared", "X₁²"),
	featureLinkKey("ySquared", "X₂²"),
	featureLinkKey("xTimesY", "X₁X₂"),
	featureLinkKey("sinX", "sin(X₁)"),
	featureLinkKey("sinY", "sin(X₂)"),
	featureLinkKey("cosX", "cos(X₁)"),
	featureLinkKey("cosY", "cos(X₂)"),
	boolLinkKey("showTestData", func(c *Config) *bool { return &c.ShowTestData }).
		about("Show test data", GroupData, "Draws the test points over the output.").tfpKey(),
	boolLinkKey("discretize", func(c *Config) *bool { return &c.Discretize }).
		about("Discretize output", GroupData, "Shows the output as two classes instead of a shade.").tfpKey(),

	// Network.
	linkKey{
		name:     "networkShape",
		typ:      TypeInts,
		maxItems: MaxHiddenLayers,
		write:    func(c *Config) (string, bool) { return joinInts(c.NetworkShape), true },
		read:     readNetworkShape,
		check: func(c *Config) string {
			if len(c.NetworkShape) > MaxHiddenLayers {
				return fmt.Sprintf("networkShape: %d layers is more than %d", len(c.NetworkShape), MaxHiddenLayers)
			}
			for _, n := range c.NetworkShape {
				if n < 1 || n > MaxUnits {
					return fmt.Sprintf("networkShape: %d units outside 1..%d", n, MaxUnits)
				}
			}
			return ""
		},
		same: func(a, b *Config) bool { return slices.Equal(a.NetworkShape, b.NetworkShape) },
	}.ranged(1, MaxUnits).stepBy(1).
		about("Hidden layers", GroupNetwork, "Units in each hidden layer, input side first; empty for none.").tfpKey(),
	activationLinkKey("activation", func(c *Config) *Activation { return &c.Activation }).
		about("Activation", GroupNetwork, "The hidden units' activation function.").tfpKey(),
	activationLinkKey("outputActivation", func(c *Config) *Activation { return &c.OutputActivation }).
		about("Output activation", GroupNetwork, "The output units' activation function; problem picks it unless given."),
	linkKey{
		// TF Playground's switch; read before init so that an init key wins.
		name: "initZero",
		typ:  TypeBool,
		def:  "false",
		read: func(d *linkDecoder, v string) {
			if zero := d.readBool("initZero", v, false); zero {
				d.c.Init = "zero"
			}
		},
	}.about("Zero initial weights", GroupNetwork, "TF Playground's switch: true is init=zero.").tfpKey(),
	enumLinkKey("init", func(c *Config) *string { return &c.Init }, linkInits).
		labelled("TF Playground's", "Glorot", "fan-in", "zero").
		about("Initial weights", GroupNetwork, "How the initial weights are drawn."),
	enumLinkKey("loss", func(c *Config) *string { return &c.Loss }, linkLosses).
		labelled("squared error", "cross-entropy").
		about("Loss", GroupNetwork, "Half the squared error, or cross-entropy (sigmoid output only)."),

	// Learning.
	floatLinkKey("learningRate", func(c *Config) *float64 { return &c.LearningRate }, MinLearningRate, MaxLearningRate).
		about("Learning rate", GroupLearning, "How big each weight change is.").liveKey(false).tfpKey(),
	intLinkKey("batchSize", func(c *Config) *int { return &c.BatchSize }, 1, MaxBatchSize).
		about("Batch size", GroupLearning, "Examples per weight update.").tfpKey(),
	enumLinkKey("regularization", func(c *Config) *string { return &c.Regularization }, linkRegularizations).
		about("Regularization", GroupLearning, "Weight decay: none, L1 (toward 0 by a constant) or L2 (in proportion to the weight).").liveKey(false).tfpKey(),
	// 10 is TF Playground's largest choice.
	floatLinkKey("regularizationRate", func(c *Config) *float64 { return &c.RegularizationRate }, 0, 10).
		about("Regularization rate", GroupLearning, "How strong the weight decay is.").liveKey(false).tfpKey(),

	// Rules without a backward pass. γ and β are in (0, 1]; 1e-6 stands
	// for the open end.
	floatLinkKey("gamma", func(c *Config) *float64 { return &c.Gamma }, 1e-6, 1).
		about("γ feedback gain", GroupSettling, "Feedback gain γ of the rules that settle (CHL, GeneRec, EqProp).").liveKey(true),
	floatLinkKey("beta", func(c *Config) *float64 { return &c.Beta }, 1e-6, 1).
		about("β nudge", GroupSettling, "Equilibrium propagation's nudge β.").liveKey(true),
	enumLinkKey("feedback", func(c *Config) *string { return &c.Feedback }, linkFeedbacks).
		labelled("tied: γ W_{k+1}ᵀ", "random: γ B_{k+1}ᵀ").
		about("Feedback weights", GroupSettling, "What carries the settling rules' feedback (CHL, GeneRec, EqProp): the forward weights transposed (tied, the symmetry Xie & Seung's theorem needs) or fixed random ones (no weight transport; Detorakis et al. 2019)."),
	floatLinkKey("varOut", func(c *Config) *float64 { return &c.VarOut }, MinVarOut, MaxVarOut).
		about("Output variance Σ_L", GroupSettling, "Predictive coding's output-layer variance against the hidden layers' 1: the larger, the closer its update to backprop's (Whittington & Bogacz 2017).").liveKey(true),
	intLinkKey("settle", func(c *Config) *int { return &c.SettleIters }, 1, MaxSettleIters).
		about("Settling iterations", GroupSettling, "Most settling iterations per phase.").liveKey(true),

	// The neuron scene (STDP) and the equivalence scene.
	floatLinkKey("dt", func(c *Config) *float64 { return &c.DeltaT }, MinSTDPDt, MaxSTDPDt).
		about("Spike timing Δt", GroupScenes, "The neuron scene: t_post − t_pre in ms."),
	boolLinkKey("biPoo", func(c *Config) *bool { return &c.BiPoo }).
		about("Bi & Poo window", GroupScenes, "The neuron scene: the time constants Pfister & Gerstner fitted to Bi & Poo's data (16.8 and 33.7 ms) with Song, Miller & Abbott's amplitudes, instead of Song's window (20 ms both sides)."),
	boolLinkKey("gammaFactor", func(c *Config) *bool { return &c.GammaFactor }).
		about("γ factor", GroupScenes, "The equivalence scene: CHL's γ^(k−L) factor (false shows why it is there)."),

	// Live settings changed while the demo ran (changes.go).
	{name: "changes"},

	// Own data (points_link.go), last: the longest value.
	pointsLinkKey,

	// TF Playground's UI-only keys (and any "<control>_hide"): ignored.
	{name: "collectStats"},
	{name: "hideText"},
	{name: "tutorial"},
}

// linkFeedbacks are the values of the feedback key.
var linkFeedbacks = []string{"tied", "random"}

// linkKeyIndex finds a row of linkKeys by name.
var linkKeyIndex = func() map[string]int {
	m := make(map[string]int, len(linkKeys))
	for i, k := range linkKeys {
		m[k.name] = i
	}
	return m
}()

// linkDecoder is the state of one DecodeLink.
type linkDecoder struct {
	c           Config
	dataset     string // TF Playground's two dataset keys; problem picks one
	regDataset  string
	features    [9]bool // by FeatureNames index
	pointsGiven bool    // the points key was read (points_link.go)
	w           linkWarnings
	noBudget    bool // leave out FitBudget (tests: what a link asks for)
}

// warnf warns that a setting is not used as the link gives it.
func (d *linkDecoder) warnf(format string, args ...any) { d.w.add(warnSetting, format, args...) }

// DecodeLink reads a link: the hash with or without its '#', or a whole URL
// (the part after '#'). It never fails: it returns a Config that passes
// Validate and a warning for each key it ignored, clamped or replaced by
// its default. Keys missing from the link keep DefaultConfig's values.
func DecodeLink(s string) (Config, []string) { return decodeLink(s, true) }

// decodeLink is DecodeLink; fit false leaves out the cost budget (tests
// see what a link asks for).
func decodeLink(s string, fit bool) (Config, []string) {
	d := &linkDecoder{c: DefaultConfig(), dataset: "circle", regDataset: "reg-plane", noBudget: !fit}
	for _, f := range d.c.Features {
		d.features[slices.Index(FeatureNames, f)] = true
	}
	return d.decode(s)
}

// decode reads the pairs of link s onto d's config, then settles what
// depends on several keys, and last holds the result to the cost budget.
func (d *linkDecoder) decode(s string) (Config, []string) {
	// Gather the last value of each known key, then read them in table
	// order. The hash's size is checked before anything is split: every
	// known key in the first maxLinkBytes is read, however many unknown
	// ones come with it.
	hash := linkHash(s)
	if len(hash) > maxLinkBytes {
		cut := strings.LastIndexByte(hash[:maxLinkBytes], '&')
		if cut < 0 {
			cut = maxLinkBytes
		}
		d.warnf("link is %d bytes, more than %d; keys after its first %d bytes are ignored", len(hash), maxLinkBytes, cut)
		hash = hash[:cut]
	}
	values := make([]string, len(linkKeys))
	counts := make([]int, len(linkKeys))
	unknown := map[string]bool{}
	for rest := hash; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		if pair == "" {
			continue
		}
		rawKey, rawValue, _ := strings.Cut(pair, "=")
		key, okKey := unescapeLink(rawKey)
		value, okValue := unescapeLink(rawValue)
		if !okKey || !okValue {
			d.warnf("%s has a malformed %%-escape; kept as written", quote(pair))
		}
		i, known := linkKeyIndex[key]
		switch {
		case known:
			values[i] = value
			counts[i]++
		case strings.HasSuffix(key, "_hide"): // TF Playground's hidden controls
		case unknown[key]:
		default:
			if len(unknown) < maxLinkUnknown {
				unknown[key] = true
			}
			d.w.add(warnUnknown, "unknown key %s ignored", quote(key))
		}
	}
	for i, k := range linkKeys {
		if counts[i] == 0 || k.read == nil {
			continue
		}
		if counts[i] > 1 {
			d.w.add(warnRepeated, "%s given %d times; using the last, %s", k.name, counts[i], quote(values[i]))
		}
		k.read(d, values[i])
	}
	d.finish()
	if !d.noBudget { // every setting is in range, but their product may not be
		var warnings []string
		d.c, warnings = FitBudget(d.c)
		for _, w := range warnings {
			d.warnf("%s", w)
		}
	}
	return d.c, d.w.list()
}

// finish settles what depends on several keys.
func (d *linkDecoder) finish() {
	c := &d.c
	c.Dataset = d.dataset
	if c.Problem == "regression" {
		c.Dataset = d.regDataset
	}
	c.Features = nil
	for i, on := range d.features {
		if on {
			c.Features = append(c.Features, FeatureNames[i])
		}
	}
	if len(c.Features) == 0 {
		d.warnf("no input feature is on; using x and y")
		c.Features = []string{"x", "y"}
	}
	if c.Loss == "xent" && c.OutputActivation != Sigmoid {
		d.warnf("loss xent needs outputActivation sigmoid, not %s; using mse", c.OutputActivation)
		c.Loss = "mse"
	}
	d.finishPoints()
}

// Link encodes c as a canonical link: "#v=1&…" with every key of the table
// in table order (only the dataset key that problem uses), so a link keeps
// its meaning even if defaults change. DecodeLink(c.Link()) returns c
// exactly, floats included, for every valid c.
func (c Config) Link() string {
	var b strings.Builder
	b.WriteByte('#')
	for _, k := range linkKeys {
		if k.write == nil {
			continue
		}
		v, ok := k.write(&c)
		if !ok {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte('&')
		}
		b.WriteString(k.name)
		b.WriteByte('=')
		escapeLink(&b, v)
	}
	return b.String()
}

// Validate reports every setting outside the link's limits, clamping
// nothing; a Config from DecodeLink has none.
func (c Config) Validate() []string {
	var problems []string
	for _, k := range linkKeys {
		if k.check == nil {
			continue
		}
		if p := k.check(&c); p != "" {
			problems = append(problems, p)
		}
	}
	if len(c.Features) == 0 {
		problems = append(problems, "no input feature")
	}
	last := -1
	for _, f := range c.Features {
		i := slices.Index(FeatureNames, f)
		if i <= last {
			problems = append(problems, fmt.Sprintf("features: %s unknown, repeated or out of FeatureNames order", quote(f)))
			break
		}
		last = i
	}
	if c.Loss == "xent" && c.OutputActivation != Sigmoid {
		problems = append(problems, fmt.Sprintf("loss xent with outputActivation %s", c.OutputActivation))
	}
	if !c.WithinBudget() {
		problems = append(problems, "cost: "+c.Cost().String())
	}
	return problems
}

// linkHash returns the hash part of s without its '#'.
func linkHash(s string) string {
	if _, hash, found := strings.Cut(s, "#"); found {
		return hash
	}
	if scheme, _, found := strings.Cut(s, "://"); found && scheme != "" && !strings.ContainsAny(scheme, "&=") {
		return "" // a URL without a hash, not "seed=http://…"
	}
	return s
}

// unescapeLink undoes %XX escapes. A '%' not followed by two hex digits is
// kept as written and reported by ok = false. '+' stays '+': a hash is not
// form-encoded.
func unescapeLink(s string) (_ string, ok bool) {
	if strings.IndexByte(s, '%') < 0 {
		return s, true
	}
	ok = true
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if i+2 < len(s) {
				hi, okHi := unhex(s[i+1])
				lo, okLo := unhex(s[i+2])
				if okHi && okLo {
					b.WriteByte(hi<<4 | lo)
					i += 2
					continue
				}
			}
			ok = false
		}
		b.WriteByte(s[i])
	}
	return b.String(), ok
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// escapeLink writes v with every byte but letters, digits and -._~, escaped,
// so that any value (a seed with '&' or '#', say) survives the round trip
// and the common ones stay readable. '+' is escaped for tools that read it
// as a space.
func escapeLink(b *strings.Builder, v string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(v); i++ {
		c := v[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~,", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func joinInts(xs []int) string {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(x))
	}
	return b.String()
}

// parseNumber reads a number: ok is false for text that is not one and for
// NaN and ±Inf written out; a number too large for float64 (1e999) comes
// back as ±Inf, to be clamped like any number out of range.
func parseNumber(v string) (f float64, ok bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return f, errors.Is(err, strconv.ErrRange)
	}
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}

// readFloat parses v for key name: cur when malformed, clamped into
// [lo, hi] when out of range.
func (d *linkDecoder) readFloat(name, v string, cur, lo, hi float64) float64 {
	f, ok := parseNumber(v)
	switch {
	case !ok:
		d.warnf("%s %s is not a number; using %s", name, quote(v), formatFloat(cur))
		return cur
	case f < lo:
		d.warnf("%s %s is less than %s; using %s", name, quote(v), formatFloat(lo), formatFloat(lo))
		return lo
	case f > hi:
		d.warnf("%s %s is more than %s; using %s", name, quote(v), formatFloat(hi), formatFloat(hi))
		return hi
	}
	if f == 0 {
		f = 0 // "-0" reads as 0
	}
	return f
}

// readInt is readFloat for whole numbers; a fraction is rounded.
func (d *linkDecoder) readInt(name, v string, cur, lo, hi int) int {
	f, ok := parseNumber(v)
	switch {
	case !ok:
		d.warnf("%s %s is not a number; using %d", name, quote(v), cur)
		return cur
	case f < float64(lo):
		d.warnf("%s %s is less than %d; using %d", name, quote(v), lo, lo)
		return lo
	case f > float64(hi):
		d.warnf("%s %s is more than %d; using %d", name, quote(v), hi, hi)
		return hi
	case f != math.Trunc(f):
		n := min(max(int(math.Round(f)), lo), hi)
		d.warnf("%s %s is not a whole number; using %d", name, quote(v), n)
		return n
	}
	return int(f)
}

// readBool accepts true and false, TF Playground's values.
func (d *linkDecoder) readBool(name, v string, cur bool) bool {
	switch v {
	case "true":
		return true
	case "false":
		return false
	}
	d.warnf("%s %s is not true or false; using %t", name, quote(v), cur)
	return cur
}

// readEnum accepts one of values, exactly as written.
func (d *linkDecoder) readEnum(name, v, cur string, values []string) string {
	if slices.Contains(values, v) {
		return v
	}
	d.warnf("%s %s is not one of %s; using %s", name, quote(v), strings.Join(values, ", "), cur)
	return cur
}

func intLinkKey(name string, field func(*Config) *int, lo, hi int) linkKey {
	return linkKey{
		name:  name,
		typ:   TypeInt,
		same:  func(a, b *Config) bool { return *field(a) == *field(b) },
		write: func(c *Config) (string, bool) { return strconv.Itoa(*field(c)), true },
		read:  func(d *linkDecoder, v string) { p := field(&d.c); *p = d.readInt(name, v, *p, lo, hi) },
		check: func(c *Config) string {
			if n := *field(c); n < lo || n > hi {
				return fmt.Sprintf("%s %d outside %d..%d", name, n, lo, hi)
			}
			return ""
		},
	}.ranged(float64(lo), float64(hi)).stepBy(1)
}

func floatLinkKey(name string, field func(*Config) *float64, lo, hi float64) linkKey {
	return linkKey{
		name:  name,
		typ:   TypeFloat,
		same:  func(a, b *Config) bool { return *field(a) == *field(b) },
		write: func(c *Config) (string, bool) { return formatFloat(*field(c)), true },
		read:  func(d *linkDecoder, v string) { p := field(&d.c); *p = d.readFloat(name, v, *p, lo, hi) },
		check: func(c *Config) string {
			if f := *field(c); !(f >= lo && f <= hi) { // NaN fails too
				return fmt.Sprintf("%s %s outside %s..%s", name, formatFloat(f), formatFloat(lo), formatFloat(hi))
			}
			return ""
		},
	}.ranged(lo, hi)
}

func boolLinkKey(name string, field func(*Config) *bool) linkKey {
	return linkKey{
		name:  name,
		typ:   TypeBool,
		same:  func(a, b *Config) bool { return *field(a) == *field(b) },
		write: func(c *Config) (string, bool) { return strconv.FormatBool(*field(c)), true },
		read:  func(d *linkDecoder, v string) { p := field(&d.c); *p = d.readBool(name, v, *p) },
	}
}

func enumLinkKey(name string, field func(*Config) *string, values []string) linkKey {
	return linkKey{
		name:    name,
		typ:     TypeEnum,
		options: optionsOf(values),
		same:    func(a, b *Config) bool { return *field(a) == *field(b) },
		write:   func(c *Config) (string, bool) { return *field(c), true },
		read:    func(d *linkDecoder, v string) { p := field(&d.c); *p = d.readEnum(name, v, *p, values) },
		check: func(c *Config) string {
			if v := *field(c); !slices.Contains(values, v) {
				return fmt.Sprintf("%s %s is not one of %s", name, quote(v), strings.Join(values, ", "))
			}
			return ""
		},
	}
}

func activationLinkKey(name string, field func(*Config) *Activation) linkKey {
	return linkKey{
		name:    name,
		typ:     TypeEnum,
		options: activationOptions(),
		same:    func(a, b *Config) bool { return *field(a) == *field(b) },
		write:   func(c *Config) (string, bool) { return field(c).String(), true },
		read: func(d *linkDecoder, v string) {
			p := field(&d.c)
			f, err := ParseActivation(v)
			if err != nil {
				d.warnf("%s %s is not one of %s; using %s", name, quote(v), strings.Join(activationNames[:], ", "), *p)
				return
			}
			*p = f
		},
		check: func(c *Config) string {
			if f := *field(c); int(f) >= len(activationNames) {
				return fmt.Sprintf("%s %s unknown", name, f)
			}
			return ""
		},
	}
}

// withRead runs after k's own read.
func withRead(k linkKey, after func(d *linkDecoder, v string)) linkKey {
	read := k.read
	k.read = func(d *linkDecoder, v string) { read(d, v); after(d, v) }
	return k
}

// datasetLinkKey is dataset or regDataset: the dataset used when the
// problem is problem, written only then.
func datasetLinkKey(name, problem string, names []string) linkKey {
	field := func(d *linkDecoder) *string {
		if problem == "regression" {
			return &d.regDataset
		}
		return &d.dataset
	}
	return linkKey{
		name:    name,
		typ:     TypeEnum,
		options: optionsOf(names),
		write: func(c *Config) (string, bool) {
			return c.Dataset, c.Problem == problem
		},
		read: func(d *linkDecoder, v string) { p := field(d); *p = d.readEnum(name, v, *p, names) },
		check: func(c *Config) string {
			if c.Problem == problem && !slices.Contains(names, c.Dataset) {
				return fmt.Sprintf("%s %s is not a %s dataset", name, quote(c.Dataset), problem)
			}
			return ""
		},
	}
}

// featureLinkKey is one of TF Playground's input switches, labelled as
// there; Config.Features lists the ones on, in FeatureNames order.
func featureLinkKey(name, label string) linkKey {
	i := slices.Index(FeatureNames, name)
	on := func(c *Config) bool { return slices.Contains(c.Features, name) }
	return linkKey{
		name:  name,
		typ:   TypeBool,
		write: func(c *Config) (string, bool) { return strconv.FormatBool(on(c)), true },
		read:  func(d *linkDecoder, v string) { d.features[i] = d.readBool(name, v, d.features[i]) },
		same:  func(a, b *Config) bool { return on(a) == on(b) },
	}.about(label, GroupFeatures, "Input feature "+label+" on or off (at least one is on).").tfpKey()
}

// readRules reads "a,b". One rule alone is compared with backprop (with
// chl when it is bp itself), the page's left-hand convention.
func readRules(d *linkDecoder, v string) {
	def := DefaultConfig().Rules
	if v == "" {
		d.warnf("rules is empty; using %s,%s", def[0], def[1])
		return
	}
	names := strings.SplitN(v, ",", 3)
	if len(names) == 3 {
		d.warnf("rules %s names more than two rules; using the first two", quote(v))
		names = names[:2]
	}
	for i, r := range names {
		if !KnownRule(r) {
			d.warnf("rules: unknown rule %s; using %s", quote(r), def[i])
			names[i] = def[i]
		}
	}
	if len(names) == 1 {
		pair := [2]string{"bp", names[0]}
		if names[0] == "bp" {
			pair[1] = def[1]
		}
		d.warnf("rules %s names one rule; comparing %s with %s", quote(v), pair[0], pair[1])
		d.c.Rules = pair
		return
	}
	d.c.Rules = [2]string{names[0], names[1]}
}

// readNetworkShape reads hidden layer sizes, "4,2"; empty is no hidden
// layer, as in TF Playground.
func readNetworkShape(d *linkDecoder, v string) {
	if v == "" {
		d.c.NetworkShape = nil
		return
	}
	if n := strings.Count(v, ",") + 1; n > MaxHiddenLayers {
		d.warnf("networkShape: %d layers is more than %d; using the first %d", n, MaxHiddenLayers, MaxHiddenLayers)
	}
	parts := strings.SplitN(v, ",", MaxHiddenLayers+1)
	parts = parts[:min(len(parts), MaxHiddenLayers)]
	shape := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		switch {
		case errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(p, "-"):
			n = MaxUnits + 1 // clamped below
		case errors.Is(err, strconv.ErrRange):
			n = 0
		case err != nil:
			d.warnf("networkShape %s is not a list of whole numbers; using %s", quote(v), joinInts(d.c.NetworkShape))
			return
		}
		switch {
		case n < 1:
			d.warnf("networkShape: %s units is less than 1; using 1", quote(p))
			n = 1
		case n > MaxUnits:
			d.warnf("networkShape: %s units is more than %d; using %d", quote(p), MaxUnits, MaxUnits)
			n = MaxUnits
		}
		shape[i] = n
	}
	d.c.NetworkShape = shape
}

// readSeed takes any short, printable seed: TF Playground's are like
// "0.80424" and the seed is hashed, not parsed.
func readSeed(d *linkDecoder, v string) {
	if len(v) > maxSeedBytes && utf8.ValidString(v) {
		cut := maxSeedBytes
		for !utf8.RuneStart(v[cut]) {
			cut--
		}
		if seedProblem(v[:cut]) == "" {
			d.warnf("seed %s is longer than %d bytes; using its first %d", quote(v), maxSeedBytes, cut)
			d.c.Seed = v[:cut]
			return
		}
	}
	if why := seedProblem(v); why != "" {
		d.warnf("seed %s %s; using %s", quote(v), why, quote(d.c.Seed))
		return
	}
	d.c.Seed = v
}

// seedProblem says what makes s unusable as a seed, "" if nothing.
func seedProblem(s string) string {
	switch {
	case s == "":
		return "is empty"
	case len(s) > maxSeedBytes:
		return fmt.Sprintf("is longer than %d bytes", maxSeedBytes)
	case !utf8.ValidString(s):
		return "is not valid UTF-8"
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return "has a control character"
	}
	return ""
}

// activationOptions are the activations in link order, labelled.
func activationOptions() []Option {
	labels := map[Activation]string{Linear: "linear", Tanh: "tanh", Sigmoid: "sigmoid", ReLU: "ReLU", HardSigmoid: "hard sigmoid"}
	var out []Option
	for _, f := range Activations() {
		out = append(out, Option{Value: f.String(), Label: labels[f]})
	}
	return out
}
