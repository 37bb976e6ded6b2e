package scenes

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes/anim"
)

// Equivalence is the equivalence scene: Xie & Seung's (2003) theorem
// measured. A layered net with a linear output, one batch; per layer, the
// CHL update and the backprop update side by side as small heatmaps, with
// their cosine, relative error and norm ratio — engine.EquivalenceAt's
// numbers, which are `learn -equivalence`'s for the same link and γ. A
// logarithmic slider moves γ from 1 down to 0.001; a toggle drops CHL's
// γ^{k−L} factor to show what it is for.
//
// Each (γ, factor) is computed once and kept: moving the slider back to a γ
// already seen costs nothing, and a frame never settles a network.
type Equivalence struct {
	cfg    engine.Config
	gamma  float64
	factor bool
	cache  map[eqKey]engine.EquivalenceDetail
	errs   map[eqKey]error
	// Computations counts calls into the engine, for tests.
	Computations int

	// What Draw shows, computed in Update: the result at the current
	// settings, or why there is none.
	cur    engine.EquivalenceDetail
	curErr error

	slider Slider
	toggle anim.Rect
	ptr    Pointer
	lay    anim.EquivalenceLayout
	laid   anim.Rect // the area lay is for
	area   anim.Rect
	scale  float64
}

type eqKey struct {
	gamma  float64
	factor bool
}

// NewEquivalence builds the scene at the link's γ (exactly, so the link's
// numbers are the CLI's for -gamma with the same value) and factor switch.
func NewEquivalence(cfg engine.Config) *Equivalence {
	e := &Equivalence{cfg: cfg, factor: cfg.GammaFactor, cache: map[eqKey]engine.EquivalenceDetail{}, errs: map[eqKey]error{}}
	e.SetGamma(cfg.Gamma)
	return e
}

// SetGamma moves to γ (clamped into [0.001, 1]).
func (e *Equivalence) SetGamma(g float64) {
	e.gamma = anim.Clamp(g, 0.001, 1)
	e.slider.Frac = anim.GammaFrac(e.gamma)
}

// SetFactor turns CHL's γ^{k−L} factor on or off.
func (e *Equivalence) SetFactor(on bool) { e.factor = on }

// Gamma and Factor are the current settings.
func (e *Equivalence) Gamma() float64 { return e.gamma }
func (e *Equivalence) Factor() bool   { return e.factor }

// Current is the result at the current settings, computed on first use.
func (e *Equivalence) Current() (engine.EquivalenceDetail, error) {
	return e.At(e.gamma, e.factor)
}

// At is the result at (γ, factor), computed once.
func (e *Equivalence) At(g float64, factor bool) (engine.EquivalenceDetail, error) {
	k := eqKey{g, factor}
	if d, ok := e.cache[k]; ok {
		return d, nil
	}
	if err, ok := e.errs[k]; ok {
		return engine.EquivalenceDetail{}, err
	}
	e.Computations++
	d, err := engine.EquivalenceAt(e.cfg, g, factor)
	if err != nil {
		e.errs[k] = err
		return d, err
	}
	e.cache[k] = d
	return d, nil
}

// Seen is every γ computed with the current factor, for the plot of
// relative error against γ.
func (e *Equivalence) Seen() []engine.EquivalenceDetail {
	var out []engine.EquivalenceDetail
	for k, d := range e.cache {
		if k.factor == e.factor {
			out = append(out, d)
		}
	}
	// Sort by γ so the plot's line runs left to right.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Gamma > out[j-1].Gamma; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Update follows the slider and the toggle; the result is computed here,
// never in Draw.
func (e *Equivalence) Update(playing bool) { e.UpdateWith(playing, ReadPointer()) }

// UpdateWith is Update with the pointer given, for tests.
func (e *Equivalence) UpdateWith(_ bool, p Pointer) {
	e.ptr = p
	if e.slider.Update(p) {
		if g := anim.GammaAt(e.slider.Frac); g != e.gamma {
			e.gamma = g
		}
		e.slider.Frac = anim.GammaFrac(e.gamma)
	}
	if Clicked(p, e.toggle) {
		e.factor = !e.factor
	}
	e.cur, e.curErr = e.Current()
	e.relayout()
	// Fill the plot's decades, one computation per tick, so the log–log
	// line is there before the slider moves.
	for _, g := range plotGammas {
		if _, ok := e.cache[eqKey{g, e.factor}]; !ok {
			e.At(g, e.factor)
			break
		}
	}
}

// plotGammas are computed in the background for the plot: a point per
// decade.
var plotGammas = []float64{1, 0.1, 0.01, 0.001}

// Name is the link's name of the scene.
func (e *Equivalence) Name() string { return "equivalence" }

// Layout sets the scene's area; the parts are laid out once the result's
// sizes are known (Update).
func (e *Equivalence) Layout(area anim.Rect, scale float64) {
	e.area, e.scale = area, scale
	e.relayout()
}

func (e *Equivalence) relayout() {
	if e.curErr != nil || len(e.cur.Sizes) == 0 || (e.area == e.laid && e.lay.Scale == e.scale) {
		return
	}
	e.laid = e.area
	e.lay = anim.EquivalenceLayoutFor(e.area, e.scale, e.cur.Sizes)
	e.slider.Track = e.lay.Slider
	e.toggle = e.lay.Toggle
}

// Draw renders the scene into its area: the result Update computed.
func (e *Equivalence) Draw(screen *ebiten.Image) {
	screen.Fill(anim.Background)
	if e.curErr != nil {
		drawText(screen, anim.Ellipsize("equivalence: "+e.curErr.Error(), 14*e.scale, e.area.Dx(), false), e.area.Min, 14*e.scale, false, anim.Diverged, false)
		return
	}
	if len(e.cur.Sizes) == 0 {
		return // before the first Update
	}
	e.draw(screen, e.cur)
}

// Numbers formats one layer's agreement as the CLI's table does.
func Numbers(a engine.LayerAgreement) (cosine, relErr, normRatio string) {
	return fmt.Sprintf("%.6f", a.Cosine), fmt.Sprintf("%.3g", a.RelErr), fmt.Sprintf("%.4f", a.NormRatio)
}
