package anim

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"propagate/engine"
)

// DrawTool is the compare scene's draw tool: what presses, drags and keys
// on the output plane do to a draft of the user's own points. It is plain
// logic in plane units ([−6, 6]², y up); the scene turns pixels and
// devices into these calls, and the page applies a committed draft as the
// custom dataset (both runs restart on it from the same initial weights).
// The tool outlives the scenes it is handed to, so a rebuild keeps it.
type DrawTool struct {
	DrawSettings
	Cursor [2]float64 // the keyboard cursor, in plane units
	Keys   bool       // the keyboard has moved or used the cursor (it is drawn from then on)
	Full   bool       // the last add was refused: the draft holds engine.MaxPoints

	draft    []engine.Point
	edits    int  // bumped by every change of the draft but an append
	dirty    bool // the draft differs from the runs' points
	commit   bool // an edit ended: apply the draft if it can be
	pressed  bool
	removing bool       // the current press removes (eraser, right button)
	last     [2]float64 // where the current press last painted
}

// DrawSettings are the draw tool's settings, which the page's panel sets.
type DrawSettings struct {
	On    bool    `json:"on"`    // presses on the plane edit points
	Erase bool    `json:"erase"` // presses remove points instead of adding them
	Label float64 `json:"label"` // label of added points: ±1 (classification) or a value in [−1, 1] (regression)
}

// Draw tool geometry, in plane units.
const (
	PaintSpacing = 0.35 // between the points one drag paints
	EraseRadius  = 0.45 // a removal takes the points this near
	CursorStep   = 0.25 // one arrow key; Shift moves 4 steps
)

// NewDrawTool is a tool that is off and adds points of class +1.
func NewDrawTool() *DrawTool { return &DrawTool{DrawSettings: DrawSettings{Label: 1}} }

// Set takes the page's settings; turning the tool off ends a press.
func (t *DrawTool) Set(s DrawSettings) {
	if !s.On {
		t.Release()
	}
	t.DrawSettings = s
}

// Sync makes the draft the runs' points: the page calls it whenever it
// builds the runs anew, so the draft is never older than the data (a draft
// of fewer than engine.MinPoints, waiting, is dropped then).
func (t *DrawTool) Sync(points []engine.Point) {
	t.edits++
	t.draft = append(t.draft[:0], points...)
	t.dirty, t.commit, t.Full = false, false, false
}

// Draft is the points as drawn so far (read-only).
func (t *DrawTool) Draft() []engine.Point { return t.draft }

// Edits counts the changes to the draft other than points appended: while
// it stays the same, a longer draft is the shorter one with points added
// (a drawing of it can be brought up to date by drawing the new ones).
func (t *DrawTool) Edits() int { return t.edits }

// Pending reports whether the draft differs from the runs' data: it has
// fewer than engine.MinPoints points, so it cannot be applied yet.
func (t *DrawTool) Pending() bool { return t.dirty }

// TakeCommit returns the draft to apply, once per finished edit, when it
// has at least engine.MinPoints points.
func (t *DrawTool) TakeCommit() ([]engine.Point, bool) {
	if !t.commit {
		return nil, false
	}
	t.commit = false
	if len(t.draft) < engine.MinPoints {
		return nil, false
	}
	t.dirty = false
	return append([]engine.Point(nil), t.draft...), true
}

// Press starts a press at p: it adds a point there, or removes the points
// near it when remove is set (the right button) or the eraser is on.
func (t *DrawTool) Press(p [2]float64, remove bool) {
	t.pressed, t.removing, t.last = true, remove || t.Erase, p
	t.apply(p)
}

// Move follows a press: a drag paints (or erases) along the way, a point
// every PaintSpacing.
func (t *DrawTool) Move(p [2]float64) {
	if !t.pressed {
		return
	}
	if t.removing {
		t.erase(t.last, p)
		t.last = p
		return
	}
	// A fast pointer jumps: paint along the segment, not only where it lands.
	for d := math.Hypot(p[0]-t.last[0], p[1]-t.last[1]); d >= PaintSpacing; d -= PaintSpacing {
		f := PaintSpacing / d
		t.last = [2]float64{t.last[0] + float64(f*(p[0]-t.last[0])), t.last[1] + float64(f*(p[1]-t.last[1]))} // float64: no fused multiply-add
		t.apply(t.last)
	}
}

// Release ends a press; the edit is then applied.
func (t *DrawTool) Release() {
	if t.pressed {
		t.pressed = false
		t.commit = true
	}
}

// Pressed reports whether a press is under way.
func (t *DrawTool) Pressed() bool { return t.pressed }

