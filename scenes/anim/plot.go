package anim

import (
	"fmt"
	"math"
	"sort"
)

// Plots are drawn from plain geometry: PlotFrame splits a box into a title
// line, tick labels and the axes; Axes maps data to the screen. Tests check
// the mapping and that the labels fit, without a screen.

// PlotFrame is the parts of one plot box.
type PlotFrame struct {
	Box   Rect
	Title Rect // one line of small bold text
	Axes  Rect // where the curves go
	YTick float64
}

// NewPlotFrame lays out a plot in box with y tick labels as wide as the
// widest of yLabels, at text size size.
func NewPlotFrame(box Rect, size float64, yLabels []string) PlotFrame {
	lh := LineHeight(size)
	lw := 0.0
	for _, s := range yLabels {
		lw = math.Max(lw, TextWidth(s, size, false))
	}
	p := PlotFrame{Box: box}
	p.Title = Rect{box.Min, Point{box.Max.X, box.Min.Y + lh}}
	p.Axes = Rect{Point{box.Min.X + lw + size*0.5, p.Title.Max.Y + size*0.4}, Point{box.Max.X - size*0.3, box.Max.Y - lh}}
	return p
}

// Axes maps data coordinates into a screen rectangle.
type Axes struct {
	Rect           Rect
	X0, X1, Y0, Y1 float64
}

// Map returns the screen point of (x, y); values outside the ranges are
// clamped to the box so a spike never draws outside it.
func (a Axes) Map(x, y float64) Point {
	fx, fy := 0.0, 0.0
	if a.X1 > a.X0 {
		fx = (x - a.X0) / (a.X1 - a.X0)
	}
	if a.Y1 > a.Y0 {
		fy = (y - a.Y0) / (a.Y1 - a.Y0)
	}
	fx, fy = Clamp(fx, 0, 1), Clamp(fy, 0, 1)
	return Point{a.Rect.Min.X + fx*a.Rect.Dx(), a.Rect.Max.Y - fy*a.Rect.Dy()}
}

