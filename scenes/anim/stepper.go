package anim

import "math"

// A Stepper is one panel's explain clock as a learner drives it: playing
// on its own, or stepping a phase at a time. Next plays the phase the
// caption names to its end and holds it there, so what is drawn is what the
// caption says; Previous and Go jump. It is plain data: the scene ticks it,
// tests drive it without a screen.
type Stepper struct {
	Clock  float64 // seconds into the timeline
	target float64 // while stepping, the clock plays to here and holds
	moving bool    // playing toward target
	held   bool    // holding at target (until play, or the next step)
}

// holdEps puts a held clock a hair before its phase's end, so PhaseAt
// still names that phase, at progress 1.
const holdEps = 1e-6

// HoldAt is the clock that shows phase i played to its end.
func (tl *Timeline) HoldAt(i int) float64 {
	if i < 0 || i >= len(tl.Phases) {
		return 0
	}
	return math.Max(tl.Phases[i].Start, tl.Phases[i].End()-holdEps)
}

// Reset starts the timeline from its beginning, playing.
func (s *Stepper) Reset() { *s = Stepper{} }

// Phase is the phase on show and whether it has played to its end.
func (s *Stepper) Phase(tl *Timeline) (i int, done bool) {
	i, f := tl.PhaseAt(s.Clock)
	return i, i >= 0 && f >= 1-1e-3
}

// Held reports whether the clock waits for the learner (stepping or
// stopped at a phase), rather than playing on with the page.
func (s *Stepper) Held() bool { return s.moving || s.held }

// AtEnd reports whether the last phase has played to its end.
func (s *Stepper) AtEnd(tl *Timeline) bool {
	i, done := s.Phase(tl)
	return len(tl.Phases) == 0 || (i == len(tl.Phases)-1 && done)
}

// Next plays the phase on show to its end if it is not there yet, else the
// phase after it, and holds. At the end of the last phase it does nothing
// and reports false: the step is over.
func (s *Stepper) Next(tl *Timeline) bool {
	i, done := s.Phase(tl)
	if i < 0 {
		return false
	}
	if s.moving { // a second press while a phase plays: finish it, then the next
		s.Clock = s.target
		i, done = s.Phase(tl)
	}
	if done {
		if i+1 >= len(tl.Phases) {
			s.moving, s.held = false, true
			return false
		}
		i++
		s.Clock = tl.Phases[i].Start
	}
	s.target, s.moving, s.held = tl.HoldAt(i), true, false
	return true
}

// Previous shows the phase before the one on show, played to its end
// (from the first phase: the start of the step).
func (s *Stepper) Previous(tl *Timeline) {
	i, _ := s.Phase(tl)
	if i <= 0 {
		s.Clock, s.moving, s.held = 0, false, true
		return
	}
	s.Clock, s.target, s.moving, s.held = tl.HoldAt(i-1), tl.HoldAt(i-1), false, true
}

// Go plays phase i from its start to its end and holds it (a click on the
// phase strip).
func (s *Stepper) Go(tl *Timeline, i int) bool {
	if i < 0 || i >= len(tl.Phases) {
		return false
	}
	s.Clock, s.target, s.moving, s.held = tl.Phases[i].Start, tl.HoldAt(i), true, false
	return true
}

// HoldMiddle stops the clock in the middle of phase i (the "phase"
// command's named moments: pulses mid-edge).
func (s *Stepper) HoldMiddle(tl *Timeline, i int) {
	if i < 0 || i >= len(tl.Phases) {
		return
	}
	s.Clock = tl.Phases[i].Start + 0.5*tl.Phases[i].Dur
	s.target, s.moving, s.held = s.Clock, false, true
}

// Play lets the clock run with the page again.
func (s *Stepper) Play() { s.moving, s.held = false, false }

// Tick advances the clock by dt: toward its target while stepping (paused
// or not), freely while playing and not held. It reports whether the clock
// has reached the end of the timeline while playing freely.
func (s *Stepper) Tick(tl *Timeline, dt float64, playing bool) (ended bool) {
	switch {
	case s.moving:
		s.Clock = math.Min(s.target, s.Clock+dt)
		if s.Clock >= s.target {
			s.moving, s.held = false, true
		}
	case playing && !s.held:
		s.Clock += dt
		return s.Clock >= tl.Total
	}
	return false
}

// Moment is the part a phase plays in a learning step, the same for every
// rule, so two rules' phase strips line up on it: the input's activity
// spreading (forward pass, free settling), the target arriving (error,
// reward, clamp, nudge), the teaching signal spreading back (δ, feedback,
// clamped settling), the local terms, and the weight update.
type Moment uint8

const (
	MomentSpread Moment = iota
	MomentTarget
	MomentBack
	MomentLocal
	MomentUpdate
	momentCount
)

// MomentOf is the moment phase kind k belongs to.
func MomentOf(k PhaseKind) Moment {
	switch k {
	case PhaseForward, PhaseFree:
		return MomentSpread
	case PhaseError, PhaseClamp:
		return MomentTarget
	case PhaseBackward, PhaseFeedback, PhaseClamped:
		return MomentBack
	case PhaseHebbian:
		return MomentLocal
	}
	return MomentUpdate
}

// StripCells lays out the phase strips of two panels, one cell per phase,
// in boxes a and b. When both sequences go through the moments in order
// (every rule but a clamped-first CHL), each moment takes the same share of
// both strips, sized by the panel with more phases in it, so the cells of
// the shared moments (forward done, update) line up across the panels;
// otherwise a strip's cells share it evenly. gap is left between cells.
func StripCells(kinds [2][]PhaseKind, boxes [2]Rect, gap float64) [2][]Rect {
	var out [2][]Rect
	ordered := true
	var count [2][momentCount]int
	for p, ks := range kinds {
		last := Moment(0)
		for _, k := range ks {
			m := MomentOf(k)
			if m < last {
				ordered = false
			}
			last = m
			count[p][m]++
		}
	}
	for p, ks := range kinds {
		bx := boxes[p]
		out[p] = make([]Rect, len(ks))
		if len(ks) == 0 || bx.Dx() <= 0 {
			continue
		}
		if !ordered {
			w := bx.Dx() / float64(len(ks))
			for i := range ks {
				out[p][i] = Rect{Point{bx.Min.X + float64(i)*w, bx.Min.Y}, Point{bx.Min.X + float64(i+1)*w - gap, bx.Max.Y}}
			}
			continue
		}
		var weight [momentCount]float64
		total := 0.0
		for m := range momentCount {
			weight[m] = float64(max(count[0][m], count[1][m]))
			total += weight[m]
		}
		start := [momentCount]float64{}
		acc := 0.0
		for m := range momentCount {
			start[m] = acc
			acc += weight[m]
		}
		seen := [momentCount]int{}
		for i, k := range ks {
			m := MomentOf(k)
			span := weight[m] / total * bx.Dx()
			n := float64(count[p][m])
			x0 := bx.Min.X + start[m]/total*bx.Dx() + float64(seen[m])*span/n
			out[p][i] = Rect{Point{x0, bx.Min.Y}, Point{x0 + span/n - gap, bx.Max.Y}}
			seen[m]++
		}
	}
	return out
}

// Kinds lists the kinds of the timeline's phases, in order.
func (tl *Timeline) Kinds() []PhaseKind {
	out := make([]PhaseKind, len(tl.Phases))
	for i, p := range tl.Phases {
		out[i] = p.Kind
	}
	return out
}
