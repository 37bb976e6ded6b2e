package engine

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The link of issue 12: every setting in range, their product a step of
// seconds.
const frozenLink = "#rules=eqprop,chl&networkShape=16,16,16,16,16,16&batchSize=500&settle=1000&gamma=1"

func TestFitBudgetReducesTheFrozenLink(t *testing.T) {
	c, warnings := DecodeLink(frozenLink)
	if !c.WithinBudget() {
		t.Fatalf("decoded config over budget: %s", c.Cost())
	}
	if c.BatchSize >= 500 || c.SettleIters >= 1000 {
		t.Errorf("batch %d, settle %d: not reduced", c.BatchSize, c.SettleIters)
	}
	if len(warnings) != 1 {
		t.Fatalf("warnings %q, want one", warnings)
	}
	w := warnings[0]
	for _, want := range []string{"batchSize 500 to ", "settle 1000 to ", "networkShape 16,16,16,16,16,16 to ", "6.79 G", "600 k", "frame rate"} {
		if !strings.Contains(w, want) {
			t.Errorf("warning %q does not say %q", w, want)
		}
	}
	// The model against the counts by hand: 2 → 16×6 → 1, settling at the
	// cap of 1000. F = 2·16 + 5·256 + 16 = 1328 multiply-adds per forward
	// pass, 97 units. Free iteration: F + (F − 32) + 8·97 = 3400; clamped:
	// 3400 − 16 − 8 = 3376. Step: (F + 8·97) + 1000·(3400+3376) + 2F =
	// 6,782,760 per example for CHL; EqProp's nudged phase moves the output:
	// + 1000·24. Batch 500.
	before, _ := DecodeLinkNoBudget(frozenLink)
	want := 500 * (2*(1328+776+2*1328) + 1000*(3400+3376) + 1000*(3400+3400))
	if got := before.Cost().Step; got != float64(want) {
		t.Errorf("step cost %v, want %v", got, want)
	}
}

// DecodeLinkNoBudget is DecodeLink without the budget: the config a link
// asks for.
func DecodeLinkNoBudget(s string) (Config, []string) { return decodeLink(s, false) }

// Ordinary links are not touched: the defaults, TF Playground's largest
// net under backprop and feedback alignment, and every lesson's link.
func TestFitBudgetLeavesOrdinaryLinks(t *testing.T) {
	links := []string{"", DefaultConfig().Link(), "#rules=bp,fa&dataset=spiral&networkShape=8,8,8,8,8,8&batchSize=30", "#rules=bp,chl&dataset=spiral&networkShape=8,8&batchSize=10"}
	files, err := filepath.Glob("../assets/lessons/*.md")
	if err != nil || len(files) < 9 {
		t.Fatalf("lessons: %v, %d files", err, len(files))
	}
	linkLine := regexp.MustCompile(`(?m)^link: (#\S+)$`)
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range linkLine.FindAllStringSubmatch(string(text), -1) {
			links = append(links, m[1])
		}
	}
	for _, l := range links {
		c, warnings := DecodeLink(l)
		if len(warnings) != 0 {
			t.Errorf("%s: warnings %q", l, warnings)
		}
		if k := c.Cost(); k.Step == 0 || k.Eval == 0 {
			t.Errorf("%s: cost %+v", l, k)
		}
	}
}

func TestCostModelCoversRules(t *testing.T) {
	for _, r := range RuleNames {
		if _, ok := costModel(r); !ok {
			t.Errorf("rule %s has no cost model", r)
		}
	}
}

