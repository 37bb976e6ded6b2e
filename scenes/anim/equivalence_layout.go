package anim

import (
	"math"
	"strconv"
)

// EquivalenceLayout is where the equivalence scene's parts go.
type EquivalenceLayout struct {
	Scale       float64
	Body, Small float64

	Title       Point
	Subtitle    Point
	GammaLabel  Point
	Slider      Rect
	SliderTicks []Point // under the slider at γ = 1, 0.1, 0.01, 0.001
	Toggle      Rect

	Table   Rect
	Header  float64 // y of the column headers
	Rows    []EqRow // one per layer, layer 1 first
	ColCos  float64 // x of the right edge of each number column
	ColRel  float64
	ColNorm float64

	Plot     PlotFrame
	PlotAxes Axes // −log10 γ across (1 at the left, as on the slider), log10 rel. error up
	CLI      Point
}

// EqRow is one layer's row: its label and the two heatmaps.
type EqRow struct {
	Box     Rect
	Label   Point
	CHL, BP Rect // the heatmaps, cells square
	Cell    float64
	NumberY float64
}

// EquivalenceLayoutFor lays the scene out for a net of the given sizes.
func EquivalenceLayoutFor(area Rect, scale float64, sizes []int) EquivalenceLayout {
	l := EquivalenceLayout{Scale: scale}
	l.Small = Clamp(math.Min(area.Dx()/80, area.Dy()/40), 10*scale, 14*scale)
	l.Body = l.Small * 1.15
	lh := LineHeight(l.Small)
	pad := l.Small * 0.6
	y := area.Min.Y
	l.Title = Point{area.Min.X, y}
	y += LineHeight(l.Body)
	l.Subtitle = Point{area.Min.X, y}
	y += lh + pad

	// Controls: γ label, slider, toggle.
	labelW := TextWidth(GammaLabel(0.0056), l.Body, true) + l.Small
	l.GammaLabel = Point{area.Min.X, y}
	tw := TextWidth(FactorLabel(true), l.Small, false) + l.Small*1.6
	knob := l.Small * 0.9
	sliderMax := area.Max.X - tw - l.Small*1.5
	l.Slider = Rect{Point{area.Min.X + labelW + knob, y + lh/2 - knob/2}, Point{sliderMax - knob, y + lh/2 + knob/2}}
	l.Toggle = Rect{Point{area.Max.X - tw, y - l.Small*0.2}, Point{area.Max.X, y + lh + l.Small*0.2}}
	if l.Slider.Dx() < 80*scale { // narrow: toggle on its own row
		l.Slider.Max.X = area.Max.X - knob
		l.Toggle = Rect{Point{area.Min.X, y + lh + l.Small}, Point{area.Min.X + tw, y + 2*lh + l.Small*1.4}}
		y = l.Toggle.Max.Y
	} else {
		y += lh
	}
	for _, g := range []float64{1, 0.1, 0.01, 0.001} {
		f := GammaFrac(g)
		l.SliderTicks = append(l.SliderTicks, Point{l.Slider.Min.X + f*l.Slider.Dx(), y + l.Small*0.1})
	}
	y += lh + pad

	// Table on the left (or on top), plot on the right (or below).
	bottom := area.Max.Y - lh - pad // the CLI line
	l.CLI = Point{area.Min.X, bottom + pad}
	var table, plot Rect
	if area.Dx() >= 1.25*(bottom-y) {
		split := area.Min.X + area.Dx()*0.64
		table = Rect{Point{area.Min.X, y}, Point{split - pad, bottom}}
		plot = Rect{Point{split + pad, y}, Point{area.Max.X, bottom}}
	} else {
		split := y + (bottom-y)*0.66
		table = Rect{Point{area.Min.X, y}, Point{area.Max.X, split - pad}}
		plot = Rect{Point{area.Min.X, split + pad}, Point{area.Max.X, bottom}}
	}
	l.Table = table
	numW := math.Max(TextWidth("0.000000", l.Small, false), TextWidth("cosine", l.Small, true)) + l.Small*1.2
	relW := TextWidth("rel. error", l.Small, true) + l.Small*1.2
	normW := TextWidth("norm ratio", l.Small, true) + l.Small*0.3
	l.ColNorm = table.Max.X
	l.ColRel = l.ColNorm - normW
	l.ColCos = l.ColRel - relW
	labelCol := TextWidth("layer 3 (output)", l.Small, false) + l.Small
	heatLeft := table.Min.X + labelCol
	heatRight := l.ColCos - numW
	l.Header = table.Min.Y
	rowsTop := table.Min.Y + 2*lh
	L := len(sizes) - 1
	if L < 1 {
		return l
	}
	rowH := (table.Max.Y - rowsTop) / float64(L)
	hw := (heatRight - heatLeft - l.Small*1.5) / 2
	for k := 1; k <= L; k++ {
		box := Rect{Point{table.Min.X, rowsTop + float64(k-1)*rowH}, Point{table.Max.X, rowsTop + float64(k)*rowH}}
		rows, cols := float64(sizes[k]), float64(sizes[k-1])
		cell := math.Min((rowH-pad)/rows, hw/cols)
		cell = math.Min(cell, 26*scale)
		h, w := cell*rows, cell*cols
		top := box.Min.Y + (rowH-pad-h)/2
		r := EqRow{Box: box, Cell: cell, Label: Point{table.Min.X, box.Min.Y + (rowH-pad)/2 - lh}}
		r.CHL = Rect{Point{heatLeft + (hw-w)/2, top}, Point{heatLeft + (hw+w)/2, top + h}}
		bx := heatLeft + hw + l.Small*1.5
		r.BP = Rect{Point{bx + (hw-w)/2, top}, Point{bx + (hw+w)/2, top + h}}
		r.NumberY = box.Min.Y + (rowH-pad)/2 - lh/2
		l.Rows = append(l.Rows, r)
	}

	l.Plot = NewPlotFrame(plot, l.Small, []string{"10⁻⁴", "10⁰"})
	l.Plot.Axes.Max.Y -= lh
	l.PlotAxes = Axes{Rect: l.Plot.Axes, X0: 0, X1: EqDecades, Y0: -5, Y1: 1} // x: −log10 γ, as the slider runs
	return l
}

