package e2e

// The learner's view (issue 15): one test per numbered item of the issue,
// each driving the page with real key and pointer events (chromedp's
// Input domain, as a person's keyboard and mouse would) and checking what
// status() says and what the screen shows. They wait on status() and the
// DOM, never on time.
//
// status() is extended for them (DESIGN.md allows extending the
// contract): `panels` (one per compare panel: rule, title, caption, colour
// and the explain phase {name, kind, index, count, done}), `layout` (named
// boxes in CSS pixels of the viewport: panels, charts, phase strips,
// sliders), `texts` (the text the scene shows) and `hover` (the readout
// under the pointer).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"propagate/scenes/anim"
)

// The view types status() reports, as the page encodes them.
type (
	lphase  = anim.PhaseView
	lpanel  = anim.PanelView
	lseries = anim.SeriesView
)

// lstatus is status() with the fields these tests read.
type lstatus struct {
	status
	Mode   string                `json:"mode"`
	Config map[string]string     `json:"config"`
	Frames int                   `json:"frames"`
	Panels []lpanel              `json:"panels"`
	Layout map[string][4]float64 `json:"layout"`
	Texts  []string              `json:"texts"`
	Hover  []string              `json:"hover"`
	Charts map[string][]lseries  `json:"charts"`
	raw    map[string]json.RawMessage
}

func readL(t *testing.T, ctx context.Context) lstatus {
	t.Helper()
	raw := eval[string](t, ctx, `window.propagate.status()`)
	var st lstatus
	st.status = parseStatus(t, raw)
	if err := json.Unmarshal([]byte(raw), &st); err != nil {
		t.Fatalf("status(): %v\n%s", err, raw)
	}
	json.Unmarshal([]byte(raw), &st.raw)
	return st
}

// need fails the test at once when status() lacks a field these tests
// depend on: the page cannot say what it shows.
func (st lstatus) need(t *testing.T, fields ...string) {
	t.Helper()
	for _, f := range fields {
		if _, ok := st.raw[f]; !ok {
			t.Fatalf("status() has no %q: the page does not say what it shows (status: %.300s…)", f, mustJSON(st.raw))
		}
	}
}

func mustJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

// waitL polls status() until ok holds, for up to 3 minutes: the explain
// animation plays in ticks, and software WebGL on a shared machine can run
// them far slower than the clock.
func waitL(t *testing.T, ctx context.Context, what string, ok func(lstatus) bool) lstatus {
	t.Helper()
	return waitFor(t, ctx, what, 180*time.Second, func() lstatus { return readL(t, ctx) }, ok, func(st lstatus) string {
		return fmt.Sprintf("step %d, mode %s, playing %t, fps %.1f, frames %d, panels %s, error %q, settings %s", st.Step, st.Mode, st.Playing, st.FPS, st.Frames, mustJSON(st.Panels), st.Error, mustJSON(st.Config))
	})
}

// frames waits until the page has drawn n more frames: what follows sees
// the scene as it is drawn now.
func frames(t *testing.T, ctx context.Context, n int) lstatus {
	t.Helper()
	from := readL(t, ctx).Frames
	return waitL(t, ctx, fmt.Sprintf("%d frames", n), func(s lstatus) bool { return s.Frames >= from+n })
}

// tap presses and releases a key as one quick event pair: a tap shorter
// than a frame.
func tap(t *testing.T, ctx context.Context, k string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
		t.Fatalf("key %q: %v", k, err)
	}
}

// clickAt clicks at (x, y) CSS pixels with a real mouse press and release.
func clickAt(t *testing.T, ctx context.Context, x, y float64) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatalf("click at %.0f,%.0f: %v", x, y, err)
	}
}

// drag presses at from, moves to to in steps and releases there, letting
// frames pass between so the scene sees the button held.
func drag(t *testing.T, ctx context.Context, from, to [2]float64) {
	t.Helper()
	mouse(t, ctx, chromedp.MouseMoved, from[0], from[1], input.MouseButtonNone)
	mouse(t, ctx, chromedp.MousePressed, from[0], from[1], input.MouseButtonLeft)
	frames(t, ctx, 2)
	held := func(p *input.DispatchMouseEventParams) { p.Buttons = 1; p.Button = input.MouseButtonLeft }
	for i := 1; i <= 5; i++ {
		f := float64(i) / 5
		x, y := from[0]+f*(to[0]-from[0]), from[1]+f*(to[1]-from[1])
		if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, x, y, held)); err != nil {
			t.Fatal(err)
		}
		frames(t, ctx, 1)
	}
	frames(t, ctx, 2)
	mouse(t, ctx, chromedp.MouseReleased, to[0], to[1], input.MouseButtonLeft)
	frames(t, ctx, 2)
}

func box(t *testing.T, st lstatus, name string) image.Rectangle {
	t.Helper()
	b, ok := st.Layout[name]
	if !ok {
		names := make([]string, 0, len(st.Layout))
		for k := range st.Layout {
			names = append(names, k)
		}
		t.Fatalf("status().layout has no %q (it has %v)", name, names)
	}
	return image.Rect(int(b[0]), int(b[1]), int(math.Ceil(b[2])), int(math.Ceil(b[3])))
}

func centre(r image.Rectangle) (float64, float64) {
	return float64(r.Min.X+r.Max.X) / 2, float64(r.Min.Y+r.Max.Y) / 2
}

// openL opens the page at hash in a fresh browser at w×h CSS pixels.
func openL(t *testing.T, hash string, w, h int64, mobile bool) (context.Context, *console) {
	t.Helper()
	url := serve(t, bundleDir(t)) + hash
	ctx := newBrowser(t)
	con := listenConsole(ctx)
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h, opts...)); err != nil {
		t.Fatal(err)
	}
	if state, _ := open(t, ctx, url); state != "ready" {
		t.Fatalf("the page failed: %s\n%s", state, strings.Join(con.all(), "\n"))
	}
	return ctx, con
}

