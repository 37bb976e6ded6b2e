package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"propagate/web/server"
)

// readyTimeout is generous: compiling ~15 MB of wasm and drawing with
// SwiftShader (software WebGL) on two busy cores takes seconds.
const readyTimeout = 120 * time.Second

// screenshotDir is under /out/, which git ignores.
var screenshotDir = filepath.Join("..", "..", "out", "screenshots")

// required reports whether a missing bundle or browser must fail the test
// rather than skip it.
func required() bool {
	ci := os.Getenv("CI")
	return (ci != "" && ci != "false" && ci != "0") || os.Getenv("PROPAGATE_E2E") == "1"
}

func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if required() {
		t.Fatalf(format, args...)
	}
	t.Skipf(format+" (set CI or PROPAGATE_E2E=1 to make this a failure)", args...)
}

// bundleDir is the built bundle to serve.
func bundleDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PROPAGATE_BUNDLE")
	if dir == "" {
		dir = filepath.Join("..", "..", "dist")
	}
	for _, name := range []string{"index.html", "loader.js", "wasm_exec.js", "main.wasm"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			skipOrFail(t, "no bundle to test: %v (build it with make dist)", err)
		}
	}
	return dir
}

func chromePath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("PROPAGATE_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	skipOrFail(t, "no Chromium found (Debian: apt-get install chromium)")
	return ""
}

// serve serves dir with the project's server on a free loopback port for
// the duration of the test and returns the page's URL.
func serve(t *testing.T, dir string) string {
	t.Helper()
	return serveWrapped(t, dir, func(h http.Handler) http.Handler { return h })
}

// serveWrapped is serve with a middleware around the server's handler.
func serveWrapped(t *testing.T, dir string, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	bundle, closer, err := server.OpenBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- server.Serve(ctx, ln, wrap(server.New(bundle))) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
		closer.Close()
	})
	return "http://" + ln.Addr().String() + "/"
}

// newBrowser starts headless Chromium with a fresh profile, so no test
// sees another's cache. extraFlags are added to the command line.
func newBrowser(t *testing.T, extraFlags ...string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromePath(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
		chromedp.NoSandbox, // containers run as root, where the sandbox cannot start
		// Headless Chromium has no GPU here: WebGL 2 runs on SwiftShader,
		// which recent versions enable only when asked.
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
	)
	for _, f := range extraFlags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// Start the browser now, on a context without a deadline: the first Run
	// owns the browser for the context's lifetime.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// console collects what the page writes to the console.
type console struct {
	mu       sync.Mutex
	messages []chromedp.ConsoleMessage
}

func listenConsole(ctx context.Context) *console {
	c := &console{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			c.mu.Lock()
			c.messages = append(c.messages, m)
			c.mu.Unlock()
		}
	}()
	return c
}

// problems are the messages that mean something went wrong: errors,
// uncaught exceptions, and Go's own panic output, which wasm_exec.js
// writes with console.log.
func (c *console) problems() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, m := range c.messages {
		goFault := strings.Contains(m.Text, "panic:") || strings.Contains(m.Text, "fatal error:")
		if m.Type == chromedp.ConsoleError || m.IsException() || goFault {
			out = append(out, m.String())
		}
	}
	return out
}

func (c *console) all() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, m := range c.messages {
		out = append(out, m.String())
	}
	return out
}

// stateExpr is truthy once the page is ready or has given up.
const stateExpr = `(window.propagate && window.propagate.ready === true) ? "ready"
	: (document.documentElement.dataset.state === "failed" ? "failed" : "")`