// FactorLabel is the toggle's label.
func FactorLabel(on bool) string {
	if on {
		return "γ^(k−L) factor: on"
	}
	return "γ^(k−L) factor: off"
}

// HeatCells returns the matrix's cells (row-major, n_k × n_{k−1}) as
// rectangles in r: the heatmap the scene draws, for tests.
func (r EqRow) HeatCells(in Rect, rows, cols int) []Rect {
	out := make([]Rect, 0, rows*cols)
	for i := range rows {
		for j := range cols {
			x := in.Min.X + float64(j)*r.Cell
			y := in.Min.Y + float64(i)*r.Cell
			out = append(out, Rect{Point{x, y}, Point{x + r.Cell - 1, y + r.Cell - 1}})
		}
	}
	return out
}

// Limits of the γ slider: 1 on the left, 0.001 on the right, in steps of
// an eighth of a decade rounded to two significant digits (γ values one
// can type into the CLI).
const (
	EqDecades     = 3
	eqStepsPerDec = 8
	EqSliderSteps = EqDecades * eqStepsPerDec
)

// GammaAt is the γ at slider fraction f (0: γ = 1, 1: γ = 0.001), snapped
// to the grid.
func GammaAt(f float64) float64 {
	i := math.Round(Clamp(f, 0, 1) * EqSliderSteps)
	g := math.Pow(10, -i/eqStepsPerDec)
	s, _ := strconv.ParseFloat(strconv.FormatFloat(g, 'g', 2, 64), 64)
	return s
}

// GammaFrac is the slider fraction of γ (not snapped).
func GammaFrac(g float64) float64 {
	if !(g > 0) {
		return 1
	}
	return Clamp(-math.Log10(g)/EqDecades, 0, 1)
}

// GammaLabel is the slider's caption.
func GammaLabel(g float64) string { return "γ = " + strconv.FormatFloat(g, 'g', -1, 64) }
