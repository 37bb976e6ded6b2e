package app

import (
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

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
	g.Update()
	g.Draw(screen)
	g.Draw(screen)
	if h.readyCalls != 1 {
		t.Errorf("announceReady called %d times, want 1", h.readyCalls)
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
