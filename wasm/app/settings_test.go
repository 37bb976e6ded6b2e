package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"propagate/engine"
)

// A set names keys in link syntax; the codec reads them onto the current
// settings and everything else stays.
func TestSetKeepsWhatItDoesNotName(t *testing.T) {
	base, _ := engine.DecodeLink("#seed=abc&networkShape=3&learningRate=0.1&dataset=xor&noise=10")
	got, rebuild, warnings := applySet(base, "learningRate=0.3&networkShape=5,2", 0)
	if len(warnings) != 0 || !rebuild {
		t.Errorf("warnings %q, rebuild %t; want none, true", warnings, rebuild)
	}
	want := base
	want.LearningRate = 0.3
	want.NetworkShape = []int{5, 2}
	if d := got.Diff(want); len(d.Keys) != 0 {
		t.Errorf("merged %s, want %s: %v differ", got.Link(), want.Link(), d.Keys)
	}
}

// What the panel sends is validated by the codec: out of range is clamped
// and named, unknown is named, and the rest of the set still applies.
func TestSetWarnsLikeALink(t *testing.T) {
	base := engine.DefaultConfig()
	got, _, warnings := applySet(base, "learningRate=99&bogus=1&noise=abc&batchSize=20", 0)
	if got.LearningRate != engine.MaxLearningRate || got.BatchSize != 20 || got.Noise != base.Noise {
		t.Errorf("merged lr %v batch %d noise %d", got.LearningRate, got.BatchSize, got.Noise)
	}
	all := strings.Join(warnings, "\n")
	for _, w := range []string{"learningRate", "bogus", "noise"} {
		if !strings.Contains(all, w) {
			t.Errorf("warnings %q do not name %s", warnings, w)
		}
	}
	if strings.Contains(all, "times") {
		t.Errorf("a key set once is reported as repeated: %q", warnings)
	}
	// A problem given alone picks its output activation, as in a link.
	reg, _, _ := applySet(base, "problem=regression&regDataset=reg-gauss", 0)
	if reg.OutputActivation != engine.Linear || reg.Dataset != "reg-gauss" {
		t.Errorf("regression: output %v dataset %s", reg.OutputActivation, reg.Dataset)
	}
}

func TestSetRebuildsOrCarriesOn(t *testing.T) {
	base := engine.DefaultConfig()
	for _, tc := range []struct {
		set     string
		rebuild bool
	}{
		{"learningRate=0.3", false},
		{"gamma=0.05", false},
		{"beta=0.2", false},
		{"settle=20", false},
		{"speed=50", false},
		{"mode=explain", false},
		{"regularization=L2&regularizationRate=0.01", false},
		{"embed=true", false},
		{"dataset=xor", true},
		{"noise=20", true},
		{"percTrainData=70", true},
		{"networkShape=4", true},
		{"networkShape=4,3", true},
		{"activation=relu", true},
		{"batchSize=5", true},
		{"rules=bp,eqprop", true},
		{"seed=2", true},
		{"x=false&y=true&xSquared=true", true},
		{"scene=neuron", true},
		{"lesson=3", true},
	} {
		_, rebuild, warnings := applySet(base, tc.set, 40)
		if len(warnings) > 0 {
			t.Fatalf("%s: warnings %q", tc.set, warnings)
		}
		if rebuild != tc.rebuild {
			t.Errorf("%s: rebuild = %t, want %t", tc.set, rebuild, tc.rebuild)
		}
	}
}

// The app decides: a live change keeps the runs (a retune), a change of
// data or shape starts them over at step 0.
func TestSetKeepsOrResets(t *testing.T) {
	app := NewApp("#seed=3")
	app.SetProgress(40, 1)
	st := app.Command("set", "learningRate=0.1")
	if st.Error != "" || st.Step != 40 || st.Config["learningRate"] != "0.1" {
		t.Fatalf("set learningRate: %+v", st)
	}
	if _, reset := app.Tick(0); reset {
		t.Error("a learning rate change reset the runs")
	}
	// The runs started at 0.03 and changed at step 40: the link says both,
	// so it replays what was watched.
	if cfg, ok := app.TakeRetune(); !ok || cfg.LearningRate != 0.03 || cfg.At(40).LearningRate != 0.1 {
		t.Errorf("retune %v: start %v, at step 40 %v", ok, cfg.LearningRate, cfg.At(40).LearningRate)
	}
	if !strings.Contains(st.Link, "step=40") || !strings.Contains(st.Link, "learningRate=0.03") || !strings.Contains(st.Link, "changes=40~learningRate~0.1") {
		t.Errorf("link %s", st.Link)
	}
	// Reset starts over with the settings in force: the change folded in.
	app.Command("reset", "")
	if cfg := app.Config(); cfg.LearningRate != 0.1 || len(cfg.Changes) != 0 {
		t.Errorf("after reset: learning rate %v, changes %v", cfg.LearningRate, cfg.Changes)
	}
	app.Tick(0)
	st = app.Command("set", "dataset=xor")
	if st.Step != 0 {
		t.Errorf("step after a data change = %d", st.Step)
	}
	if _, reset := app.Tick(0); !reset {
		t.Error("a data change did not reset the runs")
	}
	// Reset keeps the seed (the same initial weights); new weights do not.
	app.Command("reset", "")
	if got := app.Config().Seed; got != "3" {
		t.Errorf("seed after reset = %q", got)
	}
	app.Command("newweights", "")
	if got := app.Config().Seed; got == "3" {
		t.Error("new weights kept the seed")
	}
}

