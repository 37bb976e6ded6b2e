package anim

import (
	"fmt"
	"image/color"
	"math"
	"strings"
)

// TextSizes are the compare scene's font sizes in screen pixels.
type TextSizes struct{ Title, Body, Small float64 }

// PanelLayout is where one run's panel draws its parts.
type PanelLayout struct {
	Box          Rect
	Title        Rect // the rule's name (bold)
	Caption      Rect // what the rule is doing now, CaptionLines lines
	CaptionLines int
	Net          Rect // the network
	Plane        Rect // the output over the input plane (square); empty when the data are not 2-D
	PlaneLabel   Rect // one small line under the plane naming it; empty with the plane
	Stats        Rect // one line: loss and accuracies
}

// CompareLayout is where the compare scene draws everything, for one
// screen size.
type CompareLayout struct {
	Area      Rect
	Scale     float64 // screen pixels per CSS pixel
	Portrait  bool    // panels stacked rather than side by side
	Text      TextSizes
	Pad       float64 // the gap between boxes and inside them
	Panels    [2]PanelLayout
	Loss      Rect // loss curves of both runs
	Agreement Rect // cosine with backprop per layer, over training
	Legend    Rect
	Hint      Rect // one line: the controls
	HintLabel string
	Entries   []LegendEntry
}

// LayoutOptions is what the layout depends on besides the screen.
type LayoutOptions struct {
	Rules [2]string
	Plane bool // the data are 2-D points: draw the output heatmap
}

// LegendSwatch is the little picture beside a legend label.
type LegendSwatch uint8

const (
	SwatchForward LegendSwatch = iota
	SwatchDelta
	SwatchFeedback
	SwatchClamp
	SwatchWeights
	SwatchTrainTest
	SwatchRun
)

// LegendEntry is one line of the legend.
type LegendEntry struct {
	Swatch LegendSwatch
	Label  string
	Color  color.NRGBA // for SwatchRun
	Pos    Rect        // filled in by the layout
}

// LegendEntries lists what the legend explains for a pair of rules.
func LegendEntries(rules [2]string) []LegendEntry {
	es := []LegendEntry{
		{Swatch: SwatchRun, Label: RuleInfoOf(rules[0]).Short, Color: RunColors[0]},
		{Swatch: SwatchRun, Label: RuleInfoOf(rules[1]).Short, Color: RunColors[1]},
		{Swatch: SwatchTrainTest, Label: "train — test - -"},
		{Swatch: SwatchWeights, Label: "weight + / −"},
		{Swatch: SwatchForward, Label: "activity, forward"},
		{Swatch: SwatchDelta, Label: "error δ, backward"},
	}
	fb, clamp := false, false
	for _, r := range rules {
		ri := RuleInfoOf(r)
		fb = fb || ri.Feedback != NoFeedback
		clamp = clamp || ri.Feedback == TiedFeedback
	}
	if fb {
		es = append(es, LegendEntry{Swatch: SwatchFeedback, Label: "feedback connection"})
	}
	if clamp {
		es = append(es, LegendEntry{Swatch: SwatchClamp, Label: "output held at target"})
	}
	return es
}

// HintText is the controls line.
const HintText = "space: play/pause · E: explain/train · N: next phase · S: step"

// HintTextShort is the controls line on narrow screens.
const HintTextShort = "space play · E explain · N next"

// Layout computes where everything goes in area (screen pixels) at scale
// screen pixels per CSS pixel: side by side when the area is wide, stacked
// when it is tall (phones held upright).
func Layout(area Rect, scale float64, opt LayoutOptions) CompareLayout {
	if scale <= 0 {
		scale = 1
	}
	l := CompareLayout{Area: area, Scale: scale, Pad: 10 * scale}
	W, H := area.Dx(), area.Dy()
	l.Portrait = W < H*1.1 || W < 700*scale
	narrow := W < 520*scale
	// Big screens are seen from further away: text grows with them.
	grow := Clamp(math.Min(W/(1100*scale), H/(620*scale)), 1, 1.4)
	l.Text = TextSizes{15 * scale * grow, 13 * scale * grow, 12 * scale * grow}
	if narrow {
		l.Text = TextSizes{14 * scale, 12 * scale, 11 * scale}
		l.Pad = 6 * scale
	}
	pad := l.Pad
	l.Entries = LegendEntries(opt.Rules)
	small := LineHeight(l.Text.Small)

	hint := HintText
	if TextWidth(hint, l.Text.Small, false) > W {
		hint = HintTextShort
	}
	l.HintLabel = hint
	l.Hint = Rect{Point{area.Min.X, area.Max.Y - small}, area.Max}
	bottom := l.Hint.Min.Y - pad

	if !l.Portrait {
		bh := Clamp(0.3*H, 130*scale, 250*scale)
		row := Rect{Point{area.Min.X, bottom - bh}, Point{area.Max.X, bottom}}
		legendW := math.Max(legendColumnWidth(l.Entries, l.Text.Small), 0.2*W)
		plotW := (W - legendW - 2*pad) / 2
		l.Loss = Rect{row.Min, Point{row.Min.X + plotW, row.Max.Y}}
		l.Agreement = Rect{Point{l.Loss.Max.X + pad, row.Min.Y}, Point{l.Loss.Max.X + pad + plotW, row.Max.Y}}
		l.Legend = Rect{Point{l.Agreement.Max.X + pad, row.Min.Y}, row.Max}
		panels := Rect{area.Min, Point{area.Max.X, row.Min.Y - pad}}
		pw := (W - pad) / 2
		l.Panels[0] = layoutPanel(Rect{panels.Min, Point{panels.Min.X + pw, panels.Max.Y}}, l, opt)
		l.Panels[1] = layoutPanel(Rect{Point{panels.Max.X - pw, panels.Min.Y}, panels.Max}, l, opt)
	} else {
		cols := max(1, int((W+pad)/(legendColumnWidth(l.Entries, l.Text.Small)+pad)))
		rows := (len(l.Entries) + cols - 1) / cols
		lh := float64(rows)*small + 2*scale
		l.Legend = Rect{Point{area.Min.X, bottom - lh}, Point{area.Max.X, bottom}}
		ph := Clamp(0.2*H, 95*scale, 260*scale)
		row := Rect{Point{area.Min.X, l.Legend.Min.Y - pad - ph}, Point{area.Max.X, l.Legend.Min.Y - pad}}
		pw := (W - pad) / 2
		l.Loss = Rect{row.Min, Point{row.Min.X + pw, row.Max.Y}}
		l.Agreement = Rect{Point{row.Max.X - pw, row.Min.Y}, row.Max}
		top := Rect{area.Min, Point{area.Max.X, row.Min.Y - pad}}
		h := (top.Dy() - pad) / 2
		l.Panels[0] = layoutPanel(Rect{top.Min, Point{top.Max.X, top.Min.Y + h}}, l, opt)
		l.Panels[1] = layoutPanel(Rect{Point{top.Min.X, top.Max.Y - h}, top.Max}, l, opt)
	}
	l.layoutLegend()
	return l
}

// layoutPanel stacks title, caption, the net beside the plane, and stats.
func layoutPanel(box Rect, l CompareLayout, opt LayoutOptions) PanelLayout {
	p := PanelLayout{Box: box}
	in := box.Inset(l.Pad)
	th, bh, sh := LineHeight(l.Text.Title), LineHeight(l.Text.Body), LineHeight(l.Text.Small)
	p.Title = Rect{in.Min, Point{in.Max.X, in.Min.Y + th}}
	p.CaptionLines = CaptionLinesFor(opt.Rules, l.Text.Body, in.Dx())
	p.Caption = Rect{Point{in.Min.X, p.Title.Max.Y + 2*l.Scale}, Point{in.Max.X, p.Title.Max.Y + 2*l.Scale + float64(p.CaptionLines)*bh}}
	p.Stats = Rect{Point{in.Min.X, in.Max.Y - sh}, in.Max}
	content := Rect{Point{in.Min.X, p.Caption.Max.Y + l.Pad/2}, Point{in.Max.X, p.Stats.Min.Y - l.Pad/2}}
	if opt.Plane {
		// The plane and, under it, its label: both above the stats line.
		gap := 2 * l.Scale
		room := content.Dy() - sh - gap
		side := math.Min(room, 0.42*content.Dx())
		top := content.Min.Y + (room-side)/2
		p.Plane = Rect{Point{content.Max.X - side, top}, Point{content.Max.X, top + side}}
		p.PlaneLabel = Rect{Point{p.Plane.Min.X, p.Plane.Max.Y + gap}, Point{p.Plane.Max.X, p.Plane.Max.Y + gap + sh}}
		p.Net = Rect{content.Min, Point{p.Plane.Min.X - l.Pad, content.Max.Y}}
	} else {
		p.Net = content
	}
	return p
}

// CaptionLinesFor is how many lines the longest caption of either rule
// needs at width: every caption then fits without moving the net when the
// phase changes.
func CaptionLinesFor(rules [2]string, size, width float64) int {
	n := 1
	for _, c := range AllCaptions(rules) {
		n = max(n, len(Wrap(c, size, width, false)))
	}
	return n
}

