package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"propagate/engine"
)

type runsOutput struct {
	Link     string             `json:"link"`
	Steps    int                `json:"steps"`
	Runs     []engine.RunReport `json:"runs"`
	Warnings []string           `json:"warnings"`
}

func learn(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return o.String(), e.String(), code
}

// TestRunsJSONMatchesTheEngine: the CLI's numbers are the engine's numbers
// for the same link and steps, and every contract field is present.
func TestRunsJSONMatchesTheEngine(t *testing.T) {
	link := "#v=1&rules=bp,bp&dataset=xor&networkShape=4,2&learningRate=0.1&seed=7"
	out, errOut, code := learn(t, "-link", link, "-steps", "120", "-json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	runs, _ := raw["runs"].([]any)
	if len(runs) != 2 {
		t.Fatalf("want 2 runs, got %v", raw["runs"])
	}
	for _, key := range []string{"rule", "loss", "trainAcc", "testAcc", "diverged"} {
		if _, ok := runs[0].(map[string]any)[key]; !ok {
			t.Errorf("run has no %q field: %v", key, runs[0])
		}
	}
	var got runsOutput
	json.Unmarshal([]byte(out), &got)

	c, _ := engine.DecodeLink(link)
	r, err := engine.NewRun(c, "bp")
	if err != nil {
		t.Fatal(err)
	}
	r.Step(120)
	if want := r.Report(); got.Runs[0] != want {
		t.Errorf("CLI run %+v, engine %+v", got.Runs[0], want)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-nosuchflag"},
		{"-steps", "many"},
		{"stray"},
		{"-table", "-equivalence"},
		{"-table", "-rules", "backprop"},
		{"-table", "-seeds", "0"},
		{"-equivalence", "-gamma", "2"},
		{"-strict", "-link", "#learningRate=abc"},
	} {
		if _, errOut, code := learn(t, args...); code != exitUsage || errOut == "" {
			t.Errorf("learn %v: exit %d, stderr %q; want exit 2 and a message", args, code, errOut)
		}
	}
	// Without -strict, a broken link runs with the defaults and warns.
	out, errOut, code := learn(t, "-link", "#learningRate=abc&bogus=1", "-steps", "1", "-json")
	if code != exitOK || !strings.Contains(errOut, "learningRate") || !strings.Contains(errOut, "bogus") {
		t.Errorf("lenient broken link: exit %d, stderr %q", code, errOut)
	}
	var got runsOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Warnings) < 2 {
		t.Errorf("warnings not in JSON: %v %q", err, out)
	}
}

