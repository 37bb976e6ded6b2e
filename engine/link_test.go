package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tfpLink is a link copied from TensorFlow Playground's address bar.
const tfpLink = "#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.80424&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false"

func TestDefaultLink(t *testing.T) {
	want := DefaultConfig()
	for _, link := range []string{"", "#", want.Link(), "v=1", "https://example.org/propagate/", "https://example.org/?x=1#v=1&&"} {
		got, warnings := DecodeLink(link)
		if !reflect.DeepEqual(got, want) || len(warnings) != 0 {
			t.Errorf("DecodeLink(%q) = %+v, %q; want the defaults, no warning", link, got, warnings)
		}
	}
	if p := want.Validate(); len(p) != 0 {
		t.Errorf("DefaultConfig().Validate() = %q", p)
	}
}

func TestTFPlaygroundLink(t *testing.T) {
	want := DefaultConfig()
	want.Seed = "0.80424"
	for _, link := range []string{tfpLink, "https://playground.tensorflow.org/" + tfpLink, tfpLink[1:]} {
		got, warnings := DecodeLink(link)
		if !reflect.DeepEqual(got, want) || len(warnings) != 0 {
			t.Errorf("DecodeLink(TF Playground link) = %+v, %q; want %+v, no warning", got, warnings, want)
		}
	}

	// Another demo of theirs: regression with a linear output, as their
	// reset() builds it, no hidden layer, features and regularization.
	link := "#activation=relu&regularization=L2&batchSize=25&dataset=xor&regDataset=reg-gauss&learningRate=0.1&regularizationRate=0.003&noise=15&networkShape=&seed=0.12345&showTestData=true&discretize=true&percTrainData=70&x=false&y=true&xTimesY=true&xSquared=false&ySquared=false&cosX=false&sinX=true&cosY=false&sinY=false&collectStats=false&problem=regression&initZero=true&hideText=true&tutorial=dp-reg&problem_hide=true&dataset_hide=true"
	want = DefaultConfig()
	want.Activation = ReLU
	want.OutputActivation = Linear
	want.Regularization = "L2"
	want.BatchSize = 25
	want.Problem = "regression"
	want.Dataset = "reg-gauss"
	want.LearningRate = 0.1
	want.RegularizationRate = 0.003
	want.Noise = 15
	want.NetworkShape = nil
	want.Seed = "0.12345"
	want.ShowTestData = true
	want.Discretize = true
	want.PercTrainData = 70
	want.Features = []string{"y", "xTimesY", "sinX"}
	want.Init = "zero"
	got, warnings := DecodeLink(link)
	if !reflect.DeepEqual(got, want) || len(warnings) != 0 {
		t.Errorf("DecodeLink(TF regression link) =\n%+v, %q; want\n%+v, no warning", got, warnings, want)
	}
}