// A link with a step replays to it, paused there; a replay holds play and
// step requests back.
func TestLoadWithStepReplays(t *testing.T) {
	app := NewApp("#seed=3&step=250")
	st := app.Status()
	if !st.Replaying || st.ReplayTarget != 250 || st.Playing {
		t.Fatalf("opened at step 250: replaying %t target %d playing %t", st.Replaying, st.ReplayTarget, st.Playing)
	}
	if !strings.Contains(st.Link, "step=250") {
		t.Errorf("link during the replay %s, want the target step", st.Link)
	}
	// A step asked for during the replay is no second target: the
	// replay's, farther, stands.
	if st := app.Command("step", "3"); st.ReplayTarget != 250 {
		t.Errorf("step 3 during the replay: target %d, want 250", st.ReplayTarget)
	}
	if steps, _ := app.Tick(1); steps != 0 {
		t.Errorf("Tick during a replay = %d steps", steps)
	}
	app.SetProgress(90, 3)
	if st := app.Command("stopreplay", ""); st.ReplayTarget != 90 || !strings.Contains(st.Link, "step=90&") {
		t.Errorf("stopreplay: target %d link %s", st.ReplayTarget, st.Link)
	}
	app.EndReplay()
	if steps, _ := app.Tick(1); steps != 0 {
		t.Errorf("Tick after the replay = %d steps, want none queued", steps)
	}
}

