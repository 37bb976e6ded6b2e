package scenes

import (
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/scenes/anim"
)

// inTriangle reports whether p lies in the triangle abc or within 1e-3 px
// of it (the vertices are float32).
func inTriangle(p anim.Point, a, b, c ebiten.Vertex) bool {
	side := func(u, v ebiten.Vertex) float64 { // signed distance of p from the line u→v
		ux, uy, vx, vy := float64(u.DstX), float64(u.DstY), float64(v.DstX), float64(v.DstY)
		l := math.Hypot(vx-ux, vy-uy)
		if l == 0 {
			return 0
		}
		return ((vx-ux)*(p.Y-uy) - (vy-uy)*(p.X-ux)) / l
	}
	const eps = 1e-3
	d1, d2, d3 := side(a, b), side(b, c), side(c, a)
	return (d1 >= -eps && d2 >= -eps && d3 >= -eps) || (d1 <= eps && d2 <= eps && d3 <= eps)
}

// covered reports whether p lies in one of the triangles is (indices into
// vs, three a triangle).
func covered(p anim.Point, vs []ebiten.Vertex, is []uint16) bool {
	for k := 0; k+2 < len(is); k += 3 {
		if inTriangle(p, vs[is[k]], vs[is[k+1]], vs[is[k+2]]) {
			return true
		}
	}
	return false
}

// A chart curve's strip (appendStrip) covers its centre line and reaches
// no farther from it than the miter cap allows; a straight run is a band
// of the stroke's width; repeated points add nothing; a lone point draws
// nothing; and the colour is in straight alpha, from the white source
// pixel, as DrawTriangles takes it by default.
func TestStripCoversTheCurve(t *testing.T) {
	col := color.NRGBA{0x20, 0x80, 0xff, 0x80}
	vs, is := appendStrip(nil, nil, []anim.Point{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 0}, {X: 20, Y: 0}}, 2, col)
	if len(vs) != 6 || len(is) != 12 {
		t.Fatalf("a straight run of 3 distinct points: %d vertices, %d indices, want 6 and 12", len(vs), len(is))
	}
	for j, v := range vs {
		if wantX := float32(10 * (j / 2)); v.DstX != wantX || math.Abs(float64(v.DstY)) != 1 {
			t.Errorf("vertex %d at (%v, %v), want (%v, ±1)", j, v.DstX, v.DstY, wantX)
		}
		if v.SrcX != 1 || v.SrcY != 1 || v.ColorA != float32(0x80)/255 || v.ColorB != 1 || v.ColorR != float32(0x20)/255 {
			t.Errorf("vertex %d: source (%v, %v), colour %v %v %v %v: want the white pixel, in straight alpha (DrawTriangles' default)", j, v.SrcX, v.SrcY, v.ColorR, v.ColorG, v.ColorB, v.ColorA)
		}
	}
	if vs, is := appendStrip(nil, nil, []anim.Point{{X: 3, Y: 4}, {X: 3, Y: 4}}, 2, col); len(vs) != 0 || len(is) != 0 {
		t.Errorf("a lone point drew %d vertices", len(vs))
	}
	// A right angle: the corner's outer vertex is √2 half widths out.
	vs, _ = appendStrip(nil, nil, []anim.Point{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}}, 2, col)
	if d := math.Hypot(float64(vs[2].DstX)-10, float64(vs[2].DstY)); math.Abs(d-math.Sqrt2) > 1e-5 {
		t.Errorf("right-angle corner reaches %v from its point, want √2", d)
	}

	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n := 2 + rng.IntN(40)
		pts := make([]anim.Point, n)
		x := 0.0
		for i := range pts {
			x += 0.2 + 5*rng.Float64()
			pts[i] = anim.Point{X: x, Y: 100 * rng.Float64()} // a noisy curve, spikes and all
		}
		w := 0.5 + 3*rng.Float64()
		base := []ebiten.Vertex{{}, {}, {}} // appended after what is there
		vs, is := appendStrip(base, []uint16{0, 1, 2}, pts, w, col)
		pairs := (len(vs) - len(base)) / 2
		if pairs < n || pairs > 2*n || len(is) != 3+6*(pairs-1) {
			t.Fatalf("trial %d: %d points made %d vertices and %d indices, want 2 to 4 a point and 6 a pair after the first", trial, n, len(vs)-3, len(is)-3)
		}
		for j, v := range vs[3:] {
			near := math.Inf(1)
			for _, p := range pts {
				near = math.Min(near, math.Hypot(float64(v.DstX)-p.X, float64(v.DstY)-p.Y))
			}
			if near > stripMiterLimit*w/2+1e-3 {
				t.Fatalf("trial %d: vertex %d is %v from the curve's points, past the miter limit %v", trial, j, near, stripMiterLimit*w/2)
			}
		}
		for i := 1; i < n; i++ {
			a, b := pts[i-1], pts[i]
			for _, f := range []float64{0, 0.02, 0.25, 0.5, 0.75, 0.98} {
				p := anim.Point{X: a.X + f*(b.X-a.X), Y: a.Y + f*(b.Y-a.Y)}
				if !covered(p, vs, is[3:]) {
					t.Fatalf("trial %d: the centre line at %v (segment %d, %.2f of the way) is not covered", trial, p, i, f)
				}
			}
			// Away from its ends a segment keeps the stroke's full
			// width: a sharp spike must not taper to nothing.
			l := math.Hypot(b.X-a.X, b.Y-a.Y)
			if l < 4*w {
				continue
			}
			nx, ny := -(b.Y-a.Y)/l, (b.X-a.X)/l
			for _, f := range []float64{0.3, 0.5, 0.7} {
				for _, side := range []float64{-0.9, 0.9} {
					p := anim.Point{X: a.X + f*(b.X-a.X) + side*nx*w/2, Y: a.Y + f*(b.Y-a.Y) + side*ny*w/2}
					if !covered(p, vs, is[3:]) {
						t.Fatalf("trial %d: segment %d is narrower than the stroke %.2f of the way along (%v not covered)", trial, i, f, p)
					}
				}
			}
		}
	}
}

