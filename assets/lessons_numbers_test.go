package assets_test

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"propagate/assets"
	"propagate/engine"
)

// Every number a lesson states is one the engine computes: a test per
// lesson runs the lesson's own demo (or the change its "try" block asks the
// learner to make in the control panel) the way `learn -link … -steps N`
// and `learn -equivalence` do, and checks each claim. A claim names the
// words of the lesson it stands for, so that changing the text without the
// test (or the numbers without the text) fails; and every measured number
// in a lesson's prose (one with a decimal point, a % or ° sign, or three
// digits or more) must belong to some claim.

type claim struct {
	text  string // words of the lesson this claim checks, verbatim
	check func(t *testing.T, l assets.Lesson)
}

// sample is what a demo's runs report at one step.
type sample struct {
	step  int
	rep   []engine.RunReport
	agree [][]engine.LayerAgreement
	align []engine.Alignment
}

var (
	seriesMu    sync.Mutex
	seriesCache = map[string][]sample{}
)

// series trains the runs of link (with edit applied) to steps, sampling
// every `every` steps, step 0 included. Cached: several claims read one run.
func series(t *testing.T, link string, edit func(*engine.Config), steps, every int) []sample {
	t.Helper()
	key := fmt.Sprintf("%s|%p|%d|%d", link, edit, steps, every)
	seriesMu.Lock()
	defer seriesMu.Unlock()
	if s, ok := seriesCache[key]; ok {
		return s
	}
	c, w := engine.DecodeLink(link)
	if len(w) > 0 {
		t.Fatalf("%s: %v", link, w)
	}
	if edit != nil {
		edit(&c)
	}
	runs, err := engine.NewRuns(c)
	if err != nil {
		t.Fatal(err)
	}
	var out []sample
	for s := 0; s <= steps; s += every {
		sm := sample{step: s}
		for _, r := range runs {
			sm.rep = append(sm.rep, r.Report())
			sm.agree = append(sm.agree, r.Agreement(nil))
			sm.align = append(sm.align, r.Alignment())
		}
		out = append(out, sm)
		for _, r := range runs {
			r.Step(every)
		}
	}
	seriesCache[key] = out
	return out
}

func at(t *testing.T, ss []sample, step int) sample {
	t.Helper()
	for _, s := range ss {
		if s.step == step {
			return s
		}
	}
	t.Fatalf("no sample at step %d", step)
	return sample{}
}

// firstStep is the first sampled step at which ok holds for run i, or -1.
func firstStep(ss []sample, ok func(s sample) bool) int {
	for _, s := range ss {
		if ok(s) {
			return s.step
		}
	}
	return -1
}

// near checks that got, rounded to digits decimals, is want.
func near(t *testing.T, what string, got, want float64, digits int) {
	t.Helper()
	p := math.Pow(10, float64(digits))
	if math.Round(got*p)/p != want {
		t.Errorf("%s = %v, the lesson says %v", what, got, want)
	}
}

func cfg(t *testing.T, l assets.Lesson) engine.Config {
	c, w := engine.DecodeLink(l.Link)
	if len(w) > 0 {
		t.Fatal(w)
	}
	return c
}

// randomCHL is lesson 3's "try": CHL as the second rule, random feedback,
// train mode.
func randomCHL(c *engine.Config) {
	c.Rules = [2]string{"bp", "chl"}
	c.Feedback = "random"
}

func withGamma(g float64) func(*engine.Config) {
	return func(c *engine.Config) { c.Gamma = g }
}

var gammaTenth = withGamma(0.1)

func withVarOut(v float64) func(*engine.Config) {
	return func(c *engine.Config) { c.VarOut = v }
}

var varOut100 = withVarOut(100)

