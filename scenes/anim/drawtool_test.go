package anim

import (
	"math"
	"slices"
	"testing"

	"propagate/engine"
)

func TestDrawToolClickAndDrag(t *testing.T) {
	tool := NewDrawTool()
	tool.On = true
	// One click: one point, applied only once there are two.
	tool.Press([2]float64{1.234, -2}, false)
	tool.Release()
	if _, ok := tool.TakeCommit(); ok || !tool.Pending() {
		t.Fatal("a draft of one point was applied")
	}
	tool.Command("label=-1", false)
	tool.Press([2]float64{-3, 3}, false)
	tool.Release()
	got, ok := tool.TakeCommit()
	want := []engine.Point{{X: 1.23, Y: -2, Label: 1}, {X: -3, Y: 3, Label: -1}}
	if !ok || !slices.Equal(got, want) || tool.Pending() {
		t.Fatalf("two clicks: %v, %v; want %v applied", got, ok, want)
	}
	if _, again := tool.TakeCommit(); again {
		t.Fatal("one edit was applied twice")
	}

	// A drag of 3 plane units paints a point every PaintSpacing, and is
	// applied once, on release.
	tool.Press([2]float64{0, 0}, false)
	for x := 0.05; x <= 3; x += 0.05 {
		tool.Move([2]float64{x, 0})
		if _, ok := tool.TakeCommit(); ok {
			t.Fatal("a drag was applied before its release")
		}
	}
	tool.Release()
	got, ok = tool.TakeCommit()
	painted := len(got) - 2
	if wantN := 1 + int(math.Floor(3/PaintSpacing)); !ok || painted != wantN {
		t.Errorf("a drag of 3 painted %d points; want %d (one every %v)", painted, wantN, PaintSpacing)
	}
	for i := 3; i < len(got); i++ {
		if d := got[i].X - got[i-1].X; d < PaintSpacing-1e-9 {
			t.Errorf("painted points %v and %v are %v apart, less than %v", got[i-1], got[i], d, PaintSpacing)
		}
	}

	// The right button removes what is near, the eraser too.
	tool.Press([2]float64{1.5, 0.1}, true)
	tool.Move([2]float64{2, 0.1})
	tool.Release()
	got, _ = tool.TakeCommit()
	if len(got) >= painted+2 {
		t.Errorf("the right-button stroke removed nothing: %d points", len(got))
	}
	for _, p := range got {
		if d := segmentDistance([2]float64{p.X, p.Y}, [2]float64{1.5, 0.1}, [2]float64{2, 0.1}); d <= EraseRadius {
			t.Errorf("point %v, %v from the erased stroke, survived", p, d)
		}
	}
	tool.Command("erase", false)
	tool.Press([2]float64{-3, 3}, false)
	tool.Release()
	got, _ = tool.TakeCommit()
	if slices.Contains(got, engine.Point{X: -3, Y: 3, Label: -1}) {
		t.Error("the eraser left the point under it")
	}
}

func TestDrawToolKeyboard(t *testing.T) {
	tool := NewDrawTool()
	tool.On = true
	if tool.Keys {
		t.Error("the cursor shows before any key")
	}
	tool.MoveCursor(4, -2) // 4 steps right, 2 down
	if !tool.Keys {
		t.Error("the cursor does not show after a key")
	}
	tool.AddAtCursor()
	tool.MoveCursor(-100, 100) // stops at the plane's corner
	tool.AddAtCursor()
	got, ok := tool.TakeCommit()
	want := []engine.Point{{X: 1, Y: -0.5, Label: 1}, {X: -engine.PlaneExtent, Y: engine.PlaneExtent, Label: 1}}
	if !ok || !slices.Equal(got, want) {
		t.Fatalf("keyboard points %v; want %v", got, want)
	}
	tool.RemoveAtCursor()
	got, _ = tool.TakeCommit()
	if len(got) != 0 {
		// One point left: nothing applied, the draft pending.
		t.Errorf("remove at the cursor applied %v", got)
	}
	if d := tool.Draft(); len(d) != 1 || d[0] != want[0] || !tool.Pending() {
		t.Errorf("after removing at the cursor the draft is %v, pending %v", d, tool.Pending())
	}
}

