package scenes

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes/anim"
)

// The charts' lines, described once: what is drawn and what status()
// reports come from the same list. A line's colour is its rule's; a
// dashed line is the test set and nothing else; raw per-batch cosines are
// faint under their moving average.

type chartLine struct {
	view   anim.SeriesView
	xs, ys []float64
	col    color.NRGBA
	width  float64 // CSS pixels
	dashed bool
	last   bool // the output layer's cosine (its label reads "out")
}

// Alphas of the lines: a raw trace stays a texture under its average.
const (
	testLineAlpha = 0.8
	rawTraceAlpha = 0.14
)

func (c *Compare) lossLines() []chartLine {
	var out []chartLine
	for i, r := range c.runs {
		if i >= 2 {
			break
		}
		h := r.View().History()
		xs, ys, ts := make([]float64, len(h)), make([]float64, len(h)), make([]float64, len(h))
		for j, m := range h {
			xs[j], ys[j], ts[j] = float64(m.Step), m.Loss, m.TestLoss
		}
		col := anim.RuleColor(r.View().Rule())
		out = append(out,
			chartLine{view: series(r.View().Rule(), 0, "test", "dashed", col, testLineAlpha), xs: xs, ys: ts, col: anim.WithAlpha(col, testLineAlpha), width: 1.3, dashed: true},
			chartLine{view: series(r.View().Rule(), 0, "train", "solid", col, 1), xs: xs, ys: ys, col: col, width: 2})
	}
	return out
}

// agreementLines: per rule and layer, the raw cosine (faint) and its
// moving average; layers of one rule differ by opacity, the output's the
// strongest.
func (c *Compare) agreementLines() []chartLine {
	var out []chartLine
	for i := range c.agree {
		if i >= len(c.runs) {
			break
		}
		rule := c.runs[i].View().Rule()
		col := anim.RuleColor(rule)
		n := len(c.agree[i])
		for k, s := range c.agree[i] {
			out = append(out, chartLine{view: series(rule, k+1, "cosine-raw", "solid", col, rawTraceAlpha), xs: s.X, ys: s.Y, col: anim.WithAlpha(col, rawTraceAlpha), width: 1})
		}
		for k, s := range c.agreeSm[i] {
			a := layerAlpha(k+1, n)
			out = append(out, chartLine{view: series(rule, k+1, "cosine", "solid", col, a), xs: s.X, ys: s.Y, col: anim.WithAlpha(col, a), width: 2, last: k == n-1})
		}
	}
	return out
}

// ratioLines: per rule and layer, the norm ratio ‖ΔW_rule‖/‖ΔW_bp‖ on the
// log axis, in the rule's colour, layers apart by opacity as the cosines.
func (c *Compare) ratioLines() []chartLine {
	var out []chartLine
	for i := range c.ratio {
		if i >= len(c.runs) {
			break
		}
		rule := c.runs[i].View().Rule()
		col := anim.RuleColor(rule)
		n := len(c.ratio[i])
		for k, s := range c.ratio[i] {
			a := layerAlpha(k+1, n)
			out = append(out, chartLine{view: series(rule, k+1, "normRatio", "solid", col, a), xs: s.X, ys: s.Y, col: anim.WithAlpha(col, a), width: 1.6, last: k == n-1})
		}
	}
	return out
}

// layerAlpha tells the layers of one rule apart: the output line opaque,
// the first hidden layer's the faintest of the averages.
func layerAlpha(k, n int) float64 {
	if n <= 1 {
		return 1
	}
	return 0.45 + 0.55*float64(k-1)/float64(n-1)
}

func series(rule string, layer int, what, style string, col color.NRGBA, alpha float64) anim.SeriesView {
	return anim.SeriesView{Rule: rule, Layer: layer, What: what, Style: style, Color: anim.Hex(col), Alpha: math.Round(alpha*1000) / 1000}
}

func (c *Compare) drawLine(dst *ebiten.Image, ax anim.Axes, ln chartLine) {
	c.polyline(dst, ax, ln.xs, ln.ys, float32(math.Max(1, ln.width*c.draw.scale)), ln.col, ln.dashed)
}

