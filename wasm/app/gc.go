package app

import "runtime/debug"

// holdGCLimit is the heap the page may reach while the collector is held:
// six times what the first frame allocates (about 10 MB), so a page whose
// first frame never comes, or a link whose first frame is heavier, still
// collects, without holding much memory on a phone.
const holdGCLimit = 64 << 20

// HoldGC turns the garbage collector off until the returned function is
// called, with holdGCLimit as the backstop, and the function puts back the
// settings it found. The page holds it until its first frame is up
// (Game.OnReady): building the game and drawing the first frame allocate
// about 10 MB, and the collector ran three times in that stretch
// (40–85 ms in Chromium here) for a live heap of 6 MB. The one collection
// that follows runs once the page shows.
func HoldGC() (release func()) {
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(holdGCLimit)
	released := false
	return func() {
		if released {
			return
		}
		released = true
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
