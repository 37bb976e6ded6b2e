package scenes

import (
	"image/color"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/scenes/anim"
)

// triBatch collects coloured triangles (lines, curves, discs, rings) and
// draws them with one DrawTriangles: a panel's hundreds of edges and units
// cost one call into ebiten rather than one each. Every vertex samples the
// same white pixel, so a batch never breaks ebiten's own batching either.
type triBatch struct {
	vs  []ebiten.Vertex
	is  []uint16
	pts []anim.Point // a curve's chords
}

// maxBatchVertices keeps indices within uint16.
const maxBatchVertices = 60000

func (b *triBatch) reset() { b.vs, b.is = b.vs[:0], b.is[:0] }

// flush draws what was collected and empties the batch.
func (b *triBatch) flush(dst *ebiten.Image) {
	if len(b.is) > 0 {
		dst.DrawTriangles(b.vs, b.is, white, &ebiten.DrawTrianglesOptions{AntiAlias: aa})
	}
	b.reset()
}

// grow makes room for nv more vertices and ni more indices (within one
// batch's worth) in one allocation each, for a caller that knows how much
// it will add: the page's first layout copied its 500 points' meshes into
// a batch grown by append, which cost it ~28 ms of wasm in a profile.
func (b *triBatch) grow(nv, ni int) {
	if nv > maxBatchVertices { // the batch flushes, and reuses its room
		ni = ni * maxBatchVertices / nv
		nv = maxBatchVertices
	}
	b.vs = slices.Grow(b.vs, nv)
	b.is = slices.Grow(b.is, ni)
}

// room flushes first when n more vertices would not fit.
func (b *triBatch) room(dst *ebiten.Image, n int) {
	if len(b.vs)+n > maxBatchVertices {
		b.flush(dst)
	}
}

func (b *triBatch) vertex(x, y float32, r, g, bl, a float32) {
	b.vs = append(b.vs, whiteVertex(x, y, r, g, bl, a))
}

// whiteVertex is a vertex at (x, y) sampling the white source pixel at
// (1, 1), painted (r, g, b, a) in straight alpha (vcolor).
func whiteVertex(x, y float32, r, g, b, a float32) ebiten.Vertex {
	return ebiten.Vertex{DstX: x, DstY: y, SrcX: 1, SrcY: 1, ColorR: r, ColorG: g, ColorB: b, ColorA: a}
}

// vcolor returns col as a vertex colour: straight alpha, DrawTriangles'
// default ColorScaleMode.
func vcolor(col color.NRGBA) (r, g, b, a float32) {
	return float32(col.R) / 255, float32(col.G) / 255, float32(col.B) / 255, float32(col.A) / 255
}

// line adds a straight stroke from (x0, y0) to (x1, y1) with butt ends, as
// vector.StrokeLine draws it.
func (b *triBatch) line(dst *ebiten.Image, x0, y0, x1, y1, width float32, col color.NRGBA) {
	dx, dy := x1-x0, y1-y0
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 || width <= 0 || col.A == 0 {
		return
	}
	b.room(dst, 4)
	nx, ny := -dy/l*width/2, dx/l*width/2
	r, g, bl, a := vcolor(col)
	o := uint16(len(b.vs))
	b.vertex(x0+nx, y0+ny, r, g, bl, a)
	b.vertex(x1+nx, y1+ny, r, g, bl, a)
	b.vertex(x1-nx, y1-ny, r, g, bl, a)
	b.vertex(x0-nx, y0-ny, r, g, bl, a)
	b.is = append(b.is, o, o+1, o+2, o, o+2, o+3)
}

// curve adds a stroke along the quadratic Bézier e: flattened into
// curveSegments chords and laid as a strip, no path built.
func (b *triBatch) curve(dst *ebiten.Image, e anim.EdgePath, width float32, col color.NRGBA) {
	n := curveSegments(e)
	b.pts = b.pts[:0]
	for k := range n + 1 {
		b.pts = append(b.pts, e.At(float64(k)/float64(n)))
	}
	b.strip(dst, b.pts, float64(width), col)
}

// strip adds a stroke of width w along the polyline pts (appendStrip). A
// polyline longer than stripMost points goes in parts that share their end
// points, so each fits the batch.
func (b *triBatch) strip(dst *ebiten.Image, pts []anim.Point, w float64, col color.NRGBA) {
	for len(pts) > stripMost {
		b.strip(dst, pts[:stripMost], w, col)
		pts = pts[stripMost-1:]
	}
	b.room(dst, 4*len(pts)) // at most 4 vertices a point (bevels)
	b.vs, b.is = appendStrip(b.vs, b.is, pts, w, col)
}

