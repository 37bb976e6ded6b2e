package e2e

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

// TestFrameCPU opens the default link (train mode) and logs
// status().frameCpuMs — Go's time per frame in Update and Draw — once 90
// frames have been drawn. It asserts that the figure is published and
// plausible, not a speed: benchmarks, not tests, hold performance.
func TestFrameCPU(t *testing.T) {
	ctx := newBrowser(t)
	if state, _ := open(t, ctx, serve(t, bundleDir(t))); state != "ready" {
		t.Fatalf("state %q", state)
	}
	var st struct {
		Frames     int      `json:"frames"`
		FrameCPUMs *float64 `json:"frameCpuMs"`
		Mode       string   `json:"mode"`
	}
	deadline := time.Now().Add(90 * time.Second)
	for {
		if err := json.Unmarshal([]byte(eval[string](t, ctx, `window.propagate.status()`)), &st); err != nil {
			t.Fatal(err)
		}
		if st.Frames >= 90 || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond) // polling the page's state, not waiting out a time
	}
	if st.FrameCPUMs == nil {
		t.Fatal("status() has no frameCpuMs")
	}
	if ms := *st.FrameCPUMs; !(ms > 0) || math.IsInf(ms, 0) {
		t.Fatalf("frameCpuMs = %v after %d frames, want a positive time", ms, st.Frames)
	}
	t.Logf("frameCpuMs %.2f ms (mean of the last 30 frames) after %d frames, %s mode", *st.FrameCPUMs, st.Frames, st.Mode)
}
