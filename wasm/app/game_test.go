package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes"
	"propagate/scenes/anim"
)

// fakeHost records what the game asks of the page.
type fakeHost struct {
	readyCalls int
	errors     []string
	links      []string
	now        float64
	perRead    float64 // the clock advances this much at every read
}

func (h *fakeHost) NowMs() float64 {
	if h.now == 0 && h.perRead == 0 {
		return 42
	}
	h.now += h.perRead
	return h.now
}
func (*fakeHost) TopInsetCSS() float64                    { return 40 }
func (*fakeHost) PanelInsetsCSS() (right, bottom float64) { return 0, 0 }
func (*fakeHost) LessonInsetsCSS() (left, top float64)    { return 0, 0 }
func (h *fakeHost) ShowLink(link string)                  { h.links = append(h.links, link) }
func (h *fakeHost) AnnounceReady()                        { h.readyCalls++ }
func (h *fakeHost) LogError(msg string)                   { h.errors = append(h.errors, msg) }

// fakeScene panics when told to and remembers the area it was given.
type fakeScene struct {
	panicIn string
	area    anim.Rect
}

func (*fakeScene) Name() string { return "fake" }

func (s *fakeScene) Layout(area anim.Rect, _ float64) { s.area = area }

func (s *fakeScene) Update(bool) {
	if s.panicIn == "Update" {
		panic("boom in update")
	}
}

func (s *fakeScene) Draw(*ebiten.Image) {
	if s.panicIn == "Draw" {
		panic("boom in draw")
	}
}

// newGame is a game showing s in the page h.
func newGame(app *App, s scenes.Scene, h Host) *Game {
	g := NewGame(app, h)
	g.scenes.Set(s)
	return g
}

func TestPanicsAreRecoveredAndReported(t *testing.T) {
	for _, phase := range []string{"Update", "Draw"} {
		t.Run(phase, func(t *testing.T) {
			app, h := NewApp(""), &fakeHost{}
			g := newGame(app, &fakeScene{panicIn: phase}, h)
			screen := ebiten.NewImage(100, 100)
			for range 3 { // a panic every frame is logged once
				if err := g.Update(); err != nil {
					t.Fatalf("Update returned %v; a page must keep running", err)
				}
				g.Draw(screen)
			}
			if st := app.Status(); !strings.Contains(st.Error, "panic in "+phase) {
				t.Errorf("status error = %q, want it to name the panic in %s", st.Error, phase)
			}
			if len(h.errors) != 1 || !strings.Contains(h.errors[0], "boom") {
				t.Errorf("console errors = %q, want one naming the panic", h.errors)
			}
		})
	}
}

func TestDrawAnnouncesReadyOnceAndLeavesRoomForTheTitleBar(t *testing.T) {
	app, h, s := NewApp(""), &fakeHost{}, &fakeScene{}
	g := newGame(app, s, h)
	screen := ebiten.NewImage(400, 300)
	g.setScreen(screen.Bounds())
	readyThen := -1 // the announcements made when the hook ran
	hooks := 0
	g.OnReady(func() { hooks++; readyThen = h.readyCalls })
	g.Update()
	g.Draw(screen)
	g.Draw(screen)
	if h.readyCalls != 1 {
		t.Errorf("announceReady called %d times, want 1", h.readyCalls)
	}
	if hooks != 1 || readyThen != 1 {
		t.Errorf("the ready hook ran %d times, after %d announcements; want once, after the one", hooks, readyThen)
	}
	if got := app.Status().FirstFrameMs; got != 42 {
		t.Errorf("firstFrameMs = %v, want the host's clock, 42", got)
	}
	if s.area.Min.Y < 40 {
		t.Errorf("scene area starts at y=%v, under the 40px title bar", s.area.Min.Y)
	}
}

func TestUpdateCountsSteps(t *testing.T) {
	app := NewApp("")
	g := newGame(app, &fakeScene{}, &fakeHost{})
	g.Update()
	g.Update()
	if got := app.Status().Step; got != 2 {
		t.Errorf("step after two playing ticks = %d, want 2", got)
	}
	app.Command("step", "5")
	g.Update()
	if got := app.Status().Step; got != 7 {
		t.Errorf("step after step 5 = %d, want 7", got)
	}
	app.Command("reset", "")
	g.Update()
	if got := app.Status().Step; got != 0 {
		t.Errorf("step after reset while paused = %d, want 0", got)
	}
}