// NiceMax rounds v up to 1, 2 or 5 times a power of ten, so the top of a
// loss axis reads as a round number.
func NiceMax(v float64) float64 {
	if !(v > 0) || math.IsInf(v, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p*(1+1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// FormatTick prints a tick value briefly: 0.5, 0.25, 1e-3, 12k.
func FormatTick(v float64) string {
	a := math.Abs(v)
	switch {
	case v == 0:
		return "0"
	case a >= 1e4:
		return fmt.Sprintf("%.0fk", v/1e3)
	case a >= 10:
		return fmt.Sprintf("%.0f", v)
	case a >= 0.01:
		s := fmt.Sprintf("%.2f", v)
		for s[len(s)-1] == '0' {
			s = s[:len(s)-1]
		}
		if s[len(s)-1] == '.' {
			s = s[:len(s)-1]
		}
		return s
	}
	return fmt.Sprintf("%.0e", v)
}

// Series is a bounded record of (x, y) points that thins itself like the
// engine's History: when full it keeps every other point, so a long run
// keeps its whole shape in constant memory.
type Series struct {
	X, Y []float64
	Cap  int
}

// Add appends a point, thinning first when the series is full.
func (s *Series) Add(x, y float64) {
	c := s.Cap
	if c < 4 {
		c = 512
	}
	if len(s.X) >= c {
		n := 0
		for i := 0; i < len(s.X); i += 2 {
			s.X[n], s.Y[n] = s.X[i], s.Y[i]
			n++
		}
		s.X, s.Y = s.X[:n], s.Y[:n]
	}
	s.X = append(s.X, x)
	s.Y = append(s.Y, y)
}

// Reset empties the series, keeping its storage.
func (s *Series) Reset() { s.X, s.Y = s.X[:0], s.Y[:0] }

// Polyline maps the series into screen points (appended to dst), skipping
// non-finite values by starting a new segment: each segment is returned
// as a slice of dst.
func (a Axes) Polyline(xs, ys []float64, dst []Point) [][]Point {
	var segs [][]Point
	start := len(dst)
	for i := range xs {
		if i >= len(ys) || math.IsNaN(ys[i]) || math.IsInf(ys[i], 0) {
			if len(dst) > start {
				segs = append(segs, dst[start:])
			}
			start = len(dst)
			continue
		}
		dst = append(dst, a.Map(xs[i], ys[i]))
	}
	if len(dst) > start {
		segs = append(segs, dst[start:])
	}
	return segs
}

// Agreement plot titles, longest first: the first that fits is drawn. The
// plot draws each layer's raw cosine faint and its moving average (EMA)
// as the solid line, and the title says so.
var agreementTitles = []string{
	"cosine with backprop's update, per layer (smoothed; faint: raw)",
	"cosine with backprop, per layer (smoothed; faint: raw)",
	"cos with bp per layer (EMA; faint: raw)",
	"cos with bp (EMA; faint: raw)",
	"cos with bp (EMA)",
}

// AgreementTitle is the longest agreement title that fits width.
func AgreementTitle(width, size float64) string { return fittingTitle(agreementTitles, width, size) }

// fittingTitle is the first (longest) of titles that fits width, or the
// last.
func fittingTitle(titles []string, width, size float64) string {
	for _, t := range titles {
		if TextWidth(t, size, true) <= width {
			return t
		}
	}
	return titles[len(titles)-1]
}

// Norm-ratio titles, longest first.
var ratioTitles = []string{
	"norm ratio |ΔW| / |ΔW of bp| (log)",
	"norm ratio to bp (log)",
	"norm ratio",
}

// RatioTitle is the longest norm-ratio title that fits width.
func RatioTitle(width, size float64) string { return fittingTitle(ratioTitles, width, size) }

// RatioDecades is the norm-ratio plot's range in powers of ten either side
// of 1 (0.01 to 100): γ^{L−k} of a missing CHL factor at γ = 0.1 is
// visible two layers down.
const RatioDecades = 2

// RatioY is where a norm ratio sits on the plot: log₁₀ r clamped to the
// range; 0 for a ratio that is not positive (no update to compare).
func RatioY(r float64) float64 {
	if !(r > 0) || math.IsInf(r, 0) {
		return math.NaN()
	}
	return math.Max(-RatioDecades, math.Min(RatioDecades, math.Log10(r)))
}

// FormatSigned writes a tick with its sign (and a true minus).
func FormatSigned(v float64) string {
	switch {
	case v > 0:
		return fmt.Sprintf("+%g", v)
	case v < 0:
		return fmt.Sprintf("−%g", -v)
	}
	return "0"
}

// MergeLabels groups end labels that say the same thing and would overlap
// (tops within h of the group's first): each group is drawn once. Two rules'
// curves for one layer that end together then carry one "L1" between them,
// not two stacked copies. Groups keep the order of their first labels, and a
// group lists its labels in order.
func MergeLabels(texts []string, tops []float64, h float64) [][]int {
	var groups [][]int
	done := make([]bool, len(texts))
	for i := range texts {
		if done[i] {
			continue
		}
		g := []int{i}
		for j := i + 1; j < len(texts); j++ {
			if !done[j] && texts[j] == texts[i] && math.Abs(tops[j]-tops[i]) < h {
				g, done[j] = append(g, j), true
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// SpreadLabels places labels of height h as near the tops they ask for as
// it can while none overlaps another and each lies within [lo, hi] (top ≥
// lo, bottom ≤ hi): the tops, in the order asked. Labels keep their order
// from top to bottom. When they cannot all fit, they share the room evenly
// and overlap as little as it allows.
func SpreadLabels(want []float64, h, lo, hi float64) []float64 {
	n := len(want)
	pos := make([]float64, n)
	if n == 0 {
		return pos
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return want[order[a]] < want[order[b]] })
	step := h
	if float64(n)*h > hi-lo {
		step = math.Max(0, hi-lo-h) / math.Max(1, float64(n-1))
	}
	prev := math.Inf(-1)
	for _, i := range order { // down: below the label above, not above lo
		pos[i] = math.Max(math.Max(want[i], lo), prev+step)
		prev = pos[i]
	}
	next := math.Inf(1)
	for k := n - 1; k >= 0; k-- { // up: above the label below, not below hi
		i := order[k]
		pos[i] = math.Min(math.Min(pos[i], hi-h), next-step)
		next = pos[i]
	}
	return pos
}
