package scenes

import (
	"fmt"

	"propagate/scenes/anim"
)

// View describes what the compare scene shows, for status(): each panel's
// rule, title, caption, colour and explain phase; the phase strips; the
// layout's boxes; the readout under the pointer; the charts' lines. The
// values are the ones Draw uses.
func (c *Compare) View() anim.View {
	v := anim.View{Boxes: map[string]anim.Rect{}}
	d := &c.draw
	if d.scale == 0 {
		return v
	}
	for name, r := range d.lay.Boxes() {
		if r.Dx() > 0 && r.Dy() > 0 {
			v.Boxes[name] = r
		}
	}
	v.Boxes["area"] = d.lay.Area
	for i, r := range c.runs {
		if i >= 2 {
			break
		}
		p := d.lay.Panels[i]
		pv := anim.PanelView{
			Rule:    r.View().Rule(),
			Title:   anim.Plain(anim.TitleFor(r.View().Rule(), p.Title.Dx(), d.lay.Text.Title)),
			Caption: c.caption(i),
			Color:   anim.Hex(anim.RuleColor(r.View().Rule())),
		}
		var kinds []string
		if tl := c.tls[i]; c.mode == ModeExplain && tl != nil {
			on, done := c.step[i].Phase(tl)
			if on >= 0 {
				ph := tl.Phases[on]
				pv.Phase = &anim.PhaseView{Name: ph.Short, Kind: ph.Kind.String(), Index: on, Count: len(tl.Phases), Done: done}
			}
			kinds = make([]string, len(tl.Phases))
			for j, ph := range tl.Phases {
				kinds[j] = ph.Kind.String()
			}
		}
		v.Panels = append(v.Panels, pv)
		v.Strips = append(v.Strips, kinds)
	}
	if c.mode == ModeExplain {
		for i, cells := range c.stripCells() {
			for j, r := range cells {
				v.Boxes[fmt.Sprintf("panel%d.strip.%d", i, j)] = r
			}
		}
	}
	if h := c.hover(); h.lines != nil {
		v.Hover = h.lines
		if h.thumb != nil {
			v.Boxes["hover"] = h.thumbBox
		}
	}
	v.Charts = c.chartViews()
	v.Numbers = c.numbers()
	return v
}

// numbers are the explained example's numbers, per panel, with the edge
// under the pointer (issue 15's numbers pane): read from the trace.
func (c *Compare) numbers() []anim.Numbers {
	if c.mode != ModeExplain {
		return nil
	}
	var out []anim.Numbers
	for i, tl := range c.tls {
		if tl == nil || i >= len(c.runs) {
			continue
		}
		n := tl.Numbers()
		if c.in.HasPointer && c.draw.lay.Panels[i].Net.In(c.in.Pointer) {
			if k, u, j, ok := c.nearestEdge(i, c.in.Pointer); ok {
				if e, ok := tl.EdgeNumbers(k, u, j); ok {
					L := len(tl.Sizes) - 1
					e.Name = c.unitName(k-1, j, L) + " → " + c.unitName(k, u, L)
					n.Edge = &e
				}
			}
		}
		out = append(out, n)
	}
	return out
}

// ExportArea is the part of the area an exported picture shows: all but
// the row of in-canvas buttons and key hints at the bottom.
func (c *Compare) ExportArea() anim.Rect {
	a := c.draw.lay.Area
	if h := c.draw.lay.Hint; h.Dy() > 0 {
		a.Max.Y = h.Min.Y - c.draw.lay.Pad/2
	}
	return a
}
