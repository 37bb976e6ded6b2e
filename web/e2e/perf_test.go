package e2e

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/systeminfo"
	"github.com/chromedp/chromedp"
)

// The performance measurements make measure reports. They log numbers and
// assert only what must hold for the numbers to mean something (the page
// ran, the field is there): timings on this shared machine are noisy, and
// benchmarks, not tests, hold performance.

// frameCPUFrames is how many frames TestFrameCPU waits for before reading
// frameCpuMs: past the start-up, a full window of frames (software WebGL on
// a busy machine draws only a few frames a second).
const frameCPUFrames = 90

// TestFrameCPU reads status().frameCpuMs, the Go CPU per frame, on the
// default link in train mode once frameCPUFrames frames have been drawn.
func TestFrameCPU(t *testing.T) {
	url := serve(t, bundleDir(t))
	for _, link := range []string{"", "#rules=bp,chl&networkShape=8,8,8&dataset=spiral"} {
		ctx := newBrowser(t)
		if state, _ := open(t, ctx, url+link); state != "ready" {
			t.Fatalf("%q: state %q", link, state)
		}
		waitFrames := func(n int) int {
			waitCtx, cancel := context.WithTimeout(ctx, 4*readyTimeout)
			defer cancel()
			_, err := chromedp.Run(waitCtx, chromedp.Poll[bool](
				`JSON.parse(window.propagate.status()).frames >= `+strconv.Itoa(n),
				chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(4*readyTimeout)))
			if err != nil {
				t.Fatalf("%q: waiting for %d frames: %v", link, n, err)
			}
			return eval[int](t, ctx, `JSON.parse(window.propagate.status()).frames`)
		}
		// The renderer's CPU time over the last frames: unlike frameCpuMs
		// (read on performance.now()), it does not count the time other
		// processes of a busy machine hold the cores.
		f0 := waitFrames(frameCPUFrames - frameCPUWindow)
		cpu0, cpuErr := rendererCPU(ctx)
		f1 := waitFrames(frameCPUFrames)
		cpu1, err := rendererCPU(ctx)
		if cpuErr == nil {
			cpuErr = err
		}
		raw := eval[string](t, ctx, `window.propagate.status()`)
		var st struct {
			FrameCpuMs    *float64 `json:"frameCpuMs"`
			UpdateCpuMs   float64  `json:"updateCpuMs"`
			DrawCpuMs     float64  `json:"drawCpuMs"`
			TicksPerFrame float64  `json:"ticksPerFrame"`
			FPS           float64  `json:"fps"`
			Mode          string   `json:"mode"`
			Playing       bool     `json:"playing"`
			Step          int      `json:"step"`
			Frames        int      `json:"frames"`
		}
		if err := json.Unmarshal([]byte(raw), &st); err != nil {
			t.Fatalf("status: %v\n%s", err, raw)
		}
		if st.FrameCpuMs == nil || *st.FrameCpuMs <= 0 {
			t.Fatalf("%q: status().frameCpuMs = %v, want Go's time per frame\n%s", link, st.FrameCpuMs, raw)
		}
		// The split: a frame is its Updates and its Draw.
		if st.UpdateCpuMs <= 0 || st.DrawCpuMs <= 0 || st.TicksPerFrame < 1 {
			t.Errorf("%q: per Update %v ms, per Draw %v ms, %v Updates a frame: want each measured", link, st.UpdateCpuMs, st.DrawCpuMs, st.TicksPerFrame)
		} else if sum := st.TicksPerFrame*st.UpdateCpuMs + st.DrawCpuMs; math.Abs(sum-*st.FrameCpuMs) > 1e-6*sum {
			t.Errorf("%q: %v Updates of %v ms and a Draw of %v ms make %v ms, but frameCpuMs is %v", link, st.TicksPerFrame, st.UpdateCpuMs, st.DrawCpuMs, sum, *st.FrameCpuMs)
		}
		if st.Mode != "train" || !st.Playing || st.Step == 0 {
			t.Errorf("%q: mode %q, playing %v at step %d: want training", link, st.Mode, st.Playing, st.Step)
		}
		name := link
		if name == "" {
			name = "default link"
		}
		t.Logf("frameCpuMs %.2f (%s, train, after %d frames at step %d, %.0f fps in software WebGL)",
			*st.FrameCpuMs, name, st.Frames, st.Step, st.FPS)
		t.Logf("  = %.1f Updates a frame × %.2f ms + a Draw of %.2f ms; at one Update a frame (60 fps): %.2f ms",
			st.TicksPerFrame, st.UpdateCpuMs, st.DrawCpuMs, st.UpdateCpuMs+st.DrawCpuMs)
		if cpuErr != nil {
			t.Logf("renderer CPU time: not available (%v)", cpuErr)
		} else {
			t.Logf("renderer CPU per frame %.2f ms (all of the page's process: Go, JavaScript, WebGL calls; over %d frames)",
				1000*(cpu1-cpu0)/float64(f1-f0), f1-f0)
		}
		chromedp.Cancel(ctx)
	}
}

