package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// config is status().config: the current link as key → value.
func config(t *testing.T, ctx context.Context) map[string]string {
	t.Helper()
	return eval[map[string]string](t, ctx, `JSON.parse(window.propagate.status()).config`)
}

// change sets a control's value as a person would and fires its change
// event, the path the panel's own listeners take.
func change(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.getElementById(%q); el.value = %s; const took = el.value;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		el.dispatchEvent(new Event("change", {bubbles: true})); return took; })()`, id, jsString(value))
	if got := eval[string](t, ctx, js); got != value {
		t.Fatalf("#%s took the value %q, not %q", id, got, value)
	}
}

func click(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	eval[string](t, ctx, fmt.Sprintf(`document.getElementById(%q).click(); ""`, id))
}

func value(t *testing.T, ctx context.Context, id string) string {
	t.Helper()
	return eval[string](t, ctx, fmt.Sprintf(`document.getElementById(%q).value`, id))
}

// exportFile runs window.propagate.exportFile and returns the file's name
// and bytes.
func exportFile(t *testing.T, ctx context.Context, kind string) (string, []byte) {
	t.Helper()
	js := fmt.Sprintf(`window.propagate.exportFile(%q).then(f => {
		let s = ""; for (const b of f.bytes) s += String.fromCharCode(b);
		return f.name + "\n" + btoa(s); })`, kind)
	out := evalAwait(t, ctx, js)
	name, b64, _ := strings.Cut(out, "\n")
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	return name, data
}

// TestControls drives the panel: every control changes the settings
// through the link codec and survives a reload through the URL; the
// learning rate carries on while data and shape start over; reset keeps the
// initial weights and new weights change them; exports and the import of a
// good and a bad file; the keyboard alone; embed mode; and screenshots at
// 375 and 1920 px wide.
func TestControls(t *testing.T) {
	base := serve(t, bundleDir(t))
	ctx := newBrowser(t)
	con := listenConsole(ctx)
	if state, _ := open(t, ctx, base+"#seed=21"); state != "ready" {
		t.Fatalf("the page failed: %s", state)
	}
	waitStatus(t, ctx, "the panel", func(status) bool {
		return eval[bool](t, ctx, `document.getElementById("c-seed").value === "21"`)
	})

	t.Run("labels and tooltips", func(t *testing.T) {
		bad := eval[string](t, ctx, `[...document.querySelectorAll("#controls input, #controls select, #controls button")]
			.filter(el => {
				const named = el.labels && el.labels.length > 0 || el.getAttribute("aria-label") || (el.tagName === "BUTTON" && el.textContent.trim());
				const tip = el.title || (el.labels && [...el.labels].some(l => l.title));
				return !named || !tip;
			}).map(el => el.id).join(" ")`)
		if bad != "" {
			t.Errorf("controls without a label or a tooltip: %s", bad)
		}
		// Every number's tooltip says its range.
		for _, id := range []string{"c-lr", "c-batch", "c-gamma", "c-beta", "c-settle", "c-speed", "c-noise", "c-perc"} {
			title := eval[string](t, ctx, fmt.Sprintf(`document.getElementById(%q).title`, id))
			if !strings.Contains(title, " to ") {
				t.Errorf("#%s tooltip %q does not give the range", id, title)
			}
		}
	})

	t.Run("live and rebuilding settings", func(t *testing.T) {
		command(t, ctx, "play", "")
		st := waitStatus(t, ctx, "some steps", func(s status) bool { return s.Step >= 20 })
		change(t, ctx, "c-lr", "0.1")
		after := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		if after.Step < st.Step {
			t.Errorf("changing the learning rate reset the runs: step %d → %d", st.Step, after.Step)
		}
		// Paused, so a restart reads as step 0 and not as a step or two
		// taken since.
		command(t, ctx, "pause", "")
		before := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		change(t, ctx, "c-noise", "20")
		if s := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)); s.Step != 0 {
			t.Errorf("changing the noise kept step %d (was %d), want the runs started over", s.Step, before.Step)
		}
	})

	// Every control, set in the page.
	want := map[string]string{
		"rules": "fa,eqprop", "dataset": "spiral", "noise": "30", "percTrainData": "70",
		"networkShape": "4,2,5", "activation": "relu", "learningRate": "0.3", "batchSize": "20",
		"gamma": "0.05", "beta": "0.25", "settle": "40", "speed": "5", "seed": "hello <b>world</b>",
		"mode": "explain",
	}
	t.Run("every control", func(t *testing.T) {
		change(t, ctx, "c-rule0", "fa")
		change(t, ctx, "c-rule1", "eqprop")
		change(t, ctx, "c-dataset", "spiral")
		change(t, ctx, "c-noise", "30")
		change(t, ctx, "c-perc", "70")
		click(t, ctx, "c-add-layer")
		waitStatus(t, ctx, "the new layer", func(status) bool {
			return eval[int](t, ctx, `document.querySelectorAll("#c-layers input").length`) == 3
		})
		change(t, ctx, "c-layer2", "5")
		change(t, ctx, "c-activation", "relu")
		change(t, ctx, "c-lr", "0.3")
		// settle before batchSize: at the default settle (100) a batch of
		// 20 of eqprop is over the cost budget and would be reduced.
		change(t, ctx, "c-settle", "40")
		change(t, ctx, "c-batch", "20")
		change(t, ctx, "c-gamma", "0.05")
		change(t, ctx, "c-beta", "0.25")
		change(t, ctx, "c-speed", "5")
		change(t, ctx, "c-seed", want["seed"])
		change(t, ctx, "c-mode", "explain")
		cfg := config(t, ctx)
		for k, v := range want {
			if cfg[k] != v {
				t.Errorf("after setting it in the panel, %s = %q, want %q", k, cfg[k], v)
			}
		}
		// Out of range from the panel: said at the field, in its words,
		// and not used (issue 15: not a link problem).
		was := config(t, ctx)["settle"]
		change(t, ctx, "c-settle", "5000")
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		msg := eval[string](t, ctx, `(document.getElementById("c-settle-error") || {}).textContent || ""`)
		if cfg := config(t, ctx); cfg["settle"] != was || len(st.Warnings) != 0 || !strings.Contains(msg, "Settling iterations") || !strings.Contains(msg, "1000") {
			t.Errorf("settle 5000: config %s (was %s), warnings %q, field message %q", cfg["settle"], was, st.Warnings, msg)
		}
		change(t, ctx, "c-settle", "40")
		change(t, ctx, "c-batch", "20") // the budget had reduced it
		if n := eval[int](t, ctx, `document.querySelectorAll("#controls b").length`); n != 0 {
			t.Error("the seed's markup became HTML")
		}
	})

	t.Run("reload keeps every setting", func(t *testing.T) {
		command(t, ctx, "step", "3")
		waitStatus(t, ctx, "the phases", func(s status) bool { return s.Step >= 1 })
		waitJS[bool](t, ctx, "the address bar", addressBarFollows) // paused: it follows at once
		href := eval[string](t, ctx, `location.href`)
		step := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)).Step
		chromedp.Do(ctx, chromedp.Navigate("about:blank"))
		if state, _ := open(t, ctx, href); state != "ready" {
			t.Fatalf("reload: %s", state)
		}
		st := waitStatus(t, ctx, "the replay", func(s status) bool { return s.Step == step && len(s.Runs) == 2 })
		cfg := config(t, ctx)
		for k, v := range want {
			if cfg[k] != v {
				t.Errorf("after the reload, %s = %q, want %q", k, cfg[k], v)
			}
		}
		if len(st.Warnings) > 0 {
			t.Errorf("the page's own link gave warnings %q", st.Warnings)
		}
		waitStatus(t, ctx, "the panel", func(status) bool { return value(t, ctx, "c-seed") == want["seed"] })
		for id, v := range map[string]string{"c-rule0": "fa", "c-rule1": "eqprop", "c-dataset": "spiral", "c-noise": "30",
			"c-perc": "70", "c-layer2": "5", "c-activation": "relu", "c-lr": "0.3", "c-batch": "20", "c-gamma": "0.05",
			"c-beta": "0.25", "c-settle": "40", "c-speed": "5", "c-mode": "explain"} {
			if got := value(t, ctx, id); got != v {
				t.Errorf("after the reload #%s shows %q, want %q", id, got, v)
			}
		}
	})

	t.Run("reset keeps the initial weights", func(t *testing.T) {
		command(t, ctx, "pause", "") // first: a tick between the two would take a step
		command(t, ctx, "load", "#seed=3&rules=bp,chl")
		waitStatus(t, ctx, "step 0", func(s status) bool { return s.Step == 0 })
		_, w0 := exportFile(t, ctx, "json")
		command(t, ctx, "step", "25")
		waitStatus(t, ctx, "25 steps", func(s status) bool { return s.Step == 25 })
		_, w25 := exportFile(t, ctx, "json")
		click(t, ctx, "c-reset")
		waitStatus(t, ctx, "the reset", func(s status) bool { return s.Step == 0 })
		_, again := exportFile(t, ctx, "json")
		if string(again) != string(w0) {
			t.Error("reset changed the initial weights")
		}
		if string(w25) == string(w0) {
			t.Error("25 steps did not change the weights")
		}
		click(t, ctx, "c-new-weights")
		waitStatus(t, ctx, "new weights", func(s status) bool { return s.Step == 0 && !strings.Contains(s.Link, "&seed=3&") })
		_, fresh := exportFile(t, ctx, "json")
		if string(fresh) == string(w0) {
			t.Error("new weights kept the weights")
		}

		// Import restores the state saved at step 25.
		command(t, ctx, "load", "#seed=3&rules=bp,chl")
		st := parseStatus(t, eval[string](t, ctx, fmt.Sprintf(`JSON.stringify(window.propagateControls.importText(%s))`, jsString(string(w25)))))
		if st.Error != "" {
			t.Fatalf("import: %s", st.Error)
		}
		waitStatus(t, ctx, "the import's replay", func(s status) bool { return s.Step == 25 && len(s.Runs) == 2 && !s.Replaying })
		waitFrames(t, ctx, 2) // the weights are set in the tick the replay arrives
		if _, back := exportFile(t, ctx, "json"); string(back) != string(w25) {
			t.Error("the imported state exports differently from the file")
		}
		// A bad file: a clear message, the state kept.
		before := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)).Link
		bad := strings.Replace(string(w25), `"rule": "chl"`, `"rule": "<img src=x onerror=window.__pwned=1>"`, 1)
		st = parseStatus(t, eval[string](t, ctx, fmt.Sprintf(`JSON.stringify(window.propagateControls.importText(%s))`, jsString(bad))))
		if st.Error == "" || st.Link != before {
			t.Errorf("bad import: error %q, link changed: %t", st.Error, st.Link != before)
		}
		if eval[bool](t, ctx, `document.getElementById("notice").hidden`) || !strings.Contains(eval[string](t, ctx, `document.getElementById("notice").textContent`), "import") {
			t.Error("a bad import shows no message")
		}
		if eval[bool](t, ctx, `window.__pwned !== undefined || document.querySelectorAll("img").length > 0`) {
			t.Error("the file's markup became HTML")
		}
		click(t, ctx, "notice-close")
	})

	t.Run("exports", func(t *testing.T) {
		name, csv := exportFile(t, ctx, "csv")
		if !strings.HasSuffix(name, ".csv") || !strings.HasPrefix(string(csv), "rule,step,epoch,loss") || strings.Count(string(csv), "\n") < 3 {
			t.Errorf("csv %s:\n%.200s", name, csv)
		}
		name, png := exportFile(t, ctx, "png")
		if !strings.HasSuffix(name, ".png") || len(png) < 1000 || string(png[1:4]) != "PNG" {
			t.Errorf("png %s: %d bytes", name, len(png))
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		command(t, ctx, "pause", "") // first: a tick between the two would take a step
		command(t, ctx, "load", "#seed=4")
		waitStatus(t, ctx, "paused at 0", func(s status) bool { return s.Step == 0 && !s.Playing })
		// Nothing focused: the page's shortcuts.
		eval[string](t, ctx, `document.activeElement.blur(); ""`)
		key := func(k string) {
			t.Helper()
			if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
				t.Fatal(err)
			}
		}
		key(kb.ArrowRight)
		waitStatus(t, ctx, "→ steps", func(s status) bool { return s.Step == 1 })
		key(" ")
		waitStatus(t, ctx, "space plays", func(s status) bool { return s.Playing })
		key(" ")
		waitStatus(t, ctx, "space pauses", func(s status) bool { return !s.Playing })
		key("r")
		waitStatus(t, ctx, "r resets", func(s status) bool { return s.Step == 0 })
		key("?")
		if !eval[bool](t, ctx, `document.getElementById("shortcuts").open`) {
			t.Error("? did not show the shortcuts")
		}
		screenshot(t, ctx, "controls-shortcuts")
		key(kb.Escape)
		if eval[bool](t, ctx, `document.getElementById("shortcuts").open`) {
			t.Error("Escape did not close the shortcuts")
		}

		// Typing in a field triggers nothing.
		command(t, ctx, "step", "2")
		waitStatus(t, ctx, "2 steps", func(s status) bool { return s.Step == 2 })
		chromedp.Do(ctx, chromedp.Focus("#c-seed"))
		chromedp.Do(ctx, chromedp.SendKeys("#c-seed", " r?"))
		key(kb.ArrowRight)
		waitFrames(t, ctx, 10) // ticks in which a shortcut would have acted
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		if st.Step != 2 || st.Playing || eval[bool](t, ctx, `document.getElementById("shortcuts").open`) {
			t.Errorf("typing in the seed field triggered shortcuts: step %d, playing %t", st.Step, st.Playing)
		}
		if got := value(t, ctx, "c-seed"); !strings.HasSuffix(got, " r?") {
			t.Errorf("the seed field holds %q, want the typed text", got)
		}
		key(kb.Enter) // commits the seed: a new run
		waitStatus(t, ctx, "the typed seed", func(s status) bool { return strings.Contains(s.Link, "seed=4%20r%3F&") })

		// Tab reaches the panel; Enter and Space press its buttons.
		eval[string](t, ctx, `document.activeElement.blur(); ""`)
		reached := false
		for range 12 {
			key(kb.Tab)
			if eval[string](t, ctx, `document.activeElement.id`) == "c-play" {
				reached = true
				break
			}
		}
		if !reached {
			t.Fatalf("Tab never reached the play button (at %q)", eval[string](t, ctx, `document.activeElement.id`))
		}
		playing := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)).Playing
		key(kb.Enter)
		waitStatus(t, ctx, "Enter on play", func(s status) bool { return s.Playing != playing })
		if !playing {
			key(kb.Enter) // pause again
			waitStatus(t, ctx, "paused", func(s status) bool { return !s.Playing })
		}
		key(kb.Tab)
		if id := eval[string](t, ctx, `document.activeElement.id`); id != "c-step" {
			t.Fatalf("after play, Tab went to %q", id)
		}
		before := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)).Step
		key(" ")
		waitStatus(t, ctx, "Space on step", func(s status) bool { return s.Step == before+1 && !s.Playing })
	})

	t.Run("screenshots", func(t *testing.T) {
		command(t, ctx, "load", "#seed=8&rules=bp,chl&dataset=spiral&noise=10&step=150&x=true&y=true")
		waitStatus(t, ctx, "the replay", func(s status) bool { return s.Step == 150 && len(s.Runs) == 2 })
		for _, vp := range []struct {
			name          string
			w, h          int64
			mobile        bool
			openSheet     bool
			panelOnTheRow bool
		}{
			{"controls-1920", 1920, 1080, false, false, true},
			{"controls-375", 375, 740, true, false, false},
			{"controls-375-open", 375, 740, true, true, false},
		} {
			opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
			if vp.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.w, vp.h, opts...)); err != nil {
				t.Fatal(err)
			}
			waitJS[bool](t, ctx, vp.name+": the viewport", fmt.Sprintf(`window.innerWidth === %d`, vp.w))
			open := eval[string](t, ctx, `document.getElementById("controls").dataset.open`)
			if (open == "true") != vp.openSheet && vp.w < 900 {
				click(t, ctx, "c-toggle")
			}
			// Frames at the new size: the canvas has it, and more are drawn.
			waitJS[bool](t, ctx, vp.name+": the canvas at the new size", `(() => { const c = document.querySelector("canvas"); return c && Math.abs(c.getBoundingClientRect().width - window.innerWidth) < 2; })()`)
			waitFrames(t, ctx, 10)
			img := screenshot(t, ctx, vp.name)
			// The panel does not cover the scene: the scene draws in the
			// rest of the canvas, so that part has a picture in it.
			r := eval[[]float64](t, ctx, `(() => { const b = document.getElementById("controls").getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; })()`)
			top := int(eval[float64](t, ctx, `document.getElementById("titlebar").getBoundingClientRect().bottom`))
			scene := image.Rect(0, top, int(vp.w), int(vp.h))
			if vp.panelOnTheRow {
				scene.Max.X = int(r[0])
			} else {
				scene.Max.Y = int(r[1])
			}
			distinct, share := colourStats(img, scene)
			t.Logf("%s: panel at %v; scene area %v: %d colours, top %.0f%%", vp.name, r, scene, distinct, 100*share)
			if distinct < 16 {
				t.Errorf("%s: the scene's area %v looks empty", vp.name, scene)
			}
			if vp.w < 900 && !vp.openSheet && r[3] > 90 {
				t.Errorf("%s: the closed sheet is %.0f px tall", vp.name, r[3])
			}
			if overflow := eval[bool](t, ctx, `document.getElementById("controls").scrollWidth > document.getElementById("controls").clientWidth + 1`); overflow {
				t.Errorf("%s: the panel scrolls sideways", vp.name)
			}
		}
		chromedp.Do(ctx, chromedp.EmulateReset())
	})

	t.Run("embed", func(t *testing.T) {
		command(t, ctx, "load", "#seed=8&embed=1")
		waitJS[bool](t, ctx, "embed=1 to hide the controls", `document.getElementById("controls").getBoundingClientRect().width === 0 && !document.getElementById("open-full").hidden`)
		link := eval[map[string]string](t, ctx, `(() => { const a = document.getElementById("open-full");
			return {visible: String(a.getBoundingClientRect().width > 0), target: a.target, rel: a.rel, href: a.href}; })()`)
		if link["visible"] != "true" || link["target"] != "_blank" || !strings.Contains(link["rel"], "noopener") || !strings.Contains(link["href"], "embed=false") {
			t.Errorf("open in Propagate: %v", link)
		}
		screenshot(t, ctx, "controls-embed")
		command(t, ctx, "load", "#seed=8")
		waitJS[bool](t, ctx, "leaving embed mode to show the controls", `document.getElementById("controls").getBoundingClientRect().width > 0`)
	})

	if p := con.problems(); len(p) > 0 {
		t.Errorf("console problems:\n%s", strings.Join(p, "\n"))
	}
}
