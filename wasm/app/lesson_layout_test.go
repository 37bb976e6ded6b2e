package app

import (
	"image"
	"math"
	"testing"

	"propagate/assets"
	"propagate/engine"
	"propagate/scenes/anim"
)

// lessonPage is the page on a laptop with a lesson open, as the CSS lays it
// out (web/static: --bar-height 52 px; the lesson pane clamp(260px, 28vw,
// 380px) wide at the left; the control panel folded to its transport row,
// about 70 px, along the bottom — or, unfolded, 300 px at the right). The
// browser test TestLessonRoomOnLaptops checks these boxes in Chromium.
type lessonPage struct {
	fakeHost
	w        float64
	unfolded bool
}

func (p *lessonPage) TopInsetCSS() float64 { return 52 }
func (p *lessonPage) PanelInsetsCSS() (right, bottom float64) {
	if p.unfolded {
		return 300, 0
	}
	return 0, foldedPanelCSS
}
func (p *lessonPage) LessonInsetsCSS() (left, top float64) {
	return math.Min(380, math.Max(260, 0.28*p.w)), 0
}

// foldedPanelCSS is the folded panel's height: the transport row (buttons
// of at least 40 px — "Next phase" wraps to two lines —, 0.55 rem padding
// above and below) and its border: 70.3 px in Chromium, rounded up.
const foldedPanelCSS = 72

// minNetCSS is how tall each panel's network must be with a lesson open:
// tall enough for the units and their heatmaps to read (issue 13).
const minNetCSS = 120

// With a lesson open at 1280×800 and 1366×768, the folded control panel
// gives every compare lesson's demo room: each panel's network (below its
// layer labels) is at least 120 px tall. Unfolded, the panel squeezes the
// scene into a column with the panels stacked (logged: about 120 px at
// best, the plots and legend taking the rest).
func TestLessonDemoRoomOnLaptops(t *testing.T) {
	ls, err := assets.Lessons()
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range []struct{ w, h int }{{1280, 800}, {1366, 768}} {
		for _, unfolded := range []bool{false, true} {
			host := &lessonPage{w: float64(sc.w), unfolded: unfolded}
			g := NewGame(NewApp(""), host)
			g.scale = 1
			g.setScreen(image.Rect(0, 0, sc.w, sc.h))
			worst := math.Inf(1)
			for _, l := range ls {
				c, _ := engine.DecodeLink(l.Link)
				if c.Scene != "compare" {
					continue
				}
				lay := anim.Layout(g.area, 1, anim.LayoutOptions{Rules: c.Rules, Plane: !engine.IsPatternSet(c.Dataset)})
				for i, p := range lay.Panels {
					h := p.Net.Dy() - anim.LineHeight(lay.Text.Small)
					worst = math.Min(worst, h)
					if !unfolded && h < minNetCSS {
						t.Errorf("%d×%d, lesson %d: panel %d's network is %.0f px tall (area %v)", sc.w, sc.h, l.N, i, h, g.area)
					}
				}
			}
			t.Logf("%d×%d, panel unfolded %v: scene area %.0f×%.0f, smallest network %.0f px tall", sc.w, sc.h, unfolded, g.area.Dx(), g.area.Dy(), worst)
		}
	}
}
