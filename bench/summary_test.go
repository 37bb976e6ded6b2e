// Package bench holds make bench's scripts (run.sh, jsbench.js, summary.js)
// and this test of the summary's arithmetic: the ratios the README quotes
// come from it.
package bench

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writeRuns writes one `learn -bench -json` file per repetition: values[k]
// holds the repetitions of case k (examples/s, or ms for a heatmap).
func writeRuns(t *testing.T, dir, prefix string, cases [][3]string, values [][]float64) {
	t.Helper()
	for rep := range values[0] {
		var rows []map[string]any
		for k, c := range cases {
			row := map[string]any{"setup": c[0], "job": c[1], "rule": c[2], "calls": 1, "seconds": 1.0}
			if c[1] == "heatmap" {
				row["msPerRefresh"] = values[k][rep]
			} else {
				row["examplesPerSec"] = values[k][rep]
			}
			rows = append(rows, row)
		}
		doc, err := json.Marshal(map[string]any{"bench": rows, "go": "go1.test", "secondsPerCase": 1, "warmSteps": 2000})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, prefix+"-"+string(rune('1'+rep))+".json"), doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func summarize(t *testing.T, jsLines []string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is required (scripts/deps.sh test installs it)")
		}
		t.Skip("node not installed")
	}
	dir := t.TempDir()
	cases := [][3]string{{"default", "train", "bp"}, {"default", "train", "chl"}, {"default", "heatmap", "bp"}, {"spiral", "epoch", "bp"}}
	writeRuns(t, dir, "wasm", cases, [][]float64{{4e6, 6e6, 5e6}, {1e6, 0.9e6, 0.8e6}, {0.5, 0.7, 0.6}, {0.6e6, 0.6e6, 0.6e6}})
	writeRuns(t, dir, "native", cases, [][]float64{{9e6, 9e6, 9e6}, {1e6, 1e6, 1e6}, {0.3, 0.3, 0.3}, {1e6, 1e6, 1e6}})
	if err := os.WriteFile(filepath.Join(dir, "js.jsonl"), []byte(strings.Join(jsLines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "summary.js", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("summary.js: %v\n%s", err, out)
	}
	return string(out)
}

// check fails t unless the summary holds every wanted text and its table
// row starting with prefix ends with suffix.
func check(t *testing.T, summary string, want []string, prefix, suffix string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(summary, w) {
			t.Errorf("summary lacks %q:\n%s", w, summary)
		}
	}
	for _, l := range strings.Split(summary, "\n") {
		if strings.HasPrefix(l, prefix) {
			if !strings.HasSuffix(l, suffix) {
				t.Errorf("row %q does not end with %q", l, suffix)
			}
			return
		}
	}
	t.Errorf("no row %q in\n%s", prefix, summary)
}

// TestSummaryDividesByTFPlaygroundTimedInTheSameRun: with TF Playground's
// rows in js.jsonl, its medians are the column the ratios divide by (a rate
// over its rate, its time over a heatmap's time), and the goals are judged
// on them.
func TestSummaryDividesByTFPlaygroundTimedInTheSameRun(t *testing.T) {
	s := summarize(t, []string{
		`{"engine":"tfp","version":"nn.ts","setup":"default","job":"train","reps":[2e6]}`, // a repetition a row: they pool
		`{"engine":"tfp","version":"nn.ts","setup":"default","job":"train","reps":[3e6,2.5e6]}`,
		`{"engine":"tfp","version":"nn.ts","setup":"default","job":"heatmap","reps":[2.4,2.4,2.4]}`,
		`{"engine":"tfp","version":"nn.ts","setup":"spiral","job":"epoch","reps":[0.5e6,0.5e6,0.5e6]}`,
		`{"engine":"convnetjs","version":"0.3.0","setup":"default","job":"train","reps":[1e6,1e6,1e6]}`,
	})
	check(t, s, []string{
		"TF Playground (nn.ts, this run)",
		"| default | train | bp | **5.00 M (4.00 M–6.00 M)** |",
		"| 2.50 M (2.00 M–3.00 M) | 2.00× |", // 5 M ÷ 2.5 M
		"| 2.40 ms (2.40–2.40) | 4.00× |",    // 2.4 ms ÷ 0.6 ms
		"| 500 k (500 k–500 k) | 1.20× |",    // 0.6 M ÷ 0.5 M
		"default train: 2.00× (met)", "spiral epoch: 1.20× (not met)",
		"CHL step ÷ BP step: 5.56× in wasm", // 5 M ÷ 0.9 M
		"convnetjs 0.3.0",
	}, "| default | train | chl |", "| — | — |") // no TF Playground figure for CHL
}

// TestSummaryWithoutTFPlaygroundSaysMeasuredElsewhere: without its rows the
// ratios divide by issue 11's figures, and the summary says where they came
// from.
func TestSummaryWithoutTFPlaygroundSaysMeasuredElsewhere(t *testing.T) {
	s := summarize(t, nil)
	check(t, s, []string{
		"TF Playground (measured elsewhere)",
		"| 1.69 M | 2.96× |",  // 5 M ÷ 1.69 M
		"| 3.20 ms | 5.33× |", // 3.2 ms ÷ 0.6 ms
		"give run.sh TFP_NN=",
	}, "| spiral | epoch | bp |", "| — | — |") // none measured elsewhere for the spiral's epoch
}
