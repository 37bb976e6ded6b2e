package anim

import (
	"math"

	"propagate/engine"
)

// NeuronLayout is where the neuron scene's parts go: plain geometry, so a
// test checks that nothing overlaps and every label fits, without a GPU.
type NeuronLayout struct {
	Scale       float64
	Body, Small float64 // text sizes, screen pixels

	Cell        Rect // the neuron panel
	CellCaption Rect
	Neuron      NeuronGeom

	Controls    Rect
	SliderLabel Point
	Slider      Rect
	Toggle      Rect
	WeightLabel Point

	Plot     PlotFrame
	PlotAxes Axes

	Contrast        Rect
	ContrastCaption Rect
	Net             NetGeom
	NetSizes        []int
	ContrastNote    Point
}

// NeuronGeom is the drawing of the two neurons, in screen pixels.
type NeuronGeom struct {
	ASoma    Point
	ARadius  float64
	Axon     []Point // A's axon, soma to synapse
	Synapse  Point
	BSoma    []Point // the pyramidal soma, a triangle
	BCentre  Point
	ToSoma   []Point   // synapse → B's soma along the dendrite: the EPSP's way
	Apical   [][]Point // from the soma out to each apical tip
	Basal    [][]Point // from the soma out to each basal tip
	BAxon    []Point
	Drive    []Point // B's other inputs, ending at its soma
	Width    float64 // of a dendrite stroke
	Unit     float64 // the size of the unit box, for label offsets
	LabelA   Point
	LabelB   Point
	LabelSyn Point
	LabelDrv Point
}

// neuronUnit is the drawing in a unit box, x right, y down.
var neuronUnit = struct {
	aSoma                  Point
	axon, toSoma, bAxon    []Point
	drive                  []Point
	syn                    Point
	soma                   []Point
	centre                 Point
	apical, basal          [][]Point
	labA, labB, labS, labD Point
}{
	aSoma:  Point{0.10, 0.46},
	axon:   []Point{{0.13, 0.43}, {0.17, 0.33}, {0.24, 0.24}, {0.33, 0.195}},
	syn:    Point{0.35, 0.19},
	toSoma: []Point{{0.35, 0.19}, {0.42, 0.26}, {0.55, 0.40}, {0.55, 0.54}},
	soma:   []Point{{0.55, 0.53}, {0.49, 0.67}, {0.61, 0.67}},
	centre: Point{0.55, 0.625},
	apical: [][]Point{
		{{0.55, 0.54}, {0.55, 0.30}, {0.55, 0.06}},
		{{0.55, 0.54}, {0.55, 0.40}, {0.42, 0.26}, {0.29, 0.13}},
		{{0.55, 0.54}, {0.55, 0.30}, {0.68, 0.18}, {0.77, 0.09}},
	},
	basal: [][]Point{
		{{0.51, 0.66}, {0.43, 0.75}, {0.36, 0.82}},
		{{0.60, 0.66}, {0.69, 0.74}, {0.77, 0.79}},
		{{0.53, 0.67}, {0.50, 0.80}, {0.46, 0.90}},
	},
	bAxon: []Point{{0.57, 0.67}, {0.60, 0.80}, {0.63, 0.97}},
	drive: []Point{{0.97, 0.60}, {0.82, 0.61}, {0.61, 0.625}},
	labA:  Point{0.10, 0.52},
	labB:  Point{0.43, 0.56},
	labS:  Point{0.22, 0.08},
	labD:  Point{0.97, 0.635},
}

