package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// The compare scene's colours (scenes/anim/palette_compare.go): the δ pulse and
// the clamp marker, which the pixel checks look for.
var (
	deltaRGB = [3]uint8{0xe0, 0x6c, 0xc0}
	clampRGB = [3]uint8{0xf0, 0xe4, 0x42}
)

// countNear counts the pixels of r within tol (per channel) of c.
func countNear(img image.Image, r image.Rectangle, c [3]uint8, tol int) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if near(int(cr>>8), int(c[0]), tol) && near(int(cg>>8), int(c[1]), tol) && near(int(cb>>8), int(c[2]), tol) {
				n++
			}
		}
	}
	return n
}

func near(a, b, tol int) bool { return a-b <= tol && b-a <= tol }

// command runs window.propagate.command and returns the status it gives.
func command(t *testing.T, ctx context.Context, name, arg string) status {
	t.Helper()
	js := fmt.Sprintf(`window.propagate.command(%q, %q)`, name, arg)
	return parseStatus(t, eval[string](t, ctx, js))
}

// waitStatus polls status() until ok holds or the timeout passes.
func waitStatus(t *testing.T, ctx context.Context, what string, ok func(status) bool) status {
	t.Helper()
	return waitFor(t, ctx, what, waitTimeout, func() status {
		return parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
	}, ok, func(st status) string { return fmt.Sprintf("status %+v", st) })
}

// waitFor reads the page once a frame until ok holds (state, never a
// clock), failing after timeout with what show says of the last reading.
func waitFor[T any](t *testing.T, ctx context.Context, what string, timeout time.Duration, read func() T, ok func(T) bool, show func(T) string) T {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		v := read()
		if ok(v) {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %s", what, show(v))
		}
		nextFrame(t, ctx)
	}
}

// nextFrame waits for the page's next animation frame (an event, not a
// time): status() can only change between frames.
func nextFrame(t *testing.T, ctx context.Context) {
	t.Helper()
	evalAwait(t, ctx, `new Promise(resolve => requestAnimationFrame(() => resolve("")))`)
}

// settle lets a few frames draw after a command.
func settle(t *testing.T, ctx context.Context) { waitFrames(t, ctx, 6) }

// TestCompareScene opens the default compare scene and shoots its named
// moments: explain mode forward, backward, clamped; train mode. It checks by
// pixels that δ pulses appear in the backprop panel only while δ travels
// back, and the clamp marker in the CHL panel only once clamped; it logs
// the frame time in train mode; and it checks that status().runs after N
// steps are the CLI's numbers after N steps of the same link.
func TestCompareScene(t *testing.T) {
	const link = "#rules=bp,chl&seed=7"
	url := serve(t, bundleDir(t)) + link
	ctx := newBrowser(t)
	con := listenConsole(ctx)
	if state, took := open(t, ctx, url); state != "ready" {
		t.Fatalf("the page failed: %s\n%s", state, strings.Join(con.all(), "\n"))
	} else {
		t.Logf("ready after %v", took)
	}
	W := eval[int](t, ctx, `window.innerWidth`)
	H := eval[int](t, ctx, `window.innerHeight`)
	// Landscape at 1280×800: backprop's panel on the left, CHL's on the
	// right, over the plots. The rows below the panel titles and above the
	// plots hold only the nets and the heatmaps.
	left := image.Rect(0, 130, W/2, H*58/100)
	right := image.Rect(W/2, 130, W, H*58/100)

	t.Run("train", func(t *testing.T) {
		command(t, ctx, "mode", "train")
		command(t, ctx, "play", "")
		from := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)).Step
		waitStatus(t, ctx, "training under way", func(s status) bool { return s.Step >= from+100 && len(s.Runs) == 2 })
		screenshot(t, ctx, "compare-train")
		// Frame times over 3 s of training, from requestAnimationFrame.
		js := `new Promise(resolve => {
			const ts = []; const start = performance.now();
			function f(now) { ts.push(now); if (now - start < 3000) requestAnimationFrame(f); else resolve(JSON.stringify(ts)); }
			requestAnimationFrame(f);
		})`
		var ts []float64
		raw := evalAwait(t, ctx, js)
		if err := json.Unmarshal([]byte(raw), &ts); err != nil {
			t.Fatal(err)
		}
		var dts []float64
		for i := 1; i < len(ts); i++ {
			dts = append(dts, ts[i]-ts[i-1])
		}
		sort.Float64s(dts)
		if len(dts) > 0 {
			p := func(q float64) float64 { return dts[min(len(dts)-1, int(q*float64(len(dts))))] }
			t.Logf("train mode frame time over %d frames: median %.1f ms, p95 %.1f ms, max %.1f ms", len(dts), p(0.5), p(0.95), dts[len(dts)-1])
		}
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		if st.Step == 0 || len(st.Runs) != 2 {
			t.Errorf("after training: step %d, runs %+v", st.Step, st.Runs)
		}
	})

	moments := []struct {
		phase string
		shot  string
	}{
		{"forward", "compare-explain-forward"},
		{"backward", "compare-explain-backward"},
		{"clamped", "compare-explain-clamped"},
		{"hebbian", "compare-explain-hebbian"},
	}
	imgs := map[string]image.Image{}
	for _, m := range moments {
		st := command(t, ctx, "phase", m.phase)
		if st.Error != "" {
			t.Fatalf("phase %s: %s", m.phase, st.Error)
		}
		settle(t, ctx)
		imgs[m.phase] = screenshot(t, ctx, m.shot)
	}
	t.Run("backward-pulses", func(t *testing.T) {
		back := countNear(imgs["backward"], left, deltaRGB, 40)
		fwd := countNear(imgs["forward"], left, deltaRGB, 40)
		t.Logf("δ-coloured pixels in the backprop panel: %d while backward, %d while forward", back, fwd)
		if back < 30 || fwd > back/5 {
			t.Errorf("δ pulses: %d pixels during the backward phase, %d during forward; want many, then few", back, fwd)
		}
	})
	t.Run("clamp-marker", func(t *testing.T) {
		cl := countNear(imgs["clamped"], right, clampRGB, 30)
		fwd := countNear(imgs["forward"], right, clampRGB, 30)
		t.Logf("clamp-coloured pixels in the CHL panel: %d while clamped, %d before", cl, fwd)
		if cl < 100 || fwd > cl/5 {
			t.Errorf("clamp marker: %d pixels during the clamped phase, %d before; want many, then few", cl, fwd)
		}
	})

	t.Run("status-equals-cli", func(t *testing.T) {
		const n = 150
		command(t, ctx, "mode", "train")
		command(t, ctx, "pause", "")
		command(t, ctx, "reset", "")
		waitStatus(t, ctx, "the reset", func(s status) bool { return s.Step == 0 && !s.Playing })
		command(t, ctx, "step", fmt.Sprint(n))
		st := waitStatus(t, ctx, fmt.Sprintf("the runs at step %d", n), func(s status) bool { return runsAt(s, n, 2) })
		sameRuns(t, fmt.Sprintf("after %d steps", n), st, learnCLI(t)(link, n))
	})
	if p := con.problems(); len(p) > 0 {
		t.Errorf("console problems:\n%s", strings.Join(p, "\n"))
	}
}