// open navigates to url and waits until the page is ready or has failed,
// returning which, and how long that took from the test's side.
func open(t *testing.T, ctx context.Context, url string) (string, time.Duration) {
	t.Helper()
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigating to %s: %v", url, err)
	}
	waitCtx, cancel := context.WithTimeout(ctx, readyTimeout+5*time.Second)
	defer cancel()
	deadline := time.Now().Add(readyTimeout)
	var state string
	var err error
	for {
		state, err = chromedp.Run(waitCtx, chromedp.Poll[string](stateExpr,
			chromedp.WithPollingInterval(50*time.Millisecond),
			chromedp.WithPollingTimeout(time.Until(deadline))))
		// A navigation that commits after the poll began replaces the
		// page's JavaScript context under it (CDP error -32000): poll the
		// new one, within the same deadline.
		if err == nil || !strings.Contains(err.Error(), "Cannot find context with specified id") || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("loader-message").textContent + " " + document.getElementById("loader-detail").textContent`))
		t.Fatalf("waiting for the page: %v (loader says %q)", err, msg)
	}
	return state, time.Since(start)
}

// waitJS waits until the page's expression js is truthy and returns its
// value. The page polls it (chromedp.Poll, in the page, every
// pollInterval) until waitTimeout: tests wait on state, never on time.
func waitJS[T any](t *testing.T, ctx context.Context, what, js string) T {
	t.Helper()
	waitCtx, cancel := context.WithTimeout(ctx, waitTimeout+5*time.Second)
	defer cancel()
	v, err := chromedp.Run(waitCtx, chromedp.Poll[T](js,
		chromedp.WithPollingInterval(pollInterval), chromedp.WithPollingTimeout(waitTimeout)))
	if err != nil {
		t.Fatalf("waiting for %s (%s): %v", what, js, err)
	}
	return v
}

// waitFrames waits until the page has drawn n more frames: what "let a
// few frames pass" means, counted rather than timed.
func waitFrames(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	f := eval[int](t, ctx, `JSON.parse(window.propagate.status()).frames`)
	waitJS[bool](t, ctx, fmt.Sprintf("%d more frames", n), fmt.Sprintf(`JSON.parse(window.propagate.status()).frames >= %d`, f+n))
}

// statusJS is the page's status as a JavaScript expression.
const statusJS = `JSON.parse(window.propagate.status())`

// addressBarFollows is true once the address bar shows the page's link
// (paused, it is written at once).
const addressBarFollows = `(() => { const s = JSON.parse(window.propagate.status()); return !s.replaying && location.hash === s.link; })()`

const (
	waitTimeout  = 180 * time.Second // a 20,000-step replay on a loaded machine took over 60 s
	pollInterval = 20 * time.Millisecond
)

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// screenshot saves the viewport as out/screenshots/name.png and returns it.
func screenshot(t *testing.T, ctx context.Context, name string) image.Image {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(screenshotDir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("decoding the screenshot: %v", err)
	}
	return img
}

// colourStats counts the distinct colours in r and the share of the most
// common one.
func colourStats(img image.Image, r image.Rectangle) (distinct int, topShare float64) {
	counts := map[[4]uint32]int{}
	total := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, ca := img.At(x, y).RGBA()
			counts[[4]uint32{cr, cg, cb, ca}]++
			total++
		}
	}
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	if total == 0 {
		return 0, 1
	}
	return len(counts), float64(top) / float64(total)
}

// contractKeys are the fields of status() that DESIGN.md promises.
var contractKeys = []string{"version", "link", "scene", "step", "epoch", "playing", "firstFrameMs", "fps", "warnings", "error", "runs"}

type status struct {
	Version      string   `json:"version"`
	Link         string   `json:"link"`
	Scene        string   `json:"scene"`
	Step         int      `json:"step"`
	Epoch        int      `json:"epoch"`
	Playing      bool     `json:"playing"`
	FirstFrameMs float64  `json:"firstFrameMs"`
	FPS          float64  `json:"fps"`
	Warnings     []string `json:"warnings"`
	Error        string   `json:"error"`
	Replaying    bool     `json:"replaying"`
	Frames       int      `json:"frames"`
	Runs         []struct {
		Rule     string  `json:"rule"`
		Step     int     `json:"step"`
		Loss     float64 `json:"loss"`
		TrainAcc float64 `json:"trainAcc"`
		TestAcc  float64 `json:"testAcc"`
		Diverged bool    `json:"diverged"`
	} `json:"runs"`
}

// runsAt reports whether s holds the runs' numbers computed at step n:
// status().step moves on (a step command, a replay) a tick before the
// numbers of that step are reported. A run that diverged stopped at its
// own step, and its numbers stay those.
func runsAt(s status, n, runs int) bool {
	if s.Step != n || len(s.Runs) != runs {
		return false
	}
	for _, r := range s.Runs {
		if r.Step != n && !(r.Diverged && r.Step < n) {
			return false
		}
	}
	return true
}

// parseStatus checks that s is JSON with every contract field (present,
// not merely zero after decoding) and decodes it.
func parseStatus(t *testing.T, s string) status {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &fields); err != nil {
		t.Fatalf("status() is not a JSON object: %v\n%s", err, s)
	}
	for _, k := range contractKeys {
		if _, ok := fields[k]; !ok {
			t.Errorf("status() has no %q: %s", k, s)
		}
	}
	for _, k := range []string{"warnings", "runs"} {
		if raw := strings.TrimSpace(string(fields[k])); !strings.HasPrefix(raw, "[") {
			t.Errorf("status().%s = %s, want an array", k, raw)
		}
	}
	var runs []map[string]json.RawMessage
	json.Unmarshal(fields["runs"], &runs)
	for _, r := range runs {
		for _, k := range []string{"rule", "loss", "trainAcc", "testAcc", "diverged", "stalled"} {
			if _, ok := r[k]; !ok {
				t.Errorf("status().runs[] has no %q: %s", k, fields["runs"])
			}
		}
	}
	var st status
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		t.Fatalf("status() does not decode: %v\n%s", err, s)
	}
	return st
}

func TestPage(t *testing.T) {
	url := serve(t, bundleDir(t)) + "#seed=7"
	ctx := newBrowser(t)
	con := listenConsole(ctx)
	state, took := open(t, ctx, url)
	if state != "ready" {
		msg := eval[string](t, ctx, `document.getElementById("loader").textContent`)
		t.Fatalf("the page failed instead of getting ready: %q\nconsole:\n%s", strings.TrimSpace(msg), strings.Join(con.all(), "\n"))
	}
	t.Logf("ready after %v", took)

	t.Run("status", func(t *testing.T) {
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		// The link is canonical: every key, the step, the page's seed.
		if !strings.Contains(st.Link, "&seed=7&") || !strings.HasPrefix(st.Link, "#v=1&") {
			t.Errorf("link = %q, want the canonical link of the page's hash #seed=7", st.Link)
		}
		if st.FirstFrameMs <= 0 {
			t.Errorf("firstFrameMs = %v, want the time of the first frame", st.FirstFrameMs)
		}
		if st.Error != "" {
			t.Errorf("error = %q, want none", st.Error)
		}
		if st.Version == "" || st.Scene == "" {
			t.Errorf("version %q, scene %q: want both named", st.Version, st.Scene)
		}
	})

	t.Run("title and loader", func(t *testing.T) {
		if got := eval[string](t, ctx, `document.querySelector("#titlebar h1").textContent`); got != "Propagate" {
			t.Errorf("title bar = %q, want Propagate", got)
		}
		if hidden := eval[bool](t, ctx, `document.getElementById("loader").hidden`); !hidden {
			t.Error("the loader still covers the page after the first frame")
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("canvas").length`); n != 1 {
			t.Errorf("%d canvases, want 1", n)
		}
	})

	t.Run("screenshot is not blank", func(t *testing.T) {
		// Let a few frames pass so the screenshot shows the scene, not the
		// first frame only.
		waitFrames(t, ctx, 10)
		img := screenshot(t, ctx, "page")
		barHeight := eval[float64](t, ctx, `document.getElementById("titlebar").getBoundingClientRect().bottom`)
		canvasArea := image.Rect(0, int(barHeight)+1, img.Bounds().Dx(), img.Bounds().Dy())
		distinct, top := colourStats(img, canvasArea)
		t.Logf("canvas area: %d distinct colours, the most common covers %.1f%%", distinct, 100*top)
		if distinct < 16 || top > 0.97 {
			t.Errorf("the canvas looks blank: %d distinct colours, the most common covers %.1f%%", distinct, 100*top)
		}
	})

	t.Run("commands", func(t *testing.T) {
		command := func(name, arg string) status {
			t.Helper()
			return parseStatus(t, eval[string](t, ctx, fmt.Sprintf(`window.propagate.command(%q, %q)`, name, arg)))
		}
		if st := command("pause", ""); st.Playing {
			t.Error("command('pause') left the page playing")
		}
		if st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)); st.Playing {
			t.Error("status() after pause says playing")
		}
		if st := command("play", ""); !st.Playing {
			t.Error("command('play') left the page paused")
		}
		before := command("pause", "").Step
		if st := command("step", "3"); st.Error != "" {
			t.Errorf("command('step', '3'): error %q", st.Error)
		}
		// The next tick takes the steps; under software WebGL ticks can be
		// seconds apart, so wait for it rather than sleeping.
		waitCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		_, err := chromedp.Run(waitCtx, chromedp.Poll[bool](
			fmt.Sprintf(`JSON.parse(window.propagate.status()).step >= %d`, before+3),
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(55*time.Second)))
		if err != nil {
			t.Errorf("waiting for the 3 steps: %v", err)
		}
		waitFrames(t, ctx, 5) // paused: no more steps come in these frames
		if got := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)).Step; got != before+3 {
			t.Errorf("step after pausing at %d and stepping 3 = %d, want %d", before, got, before+3)
		}
		if st := command("fly", ""); !strings.Contains(st.Error, "unknown command") {
			t.Errorf("command('fly'): error %q, want it to say unknown command", st.Error)
		}
		// Arguments of any type, or none, never throw.
		eval[string](t, ctx, `window.propagate.command()`)
		eval[string](t, ctx, `window.propagate.command("step", {})`)
		if st := command("load", "#seed=9"); !strings.Contains(st.Link, "&seed=9&") {
			t.Errorf("command('load', '#seed=9'): link %q", st.Link)
		}
		if got := eval[string](t, ctx, `location.hash`); !strings.Contains(got, "&seed=9&") {
			t.Errorf("after load the address bar shows %q, want seed 9", got)
		}
		eval[string](t, ctx, `location.hash = "#seed=11"; ""`)
		waitJS[bool](t, ctx, "the hash change to reach the page", statusJS+`.link.includes("&seed=11&")`)
		if got := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)).Link; !strings.Contains(got, "&seed=11&") {
			t.Errorf("after editing the hash, link = %q, want seed 11", got)
		}
	})

	t.Run("console is clean", func(t *testing.T) {
		if p := con.problems(); len(p) > 0 {
			t.Errorf("the console shows problems:\n%s", strings.Join(p, "\n"))
		}
	})
}

