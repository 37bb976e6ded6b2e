package anim

import (
	"fmt"
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

// End-of-line labels are spread so none overlaps another or leaves the
// axes, each as near its curve's end as that allows, in the curves' order;
// labels that collide with nothing stay where they asked to be.
func TestSpreadLabels(t *testing.T) {
	const h, lo, hi = 10.0, 20.0, 120.0
	cases := []struct {
		name string
		want []float64
	}{
		{"apart", []float64{30, 60, 90}},
		{"on top of each other at the top", []float64{10, 10, 12, 5}},
		{"at the bottom", []float64{118, 119, 115}},
		{"mixed", []float64{50, 12, 55, 117, 52}},
		{"too many to fit", []float64{40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40}},
	}
	for _, tc := range cases {
		got := SpreadLabels(tc.want, h, lo, hi)
		fit := float64(len(tc.want))*h <= hi-lo
		for i, y := range got {
			if math.IsNaN(y) || y < lo-1e-9 || y+h > hi+1e-9 {
				t.Errorf("%s: label %d at %v..%v, outside [%v, %v]", tc.name, i, y, y+h, lo, hi)
			}
			for j, z := range got {
				if j == i {
					continue
				}
				if tc.want[i] < tc.want[j] && y > z {
					t.Errorf("%s: label %d asked above label %d but is below it (%v > %v)", tc.name, i, j, y, z)
				}
				if fit && math.Abs(y-z) < h-1e-9 {
					t.Errorf("%s: labels %d and %d overlap (%v, %v)", tc.name, i, j, y, z)
				}
			}
		}
		if !fit { // all asked for one place: they share the axes evenly
			d := (hi - lo - h) / float64(len(tc.want)-1)
			for k, y := range got {
				if math.Abs(y-(lo+float64(k)*d)) > 1e-9 {
					t.Errorf("%s: crowded label %d at %v, want %v (evenly spread)", tc.name, k, y, lo+float64(k)*d)
				}
			}
		}
	}
	if got := SpreadLabels([]float64{30, 60, 90}, h, lo, hi); got[0] != 30 || got[1] != 60 || got[2] != 90 {
		t.Errorf("labels that collide with nothing moved: %v", got)
	}
	if got := SpreadLabels([]float64{50, 52}, h, lo, hi); got[0] != 50 || got[1] != 60 {
		t.Errorf("two close labels: %v, want the lower pushed just below the upper (50, 60)", got)
	}
}

func TestMergeLabels(t *testing.T) {
	texts := []string{"out", "L1", "out", "L1", "L2", "L1"}
	tops := []float64{10, 20, 12, 60, 21, 22}
	got := MergeLabels(texts, tops, 8)
	want := [][]int{{0, 2}, {1, 5}, {3}, {4}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("MergeLabels = %v, want %v (same text and within 8 merge; far apart or different text stay)", got, want)
	}
	if got := MergeLabels(nil, nil, 8); len(got) != 0 {
		t.Errorf("no labels: %v", got)
	}
}
