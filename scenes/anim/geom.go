package anim

import "math"

// Screen geometry shared by every layout: points, rectangles and their
// tests, in screen pixels.

// Point is a position on the screen, in screen pixels.
type Point struct{ X, Y float64 }

// Rect is an area of the screen, in screen pixels: Min inclusive, Max
// exclusive, as image.Rectangle but in floats so layouts scale smoothly.
type Rect struct{ Min, Max Point }

// Dx and Dy are the width and height of r.
func (r Rect) Dx() float64 { return r.Max.X - r.Min.X }
func (r Rect) Dy() float64 { return r.Max.Y - r.Min.Y }

// Inset returns r shrunk by d on every side, never to less than nothing.
func (r Rect) Inset(d float64) Rect {
	d = math.Min(d, math.Min(r.Dx(), r.Dy())/2)
	return Rect{Point{r.Min.X + d, r.Min.Y + d}, Point{r.Max.X - d, r.Max.Y - d}}
}

// Add returns r moved by d.
func (r Rect) Add(d Point) Rect {
	return Rect{Point{r.Min.X + d.X, r.Min.Y + d.Y}, Point{r.Max.X + d.X, r.Max.Y + d.Y}}
}

// Overlaps reports whether a and b share any area.
func (r Rect) Overlaps(b Rect) bool {
	return r.Min.X < b.Max.X && b.Min.X < r.Max.X && r.Min.Y < b.Max.Y && b.Min.Y < r.Max.Y
}

// Contains reports whether b lies inside r (edges included, with a hair of
// tolerance for rounding).
func (r Rect) Contains(b Rect) bool {
	const eps = 1e-6
	return b.Min.X >= r.Min.X-eps && b.Min.Y >= r.Min.Y-eps && b.Max.X <= r.Max.X+eps && b.Max.Y <= r.Max.Y+eps
}

// In reports whether p lies inside r.
func (r Rect) In(p Point) bool {
	return p.X >= r.Min.X && p.X < r.Max.X && p.Y >= r.Min.Y && p.Y < r.Max.Y
}

// Clamp is v limited to [lo, hi].
func Clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }
