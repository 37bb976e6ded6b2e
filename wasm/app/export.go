package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"propagate/engine"
)

// Exports: a PNG of the canvas, a CSV of the loss history, a JSON of the
// settings and the current weights. Importing that JSON restores the state:
// the page loads its link, replays to its step (which also puts the batch
// order and the step count where they were) and then sets the weights from
// the file, so even weights learned under settings changed along the way
// come back exactly. Everything in a file is checked before anything
// changes; a bad file leaves the page as it was.

// stateFormat names the JSON export; stateVersion is its version.
const (
	stateFormat  = "propagate-state"
	stateVersion = 1
	maxWeight    = 1e6 // beyond this a weight is a diverged run, not a state
)

// StateFile is the JSON export.
type StateFile struct {
	Format  string       `json:"format"`
	Version int          `json:"version"`
	Link    string       `json:"link"` // the settings, with the step
	Step    int          `json:"step"`
	Runs    []RunWeights `json:"runs"`
}

// RunWeights is one run's net: for each layer k = 1..L, W_k as rows (one
// per unit of layer k, one column per unit of layer k−1) and b_k.
type RunWeights struct {
	Rule    string        `json:"rule"`
	Sizes   []int         `json:"sizes"`
	Weights [][][]float64 `json:"weights"`
	Biases  [][]float64   `json:"biases"`
}

// importedState is a checked StateFile, waiting for its replay.
type importedState struct {
	Link     string
	Step     int
	Runs     []RunWeights
	Warnings []string
}

// exportRequest is an export the page asked for, made by the game on its
// next frame (the runs and the screen belong to the game loop).
type exportRequest struct {
	kind string // png, csv, json
	done func(name, mime string, data []byte, err error)
}

// exportKinds are the exports RequestExport knows.
var exportKinds = []string{"png", "csv", "json"}

// RequestExport queues an export for the game's next frame.
func (a *App) RequestExport(kind string, done func(name, mime string, data []byte, err error)) {
	known := false
	for _, k := range exportKinds {
		known = known || k == kind
	}
	if !known {
		done("", "", nil, fmt.Errorf("export: want one of %s, got %q", strings.Join(exportKinds, ", "), kind))
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.exports = append(a.exports, exportRequest{kind, done})
}

// TakeExports returns (and clears) the queued exports.
func (a *App) TakeExports() []exportRequest {
	a.mu.Lock()
	defer a.mu.Unlock()
	e := a.exports
	a.exports = nil
	return e
}

// exportName is a file name for an export of cfg at step.
func exportName(cfg engine.Config, step int, ext string) string {
	return fmt.Sprintf("propagate-%s-%s-%s-step%d.%s", cfg.Rules[0], cfg.Rules[1], cfg.Dataset, step, ext)
}

// exportState is the JSON export of runs under cfg.
func exportState(cfg engine.Config, runs []*engine.Run) ([]byte, error) {
	step := 0
	f := StateFile{Format: stateFormat, Version: stateVersion}
	for _, r := range runs {
		step = max(step, r.StepCount())
		rw := RunWeights{Rule: r.RuleName, Sizes: append([]int(nil), r.Net.Sizes...)}
		for k := 1; k <= r.Net.Layers(); k++ {
			w, b := r.Net.W[k], r.Net.B[k]
			rows, cols := w.Dims()
			layer := make([][]float64, rows)
			bias := make([]float64, rows)
			for i := range rows {
				layer[i] = make([]float64, cols)
				for j := range cols {
					v := w.At(i, j)
					if math.IsNaN(v) || math.IsInf(v, 0) {
						return nil, fmt.Errorf("the %s run has diverged (its weights are not numbers); nothing to export", r.RuleName)
					}
					layer[i][j] = v
				}
				bias[i] = b.AtVec(i)
				if math.IsNaN(bias[i]) || math.IsInf(bias[i], 0) {
					return nil, fmt.Errorf("the %s run has diverged (its biases are not numbers); nothing to export", r.RuleName)
				}
			}
			rw.Weights = append(rw.Weights, layer)
			rw.Biases = append(rw.Biases, bias)
		}
		f.Runs = append(f.Runs, rw)
	}
	cfg.Step = step
	f.Link, f.Step = cfg.Link(), step
	return json.MarshalIndent(f, "", " ")
}

// parseState checks a JSON export through and through: its format, its
// link (decoded by the link codec, whose warnings come along), that its
// runs are the link's rules with the link's net sizes, and every number.
func parseState(data []byte) (*importedState, error) {
	// Size and shape first, keeping nothing: decoding materialises every
	// array it meets (a 7.5 MB file of arrays took 538 MB to refuse).
	if err := engine.CheckJSONShape(data, engine.StateLimits()); err != nil {
		return nil, fmt.Errorf("%v: not a Propagate export", err)
	}
	var f StateFile
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, fmt.Errorf("the file is not JSON (at byte %d: %v)", syn.Offset, err)
		case errors.As(err, &typ):
			return nil, fmt.Errorf("%s has the wrong type (%s, want %s)", typ.Field, typ.Value, typ.Type)
		}
		return nil, fmt.Errorf("the file is not JSON: %v", err)
	}
	if f.Format != stateFormat {
		return nil, fmt.Errorf("format is %q, want %q: not a Propagate weights export", cut(f.Format), stateFormat)
	}
	if f.Version != stateVersion {
		return nil, fmt.Errorf("version %d is not %d", f.Version, stateVersion)
	}
	cfg, warnings := engine.DecodeLink(f.Link)
	if f.Step != cfg.Step {
		return nil, fmt.Errorf("step %d disagrees with the link's step %d", f.Step, cfg.Step)
	}
	runs, err := engine.NewRuns(cfg)
	if err != nil {
		return nil, fmt.Errorf("its settings cannot be run: %v", err)
	}
	if len(f.Runs) != len(runs) {
		return nil, fmt.Errorf("it has %d runs, want %d (%s)", len(f.Runs), len(runs), strings.Join(cfg.Rules[:], ", "))
	}
	for i, rw := range f.Runs {
		r := runs[i]
		if rw.Rule != r.RuleName {
			return nil, fmt.Errorf("run %d is %q, but the link's rules are %s", i+1, cut(rw.Rule), strings.Join(cfg.Rules[:], ","))
		}
		if !equalInts(rw.Sizes, r.Net.Sizes) {
			return nil, fmt.Errorf("run %d (%s) has sizes %v, the link's net has %v", i+1, rw.Rule, rw.Sizes, r.Net.Sizes)
		}
		L := r.Net.Layers()
		if len(rw.Weights) != L || len(rw.Biases) != L {
			return nil, fmt.Errorf("run %d (%s) has %d weight and %d bias layers, want %d", i+1, rw.Rule, len(rw.Weights), len(rw.Biases), L)
		}
		for k := 1; k <= L; k++ {
			rows, cols := r.Net.W[k].Dims()
			w, b := rw.Weights[k-1], rw.Biases[k-1]
			if len(w) != rows || len(b) != rows {
				return nil, fmt.Errorf("run %d (%s) layer %d has %d rows and %d biases, want %d", i+1, rw.Rule, k, len(w), len(b), rows)
			}
			for j, row := range w {
				if len(row) != cols {
					return nil, fmt.Errorf("run %d (%s) layer %d row %d has %d weights, want %d", i+1, rw.Rule, k, j+1, len(row), cols)
				}
				if err := checkWeights(row); err != nil {
					return nil, fmt.Errorf("run %d (%s) layer %d: %v", i+1, rw.Rule, k, err)
				}
			}
			if err := checkWeights(b); err != nil {
				return nil, fmt.Errorf("run %d (%s) layer %d biases: %v", i+1, rw.Rule, k, err)
			}
		}
	}
	return &importedState{Link: cfg.Link(), Step: cfg.Step, Runs: f.Runs, Warnings: warnings}, nil
}

