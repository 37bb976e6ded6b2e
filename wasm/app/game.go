package app

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"runtime/debug"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes"
	"propagate/scenes/anim"
)

// Host is what the game needs from the page around it. wasm/bridge_js.go
// implements it with syscall/js; wasm/bridge_notjs.go has stand-ins so the
// page builds and runs natively.
type Host interface {
	NowMs() float64       // milliseconds since navigation start
	TopInsetCSS() float64 // CSS pixels at the top of the canvas covered by the title bar
	// PanelInsetsCSS is the CSS pixels at the right and at the bottom of
	// the canvas that the control panel covers (a side panel on wide
	// screens, a bottom sheet on narrow ones; none when embedded).
	PanelInsetsCSS() (right, bottom float64)
	// LessonInsetsCSS is the lesson pane's room: docked at the left, its
	// right edge as left; as a sheet under the title bar, its bottom edge
	// as top (0: no pane there).
	LessonInsetsCSS() (left, top float64)
	AnnounceReady()       // window.propagate.ready = true, once
	LogError(msg string)  // console.error
	ShowLink(link string) // the address bar shows link (no history entry)
}

// marker is a Host that leaves performance marks (the page does): the game
// marks the start of its first Update and first Draw.
type marker interface{ Mark(name string) }

func (g *Game) mark(name string) {
	if m, ok := g.host.(marker); ok {
		m.Mark(name)
	}
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

// Game is the ebiten.Game: it ticks the app and the scene on show and
// recovers from panics, so a fault in one frame is reported and the next
// frame still runs.
type Game struct {
	app    *App
	scenes *scenes.Manager
	host   Host
	scale  float64   // device pixels per CSS pixel, from the last LayoutF
	area   anim.Rect // where the scene draws, from the last LayoutF
	screen image.Rectangle

	lastPanic string // the last panic logged, so a panic every frame logs once
	ticks     int
	reported  int // the step last reported in status().runs

	shown   string  // the link last put in the address bar
	shownAt float64 // when, in ms
	chunk   int     // replay steps per Advance, grown while there is time
	pngs    []exportRequest

	// Go's time per frame: Update's time since the last Draw, plus Draw's,
	// over the last frameWindow frames.
	updateMs  float64
	updates   int                  // Updates since the last Draw
	updMs     [frameWindow]float64 // the Updates of each frame
	drawMs    [frameWindow]float64
	tickN     [frameWindow]int // Updates per frame
	frameNext int
	frameN    int
	draw      *anim.DrawTool // the draw tool, kept across scenes (data.go)
	drawFor   scenes.Learner // the scene whose runs the draft follows
	drawn     bool           // a frame has been drawn (for the draw1 mark)
	onReady   func()         // called once the first frame is up (OnReady)
}

// OnReady has the game call f once, right after it announces its first
// frame to the page (whose ready handlers run before it returns).
func (g *Game) OnReady(f func()) { g.onReady = f }

// frameWindow is how many frames frameCpuMs averages.
const frameWindow = 30

// NewGame shows the scene app's link asks for, in the page h.
func NewGame(app *App, h Host) *Game {
	m, warnings := scenes.NewManager(app.LinkConfig())
	app.AddWarnings(warnings)
	return &Game{app: app, scenes: m, host: h, scale: 1, reported: -1, chunk: 1}
}

// replayBudgetMs is the time a tick may spend replaying a link's steps, so
// the page keeps drawing (and shows progress) during a long replay.
const replayBudgetMs = 20

// linkEveryMs is how often, at most, a playing page rewrites the address
// bar; a paused page does it at once.
const linkEveryMs = 1000

// Update advances the runs and the animation by one tick. It never returns
// an error: that would stop the game for good, and a page should keep going.
func (g *Game) Update() error {
	t0 := g.host.NowMs()
	defer func() { g.updateMs += g.host.NowMs() - t0; g.updates++ }() // deferred first: runs last
	defer g.recoverFrom("Update")
	g.ticks++
	if g.ticks == 1 {
		g.mark("update1")
	}
	l := g.scenes.Learner()
	per := stepsPerTickWhilePlaying
	if l != nil {
		per = l.StepsPerTick()
	}
	if l != nil && per > 0 {
		// The scene's speed is the one it was built with; the panel may
		// have changed it since.
		per = max(1, g.app.Config().Speed)
	}
	steps, reset := g.app.Tick(per)
	if reset {
		g.app.AddWarnings(g.scenes.Load(g.app.LinkConfig()))
		g.reported = -1
		l = g.scenes.Learner()
	}
	s := g.scenes.Scene()
	g.app.SetScene(s.Name())
	if cfg, ok := g.app.TakeRetune(); ok && l != nil {
		for _, run := range l.Runs() {
			if err := run.Retune(cfg); err != nil {
				g.app.Fail(err.Error())
			}
		}
	}
	g.exports(l)
	defer g.updateLink()
	st := g.app.tick()
	g.app.SetFPS(ebiten.ActualFPS())
	s.Layout(g.area, g.scale)
	if l == nil {
		step, epoch := st.Step+steps, st.Epoch
		if st.Replaying {
			// Scenes without runs have nothing to replay; a step
			// command's steps are only counted.
			target, _ := g.app.Replay()
			g.app.EndReplay()
			step = max(step, target)
		}
		if reset {
			step, epoch = steps, 0
		}
		g.app.SetProgress(step, epoch)
		if c, ok := s.(commander); ok {
			for _, cmd := range g.app.TakeSceneCommands() {
				if err := c.Command(cmd.Name, cmd.Arg); err != nil {
					g.app.Fail(err.Error())
				}
			}
		}
		s.Update(st.Playing)
		g.view(s)
		return nil
	}
	for _, c := range g.app.TakeSceneCommands() {
		if g.drawCommand(c, l) {
			continue
		}
		if err := l.Command(c.Name, c.Arg); err != nil {
			g.app.Fail(err.Error())
		}
	}
	if st.Replaying {
		g.replay(l)
	}
	l.Advance(steps)
	g.drawUpdate(l)
	s.Update(st.Playing)
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
	g.view(s)
	// Loss and accuracy cost a pass over the data: while playing, report
	// them a few times a second; when paused, at once. The page's first
	// frame goes up before any (the scene measures from its second tick).
	if g.ticks > 1 && step != g.reported && !st.Replaying && (!st.Playing || g.reported < 0 || g.ticks%15 == 0) {
		reports := l.Reports()
		g.reported = reportsAt(reports, step)
		g.app.SetRuns(reports)
	}
	g.drawCommit(l) // last: applying a draft starts the runs over
	return nil
}

// reportsAt is the step reports are of: step, or the earliest of a run
// that has not diverged and is reported at an earlier one (a playing scene
// reports its stats lines' metrics, a few steps back). A paused page then
// reports again, at its step; a diverged run stays at the step it stopped.
func reportsAt(reports []engine.RunReport, step int) int {
	at := step
	for _, r := range reports {
		if !r.Diverged && r.Step < at {
			at = r.Step
		}
	}
	return at
}

// Draw renders the scene (laid out in Update) and, after the first frame,
// tells the page it is ready.
func (g *Game) Draw(screen *ebiten.Image) {
	t0 := g.host.NowMs()
	defer func() { g.frameDone(g.host.NowMs() - t0) }()
	defer g.recoverFrom("Draw")
	if !g.drawn {
		g.drawn = true
		g.mark("draw1")
	}
	g.scenes.Scene().Draw(screen)
	g.app.SetTexts(scenes.TakeShown())
	g.capture(screen)
	if g.app.FirstFrame(g.host.NowMs()) {
		g.host.AnnounceReady()
		if g.onReady != nil {
			g.onReady()
		}
	}
}

// frameDone records a frame's Go time: the Updates since the last Draw and
// this Draw's drawMs. Beside the mean per frame it reports the mean per
// Update and per Draw, and the Updates per frame: Ebitengine ticks 60 times
// a second, so a page drawing fewer frames (software WebGL) runs several
// Updates per frame, and a frame at 60 fps costs one Update and one Draw.
func (g *Game) frameDone(drawMs float64) {
	i := g.frameNext
	g.updMs[i], g.drawMs[i], g.tickN[i] = g.updateMs, drawMs, g.updates
	g.updateMs, g.updates = 0, 0
	g.frameNext = (g.frameNext + 1) % frameWindow
	g.frameN = min(g.frameN+1, frameWindow)
	var upd, draw float64
	ticks := 0
	for j := range g.frameN {
		upd += g.updMs[j]
		draw += g.drawMs[j]
		ticks += g.tickN[j]
	}
	n := float64(g.frameN)
	perUpdate := 0.0
	if ticks > 0 {
		perUpdate = upd / float64(ticks)
	}
	g.app.SetFrameCPU(FrameCPU{Frame: (upd + draw) / n, Update: perUpdate, Draw: draw / n, TicksPerFrame: float64(ticks) / n})
}

// LayoutF draws at the device's pixel density so lines stay sharp on
// high-DPI screens, and finds the scene's area on the screen: below the
// title bar, clear of the control panel and the lesson pane.
func (g *Game) LayoutF(outsideWidth, outsideHeight float64) (float64, float64) {
	g.scale = scenes.DeviceScale()
	w, h := outsideWidth*g.scale, outsideHeight*g.scale
	g.setScreen(image.Rect(0, 0, int(math.Ceil(w)), int(math.Ceil(h))))
	return w, h
}

// setScreen lays the scene's area out on a screen of bounds b.
func (g *Game) setScreen(b image.Rectangle) {
	g.screen = b
	area := anim.Rect{
		Min: anim.Point{X: float64(b.Min.X), Y: float64(b.Min.Y) + g.host.TopInsetCSS()*g.scale},
		Max: anim.Point{X: float64(b.Max.X), Y: float64(b.Max.Y)},
	}.Inset(marginFor(float64(b.Dx())/g.scale) * g.scale)
	right, bottom := g.host.PanelInsetsCSS()
	area.Max.X -= right * g.scale
	area.Max.Y -= bottom * g.scale
	if area.Max.X-area.Min.X < 40*g.scale || area.Max.Y-area.Min.Y < 40*g.scale {
		// A window too small for the panel and the scene: the scene wins.
		area.Max = anim.Point{X: float64(b.Max.X), Y: float64(b.Max.Y)}
	}
	if left, top := g.host.LessonInsetsCSS(); left > 0 || top > 0 {
		if a := lessonArea(area, left, top, g.scale, marginFor(float64(b.Dx())/g.scale)); a.Max.X > 0 {
			area = a // the lesson pane's room
		}
	}
	g.area = area
}

// Layout is never called because game implements LayoutF, but ebiten.Game
// requires it.
func (g *Game) Layout(outsideWidth, outsideHeight int) (int, int) {
	return outsideWidth, outsideHeight
}

// recoverFrom must be deferred directly. It turns a panic into a console
// error and Status.Error.
func (g *Game) recoverFrom(phase string) {
	r := recover()
	if r == nil {
		return
	}
	msg := fmt.Sprintf("panic in %s: %v", phase, r)
	g.app.Fail(msg)
	if msg != g.lastPanic {
		g.lastPanic = msg
		g.host.LogError("propagate: " + msg + "\n" + string(debug.Stack()))
	}
}

// replay advances the runs toward the link's step for at most
// replayBudgetMs, in chunks that grow while they are fast, and ends the
// replay on arrival (or when the runs stop: both diverged). Chunking does
// not change the numbers: a run's steps are the same however they are
// grouped.
func (g *Game) replay(l scenes.Learner) {
	target, _ := g.app.Replay()
	start := g.host.NowMs()
	step, _ := l.Progress()
	stopped := false
	for step < target && !stopped && g.host.NowMs()-start < replayBudgetMs {
		n := min(g.chunk, target-step)
		t0 := g.host.NowMs()
		l.Advance(n)
		next, _ := l.Progress()
		stopped = next == step // nothing moves: every run diverged
		step = next
		if g.host.NowMs()-t0 < replayBudgetMs/4 {
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
		if err := applyWeights(l.Runs(), st); err != nil {
			g.app.Fail(err.Error())
		}
	}
	g.reported = -1
}

// exports makes the exports the page asked for from l's runs (nil: the
// scene has none); PNGs wait for Draw.
func (g *Game) exports(l scenes.Learner) {
	for _, req := range g.app.TakeExports() {
		if req.kind == "png" {
			g.pngs = append(g.pngs, req)
			continue
		}
		if l == nil {
			req.done("", "", nil, fmt.Errorf("export: this scene has no runs to export"))
			continue
		}
		cfg := g.app.Config()
		step := g.app.Status().Step
		switch req.kind {
		case "csv":
			req.done(exportName(cfg, step, "csv"), "text/csv", lossCSV(l.Runs()), nil)
		case "json":
			data, err := exportState(cfg, l.Runs())
			req.done(exportName(cfg, step, "json"), "application/json", data, err)
		}
	}
}

// capture answers PNG exports with the part of the screen the scene drew.
func (g *Game) capture(screen *ebiten.Image) {
	if len(g.pngs) == 0 {
		return
	}
	reqs := g.pngs
	g.pngs = nil
	b, area := screen.Bounds(), g.area
	if e, ok := g.scenes.Scene().(exporter); ok {
		area = e.ExportArea() // the picture without the canvas's own buttons
	}
	pad := marginFor(float64(b.Dx())/g.scale) * g.scale
	r := image.Rect(int(area.Min.X-pad), int(area.Min.Y-pad), int(area.Max.X+pad), int(area.Max.Y+pad)).Intersect(b)
	img := image.NewRGBA(b)
	screen.ReadPixels(img.Pix)
	opaque(img, anim.Background)
	var buf bytes.Buffer
	err := png.Encode(&buf, img.SubImage(r))
	st := g.app.Status()
	name := exportName(g.app.Config(), st.Step, "png")
	data := buf.Bytes()
	if err == nil {
		data, err = withPNGText(data, PNGLinkKeyword, st.Link) // the demo, in the picture
	}
	for _, req := range reqs {
		req.done(name, "image/png", data, err)
	}
}

// updateLink keeps the address bar on the current link: at once when
// paused, at most every linkEveryMs while playing (no history entries
// either way).
func (g *Game) updateLink() {
	st := g.app.tick()
	if st.Link == g.shown {
		return
	}
	now := g.host.NowMs()
	if st.Playing && !st.Replaying && now-g.shownAt < linkEveryMs {
		return
	}
	g.shown, g.shownAt = st.Link, now
	g.host.ShowLink(st.Link)
}

// viewer is a scene that describes what it shows (status().panels,
// layout, hover, charts) and the settings its own controls set.
type viewer interface{ View() anim.View }

// commander is a scene without runs that takes scene commands (the lesson
// scenes' "nudge").
type commander interface {
	Command(name, arg string) error
}

// view reports what s shows.
func (g *Game) view(s scenes.Scene) {
	if v, ok := s.(viewer); ok {
		g.app.SetView(v.View(), g.scale)
	}
}

// exporter is a scene whose picture is less than its area (the compare
// scene leaves out its row of in-canvas buttons).
type exporter interface{ ExportArea() anim.Rect }

// opaque lays img (premultiplied, as the screen's pixels are) over bg, so
// an exported picture reads the same on any background: the canvas is
// transparent where the page's own background shows through.
func opaque(img *image.RGBA, bg color.NRGBA) {
	p := img.Pix
	for i := 0; i+3 < len(p); i += 4 {
		a := int(p[i+3])
		if a == 255 {
			continue
		}
		k := 255 - a
		p[i] = uint8(int(p[i]) + (int(bg.R)*k+127)/255)
		p[i+1] = uint8(int(p[i+1]) + (int(bg.G)*k+127)/255)
		p[i+2] = uint8(int(p[i+2]) + (int(bg.B)*k+127)/255)
		p[i+3] = 255
	}
}