var lessonClaims = map[int][]claim{
	1: {{"which differs from the forward pass by an amount proportional to γ (here γ = 0.1: at most 0.005 at the output before training)", func(t *testing.T, l assets.Lesson) {
		c := cfg(t, l)
		if c.Gamma != 0.1 {
			t.Fatalf("γ = %v", c.Gamma)
		}
		worst := settledGap(t, c)
		near(t, "largest |settled − forward| at the output", worst, 0.005, 3)
		c.Gamma /= 2
		if r := worst / settledGap(t, c); r < 1.6 || r > 2.4 {
			t.Errorf("halving γ divides the gap by %.2f, not about 2", r)
		}
	}}},
	2: {{"(η = 0.03 here, one example per step)", func(t *testing.T, l assets.Lesson) {
		if c := cfg(t, l); c.LearningRate != 0.03 || c.BatchSize != 1 {
			t.Errorf("η %v, batch %d", c.LearningRate, c.BatchSize)
		}
	}}},
	3: {
		{"CHL with random feedback reaches 99.2% test accuracy by step 2500, while backprop is at 81.6%", func(t *testing.T, l assets.Lesson) {
			s := at(t, series(t, l.Link, randomCHL, 2500, 100), 2500)
			near(t, "CHL test accuracy", 100*s.rep[1].TestAcc, 99.2, 1)
			near(t, "backprop test accuracy", 100*s.rep[0].TestAcc, 81.6, 1)
		}},
		{"(cosine −0.46 at step 0) and comes into line (0.91 by step 2500)", func(t *testing.T, l assets.Lesson) {
			ss := series(t, l.Link, randomCHL, 2500, 100)
			near(t, "hidden layer 2 cosine at step 0", at(t, ss, 0).agree[1][1].Cosine, -0.46, 2)
			near(t, "hidden layer 2 cosine at step 2500", at(t, ss, 2500).agree[1][1].Cosine, 0.91, 2)
		}},
		{"the angle between them falls from 119° to 22°", func(t *testing.T, l assets.Lesson) {
			ss := series(t, l.Link, randomCHL, 2500, 100)
			near(t, "angle(W_3, B_3) at step 0", at(t, ss, 0).align[1].Angle[1], 119, 0)
			near(t, "angle(W_3, B_3) at step 2500", at(t, ss, 2500).align[1].Angle[1], 22, 0)
		}},
	},
	4: {{"(A₊ = 0.005, A₋ = 0.00525, τ₊ = τ₋ = 20 ms) or, for Bi & Poo's data, the time constants Pfister & Gerstner fitted to it (τ₊ = 16.8 ms, τ₋ = 33.7 ms)", func(t *testing.T, l assets.Lesson) {
		s, b := engine.SongSTDP(), engine.BiPooSTDP()
		if s.APlus != 0.005 || s.AMinus != 0.00525 || s.TauPlus != 20 || s.TauMinus != 20 {
			t.Errorf("Song's window %+v", s)
		}
		if b.TauPlus != 16.8 || b.TauMinus != 33.7 || b.APlus != s.APlus || b.AMinus != s.AMinus {
			t.Errorf("Bi & Poo window %+v", b)
		}
	}}},
	5: {{"where f′(a_L) = 0.9995, so the ratio is about γ = 0.1 in hidden layer 2 (0.095 and 0.100 for its two units) and γ² = 0.01 in hidden layer 1 (0.0094 to 0.0102)", func(t *testing.T, l assets.Lesson) {
		c := cfg(t, l)
		ratios, slope := chlOverDelta(t, c)
		near(t, "f′(a_L)", slope, 0.9995, 4)
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, r := range ratios[1] {
			lo, hi = math.Min(lo, -r), math.Max(hi, -r)
		}
		near(t, "hidden layer 1 smallest ratio", lo, 0.0094, 4)
		near(t, "hidden layer 1 largest ratio", hi, 0.0102, 4)
		near(t, "hidden layer 2 unit 1 ratio", -ratios[2][0], 0.095, 3)
		near(t, "hidden layer 2 unit 2 ratio", -ratios[2][1], 0.100, 3)
		for k, rs := range ratios {
			for i, r := range rs {
				if want := -math.Pow(c.Gamma, float64(2-k+1)) / slope; math.Abs(r/want-1) > 0.1 {
					t.Errorf("layer %d unit %d: (x⁺ − x⁻)/δ = %v, γ^{L−k}/f′ predicts %v", k, i, r, want)
				}
			}
		}
	}}},
	6: {{"Drag γ from 1 down to 0.001", func(t *testing.T, l assets.Lesson) {
		// Both ends of the scene's slider are computed.
		for _, g := range []float64{1, 0.001} {
			if _, err := engine.EquivalenceAt(cfg(t, l), g, true); err != nil {
				t.Errorf("γ = %v: %v", g, err)
			}
		}
	}}, {"the relative error falls in proportion to γ", func(t *testing.T, l assets.Lesson) {
		c := cfg(t, l)
		with, err := engine.Equivalence(c, []float64{0.01, 0.001}, true)
		if err != nil {
			t.Fatal(err)
		}
		without, err := engine.Equivalence(c, []float64{0.01}, false)
		if err != nil {
			t.Fatal(err)
		}
		L := len(with[0].Layers)
		for k := range with[0].Layers {
			if r := with[0].Layers[k].RelErr / with[1].Layers[k].RelErr; r < 8 || r > 12 {
				t.Errorf("layer %d: relErr fell %.2f× for a tenfold γ", k+1, r)
			}
			if c := with[1].Layers[k].Cosine; c < 0.999 {
				t.Errorf("layer %d: cosine %v at γ = 0.001", k+1, c)
			}
			// Without the factor the norm ratio is about γ^{L−k}.
			want := math.Pow(0.01, float64(L-k-1))
			if r := without[0].Layers[k].NormRatio / want; r < 0.5 || r > 2 {
				t.Errorf("layer %d: no-factor norm ratio %v, γ^{L−k} = %v", k+1, without[0].Layers[k].NormRatio, want)
			}
		}
	}}},
	7: {{"their test accuracy passes 95% within about 1,500 steps", func(t *testing.T, l assets.Lesson) {
		ss := series(t, l.Link, nil, 2000, 50)
		for i, rule := range []string{"chl", "generec"} {
			s := firstStep(ss, func(s sample) bool { return s.rep[i].TestAcc >= 0.95 })
			t.Logf("%s passes 95%% test accuracy at step %d", rule, s)
			if s < 750 || s > 1500 {
				t.Errorf("%s passes 95%% at step %d, not within about 1,500", rule, s)
			}
		}
	}}},
	8: {
		{"(above 0.9 by step 3000)", func(t *testing.T, l assets.Lesson) {
			ss := series(t, l.Link, nil, 3000, 100)
			if c := at(t, ss, 0).agree[1][1].Cosine; c >= 0 {
				t.Errorf("hidden layer 2 starts at %v, not below zero", c)
			}
			if c := at(t, ss, 3000).agree[1][1].Cosine; c <= 0.9 {
				t.Errorf("hidden layer 2 at step 3000: %v", c)
			}
			for _, s := range ss {
				if c := s.agree[1][2].Cosine; c < 0.999999 {
					t.Errorf("output layer cosine %v at step %d, not 1", c, s.step)
				}
			}
		}},
		{"both reach more than 95% training accuracy by step 3000", func(t *testing.T, l assets.Lesson) {
			for i, r := range at(t, series(t, l.Link, nil, 3000, 100), 3000).rep {
				if r.TrainAcc <= 0.95 {
					t.Errorf("run %d: training accuracy %v at step 3000", i, r.TrainAcc)
				}
			}
		}},
		{"falls from 119° at step 0 to 22° by step 3000", func(t *testing.T, l assets.Lesson) {
			ss := series(t, l.Link, nil, 3000, 100)
			near(t, "angle at step 0", at(t, ss, 0).align[1].Angle[1], 119, 0)
			near(t, "angle at step 3000", at(t, ss, 3000).align[1].Angle[1], 22, 0)
		}},
	},
	9: {{"past 80% by step 1000, and past 95% by step 2000", func(t *testing.T, l assets.Lesson) {
		c := cfg(t, l)
		if c.Gamma != 1 || c.Activation != engine.HardSigmoid || c.OutputActivation != engine.HardSigmoid {
			t.Fatalf("the demo is not Scellier & Bengio's model: γ %v, %v/%v", c.Gamma, c.Activation, c.OutputActivation)
		}
		ss := series(t, l.Link, nil, 2000, 100)
		for i, r := range at(t, ss, 1000).rep {
			if r.TestAcc <= 0.8 {
				t.Errorf("run %d: test accuracy %v at step 1000", i, r.TestAcc)
			}
		}
		for i, r := range at(t, ss, 2000).rep {
			if r.TestAcc <= 0.95 {
				t.Errorf("run %d: test accuracy %v at step 2000", i, r.TestAcc)
			}
		}
	}}},
	10: {
		{"is 4.1 at Σ_L = 1 and 0.0046 at Σ_L = 1000, ten times smaller for each tenfold Σ_L", func(t *testing.T, l assets.Lesson) {
			res, err := engine.PCEquivalence(engine.DefaultConfig(), []float64{1, 10, 100, 1000})
			if err != nil {
				t.Fatal(err)
			}
			L := len(res[0].Layers)
			near(t, "output relErr at Σ_L = 1", res[0].Layers[L-1].RelErr, 4.1, 1)
			near(t, "output relErr at Σ_L = 1000", res[3].Layers[L-1].RelErr, 0.0046, 4)
			for i := 1; i < 3; i++ {
				for k, a := range res[i].Layers {
					if r := a.RelErr / res[i+1].Layers[k].RelErr; r < 9 || r > 11 {
						t.Errorf("layer %d: relErr fell %.2f× from Σ_L = %g to %g", k+1, r, res[i].Gamma, res[i+1].Gamma)
					}
				}
			}
		}},
		{"its norm ratios falling from 0.74–1.21 at step 0 to 0.19–0.28 by step 500", func(t *testing.T, l assets.Lesson) {
			ss := series(t, l.Link, nil, 3000, 500)
			lo, hi := normRange(at(t, ss, 0).agree[1])
			near(t, "smallest norm ratio at step 0", lo, 0.74, 2)
			near(t, "largest norm ratio at step 0", hi, 1.21, 2)
			lo, hi = normRange(at(t, ss, 500).agree[1])
			near(t, "smallest norm ratio at step 500", lo, 0.19, 2)
			near(t, "largest norm ratio at step 500", hi, 0.28, 2)
			for _, s := range ss {
				for _, a := range s.agree[1] {
					if a.Cosine < 0.9 {
						t.Errorf("step %d layer %d: cosine %v, not near 1", s.step, a.Layer, a.Cosine)
					}
				}
			}
		}},
		{"set Output variance Σ_L to 100", func(t *testing.T, l assets.Lesson) {
			if _, w := engine.DecodeLink(l.Link + "&varOut=100"); len(w) > 0 {
				t.Error(w)
			}
		}},
		{"At Σ_L = 100 the norm ratios stay within 5% of 1 and PC learns almost exactly as backprop does (82.8% and 82.4% test accuracy at step 3000)", func(t *testing.T, l assets.Lesson) {
			ss := series(t, l.Link, varOut100, 3000, 500)
			for _, s := range ss {
				if lo, hi := normRange(s.agree[1]); lo < 0.95 || hi > 1.05 {
					t.Errorf("step %d: norm ratios %v–%v", s.step, lo, hi)
				}
			}
			s := at(t, ss, 3000)
			near(t, "PC test accuracy", 100*s.rep[1].TestAcc, 82.8, 1)
			near(t, "backprop test accuracy", 100*s.rep[0].TestAcc, 82.4, 1)
		}},
	},
	11: {
		{"hidden layer 2's by step 100 and hidden layer 1's by step 500", func(t *testing.T, l assets.Lesson) {
			ss := series(t, l.Link, nil, 3000, 100)
			if s := firstStep(ss, func(s sample) bool { return s.agree[1][1].Cosine < 0 }); s != 100 {
				t.Errorf("hidden layer 2's cosine first below zero at step %d", s)
			}
			if s := firstStep(ss, func(s sample) bool { return s.agree[1][0].Cosine < 0 }); s != 500 {
				t.Errorf("hidden layer 1's cosine first below zero at step %d", s)
			}
		}},
		{"its test accuracy passes 95% by step 800, backprop's only by step 3000", func(t *testing.T, l assets.Lesson) {
			ss := series(t, l.Link, nil, 3000, 100)
			chl := firstStep(ss, func(s sample) bool { return s.rep[1].TestAcc >= 0.95 })
			bp := firstStep(ss, func(s sample) bool { return s.rep[0].TestAcc >= 0.95 })
			if chl != 800 || bp != 3000 {
				t.Errorf("95%% test accuracy: CHL at step %d, backprop at %d", chl, bp)
			}
		}},
		{"set γ to 0.1, press reset", func(t *testing.T, l assets.Lesson) {
			if c, w := engine.DecodeLink("#gamma=0.1"); len(w) > 0 || c.Gamma != 0.1 {
				t.Error(w)
			}
		}},
		{"At γ = 0.1 the hidden layers' lines stay near 1, but the output layer's settles between 0.50 and 0.56 once the circle is learnt", func(t *testing.T, l assets.Lesson) {
			ss := series(t, l.Link, gammaTenth, 3000, 250)
			for _, s := range ss {
				for k := 0; k < 2; k++ {
					if c := s.agree[1][k].Cosine; c < 0.85 {
						t.Errorf("γ = 0.1, step %d: hidden layer %d cosine %v", s.step, k+1, c)
					}
				}
			}
			learnt := firstStep(ss, func(s sample) bool { return s.rep[1].TestAcc >= 0.95 })
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, s := range ss {
				if s.step >= learnt {
					c := s.agree[1][2].Cosine
					lo, hi = math.Min(lo, c), math.Max(hi, c)
				}
			}
			t.Logf("γ = 0.1: learnt at step %d, output cosine %.3f–%.3f after", learnt, lo, hi)
			near(t, "lowest output cosine", lo, 0.50, 2)
			near(t, "highest output cosine", hi, 0.56, 2)
		}},
	},
}

