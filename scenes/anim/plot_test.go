package anim

import (
	"math"
	"testing"
)

func TestAxesMapCorners(t *testing.T) {
	a := Axes{Rect{Point{10, 20}, Point{110, 220}}, 0, 100, 0, 2}
	if p := a.Map(0, 0); p != (Point{10, 220}) {
		t.Errorf("origin at %v", p)
	}
	if p := a.Map(100, 2); p != (Point{110, 20}) {
		t.Errorf("top right at %v", p)
	}
	if p := a.Map(500, -9); p != (Point{110, 220}) {
		t.Errorf("out of range at %v, want clamped", p)
	}
}

func TestNiceMaxAndTicks(t *testing.T) {
	for _, tt := range []struct{ in, want float64 }{{0.43, 0.5}, {0.5, 0.5}, {0.11, 0.2}, {3, 5}, {7, 10}, {0, 1}, {math.NaN(), 1}} {
		if got := NiceMax(tt.in); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("NiceMax(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {0.5, "0.5"}, {0.25, "0.25"}, {-1, "-1"}, {120, "120"}, {25000, "25k"}, {0.001, "1e-03"}} {
		if got := FormatTick(tt.v); got != tt.want {
			t.Errorf("FormatTick(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestSeriesThinsAndKeepsItsSpan(t *testing.T) {
	s := Series{Cap: 8}
	for i := range 100 {
		s.Add(float64(i), float64(i))
	}
	if len(s.X) > 8 || s.X[0] != 0 || s.X[len(s.X)-1] != 99 {
		t.Errorf("series %v: want at most 8 points from 0 to 99", s.X)
	}
}

func TestPolylineBreaksAtNaN(t *testing.T) {
	a := Axes{Rect{Point{0, 0}, Point{10, 10}}, 0, 4, 0, 1}
	segs := a.Polyline([]float64{0, 1, 2, 3, 4}, []float64{0, 1, math.NaN(), 0.5, 1}, nil)
	if len(segs) != 2 || len(segs[0]) != 2 || len(segs[1]) != 2 {
		t.Errorf("segments %v, want two of two points", segs)
	}
}