// AllCaptions lists every caption a panel of these rules can show: each
// phase's sentence for a three-hidden-layer net and the train-mode lines.
func AllCaptions(rules [2]string) []string {
	var out []string
	for _, r := range rules {
		info := RuleInfoOf(r)
		for kind := PhaseForward; kind <= PhaseUpdate; kind++ {
			for _, layer := range []int{1, 4} {
				_, c := captions(r, info, kind, layer, 4)
				out = append(out, c)
			}
		}
		_, rel := releaseCaptions(r)
		out = append(out, rel, TrainCaption(r, false), TrainCaption(r, true))
	}
	return out
}

// TrainCaption is the panel's line in train mode.
func TrainCaption(rule string, diverged bool) string {
	if diverged {
		return "Diverged: this run stopped (its weights ran away). The other run keeps going."
	}
	return "Training: " + RuleInfoOf(rule).What + "."
}

func legendColumnWidth(es []LegendEntry, size float64) float64 {
	w := 0.0
	for _, e := range es {
		w = math.Max(w, TextWidth(e.Label, size, false))
	}
	return w + SwatchWidth(size) + size*0.6
}

// SwatchWidth is the room a legend swatch takes before its label.
func SwatchWidth(size float64) float64 { return size * 2.4 }

// layoutLegend places the entries in as many columns as fit.
func (l *CompareLayout) layoutLegend() {
	small := LineHeight(l.Text.Small)
	colW := legendColumnWidth(l.Entries, l.Text.Small)
	cols := max(1, int((l.Legend.Dx()+l.Pad)/(colW+l.Pad)))
	rows := (len(l.Entries) + cols - 1) / cols
	for i := range l.Entries {
		c, r := i/rows, i%rows
		x := l.Legend.Min.X + float64(c)*(colW+l.Pad)
		y := l.Legend.Min.Y + float64(r)*small
		l.Entries[i].Pos = Rect{Point{x, y}, Point{x + colW, y + small}}
	}
}

// Boxes lists every box of the layout with a name, for tests and debugging.
func (l CompareLayout) Boxes() map[string]Rect {
	m := map[string]Rect{"loss": l.Loss, "agreement": l.Agreement, "legend": l.Legend, "hint": l.Hint}
	for i, p := range l.Panels {
		pre := []string{"panel0.", "panel1."}[i]
		m[pre+"box"] = p.Box
		m[pre+"title"], m[pre+"caption"], m[pre+"net"], m[pre+"stats"] = p.Title, p.Caption, p.Net, p.Stats
		if p.Plane.Dx() > 0 {
			m[pre+"plane"], m[pre+"planeLabel"] = p.Plane, p.PlaneLabel
		}
	}
	return m
}

// TitleFor is the rule's name as it fits width: the long name, or the
// short one.
func TitleFor(rule string, width, size float64) string {
	ri := RuleInfoOf(rule)
	if TextWidth(ri.Name, size, true) <= width {
		return ri.Name
	}
	return Ellipsize(ri.Short, size, width, true)
}

// StatsLine is a panel's numbers.
func StatsLine(loss, trainAcc, testAcc float64, step, epoch int, diverged bool) string {
	if diverged {
		return fmt.Sprintf("stopped at step %d", step)
	}
	return fmt.Sprintf("loss %.3f · train %.0f%% · test %.0f%% · step %d · epoch %d", loss, 100*trainAcc, 100*testAcc, step, epoch)
}

// StatsFor drops the step and epoch from a stats line that does not fit.
func StatsFor(s string, width, size float64) string {
	if TextWidth(s, size, false) <= width {
		return s
	}
	if i := strings.Index(s, " · step"); i > 0 {
		s = s[:i]
	}
	return Ellipsize(s, size, width, false)
}

// NetRadius is the unit radius the compare scene draws with: like
// UnitRadius but rounder, since the units carry thumbnails.
func NetRadius(sizes []int, area Rect) float64 {
	rowGap, colGap := layerGaps(sizes, area)
	return math.Max(2, math.Min(rowGap*0.36, colGap*0.22))
}

// Plane labels, longest first: the first that fits the plane's width.
var planeLabels = []string{"output over the input plane", "output over the plane", "output", ""}

// PlaneLabelFor is the plane's label as it fits width.
func PlaneLabelFor(width, size float64) string {
	for _, s := range planeLabels {
		if TextWidth(s, size, false) <= width {
			return s
		}
	}
	return ""
}