func TestDecodeLink(t *testing.T) {
	for _, tc := range []struct {
		link     string
		want     func(c *Config)
		warnings []string
	}{
		{
			link:     "#learningRate=abc",
			warnings: []string{`learningRate "abc" is not a number; using 0.03`},
		},
		{
			link:     "#learningRate=NaN&gamma=Inf&beta=-inf",
			warnings: []string{`learningRate "NaN" is not a number; using 0.03`, `gamma "Inf" is not a number; using 0.1`, `beta "-inf" is not a number; using 0.5`},
		},
		{
			link:     "#learningRate=1e999&regularizationRate=-1&gamma=0",
			want:     func(c *Config) { c.LearningRate, c.RegularizationRate, c.Gamma = MaxLearningRate, 0, 1e-6 },
			warnings: []string{`learningRate "1e999" is more than 10; using 10`, `regularizationRate "-1" is less than 0; using 0`, `gamma "0" is less than 1e-06; using 1e-06`},
		},
		{
			link:     "#learningRate=-0&regularizationRate=-0",
			want:     func(c *Config) { c.LearningRate = MinLearningRate },
			warnings: []string{`learningRate "-0" is less than 1e-05; using 1e-05`},
		},
		{
			link: "#batchSize=-5&noise=51&percTrainData=2.5&step=1e12&speed=0&settle=7.4",
			want: func(c *Config) {
				c.BatchSize, c.Noise, c.PercTrainData, c.Step, c.Speed, c.SettleIters = 1, 50, 10, MaxStep, 1, 7
			},
			warnings: []string{
				`step "1e12" is more than 10000000; using 10000000`,
				`speed "0" is less than 1; using 1`,
				`noise "51" is more than 50; using 50`,
				`percTrainData "2.5" is less than 10; using 10`,
				`batchSize "-5" is less than 1; using 1`,
				`settle "7.4" is not a whole number; using 7`,
			},
		},
		{
			link:     "#networkShape=" + strings.Repeat("3,", 999) + "3",
			want:     func(c *Config) { c.NetworkShape = []int{3, 3, 3, 3, 3, 3} },
			warnings: []string{"networkShape: 1000 layers is more than 6; using the first 6"},
		},
		{
			link: "#networkShape=0,17,99999999999999999999999,-99999999999999999999&rules=bp,fa", // fa: within the cost budget (cost.go)
			want: func(c *Config) { c.NetworkShape, c.Rules = []int{1, 16, 16, 1}, [2]string{"bp", "fa"} },
			warnings: []string{
				`networkShape: "0" units is less than 1; using 1`,
				`networkShape: "17" units is more than 16; using 16`,
				`networkShape: "99999999999999999999999" units is more than 16; using 16`,
				`networkShape: "-99999999999999999999" units is less than 1; using 1`,
			},
		},
		{
			link:     "#networkShape=4,,2",
			warnings: []string{`networkShape "4,,2" is not a list of whole numbers; using 4,2`},
		},
		{
			link: "#networkShape=",
			want: func(c *Config) { c.NetworkShape = nil },
		},
		{
			link: "seed=https://example.org",
			want: func(c *Config) { c.Seed = "https://example.org" },
		},
		{
			link:     "#rules=chl",
			warnings: []string{`rules "chl" names one rule; comparing bp with chl`},
		},
		{
			link:     "#rules=fa",
			want:     func(c *Config) { c.Rules = [2]string{"bp", "fa"} },
			warnings: []string{`rules "fa" names one rule; comparing bp with fa`},
		},
		{
			link:     "#rules=eqprop,foo",
			want:     func(c *Config) { c.Rules = [2]string{"eqprop", "chl"} },
			warnings: []string{`rules: unknown rule "foo"; using chl`},
		},
		{
			link:     "#rules=generec,fa,dfa",
			want:     func(c *Config) { c.Rules = [2]string{"generec", "fa"} },
			warnings: []string{`rules "generec,fa,dfa" names more than two rules; using the first two`},
		},
		{
			link:     "#rules=",
			warnings: []string{"rules is empty; using bp,chl"},
		},
		{
			link: "#rules=dfa,dfa&scene=neuron&mode=explain&step=120&lesson=3&embed=true&speed=50",
			want: func(c *Config) {
				c.Rules = [2]string{"dfa", "dfa"}
				c.Scene, c.Mode, c.Step, c.Lesson, c.Embed, c.Speed = "neuron", "explain", 120, 3, true, 50
			},
		},
		{
			link:     "#foo=1&bar&foo=2&x_hide=true",
			warnings: []string{`unknown key "foo" ignored`, `unknown key "bar" ignored`},
		},
		{
			link:     "#noise=5&noise=10&noise=20",
			want:     func(c *Config) { c.Noise = 20 },
			warnings: []string{`noise given 3 times; using the last, "20"`},
		},
		{
			link:     "#seed=a%26b%3Dc%23%20%E2%9C%93+",
			want:     func(c *Config) { c.Seed = "a&b=c# ✓+" },
			warnings: nil,
		},
		{
			link:     "#seed=%zz&dataset=spi%2",
			want:     func(c *Config) { c.Seed = "%zz" },
			warnings: []string{`"seed=%zz" has a malformed %-escape; kept as written`, `"dataset=spi%2" has a malformed %-escape; kept as written`, `dataset "spi%2" is not one of circle, xor, gauss, spiral, xor4, 4-2-4, 8-3-8, custom; using circle`},
		},
		{
			link:     "#seed=&activation=",
			warnings: []string{`seed "" is empty; using "1"`, `activation "" is not one of linear, tanh, sigmoid, relu, hardsigmoid; using tanh`},
		},
		{
			link:     "#seed=a%00b",
			warnings: []string{`seed "a\x00b" has a control character; using "1"`},
		},
		{
			link:     "#seed=%FF",
			warnings: []string{`seed "\xff" is not valid UTF-8; using "1"`},
		},
		{
			link:     "#seed=" + strings.Repeat("7", 100),
			want:     func(c *Config) { c.Seed = strings.Repeat("7", 64) },
			warnings: []string{`seed "` + strings.Repeat("7", 40) + `…" is longer than 64 bytes; using its first 64`},
		},
		{
			link:     "#dataset=%3Cscript%3Ealert(1)%3C/script%3E",
			warnings: []string{`dataset "<script>alert(1)</script>" is not one of circle, xor, gauss, spiral, xor4, 4-2-4, 8-3-8, custom; using circle`},
		},
		{
			link: "#problem=regression&dataset=spiral&regDataset=reg-gauss",
			want: func(c *Config) { c.Problem, c.Dataset, c.OutputActivation = "regression", "reg-gauss", Linear },
		},
		{
			link: "#problem=regression&outputActivation=tanh",
			want: func(c *Config) { c.Problem, c.Dataset = "regression", "reg-plane" },
		},
		{
			link:     "#problem=regression&regDataset=reg-maximum",
			want:     func(c *Config) { c.Problem, c.Dataset, c.OutputActivation = "regression", "reg-plane", Linear },
			warnings: []string{`regDataset "reg-maximum" is not one of reg-plane, reg-gauss, custom; using reg-plane`},
		},
		{
			link:     "#problem=Regression",
			warnings: []string{`problem "Regression" is not one of classification, regression; using classification`},
		},
		{
			link: "#dataset=8-3-8&networkShape=3&activation=sigmoid&outputActivation=sigmoid&loss=xent&init=glorot",
			want: func(c *Config) {
				c.Dataset, c.NetworkShape, c.Activation, c.OutputActivation, c.Loss, c.Init = "8-3-8", []int{3}, Sigmoid, Sigmoid, "xent", "glorot"
			},
		},
		{
			link:     "#loss=xent",
			warnings: []string{"loss xent needs outputActivation sigmoid, not tanh; using mse"},
		},
		{
			link: "#initZero=true&init=fanin",
			want: func(c *Config) { c.Init = "fanin" },
		},
		{
			link:     "#x=false&y=false",
			warnings: []string{"no input feature is on; using x and y"},
		},
		{
			link:     "#x=yes&cosY=true&y=false&sinX=1",
			want:     func(c *Config) { c.Features = []string{"x", "cosY"} },
			warnings: []string{`x "yes" is not true or false; using true`, `sinX "1" is not true or false; using false`},
		},
		{
			link:     "#v=2&discretize=1",
			warnings: []string{`link version "2" is not 1; reading it as version 1`, `discretize "1" is not true or false; using false`},
		},
		{
			link: "#regularization=L1&regularizationRate=0.3&gamma=0.001&beta=1&settle=300&learningRate=1e-5",
			want: func(c *Config) {
				c.Regularization, c.RegularizationRate, c.Gamma, c.Beta, c.SettleIters, c.LearningRate = "L1", 0.3, 0.001, 1, 300, 1e-5
			},
		},
	} {
		want := DefaultConfig()
		if tc.want != nil {
			tc.want(&want)
		}
		got, warnings := DecodeLink(tc.link)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("DecodeLink(%.80q) =\n%+v\nwant\n%+v", tc.link, got, want)
		}
		if !slices.Equal(warnings, tc.warnings) {
			t.Errorf("DecodeLink(%.80q) warnings:\n%q\nwant\n%q", tc.link, warnings, tc.warnings)
		}
		if p := got.Validate(); len(p) != 0 {
			t.Errorf("DecodeLink(%.80q).Validate() = %q", tc.link, p)
		}
	}
}

