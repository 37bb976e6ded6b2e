package scenes

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"propagate/engine"
	"propagate/scenes/anim"
)

// drawCache holds what Draw reuses between frames. It is rebuilt when the
// area or the scale changes; heatmap images are rewritten (WritePixels)
// only when their run's weights changed.
type drawCache struct {
	area      anim.Rect
	scale     float64
	strip     bool // laid out with phase strips (explain mode)
	lay       anim.CompareLayout
	geoms     [2]anim.NetGeom
	plane     [2]*ebiten.Image // the output over the plane, Res×Res
	points    [2]*ebiten.Image // the training (and test) points, at the plane's size
	units     [2]*thumbSheet   // per-unit thumbnails
	pix       []byte
	heatDirty [2]bool
	heatRes   [2][2]int // the plane's and the unit thumbnails' resolution the layout asks for
	buttons   []button
	path      vector.Path
	pts       []anim.Point
	piece     []anim.Point // a dash of a dashed curve
	batch     triBatch     // the nets
	lines     triBatch     // the charts' curves, the legend's, the data points
	plots     [3]plotImage // the loss, agreement and norm-ratio plots
	legend    plotImage    // the legend, redrawn when the layout changes
}

// plotImage is a plot drawn once into an image of its own, and drawn again
// only when Update marks it stale (its data changed, at most every
// plotEvery ticks while playing) or its box moved: stroking the curves is
// most of a frame's drawing otherwise.
type plotImage struct {
	img   *ebiten.Image
	box   anim.Rect
	stale bool
}

// drawPlot draws a plot into box of dst through its image p, redrawing the
// image with draw (at the same pixels: the image sits on whole pixels) when
// it is stale.
func (c *Compare) drawPlot(dst *ebiten.Image, p *plotImage, box anim.Rect, draw func(*ebiten.Image, anim.Rect)) {
	x0, y0 := math.Floor(box.Min.X), math.Floor(box.Min.Y)
	w, h := int(math.Ceil(box.Max.X)-x0), int(math.Ceil(box.Max.Y)-y0)
	if w <= 0 || h <= 0 {
		return
	}
	if p.img == nil || p.box != box {
		if p.img != nil {
			p.img.Deallocate()
		}
		p.img, p.box, p.stale = ebiten.NewImage(w, h), box, true
	}
	if p.stale {
		p.img.Clear()
		local := box.Add(anim.Point{X: -x0, Y: -y0})
		draw(p.img, local)
		p.stale = false
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(x0, y0)
	dst.DrawImage(p.img, op)
}

type button struct {
	r     anim.Rect
	label string
	act   func(c *Compare)
}

var whitePixel = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
}

var white *ebiten.Image

// Name is the link's name of the scene.
func (c *Compare) Name() string { return "compare" }

// Layout lays the scene out in area when it or the scale changed, and
// (re)builds the heatmaps the new size asks for.
func (c *Compare) Layout(area anim.Rect, scale float64) {
	if white == nil {
		white = whitePixel()
	}
	c.relayout(area, scale)
}

// Draw renders the scene into its area of screen.
func (c *Compare) Draw(screen *ebiten.Image) {
	if c.draw.scale == 0 {
		return // not laid out yet
	}
	tickText()
	l := &c.draw.lay
	for i := range c.runs {
		if i < 2 {
			c.drawPanel(screen, i)
		}
	}
	if !l.Folded { // no room for the charts: the networks keep theirs
		c.drawPlot(screen, &c.draw.plots[0], l.Loss, c.drawLoss)
		c.drawPlot(screen, &c.draw.plots[1], l.Agreement, c.drawAgreement)
		c.drawPlot(screen, &c.draw.plots[2], l.Ratio, c.drawRatio)
		c.drawPlot(screen, &c.draw.legend, l.Legend, c.drawLegend)
	}
	c.drawButtons(screen)
	c.drawDrawTool(screen)
	c.drawHover(screen)
}

func (c *Compare) relayout(area anim.Rect, scale float64) {
	d := &c.draw
	strip := c.mode == ModeExplain
	if d.area == area && d.scale == scale && d.strip == strip && d.lay.Panels[0].Box.Dx() > 0 {
		return
	}
	d.area, d.scale, d.strip = area, scale, strip
	rules := [2]string{}
	for i := range min(2, len(c.runs)) {
		rules[i] = c.runs[i].View().Rule()
	}
	if len(c.runs) == 1 {
		rules[1] = rules[0]
	}
	plane := c.planeData()
	d.lay = anim.Layout(area, scale, anim.LayoutOptions{Rules: rules, Plane: plane, Strip: strip})
	d.legend.stale = true // its entries may change with the box (explain mode's)
	for i := range min(2, len(c.runs)) {
		net := d.lay.Panels[i].Net
		sizes := c.runs[i].View().Sizes()
		// The top line of the net's box holds the layer labels.
		net.Min.Y += anim.LineHeight(d.lay.Text.Small)
		d.geoms[i] = anim.NetGeom{Pos: anim.UnitPositions(sizes, net), Radius: anim.NetRadius(sizes, net)}
		if plane {
			c.setHeatRes(i)
			c.drawPoints(i)
		}
	}
	c.layoutButtons()
}

// setHeatRes sets the resolution of panel i's heatmaps: a cell per 4
// screen pixels, at most 50 a side, fewer when refreshing costs too much
// (heatQ[i]). Update builds the heatmaps at this resolution (buildHeatmaps).
func (c *Compare) setHeatRes(i int) {
	d := &c.draw
	d.heatRes[i] = [2]int{
		int(anim.Clamp(d.lay.Panels[i].Plane.Dx()/4*c.heatQ[i], 16, 50)),
		int(anim.Clamp(d.geoms[i].Radius*1.4/2, 8, 20)),
	}
}

