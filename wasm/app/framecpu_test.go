package app

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// clockScene spends fixed times on the host's clock in Update and Draw.
type clockScene struct {
	fakeScene
	h            *fakeHost
	update, draw float64
}

func (s *clockScene) Update(bool)        { s.h.now += s.update }
func (s *clockScene) Draw(*ebiten.Image) { s.h.now += s.draw }

func TestFrameCpuMsIsGoTimePerFrame(t *testing.T) {
	app, h := NewApp(""), &fakeHost{now: 1000}
	s := &clockScene{h: h, update: 3, draw: 5}
	g := newGame(app, s, h)
	screen := ebiten.NewImage(100, 100)
	// Two ticks before a frame is drawn: both count for that frame.
	g.Update()
	g.Update()
	g.Draw(screen)
	if got := app.Status().FrameCpuMs; got != 11 {
		t.Errorf("frameCpuMs after 2 Updates of 3 ms and a Draw of 5 ms = %v, want 11", got)
	}
	g.Update()
	g.Draw(screen)
	if got := app.Status().FrameCpuMs; got != 9.5 {
		t.Errorf("frameCpuMs over frames of 11 and 8 ms = %v, want their mean 9.5", got)
	}
}

func TestFrameCPUWindowForgetsOldFrames(t *testing.T) {
	var f frameCPU
	for range frameCPUWindow {
		f.endFrame(100)
	}
	var mean float64
	for range frameCPUWindow {
		f.addUpdate(1)
		mean = f.endFrame(1)
	}
	if mean != 2 {
		t.Errorf("mean after a window of 2 ms frames = %v, want 2 (the 100 ms frames forgotten)", mean)
	}
	f.addUpdate(0.5)
	if got := f.endFrame(0.5); got != (2*(frameCPUWindow-1)+1)/float64(frameCPUWindow) {
		t.Errorf("mean = %v, want one 1 ms frame among %d of 2 ms", got, frameCPUWindow-1)
	}
}
