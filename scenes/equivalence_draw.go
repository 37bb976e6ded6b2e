package scenes

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"propagate/engine"
	"propagate/scenes/anim"
)

func (e *Equivalence) draw(dst *ebiten.Image, d engine.EquivalenceDetail) {
	l := &e.lay
	sc := l.Scale
	L := len(d.Sizes) - 1
	title := "When does CHL equal backprop? One batch, a linear output, both updates side by side"
	drawText(dst, anim.Ellipsize(title, l.Body, l.Table.Dx()+l.Plot.Box.Dx(), true), l.Title, l.Body, true, anim.TextStrong, false)
	sub := "Xie & Seung 2003: as γ → 0, CHL's update (with its γ^(k−L) factor) tends to backprop's"
	drawText(dst, anim.Ellipsize(sub, l.Small, l.Table.Dx()+l.Plot.Box.Dx(), false), l.Subtitle, l.Small, false, anim.TextDim, false)
	drawText(dst, anim.GammaLabel(e.gamma), l.GammaLabel, l.Body, true, anim.FeedbackEdge, false)
	drawSlider(dst, &e.slider, sc, anim.FeedbackEdge)
	for i, t := range l.SliderTicks {
		drawText(dst, []string{"1", "0.1", "0.01", "0.001"}[i], t, l.Small, false, anim.TextDim, false, alignCenter)
	}
	drawButton(dst, l.Toggle, anim.FactorLabel(e.factor), l.Small, e.ptr, !e.factor)

	// Column headers.
	y := l.Header
	for _, h := range []struct {
		s string
		x float64
		a textAlign
	}{
		{"layer", l.Table.Min.X, alignStart},
		{"cosine", l.ColCos, alignEnd},
		{"rel. error", l.ColRel, alignEnd},
		{"norm ratio", l.ColNorm, alignEnd},
	} {
		drawText(dst, h.s, anim.Point{X: h.x, Y: y}, l.Small, true, anim.TextBody, false, h.a)
	}
	if len(l.Rows) > 0 {
		r := l.Rows[0]
		drawText(dst, "CHL ΔW", anim.Point{X: (r.CHL.Min.X + r.CHL.Max.X) / 2, Y: y}, l.Small, true, anim.FeedbackEdge, false, alignCenter)
		drawText(dst, "backprop ΔW", anim.Point{X: (r.BP.Min.X + r.BP.Max.X) / 2, Y: y}, l.Small, true, anim.DeltaPulse, false, alignCenter)
	}
	for k := 1; k <= L && k-1 < len(l.Rows); k++ {
		r := l.Rows[k-1]
		name := fmt.Sprintf("layer %d", k)
		kind := "hidden"
		if k == L {
			kind = "output"
		}
		drawText(dst, name, r.Label, l.Small, true, anim.TextStrong, false)
		drawText(dst, fmt.Sprintf("%s, %d×%d", kind, d.Sizes[k], d.Sizes[k-1]), anim.Point{X: r.Label.X, Y: r.Label.Y + anim.LineHeight(l.Small)}, l.Small, false, anim.TextDim, false)
		if !e.factor && k < L {
			drawText(dst, fmt.Sprintf("γ^%d smaller", L-k), anim.Point{X: r.Label.X, Y: r.Label.Y + 2*anim.LineHeight(l.Small)}, l.Small, false, anim.OIYellow, false)
		}
		// One colour scale per layer, backprop's largest entry, so the two
		// maps compare by eye.
		m := 0.0
		for _, v := range d.BP[k] {
			m = math.Max(m, math.Abs(v))
		}
		e.drawHeat(dst, r, r.CHL, d.CHL[k], d.Sizes[k], d.Sizes[k-1], m)
		e.drawHeat(dst, r, r.BP, d.BP[k], d.Sizes[k], d.Sizes[k-1], m)
		a := d.Layers[k-1]
		cs, rs, ns := Numbers(a)
		drawText(dst, cs, anim.Point{X: l.ColCos, Y: r.NumberY}, l.Small, false, anim.TextStrong, false, alignEnd)
		drawText(dst, rs, anim.Point{X: l.ColRel, Y: r.NumberY}, l.Small, false, anim.TextStrong, false, alignEnd)
		ncol := anim.TextStrong
		if math.Abs(a.NormRatio-1) > 0.5 {
			ncol = anim.OIYellow
		}
		drawText(dst, ns, anim.Point{X: l.ColNorm, Y: r.NumberY}, l.Small, false, ncol, false, alignEnd)
	}
	e.drawPlot(dst)
	cli := fmt.Sprintf("the same numbers: learn -equivalence -gamma %s%s -link '<this page's link>'", trimFloat(e.gamma), map[bool]string{true: "", false: " -no-factor"}[e.factor])
	drawText(dst, anim.Ellipsize(cli, l.Small, l.Table.Dx()+l.Plot.Box.Dx(), false), l.CLI, l.Small, false, anim.TextDim, false)
}