// TestEquivalenceJSON: DESIGN.md's shape, one entry per γ, layers 1..L, and
// the Xie & Seung trend: the output layer's relative error falls with γ.
func TestEquivalenceJSON(t *testing.T) {
	out, errOut, code := learn(t, "-equivalence", "-gamma", "0.1,0.01,0.001", "-json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Equivalence []struct {
			Gamma  float64
			Layers []struct {
				Layer                     int
				Cosine, RelErr, NormRatio float64
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Equivalence) != 3 {
		t.Fatalf("equivalence JSON: %v\n%s", err, out)
	}
	for i, e := range got.Equivalence {
		if len(e.Layers) != 3 || e.Layers[0].Layer != 1 || e.Layers[2].Layer != 3 {
			t.Errorf("γ=%g: layers %+v, want 1..3 for the default 2-4-2-1 net", e.Gamma, e.Layers)
		}
		if i > 0 && e.Layers[2].RelErr >= got.Equivalence[i-1].Layers[2].RelErr {
			t.Errorf("output relErr did not fall from γ=%g to γ=%g", got.Equivalence[i-1].Gamma, e.Gamma)
		}
	}
	for _, key := range []string{`"gamma"`, `"layers"`, `"layer"`, `"cosine"`, `"relErr"`, `"normRatio"`} {
		if !strings.Contains(out, key) {
			t.Errorf("output lacks %s", key)
		}
	}
}

func TestTableJSON(t *testing.T) {
	out, errOut, code := learn(t, "-table", "-rules", "bp", "-tasks", "4-2-4,circle", "-seeds", "3", "-json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct{ Table []engine.TableRow }
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Table) != 2 {
		t.Fatalf("table JSON: %v\n%s", err, out)
	}
	for _, r := range got.Table {
		if r.Seeds != 3 || r.SuccessRate < 0 || r.SuccessRate > 1 {
			t.Errorf("bad row %+v", r)
		}
	}
	if !strings.Contains(errOut, "bp on circle") {
		t.Errorf("no progress on stderr: %q", errOut)
	}
}

// TestWasmGivesTheSameNumbers builds this command for GOOS=js GOARCH=wasm,
// runs it under node, and requires byte-identical JSON to the native run for
// several links: the same link gives the same numbers in the browser's
// engine and here.
func TestWasmGivesTheSameNumbers(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("this test is the native side of the comparison; it runs the wasm build itself")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is required in CI for the wasm determinism test")
		}
		t.Skip("node not installed")
	}
	if testing.Short() {
		t.Skip("builds a wasm binary")
	}
	wasm := filepath.Join(t.TempDir(), "learn.wasm")
	build := exec.Command("go", "build", "-o", wasm, ".")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("wasm build: %v\n%s", err, out)
	}
	execJS := filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec_node.js")
	links := []string{
		"#v=1&rules=bp,chl&seed=3",
		"#v=1&rules=bp,fa&dataset=spiral&networkShape=8,8,8&noise=20&seed=11",
		"#regDataset=reg-gauss&problem=regression&networkShape=6&activation=relu&learningRate=0.01&seed=0.5",
		"#v=1&rules=eqprop,generec&dataset=xor4&networkShape=4&activation=sigmoid&outputActivation=sigmoid&learningRate=0.5&batchSize=4",
	}
	var argSets [][]string
	for _, link := range links {
		argSets = append(argSets, []string{"-link", link, "-steps", "300", "-json"})
	}
	argSets = append(argSets, []string{"-equivalence", "-link", links[0], "-gamma", "0.1,0.01", "-json"})
	for _, args := range argSets {
		link := strings.Join(args, " ")
		native, errOut, code := learn(t, args...)
		if code != exitOK {
			t.Fatalf("native %s: exit %d: %s", link, code, errOut)
		}
		cmd := exec.Command(node, append([]string{execJS, wasm}, args...)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("wasm %s: %v\n%s", link, err, stderr.String())
		}
		if stdout.String() != native {
			t.Errorf("%s: wasm and native differ\nnative: %s\nwasm:   %s", link, native, stdout.String())
		}
	}
}

// -settings -json prints the engine's settings table; -settings a table
// with a row per setting; -h names every rule of the registry.
func TestSettingsAndRuleList(t *testing.T) {
	out, errOut, code := learn(t, "-settings", "-json")
	if code != exitOK || out != engine.SettingsJSON()+"\n" {
		t.Fatalf("exit %d (%s): %.200s", code, errOut, out)
	}
	var doc struct {
		Settings []engine.Setting `json:"settings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Settings) != len(engine.Settings()) {
		t.Fatalf("%v: %d settings", err, len(doc.Settings))
	}
	out, _, code = learn(t, "-settings")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != len(engine.Settings())+1 {
		t.Fatalf("exit %d, %d lines", code, len(lines))
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "learningRate ") && !(strings.Contains(l, "1e-05..10") && strings.Contains(l, "live") && strings.Contains(l, "0.03")) {
			t.Errorf("learningRate row: %s", l)
		}
	}
	_, errOut, code = learn(t, "-h")
	for _, r := range engine.Rules() {
		if !strings.Contains(errOut, r.Name) || !strings.Contains(errOut, r.Label) {
			t.Errorf("-h does not list %s (%s)", r.Name, r.Label)
		}
	}
	if _, _, code := learn(t, "-settings", "-table"); code != exitUsage {
		t.Errorf("-settings -table: exit %d", code)
	}
}
