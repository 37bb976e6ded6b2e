package main

import (
	"encoding/json"
	"strings"
	"testing"

	"propagate/engine"
)

// TestBenchJSON: DESIGN.md's shape, one row per engine.BenchCases entry,
// examplesPerSec on the loops and msPerRefresh on the heatmaps, never both.
// (It checks the shape and that time was measured, never a speed.)
func TestBenchJSON(t *testing.T) {
	out, errOut, code := learn(t, "-bench", "-seconds", "0.02", "-json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Bench []map[string]any `json:"bench"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bench JSON: %v\n%s", err, out)
	}
	if len(got.Bench) != len(engine.BenchCases) {
		t.Fatalf("%d rows, want %d:\n%s", len(got.Bench), len(engine.BenchCases), out)
	}
	for i, row := range got.Bench {
		c := engine.BenchCases[i]
		if row["setup"] != c.Setup || row["job"] != c.Job || row["rule"] != c.Rule {
			t.Errorf("row %d is %v, want %+v", i, row, c)
		}
		rate, hasRate := row["examplesPerSec"].(float64)
		ms, hasMs := row["msPerRefresh"].(float64)
		if wantMs := c.Job == engine.BenchHeatmap; hasMs != wantMs || hasRate == wantMs {
			t.Errorf("row %v: want exactly one of examplesPerSec and msPerRefresh (msPerRefresh for heatmaps)", row)
		}
		if sec, _ := row["seconds"].(float64); sec < 0.02 || !(rate > 0 || ms > 0) {
			t.Errorf("row %v: timed %vs (asked 0.02s)", row, sec)
		}
	}
	for _, s := range engine.BenchSetups {
		if !strings.Contains(out, `"setup": "`+s.Name+`"`) {
			t.Errorf("no row for setup %s", s.Name)
		}
	}
}

func TestBenchUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-bench", "-seconds", "0"},
		{"-bench", "-seconds", "-1"},
		{"-bench", "-seconds", "NaN"},
		{"-bench", "-seconds", "1e9"},
		{"-bench", "-table"},
		{"-bench", "-equivalence"},
	} {
		if _, errOut, code := learn(t, args...); code != exitUsage || errOut == "" {
			t.Errorf("learn %v: exit %d, stderr %q; want exit 2 and a message", args, code, errOut)
		}
	}
}
