package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"propagate/engine"
)

// A γ the link would not accept is refused as the link's range says, not
// computed into NaN: this printed "json: unsupported value: NaN", exit 1.
func TestEquivalenceGammaOutOfRange(t *testing.T) {
	out, errOut, code := learn(t, "-equivalence", "-gamma", "1e-160", "-json")
	if code != exitUsage || out != "" || !strings.Contains(errOut, `-gamma: "1e-160" is not a γ in (0, 1] and ≥ 1e-06`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// Whatever produces it, a NaN or Inf is never printed as JSON: learn says
// which number and exits 2.
func TestNonFiniteNeverReachesJSON(t *testing.T) {
	res := []engine.EquivalenceResult{{Gamma: 0.1, Layers: []engine.LayerAgreement{{Layer: 1, Cosine: 1}, {Layer: 2, Cosine: math.NaN()}}}}
	var o, e bytes.Buffer
	code := writeJSON(&o, &e, struct {
		Equivalence []engine.EquivalenceResult `json:"equivalence"`
	}{res})
	if code != exitUsage || o.Len() != 0 || !strings.Contains(e.String(), "equivalence[0].layers[1].cosine is NaN") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, o.String(), e.String())
	}
}

// -steps beyond the largest step is clamped aloud. Both runs diverge in a
// few steps, so the ten million are quick.
func TestStepsClampedWithWarning(t *testing.T) {
	link := "#problem=regression&regDataset=reg-plane&activation=linear&outputActivation=linear&learningRate=10&rules=bp,fa&batchSize=1"
	out, errOut, code := learn(t, "-link", link, "-steps", "99999999999", "-json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "-steps 99999999999 is more than 10000000; making 10000000") {
		t.Errorf("stderr %q", errOut)
	}
	var got runsOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Steps != engine.MaxStep {
		t.Errorf("steps %d (%v)", got.Steps, err)
	}
}

// A long run says how far it is on stderr, and its numbers are those of
// the engine stepped in one go.
func TestProgressOnStderr(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = 0 // report after every round
	link := "#rules=bp,fa&dataset=xor&seed=3"
	out, errOut, code := learn(t, "-link", link, "-steps", "3000", "-json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "learn: step 1 of 3000 (0%), about ") || !strings.Contains(errOut, " of 3000 (") {
		t.Errorf("no progress on stderr: %q", errOut)
	}
	var got runsOutput
	json.Unmarshal([]byte(out), &got)
	c, _ := engine.DecodeLink(link)
	r, _ := engine.NewRun(c, "fa")
	r.Step(3000)
	if len(got.Runs) != 2 || got.Runs[1] != r.Report() {
		t.Errorf("runs %+v, want fa %+v", got.Runs, r.Report())
	}
}

// A link longer than one command-line argument may be comes from a file
// or stdin; every known key in it is read.
func TestLinkFromFileAndStdin(t *testing.T) {
	var b strings.Builder
	b.WriteString("#")
	for b.Len() < 150_000 {
		b.WriteString("padding=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx&")
	}
	b.WriteString("rules=bp,dfa&learningRate=0.25\n")
	file := filepath.Join(t.TempDir(), "link.txt")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	defer func(r any) { stdin = r.(*os.File) }(stdin)
	for _, args := range [][]string{{"-link", "@" + file}, {"-link", "-"}} {
		stdin = strings.NewReader(b.String())
		out, errOut, code := learn(t, append(args, "-steps", "0", "-json")...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var got runsOutput
		json.Unmarshal([]byte(out), &got)
		if !strings.Contains(got.Link, "rules=bp,dfa&") || !strings.Contains(got.Link, "learningRate=0.25&") {
			t.Errorf("%v: link %s", args, got.Link)
		}
		if !strings.Contains(strings.Join(got.Warnings, "\n"), `unknown key "padding" ignored`) {
			t.Errorf("%v: warnings %q", args, got.Warnings)
		}
	}
	if _, errOut, code := learn(t, "-link", "@"+file+".missing"); code != exitUsage || !strings.Contains(errOut, "link.txt.missing") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}

// A saturated run is reported stalled beside diverged, with its hint.
func TestRunsJSONSaysStalled(t *testing.T) {
	out, errOut, code := learn(t, "-link", "#rules=bp,chl&learningRate=10", "-steps", "3000", "-json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var raw struct {
		Runs []map[string]any `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil || len(raw.Runs) != 2 {
		t.Fatalf("%v: %s", err, out)
	}
	bp := raw.Runs[0]
	if bp["stalled"] != true || bp["diverged"] != false || !strings.Contains(bp["hint"].(string), "learning rate too high?") {
		t.Errorf("bp: %v", bp)
	}
}