func TestDrawToolLimitsAndCommands(t *testing.T) {
	tool := NewDrawTool()
	many := make([]engine.Point, engine.MaxPoints)
	tool.Replace(many)
	tool.TakeCommit()
	tool.Press([2]float64{1, 1}, false)
	tool.Release()
	if got, _ := tool.TakeCommit(); len(got) != engine.MaxPoints || !tool.Full {
		t.Errorf("an add past MaxPoints: %d points, full %v", len(got), tool.Full)
	}
	// Sync takes the runs' points, dropping a draft that waits.
	tool.Clear()
	tool.TakeCommit()
	if !tool.Pending() {
		t.Error("a cleared draft is not pending")
	}
	runs := []engine.Point{{X: 5, Y: 5, Label: 1}, {X: -5, Y: -5, Label: -1}}
	tool.Sync(runs)
	if !slices.Equal(tool.Draft(), runs) || tool.Pending() {
		t.Errorf("Sync: %v, pending %v; want the runs' points %v", tool.Draft(), tool.Pending(), runs)
	}
	runs[0].X = 0
	if tool.Draft()[0].X != 5 {
		t.Error("the draft shares the runs' points")
	}

	for _, tc := range []struct {
		arg        string
		regression bool
		ok         bool
		label      float64
		action     string
	}{
		{"label=-1", false, true, -1, ""},
		{"label=0.5", false, false, -1, ""},
		{"label=0.456", true, true, 0.46, ""},
		{"label=2", true, false, 0.46, ""},
		{"label=NaN", true, false, 0.46, ""},
		{"sideways", false, false, 0.46, ""},
		{"clear", false, true, 0.46, DrawClear},
		{"copy", false, true, 0.46, DrawCopy},
	} {
		action, err := tool.Command(tc.arg, tc.regression)
		if (err == nil) != tc.ok || tool.Label != tc.label || action != tc.action {
			t.Errorf("Command(%q): %q, %v, label %v; want ok %v, label %v, action %q", tc.arg, action, err, tool.Label, tc.ok, tc.label, tc.action)
		}
	}
	s := DrawSettings{}
	for _, arg := range []string{"on", "erase"} {
		s.Command(arg, false)
	}
	if !s.On || !s.Erase {
		t.Errorf("on, erase: %+v", s)
	}
	s.Command("paint", false)
	s.Command("off", false)
	if s.On || s.Erase {
		t.Errorf("paint, off: %+v", s)
	}
	tool.Fit(false)
	if tool.Label != 1 {
		t.Errorf("Fit(classification) of 0.46 gave %v", tool.Label)
	}
	tool.Label = -0.2
	tool.Fit(false)
	if tool.Label != -1 || math.Signbit(1) {
		t.Errorf("Fit(classification) of -0.2 gave %v", tool.Label)
	}
}

// Edits changes with every change but an append, so a drawing of the
// draft can add the new points alone.
func TestDrawToolEdits(t *testing.T) {
	tool := NewDrawTool()
	e := tool.Edits()
	tool.Press([2]float64{0, 0}, false)
	tool.Move([2]float64{2, 0})
	tool.Release()
	if tool.Edits() != e || len(tool.Draft()) < 2 {
		t.Errorf("painting: edits %d → %d, %d points", e, tool.Edits(), len(tool.Draft()))
	}
	tool.Press([2]float64{5, 5}, true) // erases nothing there
	tool.Release()
	if tool.Edits() != e {
		t.Error("an erase that removed nothing counts as an edit")
	}
	for _, tc := range []struct {
		name string
		edit func()
	}{
		{"erase", func() { tool.Press([2]float64{0, 0}, true); tool.Release() }},
		{"clear", tool.Clear},
		{"sync", func() { tool.Sync([]engine.Point{{X: 1}}) }},
		{"replace", func() { tool.Replace([]engine.Point{{X: 2}}) }},
	} {
		tool.Replace([]engine.Point{{X: 0}, {X: 3}})
		before := tool.Edits()
		tc.edit()
		if tool.Edits() == before {
			t.Errorf("%s did not count as an edit", tc.name)
		}
	}
}
