package scenes

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"propagate/scenes/anim"
)

// The small in-canvas controls of the lesson scenes (neuron, equivalence):
// a slider and a toggle, driven by a Pointer so tests move them without a
// mouse.

// Pointer is the mouse or a finger in one tick, in screen pixels.
type Pointer struct {
	At       anim.Point
	Has      bool
	Down     bool // held this tick
	Released bool // let go this tick (a click or tap ends)
}

// ReadPointer reads this tick's pointer; scale is unused (the game lays out
// at device pixels, as ebiten reports the cursor) and kept for symmetry
// with ReadIntents.
func ReadPointer() Pointer {
	x, y := ebiten.CursorPosition()
	p := Pointer{At: anim.Point{X: float64(x), Y: float64(y)}, Has: true}
	p.Down = ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)
	p.Released = inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft)
	for _, id := range ebiten.AppendTouchIDs(nil) {
		tx, ty := ebiten.TouchPosition(id)
		p.At, p.Down = anim.Point{X: float64(tx), Y: float64(ty)}, true
	}
	touchIDs = inpututil.AppendJustReleasedTouchIDs(touchIDs[:0])
	for _, id := range touchIDs {
		tx, ty := inpututil.TouchPositionInPreviousTick(id)
		p.At, p.Released = anim.Point{X: float64(tx), Y: float64(ty)}, true
	}
	return p
}

// Slider is a horizontal slider over [0, 1]; the scene maps the fraction to
// its quantity. Track is set by the layout; a press on the track or knob
// starts a drag.
type Slider struct {
	Track    anim.Rect
	Frac     float64
	dragging bool
}

// Update follows the pointer and reports whether the value changed.
func (s *Slider) Update(p Pointer) bool {
	if !p.Has {
		return false
	}
	grab := s.Track
	grab.Min.Y -= s.Track.Dy()
	grab.Max.Y += s.Track.Dy()
	if p.Down && !s.dragging && grab.In(p.At) {
		s.dragging = true
	}
	if !s.dragging {
		return false
	}
	if !p.Down {
		s.dragging = false
	}
	f := 0.0
	if s.Track.Dx() > 0 {
		f = anim.Clamp((p.At.X-s.Track.Min.X)/s.Track.Dx(), 0, 1)
	}
	changed := f != s.Frac
	s.Frac = f
	return changed
}

// Knob is the centre of the slider's knob.
func (s *Slider) Knob() anim.Point {
	return anim.Point{X: s.Track.Min.X + s.Frac*s.Track.Dx(), Y: (s.Track.Min.Y + s.Track.Max.Y) / 2}
}

// Clicked reports whether p ends a click inside r.
func Clicked(p Pointer, r anim.Rect) bool { return p.Has && p.Released && r.In(p.At) }

// drawSlider draws the track, the filled part and the knob.
func drawSlider(dst *ebiten.Image, s *Slider, scale float64, col color.NRGBA) {
	cy := float32((s.Track.Min.Y + s.Track.Max.Y) / 2)
	x0, x1 := float32(s.Track.Min.X), float32(s.Track.Max.X)
	vector.StrokeLine(dst, x0, cy, x1, cy, float32(3*scale), anim.GridLine, false)
	k := s.Knob()
	vector.DrawFilledCircle(dst, float32(k.X), float32(k.Y), float32(math.Max(6, s.Track.Dy()/2)), col, false)
	vector.StrokeCircle(dst, float32(k.X), float32(k.Y), float32(math.Max(6, s.Track.Dy()/2)), float32(1.5*scale), anim.TextStrong, false)
}

// drawButton draws a labelled button, brighter under the pointer.
func drawButton(dst *ebiten.Image, r anim.Rect, label string, size float64, p Pointer, on bool) {
	bg := anim.PanelBorder
	if p.Has && r.In(p.At) {
		bg = anim.GridLine
	}
	fillRect(dst, r, bg)
	if on {
		vector.StrokeRect(dst, float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy()), 1.5, anim.OIYellow, false)
	}
	drawText(dst, label, anim.Point{X: (r.Min.X + r.Max.X) / 2, Y: r.Min.Y + (r.Dy()-anim.LineHeight(size))/2}, size, false, anim.TextStrong, false, alignCenter)
}

// strokePolyline strokes a polyline with round joins.
func strokePolyline(dst *ebiten.Image, pts []anim.Point, width float64, col color.NRGBA) {
	if len(pts) < 2 {
		return
	}
	if white == nil {
		white = whitePixel()
	}
	var path vector.Path
	path.MoveTo(float32(pts[0].X), float32(pts[0].Y))
	for _, p := range pts[1:] {
		path.LineTo(float32(p.X), float32(p.Y))
	}
	op := &vector.StrokeOptions{Width: float32(width), LineJoin: vector.LineJoinRound, LineCap: vector.LineCapRound}
	vs, is := path.AppendVerticesAndIndicesForStroke(nil, nil, op)
	r, g, b, a := float32(col.R)/255, float32(col.G)/255, float32(col.B)/255, float32(col.A)/255
	for j := range vs {
		vs[j].SrcX, vs[j].SrcY = 1, 1
		vs[j].ColorR, vs[j].ColorG, vs[j].ColorB, vs[j].ColorA = r, g, b, a
	}
	dst.DrawTriangles(vs, is, white, &ebiten.DrawTrianglesOptions{})
}

// PolyAt is the point a fraction f (0..1, clamped) along the polyline pts,
// by arc length.
func PolyAt(pts []anim.Point, f float64) anim.Point {
	if len(pts) == 0 {
		return anim.Point{}
	}
	total := PolyLength(pts)
	if total == 0 {
		return pts[0]
	}
	want := anim.Clamp(f, 0, 1) * total
	for i := 1; i < len(pts); i++ {
		d := math.Hypot(pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y)
		if want <= d && d > 0 {
			t := want / d
			return anim.Point{X: pts[i-1].X + t*(pts[i].X-pts[i-1].X), Y: pts[i-1].Y + t*(pts[i].Y-pts[i-1].Y)}
		}
		want -= d
	}
	return pts[len(pts)-1]
}

// PolyLength is the length of a polyline.
func PolyLength(pts []anim.Point) float64 {
	l := 0.0
	for i := 1; i < len(pts); i++ {
		l += math.Hypot(pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y)
	}
	return l
}

// polyPrefix returns the part of pts from its start to fraction f.
func polyPrefix(pts []anim.Point, f float64, dst []anim.Point) []anim.Point {
	dst = dst[:0]
	if len(pts) == 0 {
		return dst
	}
	total := PolyLength(pts)
	want := anim.Clamp(f, 0, 1) * total
	dst = append(dst, pts[0])
	for i := 1; i < len(pts); i++ {
		d := math.Hypot(pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y)
		if want <= d {
			if d > 0 {
				t := want / d
				dst = append(dst, anim.Point{X: pts[i-1].X + t*(pts[i].X-pts[i-1].X), Y: pts[i-1].Y + t*(pts[i].Y-pts[i-1].Y)})
			}
			return dst
		}
		want -= d
		dst = append(dst, pts[i])
	}
	return dst
}

// DeviceScale is the device scale factor (device pixels per CSS pixel), 1
// when unknown.
func DeviceScale() float64 {
	s := ebiten.Monitor().DeviceScaleFactor()
	if s <= 0 {
		return 1
	}
	return s
}