// TestCorruptWasm serves garbage as main.wasm: the page must say so in
// plain words, not stay blank.
func TestCorruptWasm(t *testing.T) {
	src := bundleDir(t)
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, "main.wasm") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	garbage := bytes.Repeat([]byte("this is not WebAssembly "), 4096)
	if err := os.WriteFile(filepath.Join(dir, "main.wasm"), garbage, 0o644); err != nil {
		t.Fatal(err)
	}

	ctx := newBrowser(t)
	con := listenConsole(ctx)
	state, _ := open(t, ctx, serve(t, dir))
	if state != "failed" {
		t.Fatalf("state = %q with a corrupt main.wasm, want failed", state)
	}
	msg := eval[string](t, ctx, `document.getElementById("loader-message").textContent`)
	if !strings.Contains(msg, "damaged") {
		t.Errorf("message = %q, want it to say the program file is damaged", msg)
	}
	if visible := eval[bool](t, ctx, `!document.getElementById("loader").hidden && document.getElementById("loader").offsetHeight > 0`); !visible {
		t.Error("the message is not visible")
	}
	img := screenshot(t, ctx, "corrupt-wasm")
	if distinct, top := colourStats(img, img.Bounds()); distinct < 8 || top > 0.99 {
		t.Errorf("the failure page looks blank: %d colours, top %.1f%%", distinct, 100*top)
	}
	if p := con.problems(); len(p) > 0 {
		t.Errorf("the failure was not handled cleanly; the console shows:\n%s", strings.Join(p, "\n"))
	}
}