// MoveCursor moves the keyboard cursor by (dx, dy) steps, within the plane.
func (t *DrawTool) MoveCursor(dx, dy float64) {
	t.Keys = true
	for i, d := range [2]float64{dx, dy} {
		t.Cursor[i] = inPlane(t.Cursor[i] + d*CursorStep)
	}
}

// AddAtCursor and RemoveAtCursor are a key's press and release at the
// cursor: the keyboard's click.
func (t *DrawTool) AddAtCursor() {
	t.Keys = true
	t.Press(t.Cursor, false)
	t.Release()
}

func (t *DrawTool) RemoveAtCursor() {
	t.Keys = true
	t.Press(t.Cursor, true)
	t.Release()
}

// Clear removes every point; the runs keep their data until new points
// are drawn.
func (t *DrawTool) Clear() {
	t.edits++
	t.draft, t.dirty, t.Full = t.draft[:0], true, false
	t.commit = true
}

// Replace makes points the draft and applies them (copy a dataset, load a
// file).
func (t *DrawTool) Replace(points []engine.Point) {
	t.edits++
	t.draft = append(t.draft[:0], points...)
	t.dirty, t.commit, t.Full = true, true, false
}

func (t *DrawTool) apply(p [2]float64) {
	t.dirty = true
	if t.removing {
		t.erase(p, p)
		return
	}
	if len(t.draft) >= engine.MaxPoints {
		t.Full = true
		return
	}
	t.draft = append(t.draft, engine.Point{
		X:     inPlane(p[0]),
		Y:     inPlane(p[1]),
		Label: t.Label,
	})
}

// erase removes the points within EraseRadius of the segment a–b.
func (t *DrawTool) erase(a, b [2]float64) {
	t.dirty = true
	n := len(t.draft)
	defer func() {
		if len(t.draft) != n {
			t.edits++
		}
	}()
	kept := t.draft[:0]
	for _, q := range t.draft {
		if segmentDistance([2]float64{q.X, q.Y}, a, b) > EraseRadius {
			kept = append(kept, q)
		}
	}
	t.draft = kept
	t.Full = false
}

// segmentDistance is the distance from p to the segment a–b.
func segmentDistance(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	u := 0.0
	if l2 := float64(dx*dx) + float64(dy*dy); l2 > 0 {
		u = min(max((float64((p[0]-a[0])*dx)+float64((p[1]-a[1])*dy))/l2, 0), 1)
	}
	return math.Hypot(p[0]-(a[0]+float64(u*dx)), p[1]-(a[1]+float64(u*dy)))
}

// Draw tool actions the page asks for that need the runs or the draft.
const (
	DrawClear = "clear" // remove every point
	DrawCopy  = "copy"  // the current dataset becomes the draft
)

// Command applies one of the page's draw commands: "on", "off", "paint",
// "erase", "label=V" (V is −1 or 1, or a value in [−1, 1] when regression)
// change the settings; "clear" and "copy" are returned as the action the
// game takes on the tool.
func (s *DrawSettings) Command(arg string, regression bool) (action string, err error) {
	switch arg {
	case "on":
		s.On = true
	case "off":
		s.On = false
	case "paint":
		s.Erase = false
	case "erase":
		s.Erase = true
	case DrawClear, DrawCopy:
		return arg, nil
	default:
		v, ok := strings.CutPrefix(arg, "label=")
		f, err := strconv.ParseFloat(v, 64)
		switch {
		case !ok:
			return "", fmt.Errorf("draw: want on, off, paint, erase, clear, copy or label=V; got %q", arg)
		case err != nil || math.IsNaN(f) || math.Abs(f) > 1:
			return "", fmt.Errorf("draw: label %q is not a number in [−1, 1]", v)
		case !regression && f != 1 && f != -1:
			return "", fmt.Errorf("draw: label %q is not −1 or 1 (classification)", v)
		}
		s.Label = roundHundredths(f)
	}
	return "", nil
}

// Fit makes the label one the problem accepts: a classification label is
// its sign (+1 for 0).
func (s *DrawSettings) Fit(regression bool) {
	if !regression && s.Label != 1 && s.Label != -1 {
		s.Label = math.Copysign(1, s.Label+0) // 0 and −0 give +1
	}
}

func roundHundredths(v float64) float64 { return engine.RoundPointValue(v) }

// inPlane is v rounded as a point's coordinate and kept in the plane.
func inPlane(v float64) float64 {
	return min(max(roundHundredths(v), -engine.PlaneExtent), engine.PlaneExtent)
}