// The reduction order: the batch first, then the settling cap (to its
// floor), then units.
func TestFitBudgetOrder(t *testing.T) {
	for _, tc := range []struct {
		link                     string
		batch, settle            bool // reduced
		shape                    []int
		unchangedBatchSettleOnly bool
	}{
		// bp alone: only the batch grows the step.
		{link: "#rules=bp,fa&networkShape=16,16,16,16,16,16&batchSize=500", batch: true, shape: []int{16, 16, 16, 16, 16, 16}},
		// A settling rule at a small cap: the batch suffices.
		{link: "#rules=bp,chl&networkShape=8,8&batchSize=200&settle=20", batch: true, shape: []int{8, 8}},
		// A large cap on a small net: the evaluation needs the cap reduced.
		{link: "#rules=chl,eqprop&networkShape=4,4&batchSize=1&settle=1000", settle: true, shape: []int{4, 4}},
	} {
		asked, _ := DecodeLinkNoBudget(tc.link)
		c, warnings := DecodeLink(tc.link)
		if !c.WithinBudget() || len(warnings) != 1 {
			t.Errorf("%s: %s, warnings %q", tc.link, c.Cost(), warnings)
			continue
		}
		if (c.BatchSize < asked.BatchSize) != tc.batch || (c.SettleIters < asked.SettleIters) != tc.settle || !slices.Equal(c.NetworkShape, tc.shape) {
			t.Errorf("%s: batch %d→%d, settle %d→%d, shape %v→%v", tc.link, asked.BatchSize, c.BatchSize, asked.SettleIters, c.SettleIters, asked.NetworkShape, c.NetworkShape)
		}
		if tc.settle && c.SettleIters < minSettleFloor {
			t.Errorf("%s: settle %d below the floor with units to spare", tc.link, c.SettleIters)
		}
		// As large as fits: one more of what was reduced would not.
		more := c
		switch {
		case tc.settle:
			more.SettleIters++
		case tc.batch:
			more.BatchSize++
		}
		if more.WithinBudget() {
			t.Errorf("%s: reduced further than needed (%+v fits)", tc.link, more.Cost())
		}
	}
}

// A change that raises the settling cap later is held to the budget too:
// the settings in force at any step fit.
func TestFitBudgetChanges(t *testing.T) {
	link := "#rules=bp,chl&networkShape=8,8,8&settle=10&changes=50~settle~1000,60~learningRate~0.1,70~settle~5"
	c, warnings := DecodeLink(link)
	if len(warnings) != 1 || !strings.Contains(warnings[0], "settle 1000 to ") {
		t.Fatalf("warnings %q", warnings)
	}
	for _, step := range []int{0, 49, 50, 65, 70, MaxStep} {
		if at := c.At(step); !at.WithinBudget() {
			t.Errorf("step %d: %s", step, at.Cost())
		}
	}
	if got := c.At(70).SettleIters; got != 5 {
		t.Errorf("a lower change was altered: settle %d at step 70", got)
	}
	if c.SettleIters != 10 {
		t.Errorf("the starting cap 10 was altered to %d", c.SettleIters)
	}
}

// The CLI's own path: a run built from the reduced link takes its first
// step, and its settling stays within the cap the model costed.
func TestRunsOfReducedLinkStayInModel(t *testing.T) {
	c, _ := DecodeLink(frozenLink)
	runs, err := NewRuns(c)
	if err != nil {
		t.Fatal(err)
	}
	checkRunsMatchModel(t, c, runs)
}

// checkRunsMatchModel checks what the model assumed about the runs: their
// nets' sizes, their data's size, and the settling cap.
func checkRunsMatchModel(t *testing.T, c Config, runs []*Run) {
	t.Helper()
	in, out, points, ok := dataShape(c)
	if !ok {
		t.Fatalf("dataShape(%s) failed", c.Link())
	}
	for _, r := range runs {
		want := slices.Concat([]int{in}, c.NetworkShape, []int{out})
		if !slices.Equal(r.net.Sizes, want) {
			t.Fatalf("%s: net %v, model %v", r.ruleName, r.net.Sizes, want)
		}
		pad := func(n int) int { return (n + settledChunk - 1) / settledChunk * settledChunk }
		if got := pad(len(r.train)) + pad(len(r.test)); got != points {
			t.Fatalf("%s: %d points evaluated, model %d", r.ruleName, got, points)
		}
		r.Step(1)
		if cr, ok := r.rule.(*Contrastive); ok {
			if s := cr.S.Stats; max(s.FreeIters, s.PlusIters) > maxSettle(c) {
				t.Fatalf("%s settled %d+%d iterations, cap %d", r.ruleName, s.FreeIters, s.PlusIters, maxSettle(c))
			}
		}
	}
}