// chartViews are the charts' lines for status().
func (c *Compare) chartViews() map[string][]anim.SeriesView {
	m := map[string][]anim.SeriesView{"loss": {}, "agreement": {}, "ratio": {}}
	if c.draw.lay.Folded {
		return m
	}
	for _, ln := range c.lossLines() {
		m["loss"] = append(m["loss"], ln.view)
	}
	for _, ln := range c.agreementLines() {
		m["agreement"] = append(m["agreement"], ln.view)
	}
	if c.draw.lay.Ratio.Dx() > 0 {
		for _, ln := range c.ratioLines() {
			m["ratio"] = append(m["ratio"], ln.view)
		}
	}
	return m
}

// chartReadout is the value under p on a chart or the output plane: the
// engine's numbers at the nearest recorded step (or plane cell).
func (c *Compare) chartReadout(p anim.Point) []string {
	d := &c.draw
	size := d.lay.Text.Small
	if d.lay.Loss.In(p) {
		pf := anim.NewPlotFrame(d.lay.Loss, size, []string{"0.00"})
		if x, ok := fracX(pf.Axes, p); ok {
			var lines []string
			for i, r := range c.runs {
				if i >= 2 {
					break
				}
				h := r.View().History()
				if len(h) == 0 {
					continue
				}
				m := nearestStep(h, x*float64(max(1, lastStep(c.runs))))
				if len(lines) == 0 {
					lines = append(lines, fmt.Sprintf("step %d", m.Step))
				}
				lines = append(lines, fmt.Sprintf("%s loss: train %.4f, test %.4f", anim.Plain(engine.RuleOf(r.View().Rule()).Short), m.Loss, m.TestLoss))
			}
			return lines
		}
	}
	if d.lay.Agreement.In(p) {
		pf := anim.NewPlotFrame(d.lay.Agreement, size, []string{"−1"})
		if x, ok := fracX(pf.Axes, p); ok {
			var lines []string
			for i := range c.agreeSm {
				for k, s := range c.agreeSm[i] {
					if len(s.X) == 0 {
						continue
					}
					j := nearestX(s.X, x*s.X[len(s.X)-1])
					if len(lines) == 0 {
						lines = append(lines, fmt.Sprintf("step %.0f", s.X[j]))
					}
					lines = append(lines, fmt.Sprintf("%s layer %d: cos %.3f (this batch %.3f)", anim.Plain(engine.RuleOf(c.runs[i].View().Rule()).Short), k+1, s.Y[j], c.agree[i][k].Y[j]))
				}
			}
			return lines
		}
	}
	for i := range min(2, len(c.runs)) {
		pl := d.lay.Panels[i].Plane
		h := c.heat[i]
		if h == nil || !pl.In(p) || h.Res <= 0 {
			continue
		}
		cx := int((p.X - pl.Min.X) / pl.Dx() * float64(h.Res))
		cy := int((p.Y - pl.Min.Y) / pl.Dy() * float64(h.Res))
		cx, cy = min(max(cx, 0), h.Res-1), min(max(cy, 0), h.Res-1)
		x := -engine.PlaneExtent + (float64(cx)+0.5)/float64(h.Res)*2*engine.PlaneExtent
		y := engine.PlaneExtent - (float64(cy)+0.5)/float64(h.Res)*2*engine.PlaneExtent
		return []string{fmt.Sprintf("%s output at (%.2f, %.2f): %.3f", anim.Plain(engine.RuleOf(c.runs[i].View().Rule()).Short), x, y, h.Output[cy*h.Res+cx])}
	}
	return nil
}

func fracX(ax anim.Rect, p anim.Point) (float64, bool) {
	if ax.Dx() <= 0 || p.X < ax.Min.X || p.X > ax.Max.X {
		return 0, false
	}
	return (p.X - ax.Min.X) / ax.Dx(), true
}

func lastStep(runs []*engine.Run) int {
	n := 0
	for _, r := range runs {
		if h := r.View().History(); len(h) > 0 {
			n = max(n, h[len(h)-1].Step)
		}
	}
	return n
}

func nearestStep(h []engine.Metrics, step float64) engine.Metrics {
	best := h[0]
	for _, m := range h {
		if math.Abs(float64(m.Step)-step) < math.Abs(float64(best.Step)-step) {
			best = m
		}
	}
	return best
}

func nearestX(xs []float64, x float64) int {
	best := 0
	for j, v := range xs {
		if math.Abs(v-x) < math.Abs(xs[best]-x) {
			best = j
		}
	}
	return best
}