func cleanConsole(t *testing.T, con *console) {
	t.Helper()
	if p := con.problems(); len(p) > 0 {
		t.Errorf("console problems:\n%s", strings.Join(p, "\n"))
	}
}

// stepTo presses N (as a tap with the focus on the page) until panel i's
// phase is the one named want and has played to its end.
func stepTo(t *testing.T, ctx context.Context, i int, want string) lstatus {
	t.Helper()
	for range 40 {
		st := readL(t, ctx)
		if p := st.Panels[i].Phase; p != nil && p.Name == want && p.Done {
			return st
		}
		// N moves every panel that has a phase left; a panel at its
		// step's end waits for the other, then both start the next step.
		before := phasesOf(st)
		tap(t, ctx, "n")
		waitL(t, ctx, "the phase after N", func(s lstatus) bool {
			p := s.Panels[i].Phase
			return p != nil && p.Done && (phasesOf(s) != before || s.Step != st.Step)
		})
	}
	t.Fatalf("panel %d never reached phase %q", i, want)
	return lstatus{}
}

// phasesOf sums up where both panels are.
func phasesOf(s lstatus) string {
	out := ""
	for _, p := range s.Panels {
		if p.Phase != nil {
			out += fmt.Sprintf("%d:%t ", p.Phase.Index, p.Phase.Done)
		}
	}
	return out
}

// TestLearnerPhaseStepper is item 1: paused, Next plays the phase the
// caption names to its end and holds it, so what is drawn is what the
// caption says; Previous goes back; the phase strip under each panel lists
// the rule's sequence and a click on it goes there.
func TestLearnerPhaseStepper(t *testing.T) {
	ctx, con := openL(t, "#rules=bp,chl&seed=7&mode=explain&networkShape=3&batchSize=1", 1280, 800, false)
	command(t, ctx, "pause", "")
	command(t, ctx, "reset", "")
	// The reset clears status().runs until the rebuilt runs report; by then
	// explain mode has taken the step it explains (status().step 1; 0 only
	// for the tick between the command and the rebuild, once this test's
	// race).
	st := waitL(t, ctx, "the reset, paused at the first step", func(s lstatus) bool {
		return !s.Playing && s.Step <= 1 && runsAt(s.status, s.Step, 2)
	})
	st.need(t, "panels", "layout", "strips")
	if len(st.Panels) != 2 || st.Panels[0].Rule != "bp" || st.Panels[1].Rule != "chl" {
		t.Fatalf("panels = %+v, want bp then chl", st.Panels)
	}
	eval[string](t, ctx, `document.activeElement && document.activeElement.blur(); ""`)

	deltaPixels := func(name string, panel string) int {
		img := screenshot(t, ctx, name)
		return countNear(img, box(t, readL(t, ctx), panel+".net"), deltaRGB, 40)
	}

	t.Run("next plays the named phase to its end and holds it", func(t *testing.T) {
		// Forward into the hidden layer, held: no δ anywhere yet.
		st := stepTo(t, ctx, 0, "forward → layer 1")
		frames(t, ctx, 30)
		if p := readL(t, ctx).Panels[0].Phase; p.Name != "forward → layer 1" || !p.Done {
			t.Fatalf("a held phase moved on by itself: %+v (was %+v)", p, st.Panels[0].Phase)
		}
		fwd := deltaPixels("learner-step-forward", "panel0")
		// δ at the output, held: its ring is drawn under its caption.
		st = stepTo(t, ctx, 0, "δ at the output")
		frames(t, ctx, 5)
		if c := st.Panels[0].Caption; !strings.Contains(c, "δ") {
			t.Errorf("caption %q at the phase δ at the output", c)
		}
		at := deltaPixels("learner-step-delta-output", "panel0")
		t.Logf("δ-coloured pixels in the backprop net: %d after forward, %d at δ at the output", fwd, at)
		if at < 30 || fwd > at/5 {
			t.Errorf("the caption says δ at the output but the net shows %d δ pixels (%d while forward): caption and drawing disagree", at, fwd)
		}
		// The clamp in the CHL panel: its marker is there once the phase is done.
		st = stepTo(t, ctx, 1, "output clamped")
		img := screenshot(t, ctx, "learner-step-clamp")
		if n := countNear(img, box(t, st, "panel1.net"), clampRGB, 30); n < 100 {
			t.Errorf("CHL's caption says output clamped, but %d clamp-coloured pixels are drawn", n)
		}
	})

	t.Run("previous goes back one phase", func(t *testing.T) {
		st := readL(t, ctx)
		p := *st.Panels[0].Phase
		if p.Index == 0 {
			t.Fatalf("at phase 0 already: %+v", p)
		}
		tap(t, ctx, kb.ArrowLeft)
		back := waitL(t, ctx, "Previous", func(s lstatus) bool {
			q := s.Panels[0].Phase
			return q != nil && q.Index == p.Index-1 && q.Done
		})
		t.Logf("previous: %q → %q", p.Name, back.Panels[0].Phase.Name)
		if back.Step != st.Step {
			t.Errorf("Previous changed the step: %d → %d", st.Step, back.Step)
		}
	})

	t.Run("the strip lists the rule's phases and a click goes there", func(t *testing.T) {
		st := readL(t, ctx)
		for i, want := range [][]string{
			{"forward", "error", "backward", "update"},
			{"free", "clamp", "clamped", "hebbian", "update"},
		} {
			p := st.Panels[i].Phase
			var kinds []string
			for c := range p.Count {
				name := fmt.Sprintf("panel%d.strip.%d", i, c)
				b := box(t, st, name)
				if b.Dx() < 8 || b.Dy() < 8 {
					t.Errorf("%s is %v: too small to click", name, b)
				}
				if !box(t, st, fmt.Sprintf("panel%d.box", i)).Inset(-1).Overlaps(b) {
					t.Errorf("%s %v is not under its panel", name, b)
				}
				kinds = append(kinds, eval[string](t, ctx, fmt.Sprintf(`JSON.parse(window.propagate.status()).strips[%d][%d]`, i, c)))
			}
			got := strings.Join(compact(kinds), ",")
			if !strings.Contains(","+got+",", ","+strings.Join(want, ",")+",") && got != strings.Join(want, ",") {
				t.Errorf("panel %d (%s) strip kinds %v, want the sequence %v", i, st.Panels[i].Rule, kinds, want)
			}
		}
		// Shared moments line up: the update cells of both strips start
		// at the same x.
		last := func(i int) image.Rectangle {
			return box(t, st, fmt.Sprintf("panel%d.strip.%d", i, st.Panels[i].Phase.Count-1))
		}
		if st.Layout["panel0.strip.0"][1] == st.Layout["panel1.strip.0"][1] { // side by side
			t.Log("strips side by side: alignment is within each panel")
		} else if d := last(0).Min.X - last(1).Min.X; d < -2 || d > 2 {
			t.Errorf("the update cells start at x %d and %d: the strips are not aligned on the update", last(0).Min.X, last(1).Min.X)
		}
		// Click backprop's δ-at-the-output cell (the first backward one).
		cell := -1
		for c := range st.Panels[0].Phase.Count {
			if eval[string](t, ctx, fmt.Sprintf(`JSON.parse(window.propagate.status()).strips[0][%d]`, c)) == "backward" {
				cell = c
				break
			}
		}
		tap(t, ctx, "n") // somewhere else first
		x, y := centre(box(t, st, fmt.Sprintf("panel0.strip.%d", cell)))
		clickAt(t, ctx, x, y)
		got := waitL(t, ctx, "the clicked phase", func(s lstatus) bool {
			p := s.Panels[0].Phase
			return p != nil && p.Index == cell && p.Done
		})
		if n := deltaPixels("learner-strip-click", "panel0"); n < 30 {
			t.Errorf("after clicking %q on the strip, %d δ pixels are drawn", got.Panels[0].Phase.Name, n)
		}
	})
	cleanConsole(t, con)
}

