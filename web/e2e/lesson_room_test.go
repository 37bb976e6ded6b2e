package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"math"
	"testing"

	"github.com/chromedp/chromedp"

	"propagate/assets"
)

// pageBoxes are the boxes the game reads to find the scene's room.
type pageBoxes struct {
	W, H     float64
	Bar      float64 // the title bar's bottom
	Controls struct{ Left, Top, Width, Height, Bottom float64 }
	Lesson   struct{ Right, Width float64 }
	Frames   int
}

const pageBoxesJS = `(() => {
  const c = document.getElementById('controls').getBoundingClientRect();
  const l = document.getElementById('lesson').getBoundingClientRect();
  return JSON.stringify({w: innerWidth, h: innerHeight,
    bar: document.getElementById('titlebar').getBoundingClientRect().bottom,
    controls: {left: c.left, top: c.top, width: c.width, height: c.height, bottom: c.bottom},
    lesson: {right: l.right, width: l.width},
    frames: JSON.parse(window.propagate.status()).frames});
})()`

func readBoxes(t *testing.T, ctx context.Context) pageBoxes {
	t.Helper()
	var b pageBoxes
	if err := json.Unmarshal([]byte(eval[string](t, ctx, pageBoxesJS)), &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLessonRoomOnLaptops: a bare #lesson=5 opens lesson 5's own demo
// beside its text, and at 1280×800 and 1366×768 the control panel folds to
// its transport row along the bottom, so the demo gets the width. The
// boxes are the ones wasm/app's TestLessonDemoRoomOnLaptops lays the scene
// out in (title bar 52 px, the pane clamp(260, 28vw, 380) px, the folded
// panel at most 72 px), where every compare lesson's networks are at least
// 120 px tall; Settings unfolds the panel. Screenshots:
// out/screenshots/lesson-room-WxH.png.
func TestLessonRoomOnLaptops(t *testing.T) {
	ls, err := assets.Lessons()
	if err != nil {
		t.Fatal(err)
	}
	base := serve(t, bundleDir(t))
	ctx := newBrowser(t)
	if state, _ := open(t, ctx, base+"#lesson=5"); state != "ready" {
		t.Fatalf("page state %q", state)
	}
	waitLesson(t, ctx, ls[4]) // the bare link opened lesson 5's demo and text
	for _, vp := range []struct{ w, h int64 }{{1280, 800}, {1366, 768}} {
		name := fmt.Sprintf("lesson-room-%dx%d", vp.w, vp.h)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.w, vp.h, chromedp.EmulateScale(1))); err != nil {
			t.Fatal(err)
		}
		before := readBoxes(t, ctx).Frames
		waitStatus(t, ctx, name+": frames at the new size", func(s status) bool { return readBoxes(t, ctx).Frames > before+10 })
		b := readBoxes(t, ctx)
		t.Logf("%s: %+v", name, b)
		if b.W != float64(vp.w) || b.H != float64(vp.h) {
			t.Fatalf("%s: viewport %v×%v", name, b.W, b.H)
		}
		if math.Abs(b.Bar-52) > 1 {
			t.Errorf("%s: the title bar ends at %v, the layout test assumes 52", name, b.Bar)
		}
		want := math.Min(380, math.Max(260, 0.28*b.W))
		if math.Abs(b.Lesson.Right-want) > 1.5 {
			t.Errorf("%s: the lesson pane ends at %v, the layout test assumes %v", name, b.Lesson.Right, want)
		}
		c := b.Controls
		if c.Height > 72 || c.Bottom < b.H-1 || c.Left < b.W/2 {
			t.Errorf("%s: the control panel is not folded along the bottom: %+v", name, c)
		}
		img := screenshot(t, ctx, name)
		scene := image.Rect(int(b.Lesson.Right), int(b.Bar), int(b.W), int(c.Top))
		if distinct, _ := colourStats(img, scene); distinct < 16 {
			t.Errorf("%s: the scene's area %v looks empty", name, scene)
		}
	}
	// Settings unfolds the panel to its full height at the right.
	click(t, ctx, "c-toggle")
	waitStatus(t, ctx, "the panel unfolds", func(status) bool { return readBoxes(t, ctx).Controls.Height > 300 })
	click(t, ctx, "c-toggle")
	waitStatus(t, ctx, "the panel folds again", func(status) bool { return readBoxes(t, ctx).Controls.Height <= 72 })
	chromedp.Do(ctx, chromedp.EmulateReset())
}

// TestTheoremButton: one click puts the compare scene under the theorem's
// conditions — a linear output and γ = 0.01 — and the runs start over.
func TestTheoremButton(t *testing.T) {
	base := serve(t, bundleDir(t))
	ctx := newBrowser(t)
	if state, _ := open(t, ctx, base+"#rules=bp,chl&seed=3"); state != "ready" {
		t.Fatalf("page state %q", state)
	}
	click(t, ctx, "c-theorem")
	st := waitStatus(t, ctx, "the theorem's conditions", func(status) bool {
		return eval[string](t, ctx, `(() => { const c = JSON.parse(window.propagate.status()).config; return c.outputActivation + " " + c.gamma; })()`) == "linear 0.01"
	})
	if len(st.Warnings) > 0 || st.Error != "" {
		t.Errorf("warnings %v, error %q", st.Warnings, st.Error)
	}
}
