package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// cliRun is one run as `learn -json` prints it: the fields status().runs
// shares with it.
type cliRun struct {
	Rule     string  `json:"rule"`
	Loss     float64 `json:"loss"`
	TrainAcc float64 `json:"trainAcc"`
	TestAcc  float64 `json:"testAcc"`
	Diverged bool    `json:"diverged"`
}

// learnCLI builds engine/cmd/learn once per test and returns a function
// that runs it on a link for n steps.
func learnCLI(t *testing.T) func(link string, n int) []cliRun {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "learn")
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join("..", "..", "engine", "cmd", "learn")).CombinedOutput(); err != nil {
		t.Fatalf("building learn: %v\n%s", err, out)
	}
	return func(link string, n int) []cliRun {
		t.Helper()
		out, err := exec.Command(bin, "-link", link, "-steps", fmt.Sprint(n), "-json").Output()
		if err != nil {
			t.Fatalf("learn -link %q: %v", link, err)
		}
		var v struct {
			Runs []cliRun `json:"runs"`
		}
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatalf("learn -json: %v\n%s", err, out)
		}
		return v.Runs
	}
}

func sameRuns(t *testing.T, what string, page status, cli []cliRun) {
	t.Helper()
	if len(page.Runs) != len(cli) {
		t.Errorf("%s: page runs %+v, CLI runs %+v", what, page.Runs, cli)
		return
	}
	for i := range cli {
		p := page.Runs[i]
		if (cliRun{p.Rule, p.Loss, p.TrainAcc, p.TestAcc, p.Diverged}) != cli[i] {
			t.Errorf("%s: run %d page %+v, CLI %+v", what, i, p, cli[i])
		}
	}
}

// waitReplayed waits until the page has replayed to step n and reported
// its runs there.
func waitReplayed(t *testing.T, ctx context.Context, n int) status {
	t.Helper()
	return waitStatus(t, ctx, fmt.Sprintf("the replay to step %d", n), func(s status) bool {
		return runsAt(s, n, 2) && !s.Playing && !strings.Contains(eval[string](t, ctx, `window.propagate.status()`), `"replaying":true`)
	})
}

