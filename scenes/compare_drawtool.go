package scenes

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"propagate/engine"
	"propagate/scenes/anim"
)

// The draw tool on the compare scene's output planes: this file turns the
// mouse, touch and keys into anim.DrawTool calls and draws the draft and
// the cursor. The tool (its logic, tested without a screen, is in
// scenes/anim/drawtool.go) belongs to the page, which applies its drafts.

// Drawer is a scene whose output plane the draw tool edits.
type Drawer interface {
	SetDrawTool(t *anim.DrawTool)
	// Planes are the output planes the tool draws on, in screen pixels;
	// none when the data are not points in the plane.
	Planes() []anim.Rect
}

// Planes are the compare scene's output planes, left first.
func (c *Compare) Planes() []anim.Rect {
	if !c.planeData() || c.draw.scale == 0 {
		return nil
	}
	var out []anim.Rect
	for i := range min(2, len(c.runs), len(c.draw.lay.Panels)) {
		if pl := c.draw.lay.Panels[i].Plane; pl.Dx() > 0 {
			out = append(out, pl)
		}
	}
	return out
}

// drawToolState is the compare scene's side of the tool: which plane and
// finger a press is on.
type drawToolState struct {
	tool  *anim.DrawTool
	panel int // the plane a press started on
	touch int // the finger pressing, −1 for the mouse

	// The draft drawn at the planes' size, brought up to date in Update
	// (Draw only reads): all of it anew after an edit, only the new points
	// after a stroke added some.
	img   *ebiten.Image
	edits int // the tool's Edits when img was drawn
	drawn int // points img shows
}

// SetDrawTool hands the scene the page's draw tool (nil: none).
func (c *Compare) SetDrawTool(t *anim.DrawTool) { c.dt.tool = t }

// planeAt is the plane point under screen pixel p, and which plane it is
// on; clamp keeps a drag that leaves the plane at its edge.
func (c *Compare) planeAt(p anim.Point, clamp bool, panel int) ([2]float64, int) {
	for i := range min(2, len(c.runs), len(c.draw.lay.Panels)) {
		pl := c.draw.lay.Panels[i].Plane
		if pl.Dx() <= 0 || pl.Dy() <= 0 || !(pl.In(p) || clamp && i == panel) {
			continue
		}
		u := anim.Clamp((p.X-pl.Min.X)/pl.Dx(), 0, 1)
		v := anim.Clamp((pl.Max.Y-p.Y)/pl.Dy(), 0, 1)
		return [2]float64{(2*u - 1) * engine.PlaneExtent, (2*v - 1) * engine.PlaneExtent}, i
	}
	return [2]float64{}, -1
}

var drawTouchIDs []ebiten.TouchID