// stripMost is the most points strip lays in one part.
const stripMost = 4096

// mesh adds the triangles (mv, mi) moved by at and painted col
// (appendMesh).
func (b *triBatch) mesh(dst *ebiten.Image, mv []ebiten.Vertex, mi []uint16, at anim.Point, col color.NRGBA) {
	b.room(dst, len(mv))
	b.vs, b.is = appendMesh(b.vs, b.is, mv, mi, at, col)
}

// curveSegments is how many chords flatten e within curveTolerance: a
// chord over a parameter step of 1/n strays at most |A − 2C + B| / (4n²)
// from a quadratic Bézier, so n = ⌈√(|A − 2C + B| / (4 tol))⌉, 1 for a
// straight edge, at most 64.
func curveSegments(e anim.EdgePath) int {
	bend := math.Hypot(e.A.X-2*e.Ctrl.X+e.B.X, e.A.Y-2*e.Ctrl.Y+e.B.Y)
	return int(anim.Clamp(math.Ceil(math.Sqrt(bend/(4*curveTolerance))), 1, 64))
}

// curveTolerance is how far, in pixels, a flattened curve may stray from
// the curve.
const curveTolerance = 0.1

// segments is how many sides a circle of radius r gets: round to the eye
// at any size, few for small dots.
func segments(r float32) int {
	return int(anim.Clamp(float64(r)*1.2, 10, 64))
}

// disc adds a filled circle.
func (b *triBatch) disc(dst *ebiten.Image, cx, cy, rad float32, col color.NRGBA) {
	if rad <= 0 || col.A == 0 {
		return
	}
	n := segments(rad)
	b.room(dst, n+1)
	r, g, bl, a := vcolor(col)
	o := uint16(len(b.vs))
	b.vertex(cx, cy, r, g, bl, a)
	for k := range n {
		s, c := math.Sincos(2 * math.Pi * float64(k) / float64(n))
		b.vertex(cx+rad*float32(c), cy+rad*float32(s), r, g, bl, a)
	}
	for k := range n {
		b.is = append(b.is, o, o+1+uint16(k), o+1+uint16((k+1)%n))
	}
}

// ring adds a circle stroked with width w, centred on radius rad (as
// vector.StrokeCircle draws it).
func (b *triBatch) ring(dst *ebiten.Image, cx, cy, rad, w float32, col color.NRGBA) {
	if rad <= 0 || w <= 0 || col.A == 0 {
		return
	}
	n := segments(rad + w/2)
	b.room(dst, 2*n)
	r, g, bl, a := vcolor(col)
	o := uint16(len(b.vs))
	in, out := max(0, rad-w/2), rad+w/2
	for k := range n {
		s, c := math.Sincos(2 * math.Pi * float64(k) / float64(n))
		b.vertex(cx+in*float32(c), cy+in*float32(s), r, g, bl, a)
		b.vertex(cx+out*float32(c), cy+out*float32(s), r, g, bl, a)
	}
	for k := range n {
		i0, o0 := o+uint16(2*k), o+uint16(2*k+1)
		i1, o1 := o+uint16(2*((k+1)%n)), o+uint16(2*((k+1)%n)+1)
		b.is = append(b.is, i0, o0, o1, i0, o1, i1)
	}
}

// rect adds a filled axis-aligned rectangle.
func (b *triBatch) rect(dst *ebiten.Image, x, y, w, h float32, col color.NRGBA) {
	if w <= 0 || h <= 0 || col.A == 0 {
		return
	}
	b.room(dst, 4)
	r, g, bl, a := vcolor(col)
	o := uint16(len(b.vs))
	b.vertex(x, y, r, g, bl, a)
	b.vertex(x+w, y, r, g, bl, a)
	b.vertex(x+w, y+h, r, g, bl, a)
	b.vertex(x, y+h, r, g, bl, a)
	b.is = append(b.is, o, o+1, o+2, o, o+2, o+3)
}

// strokeRect adds a rectangle's outline of width w, centred on its edges.
func (b *triBatch) strokeRect(dst *ebiten.Image, x, y, w, h, sw float32, col color.NRGBA) {
	hw := sw / 2
	b.rect(dst, x-hw, y-hw, w+sw, sw, col)
	b.rect(dst, x-hw, y+h-hw, w+sw, sw, col)
	b.rect(dst, x-hw, y+hw, sw, h-sw, col)
	b.rect(dst, x+w-hw, y+hw, sw, h-sw, col)
}