// TestLinkReplaysLikeTheCLI opens links with a step, each in a fresh page
// load: the page replays to that step (showing progress), stops there, puts
// the same link in the address bar, and reports the numbers learn -json
// gives for the same link and step. A TF Playground link is backprop on the
// same data and net, with no warning.
func TestLinkReplaysLikeTheCLI(t *testing.T) {
	base := serve(t, bundleDir(t))
	learn := learnCLI(t)
	ctx := newBrowser(t)
	con := listenConsole(ctx)
	links := []struct {
		hash string
		step int
	}{
		{"#seed=7&rules=bp,chl&step=300", 300},
		{"#dataset=xor&networkShape=5,3&activation=relu&rules=bp,fa&learningRate=0.1&batchSize=5&seed=abc&step=20000", 20000},
		{"#dataset=spiral&noise=10&rules=generec,eqprop&mode=explain&seed=3&step=40", 40},
	}
	for i, l := range links {
		// A new document each time (a URL that differs only in its hash
		// would be a hash change, not a page load).
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		if state, took := open(t, ctx, base+l.hash); state != "ready" {
			t.Fatalf("%s: %s", l.hash, state)
		} else {
			t.Logf("%s: ready after %v", l.hash, took)
		}
		if i == 1 {
			// 20000 steps take a while: the page shows how far it is.
			progress := waitStatus(t, ctx, "the replay's progress bar", func(s status) bool {
				return s.Step == l.step || eval[bool](t, ctx, `(() => { const b = document.getElementById("replay-bar");
					return !document.getElementById("replay").hidden && b.value > 0 && b.value < b.max; })()`)
			})
			if progress.Step == l.step {
				t.Logf("%s: the replay ended before the progress bar was seen", l.hash)
			} else {
				t.Logf("replay progress: %s", eval[string](t, ctx, `document.getElementById("replay").textContent.trim() + " " + document.getElementById("replay-bar").value`))
				screenshot(t, ctx, "link-replay-progress")
			}
		}
		start := time.Now()
		st := waitReplayed(t, ctx, l.step)
		t.Logf("%s: replayed in about %v after ready", l.hash, time.Since(start).Round(100*time.Millisecond))
		if len(st.Warnings) > 0 {
			t.Errorf("%s: warnings %q", l.hash, st.Warnings)
		}
		sameRuns(t, l.hash, st, learn(l.hash, l.step))
		waitJS[bool](t, ctx, "the address bar", addressBarFollows) // paused: it is written at once
		hash := eval[string](t, ctx, `location.hash`)
		if !strings.Contains(hash, fmt.Sprintf("&step=%d&", l.step)) || hash != st.Link {
			t.Errorf("%s: address bar %q, status link %q; want the canonical link at step %d", l.hash, hash, st.Link, l.step)
		}
		// The canonical link gives the same numbers in the CLI.
		sameRuns(t, l.hash+" (canonical)", st, learn(hash, l.step))
	}

	t.Run("tf-playground", func(t *testing.T) {
		const tfp = "#activation=tanh&batchSize=10&dataset=xor&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.80424&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false"
		command(t, ctx, "load", tfp+"&step=200")
		st := waitReplayed(t, ctx, 200)
		if len(st.Warnings) > 0 {
			t.Errorf("a TF Playground link gave warnings %q", st.Warnings)
		}
		if len(st.Runs) == 0 || st.Runs[0].Rule != "bp" {
			t.Errorf("runs %+v, want backprop first", st.Runs)
		}
		cfg := eval[map[string]string](t, ctx, `JSON.parse(window.propagate.status()).config`)
		if cfg["dataset"] != "xor" || cfg["networkShape"] != "4,2" || cfg["seed"] != "0.80424" || cfg["learningRate"] != "0.03" {
			t.Errorf("config %v", cfg)
		}
		sameRuns(t, "TF Playground link", st, learn(tfp, 200))
	})

	t.Run("no-history-spam", func(t *testing.T) {
		before := eval[int](t, ctx, `history.length`)
		command(t, ctx, "play", "")
		// Playing long enough for the address bar to be rewritten twice
		// (at most once a second while playing).
		for range 2 {
			h := eval[string](t, ctx, `location.hash`)
			waitJS[bool](t, ctx, "the address bar to follow the steps", fmt.Sprintf(`location.hash !== %s`, jsString(h)))
		}
		command(t, ctx, "set", "learningRate=0.1")
		command(t, ctx, "set", "dataset=circle")
		command(t, ctx, "reset", "")
		waitJS[bool](t, ctx, "the address bar to show the new settings", `location.hash.includes("learningRate=0.1&")`)
		if after := eval[int](t, ctx, `history.length`); after != before {
			t.Errorf("history grew from %d to %d entries while playing and changing settings", before, after)
		}
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		if hash := eval[string](t, ctx, `location.hash`); !strings.Contains(hash, "learningRate=0.1&") {
			t.Errorf("address bar %q does not follow the settings (status link %q)", hash, st.Link)
		}
	})
	if p := con.problems(); len(p) > 0 {
		t.Errorf("console problems:\n%s", strings.Join(p, "\n"))
	}
}

// brokenLinks is the corpus of bad hashes: each must open a working page
// that names what it did with the bad keys, and run no script.
func brokenLinks() map[string]string {
	return map[string]string{
		"truncated":        "#v=1&rules=bp,ch&networkShape=4,&learningR",
		"huge numbers":     "#learningRate=1e999&batchSize=99999999999999999999&noise=1e308&step=1e400",
		"NaN":              "#learningRate=NaN&gamma=nan&beta=Infinity&settle=-Infinity",
		"negative sizes":   "#networkShape=-3,-1&batchSize=-5&percTrainData=-50",
		"1000 layers":      "#networkShape=" + strings.Repeat("3,", 999) + "3",
		"unicode":          "#seed=%F0%9F%A7%A0%E2%80%AE&dataset=c%C3%ADrculo&rules=bp,%E2%80%AEchl&%E2%9C%93=1",
		"script":           "#seed=<script>window.__pwned=1</script>&dataset=<img src=x onerror=window.__pwned=1>&<svg onload=window.__pwned=1>=1",
		"escaped script":   "#dataset=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E&rules=%3Cscript%3Ewindow.__pwned=1%3C/script%3E",
		"repeated keys":    "#seed=1&seed=2&seed=3&rules=bp,chl&rules=bp,fa",
		"100 KB hash":      "#" + strings.Repeat("a=b&", 25_000),
		"malformed escape": "#%E0%A4%A&rules=%ZZ&seed=%",
		"embed junk":       "#embed=maybe&mode=fast&scene=nowhere",
	}
}