func trimFloat(g float64) string { return fmt.Sprintf("%g", g) }

func (e *Equivalence) drawHeat(dst *ebiten.Image, r anim.EqRow, in anim.Rect, vals []float64, rows, cols int, m float64) {
	for i, c := range r.HeatCells(in, rows, cols) {
		fillRect(dst, c, anim.Diverging(vals[i], -m, m))
	}
}

// drawPlot: relative error against γ, log–log, one line per layer, over
// the γ values computed so far.
func (e *Equivalence) drawPlot(dst *ebiten.Image) {
	l := &e.lay
	sc := l.Scale
	ax := l.PlotAxes
	fillRect(dst, l.Plot.Box, anim.PanelFill)
	drawText(dst, "rel. error against γ, log–log", anim.Point{X: l.Plot.Title.Min.X + l.Small*0.3, Y: l.Plot.Title.Min.Y}, l.Small, true, anim.TextStrong, false)
	for _, y := range []float64{0, -2, -4} {
		p := ax.Map(ax.X0, y)
		q := ax.Map(ax.X1, y)
		vector.StrokeLine(dst, float32(p.X), float32(p.Y), float32(q.X), float32(q.Y), float32(sc), anim.GridLine, false)
		drawText(dst, []string{"1", "", "0.01", "", "10⁻⁴"}[int(-y)], anim.Point{X: p.X - l.Small*0.3, Y: p.Y - anim.LineHeight(l.Small)/2}, l.Small, false, anim.TextDim, false, alignEnd)
	}
	for x := range anim.EqDecades + 1 {
		p := ax.Map(float64(x), ax.Y0)
		a := alignCenter
		if x == anim.EqDecades {
			a = alignEnd // keep the last label inside the box
		}
		drawText(dst, []string{"1", "0.1", "0.01", "0.001"}[x], anim.Point{X: p.X, Y: p.Y + l.Small*0.2}, l.Small, false, anim.TextDim, false, a)
	}
	drawText(dst, "γ", anim.Point{X: ax.Rect.Max.X, Y: ax.Rect.Max.Y + anim.LineHeight(l.Small)}, l.Small, false, anim.TextDim, false, alignEnd)
	seen := e.Seen()
	if len(seen) == 0 {
		return
	}
	L := len(seen[0].Layers)
	for k := 0; k < L; k++ {
		var pts []anim.Point
		for _, d := range seen {
			re := d.Layers[k].RelErr
			if !(re > 0) {
				continue
			}
			pts = append(pts, ax.Map(-math.Log10(d.Gamma), math.Log10(re)))
		}
		col := anim.LayerColor(k + 1)
		strokePolyline(dst, pts, 1.6*sc, col)
		for _, p := range pts {
			vector.DrawFilledCircle(dst, float32(p.X), float32(p.Y), float32(2.8*sc), col, false)
		}
		drawText(dst, fmt.Sprintf("layer %d", k+1), anim.Point{X: ax.Rect.Max.X - l.Small*0.3, Y: ax.Rect.Min.Y + float64(k)*anim.LineHeight(l.Small)}, l.Small, false, col, false, alignEnd)
	}
	g := ax.Map(-math.Log10(e.gamma), ax.Y0)
	vector.StrokeLine(dst, float32(g.X), float32(ax.Rect.Min.Y), float32(g.X), float32(ax.Rect.Max.Y), float32(sc), anim.WithAlpha(anim.FeedbackEdge, 0.6), false)
}