// slowWriter sends a response in small, spaced chunks, like a slow network:
// one chunk per tick of a shared 25 ms ticker (a throttle on the server's
// side, not a test waiting for time to pass).
type slowWriter struct {
	http.ResponseWriter
	tick <-chan time.Time
	done <-chan struct{} // the test is over: stop throttling
}

func (w slowWriter) Write(p []byte) (int, error) {
	const chunk = 16 << 10
	written := 0
	for len(p) > 0 {
		n, err := w.ResponseWriter.Write(p[:min(chunk, len(p))])
		written += n
		if err != nil {
			return written, err
		}
		p = p[n:]
		w.ResponseWriter.(http.Flusher).Flush()
		select {
		case <-w.tick:
		case <-w.done:
		}
	}
	return written, nil
}

// TestProgress slows the download of main.wasm down and checks that the
// loader shows bytes received of the real (uncompressed) total meanwhile.
func TestProgress(t *testing.T) {
	dir := bundleDir(t)
	info, err := os.Stat(filepath.Join(dir, "main.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	throttle := time.NewTicker(25 * time.Millisecond)
	done := make(chan struct{})
	url := serveWrapped(t, dir, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/main.wasm" {
				w = slowWriter{w, throttle.C, done}
			}
			h.ServeHTTP(w, r)
		})
	})
	// Before the server shuts down (cleanups run last first): a handler
	// still throttling stops waiting.
	t.Cleanup(func() { close(done); throttle.Stop() })
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	detail, err := chromedp.Run(waitCtx, chromedp.Poll[string](
		`(() => { const bar = document.getElementById("loader-progress");
			return bar.value > 0 && bar.value < bar.max ? document.getElementById("loader-detail").textContent : ""; })()`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(55*time.Second)))
	if err != nil {
		t.Fatalf("waiting for a partly filled progress bar: %v", err)
	}
	total := fmt.Sprintf("%.1f MB", float64(info.Size())/1e6)
	if !regexp.MustCompile(`^\d+\.\d MB of ` + regexp.QuoteMeta(total) + `$`).MatchString(detail) {
		t.Errorf("progress text %q, want \"N.N MB of %s\" (the uncompressed size)", detail, total)
	}
	screenshot(t, ctx, "loading")
}