// TestBrokenLinks opens the page on the nastiest link, then edits the hash
// to each link of the corpus (the path a hand-edited address bar takes; the
// same decoding as a page load). For each: the page is alive (ready,
// frames still drawn), status().warnings names the problem, the notice
// shows it as text, the console is clean and no script ran.
func TestBrokenLinks(t *testing.T) {
	base := serve(t, bundleDir(t))
	ctx := newBrowser(t)
	con := listenConsole(ctx)
	corpus := brokenLinks()
	if state, _ := open(t, ctx, base+corpus["script"]); state != "ready" {
		t.Fatalf("the page did not open on the <script> link: %s", state)
	}
	scripts := eval[int](t, ctx, `document.scripts.length`)
	check := func(t *testing.T, name string) {
		t.Helper()
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		if len(st.Warnings) == 0 {
			t.Errorf("%s: no warning in status().warnings", name)
		}
		if st.Error != "" {
			t.Errorf("%s: error %q", name, st.Error)
		}
		frames := eval[int](t, ctx, `JSON.parse(window.propagate.status()).frames`)
		waitStatus(t, ctx, name+": frames drawn", func(status) bool {
			return eval[int](t, ctx, `JSON.parse(window.propagate.status()).frames`) > frames+1
		})
		if !eval[bool](t, ctx, `window.propagate.ready === true`) {
			t.Errorf("%s: not ready", name)
		}
		if eval[bool](t, ctx, `window.__pwned !== undefined`) {
			t.Fatalf("%s: a script from the link ran", name)
		}
		if n := eval[int](t, ctx, `document.scripts.length`); n != scripts {
			t.Errorf("%s: %d scripts in the page, was %d", name, n, scripts)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("img, svg, iframe, object").length`); n != 0 {
			t.Errorf("%s: %d elements from the link in the page", name, n)
		}
		// The notice shows the warnings, as text. The panel renders from
		// status() on its own timer: wait until it shows exactly these.
		want := strings.Join(st.Warnings, "\n")
		shown := func() string {
			return eval[string](t, ctx, `(() => { const n = document.getElementById("notice");
				return n.hidden ? "(hidden)" : [...document.querySelectorAll("#notice-list li")].map(li => li.textContent).join("\n"); })()`)
		}
		got := shown()
		for deadline := time.Now().Add(15 * time.Second); got != want && time.Now().Before(deadline); got = shown() {
			nextFrame(t, ctx)
		}
		if got != want {
			t.Errorf("%s: the notice shows %q, want the warnings %q", name, got, want)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("#notice-list li").length`); n != len(st.Warnings) {
			t.Errorf("%s: notice lists %d items for %d warnings", name, n, len(st.Warnings))
		}
	}
	t.Run("script (page load)", func(t *testing.T) { check(t, "script") })
	for _, name := range []string{"truncated", "huge numbers", "NaN", "negative sizes", "1000 layers", "unicode", "escaped script", "repeated keys", "100 KB hash", "malformed escape", "embed junk"} {
		t.Run(name, func(t *testing.T) {
			// From a clean link, so the warnings seen are this link's.
			command(t, ctx, "load", "#seed=5")
			waitStatus(t, ctx, "a clean link", func(s status) bool { return len(s.Warnings) == 0 })
			eval[string](t, ctx, fmt.Sprintf(`location.hash = %s; ""`, jsString(corpus[name])))
			// hashchange is asynchronous; wait until the page took it.
			waitStatus(t, ctx, name+": the hash change", func(s status) bool { return len(s.Warnings) > 0 })
			check(t, name)
			t.Logf("%s: %q", name, parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)).Warnings)
		})
	}
	t.Run("dismiss", func(t *testing.T) {
		eval[string](t, ctx, `document.getElementById("notice-close").click(); ""`)
		if !eval[bool](t, ctx, `document.getElementById("notice").hidden`) {
			t.Error("Dismiss left the notice up")
		}
	})
	if p := con.problems(); len(p) > 0 {
		t.Errorf("console problems:\n%s", strings.Join(p, "\n"))
	}
}

// firstWord is a warning's first word: the key it names, or "unknown".
func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
