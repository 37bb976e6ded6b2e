package scenes

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"propagate/scenes/anim"
)

// Colours of the neuron scene: A's spike is the forward pulse, B's
// backpropagating action potential has δ's colour (it is the signal that
// travels backward), the EPSP is sky blue, and the change of the synapse is
// orange (stronger) or blue (weaker), as weights are everywhere on the page.
var (
	DendriteColor = color.NRGBA{0x64, 0x74, 0x8b, 0xff}
	AxonColor     = color.NRGBA{0x94, 0xa3, 0xb8, 0xff}
	EPSPColor     = anim.OISkyBlue
	BAPColor      = anim.DeltaPulse
)

func (n *Neuron) draw(dst *ebiten.Image) {
	l := &n.lay
	for _, r := range []anim.Rect{l.Cell, l.Plot.Box, l.Contrast} {
		fillRect(dst, r, anim.PanelFill)
	}
	n.drawCell(dst)
	n.drawControls(dst)
	n.drawPlot(dst)
	n.drawContrast(dst)
}

func (n *Neuron) drawCell(dst *ebiten.Image) {
	l := &n.lay
	g := &l.Neuron
	sc := l.Scale
	drawText(dst, "One synapse, A → B: the bAP stays inside B", l.CellCaption.Min, l.Body, true, anim.TextStrong, false)
	m := n.trial.At(n.ms, n.window)
	if n.pause > 0 {
		m = n.trial.At(n.trial.End, n.window)
	}

	// B: dendrites, soma, axon; the bAP lights the dendrites from the soma
	// outward.
	w := g.Width
	for _, d := range append(append([][]anim.Point{}, g.Apical...), g.Basal...) {
		strokePolyline(dst, d, w, DendriteColor)
		if m.BAP >= 0 {
			lit := polyPrefix(d, m.BAP*1.0, nil)
			strokePolyline(dst, lit, w*1.8, anim.WithAlpha(BAPColor, 0.9))
			p := lit[len(lit)-1]
			vector.DrawFilledCircle(dst, float32(p.X), float32(p.Y), float32(w*1.6), BAPColor, false)
		}
	}
	strokePolyline(dst, g.BAxon, w*0.7, AxonColor)
	soma := anim.Mix(anim.UnitIdle, BAPColor, m.Fired)
	var path vector.Path
	path.MoveTo(float32(g.BSoma[0].X), float32(g.BSoma[0].Y))
	path.LineTo(float32(g.BSoma[1].X), float32(g.BSoma[1].Y))
	path.LineTo(float32(g.BSoma[2].X), float32(g.BSoma[2].Y))
	path.Close()
	fillPath(dst, &path, soma)
	strokePolyline(dst, append(append([]anim.Point{}, g.BSoma...), g.BSoma[0]), 1.5*sc, anim.UnitRing)

	// The EPSP spreading from the synapse toward the soma.
	if m.EPSP > 0.02 {
		f := math.Min(1, (1-m.EPSP)*4)
		strokePolyline(dst, polyPrefix(g.ToSoma, f, nil), w*1.4, anim.WithAlpha(EPSPColor, 0.35+0.6*m.EPSP))
	}

	// B's other inputs.
	strokePolyline(dst, g.Drive, w*0.6, anim.WithAlpha(AxonColor, 0.7))
	if m.DriveSpike >= 0 {
		p := PolyAt(g.Drive, m.DriveSpike)
		vector.DrawFilledCircle(dst, float32(p.X), float32(p.Y), float32(w*1.5), anim.ForwardPulse, false)
	}

	// A and its axon.
	strokePolyline(dst, g.Axon, w*0.7, AxonColor)
	vector.DrawFilledCircle(dst, float32(g.ASoma.X), float32(g.ASoma.Y), float32(g.ARadius), anim.Mix(anim.UnitIdle, anim.ForwardPulse, boolf(m.PreSpike >= 0 && m.PreSpike < 0.15)), false)
	vector.StrokeCircle(dst, float32(g.ASoma.X), float32(g.ASoma.Y), float32(g.ARadius), float32(1.5*sc), anim.UnitRing, false)
	if m.PreSpike >= 0 {
		p := PolyAt(g.Axon, m.PreSpike)
		vector.DrawFilledCircle(dst, float32(p.X), float32(p.Y), float32(w*1.6), anim.ForwardPulse, false)
	}

	// The synapse: its size is the weight; the traces of the two recent
	// signals glow around it; after the change it shows the sign.
	rs := g.Unit * 0.018 * (0.6 + 0.8*n.weight)
	if m.PreTrace > 0.02 {
		vector.DrawFilledCircle(dst, float32(g.Synapse.X), float32(g.Synapse.Y), float32(rs*(1.6+1.6*m.PreTrace)), anim.WithAlpha(EPSPColor, 0.35*m.PreTrace), false)
	}
	if m.PostTrace > 0.02 {
		vector.StrokeCircle(dst, float32(g.Synapse.X), float32(g.Synapse.Y), float32(rs*(1.6+1.6*m.PostTrace)), float32(2*sc), anim.WithAlpha(BAPColor, 0.8*m.PostTrace), false)
	}
	col := anim.UnitRing
	if m.Changed {
		dw := n.window.Dw(n.trial.Dt)
		col = anim.Mix(anim.UnitRing, anim.SignedColor(dw/0.005), 0.9)
		col.A = 0xff
		label := fmt.Sprintf("Δw = %+.5f", dw)
		drawText(dst, label, anim.Point{X: g.Synapse.X + rs*2.5, Y: g.Synapse.Y - rs*1.5 - anim.LineHeight(l.Small)}, l.Small, true, col, false)
	}
	vector.DrawFilledCircle(dst, float32(g.Synapse.X), float32(g.Synapse.Y), float32(rs), col, false)

	drawText(dst, "A", anim.Point{X: g.LabelA.X, Y: g.LabelA.Y}, l.Body, true, anim.TextStrong, false, alignCenter)
	drawText(dst, "B", g.LabelB, l.Body, true, anim.TextStrong, false, alignEnd)
	drawText(dst, "synapse A→B", g.LabelSyn, l.Small, false, anim.TextBody, false, alignCenter)
	drawText(dst, "B's other inputs", g.LabelDrv, l.Small, false, anim.TextDim, false, alignEnd)
	// What is happening now, under the caption.
	drawText(dst, n.moment(m), anim.Point{X: l.CellCaption.Min.X, Y: l.CellCaption.Max.Y + l.Small*0.2}, l.Small, false, anim.TextBody, false)
}