// settledGap is the largest difference, over the training set, between
// the CHL run's settled output (its answer) and its net's forward pass.
func settledGap(t *testing.T, c engine.Config) float64 {
	r, err := engine.NewRun(c, "chl")
	if err != nil {
		t.Fatal(err)
	}
	net := r.View().Net()
	set := engine.NewSettler(net, engine.SettleParams{Gamma: c.Gamma, Dt: 1, Tol: 1e-12, MaxIters: 1000})
	var inputs [][]float64
	for _, ex := range r.Train() {
		inputs = append(inputs, ex.X)
	}
	set.SettleFree(inputs)
	s := net.NewScratch()
	L := net.Layers()
	var worst float64
	for i, x := range inputs {
		worst = math.Max(worst, math.Abs(set.Free[L].At(0, i)-net.Predict(x, s)[0]))
	}
	return worst
}

// normRange is the smallest and largest norm ratio over the layers.
func normRange(a []engine.LayerAgreement) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range a {
		lo, hi = math.Min(lo, x.NormRatio), math.Max(hi, x.NormRatio)
	}
	return lo, hi
}

// chlOverDelta is, for the first traced step of c's CHL and backprop runs,
// (x⁺ − x⁻)/δ of every hidden unit (ratios[k][i]) and the output unit's
// slope f′(a_L) = 1 − x_L² in backprop's forward pass.
func chlOverDelta(t *testing.T, c engine.Config) (map[int][]float64, float64) {
	bp, err := engine.NewRun(c, "bp")
	if err != nil {
		t.Fatal(err)
	}
	chl, err := engine.NewRun(c, "chl")
	if err != nil {
		t.Fatal(err)
	}
	var tb, tc engine.Trace
	bp.StepTraced(&tb)
	chl.StepTraced(&tc)
	L := bp.View().Layers()
	delta := map[int][]float64{}
	var out []float64
	for _, e := range tb.Events {
		switch {
		case e.Kind == engine.EvBackward:
			delta[e.Layer] = e.Units
		case e.Kind == engine.EvForward && e.Layer == L:
			out = e.Units
		}
	}
	var free, plus [][]float64
	for _, e := range tc.Events {
		switch e.Kind {
		case engine.EvFreeIter:
			free = e.State
		case engine.EvClampedIter:
			plus = e.State
		}
	}
	ratios := map[int][]float64{}
	for k := 1; k < L; k++ {
		for i, d := range delta[k] {
			ratios[k] = append(ratios[k], (plus[k][i]-free[k][i])/d)
		}
	}
	return ratios, 1 - out[0]*out[0]
}

