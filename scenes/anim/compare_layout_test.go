package anim

import (
	"fmt"
	"sort"
	"testing"
)

// screens are the sizes the page must be legible at, in CSS pixels.
var screens = []struct{ w, h float64 }{
	{360, 640}, {375, 812}, {768, 1024}, {1280, 720}, {1920, 1080},
}

// sceneArea is what the game hands the scene on a screen: the whole
// canvas less a small margin and the page's title bar.
func sceneArea(w, h, scale float64) Rect {
	return Rect{Point{0, 40 * scale}, Point{w * scale, h * scale}}.Inset(8 * scale)
}

var rulePairs = [][2]string{{"bp", "chl"}, {"bp", "fa"}, {"eqprop", "generec-sym"}, {"dfa", "arp"}}

func TestCompareLayoutAtEverySize(t *testing.T) {
	for _, sc := range screens {
		for _, scale := range []float64{1, 2} {
			for _, rules := range rulePairs {
				for _, plane := range []bool{true, false} {
					name := fmt.Sprintf("%vx%v@%v %v plane=%v", sc.w, sc.h, scale, rules, plane)
					area := sceneArea(sc.w, sc.h, scale)
					l := Layout(area, scale, LayoutOptions{Rules: rules, Plane: plane})
					checkLayout(t, name, l, rules, plane)
				}
			}
		}
	}
}