// drawInput feeds the draw tool this tick's input and returns the intents
// it did not take: a click or tap on a plane, and the arrow keys, are the
// tool's while it is on.
func (c *Compare) drawInput(in Intents) Intents {
	t := c.dt.tool
	if t == nil || !c.planeData() || c.draw.scale == 0 {
		return in
	}
	defer c.drawDraftImage()
	if !t.On {
		c.dt.panel = -1
		return in
	}
	// Mouse: the left button adds (or erases with the eraser), the right
	// removes; a drag paints.
	x, y := ebiten.CursorPosition()
	p := anim.Point{X: float64(x), Y: float64(y)}
	for _, b := range []ebiten.MouseButton{ebiten.MouseButtonLeft, ebiten.MouseButtonRight} {
		if !t.Pressed() && inpututil.IsMouseButtonJustPressed(b) {
			if q, i := c.planeAt(p, false, -1); i >= 0 {
				t.Press(q, b == ebiten.MouseButtonRight)
				c.dt.panel, c.dt.touch = i, -1
			}
		}
	}
	// Touch: the first finger down on a plane.
	if !t.Pressed() {
		drawTouchIDs = inpututil.AppendJustPressedTouchIDs(drawTouchIDs[:0])
		for _, id := range drawTouchIDs {
			tx, ty := ebiten.TouchPosition(id)
			if q, i := c.planeAt(anim.Point{X: float64(tx), Y: float64(ty)}, false, -1); i >= 0 {
				t.Press(q, false)
				c.dt.panel, c.dt.touch = i, int(id)
				break
			}
		}
	}
	if t.Pressed() {
		if c.dt.touch >= 0 {
			id := ebiten.TouchID(c.dt.touch)
			if inpututil.IsTouchJustReleased(id) {
				t.Release()
			} else {
				tx, ty := ebiten.TouchPosition(id)
				p = anim.Point{X: float64(tx), Y: float64(ty)}
			}
		} else if !ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft) && !ebiten.IsMouseButtonPressed(ebiten.MouseButtonRight) {
			t.Release()
		}
		if t.Pressed() {
			if q, i := c.planeAt(p, true, c.dt.panel); i >= 0 {
				t.Move(q)
			}
		}
		in.Click = false
	}
	if in.Click {
		if _, i := c.planeAt(in.Pointer, false, -1); i >= 0 {
			in.Click = false // the press already drew
		}
	}

	// Keys (the canvas has the focus): arrows move the cursor, Shift four
	// times as far; Enter adds at the cursor, Delete or Backspace removes.
	step := 1.0
	if ebiten.IsKeyPressed(ebiten.KeyShift) {
		step = 4
	}
	for _, k := range []struct {
		key    ebiten.Key
		dx, dy float64
	}{{ebiten.KeyArrowLeft, -1, 0}, {ebiten.KeyArrowRight, 1, 0}, {ebiten.KeyArrowUp, 0, 1}, {ebiten.KeyArrowDown, 0, -1}} {
		if keyRepeats(k.key) {
			t.MoveCursor(k.dx*step, k.dy*step)
		}
	}
	in.NextPhase = false // → is the cursor's now; N still steps
	if inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyNumpadEnter) {
		t.AddAtCursor()
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyDelete) || inpututil.IsKeyJustPressed(ebiten.KeyBackspace) {
		t.RemoveAtCursor()
	}
	return in
}

// drawDraftImage brings the drawing of the draft up to date: every point,
// test points too, in one batch of triangles.
func (c *Compare) drawDraftImage() {
	t, d, dt := c.dt.tool, &c.draw, &c.dt
	if len(d.lay.Panels) == 0 || d.lay.Panels[0].Plane.Dx() <= 0 {
		return
	}
	pl := d.lay.Panels[0].Plane
	w, h := int(math.Ceil(pl.Dx())), int(math.Ceil(pl.Dy()))
	draft := t.Draft()
	fresh := dt.img == nil || dt.img.Bounds().Dx() != w || dt.img.Bounds().Dy() != h || dt.edits != t.Edits() || dt.drawn > len(draft)
	if !fresh && dt.drawn == len(draft) {
		return
	}
	if fresh {
		if dt.img != nil {
			dt.img.Deallocate()
		}
		dt.img = ebiten.NewImage(w, h)
		dt.drawn, dt.edits = 0, t.Edits()
	}
	local := anim.Rect{Max: anim.Point{X: pl.Dx(), Y: pl.Dy()}}
	regression := len(c.runs) > 0 && c.runs[0].View().Regression()
	r := float32(math.Max(2.2, 3.2*d.scale*math.Min(1, pl.Dx()/220)))
	ring := color.NRGBA{0xff, 0xff, 0xff, 0xe0}
	bt := &d.batch
	bt.reset()
	for _, q := range draft[dt.drawn:] {
		sp := planePoint(local, [2]float64{q.X, q.Y})
		fill := anim.SignedColor(q.Label)
		if regression {
			fill = anim.Diverging(q.Label, -1, 1)
		}
		bt.disc(dt.img, float32(sp.X), float32(sp.Y), r, fill)
		bt.ring(dt.img, float32(sp.X), float32(sp.Y), r, float32(math.Max(1, d.scale)), ring)
	}
	bt.flush(dt.img)
	dt.drawn = len(draft)
}