// evalAwait evaluates js, waiting for the promise it returns.
func evalAwait(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// TestCompareProfile samples the page's main thread (JavaScript and wasm)
// for a few seconds of train mode and logs where the time goes, by
// function, self and total. It runs only when PROPAGATE_PROFILE is set (to
// a link hash, or 1 for the default); build the bundle without -s -w so
// wasm functions keep their names:
//
//	GOOS=js GOARCH=wasm go build -o dist/main.wasm ./wasm
//	PROPAGATE_PROFILE=1 PROPAGATE_BUNDLE=$PWD/dist go test -v -run CompareProfile ./web/e2e
func TestCompareProfile(t *testing.T) {
	link := os.Getenv("PROPAGATE_PROFILE")
	if link == "" {
		t.Skip("set PROPAGATE_PROFILE to profile the compare scene")
	}
	if link == "1" {
		link = ""
	}
	url := serve(t, bundleDir(t)) + link
	ctx := newBrowser(t)
	if state, _ := open(t, ctx, url); state != "ready" {
		t.Fatalf("the page failed: %s", state)
	}
	command(t, ctx, "mode", "train")
	command(t, ctx, "play", "")
	waitFrames(t, ctx, 60) // warmed up
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	waitFrames(t, ctx, 240) // the sample: about 4 s at 60 fps
	res, err := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	prof := res.Profile
	// Self time per node, then per function name; total time per name
	// counts each name once per stack.
	byID := map[int64]*profiler.ProfileNode{}
	parent := map[int64]int64{}
	for _, n := range prof.Nodes {
		byID[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	self, total := map[string]float64{}, map[string]float64{}
	all := 0.0
	for i, id := range prof.Samples {
		dt := float64(prof.TimeDeltas[min(i+1, len(prof.TimeDeltas)-1)]) / 1000
		all += dt
		n := byID[id]
		self[n.CallFrame.FunctionName] += dt
		seen := map[string]bool{}
		for x, ok := id, true; ok; x, ok = parent[x] {
			name := byID[x].CallFrame.FunctionName
			if !seen[name] {
				seen[name] = true
				total[name] += dt
			}
		}
	}
	top := func(m map[string]float64, what string) {
		type kv struct {
			k string
			v float64
		}
		var s []kv
		for k, v := range m {
			s = append(s, kv{k, v})
		}
		sort.Slice(s, func(i, j int) bool { return s[i].v > s[j].v })
		var b strings.Builder
		for _, e := range s[:min(45, len(s))] {
			fmt.Fprintf(&b, "%8.0f ms %5.1f%%  %s\n", e.v, 100*e.v/all, e.k)
		}
		t.Logf("%s over %.0f ms sampled:\n%s", what, all, b.String())
	}
	top(self, "self time")
	top(total, "total time")
	st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
	t.Logf("status: step %d fps %.1f", st.Step, st.FPS)
}
