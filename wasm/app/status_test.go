package app

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"propagate/engine"
)

// contractKeys are the fields of status() that DESIGN.md promises.
var contractKeys = []string{"version", "link", "scene", "step", "epoch", "playing", "firstFrameMs", "fps", "warnings", "error", "runs"}

func TestStatusJSONHasEveryContractField(t *testing.T) {
	app := NewApp("")
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(app.StatusJSON()), &fields); err != nil {
		t.Fatalf("status is not JSON: %v", err)
	}
	for _, k := range contractKeys {
		if _, ok := fields[k]; !ok {
			t.Errorf("status has no %q", k)
		}
	}
	// Arrays, never null, even before anything set them.
	for _, k := range []string{"warnings", "runs"} {
		if got := string(fields[k]); got != "[]" {
			t.Errorf("%s = %s, want []", k, got)
		}
	}
}

func TestRunStatusJSONNames(t *testing.T) {
	app := NewApp("")
	app.SetRuns([]RunStatus{{Rule: "bp", Step: 7, Loss: 0.5, TrainAcc: 0.9, TestAcc: 0.8, Diverged: true}})
	got := app.StatusJSON()
	want := `"runs":[{"rule":"bp","loss":0.5,"trainAcc":0.9,"testAcc":0.8,"diverged":true,"testLoss":0,"step":7,"epoch":0,"stalled":false}]`
	if !strings.Contains(got, want) {
		t.Errorf("status = %s\nwant it to contain %s", got, want)
	}
}

func TestStatusIsACopy(t *testing.T) {
	app := NewApp("")
	app.SetWarnings([]string{"a"})
	st := app.Status()
	st.Warnings[0] = "changed"
	if got := app.Status().Warnings[0]; got != "a" {
		t.Errorf("changing a returned status changed the app: warning = %q", got)
	}
}

func TestStatusWithNaNIsStillJSON(t *testing.T) {
	app := NewApp("")
	app.SetRuns([]RunStatus{{Rule: "bp", Loss: math.NaN()}})
	var v map[string]any
	if err := json.Unmarshal([]byte(app.StatusJSON()), &v); err != nil {
		t.Fatalf("status with a NaN loss is not JSON: %v", err)
	}
	if v["error"] == "" {
		t.Errorf("status with a NaN loss has no error")
	}
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name, arg   string
		wantPlaying bool
		wantError   string // a substring; "" means no error
	}{
		{"pause", "", false, ""},
		{"play", "", true, ""},
		{"step", "3", false, ""},
		{"step", "", false, ""},
		{"step", "0", true, "whole number"},
		{"step", "1e9", true, "whole number"},
		{"step", "two", true, "whole number"},
		{"reset", "", true, ""},
		{"load", "#seed=2", true, ""},
		{"fly", "", true, `unknown command "fly"`},
		{"", "", true, "unknown command"},
	}
	for _, tt := range tests {
		app := NewApp("")
		st := app.Command(tt.name, tt.arg)
		if st.Playing != tt.wantPlaying {
			t.Errorf("command(%q, %q): playing = %v, want %v", tt.name, tt.arg, st.Playing, tt.wantPlaying)
		}
		if tt.wantError == "" && st.Error != "" || !strings.Contains(st.Error, tt.wantError) {
			t.Errorf("command(%q, %q): error = %q, want %q", tt.name, tt.arg, st.Error, tt.wantError)
		}
	}
}

func TestPlayPauseToggles(t *testing.T) {
	app := NewApp("")
	if !app.Status().Playing {
		t.Fatal("a new page should be playing")
	}
	if app.Command("pause", "").Playing {
		t.Error("pause left the page playing")
	}
	if !app.Command("play", "").Playing {
		t.Error("play left the page paused")
	}
}

func TestCommandClearsThePreviousError(t *testing.T) {
	app := NewApp("")
	app.Command("fly", "")
	if st := app.Command("pause", ""); st.Error != "" {
		t.Errorf("error after a good command = %q, want none", st.Error)
	}
}

func TestTick(t *testing.T) {
	app := NewApp("")
	if steps, reset := app.Tick(1); steps != 1 || reset {
		t.Errorf("playing: Tick = %d, %v; want 1, false", steps, reset)
	}
	// Steps asked for are a target the game replays to (split across
	// frames), not steps of this tick.
	if st := app.Command("step", "5"); st.Playing || !st.Replaying || st.ReplayTarget != 5 {
		t.Errorf("after step 5: playing %t replaying %t target %d", st.Playing, st.Replaying, st.ReplayTarget)
	}
	if steps, _ := app.Tick(1); steps != 0 {
		t.Errorf("after step 5: Tick = %d, want 0", steps)
	}
	app.EndReplay()
	if steps, _ := app.Tick(1); steps != 0 {
		t.Errorf("paused with nothing pending: Tick = %d, want 0", steps)
	}
	app.Command("load", "a=1")
	if _, reset := app.Tick(1); !reset {
		t.Error("load did not ask for a reset")
	}
	if _, reset := app.Tick(1); reset {
		t.Error("reset was asked for twice")
	}
}

// status().link is the canonical link of what the page runs, whatever form
// the link loaded had: every key, and the step.
func TestLoadGivesTheCanonicalLink(t *testing.T) {
	for _, in := range []string{"", "#", " #a=1 ", "a=1&b=2", "#rules=bp", "#seed=7&step=30"} {
		cfg, warnings := engine.DecodeLink(NormalizeLink(in))
		st := NewApp("").Command("load", in)
		if st.Link != cfg.Link() {
			t.Errorf("load(%q): link = %q, want %q", in, st.Link, cfg.Link())
		}
		if len(st.Warnings) != len(warnings) {
			t.Errorf("load(%q): warnings %q, want the codec's %q", in, st.Warnings, warnings)
		}
		if st.Config["seed"] != cfg.Seed || st.Config["rules"] != cfg.Rules[0]+","+cfg.Rules[1] {
			t.Errorf("load(%q): config %v", in, st.Config)
		}
	}
}

func TestFirstFrameOnce(t *testing.T) {
	app := NewApp("")
	if !app.FirstFrame(120) {
		t.Fatal("the first call was not reported as first")
	}
	if app.FirstFrame(500) {
		t.Error("the second call was reported as first")
	}
	if got := app.Status().FirstFrameMs; got != 120 {
		t.Errorf("firstFrameMs = %v, want 120", got)
	}
}

// An embedded page's "Open in Propagate" link is the same demo, whole.
func TestOpenLinkIsTheDemoWithoutEmbed(t *testing.T) {
	st := NewApp("#seed=4&embed=1&learningRate=0.1").Status()
	if want := strings.Replace(st.Link, "embed=true", "embed=false", 1); st.OpenLink != want || st.OpenLink == st.Link {
		t.Errorf("embedded: link %s, open link %s", st.Link, st.OpenLink)
	}
	if st := NewApp("#seed=4").Status(); st.OpenLink != st.Link {
		t.Errorf("not embedded: link %s, open link %s", st.Link, st.OpenLink)
	}
}
