package app

import (
	"strconv"
	"testing"
)

// Step requests never pile up: command("step", 100000) three times asks
// for one target, not 300,000 steps in one tick (which blocked the page
// for a minute).
func TestStepRequestsDoNotAccumulate(t *testing.T) {
	app := NewApp("#rules=bp,fa")
	for range 3 {
		app.Command("step", strconv.Itoa(maxStepsPerCommand))
	}
	st := app.Status()
	if st.ReplayTarget != maxStepsPerCommand || !st.Replaying {
		t.Errorf("three step commands: replaying %t to %d, want one target of %d", st.Replaying, st.ReplayTarget, maxStepsPerCommand)
	}
	if steps, _ := app.Tick(1); steps != 0 {
		t.Errorf("Tick = %d steps at once", steps)
	}
}

// The game takes a step command's steps across ticks, within its budget
// per tick, shows the progress, and stopreplay ends them where they are.
func TestGameStepsAcrossFramesAndStops(t *testing.T) {
	app := NewApp("#rules=bp,chl")
	h := &fakeHost{perRead: 2 * replayBudgetMs} // every chunk overruns: one chunk a tick
	g := NewGame(app, h)
	g.Update()
	app.Command("step", "100000")
	app.Command("step", "100000")
	for range 5 {
		g.Update()
	}
	st := app.Status()
	if !st.Replaying || st.Step <= 0 || st.Step >= 100000 {
		t.Fatalf("after 5 ticks: replaying %t at step %d of %d", st.Replaying, st.Step, st.ReplayTarget)
	}
	at := st.Step
	app.Command("stopreplay", "")
	g.Update()
	g.Update()
	if st := app.Status(); st.Replaying || st.Step != at || len(st.Runs) != 2 {
		t.Errorf("after stopreplay at %d: replaying %t step %d runs %d", at, st.Replaying, st.Step, len(st.Runs))
	}
}