// drawPoints renders the data points once per layout into an image the
// size of the plane, so a frame draws them with one DrawImage.
func (c *Compare) drawPoints(i int) {
	d := &c.draw
	pl := d.lay.Panels[i].Plane
	w, h := int(math.Ceil(pl.Dx())), int(math.Ceil(pl.Dy()))
	if w <= 0 || h <= 0 {
		return
	}
	if d.points[i] != nil {
		d.points[i].Deallocate()
	}
	img := ebiten.NewImage(w, h)
	d.points[i] = img
	r := float32(math.Max(1.8, 2.6*d.scale*math.Min(1, pl.Dx()/220)))
	local := anim.Rect{Min: anim.Point{X: 0, Y: 0}, Max: anim.Point{X: pl.Dx(), Y: pl.Dy()}}
	// Every point's disc and ring go into one triangle list, in the order
	// they overlap, and out in as few DrawTriangles as the 16-bit indices
	// allow: a call per circle cost a quarter of the page's start-up. One
	// disc and one ring are tessellated, about the origin, and copied to
	// every point: tessellating a path per point was most of the cost of
	// the page's first layout.
	b := &d.lines
	b.reset()
	var circle vector.Path
	circle.Arc(0, 0, r, 0, 2*math.Pi, vector.Clockwise)
	stroke := &vector.StrokeOptions{Width: float32(math.Max(1, 0.9*d.scale))}
	discV, discI := circle.AppendVerticesAndIndicesForFilling(nil, nil)
	ringV, ringI := circle.AppendVerticesAndIndicesForStroke(nil, nil, stroke)
	draw := func(set []engine.Example, ring color.NRGBA) {
		mid := midOf(c.runs[i])
		for _, ex := range set {
			p := planePoint(local, ex.P)
			fill := anim.Positive
			if ex.Y[0] < mid {
				fill = anim.Negative
			}
			b.mesh(img, discV, discI, p, fill)
			b.mesh(img, ringV, ringI, p, ring)
		}
	}
	points := len(c.runs[i].View().Train())
	if c.cfg.ShowTestData {
		points += len(c.runs[i].View().Test())
	}
	b.grow(points*(len(discV)+len(ringV)), points*(len(discI)+len(ringI)))
	draw(c.runs[i].View().Train(), color.NRGBA{0xff, 0xff, 0xff, 0xd0})
	if c.cfg.ShowTestData {
		draw(c.runs[i].View().Test(), color.NRGBA{0x10, 0x10, 0x10, 0xff})
	}
	b.flush(img)
}

// appendMesh appends the triangles (mv, mi) moved by at and painted col
// (straight alpha, as vcolor: DrawTriangles's default ColorScaleMode;
// sampling the white source pixel at (1, 1)) to vs and is.
func appendMesh(vs []ebiten.Vertex, is []uint16, mv []ebiten.Vertex, mi []uint16, at anim.Point, col color.NRGBA) ([]ebiten.Vertex, []uint16) {
	n := uint16(len(vs))
	x, y := float32(at.X), float32(at.Y)
	r, g, b, a := vcolor(col)
	for _, v := range mv {
		vs = append(vs, whiteVertex(v.DstX+x, v.DstY+y, r, g, b, a))
	}
	for _, j := range mi {
		is = append(is, n+j)
	}
	return vs, is
}

func midOf(r *engine.Run) float64 {
	lo, hi := r.View().OutputRange()
	return (lo + hi) / 2
}

func planePoint(pl anim.Rect, p [2]float64) anim.Point {
	return anim.Point{
		X: pl.Min.X + (p[0]+engine.PlaneExtent)/(2*engine.PlaneExtent)*pl.Dx(),
		Y: pl.Max.Y - (p[1]+engine.PlaneExtent)/(2*engine.PlaneExtent)*pl.Dy(),
	}
}

func (c *Compare) frameOf(i int) (anim.Frame, bool) {
	if c.mode != ModeExplain || c.tls[i] == nil {
		return anim.Frame{}, false
	}
	return anim.FrameAt(c.tls[i], c.step[i].Clock, c.draw.geoms[i]), true
}

func (c *Compare) drawPanel(dst *ebiten.Image, i int) {
	d := &c.draw
	p := d.lay.Panels[i]
	r := c.runs[i]
	diverged, why := r.Diverged()
	border := anim.PanelBorder
	if diverged {
		border = anim.Diverged
	}
	fillRect(dst, p.Box, anim.PanelFill)
	vector.StrokeRect(dst, float32(p.Box.Min.X), float32(p.Box.Min.Y), float32(p.Box.Dx()), float32(p.Box.Dy()), float32(math.Max(1, d.scale)), border, aa)

	sz := d.lay.Text
	title := anim.TitleFor(r.View().Rule(), p.Title.Dx(), sz.Title)
	drawText(dst, title, p.Title.Min, sz.Title, true, anim.RuleColor(r.View().Rule()), false)

	f, explain := c.frameOf(i)
	caption, capColor := c.caption(i), anim.TextBody
	if stalled, _ := r.Stalled(); diverged || (stalled && !explain) {
		capColor = anim.Diverged
	}
	lines := anim.Wrap(caption, sz.Body, p.Caption.Dx(), false)
	lh := anim.LineHeight(sz.Body)
	for n, line := range lines {
		if n >= p.CaptionLines {
			break
		}
		drawText(dst, line, anim.Point{X: p.Caption.Min.X, Y: p.Caption.Min.Y + float64(n)*lh}, sz.Body, false, capColor, false)
	}
	// The phase name and counter at the right of the title line.
	if explain && !diverged {
		tag := f.Short
		if f.Counter != "" {
			tag += " · " + f.Counter
		}
		room := p.Title.Dx() - anim.TextWidth(title, sz.Title, true) - sz.Small
		if room > sz.Small*4 {
			tag = anim.Ellipsize(tag, sz.Small, room, false)
			drawText(dst, tag, anim.Point{X: p.Title.Max.X, Y: p.Title.Min.Y + (anim.LineHeight(sz.Title)-anim.LineHeight(sz.Small))/2}, sz.Small, false, phaseColor(f.Kind), true)
		}
	}

	c.uploadHeat(i) // before the net: its units show the heatmaps
	c.drawNet(dst, i, f, explain)
	if p.Plane.Dx() > 0 {
		c.drawPlane(dst, i, f, explain)
	}
	if p.Strip.Dx() > 0 && explain {
		c.drawStrip(dst, i, c.stripCells()[i])
	}

	last := c.met[i] // computed in Update
	stats := anim.StatsLine(last.Loss, last.TrainAcc, last.TestAcc, c.metStep[i], c.metStep[i]*c.cfg.BatchSize/max(1, len(r.View().Train())), diverged)
	if diverged {
		stats = "stopped: " + why
	} else if c.metStep[i] < 0 {
		stats = "" // not measured yet (the first frame)
	}
	drawText(dst, anim.StatsFor(stats, p.Stats.Dx(), sz.Small), p.Stats.Min, sz.Small, false, anim.TextDim, false)
}