// TestNoWebGL runs a browser with WebGL turned off: the page must say what
// is missing.
func TestNoWebGL(t *testing.T) {
	url := serve(t, bundleDir(t))
	ctx := newBrowser(t, "disable-webgl", "disable-3d-apis")
	state, _ := open(t, ctx, url)
	if state != "failed" {
		t.Fatalf("state = %q without WebGL, want failed", state)
	}
	if msg := eval[string](t, ctx, `document.getElementById("loader-message").textContent`); !strings.Contains(msg, "WebGL") {
		t.Errorf("message = %q, want it to name WebGL", msg)
	}
	screenshot(t, ctx, "no-webgl")
}

// TestFirstFrameTime logs firstFrameMs, from navigation start to the first
// drawn frame, over five loads in fresh browsers (a first visit each time).
// It asserts nothing about time: this machine's timings are noisy, and
// benchmarks, not tests, hold performance.
func TestFirstFrameTime(t *testing.T) {
	if testing.Short() {
		t.Skip("five page loads; skipped with -short")
	}
	url := serve(t, bundleDir(t))
	var times []float64
	for i := range 5 {
		ctx := newBrowser(t)
		if state, _ := open(t, ctx, url); state != "ready" {
			t.Fatalf("load %d: state %q", i+1, state)
		}
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		times = append(times, st.FirstFrameMs)
		t.Logf("load %d: %s, first frame %.0f", i+1, eval[string](t, ctx,
			`performance.getEntriesByType("mark").map(m => m.name.replace("propagate:", "") + " " + Math.round(m.startTime)).join(", ")`),
			st.FirstFrameMs)
		chromedp.Cancel(ctx)
	}
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	t.Logf("firstFrameMs over 5 fresh loads: %v; median %.0f ms", times, sorted[len(sorted)/2])
}
