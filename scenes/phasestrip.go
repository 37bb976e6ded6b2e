package scenes

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"propagate/scenes/anim"
)

// The phase strip under each panel in explain mode: one cell per phase of
// the rule's step, in order (backprop: forward per layer, error, δ back per
// layer, update; CHL: free settling, clamp, clamped settling, Hebbian
// terms, update; …), the cell on show lit, the ones played filled. Both
// panels' cells line up on the moments they share (anim.StripCells), so
// the comparison reads across. A click on a cell plays that phase and holds
// it.

// stripCells are the cells of both panels' strips, in screen pixels.
func (c *Compare) stripCells() [2][]anim.Rect {
	var kinds [2][]anim.PhaseKind
	var boxes [2]anim.Rect
	for i, tl := range c.tls {
		if tl != nil && i < len(c.runs) {
			kinds[i] = tl.Kinds()
			boxes[i] = c.draw.lay.Panels[i].Strip
		}
	}
	return anim.StripCells(kinds, boxes, math.Max(1, 2*c.draw.scale))
}

// goToPhase runs the "strip" command, "panel:phase" (0-based): that
// panel plays the phase from its start and holds it.
func (c *Compare) goToPhase(arg string) error {
	p, q, ok := strings.Cut(arg, ":")
	i, err1 := strconv.Atoi(strings.TrimSpace(p))
	j, err2 := strconv.Atoi(strings.TrimSpace(q))
	if !ok || err1 != nil || err2 != nil || i < 0 || i >= 2 {
		return fmt.Errorf("strip: want panel:phase such as 0:3, got %q", arg)
	}
	if c.mode != ModeExplain {
		c.setMode(ModeExplain)
	}
	if tl := c.tls[i]; tl == nil || !c.step[i].Go(tl, j) {
		return fmt.Errorf("strip: panel %d has no phase %d", i, j)
	}
	return nil
}

// clickStrip plays the phase whose cell p is in; it reports whether p was
// on a strip.
func (c *Compare) clickStrip(p anim.Point) bool {
	if c.mode != ModeExplain {
		return false
	}
	for i, cells := range c.stripCells() {
		for j, r := range cells {
			if r.Inset(-1).In(p) && c.tls[i] != nil {
				c.step[i].Go(c.tls[i], j)
				c.pausePage()
				return true
			}
		}
	}
	return false
}

// drawStrip draws panel i's strip.
func (c *Compare) drawStrip(dst *ebiten.Image, i int, cells []anim.Rect) {
	tl := c.tls[i]
	if tl == nil || len(cells) != len(tl.Phases) {
		return
	}
	on, done := c.step[i].Phase(tl)
	sc := c.draw.scale
	for j, r := range cells {
		col := phaseColor(tl.Phases[j].Kind)
		fill := anim.WithAlpha(col, 0.18)
		if j < on || (j == on && done) {
			fill = anim.WithAlpha(col, 0.45)
		}
		fillRect(dst, r, fill)
		if j == on {
			vector.StrokeRect(dst, float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy()), float32(math.Max(1.5, 2*sc)), anim.TextStrong, aa)
			if !done { // how far the phase has played
				_, f := tl.PhaseAt(c.step[i].Clock)
				fillRect(dst, anim.Rect{Min: anim.Point{X: r.Min.X, Y: r.Max.Y - 3*sc}, Max: anim.Point{X: r.Min.X + f*r.Dx(), Y: r.Max.Y}}, anim.TextStrong)
			}
		}
	}
}

// pausePage asks the page to pause when the learner steps through the
// phases from the canvas, as the page's own Next does: a held phase on a
// page that says "playing" would read as frozen.
func (c *Compare) pausePage() {
	if c.wasPlaying {
		c.requestPlay = true // the game toggles: playing → paused
	}
}