// moment says in words what the trial is showing.
func (n *Neuron) moment(m NeuronMoment) string {
	t := n.trial
	switch {
	case n.pause > 0 || m.Changed:
		if t.Dt > 0 {
			return "A fired first, then B: the synapse grows (LTP)"
		} else if t.Dt < 0 {
			return "B fired first, then A: the synapse shrinks (LTD)"
		}
		return "the same instant: no order, no change"
	case m.BAP >= 0:
		return "B fired: its action potential runs back into its dendrites (bAP)"
	case m.Fired > 0:
		return "B fired"
	case m.EPSP > 0:
		return "A's spike arrived: an EPSP at the synapse"
	case m.PreSpike >= 0:
		return "A fires: its spike runs down the axon"
	case m.DriveSpike >= 0:
		return "B's other inputs drive it to fire"
	}
	return ""
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func fillPath(dst *ebiten.Image, path *vector.Path, col color.NRGBA) {
	if white == nil {
		white = whitePixel()
	}
	vs, is := path.AppendVerticesAndIndicesForFilling(nil, nil)
	r, g, b, a := float32(col.R)/255, float32(col.G)/255, float32(col.B)/255, float32(col.A)/255
	for j := range vs {
		vs[j].SrcX, vs[j].SrcY = 1, 1
		vs[j].ColorR, vs[j].ColorG, vs[j].ColorB, vs[j].ColorA = r, g, b, a
	}
	dst.DrawTriangles(vs, is, white, &ebiten.DrawTrianglesOptions{FillRule: ebiten.FillRuleNonZero})
}

func (n *Neuron) drawControls(dst *ebiten.Image) {
	l := &n.lay
	drawText(dst, anim.DtLabel(n.dt), l.SliderLabel, l.Small, true, anim.TextStrong, false)
	drawSlider(dst, &n.slider, l.Scale, BAPColor)
	drawButton(dst, l.Toggle, "window: "+anim.ShortWindowName(n.biPoo), l.Small, n.ptr, false)
	drawText(dst, fmt.Sprintf("weight A→B: %.4f (started at %.1f)", n.weight, initialWeight), l.WeightLabel, l.Small, false, anim.TextBody, false)
}

func (n *Neuron) drawPlot(dst *ebiten.Image) {
	l := &n.lay
	ax := l.PlotAxes
	sc := l.Scale
	drawText(dst, "STDP window: Δw (×10⁻³) against Δt", l.Plot.Title.Min, l.Small, true, anim.TextStrong, false)
	// Grid: Δw = 0 and Δt = 0, and ticks.
	z0, z1 := ax.Map(ax.X0, 0), ax.Map(ax.X1, 0)
	vector.StrokeLine(dst, float32(z0.X), float32(z0.Y), float32(z1.X), float32(z1.Y), float32(sc), anim.GridLine, false)
	v0, v1 := ax.Map(0, ax.Y0), ax.Map(0, ax.Y1)
	vector.StrokeLine(dst, float32(v0.X), float32(v0.Y), float32(v1.X), float32(v1.Y), float32(sc), anim.GridLine, false)
	for _, y := range []float64{5, 0, -5} {
		p := ax.Map(ax.X0, y)
		drawText(dst, anim.FormatSigned(y), anim.Point{X: p.X - l.Small*0.4, Y: p.Y - anim.LineHeight(l.Small)/2}, l.Small, false, anim.TextDim, false, alignEnd)
	}
	for _, x := range []float64{-100, -50, 0, 50, 100} {
		p := ax.Map(x, ax.Y0)
		drawText(dst, anim.FormatSigned(x), anim.Point{X: p.X, Y: p.Y + l.Small*0.2}, l.Small, false, anim.TextDim, false, alignCenter)
	}
	drawText(dst, "Δt (ms): B after A →", anim.Point{X: ax.Rect.Max.X, Y: ax.Rect.Max.Y + anim.LineHeight(l.Small)}, l.Small, false, anim.TextDim, false, alignEnd)
	drawText(dst, "← B before A", anim.Point{X: ax.Rect.Min.X, Y: ax.Rect.Max.Y + anim.LineHeight(l.Small)}, l.Small, false, anim.TextDim, false)

	// The curve, in two pieces (it jumps at 0).
	dt, dw := n.Curve()
	var neg, pos []anim.Point
	for i := range dt {
		p := ax.Map(dt[i], dw[i]*1000)
		if dt[i] < 0 {
			neg = append(neg, p)
		} else if dt[i] > 0 {
			pos = append(pos, p)
		}
	}
	strokePolyline(dst, neg, 2*sc, anim.Negative)
	strokePolyline(dst, pos, 2*sc, anim.Positive)
	drawText(dst, anim.WindowLabel(n.biPoo), anim.Point{X: ax.Rect.Min.X + l.Small*0.5, Y: ax.Rect.Min.Y}, l.Small, false, anim.TextBody, false)

	// Δt now, and the viewer's points.
	c0, c1 := ax.Map(n.dt, ax.Y0), ax.Map(n.dt, ax.Y1)
	for y := c1.Y; y < c0.Y; y += 8 * sc {
		vector.StrokeLine(dst, float32(c0.X), float32(y), float32(c0.X), float32(math.Min(y+4*sc, c0.Y)), float32(1.2*sc), BAPColor, false)
	}
	for _, p := range n.points {
		q := ax.Map(p.Dt, p.Dw*1000)
		vector.DrawFilledCircle(dst, float32(q.X), float32(q.Y), float32(4*sc), anim.TextStrong, false)
		vector.StrokeCircle(dst, float32(q.X), float32(q.Y), float32(4*sc), float32(1.5*sc), anim.SignedColor(p.Dw/0.005), false)
	}
	if len(n.points) == 0 {
		drawText(dst, "your pairings appear here as dots", anim.Point{X: ax.Rect.Max.X - l.Small*0.5, Y: ax.Rect.Max.Y - 1.4*anim.LineHeight(l.Small)}, l.Small, false, anim.TextDim, false, alignEnd)
	}
}

func (n *Neuron) drawContrast(dst *ebiten.Image) {
	l := &n.lay
	g := l.Net
	sc := l.Scale
	sizes := l.NetSizes
	cap := anim.Wrap("An artificial net's backprop: the output error crosses every layer", l.Small, l.ContrastCaption.Dx(), true)
	for i, s := range cap {
		drawText(dst, s, anim.Point{X: l.ContrastCaption.Min.X, Y: l.ContrastCaption.Min.Y + float64(i)*anim.LineHeight(l.Small)}, l.Small, true, anim.TextStrong, false)
	}
	L := len(sizes) - 1
	// The sweep: δ crosses the edges into layer k from the output down.
	period := anim.PulseSecondsPerLayer * float64(L+1)
	ph := math.Mod(n.sweep, period) / anim.PulseSecondsPerLayer
	crossing := L - int(ph) // the layer whose incoming edges δ is on
	frac := ph - math.Floor(ph)
	weights := 0
	for k := 1; k <= L; k++ {
		weights += sizes[k] * sizes[k-1]
		for _, a := range g.Pos[k] {
			for _, b := range g.Pos[k-1] {
				col := anim.WithAlpha(DendriteColor, 0.7)
				if k > crossing && crossing >= 1 || crossing < 1 {
					col = anim.WithAlpha(BAPColor, 0.55) // already changed in this sweep
				}
				vector.StrokeLine(dst, float32(b.X), float32(b.Y), float32(a.X), float32(a.Y), float32(1.4*sc), col, false)
				if k == crossing {
					p := anim.Point{X: a.X + frac*(b.X-a.X), Y: a.Y + frac*(b.Y-a.Y)}
					vector.DrawFilledCircle(dst, float32(p.X), float32(p.Y), float32(3*sc), BAPColor, false)
				}
			}
		}
	}
	for k, layer := range g.Pos {
		for _, p := range layer {
			vector.DrawFilledCircle(dst, float32(p.X), float32(p.Y), float32(g.Radius), anim.UnitIdle, false)
			vector.StrokeCircle(dst, float32(p.X), float32(p.Y), float32(g.Radius), float32(1.5*sc), anim.UnitRing, false)
		}
		if k == L {
			p := layer[0]
			drawText(dst, "error", anim.Point{X: p.X, Y: p.Y + g.Radius + l.Small*0.3}, l.Small, false, BAPColor, false, alignCenter)
		}
	}
	note := fmt.Sprintf("backprop changes all %d weights, across %d layers; STDP changed 1 synapse", weights, L)
	note = anim.Ellipsize(note, l.Small, l.Contrast.Dx()-l.Small*1.2, false)
	drawText(dst, note, l.ContrastNote, l.Small, false, anim.TextBody, false)
}