// keyRepeats is a key's press, then its auto-repeat while held.
func keyRepeats(k ebiten.Key) bool {
	d := inpututil.KeyPressDuration(k)
	return d == 1 || d > 20 && d%4 == 0
}

// drawDrawTool draws, over each plane, the tool's state: a frame when it is
// on; the draft — every point, test points too — while it is on or differs
// from the runs' points (then dimming what the runs still learn); the
// keyboard cursor; and a line of help.
func (c *Compare) drawDrawTool(dst *ebiten.Image) {
	t := c.dt.tool
	if t == nil || !c.planeData() || !t.On && !t.Pending() {
		return
	}
	d := &c.draw
	regression := len(c.runs) > 0 && c.runs[0].View().Regression()
	for i := range min(2, len(c.runs), len(d.lay.Panels)) {
		pl := d.lay.Panels[i].Plane
		if pl.Dx() <= 0 {
			continue
		}
		if t.Pending() {
			fillRect(dst, pl, color.NRGBA{0x0b, 0x0f, 0x16, 0xc0})
		}
		if c.dt.img != nil && c.dt.drawn > 0 {
			op := &ebiten.DrawImageOptions{}
			op.GeoM.Translate(pl.Min.X, pl.Min.Y)
			dst.DrawImage(c.dt.img, op)
		}
		bt := &d.batch
		bt.reset()
		if t.On {
			w := float32(math.Max(1.5, 2*d.scale))
			bt.strokeRect(dst, float32(pl.Min.X)-w/2, float32(pl.Min.Y)-w/2, float32(pl.Dx())+w, float32(pl.Dy())+w, w, anim.WithAlpha(anim.Positive, 0.9))
			if t.Keys {
				cp := planePoint(pl, t.Cursor)
				s := float32(6 * d.scale)
				col := color.NRGBA{0xff, 0xff, 0xff, 0xff}
				bt.line(dst, float32(cp.X)-s, float32(cp.Y), float32(cp.X)+s, float32(cp.Y), w, col)
				bt.line(dst, float32(cp.X), float32(cp.Y)-s, float32(cp.X), float32(cp.Y)+s, w, col)
				bt.ring(dst, float32(cp.X), float32(cp.Y), float32(anim.EraseRadius/(2*engine.PlaneExtent)*pl.Dx()), 1, anim.WithAlpha(col, 0.5))
			}
		}
		bt.flush(dst)
		lab := d.lay.Panels[i].PlaneLabel
		if lab.Dx() > 0 && i == 0 {
			fillRect(dst, anim.Rect{Min: lab.Min, Max: anim.Point{X: lab.Max.X, Y: lab.Max.Y}}, anim.PanelFill)
			drawText(dst, drawHint(t, regression, lab.Dx(), d.lay.Text.Small), lab.Min, d.lay.Text.Small, false, anim.Positive, false)
		}
	}
}

// drawHint is the line under the left plane while the tool is on: the
// longest that fits.
func drawHint(t *anim.DrawTool, regression bool, width, size float64) string {
	var hints []string
	switch {
	case t.Full:
		hints = []string{fmt.Sprintf("%d points: the most; remove some", engine.MaxPoints), "full"}
	case t.Pending() && len(t.Draft()) < engine.MinPoints && !t.Pressed():
		hints = []string{fmt.Sprintf("%d drawn: at least %d start the runs", len(t.Draft()), engine.MinPoints), "draw 2 points"}
	case t.Erase:
		hints = []string{"eraser: click or drag removes points", "eraser"}
	default:
		what := "+1"
		if t.Label < 0 {
			what = "−1"
		}
		if regression {
			what = fmt.Sprintf("value %.2g", t.Label)
		}
		hints = []string{"click adds " + what + ", drag paints, right-click removes", "click adds " + what, what}
	}
	for _, h := range hints {
		if anim.TextWidth(h, size, false) <= width {
			return h
		}
	}
	return ""
}