// The game replays in chunks within a time budget per tick, and arrives at
// exactly the link's step with the CLI's numbers.
func TestGameReplaysToTheStep(t *testing.T) {
	const link = "#seed=5&rules=bp,chl&step=400"
	app := NewApp(link)
	h := &fakeHost{perRead: 1} // each clock read takes 1 ms: a few chunks per tick
	g := NewGame(app, h)
	ticks := 0
	for app.Status().Replaying {
		if err := g.Update(); err != nil {
			t.Fatal(err)
		}
		if ticks++; ticks > 10000 {
			t.Fatal("the replay never ends")
		}
	}
	if ticks < 2 {
		t.Errorf("replayed in %d tick(s); want chunks across ticks", ticks)
	}
	g.Update()
	st := app.Status()
	if st.Step != 400 || st.Playing {
		t.Fatalf("after the replay: step %d playing %t", st.Step, st.Playing)
	}
	cfg, _ := engine.DecodeLink(link)
	runs, err := engine.NewRuns(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range runs {
		r.Step(400)
		want := r.Report()
		got := st.Runs[i]
		if got.Loss != want.Loss || got.TrainAcc != want.TrainAcc || got.TestAcc != want.TestAcc {
			t.Errorf("run %s: page %+v, headless %+v", want.Rule, got, want)
		}
	}
	if len(h.links) == 0 || h.links[len(h.links)-1] != st.Link {
		t.Errorf("address bar %q, want %q", h.links, st.Link)
	}
}

// The JSON export restores the weights exactly; every bad file is refused
// with a message that says what is wrong.
func TestStateRoundTripAndBadFiles(t *testing.T) {
	cfg, _ := engine.DecodeLink("#seed=9&networkShape=3,2")
	runs, _ := engine.NewRuns(cfg)
	for _, r := range runs {
		r.Step(37)
	}
	data, err := exportState(cfg, runs)
	if err != nil {
		t.Fatal(err)
	}
	st, err := parseState(data)
	if err != nil {
		t.Fatalf("parse its own export: %v", err)
	}
	if st.Step != 37 || !strings.Contains(st.Link, "step=37") {
		t.Errorf("step %d link %s", st.Step, st.Link)
	}
	fresh, _ := engine.NewRuns(cfg)
	if err := applyWeights(fresh, st); err != nil {
		t.Fatal(err)
	}
	for i := range runs {
		for k := 1; k <= runs[i].View().Layers(); k++ {
			a, b := runs[i].View().Weights(k, nil), fresh[i].View().Weights(k, nil)
			if !slices.Equal(a, b) {
				t.Fatalf("run %d layer %d weights differ after the round trip", i, k)
			}
		}
	}
	good := string(data)
	for name, bad := range map[string]string{
		"not json":      "hello",
		"empty":         "",
		"other format":  strings.Replace(good, "propagate-state", "other", 1),
		"wrong version": strings.Replace(good, `"version": 1`, `"version": 7`, 1),
		"wrong rule":    strings.Replace(good, `"rule": "chl"`, `"rule": "fa"`, 1),
		"wrong sizes":   strings.Replace(good, `"sizes": [`, `"sizes": [9,`, 1),
		"huge weight":   strings.Replace(good, `"biases": [`, `"biases": [[1e300],`, 1),
		"step mismatch": strings.Replace(good, `"step": 37`, `"step": 38`, 1),
		"string weight": strings.Replace(good, `"weights": [`, `"weights": ["x",`, 1),
		"no runs":       `{"format":"propagate-state","version":1,"link":"#seed=1","step":0,"runs":[]}`,
	} {
		if _, err := parseState([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
	// The app keeps its state on a bad file and says why.
	app := NewApp("#seed=4")
	before := app.Status().Link
	st2 := app.Command("import", "{bad")
	if !strings.Contains(st2.Error, "import") || st2.Link != before {
		t.Errorf("bad import: error %q, link %s", st2.Error, st2.Link)
	}
	st3 := app.Command("import", good)
	if st3.Error != "" || !st3.Replaying || st3.ReplayTarget != 37 {
		t.Errorf("good import: %+v", st3)
	}
}

func TestLossCSV(t *testing.T) {
	cfg, _ := engine.DecodeLink("#seed=2")
	runs, _ := engine.NewRuns(cfg)
	for _, r := range runs {
		r.Step(60)
	}
	lines := strings.Split(strings.TrimSpace(string(lossCSV(runs))), "\n")
	if lines[0] != "rule,step,epoch,loss,testLoss,trainAcc,testAcc,diverged" || len(lines) < 3 {
		t.Fatalf("csv:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.HasPrefix(lines[1], "bp,0,") {
		t.Errorf("first row %q", lines[1])
	}
}

// The settings follow a mode command at once, so a reset right after it
// rebuilds the scene in that mode.
func TestModeCommandsUpdateTheSettings(t *testing.T) {
	app := NewApp("#seed=1")
	for _, c := range []struct{ name, arg, want string }{
		{"phase", "backward", "explain"}, {"mode", "train", "train"}, {"mode", "toggle", "explain"}, {"mode", "", "train"},
	} {
		if st := app.Command(c.name, c.arg); st.Config["mode"] != c.want || !strings.Contains(st.Link, "mode="+c.want+"&") {
			t.Errorf("%s %s: mode %s, link %s", c.name, c.arg, st.Config["mode"], st.Link)
		}
	}
}

// A live change made while the runs learn travels in the link: the link the
// page shows afterwards replays, headless, to the very numbers the page
// shows — what was watched, not a run at the new rate from step 0.
func TestMidRunChangeReplaysFaithfully(t *testing.T) {
	app := NewApp("#seed=5&rules=bp,chl")
	g := NewGame(app, &fakeHost{})
	app.Command("pause", "")
	g.Update()
	advance := func(n int) {
		target := app.Status().Step + n
		app.Command("step", fmt.Sprint(n))
		for i := 0; i < 10000 && app.Status().Step < target; i++ {
			g.Update()
		}
		g.Update() // the runs' report follows the step
	}
	advance(100)
	if st := app.Status(); st.Step != 100 {
		t.Fatalf("step %d, want 100", st.Step)
	}
	app.Command("set", "learningRate=0.3&gamma=0.3")
	advance(100)
	st := app.Status()
	if st.Step != 200 {
		t.Fatalf("step %d, want 200", st.Step)
	}
	cfg, warnings := engine.DecodeLink(st.Link)
	if len(warnings) != 0 || len(cfg.Changes) != 2 {
		t.Fatalf("link %s: warnings %v, changes %+v", st.Link, warnings, cfg.Changes)
	}
	runs, _ := engine.NewRuns(cfg)
	for i, r := range runs {
		r.Step(200)
		want := r.Report()
		if got := st.Runs[i]; got.Step != 200 || got.Loss != want.Loss || got.TestAcc != want.TestAcc {
			t.Errorf("run %s: page %+v, link replayed %+v", want.Rule, got, want)
		}
	}
}
