package scenes

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/scenes/anim"
)

// stripMiterLimit is how far, in half widths, a join's corner may reach
// from its point: a sharper turn (a spike in a noisy curve) is bevelled
// rather than drawn as a long needle.
const stripMiterLimit = 2

// appendStrip appends a stroke of width w along the polyline pts (screen
// pixels), painted col (straight alpha, as vcolor), to vs and is, as a
// triangle strip: at each point
// two vertices half the width out along the mean of the two segments'
// normals (a miter join), or, where the turn is too sharp for that
// (stripMiterLimit), two pairs square to each segment (a bevel). A chart's
// curve of n points costs 2n to 4n vertices this way, where vector.Path's
// stroke makes a quad and a join a segment, and no path is built.
// Repeated points are skipped; a polyline of one point (or one repeated)
// draws nothing. The caller keeps len(vs) + 4·len(pts) within the 16-bit
// indices (triBatch.strip does).
func appendStrip(vs []ebiten.Vertex, is []uint16, pts []anim.Point, w float64, col color.NRGBA) ([]ebiten.Vertex, []uint16) {
	r, g, b, ca := vcolor(col)
	vertex := func(x, y float64) ebiten.Vertex { return whiteVertex(float32(x), float32(y), r, g, b, ca) }
	// normal is the unit normal of the segment a → b, or false if a = b.
	normal := func(a, b anim.Point) (float64, float64, bool) {
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			return 0, 0, false
		}
		return -dy / l, dx / l, true
	}
	h := w / 2
	first := len(vs)
	// pair adds the vertices p ± (ox, oy) and joins them to the last pair
	// with two triangles.
	pair := func(p anim.Point, ox, oy float64) {
		n := uint16(len(vs))
		vs = append(vs, vertex(p.X+ox, p.Y+oy), vertex(p.X-ox, p.Y-oy))
		if len(vs)-first >= 4 {
			is = append(is, n-2, n-1, n, n-1, n+1, n)
		}
	}
	prev := -1 // index in pts of the last point emitted
	for i, p := range pts {
		if prev >= 0 && pts[prev] == p {
			continue
		}
		// The normals of the segments in and out of p (repeats skipped).
		nx, ny, inOK := 0.0, 0.0, false
		if prev >= 0 {
			nx, ny, inOK = normal(pts[prev], p)
		}
		next := i + 1
		for next < len(pts) && pts[next] == p {
			next++
		}
		mx, my, outOK := 0.0, 0.0, false
		if next < len(pts) {
			mx, my, outOK = normal(p, pts[next])
		}
		switch {
		case inOK && outOK:
			bx, by := nx+mx, ny+my
			bl := math.Hypot(bx, by)
			// The miter's reach is h / cos(half the turn).
			if c := (bx*nx + by*ny) / math.Max(bl, 1e-12); bl > 1e-9 && c >= 1/float64(stripMiterLimit) {
				pair(p, bx/bl*h/c, by/bl*h/c)
				break
			}
			// Too sharp a turn for a miter: end the segment in and
			// start the one out square at p, the two pairs joined
			// across p (a bevel).
			pair(p, nx*h, ny*h)
			pair(p, mx*h, my*h)
		case inOK:
			pair(p, nx*h, ny*h)
		case outOK:
			pair(p, mx*h, my*h)
		default:
			continue // a lone point
		}
		prev = i
	}
	return vs, is
}