// compact drops consecutive repeats: forward, forward, error → forward, error.
func compact(s []string) []string {
	var out []string
	for _, v := range s {
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

// TestLearnerShortcuts is item 2: Space, E, N and → work at page level
// (focus on <body>, as after a lesson's Next ›) and on the canvas, as
// taps as short as one key event; never while typing in a field; the
// dialog lists them all.
func TestLearnerShortcuts(t *testing.T) {
	ctx, con := openL(t, "#lesson=1", 1280, 800, false)
	// A lesson's Next ›, clicked with the mouse: focus ends on <body>.
	next := eval[[]float64](t, ctx, `(() => { const b = document.querySelector('#lesson .lesson-next').getBoundingClientRect(); return [b.left + b.width/2, b.top + b.height/2]; })()`)
	clickAt(t, ctx, next[0], next[1])
	st := waitL(t, ctx, "lesson 2", func(s lstatus) bool { return strings.Contains(s.Link, "lesson=2") && s.Mode == "explain" })
	command(t, ctx, "pause", "")
	where := eval[string](t, ctx, `document.activeElement ? document.activeElement.tagName : ""`)
	t.Logf("focus after the lesson's Next ›: %s", where)
	// E, the key the lessons name, with the focus where the lesson left it.
	tap(t, ctx, "e")
	waitL(t, ctx, "E after the lesson's Next › (focus on "+where+")", func(s lstatus) bool { return s.Mode == "train" })
	tap(t, ctx, "e")
	st = waitL(t, ctx, "E again", func(s lstatus) bool { return s.Mode == "explain" })
	st.need(t, "panels")

	for _, on := range []string{"body", "canvas"} {
		t.Run(on, func(t *testing.T) {
			if on == "body" {
				eval[string](t, ctx, `document.activeElement && document.activeElement.blur(); ""`)
			} else {
				eval[string](t, ctx, `document.querySelector("canvas").focus(); ""`)
			}
			st := waitL(t, ctx, "explain, paused", func(s lstatus) bool {
				return s.Mode == "explain" && !s.Playing && len(s.Panels) == 2 && s.Panels[0].Phase != nil
			})
			p := *st.Panels[0].Phase
			tap(t, ctx, "n")
			waitL(t, ctx, "N: the next phase", func(s lstatus) bool {
				q := s.Panels[0].Phase
				return q != nil && (q.Index != p.Index || q.Done != p.Done) && !s.Playing
			})
			st = readL(t, ctx)
			p = *st.Panels[0].Phase
			tap(t, ctx, kb.ArrowRight)
			waitL(t, ctx, "→: the next phase in explain mode", func(s lstatus) bool {
				q := s.Panels[0].Phase
				return q != nil && (q.Index != p.Index || q.Done != p.Done)
			})
			tap(t, ctx, " ")
			waitL(t, ctx, "Space plays", func(s lstatus) bool { return s.Playing })
			tap(t, ctx, " ")
			waitL(t, ctx, "Space pauses", func(s lstatus) bool { return !s.Playing })
			tap(t, ctx, "e")
			waitL(t, ctx, "E: train mode", func(s lstatus) bool { return s.Mode == "train" })
			step := readL(t, ctx).Step
			tap(t, ctx, kb.ArrowRight)
			waitL(t, ctx, "→: one step in train mode", func(s lstatus) bool { return s.Step == step+1 })
			tap(t, ctx, "e")
			waitL(t, ctx, "E: explain mode", func(s lstatus) bool { return s.Mode == "explain" })
		})
	}

	// N at once after E: the key acts on the mode E asked for, though the
	// scene switches a frame later. (It once sent a training step, the
	// page's copy of the status still saying train, and the phase stayed.)
	t.Run("N right after E", func(t *testing.T) {
		eval[string](t, ctx, `document.activeElement && document.activeElement.blur(); ""`)
		tap(t, ctx, "e")
		st := waitL(t, ctx, "E: train mode", func(s lstatus) bool { return s.Mode == "train" && !s.Playing })
		tap(t, ctx, "e")
		tap(t, ctx, "n")
		waitL(t, ctx, "explain mode", func(s lstatus) bool { return s.Mode == "explain" && len(s.Panels) == 2 })
		// Explain mode explains a step of its own; N plays its first
		// phase to the end and holds it there.
		after := waitL(t, ctx, "N: the first phase played", func(s lstatus) bool {
			p := s.Panels[0].Phase
			return p != nil && (p.Index > 0 || p.Done)
		})
		if after.Step != st.Step+1 || after.Playing {
			t.Errorf("E then N at once: step %d → %d, playing %t; want one step explained, paused", st.Step, after.Step, after.Playing)
		}
	})

	t.Run("never while typing", func(t *testing.T) {
		click(t, ctx, "c-toggle")
		chromedp.Do(ctx, chromedp.Focus("#c-seed"))
		before := readL(t, ctx)
		for _, k := range []string{"e", "n", " "} {
			tap(t, ctx, k)
		}
		after := frames(t, ctx, 10)
		if after.Mode != before.Mode || after.Playing != before.Playing || mustJSON(after.Panels) != mustJSON(before.Panels) {
			t.Errorf("typing e, n, space in the seed field acted: mode %s→%s, playing %t→%t", before.Mode, after.Mode, before.Playing, after.Playing)
		}
	})

	t.Run("the dialog lists every shortcut", func(t *testing.T) {
		keys := eval[[]string](t, ctx, `[...document.querySelectorAll('#shortcuts kbd')].map(k => k.textContent)`)
		for _, want := range []string{"Space", "→", "←", "N", "E", "R", "?"} {
			found := false
			for _, k := range keys {
				found = found || k == want
			}
			if !found {
				t.Errorf("the shortcuts dialog lists %v: no %s", keys, want)
			}
		}
	})
	cleanConsole(t, con)
}

// TestLearnerLessonWording is item 3 (and the lesson part of item 10):
// panels are stacked at 1280 and 1440 px, so a lesson names them by rule,
// never by side; it points at the panel's controls rather than the URL.
func TestLearnerLessonWording(t *testing.T) {
	ctx, con := openL(t, "#lesson=1", 1280, 800, false)
	count := eval[int](t, ctx, `JSON.parse(window.propagate.lesson(1)).count`)
	if count < 10 {
		t.Fatalf("%d lessons", count)
	}
	side := regexp.MustCompile(`(?i)\b(left|right)\b[^.;:]{0,20}\bpanel|\bpanel on the (left|right)\b`)
	url := regexp.MustCompile(`(?i)\b(edit|change|add|type)\b[^.]{0,40}\b(URL|address bar|the link's)\b`)
	for n := 1; n <= count; n++ {
		text := eval[string](t, ctx, fmt.Sprintf(`(() => { const l = JSON.parse(window.propagate.lesson(%d)); return [l.title, ...(l.blocks || []).map(b => b.text)].join("\n"); })()`, n))
		for _, m := range side.FindAllString(text, -1) {
			t.Errorf("lesson %d says %q: the panels are stacked on most screens; name the rule", n, m)
		}
		for _, m := range url.FindAllString(text, -1) {
			t.Errorf("lesson %d says %q: the panel has these settings; point at its control", n, m)
		}
	}
	cleanConsole(t, con)
}

// TestLearnerLayouts is item 4: at a phone's 390×844 with Settings or a
// lesson open, and in a 640×400 embed, each network keeps a legible
// height, nothing the scene draws sits under the panel or the lesson, and
// the embed shows the output plane.
func TestLearnerLayouts(t *testing.T) {
	cases := []struct {
		name         string
		hash         string
		w, h         int64
		mobile       bool
		openSettings bool
		minNet       int // CSS px
		wantPlane    bool
	}{
		{"learner-layout-390-settings", "#rules=bp,chl&seed=7", 390, 844, true, true, 100, false},
		{"learner-layout-390-lesson", "#lesson=2&scene=compare&rules=bp,chl&mode=explain&dataset=circle&networkShape=4,2&batchSize=1&seed=1", 390, 844, true, false, 100, false},
		{"learner-layout-640x400-embed", "#rules=bp,chl&seed=7&embed=1", 640, 400, false, false, 120, true},
		{"learner-layout-1280x800-explain", "#rules=bp,chl&seed=7&mode=explain", 1280, 800, false, false, 150, true},
		{"learner-layout-1366x768-lesson", "#lesson=5&scene=compare&rules=bp,chl&mode=explain&dataset=circle&networkShape=4,2&batchSize=1&gamma=0.1&seed=1", 1366, 768, false, false, 150, true},
		{"learner-layout-1440x900", "#rules=bp,fa&seed=7&step=300", 1440, 900, false, false, 150, true},
		{"learner-layout-1920x1080-explain", "#rules=bp,eqprop&seed=7&mode=explain&networkShape=4,4,2", 1920, 1080, false, false, 200, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, con := openL(t, c.hash, c.w, c.h, c.mobile)
			if c.openSettings {
				x, y := centre(domRect(t, ctx, "#c-toggle"))
				clickAt(t, ctx, x, y)
				waitL(t, ctx, "the settings open", func(lstatus) bool {
					return eval[string](t, ctx, `document.getElementById("controls").dataset.open`) == "true"
				})
			}
			st := frames(t, ctx, 10)
			st.need(t, "layout", "texts")
			img := screenshot(t, ctx, c.name)
			// Folded charts take their legend with them: nothing of it is
			// drawn over the panels.
			if _, ok := st.Layout["legend"]; !ok {
				for _, s := range st.Texts {
					if s == "activity, forward" || strings.HasPrefix(s, "loss (train") {
						t.Errorf("the charts are folded but %q is drawn", s)
					}
				}
			}
			covers := map[string]image.Rectangle{}
			for _, sel := range []string{"#controls", "#lesson", "#titlebar"} {
				if r := domRect(t, ctx, sel); !r.Empty() {
					covers[sel] = r
				}
			}
			for i := range 2 {
				p := fmt.Sprintf("panel%d.", i)
				net := box(t, st, p+"net")
				t.Logf("%s: net %v, covers %v", p, net, covers)
				if net.Dy() < c.minNet {
					t.Errorf("%snet is %d px tall, want at least %d", p, net.Dy(), c.minNet)
				}
				for _, part := range []string{"net", "title", "caption"} {
					b := box(t, st, p+part)
					for sel, r := range covers {
						if in := b.Intersect(r); in.Dx() > 2 && in.Dy() > 2 {
							t.Errorf("%s%s %v lies under %s %v", p, part, b, sel, r)
						}
					}
				}
				if cap := box(t, st, p+"caption"); cap.Overlaps(net) {
					t.Errorf("%scaption %v overlaps the net %v", p, cap, net)
				}
				if c.wantPlane {
					pl, ok := st.Layout[p+"plane"]
					if !ok || pl[2]-pl[0] < 80 {
						t.Errorf("%s: no output plane of legible size in the embed (%v)", p, pl)
					}
				}
				if d, top := colourStats(img, net); d < 12 || top > 0.98 {
					t.Errorf("%snet %v looks empty: %d colours", p, net, d)
				}
			}
			cleanConsole(t, con)
		})
	}
}

func domRect(t *testing.T, ctx context.Context, sel string) image.Rectangle {
	t.Helper()
	r := eval[[]float64](t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q);
		if (!e || e.hidden || getComputedStyle(e).display === "none") return [0, 0, 0, 0];
		const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })()`, sel))
	return image.Rect(int(r[0]), int(r[1]), int(r[2]), int(r[3]))
}

// TestLearnerHeatmapsSteady is item 5: in train mode at 1440×900, every
// frame shows the units' heatmaps; none is a frame of empty circles.
func TestLearnerHeatmapsSteady(t *testing.T) {
	ctx, con := openL(t, "#rules=bp,chl&seed=7&mode=train", 1440, 900, false)
	command(t, ctx, "play", "")
	waitL(t, ctx, "training", func(s lstatus) bool { return s.Step > 20 })
	st := readL(t, ctx)
	st.need(t, "layout")
	net := box(t, st, "panel0.net")
	var counts []int
	for i := range 20 {
		frames(t, ctx, 6)
		img := screenshot(t, ctx, fmt.Sprintf("learner-heat-%02d", i))
		d, _ := colourStats(img, net)
		counts = append(counts, d)
	}
	best := 0
	for _, d := range counts {
		best = max(best, d)
	}
	t.Logf("distinct colours in the backprop net over 20 frames: %v", counts)
	for i, d := range counts {
		if d < best/2 {
			t.Errorf("frame %d: %d colours in the net (best %d): the unit heatmaps are blank", i, d, best)
		}
	}
	cleanConsole(t, con)
}

// TestLearnerLessonScenesInLink is item 6: the neuron and equivalence
// scenes' controls update the link; a click on a slider's track moves its
// knob there, and the arrow keys move it.
func TestLearnerLessonScenesInLink(t *testing.T) {
	t.Run("neuron", func(t *testing.T) {
		ctx, con := openL(t, "#scene=neuron&dt=10&biPoo=false", 1280, 800, false)
		st := frames(t, ctx, 5)
		st.need(t, "layout")
		track := box(t, st, "slider")
		// Δt spans −100..100 ms along the track.
		xAt := func(ms float64) float64 { return float64(track.Min.X) + (ms+100)/200*float64(track.Dx()) }
		_, cy := centre(track)
		drag(t, ctx, [2]float64{xAt(10), cy}, [2]float64{xAt(-77), cy})
		tg := box(t, st, "toggle")
		x, y := centre(tg)
		clickAt(t, ctx, x, y)
		st = waitL(t, ctx, "Δt and the window in the link", func(s lstatus) bool {
			return s.Config["biPoo"] == "true" && math.Abs(atof(s.Config["dt"])+77) <= 1.5
		})
		// A playing page rewrites the address bar within a second.
		waitL(t, ctx, "the address bar", func(lstatus) bool {
			h := eval[string](t, ctx, `location.hash`)
			return strings.Contains(h, "biPoo=true") && strings.Contains(h, "dt=-7")
		})
		// A click on the track, no drag: the knob jumps there.
		clickAt(t, ctx, xAt(40), cy)
		st = waitL(t, ctx, "the track click", func(s lstatus) bool { return math.Abs(atof(s.Config["dt"])-40) <= 1.5 })
		// Keys on the focused canvas move it a millisecond at a time, from
		// where the click left it once the click's ticks are all done.
		eval[string](t, ctx, `document.querySelector("canvas").focus(); ""`)
		st = frames(t, ctx, 3)
		was := atof(st.Config["dt"])
		tap(t, ctx, kb.ArrowRight)
		waitL(t, ctx, "→ on the slider", func(s lstatus) bool { return atof(s.Config["dt"]) == was+1 })
		cleanConsole(t, con)
	})
	t.Run("equivalence", func(t *testing.T) {
		ctx, con := openL(t, "#scene=equivalence&dataset=circle&networkShape=5,4&batchSize=8&gamma=0.1&gammaFactor=true&seed=1", 1280, 800, false)
		st := frames(t, ctx, 5)
		st.need(t, "layout")
		track := box(t, st, "slider")
		_, cy := centre(track)
		// The slider is logarithmic: γ = 1 at the left, 0.001 at the right.
		drag(t, ctx, [2]float64{float64(track.Min.X) + 0.5*float64(track.Dx()), cy}, [2]float64{float64(track.Max.X) + 5, cy})
		x, y := centre(box(t, st, "toggle"))
		clickAt(t, ctx, x, y)
		st = waitL(t, ctx, "γ and the factor in the link", func(s lstatus) bool {
			return s.Config["gammaFactor"] == "false" && atof(s.Config["gamma"]) < 0.0015
		})
		waitL(t, ctx, "the address bar", func(lstatus) bool {
			h := eval[string](t, ctx, `location.hash`)
			return strings.Contains(h, "gammaFactor=false") && strings.Contains(h, "gamma="+st.Config["gamma"]+"&")
		})
		g := atof(st.Config["gamma"])
		tx, _ := centre(track)
		clickAt(t, ctx, tx, cy)
		waitL(t, ctx, "the track click", func(s lstatus) bool { return atof(s.Config["gamma"]) > 10*g })
		cleanConsole(t, con)
	})
}

func atof(s string) float64 {
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		return math.NaN()
	}
	return v
}

// TestLearnerFieldErrors is item 7: a number typed in the panel is
// checked at its field, in the field's words and range; it is not a link
// problem, and no notice covers the scene. A broken link's notice says
// "this link".
func TestLearnerFieldErrors(t *testing.T) {
	ctx, con := openL(t, "#rules=bp,chl&seed=7", 1280, 800, false)
	if eval[string](t, ctx, `document.getElementById("controls").dataset.open`) != "true" {
		x, y := centre(domRect(t, ctx, "#c-toggle"))
		clickAt(t, ctx, x, y)
	}
	before := readL(t, ctx).Config["learningRate"]
	x, y := centre(domRect(t, ctx, "#c-lr"))
	clickAt(t, ctx, x, y)
	eval[string](t, ctx, `document.getElementById("c-lr").select(); ""`)
	for _, k := range "99" {
		tap(t, ctx, string(k))
	}
	tap(t, ctx, kb.Enter)
	tap(t, ctx, kb.Tab)
	st := frames(t, ctx, 5)
	view := eval[map[string]string](t, ctx, `(() => {
		const f = document.getElementById("c-lr");
		const ids = (f.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
		const msg = ids.map(id => document.getElementById(id)).filter(e => e && e.getBoundingClientRect().height > 0).map(e => e.textContent).join(" ");
		const n = document.getElementById("notice");
		return {invalid: f.getAttribute("aria-invalid") || "", message: msg, notice: n.hidden ? "" : n.textContent};
	})()`)
	t.Logf("after typing 99: %v; learningRate %s → %s", view, before, st.Config["learningRate"])
	if view["notice"] != "" {
		t.Errorf("a notice shows %q: a typed value is not a link problem", view["notice"])
	}
	if view["invalid"] != "true" {
		t.Errorf("the learning-rate field is not marked invalid (aria-invalid=%q)", view["invalid"])
	}
	msg := view["message"]
	if !strings.Contains(msg, "Learning rate") || !strings.Contains(msg, "10") || strings.Contains(msg, "learningRate") {
		t.Errorf("the field's message is %q: want its label and range, no key names", msg)
	}
	if st.Config["learningRate"] != before {
		t.Errorf("the rejected value was used: learningRate %s → %s", before, st.Config["learningRate"])
	}
	// The message sits at the field, not over the scene.
	if m := domRect(t, ctx, "#c-lr-error"); m.Empty() || !m.Overlaps(domRect(t, ctx, "#controls")) {
		t.Errorf("the message's box %v is not in the panel", m)
	}
	screenshot(t, ctx, "learner-field-error")
	// A link with a bad value: the notice speaks of this link.
	command(t, ctx, "load", "#learningRate=99&seed=7")
	waitL(t, ctx, "the link's warning", func(s lstatus) bool { return len(s.Warnings) > 0 })
	title := ""
	waitL(t, ctx, "the notice", func(lstatus) bool {
		title = eval[string](t, ctx, `document.getElementById("notice").hidden ? "" : document.getElementById("notice-title").textContent`)
		return title != ""
	})
	if !strings.Contains(strings.ToLower(title), "this link") {
		t.Errorf("the notice's title is %q, want it to speak of \"this link\"", title)
	}
	// Neither covers the scene: the notice keeps off the panels' titles,
	// captions and nets.
	st = frames(t, ctx, 5)
	st.need(t, "layout")
	n := domRect(t, ctx, "#notice")
	for i := range 2 {
		for _, part := range []string{"title", "caption", "net"} {
			name := fmt.Sprintf("panel%d.%s", i, part)
			if b := box(t, st, name); n.Overlaps(b) {
				t.Errorf("the notice %v covers %s %v", n, name, b)
			}
		}
	}
	screenshot(t, ctx, "learner-link-notice")
	cleanConsole(t, con)
}

// TestLearnerRewardStory is item 8: A_R-P's phases include its reward, and
// no title, caption or label shows a literal _ or ^ (the compare scene,
// lesson 9, the neuron scene).
func TestLearnerRewardStory(t *testing.T) {
	ctx, con := openL(t, "#rules=bp,arp&seed=7&mode=explain&networkShape=3&batchSize=1", 1280, 800, false)
	command(t, ctx, "pause", "")
	st := waitL(t, ctx, "paused", func(s lstatus) bool { return !s.Playing })
	literal := regexp.MustCompile(`[_^]`)
	check := func(where string, texts []string) {
		for _, s := range texts {
			if literal.MatchString(s) {
				t.Errorf("%s shows %q: a literal _ or ^", where, s)
			}
		}
	}
	check("the rule menu", eval[[]string](t, ctx, `[...document.querySelectorAll("#c-rule0 option")].map(o => o.textContent)`))
	st.need(t, "panels", "texts", "strips")
	kinds := eval[[]string](t, ctx, `JSON.parse(window.propagate.status()).strips[1]`)
	t.Logf("A_R-P's phases: %v", kinds)
	sawReward := false
	for range 12 {
		st = readL(t, ctx)
		if p := st.Panels[1].Phase; p != nil && strings.Contains(strings.ToLower(p.Name), "reward") {
			sawReward = true
			if !strings.Contains(strings.ToLower(st.Panels[1].Caption), "reward") {
				t.Errorf("the reward phase's caption %q does not speak of the reward", st.Panels[1].Caption)
			}
			break
		}
		tap(t, ctx, "n")
		frames(t, ctx, 3)
	}
	if !sawReward {
		t.Errorf("stepping through A_R-P's phases never showed its reward (phases %v)", kinds)
	}
	check("the compare scene", append(readL(t, ctx).Texts, st.Panels[1].Title))
	// As a reader gets there: the address changes, the pane follows.
	eval[string](t, ctx, `location.hash = "#lesson=9"; ""`)
	waitL(t, ctx, "lesson 9", func(s lstatus) bool { return strings.Contains(s.Link, "lesson=9") })
	var pane string
	waitL(t, ctx, "lesson 9's text", func(lstatus) bool {
		pane = eval[string](t, ctx, `(() => { const p = document.getElementById("lesson"); const c = p.cloneNode(true);
			c.querySelectorAll("sub, sup").forEach(e => e.replaceWith("·"));
			return p.dataset.lesson === "9" ? c.textContent : ""; })()`)
		return pane != ""
	})
	if m := regexp.MustCompile(`.{0,12}[_^].{0,12}`).FindAllString(pane, -1); len(m) > 0 {
		t.Errorf("lesson 9 shows literal _ or ^: %q", m)
	}
	command(t, ctx, "load", "#scene=neuron&dt=10")
	st = waitL(t, ctx, "the neuron scene", func(s lstatus) bool { return s.Scene == "neuron" && len(s.Texts) > 0 })
	check("the neuron scene", st.Texts)
	cleanConsole(t, con)
}

// TestLearnerAgreementChart is item 9: a dashed line means the test set
// everywhere, so the agreement chart's cosines are solid; a line's colour
// is its rule's, whatever its panel; raw traces stay faint; hovering a
// chart reads the value at a step.
func TestLearnerAgreementChart(t *testing.T) {
	ctx, con := openL(t, "#rules=chl,generec&seed=7&mode=train&speed=20", 1280, 800, false)
	command(t, ctx, "play", "")
	st := waitL(t, ctx, "some training", func(s lstatus) bool { return s.Step > 200 })
	st.need(t, "charts", "panels")
	colour := map[string]string{}
	for _, p := range st.Panels {
		colour[p.Rule] = p.Color
	}
	check := func(st lstatus) {
		for _, s := range st.Charts["agreement"] {
			if s.Style == "dashed" {
				t.Errorf("agreement series %+v is dashed: dashed means test data in the legend", s)
			}
			if s.Color != colour[s.Rule] {
				t.Errorf("agreement series %+v: colour %s, but its rule's panel is %s", s, s.Color, colour[s.Rule])
			}
			if s.What == "cosine-raw" && s.Alpha > 0.35 {
				t.Errorf("raw trace %+v is not faint", s)
			}
		}
		for _, s := range st.Charts["loss"] {
			if (s.Style == "dashed") != (s.What == "test") {
				t.Errorf("loss series %+v: dashed must mean test, and only test", s)
			}
			if s.Color != colour[s.Rule] {
				t.Errorf("loss series %+v: colour %s, its rule's is %s", s, s.Color, colour[s.Rule])
			}
		}
		if len(st.Charts["agreement"]) == 0 {
			t.Error("no agreement series")
		}
	}
	check(st)
	// Swap the panels: each rule keeps its colour.
	command(t, ctx, "set", "rules=generec,chl")
	swapped := waitL(t, ctx, "swapped rules", func(s lstatus) bool { return len(s.Panels) == 2 && s.Panels[0].Rule == "generec" && s.Step > 50 })
	for _, p := range swapped.Panels {
		if p.Color != colour[p.Rule] {
			t.Errorf("%s's colour is %s in the other panel, %s before: colour follows the position", p.Rule, p.Color, colour[p.Rule])
		}
	}
	check(swapped)
	// Hover the charts and the output plane: a readout at that point.
	for _, name := range []string{"loss", "agreement", "panel0.plane"} {
		b, ok := swapped.Layout[name]
		if !ok {
			t.Errorf("no %s in the layout", name)
			continue
		}
		x, y := (b[0]+b[2])/2, (b[1]+b[3])/2
		mouse(t, ctx, chromedp.MouseMoved, x, y, input.MouseButtonNone)
		st := waitL(t, ctx, "a readout over "+name, func(s lstatus) bool { return len(s.Hover) > 0 })
		text := strings.Join(st.Hover, " ")
		t.Logf("hover %s: %q", name, text)
		want := map[string]string{"loss": "step", "agreement": "cos", "panel0.plane": "output"}[name]
		if !strings.Contains(strings.ToLower(text), want) {
			t.Errorf("hovering %s reads %q, want it to name the %s", name, text, want)
		}
		mouse(t, ctx, chromedp.MouseMoved, 2, 2, input.MouseButtonNone)
	}
	screenshot(t, ctx, "learner-agreement")
	cleanConsole(t, con)
}

// TestLearnerSmallerThings is item 10: the PNG export is opaque and has no
// in-canvas buttons; the hover heatmap leaves the panel title readable;
// edge and unit names agree; every Tab stop can be seen.
func TestLearnerSmallerThings(t *testing.T) {
	ctx, con := openL(t, "#rules=bp,chl&seed=7&networkShape=3", 1280, 800, false)
	command(t, ctx, "pause", "")
	st := frames(t, ctx, 5)

	t.Run("png", func(t *testing.T) {
		_, data := exportFile(t, ctx, "png")
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		clear := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
					clear++
				}
			}
		}
		if clear > 0 {
			t.Errorf("the PNG has %d of %d pixels not opaque (%.0f%%)", clear, b.Dx()*b.Dy(), 100*float64(clear)/float64(b.Dx()*b.Dy()))
		}
		// No button row: the PNG is the scene without its in-canvas
		// buttons, so it is shorter than the area by the hint row.
		st.need(t, "layout")
		// The picture is the scene's area with a margin all round (the
		// margin is what its width adds to the area's); without the
		// button row it is at least that row shorter.
		area, hint := box(t, st, "area"), box(t, st, "hint")
		margin := (b.Dx() - area.Dx()) / 2
		if most := area.Dy() + 2*margin - hint.Dy(); b.Dy() > most {
			t.Errorf("the PNG is %v, the scene area %v (margin %d) with the buttons' row %v: the PNG includes the buttons", b, area, margin, hint)
		}
	})

	t.Run("hover", func(t *testing.T) {
		st.need(t, "layout", "hover")
		net := box(t, st, "panel0.net")
		// The hidden unit is in the middle column.
		x, y := float64(net.Min.X+net.Max.X)/2, float64(net.Min.Y)+float64(net.Dy())*0.5
		mouse(t, ctx, chromedp.MouseMoved, x, y, input.MouseButtonNone)
		unit := waitL(t, ctx, "a unit's readout", func(s lstatus) bool { return len(s.Hover) > 0 })
		if hb, ok := unit.Layout["hover"]; ok {
			r := image.Rect(int(hb[0]), int(hb[1]), int(hb[2]), int(hb[3]))
			if r.Overlaps(box(t, unit, "panel0.title")) {
				t.Errorf("the enlarged heatmap %v covers the panel title %v", r, box(t, unit, "panel0.title"))
			}
		} else {
			t.Error("status().layout has no hover box while a unit is hovered")
		}
		name := unit.Hover[0]
		// Halfway along an edge from the input column to that unit.
		mouse(t, ctx, chromedp.MouseMoved, float64(net.Min.X)+float64(net.Dx())*0.3, y, input.MouseButtonNone)
		edge := waitL(t, ctx, "an edge's readout", func(s lstatus) bool { return len(s.Hover) > 0 && s.Hover[0] != name })
		t.Logf("unit %q, edge %q", name, edge.Hover[0])
		if m := regexp.MustCompile(`\bh\d+\.\d+\b`).FindString(edge.Hover[0]); m != "" {
			t.Errorf("the edge is named %q (%s) while the unit is %q: one naming", edge.Hover[0], m, name)
		}
		mouse(t, ctx, chromedp.MouseMoved, 2, 2, input.MouseButtonNone)
	})

	t.Run("tab stops are visible", func(t *testing.T) {
		eval[string](t, ctx, `document.activeElement && document.activeElement.blur(); ""`)
		for i := range 45 {
			tap(t, ctx, kb.Tab)
			// Seen means a focus ring drawn inside the window: an outline
			// (or shadow) whose box, grown by its offset and width, fits
			// the viewport. A hidden file input shows it on its label.
			v := eval[map[string]string](t, ctx, `(() => { const e = document.activeElement; if (!e || e === document.body) return {tag: "body"};
				let el = e, b = e.getBoundingClientRect();
				if (e.id && (b.width < 2 || b.height < 2)) { const l = document.querySelector('label[for="' + e.id + '"]'); if (l) { el = l; b = l.getBoundingClientRect(); } }
				const cs = getComputedStyle(el);
				const w = parseFloat(cs.outlineWidth) || 0, off = parseFloat(cs.outlineOffset) || 0;
				const ring = (cs.outlineStyle !== "none" && w > 0) || cs.boxShadow !== "none";
				const g = cs.outlineStyle !== "none" && w > 0 ? off + w : 0;
				const inside = b.left - g >= -0.5 && b.top - g >= -0.5 && b.right + g <= innerWidth + 0.5 && b.bottom + g <= innerHeight + 0.5;
				return {tag: e.tagName, id: e.id || e.className || "", visible: String(ring && inside && b.width >= 2 && b.height >= 2)}; })()`)
			if v["tag"] == "body" {
				continue
			}
			if v["visible"] != "true" {
				t.Errorf("Tab stop %d, %s#%s, cannot be seen", i, v["tag"], v["id"])
			}
		}
	})
	cleanConsole(t, con)
}

// TestLearnerNumbersPane: the numbers pane shows the explained example's
// x, target, output, each unit's activity and δ, and for the edge under
// the pointer Δw = −η·δ·x with the trace's numbers — which multiply out.
func TestLearnerNumbersPane(t *testing.T) {
	ctx, con := openL(t, "#rules=bp,chl&seed=7&mode=explain&networkShape=3&batchSize=1", 1280, 800, false)
	command(t, ctx, "pause", "")
	st := waitL(t, ctx, "paused, explained", func(s lstatus) bool { return !s.Playing && len(s.Panels) == 2 && s.Panels[0].Phase != nil })
	st.need(t, "numbers")
	x, y := centre(domRect(t, ctx, "#c-numbers-on"))
	clickAt(t, ctx, x, y)
	net := box(t, st, "panel0.net")
	// An edge from the input column to the hidden one.
	mouse(t, ctx, chromedp.MouseMoved, float64(net.Min.X)+float64(net.Dx())*0.3, float64(net.Min.Y)+float64(net.Dy())*0.5, input.MouseButtonNone)
	var text string
	waitL(t, ctx, "the pane with an edge", func(lstatus) bool {
		text = eval[string](t, ctx, `document.getElementById("c-numbers-body").hidden ? "" : document.getElementById("c-numbers-body").textContent`)
		return strings.Contains(text, "Δw = −η·δ·x")
	})
	screenshot(t, ctx, "learner-numbers")
	for _, want := range []string{"x (", "target (", "output (", "hidden 1", "activity (", "δ ("} {
		if !strings.Contains(text, want) {
			t.Errorf("the pane lacks %q: %q", want, text)
		}
	}
	// −η × δ × x = Δw, as printed (4 significant digits each).
	m := regexp.MustCompile(`Δw = −η·δ·x = −([0-9.e+−-]+) × ([0-9.e+−-]+) × ([0-9.e+−-]+) = ([0-9.e+−-]+)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no formula with numbers in %q", text)
	}
	num := func(s string) float64 { return atof(strings.ReplaceAll(s, "−", "-")) }
	eta, d, xv, dw := num(m[1]), num(m[2]), num(m[3]), num(m[4])
	if got := -eta * d * xv; math.Abs(got-dw) > 2e-3*math.Abs(dw)+1e-9 {
		t.Errorf("−%g × %g × %g = %g, the pane says Δw = %g", eta, d, xv, got, dw)
	}
	cleanConsole(t, con)
}
