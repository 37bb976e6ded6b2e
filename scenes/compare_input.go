package scenes

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"propagate/scenes/anim"
)

// Intents are what the viewer asks for in one tick, whatever the device:
// keys, mouse and touch all end up here (as ebiten's 2048 example turns
// input into a direction).
type Intents struct {
	Pointer    anim.Point // in screen pixels
	HasPointer bool
	Click      bool // a click or tap ended at Pointer this tick
	TogglePlay bool // space
	ToggleMode bool // E
	NextPhase  bool // N or →
	Step       bool // S
}

var touchIDs []ebiten.TouchID

// ReadIntents reads this tick's input. scale converts the cursor's
// position into screen pixels (1 when the game lays out at device pixels).
func ReadIntents(scale float64) Intents {
	var in Intents
	x, y := ebiten.CursorPosition()
	in.Pointer, in.HasPointer = anim.Point{X: float64(x), Y: float64(y)}, true
	if inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) {
		in.Click = true
	}
	touchIDs = inpututil.AppendJustReleasedTouchIDs(touchIDs[:0])
	for _, id := range touchIDs {
		tx, ty := inpututil.TouchPositionInPreviousTick(id)
		in.Pointer, in.Click = anim.Point{X: float64(tx), Y: float64(ty)}, true
	}
	in.TogglePlay = inpututil.IsKeyJustPressed(ebiten.KeySpace)
	in.ToggleMode = inpututil.IsKeyJustPressed(ebiten.KeyE)
	in.NextPhase = inpututil.IsKeyJustPressed(ebiten.KeyN) || inpututil.IsKeyJustPressed(ebiten.KeyArrowRight)
	in.Step = inpututil.IsKeyJustPressed(ebiten.KeyS)
	return in
}
