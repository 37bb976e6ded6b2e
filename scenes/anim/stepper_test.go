package anim

import "testing"

// stepTimeline is backprop's sequence for one hidden layer: forward ×2,
// error, δ at the output, δ back, update.
func stepTimeline() *Timeline {
	tl := &Timeline{}
	t := 0.0
	for _, k := range []PhaseKind{PhaseForward, PhaseForward, PhaseError, PhaseBackward, PhaseBackward, PhaseUpdate} {
		tl.Phases = append(tl.Phases, Phase{Kind: k, Start: t, Dur: 1})
		t++
	}
	tl.Total = t + SecondsEndOfTrace
	return tl
}

// play ticks s until it holds (at most 10 s of ticks).
func play(s *Stepper, tl *Timeline, playing bool) {
	for range 600 {
		s.Tick(tl, 1.0/60, playing)
		if !s.moving {
			return
		}
	}
}

func TestStepperNextPlaysThePhaseToItsEnd(t *testing.T) {
	tl := stepTimeline()
	var s Stepper
	for want := range len(tl.Phases) {
		if !s.Next(tl) {
			t.Fatalf("Next refused at phase %d", want)
		}
		// Paused: the phase still plays, then holds.
		if i, done := s.Phase(tl); i != want || done {
			t.Fatalf("right after Next %d: phase %d done %t, want phase %d playing", want, i, done, want)
		}
		play(&s, tl, false)
		if i, done := s.Phase(tl); i != want || !done {
			t.Fatalf("after Next %d played out: phase %d done %t, want phase %d done", want, i, done, want)
		}
		// Held: more ticks, paused or playing, do not move it on.
		for range 120 {
			s.Tick(tl, 1.0/60, true)
		}
		if i, done := s.Phase(tl); i != want || !done {
			t.Fatalf("a held phase moved on: phase %d done %t, want %d done", i, done, want)
		}
	}
	if !s.AtEnd(tl) || s.Next(tl) {
		t.Errorf("at the last phase's end: AtEnd %t; Next must report the step over", s.AtEnd(tl))
	}
}

func TestStepperNextMidPhaseFinishesIt(t *testing.T) {
	tl := stepTimeline()
	s := Stepper{Clock: 2.4} // playing freely, in the error phase
	s.Next(tl)
	play(&s, tl, false)
	if i, done := s.Phase(tl); i != 2 || !done {
		t.Errorf("Next in the middle of phase 2 shows phase %d done %t, want 2 done", i, done)
	}
	// Two quick presses: the first phase finishes, the second plays.
	s.Next(tl)
	s.Next(tl)
	play(&s, tl, false)
	if i, done := s.Phase(tl); i != 4 || !done {
		t.Errorf("two presses from phase 2 done: phase %d done %t, want 4 done", i, done)
	}
}

func TestStepperPreviousAndGo(t *testing.T) {
	tl := stepTimeline()
	var s Stepper
	s.Go(tl, 3)
	play(&s, tl, false)
	if i, done := s.Phase(tl); i != 3 || !done {
		t.Fatalf("Go 3: phase %d done %t", i, done)
	}
	s.Previous(tl)
	if i, done := s.Phase(tl); i != 2 || !done {
		t.Errorf("Previous from 3: phase %d done %t, want 2 done", i, done)
	}
	s.Previous(tl)
	s.Previous(tl)
	s.Previous(tl)
	if i, done := s.Phase(tl); i != 0 || done || s.Clock != 0 {
		t.Errorf("Previous past the first phase: phase %d done %t clock %v, want the start", i, done, s.Clock)
	}
	if s.Go(tl, 6) || s.Go(tl, -1) {
		t.Error("Go accepted a phase that is not there")
	}
	s.Play()
	if ended := s.Tick(tl, 100, true); !ended {
		t.Error("playing freely past the end did not end the step")
	}
}

func TestStripCellsAlignSharedMoments(t *testing.T) {
	bp := []PhaseKind{PhaseForward, PhaseForward, PhaseError, PhaseBackward, PhaseBackward, PhaseUpdate}
	chl := []PhaseKind{PhaseFree, PhaseClamp, PhaseClamped, PhaseHebbian, PhaseUpdate}
	box := Rect{Point{10, 0}, Point{610, 20}}
	cells := StripCells([2][]PhaseKind{bp, chl}, [2]Rect{box, {Point{10, 50}, Point{610, 70}}}, 2)
	if len(cells[0]) != len(bp) || len(cells[1]) != len(chl) {
		t.Fatalf("cells %v", cells)
	}
	// Forward done: bp's error starts where CHL's clamp starts; update
	// starts at the same x in both.
	if cells[0][2].Min.X != cells[1][1].Min.X {
		t.Errorf("error at x %v, clamp at %v: not aligned", cells[0][2].Min.X, cells[1][1].Min.X)
	}
	if cells[0][5].Min.X != cells[1][4].Min.X {
		t.Errorf("update at x %v and %v: not aligned", cells[0][5].Min.X, cells[1][4].Min.X)
	}
	for p, cs := range cells {
		for i, c := range cs {
			if c.Dx() <= 0 || !box.Inset(-1).Contains(Rect{Point{c.Min.X, 0}, Point{c.Max.X, 20}}) {
				t.Errorf("panel %d cell %d %v outside the strip", p, i, c)
			}
			if i > 0 && c.Min.X < cs[i-1].Max.X {
				t.Errorf("panel %d cells %d and %d overlap", p, i-1, i)
			}
		}
	}
	// A clamped-first sequence cannot align: its cells share the strip.
	xs := []PhaseKind{PhaseClamp, PhaseClamped, PhaseFree, PhaseHebbian, PhaseUpdate}
	cells = StripCells([2][]PhaseKind{bp, xs}, [2]Rect{box, box}, 0)
	if w := cells[1][0].Dx(); w != box.Dx()/5 {
		t.Errorf("unordered cells are %v wide, want %v", w, box.Dx()/5)
	}
}