// NeuronLayoutFor lays the scene out in area at a device scale.
func NeuronLayoutFor(area Rect, scale float64) NeuronLayout {
	l := NeuronLayout{Scale: scale}
	l.Small = Clamp(math.Min(area.Dx()/75, area.Dy()/42), 10*scale, 14*scale)
	l.Body = l.Small * 1.15
	lh := LineHeight(l.Small)
	gap := l.Small * 1.2
	ctrlH := 2*lh + l.Small*1.4

	var cell, plot, contrast Rect
	if area.Dx() >= 1.1*area.Dy() {
		split := area.Min.X + area.Dx()*0.52
		cell = Rect{area.Min, Point{split - gap/2, area.Max.Y}}
		right := Rect{Point{split + gap/2, area.Min.Y}, area.Max}
		py := right.Min.Y + right.Dy()*0.52
		plot = Rect{right.Min, Point{right.Max.X, py - gap/2}}
		contrast = Rect{Point{right.Min.X, py + gap/2}, right.Max}
	} else {
		y1 := area.Min.Y + area.Dy()*0.5
		y2 := area.Min.Y + area.Dy()*0.76
		cell = Rect{area.Min, Point{area.Max.X, y1 - gap/2}}
		plot = Rect{Point{area.Min.X, y1 + gap/2}, Point{area.Max.X, y2 - gap/2}}
		contrast = Rect{Point{area.Min.X, y2 + gap/2}, area.Max}
	}
	l.Cell, l.Contrast = cell, contrast
	pad := l.Small * 0.6
	l.CellCaption = Rect{Point{cell.Min.X + pad, cell.Min.Y + pad}, Point{cell.Max.X - pad, cell.Min.Y + pad + LineHeight(l.Body)}}
	l.Controls = Rect{Point{cell.Min.X + pad, cell.Max.Y - ctrlH}, Point{cell.Max.X - pad, cell.Max.Y - pad}}

	// Controls: the Δt label and slider on one row, the window toggle and
	// the weight on the next.
	c := l.Controls
	labelW := TextWidth(DtLabel(-100), l.Small, false) + l.Small
	l.SliderLabel = Point{c.Min.X, c.Min.Y}
	knob := l.Small * 0.9
	l.Slider = Rect{Point{c.Min.X + labelW + knob, c.Min.Y + lh/2 - knob/2}, Point{c.Max.X - knob, c.Min.Y + lh/2 + knob/2}}
	if l.Slider.Dx() < 60*scale { // narrow: the slider under its label
		l.Slider = Rect{Point{c.Min.X + knob, c.Min.Y + lh + knob*0.2}, Point{c.Max.X - knob, c.Min.Y + lh + knob*1.2}}
	}
	by := l.Slider.Max.Y + l.Small*0.7
	tw := TextWidth("window: "+ShortWindowName(false), l.Small, false) + l.Small*1.6
	l.Toggle = Rect{Point{c.Min.X, by}, Point{c.Min.X + tw, by + lh + l.Small*0.4}}
	l.WeightLabel = Point{l.Toggle.Max.X + l.Small, by + l.Small*0.2}

	// The neurons in the space left, in a box of aspect 1.15:1.
	room := Rect{Point{cell.Min.X + pad, l.CellCaption.Max.Y + pad}, Point{cell.Max.X - pad, l.Toggle.Max.Y + 0}}
	room.Max.Y = math.Min(room.Max.Y, l.Controls.Min.Y-pad)
	bw := math.Min(room.Dx(), room.Dy()*1.15)
	bh := bw / 1.15
	box := Rect{Point{(room.Min.X + room.Max.X - bw) / 2, (room.Min.Y + room.Max.Y - bh) / 2}, Point{}}
	box.Max = Point{box.Min.X + bw, box.Min.Y + bh}
	u := func(p Point) Point { return Point{box.Min.X + p.X*bw, box.Min.Y + p.Y*bh} }
	us := func(ps []Point) []Point {
		out := make([]Point, len(ps))
		for i, p := range ps {
			out[i] = u(p)
		}
		return out
	}
	nu := neuronUnit
	g := NeuronGeom{
		ASoma: u(nu.aSoma), ARadius: 0.035 * bw,
		Axon: us(nu.axon), Synapse: u(nu.syn), BSoma: us(nu.soma), BCentre: u(nu.centre),
		ToSoma: us(nu.toSoma), BAxon: us(nu.bAxon), Drive: us(nu.drive),
		Width: math.Max(2*scale, 0.012*bw), Unit: bw,
		LabelA: u(nu.labA), LabelB: u(nu.labB), LabelSyn: u(nu.labS), LabelDrv: u(nu.labD),
	}
	for _, p := range nu.apical {
		g.Apical = append(g.Apical, us(p))
	}
	for _, p := range nu.basal {
		g.Basal = append(g.Basal, us(p))
	}
	l.Neuron = g

	// The plot of the window.
	l.Plot = NewPlotFrame(plot.Inset(pad), l.Small, []string{"+5", "−5", "0"})
	l.Plot.Axes.Max.Y -= lh // room for the Δt axis label under the ticks
	l.PlotAxes = Axes{Rect: l.Plot.Axes, X0: engine.MinSTDPDt, X1: engine.MaxSTDPDt, Y0: -6, Y1: 6}

	// The contrast: a small layered net, the error sweeping all layers.
	l.ContrastCaption = Rect{Point{contrast.Min.X + pad, contrast.Min.Y + pad}, Point{contrast.Max.X - pad, contrast.Min.Y + pad + 2*LineHeight(l.Small)}}
	netBox := Rect{Point{contrast.Min.X + pad, l.ContrastCaption.Max.Y + pad}, Point{contrast.Max.X - pad, contrast.Max.Y - pad - lh}}
	l.NetSizes = []int{2, 3, 3, 1}
	pos := UnitPositions(l.NetSizes, netBox)
	l.Net = NetGeom{Pos: pos, Radius: UnitRadius(l.NetSizes, netBox)}
	l.ContrastNote = Point{contrast.Min.X + pad, contrast.Max.Y - pad - lh}
	return l
}

func ShortWindowName(biPoo bool) string {
	if biPoo {
		return "Bi & Poo fit"
	}
	return "Song & Abbott"
}

// Boxes names the parts that must not overlap, for tests.
func (l NeuronLayout) Boxes() map[string]Rect {
	return map[string]Rect{"cell": l.Cell, "plot": l.Plot.Box, "contrast": l.Contrast}
}

// DtLabel is the slider's caption.
func DtLabel(dt float64) string {
	return "Δt = t_post − t_pre = " + FormatSigned(math.Round(dt)) + " ms"
}

// WindowLabel names the window in use.
func WindowLabel(biPoo bool) string {
	if biPoo {
		return "Bi & Poo fit: τ+ = 16.8 ms, τ− = 33.7 ms"
	}
	return "Song & Abbott: τ+ = τ− = 20 ms"
}
