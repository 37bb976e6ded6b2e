package main

import (
	"fmt"
	"runtime/debug"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes"
)

// scene is what the game shows; scenes.Network is the placeholder.
type scene interface {
	Update(playing bool)
	Draw(screen *ebiten.Image, area scenes.Rect)
}

// learner is a scene with runs (scenes.Compare): the game steps it, runs its
// commands and reports its runs.
type learner interface {
	scene
	StepsPerTick() int
	Advance(steps int)
	Progress() (step, epoch int)
	Reports() []engine.RunReport
	TakeRequests() (togglePlay bool, steps int)
	Command(name, arg string) error
	Mode() scenes.Mode
}

// sceneFor builds the scene a link asks for, with the link's warnings. A
// link that decodes but cannot be built (a rule not implemented yet) falls
// back to the placeholder and says why.
func sceneFor(link string) (scene, []string) {
	cfg, warnings := engine.DecodeLink(link)
	c, err := scenes.NewCompare(cfg)
	if err != nil {
		return scenes.NewNetwork([]int{2, 4, 2, 1}, 1), append(warnings, err.Error())
	}
	return c, warnings
}

// host is what the game needs from the page around it. bridge_js.go
// implements it with syscall/js; bridge_notjs.go has stand-ins so the
// package builds, vets and tests natively.
type host interface {
	nowMs() float64       // milliseconds since navigation start
	topInsetCSS() float64 // CSS pixels at the top of the canvas covered by the title bar
	announceReady()       // window.propagate.ready = true, once
	logError(msg string)  // console.error
}

// stepsPerTickWhilePlaying is how many steps a playing page takes per
// Update. Until the engine lands, a step is only counted.
const stepsPerTickWhilePlaying = 1

// marginCSS keeps the drawing off the edges of the window, in CSS pixels.
const marginCSS = 24

// marginFor is the margin for a window width in CSS pixels: phones keep
// their few pixels for the scene.
func marginFor(widthCSS float64) float64 {
	if widthCSS < 600 {
		return 8
	}
	return marginCSS
}

// game is the ebiten.Game: it ticks the app and the scene and recovers from
// panics, so a fault in one frame is reported and the next frame still runs.
type game struct {
	app   *App
	scene scene
	host  host
	scale float64 // device pixels per CSS pixel, from the last LayoutF

	lastPanic string // the last panic logged, so a panic every frame logs once
	ticks     int
	reported  int // the step last reported in status().runs
}

func newGame(app *App, s scene, h host) *game {
	return &game{app: app, scene: s, host: h, scale: 1, reported: -1}
}

// Update advances the runs and the animation by one tick. It never returns
// an error: that would stop the game for good, and a page should keep going.
func (g *game) Update() error {
	defer g.recoverFrom("Update")
	g.ticks++
	l, learning := g.scene.(learner)
	per := stepsPerTickWhilePlaying
	if learning {
		per = l.StepsPerTick()
	}
	steps, reset := g.app.Tick(per)
	if reset {
		s, warnings := sceneFor(g.app.Link())
		g.scene = s
		g.app.SetWarnings(warnings)
		g.reported = -1
		l, learning = g.scene.(learner)
	}
	st := g.app.Status()
	g.app.SetFPS(ebiten.ActualFPS())
	if !learning {
		step, epoch := st.Step+steps, st.Epoch
		if reset {
			step, epoch = steps, 0
		}
		g.app.SetProgress(step, epoch)
		g.scene.Update(st.Playing)
		return nil
	}
	for _, c := range g.app.TakeSceneCommands() {
		if err := l.Command(c.Name, c.Arg); err != nil {
			g.app.Fail(err.Error())
		}
	}
	l.Advance(steps)
	g.scene.Update(st.Playing)
	if toggle, n := l.TakeRequests(); toggle || n > 0 {
		if toggle {
			g.app.Command(map[bool]string{true: "pause", false: "play"}[st.Playing], "")
		}
		if n > 0 {
			g.app.Command("step", strconv.Itoa(n))
		}
	}
	step, epoch := l.Progress()
	g.app.SetProgress(step, epoch)
	g.app.SetMode(l.Mode().String())
	// Loss and accuracy cost a pass over the data: while playing, report
	// them a few times a second; when paused, at once.
	if step != g.reported && (!st.Playing || g.ticks%15 == 0) {
		g.reported = step
		reports := l.Reports()
		runs := make([]RunStatus, len(reports))
		for i, r := range reports {
			runs[i] = RunStatus{Rule: r.Rule, Loss: r.Loss, TrainAcc: r.TrainAcc, TestAcc: r.TestAcc, Diverged: r.Diverged}
		}
		g.app.SetRuns(runs)
	}
	return nil
}

// Draw renders the scene below the title bar and, after the first frame,
// tells the page it is ready.
func (g *game) Draw(screen *ebiten.Image) {
	defer g.recoverFrom("Draw")
	b := screen.Bounds()
	area := scenes.Rect{
		Min: scenes.Point{X: float64(b.Min.X), Y: float64(b.Min.Y) + g.host.topInsetCSS()*g.scale},
		Max: scenes.Point{X: float64(b.Max.X), Y: float64(b.Max.Y)},
	}.Inset(marginFor(float64(b.Dx())/g.scale) * g.scale)
	g.scene.Draw(screen, area)
	if g.app.FirstFrame(g.host.nowMs()) {
		g.host.announceReady()
	}
}

// LayoutF draws at the device's pixel density so lines stay sharp on
// high-DPI screens.
func (g *game) LayoutF(outsideWidth, outsideHeight float64) (float64, float64) {
	g.scale = ebiten.Monitor().DeviceScaleFactor()
	if g.scale <= 0 {
		g.scale = 1
	}
	return outsideWidth * g.scale, outsideHeight * g.scale
}

// Layout is never called because game implements LayoutF, but ebiten.Game
// requires it.
func (g *game) Layout(outsideWidth, outsideHeight int) (int, int) {
	return outsideWidth, outsideHeight
}

// recoverFrom must be deferred directly. It turns a panic into a console
// error and Status.Error.
func (g *game) recoverFrom(phase string) {
	r := recover()
	if r == nil {
		return
	}
	msg := fmt.Sprintf("panic in %s: %v", phase, r)
	g.app.Fail(msg)
	if msg != g.lastPanic {
		g.lastPanic = msg
		g.host.logError("propagate: " + msg + "\n" + string(debug.Stack()))
	}
}