// With the learning rate changed to 1 at step 1, the Δw the explain
// animation shows for the step after it is the change the run made at 1,
// not at the link's starting 0.03.
func TestExplainShowsTheLearningRateInForce(t *testing.T) {
	const link = "#seed=3&rules=bp,chl&changes=1~learningRate~1"
	app := NewApp(link)
	g := NewGame(app, &fakeHost{})
	app.Command("pause", "")
	app.Command("step", "1")
	g.Update()
	c, ok := g.scenes.Learner().(*scenes.Compare)
	if !ok || app.Status().Step != 1 {
		t.Fatalf("scene %T at step %d", g.scenes.Scene(), app.Status().Step)
	}
	before := c.Runs()[0].View().AllWeights()
	app.Command("mode", "explain")
	g.Update()
	after := c.Runs()[0].View().AllWeights()

	// The rule's own update for that step, per unit of learning rate.
	cfg, _ := engine.DecodeLink(link)
	ref, _ := engine.NewRun(cfg, "bp")
	ref.Step(1)
	var tr engine.Trace
	ref.StepTraced(&tr)
	var dw float64
	for _, e := range tr.Events {
		if e.Kind == engine.EvUpdate && e.Layer == 1 {
			dw = e.Weights[0]
		}
	}
	if dw == 0 || tr.Applied.LearningRate != 1 {
		t.Fatalf("reference step: ΔW %v at η %v", dw, tr.Applied.LearningRate)
	}
	var shown string
	for _, l := range c.EdgeLines(1, 0, 0) {
		if strings.HasPrefix(l, "Backprop w") {
			_, shown, _ = strings.Cut(l, "Δw ")
		}
	}
	want := fmt.Sprintf("%+.5f", after[1][0]-before[1][0])
	if shown != want || want != fmt.Sprintf("%+.5f", 1*dw) || want == fmt.Sprintf("%+.5f", 0.03*dw) {
		t.Errorf("Δw shown %q; the run moved the weight by %s, η·ΔW at η = 1 is %+.5f, at 0.03 %+.5f", shown, want, dw, 0.03*dw)
	}
}

// clockScene spends ms of the host's clock in each Update and Draw.
type clockScene struct {
	fakeScene
	h            *fakeHost
	update, draw float64
}

func (s *clockScene) Update(bool)        { s.h.now += s.update }
func (s *clockScene) Draw(*ebiten.Image) { s.h.now += s.draw }

// TestFrameCPU: frameCpuMs is the Go time of a frame — its Updates since
// the last Draw and the Draw — averaged over the last frames.
func TestFrameCPU(t *testing.T) {
	app, h := NewApp(""), &fakeHost{now: 1000}
	s := &clockScene{h: h, update: 3, draw: 2}
	g := newGame(app, s, h)
	screen := ebiten.NewImage(100, 100)
	g.Update()
	g.Update()
	g.Draw(screen) // 3 + 3 + 2
	if got := app.Status().FrameCPUMs; got != 8 {
		t.Fatalf("frameCpuMs = %v after two Updates and a Draw of 3, 3 and 2 ms, want 8", got)
	}
	if st := app.Status(); st.UpdateCPUMs != 3 || st.DrawCPUMs != 2 || st.TicksPerFrame != 2 {
		t.Errorf("per Update %v ms, per Draw %v ms, %v Updates a frame; want 3, 2 and 2", st.UpdateCPUMs, st.DrawCPUMs, st.TicksPerFrame)
	}
	g.Update()
	g.Draw(screen) // 3 + 2
	if got := app.Status().FrameCPUMs; got != 6.5 {
		t.Errorf("frameCpuMs = %v, want the mean of 8 and 5", got)
	}
	if st := app.Status(); st.UpdateCPUMs != 3 || st.DrawCPUMs != 2 || st.TicksPerFrame != 1.5 {
		t.Errorf("per Update %v ms, per Draw %v ms, %v Updates a frame; want 3, 2 and 1.5", st.UpdateCPUMs, st.DrawCPUMs, st.TicksPerFrame)
	}
	for range frameWindow {
		g.Update()
		g.Draw(screen)
	}
	if got := app.Status().FrameCPUMs; got != 5 {
		t.Errorf("frameCpuMs = %v after %d frames of 5 ms, want 5", got, frameWindow)
	}
}

// The game reports again once paused when its last reports were a few
// steps behind (a playing scene's stats-line metrics): reportsAt is the
// step the reports are of, a diverged run (stopped at its own step) aside.
func TestReportsAt(t *testing.T) {
	cases := []struct {
		reports []engine.RunReport
		step    int
		want    int
	}{
		{[]engine.RunReport{{Step: 120}, {Step: 120}}, 120, 120},
		{[]engine.RunReport{{Step: 114}, {Step: 120}}, 120, 114},
		{[]engine.RunReport{{Step: 120}, {Step: 37, Diverged: true}}, 120, 120},
		{[]engine.RunReport{{Step: 9, Diverged: true}}, 120, 120},
		{nil, 5, 5},
	}
	for _, tc := range cases {
		if got := reportsAt(tc.reports, tc.step); got != tc.want {
			t.Errorf("reportsAt(%+v, %d) = %d, want %d", tc.reports, tc.step, got, tc.want)
		}
	}
}