func TestDecodeHugeLink(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 100_000; i++ {
		fmt.Fprintf(&b, "k%d=%s&", i, strings.Repeat("v", i%50))
	}
	c, warnings := DecodeLink(b.String())
	if !reflect.DeepEqual(c, DefaultConfig()) {
		t.Errorf("a link of unknown keys changed the config: %+v", c)
	}
	if len(warnings) != maxLinkWarnings+1 {
		t.Fatalf("%d warnings, want %d and a summary", len(warnings), maxLinkWarnings)
	}
	// Every pair is read (3220 unknown keys), 20 shown, the rest counted.
	if last := warnings[len(warnings)-1]; last != "… and 3200 more: 3200 unknown keys" {
		t.Errorf("last warning %q", last)
	}

	_, warnings = DecodeLink("#seed=" + strings.Repeat("%", 100_000))
	if len(warnings) != 2 || len(warnings[0]) > 100 {
		t.Errorf("a 100 KB seed gave %d warnings, the first %d bytes long", len(warnings), len(warnings[0]))
	}
}

// randomConfig returns a valid Config with every field drawn at random.
func randomConfig(rng *rand.Rand) Config {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	floatIn := func(lo, hi float64) float64 {
		switch rng.IntN(4) {
		case 0:
			return lo
		case 1:
			return hi
		}
		return lo + rng.Float64()*(hi-lo) // full-precision floats must round-trip
	}
	c := Config{
		Scene:              pick(linkScenes),
		Rules:              [2]string{pick(RuleNames), pick(RuleNames)},
		Step:               rng.IntN(MaxStep + 1),
		Lesson:             rng.IntN(100),
		Embed:              rng.IntN(2) == 0,
		Mode:               pick(linkModes),
		Speed:              1 + rng.IntN(1000),
		Problem:            pick(linkProblems),
		Noise:              rng.IntN(51),
		PercTrainData:      10 + rng.IntN(81),
		ShowTestData:       rng.IntN(2) == 0,
		Discretize:         rng.IntN(2) == 0,
		Activation:         Activations()[rng.IntN(len(Activations()))],
		OutputActivation:   Activations()[rng.IntN(len(Activations()))],
		Init:               pick(linkInits),
		Loss:               "mse",
		LearningRate:       floatIn(MinLearningRate, MaxLearningRate),
		BatchSize:          1 + rng.IntN(MaxBatchSize),
		Regularization:     pick(linkRegularizations),
		RegularizationRate: floatIn(0, 10),
		Gamma:              floatIn(1e-6, 1),
		Beta:               floatIn(1e-6, 1),
		SettleIters:        1 + rng.IntN(MaxSettleIters),
		Feedback:           pick(linkFeedbacks),
		VarOut:             floatIn(MinVarOut, MaxVarOut),
	}
	if c.Problem == "regression" {
		c.Dataset = pick(regressionSets)
	} else {
		c.Dataset = pick(classificationSets)
	}
	for _, f := range FeatureNames {
		if rng.IntN(3) == 0 {
			c.Features = append(c.Features, f)
		}
	}
	if c.Features == nil {
		c.Features = []string{"sinY"}
	}
	for range rng.IntN(MaxHiddenLayers + 1) {
		c.NetworkShape = append(c.NetworkShape, 1+rng.IntN(MaxUnits))
	}
	if c.OutputActivation == Sigmoid && rng.IntN(2) == 0 {
		c.Loss = "xent"
	}
	// Seeds with every character that needs escaping.
	runes := []rune("abz0.9-_~ &=#%+,?/;<>\"'é✓日🙂")
	seed := make([]rune, 1+rng.IntN(12))
	for i := range seed {
		seed[i] = runes[rng.IntN(len(runes))]
	}
	c.Seed = string(seed)
	c, _ = FitBudget(c) // valid includes within the cost budget
	return c
}

func TestLinkRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		c := randomConfig(rng)
		if p := c.Validate(); len(p) != 0 {
			t.Fatalf("randomConfig is invalid: %q\n%+v", p, c)
		}
		link := c.Link()
		got, warnings := DecodeLink(link)
		if !reflect.DeepEqual(got, c) || len(warnings) != 0 {
			t.Fatalf("DecodeLink(%s) =\n%+v, %q\nwant\n%+v", link, got, warnings, c)
		}
		if !utf8.ValidString(link) || strings.ContainsAny(link[1:], "# <>\"'+") {
			t.Fatalf("link %q has characters that need escaping", link)
		}
	}
}

func TestLinkWritesEveryKey(t *testing.T) {
	link := DefaultConfig().Link()
	if !strings.HasPrefix(link, "#v=1&") {
		t.Errorf("link %q does not start with #v=1&", link)
	}
	for _, k := range linkKeys {
		written := strings.Contains(link, "&"+k.name+"=") || strings.HasPrefix(link, "#"+k.name+"=")
		// regDataset is written for regression only, changes only when
		// there are some, points with dataset custom; initZero and TF
		// Playground's UI keys never.
		wantWritten := k.write != nil && k.name != "regDataset" && k.name != "changes" && k.name != "points"
		if written != wantWritten {
			t.Errorf("key %s written: %v, want %v", k.name, written, wantWritten)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		breaks func(c *Config)
	}{
		{"scene", func(c *Config) { c.Scene = "" }},
		{"rule", func(c *Config) { c.Rules[1] = "backprop" }},
		{"step", func(c *Config) { c.Step = -1 }},
		{"speed", func(c *Config) { c.Speed = 0 }},
		{"mode", func(c *Config) { c.Mode = "play" }},
		{"problem", func(c *Config) { c.Problem = "ranking" }},
		{"dataset of the other problem", func(c *Config) { c.Dataset = "reg-plane" }},
		{"regression dataset", func(c *Config) { c.Problem = "regression" }},
		{"noise", func(c *Config) { c.Noise = 51 }},
		{"percTrainData", func(c *Config) { c.PercTrainData = 5 }},
		{"seed", func(c *Config) { c.Seed = "" }},
		{"no features", func(c *Config) { c.Features = nil }},
		{"feature order", func(c *Config) { c.Features = []string{"y", "x"} }},
		{"feature repeated", func(c *Config) { c.Features = []string{"x", "x"} }},
		{"unknown feature", func(c *Config) { c.Features = []string{"z"} }},
		{"layers", func(c *Config) { c.NetworkShape = make([]int, 7) }},
		{"units", func(c *Config) { c.NetworkShape = []int{4, 17} }},
		{"activation", func(c *Config) { c.Activation = 200 }},
		{"init", func(c *Config) { c.Init = "random" }},
		{"xent", func(c *Config) { c.Loss = "xent" }},
		{"learningRate", func(c *Config) { c.LearningRate = 0 }},
		{"NaN", func(c *Config) { c.Beta = nan() }},
		{"batchSize", func(c *Config) { c.BatchSize = MaxBatchSize + 1 }},
		{"regularization", func(c *Config) { c.Regularization = "l2" }},
		{"settle", func(c *Config) { c.SettleIters = MaxSettleIters + 1 }},
	} {
		c := DefaultConfig()
		tc.breaks(&c)
		if p := c.Validate(); len(p) == 0 {
			t.Errorf("%s: Validate found nothing in %+v", tc.name, c)
		}
	}
}

func nan() float64 { return math.NaN() }

func ExampleDecodeLink() {
	c, warnings := DecodeLink("https://example.org/#dataset=spiral&networkShape=8,8,20&learningRate=fast&rules=fa&foo=1")
	fmt.Println(c.Dataset, c.NetworkShape, c.LearningRate, c.Rules)
	for _, w := range warnings {
		fmt.Println(w)
	}
	// Output:
	// spiral [8 8 16] 0.03 [bp fa]
	// rules "fa" names one rule; comparing bp with fa
	// networkShape: "20" units is more than 16; using 16
	// learningRate "fast" is not a number; using 0.03
	// unknown key "foo" ignored
}

// embed=1, as embedding pages write it, reads as embed=true; the link
// writes it back as true.
func TestLinkEmbedOne(t *testing.T) {
	for link, want := range map[string]bool{"#embed=1": true, "#embed=0": false, "#embed=true": true} {
		c, warnings := DecodeLink(link)
		if len(warnings) > 0 || c.Embed != want {
			t.Errorf("%s: embed %t warnings %q", link, c.Embed, warnings)
		}
	}
	if c, _ := DecodeLink("#embed=1"); !strings.Contains(c.Link(), "embed=true") {
		t.Errorf("link %s", c.Link())
	}
}
