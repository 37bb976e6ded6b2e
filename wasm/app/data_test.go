package app

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"propagate/engine"
	"propagate/scenes/anim"
)

func pointsArg(t *testing.T, name, csv string) string {
	t.Helper()
	b, err := json.Marshal(pointsFile{Name: name, CSV: csv})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A CSV through command("points") becomes the link's custom dataset, read
// by the engine's reader; a bad file changes nothing and says why.
func TestPointsCommand(t *testing.T) {
	a := NewApp("#seed=4&rules=bp,fa&noise=10")
	csv := "x,y,label\n1,2,1\nNaN,0,1\n-3,0.5,-1\n=cmd|' /C calc'!A0,1,1\n"
	st := a.Command("points", pointsArg(t, "mine.csv", csv))
	if st.Error != "" {
		t.Fatal(st.Error)
	}
	c, w := engine.DecodeLink(st.Link)
	want := []engine.Point{{X: 1, Y: 2, Label: 1}, {X: -3, Y: 0.5, Label: -1}}
	if len(w) != 0 || c.Dataset != engine.CustomDataset || !reflect.DeepEqual(c.Points, want) || c.Rules != [2]string{"bp", "fa"} || c.Noise != 10 {
		t.Errorf("link %s (%q): want custom with %v, the rest kept", st.Link, w, want)
	}
	if st.Data.Points != 2 || st.Data.MaxPoints != engine.MaxPoints || len(st.Data.Notice) != 2 ||
		st.Data.Notice[0] != "mine.csv: 2 points read" || !strings.Contains(st.Data.Notice[1], "2 bad rows skipped (lines 3, 5)") {
		t.Errorf("data %+v", st.Data)
	}
	if _, reset := a.Tick(1); !reset {
		t.Error("new points did not start the runs over")
	}

	for _, bad := range []struct{ arg, says string }{
		{pointsArg(t, "pic.csv", "\x89PNG\r\n\x1a\n\x00\x00"), "pic.csv is not a text file"},
		{pointsArg(t, "one.csv", "1,1,1\n"), "1 good point"},
		{"not json", "points: want"},
	} {
		st := a.Command("points", bad.arg)
		if !strings.Contains(st.Error, bad.says) || st.Link != a.Link() {
			t.Errorf("%s: error %q; want it to say %q", bad.arg, st.Error, bad.says)
		}
		if c, _ := engine.DecodeLink(st.Link); !reflect.DeepEqual(c.Points, want) {
			t.Errorf("%s changed the points to %v", bad.arg, c.Points)
		}
	}
}

func TestDrawCommand(t *testing.T) {
	a := NewApp("")
	if st := a.Command("draw", "on"); st.Error != "" || !st.Data.Draw.On || st.Data.Draw.Label != 1 {
		t.Errorf("draw on: %+v, %q", st.Data.Draw, st.Error)
	}
	if st := a.Command("draw", "label=0.5"); !strings.Contains(st.Error, "not −1 or 1") {
		t.Errorf("label 0.5 under classification: %q", st.Error)
	}
	a.Command("draw", "clear")
	if cmds := a.TakeSceneCommands(); len(cmds) != 1 || cmds[0] != (SceneCommand{"draw", anim.DrawClear}) {
		t.Errorf("clear queued %v", cmds)
	}
	// Under regression a value; a classification label is fitted back.
	a.Command("set", "problem=regression")
	if st := a.Command("draw", "label=0.5"); st.Error != "" || st.Data.Draw.Label != 0.5 {
		t.Errorf("label 0.5 under regression: %+v %q", st.Data.Draw, st.Error)
	}
	a.Command("set", "problem=classification")
	if s := a.DrawSettings(); s.Label != 1 {
		t.Errorf("back to classification the label is %v", s.Label)
	}

	// A draft applied: custom data, same seed (so the same initial weights),
	// runs from step 0; a copy also sets the noise to 0.
	a = NewApp("#seed=8&noise=20")
	a.SetPoints([]engine.Point{{X: 1.234, Y: 2, Label: 1}, {X: 0, Y: 0, Label: -1}}, true)
	c, _ := engine.DecodeLink(a.Link())
	if c.Dataset != engine.CustomDataset || c.Points[0].X != 1.23 || c.Noise != 0 || c.Seed != "8" || c.Step != 0 {
		t.Errorf("after SetPoints: %s", a.Link())
	}
	before := a.Link()
	a.SetPoints([]engine.Point{{X: 1, Y: 1, Label: 1}}, false) // too few: nothing
	if a.Link() != before {
		t.Error("one point replaced the data")
	}
}

// The game applies the tool's drafts: one point waits, two start the runs
// over on them; a copy takes the dataset on show; a rebuilt scene's points
// become the draft.
func TestGameAppliesTheDraft(t *testing.T) {
	a := NewApp("#seed=2&dataset=spiral&noise=15")
	g := NewGame(a, &fakeHost{})
	for range 3 { // playing: a few steps
		g.Update()
	}
	a.Command("pause", "")
	if st := a.Status(); st.Step == 0 {
		t.Fatal("no step taken while playing")
	}
	a.Command("draw", "on")
	g.Update()
	g.draw.Press([2]float64{1, 1}, false)
	g.draw.Release()
	g.Update()
	if st := a.Status(); !st.Data.Draw.Pending || st.Data.Draw.Draft != 1 || strings.Contains(st.Link, "custom") {
		t.Fatalf("one point: %+v, %s", st.Data.Draw, st.Link)
	}
	a.Command("draw", "label=-1")
	g.Update()
	g.draw.Press([2]float64{-2, 0.5}, false)
	g.draw.Release()
	g.Update()
	c, _ := engine.DecodeLink(a.Link())
	if want := []engine.Point{{X: 1, Y: 1, Label: 1}, {X: -2, Y: 0.5, Label: -1}}; !reflect.DeepEqual(c.Points, want) || c.Noise != 15 {
		t.Fatalf("two points: link %s; want %v, noise kept", a.Link(), want)
	}
	if st := a.Status(); st.Step != 0 || len(st.Runs) != 0 {
		t.Errorf("the tick that applied the points reports step %d, runs %v: the old runs'", st.Step, st.Runs)
	}
	g.Update() // the rebuild
	if st := a.Status(); st.Data.Points != 2 || st.Data.Draw.Pending || st.Step != 0 {
		t.Errorf("after the rebuild: %+v, step %d", st.Data, st.Step)
	}

	// Copy: the spiral's 500 points, noise 0 (they hold theirs).
	a.Command("load", "#seed=2&dataset=spiral&noise=15")
	g.Update()
	a.Command("draw", "copy")
	g.Update()
	c, _ = engine.DecodeLink(a.Link())
	if len(c.Points) != 500 || c.Noise != 0 || c.Dataset != engine.CustomDataset {
		t.Errorf("copy: %d points, noise %d, %s", len(c.Points), c.Noise, c.Dataset)
	}
	g.Update()
	if n := len(g.draw.Draft()); n != 500 {
		t.Errorf("the rebuilt scene's draft has %d points, want the copy's 500", n)
	}
}

// Leaving own points for a built-in set in the panel says nothing about
// the points left behind; coming back asks for points.
func TestLeavingOwnPoints(t *testing.T) {
	a := NewApp("#dataset=custom&points=1~1~1,2~2~-1")
	st := a.Command("set", "dataset=circle")
	if len(st.Warnings) != 0 || strings.Contains(st.Link, "points=") || !strings.Contains(st.Link, "dataset=circle") {
		t.Errorf("custom → circle: warnings %q, link %s", st.Warnings, st.Link)
	}
	if st := a.Command("set", "learningRate=0.1"); len(st.Warnings) != 0 {
		t.Errorf("a live change on circle: %q", st.Warnings)
	}
	a = NewApp("#dataset=custom&points=1~1~1,2~2~-1")
	if st := a.Command("set", "learningRate=0.1"); len(st.Warnings) != 0 || !strings.Contains(st.Link, "points=1~1~1,2~2~-1") {
		t.Errorf("a live change on own points: %q, %s", st.Warnings, st.Link)
	}
}