// A net's curved edge is flattened into chords within curveTolerance of
// the Bézier, and its strip covers the curve itself.
func TestCurveFollowsTheBezier(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var b triBatch
	for trial := range 300 {
		pt := func() anim.Point { return anim.Point{X: 400 * rng.Float64(), Y: 400 * rng.Float64()} }
		e := anim.EdgePath{A: pt(), B: pt()}
		mid := anim.Point{X: (e.A.X + e.B.X) / 2, Y: (e.A.Y + e.B.Y) / 2}
		bend := []float64{0, 0.01, 0.2, 1}[trial%4] // straight to strongly bent
		e.Ctrl = anim.Point{X: mid.X + bend*(pt().X-200), Y: mid.Y + bend*(pt().Y-200)}
		b.reset()
		b.curve(nil, e, 1, color.NRGBA{0xff, 0xff, 0xff, 0xff})
		chords := b.pts
		if n := curveSegments(e); len(chords) != n+1 || chords[0] != e.A || chords[n] != e.B {
			t.Fatalf("trial %d: %d chord points from %v to %v, want %d from A %v to B %v", trial, len(chords), chords[0], chords[len(chords)-1], n+1, e.A, e.B)
		}
		for k := range 201 {
			p := e.At(float64(k) / 200)
			far := math.Inf(1)
			for j := 1; j < len(chords); j++ {
				far = math.Min(far, segDist(p, chords[j-1], chords[j]))
			}
			if far > curveTolerance+1e-9 {
				t.Fatalf("trial %d: the curve at t = %v is %v px from its chords (%d), past %v", trial, float64(k)/200, far, len(chords)-1, curveTolerance)
			}
			if !covered(p, b.vs, b.is) {
				t.Fatalf("trial %d: the curve at t = %v (%v) is outside its stroke", trial, float64(k)/200, p)
			}
		}
	}
}

// A chart curve far longer than one draw call's 16-bit indices can hold
// goes out in parts (triBatch.strip): no batch ever holds more vertices
// than an index can name, whatever the curve (here 40,000 points, each a
// sharp spike, so every point is bevelled).
func TestLongCurveFitsTheIndices(t *testing.T) {
	if white == nil {
		white = whitePixel()
	}
	pts := make([]anim.Point, 40000)
	for i := range pts {
		pts[i] = anim.Point{X: float64(i) / 10, Y: float64(300 * (i % 2))}
	}
	dst := ebiten.NewImage(64, 64)
	defer dst.Deallocate()
	var b triBatch
	b.strip(dst, pts, 1, color.NRGBA{0xff, 0xff, 0xff, 0xff})
	if len(b.vs) > maxBatchVertices || len(b.vs) == 0 {
		t.Fatalf("the last batch holds %d vertices", len(b.vs))
	}
	for _, i := range b.is {
		if int(i) >= len(b.vs) {
			t.Fatalf("index %d past the batch's %d vertices", i, len(b.vs))
		}
	}
}

// TestTriBatchGrow: grow makes the room asked for in one go, keeping what
// is already in the batch, and no more than one batch's worth.
func TestTriBatchGrow(t *testing.T) {
	var b triBatch
	b.vertex(1, 2, 1, 1, 1, 1)
	b.is = append(b.is, 0)
	b.grow(900, 1800)
	if len(b.vs) != 1 || b.vs[0].DstX != 1 || len(b.is) != 1 {
		t.Fatalf("grow changed the batch: %d vertices, %d indices", len(b.vs), len(b.is))
	}
	if cap(b.vs)-len(b.vs) < 900 || cap(b.is)-len(b.is) < 1800 {
		t.Errorf("room for %d vertices and %d indices, want 900 and 1800", cap(b.vs)-len(b.vs), cap(b.is)-len(b.is))
	}
	var big triBatch
	big.grow(4*maxBatchVertices, 8*maxBatchVertices)
	if c := cap(big.vs); c < maxBatchVertices || c > 2*maxBatchVertices {
		t.Errorf("asked for 4 batches' worth of vertices: room for %d, want one batch's (%d)", c, maxBatchVertices)
	}
	if c := cap(big.is); c < 2*maxBatchVertices || c > 4*maxBatchVertices {
		t.Errorf("indices for 4 batches: room for %d, want one batch's share (%d)", c, 2*maxBatchVertices)
	}
}
