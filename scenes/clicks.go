package scenes

import (
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"propagate/scenes/anim"
)

// Clicks as the page sees them. Ebitengine polls the mouse once a tick, so
// a click whose press and release fall between two ticks (a quick tap, a
// test's click) is never seen as one. The page (wasm/bridge_js.go) also
// queues every pointerup on the canvas here; a tick that Ebitengine saw
// no release in takes the oldest queued one instead, so no click is lost
// and none counts twice.

var (
	queuedMu sync.Mutex // the page queues from its event handlers
	queued   []anim.Point
)

// maxQueued bounds the queue when nothing reads it (a scene without
// pointer input).
const maxQueued = 8

// QueueClick records a pointer release at p, in screen pixels.
func QueueClick(p anim.Point) {
	queuedMu.Lock()
	defer queuedMu.Unlock()
	if len(queued) >= maxQueued {
		queued = queued[1:]
	}
	queued = append(queued, p)
}

// releaseThisTick reports the release of this tick: the one Ebitengine
// saw (which the queue also holds, and gives up), or else the oldest
// queued one.
func releaseThisTick() (anim.Point, bool) {
	queuedMu.Lock()
	defer queuedMu.Unlock()
	if inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) {
		queued = queued[:0]
		x, y := ebiten.CursorPosition()
		return anim.Point{X: float64(x), Y: float64(y)}, true
	}
	touchIDs = inpututil.AppendJustReleasedTouchIDs(touchIDs[:0])
	for _, id := range touchIDs {
		queued = queued[:0]
		tx, ty := inpututil.TouchPositionInPreviousTick(id)
		return anim.Point{X: float64(tx), Y: float64(ty)}, true
	}
	if len(queued) > 0 {
		p := queued[0]
		queued = queued[1:]
		return p, true
	}
	return anim.Point{}, false
}