// frameCPUWindow is how many frames the renderer's CPU time is measured
// over (frameCpuMs itself is the mean of the app's last 30 frames).
const frameCPUWindow = 60

// rendererCPU is the CPU time, in seconds, of Chromium's renderer
// processes (SystemInfo.getProcessInfo).
func rendererCPU(ctx context.Context) (float64, error) {
	res, err := chromedp.CallBrowser(ctx, systeminfo.GetProcessInfo, cdp.Empty{})
	if err != nil {
		return 0, err
	}
	var s float64
	for _, p := range res.ProcessInfo {
		if p.Type == "renderer" {
			s += p.CPUTime
		}
	}
	return s, nil
}

// firstFrameLoads is how many fresh loads of each page TestFirstFrameVsBare
// takes the median of.
const firstFrameLoads = 5

// TestFirstFrameVsBare times navigation → first frame for Propagate and for
// a bare Ebitengine page (make bare; PROPAGATE_BARE names it), alternating
// fresh browsers so both see the same machine, and logs the medians, their
// ratio and Propagate's breakdown from the performance marks.
func TestFirstFrameVsBare(t *testing.T) {
	bare := os.Getenv("PROPAGATE_BARE")
	if bare == "" {
		t.Skip("no bare Ebitengine page to compare with: make measure builds one (PROPAGATE_BARE=build/bare)")
	}
	if _, err := os.Stat(filepath.Join(bare, "main.wasm")); err != nil {
		t.Fatalf("PROPAGATE_BARE: %v (make bare builds it)", err)
	}
	ours, theirs := serve(t, bundleDir(t)), serve(t, bare)
	var own, base []float64
	marks, bareMarks := map[string][]float64{}, map[string][]float64{}
	for i := range firstFrameLoads {
		ctx := newBrowser(t)
		if state, _ := open(t, ctx, ours); state != "ready" {
			t.Fatalf("load %d: state %q", i+1, state)
		}
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		own = append(own, st.FirstFrameMs)
		for k, v := range loadMarks(t, ctx) {
			marks[k] = append(marks[k], v)
		}
		chromedp.Cancel(ctx)

		ctx = newBrowser(t)
		if err := chromedp.Do(ctx, chromedp.Navigate(theirs)); err != nil {
			t.Fatal(err)
		}
		waitCtx, cancel := context.WithTimeout(ctx, readyTimeout)
		ms, err := chromedp.Run(waitCtx, chromedp.Poll[float64](`window.bareFirstFrameMs`,
			chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(readyTimeout)))
		cancel()
		if err != nil {
			t.Fatalf("bare page, load %d: %v", i+1, err)
		}
		base = append(base, ms)
		for k, v := range loadMarks(t, ctx) {
			bareMarks[k] = append(bareMarks[k], v)
		}
		chromedp.Cancel(ctx)
	}
	a, b := median(own), median(base)
	t.Logf("firstFrameMs, median of %d fresh loads: Propagate %.0f, bare Ebitengine page %.0f: %.2fx (Propagate %v, bare %v)",
		firstFrameLoads, a, b, a/b, rounded(own), rounded(base))
	t.Logf("Propagate's marks, ms since navigation (medians): %s, first frame %.0f", medianMarks(marks), a)
	t.Logf("the bare page's marks, ms since navigation (medians): %s, first frame %.0f", medianMarks(bareMarks), b)
}

// loadMarks returns the page's performance marks (without the propagate:
// prefix) and, as "downloaded", when main.wasm's response ended.
func loadMarks(t *testing.T, ctx context.Context) map[string]float64 {
	t.Helper()
	var m map[string]float64
	if err := json.Unmarshal([]byte(eval[string](t, ctx, `JSON.stringify(Object.assign(
		Object.fromEntries(performance.getEntriesByType("mark").map(m => [m.name.replace("propagate:", ""), m.startTime])),
		Object.fromEntries(performance.getEntriesByType("resource").filter(r => r.name.endsWith("/main.wasm")).map(r => ["downloaded", r.responseEnd]))))`)), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// medianMarks lists marks by their median time.
func medianMarks(marks map[string][]float64) string {
	names := make([]string, 0, len(marks))
	for k := range marks {
		names = append(names, k)
	}
	slices.SortFunc(names, func(x, y string) int { return int(median(marks[x]) - median(marks[y])) })
	var parts []string
	for _, k := range names {
		parts = append(parts, k+" "+strconv.Itoa(int(median(marks[k])+0.5)))
	}
	return strings.Join(parts, ", ")
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func rounded(v []float64) []int {
	r := make([]int, len(v))
	for i, x := range v {
		r[i] = int(x + 0.5)
	}
	return r
}
