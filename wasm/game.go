package main

import (
	"fmt"
	"runtime/debug"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/scenes"
)

// scene is what the game shows; scenes.Network is the placeholder.
type scene interface {
	Update(playing bool)
	Draw(screen *ebiten.Image, area scenes.Rect)
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

// game is the ebiten.Game: it ticks the app and the scene and recovers from
// panics, so a fault in one frame is reported and the next frame still runs.
type game struct {
	app   *App
	scene scene
	host  host
	scale float64 // device pixels per CSS pixel, from the last LayoutF

	lastPanic string // the last panic logged, so a panic every frame logs once
}

func newGame(app *App, s scene, h host) *game {
	return &game{app: app, scene: s, host: h, scale: 1}
}

// Update advances the runs and the animation by one tick. It never returns
// an error: that would stop the game for good, and a page should keep going.
func (g *game) Update() error {
	defer g.recoverFrom("Update")
	steps, reset := g.app.Tick(stepsPerTickWhilePlaying)
	st := g.app.Status()
	step, epoch := st.Step+steps, st.Epoch
	if reset {
		step, epoch = steps, 0
	}
	g.app.SetProgress(step, epoch)
	g.app.SetFPS(ebiten.ActualFPS())
	g.scene.Update(st.Playing)
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
	}.Inset(marginCSS * g.scale)
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
