package scenes

import (
	"github.com/hajimehoshi/ebiten/v2"

	"propagate/scenes/anim"
)

// Intents are what the viewer asks for in one tick, whatever the device:
// keys, mouse and touch all end up here (as ebiten's 2048 example turns
// input into a direction).
type Intents struct {
	Pointer    anim.Point // in screen pixels
	HasPointer bool
	Click      bool // a click or tap ended at Pointer this tick
	TogglePlay bool // the canvas's play button (tests)
	ToggleMode bool // switch explain / train (tests)
	NextPhase  bool // the next phase (tests; the page sends command "next")
	Step       bool // one step (tests)
}

var touchIDs []ebiten.TouchID

// ReadIntents reads this tick's pointer. scale converts the cursor's
// position into screen pixels (1 when the game lays out at device pixels).
// Keys are the page's (web/static/controls.js reads them once, wherever
// the focus is, and sends commands): the canvas never sees them.
func ReadIntents(scale float64) Intents {
	var in Intents
	x, y := ebiten.CursorPosition()
	in.Pointer, in.HasPointer = anim.Point{X: float64(x), Y: float64(y)}, true
	if p, ok := releaseThisTick(); ok {
		in.Pointer, in.Click = p, true
	}
	return in
}
