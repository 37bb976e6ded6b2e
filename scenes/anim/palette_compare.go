package anim

import (
	"image/color"
	"math"
	"sync"

	"propagate/engine"
)

// The compare scene's colours extend layout.go's palette (orange for a
// positive weight, blue for a negative one, which TF Playground also uses)
// with Okabe & Ito's colour-blind-safe set ("Color Universal Design", 2008):
// each signal has a hue of its own that stays distinct under deuteranopia,
// protanopia and tritanopia, and each also differs by shape or place
// (pulses are dots on edges, the clamp is a bracket, feedback edges run
// beside the forward ones).
var (
	// Okabe–Ito.
	OIOrange        = color.NRGBA{0xe6, 0x9f, 0x00, 0xff}
	OISkyBlue       = color.NRGBA{0x56, 0xb4, 0xe9, 0xff}
	OIBluishGreen   = color.NRGBA{0x00, 0x9e, 0x73, 0xff}
	OIYellow        = color.NRGBA{0xf0, 0xe4, 0x42, 0xff}
	OIBlue          = color.NRGBA{0x00, 0x72, 0xb2, 0xff}
	OIVermillion    = color.NRGBA{0xd5, 0x5e, 0x00, 0xff}
	OIReddishPurple = color.NRGBA{0xcc, 0x79, 0xa7, 0xff}

	// Roles.
	ForwardPulse = color.NRGBA{0xf8, 0xfa, 0xfc, 0xff} // activity travelling forward
	DeltaPulse   = color.NRGBA{0xe0, 0x6c, 0xc0, 0xff} // δ and the output error: a brightened reddish purple
	FeedbackEdge = color.NRGBA{0x1f, 0xc0, 0x8f, 0xff} // feedback connections and what travels on them: brightened bluish green
	ClampMarker  = OIYellow                            // the output held at the target
	Diverged     = OIVermillion                        // a run that stopped
	PanelFill    = color.NRGBA{0x18, 0x1e, 0x2a, 0xff} // a panel's background, a step above Background
	PanelBorder  = color.NRGBA{0x2c, 0x36, 0x48, 0xff} // its outline
	TextStrong   = color.NRGBA{0xf1, 0xf5, 0xf9, 0xff} // titles
	TextBody     = color.NRGBA{0xcb, 0xd5, 0xe1, 0xff} // captions
	TextDim      = color.NRGBA{0x94, 0xa3, 0xb8, 0xff} // axis labels, hints
	GridLine     = color.NRGBA{0x33, 0x3f, 0x52, 0xff} // plot grid
	HeatmapZero  = color.NRGBA{0x22, 0x28, 0x34, 0xff} // the middle of the diverging map
	LayerColors  = []color.NRGBA{OISkyBlue, FeedbackEdge, OIOrange, OIReddishPurple, OIVermillion, OIYellow, OIBlue}
)

// LayerColor is the colour of layer k (1-based) in the agreement plot.
func LayerColor(k int) color.NRGBA {
	if k < 1 {
		k = 1
	}
	return LayerColors[(k-1)%len(LayerColors)]
}

// Mix blends a toward b by t in [0, 1] (clamped), channel by channel.
func Mix(a, b color.NRGBA, t float64) color.NRGBA {
	t = math.Max(0, math.Min(1, t))
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + t*(float64(y)-float64(x)))) }
	return color.NRGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), m(a.A, b.A)}
}

// WithAlpha returns c with opacity a in [0, 1] (clamped).
func WithAlpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(math.Round(255 * math.Max(0, math.Min(1, a))))
	return c
}

// Diverging maps v in [lo, hi] onto blue (lo) → HeatmapZero (the middle) →
// orange (hi): the heatmap of a net's output, with the same orange/blue
// meaning as the points and the weights. Values outside saturate; NaN is
// the middle colour.
func Diverging(v, lo, hi float64) color.NRGBA {
	if math.IsNaN(v) || hi <= lo {
		return HeatmapZero
	}
	return divergingAt(2*(v-lo)/(hi-lo) - 1)
}

// divergingAt is Diverging at t = −1 … 1 (clamped) across the range.
func divergingAt(t float64) color.NRGBA {
	t = math.Max(-1, math.Min(1, t))
	if t >= 0 {
		return Mix(HeatmapZero, Positive, math.Pow(t, 0.8))
	}
	return Mix(HeatmapZero, Negative, math.Pow(-t, 0.8))
}

// divergingLUT is Diverging in 256 steps across any range: built once, on
// the first heatmap (it costs 256 Pow; a unit's thumbnail has 100 values).
var divergingLUT = sync.OnceValue(func() (lut [256]color.NRGBA) {
	for i := range lut {
		lut[i] = divergingAt(2*float64(i)/255 - 1)
	}
	return lut
})

// FillDiverging writes one RGBA pixel per value into pix (4 bytes each,
// opaque), like ebiten's examples/life World.Draw: the caller uploads pix
// with WritePixels. pix must hold 4*len(vals) bytes. Values are quantised
// to the nearest of 256 steps across [lo, hi] (divergingLUT).
func FillDiverging(pix []byte, vals []float64, lo, hi float64) {
	if len(pix) < 4*len(vals) {
		panic("scenes: FillDiverging: pix too small")
	}
	lut := divergingLUT()
	for i, v := range vals {
		idx := 127
		if !math.IsNaN(v) && hi > lo {
			idx = int(math.Round(255 * (v - lo) / (hi - lo)))
			idx = max(0, min(255, idx))
		}
		c := lut[idx]
		pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3] = c.R, c.G, c.B, 0xff
	}
}

// SignedColor is the colour of a signed quantity t in [−1, 1] (a weight, a
// Hebbian term, a Δw): orange positive, blue negative, its opacity growing
// with |t|.
func SignedColor(t float64) color.NRGBA {
	c := Positive
	if t < 0 {
		c = Negative
	}
	return WithAlpha(c, 0.25+0.75*math.Min(1, math.Abs(t)))
}

// RuleColor is rule's own colour (the engine's registry) wherever it
// appears — its panel's title, its lines in the charts, the legend —
// whichever panel it is in (issue 15: colour follows the rule).
func RuleColor(rule string) color.NRGBA {
	c := engine.RuleOf(rule).Color
	return color.NRGBA{c.R, c.G, c.B, 0xff}
}