func checkWeights(xs []float64) error {
	for _, v := range xs {
		if !(math.Abs(v) <= maxWeight) {
			return fmt.Errorf("weight %s is outside ±%g", strconv.FormatFloat(v, 'g', 6, 64), maxWeight)
		}
	}
	return nil
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// cut shortens a value from a file for a message.
func cut(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// applyWeights sets the runs' weights from a checked state.
func applyWeights(runs []*engine.Run, st *importedState) error {
	if len(runs) != len(st.Runs) {
		return fmt.Errorf("import: %d runs on the page, %d in the file", len(runs), len(st.Runs))
	}
	for i, r := range runs {
		rw := st.Runs[i]
		if !equalInts(rw.Sizes, r.Net.Sizes) {
			return fmt.Errorf("import: run %d has sizes %v, the page's %v", i+1, rw.Sizes, r.Net.Sizes)
		}
		for k := 1; k <= r.Net.Layers(); k++ {
			for row, ws := range rw.Weights[k-1] {
				for col, v := range ws {
					r.Net.W[k].Set(row, col, v)
				}
				r.Net.B[k].SetVec(row, rw.Biases[k-1][row])
			}
		}
	}
	return nil
}

// lossCSV is the runs' recorded history, one row per run and record.
func lossCSV(runs []*engine.Run) []byte {
	var b bytes.Buffer
	b.WriteString("rule,step,epoch,loss,testLoss,trainAcc,testAcc,diverged\n")
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, r := range runs {
		for _, m := range r.History() {
			fmt.Fprintf(&b, "%s,%d,%d,%s,%s,%s,%s,%t\n", r.RuleName, m.Step, m.Epoch, f(m.Loss), f(m.TestLoss), f(m.TrainAcc), f(m.TestAcc), m.Diverged)
		}
	}
	return b.Bytes()
}
