package anim

import (
	"fmt"
	"image/color"
	"strings"

	"propagate/engine"
)

// View describes what a scene shows, for status(): the page's tests,
// embedding pages and automation read it rather than the pixels. It is
// built from the same values the drawing uses (the layout, the frame at
// the clock, the texts as drawn), never recomputed apart.
type View struct {
	Panels []PanelView
	Strips [][]string      // per panel, the kind of each phase cell, in order
	Boxes  map[string]Rect // named boxes in screen pixels (status() gives CSS pixels)
	Hover  []string        // the readout under the pointer; none when there is none
	Charts map[string][]SeriesView
	// Numbers are the explained example's values per panel (explain
	// mode), for the page's numbers pane.
	Numbers []Numbers
	// Settings writes what the scene's own controls set (the neuron
	// scene's Δt, the equivalence scene's γ) into the page's settings,
	// so the link follows them; nil for none.
	Settings func(*engine.Config)
}

// PanelView is one compare panel.
type PanelView struct {
	Rule    string     `json:"rule"`
	Title   string     `json:"title"`
	Caption string     `json:"caption"`
	Color   string     `json:"color"` // the rule's colour, #rrggbb
	Phase   *PhaseView `json:"phase"` // explain mode only
}

// PhaseView is the explain phase a panel shows.
type PhaseView struct {
	Name  string `json:"name"` // the phase's short caption
	Kind  string `json:"kind"`
	Index int    `json:"index"`
	Count int    `json:"count"`
	Done  bool   `json:"done"` // played to its end and held
}

// SeriesView is one line of a chart.
type SeriesView struct {
	Rule  string  `json:"rule"`
	Layer int     `json:"layer"`
	What  string  `json:"what"`  // train, test, cosine, cosine-raw
	Style string  `json:"style"` // solid, dashed
	Color string  `json:"color"` // #rrggbb
	Alpha float64 `json:"alpha"` // 0..1
}

// Hex is c as #rrggbb.
func Hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Plain is text with the page's sub- and superscript markup (x_k, x_{k+1},
// γ^{k−L}) as it reads on screen: the marks gone, the scripts kept.
func Plain(s string) string {
	var b strings.Builder
	for _, r := range RichRuns(s) {
		b.WriteString(r.Text)
	}
	return b.String()
}