func checkLayout(t *testing.T, name string, l CompareLayout, rules [2]string, plane bool) {
	t.Helper()
	wantPortrait := l.Area.Dx() < l.Area.Dy()
	if wantPortrait && !l.Portrait {
		t.Errorf("%s: a tall screen laid out side by side", name)
	}
	// Top-level boxes: inside the area, none overlapping.
	top := map[string]Rect{"panel0": l.Panels[0].Box, "panel1": l.Panels[1].Box, "loss": l.Loss, "agreement": l.Agreement, "legend": l.Legend, "hint": l.Hint}
	names := sortedKeys(top)
	for i, a := range names {
		ra := top[a]
		if ra.Dx() <= 0 || ra.Dy() <= 0 {
			t.Errorf("%s: %s is empty: %v", name, a, ra)
		}
		if !l.Area.Contains(ra) {
			t.Errorf("%s: %s %v leaves the area %v", name, a, ra, l.Area)
		}
		for _, b := range names[i+1:] {
			if ra.Overlaps(top[b]) {
				t.Errorf("%s: %s %v overlaps %s %v", name, a, ra, b, top[b])
			}
		}
	}
	// Inside each panel: parts inside the box and apart from each other.
	for pi, p := range l.Panels {
		parts := map[string]Rect{"title": p.Title, "caption": p.Caption, "net": p.Net, "stats": p.Stats}
		if plane {
			parts["plane"] = p.Plane
			// The plane's label is text of its own: it must clear the
			// stats line (at 360 px it once ran into "step 301 · epoch 12").
			parts["planeLabel"] = p.PlaneLabel
			if lab := PlaneLabelFor(p.PlaneLabel.Dx(), l.Text.Small); lab == "" || TextWidth(lab, l.Text.Small, false) > p.PlaneLabel.Dx() {
				t.Errorf("%s: panel %d: no plane label fits %v", name, pi, p.PlaneLabel)
			}
			if lh := LineHeight(l.Text.Small); p.PlaneLabel.Dy() < lh-1e-9 {
				t.Errorf("%s: panel %d plane label %v shorter than a line", name, pi, p.PlaneLabel)
			}
			if d := p.Plane.Dx() - p.Plane.Dy(); d > 1e-9 || d < -1e-9 {
				t.Errorf("%s: panel %d plane %v is not square", name, pi, p.Plane)
			}
			if p.Plane.Dy() < 60*l.Scale {
				t.Errorf("%s: panel %d plane %v smaller than 60 px", name, pi, p.Plane)
			}
		} else if p.Plane.Dx() > 0 {
			t.Errorf("%s: panel %d has a plane without 2-D data", name, pi)
		}
		pn := sortedKeys(parts)
		for i, a := range pn {
			if !p.Box.Contains(parts[a]) {
				t.Errorf("%s: panel %d %s %v leaves the panel %v", name, pi, a, parts[a], p.Box)
			}
			for _, b := range pn[i+1:] {
				if parts[a].Overlaps(parts[b]) {
					t.Errorf("%s: panel %d %s %v overlaps %s %v", name, pi, a, parts[a], b, parts[b])
				}
			}
		}
		// The net must be big enough to see: units of the widest layer
		// we allow (16) at least 3 px, of the default at least 8 px.
		minR := 8.0
		if l.Area.Dx() < 520*l.Scale {
			minR = 6 // phones: small, still a visible disc
		}
		if r := NetRadius([]int{2, 4, 2, 1}, p.Net); r < minR*l.Scale {
			t.Errorf("%s: panel %d net %v gives units of radius %v", name, pi, p.Net, r)
		}
		if p.Net.Dy() < 64*l.Scale {
			t.Errorf("%s: panel %d net %v is under 70 px tall", name, pi, p.Net)
		}
		// Text fits: the title (the long name or, failing that, the short
		// one), every caption in its lines, a worst-case stats line.
		ri := RuleInfoOf(rules[pi])
		if TextWidth(ri.Short, l.Text.Title, true) > p.Title.Dx() {
			t.Errorf("%s: even the short title %q does not fit %v", name, ri.Short, p.Title.Dx())
		}
		if got := TitleFor(rules[pi], p.Title.Dx(), l.Text.Title); TextWidth(got, l.Text.Title, true) > p.Title.Dx() {
			t.Errorf("%s: title %q too wide", name, got)
		}
		for _, c := range AllCaptions(rules) {
			if !Fits(c, l.Text.Body, p.Caption.Dx(), p.CaptionLines, false) {
				t.Errorf("%s: caption %q does not fit %d lines of %v px", name, c, p.CaptionLines, p.Caption.Dx())
			}
		}
		if lh := LineHeight(l.Text.Body); p.Caption.Dy() < float64(p.CaptionLines)*lh-1e-9 {
			t.Errorf("%s: caption box %v too short for %d lines", name, p.Caption, p.CaptionLines)
		}
		stats := StatsLine(0.123456, 0.987, 0.955, 123456, 12345, false)
		if TextWidth(StatsFor(stats, p.Stats.Dx(), l.Text.Small), l.Text.Small, false) > p.Stats.Dx() {
			t.Errorf("%s: stats %q do not fit %v", name, stats, p.Stats.Dx())
		}
	}
	// The legend's entries sit inside the legend, apart, and their labels fit.
	for i, e := range l.Entries {
		if !l.Legend.Contains(e.Pos) {
			t.Errorf("%s: legend entry %q at %v leaves the legend %v", name, e.Label, e.Pos, l.Legend)
		}
		if SwatchWidth(l.Text.Small)+TextWidth(e.Label, l.Text.Small, false) > e.Pos.Dx() {
			t.Errorf("%s: legend label %q does not fit", name, e.Label)
		}
		for _, f := range l.Entries[i+1:] {
			if e.Pos.Overlaps(f.Pos) {
				t.Errorf("%s: legend entries %q and %q overlap", name, e.Label, f.Label)
			}
		}
	}
	if TextWidth(l.HintLabel, l.Text.Small, false) > l.Hint.Dx() {
		t.Errorf("%s: hint %q does not fit", name, l.HintLabel)
	}
	// Plots leave room for their axes.
	for _, box := range []Rect{l.Loss, l.Agreement} {
		pf := NewPlotFrame(box, l.Text.Small, []string{"0.25", "−1"})
		if pf.Axes.Dx() < 60*l.Scale || pf.Axes.Dy() < 40*l.Scale {
			t.Errorf("%s: plot axes %v too small in %v", name, pf.Axes, box)
		}
		if TextWidth("cosine with backprop, per layer", l.Text.Small, true) > pf.Title.Dx() && TextWidth("cos with bp", l.Text.Small, true) > pf.Title.Dx() {
			t.Errorf("%s: plot title does not fit %v", name, pf.Title)
		}
	}
	// Text is never tiny.
	if l.Text.Small < 11*l.Scale {
		t.Errorf("%s: small text %v px", name, l.Text.Small)
	}
}

func sortedKeys(m map[string]Rect) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

func TestLayoutSideBySideOnWideScreens(t *testing.T) {
	l := Layout(sceneArea(1280, 720, 1), 1, LayoutOptions{Rules: [2]string{"bp", "chl"}, Plane: true})
	if l.Portrait || l.Panels[0].Box.Min.Y != l.Panels[1].Box.Min.Y || l.Panels[0].Box.Max.X >= l.Panels[1].Box.Min.X {
		t.Errorf("1280×720: panels %v and %v are not side by side", l.Panels[0].Box, l.Panels[1].Box)
	}
	l = Layout(sceneArea(375, 812, 1), 1, LayoutOptions{Rules: [2]string{"bp", "chl"}, Plane: true})
	if !l.Portrait || l.Panels[0].Box.Max.Y >= l.Panels[1].Box.Min.Y {
		t.Errorf("375×812: panels %v and %v are not stacked", l.Panels[0].Box, l.Panels[1].Box)
	}
}
