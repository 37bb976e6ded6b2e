package scenes

import (
	"image"
	"testing"

	"propagate/scenes/anim"
)

// TestThumbSheetUpload: every thumbnail lands in its own cell, pixel for
// pixel, inside a border that repeats its edge (so linear filtering at the
// edge reads the thumbnail itself), and no two cells overlap.
func TestThumbSheetUpload(t *testing.T) {
	sizes := []int{2, 8, 8, 8, 1}
	const res = 10
	s := newThumbSheet(sizes, res)
	defer s.dispose()
	// Unit (k, u)'s pixel (x, y) is a colour of its own: no two units, and
	// no two pixels of one unit, share one.
	colour := func(k, u, x, y int) [4]byte { return [4]byte{byte(16*k + u), byte(x), byte(y), 0xff} }
	s.upload(func(k, u int, pix []byte) {
		for y := range res {
			for x := range res {
				c := colour(k, u, x, y)
				copy(pix[4*(y*res+x):], c[:])
			}
		}
	})
	at := func(x, y int) [4]byte {
		var c [4]byte
		copy(c[:], s.pix[4*(y*s.w+x):])
		return c
	}
	var cells []image.Rectangle
	for k, size := range sizes {
		for u := range size {
			if !s.has(k, u) {
				t.Fatalf("the sheet has no unit %d of layer %d", u, k)
			}
			r := s.rect(k, u)
			outer := r.Inset(-1)
			if !outer.In(image.Rect(0, 0, s.w, s.h)) {
				t.Fatalf("unit (%d, %d)'s cell %v is off the %d×%d sheet", k, u, outer, s.w, s.h)
			}
			for _, o := range cells {
				if o.Overlaps(outer) {
					t.Fatalf("unit (%d, %d)'s cell %v overlaps %v", k, u, outer, o)
				}
			}
			cells = append(cells, outer)
			for y := -1; y <= res; y++ {
				for x := -1; x <= res; x++ {
					want := colour(k, u, min(max(x, 0), res-1), min(max(y, 0), res-1))
					if got := at(r.Min.X+x, r.Min.Y+y); got != want {
						t.Fatalf("unit (%d, %d) pixel (%d, %d) = %v, want %v", k, u, x, y, got, want)
					}
				}
			}
		}
	}
	if s.has(len(sizes), 0) || s.has(4, 1) {
		t.Error("the sheet claims a unit the net does not have")
	}
}

// TestThumbSheetQuads: a queued thumbnail is a quad over the box asked for,
// sampling exactly its own pixels on the sheet.
func TestThumbSheetQuads(t *testing.T) {
	s := newThumbSheet([]int{2, 3, 1}, 8)
	defer s.dispose()
	s.add(1, 2, anim.Point{X: 100, Y: 50}, 20)
	if len(s.vs) != 4 || len(s.is) != 6 {
		t.Fatalf("%d vertices and %d indices for one thumbnail, want 4 and 6", len(s.vs), len(s.is))
	}
	r := s.rect(1, 2)
	for _, v := range s.vs {
		dx, dy := v.DstX == 90 || v.DstX == 110, v.DstY == 40 || v.DstY == 60
		sx := (v.DstX == 90 && v.SrcX == float32(r.Min.X)) || (v.DstX == 110 && v.SrcX == float32(r.Max.X))
		sy := (v.DstY == 40 && v.SrcY == float32(r.Min.Y)) || (v.DstY == 60 && v.SrcY == float32(r.Max.Y))
		if !dx || !dy || !sx || !sy || v.ColorA != 1 || v.ColorR != 1 {
			t.Errorf("vertex %+v: want a corner of (90, 40)–(110, 60) sampling the same corner of %v, untinted", v, r)
		}
	}
	seen := map[uint16]int{}
	for _, i := range s.is {
		seen[i]++
	}
	if len(seen) != 4 || seen[1] != 2 || seen[2] != 2 {
		t.Errorf("indices %v: want two triangles sharing the diagonal 1–2", s.is)
	}
}
