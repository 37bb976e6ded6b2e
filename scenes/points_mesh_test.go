package scenes

import (
	"image/color"
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"propagate/scenes/anim"
)

// The data points are one disc and one ring, tessellated about the origin
// and copied to each point (appendMesh): the copies are the triangles a
// path drawn at the point itself gives, within float32 rounding, with
// their indices shifted past the triangles before them and the colour in
// straight alpha, as DrawTriangles takes it by default.
func TestPointMeshIsThePathAtThePoint(t *testing.T) {
	const r = 2.6
	stroke := &vector.StrokeOptions{Width: 0.9}
	var circle vector.Path
	circle.Arc(0, 0, r, 0, 2*math.Pi, vector.Clockwise)
	discV, discI := circle.AppendVerticesAndIndicesForFilling(nil, nil)
	ringV, ringI := circle.AppendVerticesAndIndicesForStroke(nil, nil, stroke)
	col := color.NRGBA{0xf5, 0x9e, 0x0b, 0x80}
	var vs []ebiten.Vertex
	var is []uint16
	points := []anim.Point{{X: 17.25, Y: 3.5}, {X: 130, Y: 211.75}}
	for _, p := range points {
		vs, is = appendMesh(vs, is, discV, discI, p, col)
		vs, is = appendMesh(vs, is, ringV, ringI, p, col)
	}
	var wantV []ebiten.Vertex
	var wantI []uint16
	for _, p := range points {
		var at vector.Path
		at.Arc(float32(p.X), float32(p.Y), r, 0, 2*math.Pi, vector.Clockwise)
		wantV, wantI = at.AppendVerticesAndIndicesForFilling(wantV, wantI)
		wantV, wantI = at.AppendVerticesAndIndicesForStroke(wantV, wantI, stroke)
	}
	if len(vs) != len(wantV) || len(is) != len(wantI) {
		t.Fatalf("%d vertices and %d indices, want %d and %d", len(vs), len(is), len(wantV), len(wantI))
	}
	for j, v := range vs {
		if w := wantV[j]; math.Abs(float64(v.DstX-w.DstX)) > 1e-3 || math.Abs(float64(v.DstY-w.DstY)) > 1e-3 {
			t.Fatalf("vertex %d at (%v, %v), want (%v, %v)", j, v.DstX, v.DstY, w.DstX, w.DstY)
		}
		if v.SrcX != 1 || v.SrcY != 1 || v.ColorA != float32(0x80)/255 || v.ColorR != float32(0xf5)/255 {
			t.Fatalf("vertex %d: source (%v, %v), colour %v %v %v %v: want the white pixel, in straight alpha (DrawTriangles' default)", j, v.SrcX, v.SrcY, v.ColorR, v.ColorG, v.ColorB, v.ColorA)
		}
	}
	for j, i := range is {
		if i != wantI[j] {
			t.Fatalf("index %d is %d, want %d", j, i, wantI[j])
		}
	}
}