func phaseColor(k anim.PhaseKind) color.NRGBA {
	switch k {
	case anim.PhaseError, anim.PhaseBackward, anim.PhaseErrorNode:
		return anim.DeltaPulse
	case anim.PhaseFeedback, anim.PhaseClamped, anim.PhaseFree:
		return anim.FeedbackEdge
	case anim.PhaseClamp:
		return anim.ClampMarker
	}
	return anim.TextBody
}

func (c *Compare) drawNet(dst *ebiten.Image, i int, f anim.Frame, explain bool) {
	d := &c.draw
	g := d.geoms[i]
	run := c.runs[i].View()
	sizes := run.Sizes()
	L := len(sizes) - 1
	rad := g.Radius
	info := run.Spec()
	sc := d.scale
	b := &d.batch
	b.reset()

	// Every edge, pulse and unit disc goes into one batch, drawn with one
	// call; the thumbnails (images) are drawn between the discs and their
	// rings. Feedback edges first, under the forward ones.
	sweepK, sweepA := c.sweepAt(L)
	if info.Feedback.Separate() {
		for k := 1; k <= L; k++ {
			lit := 0.0
			if explain && k < len(f.FeedbackGlow) {
				lit = f.FeedbackGlow[k]
			}
			if !explain && k == sweepK {
				lit = sweepA
			}
			col := anim.WithAlpha(anim.FeedbackEdge, 0.35+0.6*lit)
			w := float32(math.Max(1, sc*(1+1.2*lit)))
			switch info.Feedback {
			case engine.FeedbackDirect:
				if k == L {
					continue
				}
				for o := range sizes[L] {
					for j := range sizes[k] {
						c.batchCurve(dst, anim.DirectPath(g, k, o, j), w, col)
					}
				}
			default:
				for u := range sizes[k] {
					for j := range sizes[k-1] {
						c.batchCurve(dst, anim.FeedbackPath(g, k, u, j), w, col)
					}
				}
			}
		}
	}
	// Forward edges: sign by colour, size by width; glow for Hebbian/Δw.
	for k := 1; k <= L; k++ {
		for u := range sizes[k] {
			for j := range sizes[k-1] {
				w := run.Weight(k, u, j)
				glow := 0.0
				x := u*sizes[k-1] + j
				if explain && k < len(f.Edges) && x < len(f.Edges[k]) {
					w, glow = f.Edges[k][x].W, f.Edges[k][x].Glow
				}
				a, bb := g.Pos[k-1][j], g.Pos[k][u]
				if glow != 0 {
					gc := anim.SignedColor(glow)
					gc.A = uint8(200 * math.Min(1, math.Abs(glow)))
					b.line(dst, float32(a.X), float32(a.Y), float32(bb.X), float32(bb.Y), float32(anim.EdgeWidth(w, rad)+rad*0.35*math.Abs(glow)), gc)
				}
				ec := anim.EdgeColor(w)
				if !explain && info.Feedback == engine.FeedbackTransposed && k == sweepK {
					ec = anim.Mix(ec, anim.DeltaPulse, sweepA*0.6)
				}
				b.line(dst, float32(a.X), float32(a.Y), float32(bb.X), float32(bb.Y), float32(anim.EdgeWidth(w, rad)), ec)
			}
		}
	}
	// Pulses.
	if explain {
		for _, p := range f.Pulses {
			halo := p.Color
			halo.A /= 4
			b.disc(dst, float32(p.Pos.X), float32(p.Pos.Y), float32(p.Radius*2), halo)
			b.disc(dst, float32(p.Pos.X), float32(p.Pos.Y), float32(p.Radius), p.Color)
		}
	}
	// Units: discs (and activity signals) in the batch, then thumbnails,
	// then every ring in a second batch.
	lo, hi := run.Activation(1).Range()
	olo, ohi := run.Activation(L).Range()
	thumbs := false
	for k, layer := range g.Pos {
		for u, pt := range layer {
			x, y := float32(pt.X), float32(pt.Y)
			r := float32(rad)
			if explain && k < len(f.Units) && u < len(f.Units[k]) {
				uv := f.Units[k][u]
				l0, h0 := lo, hi
				if k == L {
					l0, h0 = olo, ohi
				}
				if k == 0 {
					l0, h0 = -1, 1
					if c.planeData() {
						l0, h0 = -engine.PlaneExtent, engine.PlaneExtent
					}
				}
				fill := anim.Mix(anim.UnitIdle, anim.Diverging(uv.Act, l0, h0), uv.Known)
				b.disc(dst, x, y, r, fill)
				if uv.HasSignal && uv.Signal != 0 {
					col := anim.DeltaPulse
					if uv.SignalKind == anim.PhaseClamped {
						col = anim.FeedbackEdge
					}
					sw := float32(math.Max(1.5*sc, rad*0.45*math.Min(1, math.Abs(uv.Signal))))
					b.ring(dst, x, y, r+sw/2+float32(sc), sw, col)
				}
			} else {
				b.disc(dst, x, y, r, anim.UnitIdle)
				thumbs = true
			}
		}
	}
	b.flush(dst)
	if sheet := d.units[i]; thumbs && c.heat[i] != nil {
		for k, layer := range g.Pos {
			for u, pt := range layer {
				if sheet.has(k, u) {
					sheet.add(k, u, pt, rad*1.3)
				}
			}
		}
		sheet.flush(dst)
	}
	for _, layer := range g.Pos {
		for _, pt := range layer {
			b.ring(dst, float32(pt.X), float32(pt.Y), float32(rad), float32(math.Max(1, rad*0.08)), anim.UnitRing)
		}
	}
	// The clamp: a thick bracket around each output unit and the target.
	if explain && f.Clamp > 0 {
		for _, pt := range g.Pos[L] {
			s := rad * 1.55
			col := anim.WithAlpha(anim.ClampMarker, f.Clamp)
			sw := float32(math.Max(3*sc, rad*0.22))
			b.strokeRect(dst, float32(pt.X-s), float32(pt.Y-s), float32(2*s), float32(2*s), sw, col)
		}
	}
	b.flush(dst)
	if explain && f.Clamp > 0 {
		for u, pt := range g.Pos[L] {
			s := rad * 1.55
			col := anim.WithAlpha(anim.ClampMarker, f.Clamp)
			if u < len(f.Units[L]) {
				label := fmt.Sprintf("target %.2g", f.Units[L][u].Target)
				if info.Nudges {
					label = "nudge → " + fmt.Sprintf("%.2g", f.Units[L][u].Target)
				}
				size := d.lay.Text.Small
				drawText(dst, label, anim.Point{X: pt.X, Y: pt.Y + s + 2*sc}, size, true, col, false, alignCenter)
			}
		}
	}
	// Layer labels on the net's top line.
	size := d.lay.Text.Small
	for k := range g.Pos {
		drawText(dst, d.layerLabel(k, L, size, g.Radius), anim.Point{X: g.Pos[k][0].X, Y: d.lay.Panels[i].Net.Min.Y}, size, false, anim.TextDim, false, alignCenter)
	}
}

