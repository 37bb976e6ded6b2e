package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
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
	if s, ok := lessonScene(cfg); ok {
		return s, warnings
	}
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
	// panelInsetsCSS is the CSS pixels at the right and at the bottom of
	// the canvas that the control panel covers (a side panel on wide
	// screens, a bottom sheet on narrow ones; none when embedded).
	panelInsetsCSS() (right, bottom float64)
	announceReady()       // window.propagate.ready = true, once
	logError(msg string)  // console.error
	showLink(link string) // the address bar shows link (no history entry)
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

	shown   string  // the link last put in the address bar
	shownAt float64 // when, in ms
	chunk   int     // replay steps per Advance, grown while there is time
	pngs    []exportRequest
}

func newGame(app *App, s scene, h host) *game {
	return &game{app: app, scene: s, host: h, scale: 1, reported: -1, chunk: 1}
}

// replayBudgetMs is the time a tick may spend replaying a link's steps, so
// the page keeps drawing (and shows progress) during a long replay.
const replayBudgetMs = 20

// linkEveryMs is how often, at most, a playing page rewrites the address
// bar; a paused page does it at once.
const linkEveryMs = 1000

// runner is a scene whose runs can be exported and retuned.
type runner interface {
	Runs() []*engine.Run
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
	if learning && per > 0 {
		// The scene's speed is the one it was built with; the panel may
		// have changed it since.
		per = max(1, g.app.Config().Speed)
	}
	steps, reset := g.app.Tick(per)
	if reset {
		s, warnings := sceneFor(g.app.Link())
		g.scene = s
		g.app.AddWarnings(warnings)
		g.reported = -1
		l, learning = g.scene.(learner)
	}
	g.app.SetScene(sceneNameOf(g.scene))
	if cfg, ok := g.app.TakeRetune(); ok {
		if r, ok := g.scene.(runner); ok {
			for _, run := range r.Runs() {
				if err := run.Retune(cfg); err != nil {
					g.app.Fail(err.Error())
				}
			}
		}
	}
	g.exports()
	defer g.updateLink()
	st := g.app.Status()
	g.app.SetFPS(ebiten.ActualFPS())
	if !learning {
		if st.Replaying {
			g.app.EndReplay() // scenes without runs have nothing to replay
		}
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
	if st.Replaying {
		g.replay(l)
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
	if step != g.reported && !st.Replaying && (!st.Playing || g.reported < 0 || g.ticks%15 == 0) {
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
	right, bottom := g.host.panelInsetsCSS()
	area.Max.X -= right * g.scale
	area.Max.Y -= bottom * g.scale
	if area.Max.X-area.Min.X < 40*g.scale || area.Max.Y-area.Min.Y < 40*g.scale {
		// A window too small for the panel and the scene: the scene wins.
		area.Max = scenes.Point{X: float64(b.Max.X), Y: float64(b.Max.Y)}
	}
	if left, top := lessonInsetsCSS(); left > 0 || top > 0 {
		if a := lessonArea(area, left, top, g.scale, marginFor(float64(b.Dx())/g.scale)); a.Max.X > 0 {
			area = a // the lesson pane's room
		}
	}
	g.scene.Draw(screen, area)
	g.capture(screen, area)
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

// replay advances the runs toward the link's step for at most
// replayBudgetMs, in chunks that grow while they are fast, and ends the
// replay on arrival (or when the runs stop: both diverged). Chunking does
// not change the numbers: a run's steps are the same however they are
// grouped.
func (g *game) replay(l learner) {
	target, _ := g.app.Replay()
	start := g.host.nowMs()
	step, _ := l.Progress()
	stopped := false
	for step < target && !stopped && g.host.nowMs()-start < replayBudgetMs {
		n := min(g.chunk, target-step)
		t0 := g.host.nowMs()
		l.Advance(n)
		next, _ := l.Progress()
		stopped = next == step // nothing moves: every run diverged
		step = next
		if g.host.nowMs()-t0 < replayBudgetMs/4 {
			g.chunk = min(2*g.chunk, 1<<14)
		}
	}
	step, epoch := l.Progress()
	g.app.SetProgress(step, epoch)
	if step < target && !stopped {
		return // more next tick
	}
	g.chunk = 1
	if st := g.app.EndReplay(); st != nil {
		if r, ok := l.(runner); ok {
			if err := applyWeights(r.Runs(), st); err != nil {
				g.app.Fail(err.Error())
			}
		}
	}
	g.reported = -1
}

// exports makes the exports the page asked for; PNGs wait for Draw.
func (g *game) exports() {
	for _, req := range g.app.TakeExports() {
		if req.kind == "png" {
			g.pngs = append(g.pngs, req)
			continue
		}
		r, ok := g.scene.(runner)
		if !ok {
			req.done("", "", nil, fmt.Errorf("export: this scene has no runs to export"))
			continue
		}
		cfg := g.app.Config()
		step := g.app.Status().Step
		switch req.kind {
		case "csv":
			req.done(exportName(cfg, step, "csv"), "text/csv", lossCSV(r.Runs()), nil)
		case "json":
			data, err := exportState(cfg, r.Runs())
			req.done(exportName(cfg, step, "json"), "application/json", data, err)
		}
	}
}

// capture answers PNG exports with the part of the screen the scene drew.
func (g *game) capture(screen *ebiten.Image, area scenes.Rect) {
	if len(g.pngs) == 0 {
		return
	}
	reqs := g.pngs
	g.pngs = nil
	b := screen.Bounds()
	pad := marginFor(float64(b.Dx())/g.scale) * g.scale
	r := image.Rect(int(area.Min.X-pad), int(area.Min.Y-pad), int(area.Max.X+pad), int(area.Max.Y+pad)).Intersect(b)
	img := image.NewRGBA(b)
	screen.ReadPixels(img.Pix)
	var buf bytes.Buffer
	err := png.Encode(&buf, img.SubImage(r))
	cfg := g.app.Config()
	name := exportName(cfg, g.app.Status().Step, "png")
	for _, req := range reqs {
		req.done(name, "image/png", buf.Bytes(), err)
	}
}

// updateLink keeps the address bar on the current link: at once when
// paused, at most every linkEveryMs while playing (no history entries
// either way).
func (g *game) updateLink() {
	st := g.app.Status()
	if st.Link == g.shown {
		return
	}
	now := g.host.nowMs()
	if st.Playing && !st.Replaying && now-g.shownAt < linkEveryMs {
		return
	}
	g.shown, g.shownAt = st.Link, now
	g.host.showLink(st.Link)
}