// measured matches the numbers a lesson states from measurement: with a
// decimal point, a percent or degree sign, or three digits or more.
var measured = regexp.MustCompile(`[−-]?\d[\d,]*\.\d+|\d+(?:\.\d+)?\s?[%°]|\d{3,}|\d{1,3}(?:,\d{3})+`)

func TestLessonNumbers(t *testing.T) {
	ls, err := assets.Lessons()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		t.Run(strconv.Itoa(l.N), func(t *testing.T) {
			var prose []string
			for _, b := range l.Blocks {
				if b.Kind != assets.Formula {
					prose = append(prose, b.Text)
				}
			}
			text := strings.Join(prose, " ")
			covered := text
			for _, c := range lessonClaims[l.N] {
				if !strings.Contains(text, c.text) {
					t.Errorf("lesson %d no longer says %q", l.N, c.text)
					continue
				}
				covered = strings.ReplaceAll(covered, c.text, " ")
				c.check(t, l)
			}
			// Backquoted code (commands, formulas inline) and the years of
			// citations state no measurement.
			covered = regexp.MustCompile("`[^`]*`|\\b(19|20)\\d\\d\\b").ReplaceAllString(covered, " ")
			for _, n := range measured.FindAllString(covered, -1) {
				t.Errorf("lesson %d states %q, which no claim checks", l.N, n)
			}
		})
	}
}
