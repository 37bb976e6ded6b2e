package anim

import (
	"fmt"
	"testing"
)

// The sizes a learner opens the page at (issue 15), with what the page
// around the canvas takes, in CSS pixels: the title bar, the control panel
// (docked at the right from 900 px, a bottom sheet below), the lesson pane
// (a column at the left, a sheet under the title bar), the margins.
var learnerScreens = []struct {
	name   string
	area   Rect // the scene's area in CSS pixels
	folded bool // whether the charts may fold
}{
	{"390x844 settings open", Rect{Point{8, 56 + 8}, Point{382, 844 - 0.36*844 - 8}}, true},
	{"390x844 lesson open", Rect{Point{8, 56 + 0.32*844 + 8}, Point{382, 844 - 8}}, true},
	{"390x844", Rect{Point{8, 56 + 8}, Point{382, 844 - 60 - 8}}, true},
	{"640x400 embed", Rect{Point{24, 44 + 24}, Point{616, 400 - 24}}, true},
	{"1280x800", Rect{Point{24, 50 + 24}, Point{1280 - 300 - 24, 800 - 24}}, false},
	{"1280x800 lesson open", Rect{Point{380 + 24, 50 + 24}, Point{1280 - 24, 800 - 60 - 24}}, true},
	{"1366x768", Rect{Point{24, 50 + 24}, Point{1366 - 300 - 24, 768 - 24}}, false},
	{"1440x900", Rect{Point{24, 50 + 24}, Point{1440 - 300 - 24, 900 - 24}}, false},
	{"1920x1080", Rect{Point{24, 50 + 24}, Point{1920 - 300 - 24, 1080 - 24}}, false},
}

func scaled(r Rect, s float64) Rect {
	return Rect{Point{r.Min.X * s, r.Min.Y * s}, Point{r.Max.X * s, r.Max.Y * s}}
}

// TestLayoutsTheLearnerSees: at every size, with either animation, each
// network keeps at least MinNetCSS, nothing overlaps, and the charts fold
// only where the screen is too small for them and legible networks.
func TestLayoutsTheLearnerSees(t *testing.T) {
	for _, sc := range learnerScreens {
		for _, scale := range []float64{1, 2} {
			for _, rules := range rulePairs {
				for _, strip := range []bool{false, true} {
					name := fmt.Sprintf("%s@%v %v strip=%v", sc.name, scale, rules, strip)
					l := Layout(scaled(sc.area, scale), scale, LayoutOptions{Rules: rules, Plane: true, Strip: strip})
					checkLayout(t, name, l, rules, true)
					for i, p := range l.Panels {
						if p.Net.Dy() < MinNetCSS*scale-1e-9 {
							t.Errorf("%s: panel %d net %v is %.0f CSS px tall, want at least %d", name, i, p.Net, p.Net.Dy()/scale, MinNetCSS)
						}
						if strip && p.Strip.Dy() < 16*scale {
							t.Errorf("%s: panel %d strip %v too small to tap", name, i, p.Strip)
						}
						if !strip && p.Strip != (Rect{}) {
							t.Errorf("%s: a strip in train mode", name)
						}
					}
					if l.Folded && !sc.folded {
						t.Errorf("%s: the charts folded on a screen that has room for them", name)
					}
				}
			}
		}
	}
}

// TestEmbedShowsNetAndPlane: a 640×400 embed puts the panels side by side,
// each with its output plane, before any chart.
func TestEmbedShowsNetAndPlane(t *testing.T) {
	l := Layout(learnerScreens[3].area, 1, LayoutOptions{Rules: [2]string{"bp", "chl"}, Plane: true, Strip: true})
	if l.Portrait {
		t.Errorf("640×400: panels stacked: %v, %v", l.Panels[0].Box, l.Panels[1].Box)
	}
	for i, p := range l.Panels {
		if p.Plane.Dx() < 80 {
			t.Errorf("640×400: panel %d plane %v", i, p.Plane)
		}
	}
}