// layerLabel is layer k's name as it fits above its column.
func (d *drawCache) layerLabel(k, L int, size, radius float64) string {
	long, short := fmt.Sprintf("hidden %d", k), fmt.Sprintf("h%d", k)
	switch k {
	case 0:
		long, short = "input", "in"
	case L:
		long, short = "output", "out"
	}
	if anim.TextWidth(long, size, false) > 2*radius+size*2 {
		return short
	}
	return long
}

// batchCurve adds a (curved) edge to the net's batch.
func (c *Compare) batchCurve(dst *ebiten.Image, e anim.EdgePath, width float32, col color.NRGBA) {
	c.draw.batch.curve(dst, e, width, col)
}

// sweepAt is the train mode's faint backward sweep: which layer's edges are
// lit and how brightly, cycling from the output back to the input once
// every sweepPeriod seconds.
func (c *Compare) sweepAt(L int) (int, float64) {
	const sweepPeriod = 1.2
	if c.mode != ModeTrain || L < 1 {
		return -1, 0
	}
	ph := math.Mod(c.sweep, sweepPeriod) / sweepPeriod * float64(L)
	k := L - int(ph)
	frac := ph - math.Floor(ph)
	return k, 0.5 * math.Sin(math.Pi*frac)
}

func (c *Compare) drawThumb(dst, img *ebiten.Image, at anim.Point, side float64) {
	b := img.Bounds()
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(side/float64(b.Dx()), side/float64(b.Dy()))
	op.GeoM.Translate(at.X-side/2, at.Y-side/2)
	op.Filter = ebiten.FilterLinear
	dst.DrawImage(img, op)
}

func (c *Compare) drawPlane(dst *ebiten.Image, i int, f anim.Frame, explain bool) {
	d := &c.draw
	pl := d.lay.Panels[i].Plane
	h := c.heat[i]
	if h == nil {
		return
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(pl.Dx()/float64(h.Res), pl.Dy()/float64(h.Res))
	op.GeoM.Translate(pl.Min.X, pl.Min.Y)
	op.Filter = ebiten.FilterLinear
	dst.DrawImage(d.plane[i], op)
	if pts := d.points[i]; pts != nil {
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(math.Round(pl.Min.X), math.Round(pl.Min.Y))
		dst.DrawImage(pts, op)
	}
	vector.StrokeRect(dst, float32(pl.Min.X), float32(pl.Min.Y), float32(pl.Dx()), float32(pl.Dy()), float32(d.scale), anim.PanelBorder, aa)
	// The example being explained, ringed.
	if explain && c.tls[i] != nil {
		tr := &c.traces[i]
		for _, ex := range c.runs[i].View().Train() {
			if sameInput(ex.X, tr.Input) {
				p := planePoint(pl, ex.P)
				vector.StrokeCircle(dst, float32(p.X), float32(p.Y), float32(7*d.scale), float32(2*d.scale), anim.ForwardPulse, aa)
				break
			}
		}
	}
	lab := d.lay.Panels[i].PlaneLabel
	drawText(dst, anim.PlaneLabelFor(lab.Dx(), d.lay.Text.Small), lab.Min, d.lay.Text.Small, false, anim.TextDim, false)
}

func sameInput(a, b []float64) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (c *Compare) drawLoss(dst *ebiten.Image, box anim.Rect) {
	d := &c.draw
	size := d.lay.Text.Small
	top := 0.0
	maxStep := 1.0
	for _, r := range c.runs {
		for _, m := range r.History() {
			if !math.IsNaN(m.Loss) && !math.IsInf(m.Loss, 0) {
				top = math.Max(top, math.Max(m.Loss, m.TestLoss))
			}
			maxStep = math.Max(maxStep, float64(m.Step))
		}
	}
	top = anim.NiceMax(top)
	pf := anim.NewPlotFrame(box, size, []string{anim.FormatTick(top), anim.FormatTick(top / 2)})
	fillRect(dst, box, anim.PanelFill)
	drawText(dst, "loss (train —, test - -)", anim.Point{X: pf.Title.Min.X + size*0.3, Y: pf.Title.Min.Y}, size, true, anim.TextBody, false)
	ax := anim.Axes{Rect: pf.Axes, X0: 0, X1: maxStep, Y0: 0, Y1: top}
	c.grid(dst, ax, []float64{0, top / 2, top}, size)
	for _, ln := range c.lossLines() {
		c.drawLine(dst, ax, ln)
	}
	drawText(dst, "step "+anim.FormatTick(maxStep), anim.Point{X: pf.Axes.Max.X, Y: pf.Axes.Max.Y + 1}, size, false, anim.TextDim, false, alignEnd)
}

func (c *Compare) drawAgreement(dst *ebiten.Image, box anim.Rect) {
	d := &c.draw
	size := d.lay.Text.Small
	pf := anim.NewPlotFrame(box, size, []string{"−1", "0", "1"})
	fillRect(dst, box, anim.PanelFill)
	title := anim.AgreementTitle(pf.Title.Dx()-size*0.3, size)
	drawText(dst, title, anim.Point{X: pf.Title.Min.X + size*0.3, Y: pf.Title.Min.Y}, size, true, anim.TextBody, false)
	maxStep, any := seriesEnd(c.agree)
	ax := anim.Axes{Rect: pf.Axes, X0: 0, X1: maxStep, Y0: -1, Y1: 1}
	c.grid(dst, ax, []float64{-1, 0, 1}, size)
	if !any {
		msg := "both runs are backprop"
		drawText(dst, msg, anim.Point{X: (pf.Axes.Min.X + pf.Axes.Max.X) / 2, Y: pf.Axes.Min.Y + pf.Axes.Dy()/2 - size}, size, false, anim.TextDim, false, alignCenter)
		return
	}
	// Raw per-batch cosines faint and thin; their moving average on top,
	// each line labelled with its layer just above its end, the labels
	// kept inside the axes (a curve of one point ends at their left edge)
	// and off each other (SpreadLabels).
	type endLabel struct {
		text string
		x    float64 // where the label ends
		col  color.NRGBA
	}
	var labels []endLabel
	var texts []string
	var tops []float64
	lh := anim.LineHeight(size)
	for _, ln := range c.agreementLines() {
		c.drawLine(dst, ax, ln)
		if ln.view.What == "cosine" && len(ln.xs) > 0 {
			n := len(ln.xs)
			label := fmt.Sprintf("L%d", ln.view.Layer)
			if ln.last {
				label = "out"
			}
			if y := ln.ys[n-1]; !math.IsNaN(y) && !math.IsInf(y, 0) {
				p := ax.Map(ln.xs[n-1], y)
				x := math.Max(p.X-2*d.scale, pf.Axes.Min.X+anim.TextWidth(label, size, false))
				labels = append(labels, endLabel{label, x, ln.col})
				texts, tops = append(texts, label), append(tops, p.Y-lh)
			}
		}
	}
	// A layer's label once where both rules' curves for it end together,
	// in the neutral colour (the curves carry the rules' colours).
	var merged []endLabel
	var mtops []float64
	for _, g := range anim.MergeLabels(texts, tops, lh) {
		l, top := labels[g[0]], tops[g[0]]
		for _, i := range g[1:] {
			l.x, l.col, top = math.Max(l.x, labels[i].x), anim.TextDim, math.Min(top, tops[i])
		}
		merged, mtops = append(merged, l), append(mtops, top)
	}
	for i, y := range anim.SpreadLabels(mtops, lh, pf.Axes.Min.Y, pf.Axes.Max.Y) {
		l := merged[i]
		drawText(dst, l.text, anim.Point{X: l.x, Y: y}, size, false, l.col, false, alignEnd)
	}
	drawText(dst, "step "+anim.FormatTick(maxStep), anim.Point{X: pf.Axes.Max.X, Y: pf.Axes.Max.Y + 1}, size, false, anim.TextDim, false, alignEnd)
}

// drawRatio is the norm ratio ‖ΔW_rule‖/‖ΔW_bp‖ per layer on a log scale,
// beside the cosine: 1 is backprop's step size, 0.1 a layer learning ten
// times too slowly in the same direction.
func (c *Compare) drawRatio(dst *ebiten.Image, box anim.Rect) {
	if box.Dx() <= 0 {
		return
	}
	d := &c.draw
	size := d.lay.Text.Small
	pf := anim.NewPlotFrame(box, size, []string{"100", "10", "0.01"})
	fillRect(dst, box, anim.PanelFill)
	drawText(dst, anim.RatioTitle(pf.Title.Dx()-size*0.3, size), anim.Point{X: pf.Title.Min.X + size*0.3, Y: pf.Title.Min.Y}, size, true, anim.TextBody, false)
	maxStep, any := seriesEnd(c.ratio)
	ax := anim.Axes{Rect: pf.Axes, X0: 0, X1: maxStep, Y0: -anim.RatioDecades, Y1: anim.RatioDecades}
	for _, y := range []float64{-anim.RatioDecades, 0, anim.RatioDecades} {
		p := ax.Map(ax.X0, y)
		vector.StrokeLine(dst, float32(ax.Rect.Min.X), float32(p.Y), float32(ax.Rect.Max.X), float32(p.Y), 1, anim.GridLine, false)
		drawText(dst, anim.FormatTick(math.Pow(10, y)), anim.Point{X: ax.Rect.Min.X - size*0.35, Y: p.Y - anim.LineHeight(size)/2}, size, false, anim.TextDim, false, alignEnd)
	}
	if !any {
		return
	}
	for _, ln := range c.ratioLines() {
		c.drawLine(dst, ax, ln)
	}
	drawText(dst, "step "+anim.FormatTick(maxStep), anim.Point{X: pf.Axes.Max.X, Y: pf.Axes.Max.Y + 1}, size, false, anim.TextDim, false, alignEnd)
}

// seriesEnd is the largest step the plot's series reach (at least 1), and
// whether any has a point.
func seriesEnd(series [2][]anim.Series) (maxStep float64, any bool) {
	maxStep = 1
	for i := range series {
		for _, s := range series[i] {
			if n := len(s.X); n > 0 {
				maxStep = math.Max(maxStep, s.X[n-1])
				any = true
			}
		}
	}
	return maxStep, any
}

func (c *Compare) grid(dst *ebiten.Image, ax anim.Axes, ys []float64, size float64) {
	for _, y := range ys {
		p := ax.Map(ax.X0, y)
		vector.StrokeLine(dst, float32(ax.Rect.Min.X), float32(p.Y), float32(ax.Rect.Max.X), float32(p.Y), 1, anim.GridLine, false)
		label := anim.FormatTick(y)
		if y < 0 {
			label = "−" + anim.FormatTick(-y)
		}
		drawText(dst, label, anim.Point{X: ax.Rect.Min.X - size*0.35, Y: p.Y - anim.LineHeight(size)/2}, size, false, anim.TextDim, false, alignEnd)
	}
}

// polyline strokes a curve, dashed if asked, in one draw call: each
// unbroken run of points (each dash) is a strip of its own.
func (c *Compare) polyline(dst *ebiten.Image, ax anim.Axes, xs, ys []float64, width float32, col color.NRGBA, dashed bool) {
	d := &c.draw
	d.pts = d.pts[:0]
	segs := ax.Polyline(xs, ys, d.pts)
	b := &d.lines
	b.reset()
	stroke := func(piece []anim.Point) { b.strip(dst, piece, float64(width), col) }
	dash := 6 * d.scale
	for _, seg := range segs {
		if len(seg) == 1 {
			p := seg[0]
			stroke([]anim.Point{p, {X: p.X + 1, Y: p.Y}})
			continue
		}
		if !dashed {
			stroke(seg)
			continue
		}
		// Dashes of length dash, the gaps as long, measured along the
		// curve across its bends.
		piece := append(d.piece[:0], seg[0])
		on, left := true, dash
		for j := 1; j < len(seg); j++ {
			a, b := seg[j-1], seg[j]
			l := math.Hypot(b.X-a.X, b.Y-a.Y)
			pos := 0.0
			for l-pos > left {
				pos += left
				t := pos / l
				q := anim.Point{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t}
				if on {
					stroke(append(piece, q))
				}
				piece = append(piece[:0], q)
				on, left = !on, dash
			}
			left -= l - pos
			if on {
				piece = append(piece, b)
			} else {
				piece = append(piece[:0], b)
			}
		}
		if on {
			stroke(piece)
		}
		d.piece = piece
	}
	b.flush(dst)
}

// drawLegend draws the legend's entries into box, the layout's legend box
// where dst has it (drawPlot hands it its own image).
func (c *Compare) drawLegend(dst *ebiten.Image, box anim.Rect) {
	d := &c.draw
	size := d.lay.Text.Small
	sc := d.scale
	shift := anim.Point{X: box.Min.X - d.lay.Legend.Min.X, Y: box.Min.Y - d.lay.Legend.Min.Y}
	for _, e := range d.lay.Entries {
		p := e.Pos.Add(shift)
		cy := float32((p.Min.Y + p.Max.Y) / 2)
		x0 := float32(p.Min.X)
		sw := float32(anim.SwatchWidth(size))
		switch e.Swatch {
		case anim.SwatchRun:
			vector.StrokeLine(dst, x0, cy, x0+sw*0.8, cy, float32(2.2*sc), e.Color, aa)
		case anim.SwatchTrainTest:
			vector.StrokeLine(dst, x0, cy, x0+sw*0.35, cy, float32(2*sc), anim.TextBody, aa)
			vector.StrokeLine(dst, x0+sw*0.5, cy, x0+sw*0.62, cy, float32(1.4*sc), anim.TextBody, aa)
			vector.StrokeLine(dst, x0+sw*0.72, cy, x0+sw*0.84, cy, float32(1.4*sc), anim.TextBody, aa)
		case anim.SwatchWeights:
			vector.StrokeLine(dst, x0, cy-float32(2*sc), x0+sw*0.8, cy-float32(2*sc), float32(2.2*sc), anim.Positive, aa)
			vector.StrokeLine(dst, x0, cy+float32(2*sc), x0+sw*0.8, cy+float32(2*sc), float32(2.2*sc), anim.Negative, aa)
		case anim.SwatchForward:
			vector.DrawFilledCircle(dst, x0+sw*0.4, cy, float32(3.5*sc), anim.ForwardPulse, aa)
		case anim.SwatchDelta:
			vector.DrawFilledCircle(dst, x0+sw*0.4, cy, float32(3.5*sc), anim.DeltaPulse, aa)
		case anim.SwatchFeedback:
			c.draw.lines.curve(dst, anim.EdgePath{
				A:    anim.Point{X: float64(x0 + sw*0.8), Y: float64(cy)},
				Ctrl: anim.Point{X: float64(x0 + sw*0.4), Y: float64(cy) + 5*sc},
				B:    anim.Point{X: float64(x0), Y: float64(cy)},
			}, float32(1.8*sc), anim.FeedbackEdge)
			c.draw.lines.flush(dst)
		case anim.SwatchClamp:
			s := float32(4.5 * sc)
			vector.StrokeRect(dst, x0+sw*0.4-s, cy-s, 2*s, 2*s, float32(2*sc), anim.ClampMarker, aa)
		}
		drawText(dst, e.Label, anim.Point{X: p.Min.X + anim.SwatchWidth(size), Y: p.Min.Y}, size, false, anim.TextBody, false)
	}
}

// layoutButtons puts the mode, next-phase and play buttons on the hint row.
func (c *Compare) layoutButtons() {
	d := &c.draw
	h := d.lay.Hint
	size := d.lay.Text.Small
	padX := size * 0.7
	labels := []struct {
		s   string
		act func(c *Compare)
	}{
		{"explain / train", func(c *Compare) { c.setMode(1 - c.mode) }},
		{"‹ previous phase", func(c *Compare) { c.previousPhase(); c.pausePage() }},
		{"next phase", func(c *Compare) {
			if c.mode == ModeExplain {
				c.nextPhase()
				c.pausePage()
			} else {
				c.requestStep++
			}
		}},
		{"play / pause", func(c *Compare) { c.requestPlay = true }},
	}
	d.buttons = d.buttons[:0]
	x := h.Min.X
	for _, l := range labels {
		if l.s == "‹ previous phase" && c.mode != ModeExplain {
			continue
		}
		w := anim.TextWidth(l.s, size, false) + 2*padX
		if x+w > h.Max.X {
			break
		}
		d.buttons = append(d.buttons, button{anim.Rect{Min: anim.Point{X: x, Y: h.Min.Y}, Max: anim.Point{X: x + w, Y: h.Max.Y}}, l.s, l.act})
		x += w + size*0.5
	}
}

func (c *Compare) click(p anim.Point) {
	if c.clickStrip(p) {
		return
	}
	for _, b := range c.draw.buttons {
		if b.r.In(p) {
			b.act(c)
			return
		}
	}
}

func (c *Compare) drawButtons(dst *ebiten.Image) {
	d := &c.draw
	size := d.lay.Text.Small
	end := d.lay.Hint.Min.X
	for _, b := range d.buttons {
		label := b.label
		if b.label == "next phase" && c.mode == ModeTrain {
			label = "step"
		}
		hover := c.in.HasPointer && b.r.In(c.in.Pointer)
		bg := anim.PanelBorder
		if hover {
			bg = anim.GridLine
		}
		fillRect(dst, b.r, bg)
		drawText(dst, label, anim.Point{X: (b.r.Min.X + b.r.Max.X) / 2, Y: b.r.Min.Y}, size, false, anim.TextStrong, false, alignCenter)
		end = b.r.Max.X
	}
	mode := "train mode"
	if c.mode == ModeExplain {
		mode = "explain mode"
	}
	keys := mode + " · keys: space E N"
	if room := d.lay.Hint.Max.X - end - size; anim.TextWidth(keys, size, false) <= room {
		drawText(dst, keys, anim.Point{X: d.lay.Hint.Max.X, Y: d.lay.Hint.Min.Y}, size, false, anim.TextDim, false, alignEnd)
	} else if anim.TextWidth(mode, size, false) <= room {
		drawText(dst, mode, anim.Point{X: d.lay.Hint.Max.X, Y: d.lay.Hint.Min.Y}, size, false, anim.TextDim, false, alignEnd)
	}
}

// drawHover shows, under the pointer, a unit's activity and each rule's
// signal at it (backprop's δ, CHL's x⁺ − x⁻), or an edge's weight and each
// rule's Δw, and enlarges a unit's thumbnail in train mode.
func (c *Compare) drawHover(dst *ebiten.Image) {
	h := c.hover()
	if h.lines == nil {
		return
	}
	if h.thumb != nil {
		c.drawThumb(dst, h.thumb, anim.Point{X: (h.thumbBox.Min.X + h.thumbBox.Max.X) / 2, Y: (h.thumbBox.Min.Y + h.thumbBox.Max.Y) / 2}, h.thumbBox.Dx())
	}
	c.tooltip(dst, h.at, h.lines)
}

// hoverInfo is what the pointer is over: a readout and where it goes, and
// for a unit in train mode its enlarged heatmap and that image's box.
type hoverInfo struct {
	lines    []string
	at       anim.Point
	thumb    *ebiten.Image
	thumbBox anim.Rect
}

// hover finds what the pointer is over: a unit, an edge, a phase cell, a
// chart or the output plane.
func (c *Compare) hover() hoverInfo {
	if !c.in.HasPointer || c.draw.scale == 0 {
		return hoverInfo{}
	}
	d := &c.draw
	p := c.in.Pointer
	for i := range min(2, len(c.runs)) {
		g := d.geoms[i]
		if !d.lay.Panels[i].Net.Inset(-g.Radius).In(p) {
			continue
		}
		if lines, at, thumb := c.hoverUnit(i, p); lines != nil {
			h := hoverInfo{lines: lines, at: at}
			if thumb != nil {
				h.thumb, h.thumbBox = thumb, c.thumbBox(i, at)
			}
			return h
		}
		if lines := c.hoverEdge(i, p); lines != nil {
			return hoverInfo{lines: lines, at: p}
		}
	}
	if c.mode == ModeExplain {
		for i, cells := range c.stripCells() {
			for j, r := range cells {
				if r.In(p) && c.tls[i] != nil {
					ph := c.tls[i].Phases[j]
					return hoverInfo{lines: []string{fmt.Sprintf("phase %d of %d: %s", j+1, len(cells), ph.Short), ph.Caption}, at: p}
				}
			}
		}
	}
	if lines := c.chartReadout(p); lines != nil {
		return hoverInfo{lines: lines, at: p}
	}
	return hoverInfo{}
}

// thumbBox is where a unit's enlarged heatmap goes: above the unit, inside
// the panel below its caption (never over the title), beside the unit when
// there is no room above it.
func (c *Compare) thumbBox(i int, at anim.Point) anim.Rect {
	d := &c.draw
	pan := d.lay.Panels[i]
	g := d.geoms[i]
	side := math.Min(pan.Net.Dy()*0.8, 140*d.scale)
	top := pan.Caption.Max.Y + d.lay.Pad/2
	y0 := at.Y - g.Radius - side
	x0 := at.X - side/2
	if y0 < top { // no room above: beside the unit, at the caption's foot
		y0 = top
		x0 = at.X + g.Radius + d.lay.Pad/2
		if x0+side > pan.Box.Max.X {
			x0 = at.X - g.Radius - d.lay.Pad/2 - side
		}
	}
	x0 = anim.Clamp(x0, pan.Box.Min.X, math.Max(pan.Box.Min.X, pan.Box.Max.X-side))
	return anim.Rect{Min: anim.Point{X: x0, Y: y0}, Max: anim.Point{X: x0 + side, Y: y0 + side}}
}

// unitName names unit u of layer k as every readout does.
func (c *Compare) unitName(k, u, L int) string {
	switch k {
	case 0:
		return fmt.Sprintf("input %d (%s)", u+1, featureName(c.cfg.Features, u))
	case L:
		return fmt.Sprintf("output unit %d", u+1)
	}
	return fmt.Sprintf("hidden layer %d, unit %d", k, u+1)
}

func (c *Compare) hoverUnit(i int, p anim.Point) ([]string, anim.Point, *ebiten.Image) {
	g := c.draw.geoms[i]
	for k, layer := range g.Pos {
		for u, pt := range layer {
			if math.Hypot(p.X-pt.X, p.Y-pt.Y) > g.Radius*1.2 {
				continue
			}
			lines := []string{c.unitName(k, u, len(g.Pos)-1)}
			for j := range min(2, len(c.runs)) {
				tl := c.tls[j]
				if c.mode != ModeExplain || tl == nil {
					continue
				}
				f := anim.FrameAt(tl, c.step[j].Clock, c.draw.geoms[j])
				if k < len(f.Units) && u < len(f.Units[k]) && j == i {
					lines = append(lines, fmt.Sprintf("activity %.3f", f.Units[k][u].Act))
				}
				if v, label, ok := tl.FinalSignal(k, u); ok && k > 0 {
					lines = append(lines, fmt.Sprintf("%s %s %+.4f", engine.RuleOf(tl.Rule).Short, label, v))
				}
			}
			var thumb *ebiten.Image
			if sheet := c.draw.units[i]; c.mode == ModeTrain && sheet.has(k, u) {
				thumb = sheet.thumb(k, u)
				lines = append(lines, "its output over the plane")
			}
			return lines, pt, thumb
		}
	}
	return nil, anim.Point{}, nil
}

func featureName(fs []string, i int) string {
	if i < len(fs) {
		return fs[i]
	}
	return "bit"
}

// nearestEdge is the edge of panel i's net under p: into unit bu of layer
// bk from unit bj of layer bk−1.
func (c *Compare) nearestEdge(i int, p anim.Point) (bk, bu, bj int, ok bool) {
	g := c.draw.geoms[i]
	best := 3*c.draw.scale + 2
	bk = -1
	for k := 1; k < len(g.Pos); k++ {
		for u, b := range g.Pos[k] {
			for j, a := range g.Pos[k-1] {
				if dd := segDist(p, a, b); dd < best {
					best, bk, bu, bj = dd, k, u, j
				}
			}
		}
	}
	return bk, bu, bj, bk >= 0
}

func (c *Compare) hoverEdge(i int, p anim.Point) []string {
	bk, bu, bj, ok := c.nearestEdge(i, p)
	if !ok {
		return nil
	}
	return c.EdgeLines(bk, bu, bj)
}

// EdgeLines is what the tooltip of the edge from unit j of layer k−1 to
// unit u of layer k says: each run's weight and, in explain mode, the
// change the step being explained applied to it.
func (c *Compare) EdgeLines(bk, bu, bj int) []string {
	L := c.runs[0].View().Layers()
	lines := []string{"weight " + c.unitName(bk-1, bj, L) + " → " + c.unitName(bk, bu, L)}
	for j, r := range c.runs {
		if j >= 2 {
			break
		}
		v := r.View()
		s := fmt.Sprintf("%s w %+.3f", v.Spec().Short, v.Weight(bk, bu, bj))
		if tl := c.tls[j]; c.mode == ModeExplain && tl != nil {
			if dw, ok := tl.DeltaW(bk, bu*v.Units(bk-1)+bj); ok {
				s += fmt.Sprintf("  Δw %+.5f", dw)
			}
		}
		lines = append(lines, s)
	}
	return lines
}

func segDist(p, a, b anim.Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = anim.Clamp(((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2, 0, 1)
	}
	return math.Hypot(p.X-(a.X+t*dx), p.Y-(a.Y+t*dy))
}

func (c *Compare) tooltip(dst *ebiten.Image, at anim.Point, lines []string) {
	box, pad, lh := c.tooltipBox(at, lines)
	size := c.draw.lay.Text.Small
	fillRect(dst, box, color.NRGBA{0x0b, 0x0f, 0x16, 0xf0})
	vector.StrokeRect(dst, float32(box.Min.X), float32(box.Min.Y), float32(box.Dx()), float32(box.Dy()), 1, anim.GridLine, false)
	for n, l := range lines {
		drawText(dst, l, anim.Point{X: box.Min.X + pad, Y: box.Min.Y + pad + float64(n)*lh}, size, n == 0, anim.TextStrong, false)
	}
}

// tooltipBox is where the tooltip of lines at at goes, on screen, room
// enough for each line as it is drawn (the first in bold), with its
// padding and line height.
func (c *Compare) tooltipBox(at anim.Point, lines []string) (box anim.Rect, pad, lh float64) {
	d := &c.draw
	size := d.lay.Text.Small
	lh = anim.LineHeight(size)
	w := 0.0
	for n, l := range lines {
		w = math.Max(w, anim.TextWidth(l, size, n == 0))
	}
	pad = size * 0.5
	box = anim.Rect{Min: anim.Point{X: at.X + 12*d.scale, Y: at.Y + 12*d.scale}, Max: anim.Point{}}
	box.Max = anim.Point{X: box.Min.X + w + 2*pad, Y: box.Min.Y + float64(len(lines))*lh + 2*pad}
	// Keep it on screen.
	if box.Max.X > d.area.Max.X {
		dx := box.Max.X - d.area.Max.X
		box.Min.X, box.Max.X = box.Min.X-dx, box.Max.X-dx
	}
	if box.Max.Y > d.area.Max.Y {
		dy := box.Max.Y - at.Y + 12*d.scale
		box.Min.Y, box.Max.Y = box.Min.Y-dy, box.Max.Y-dy
	}
	return box, pad, lh
}

func fillRect(dst *ebiten.Image, r anim.Rect, col color.NRGBA) {
	vector.DrawFilledRect(dst, float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy()), col, false)
}

// aa: antialiased vector drawing goes through an offscreen buffer twice the
// screen's size that every plain draw in between flushes — hundreds of
// flushes a frame. Plain drawing at device pixels is sharp enough.
const aa = false

// uploadHeat writes run i's heatmaps into their images when the run's
// weights changed. It runs before anything draws them, so no frame shows a
// unit's thumbnail empty (issue 15: blank heatmaps in train mode).
func (c *Compare) uploadHeat(i int) {
	d := &c.draw
	h := c.heat[i]
	if h == nil {
		return
	}
	if d.heatDirty[i] {
		d.heatDirty[i] = false
		run := c.runs[i].View()
		lo, hi := run.OutputRange()
		if need := 4 * h.Res * h.Res; len(d.pix) < need {
			d.pix = make([]byte, need)
		}
		anim.FillDiverging(d.pix[:4*h.Res*h.Res], h.Output, lo, hi)
		d.plane[i].WritePixels(d.pix[:4*h.Res*h.Res])
		if sheet := d.units[i]; sheet != nil {
			sheet.upload(func(k, u int, pix []byte) {
				if k >= len(h.Units) || u >= len(h.Units[k]) {
					clear(pix) // (the sheet and the heatmap are built together, of one net)
					return
				}
				l0, h0 := run.Activation(max(1, k)).Range()
				if k == 0 {
					l0, h0 = -engine.PlaneExtent, engine.PlaneExtent // the input features span the plane
				}
				anim.FillDiverging(pix, h.Units[k][u], l0, h0)
			})
		}
	}
}

// caption is panel i's caption line: the phase on show in explain mode,
// what the rule does in train mode, or why the run stopped.
func (c *Compare) caption(i int) string {
	r := c.runs[i]
	if d, _ := r.Diverged(); d {
		return anim.TrainCaption(r.View().Rule(), true)
	}
	if f, ok := c.frameOf(i); ok {
		return f.Caption
	}
	if stalled, hint := r.Stalled(); stalled { // saturated or stuck: say so, with what to try
		return hint
	}
	return anim.TrainCaption(r.View().Rule(), false)
}
