package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
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
	maxStateSize = 8 << 20 // bytes; the largest net's weights take ~100 KB
	maxWeight    = 1e6     // beyond this a weight is a diverged run, not a state
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
		v := r.View()
		step = max(step, v.Step())
		rw := RunWeights{Rule: v.Rule(), Sizes: v.Sizes()}
		for k := 1; k <= v.Layers(); k++ {
			layer := make([][]float64, v.Units(k))
			bias := v.Biases(k, nil)
			for i := range layer {
				layer[i] = make([]float64, v.Units(k-1))
				for j := range layer[i] {
					x := v.Weight(k, i, j)
					if math.IsNaN(x) || math.IsInf(x, 0) {
						return nil, fmt.Errorf("the %s run has diverged (its weights are not numbers); nothing to export", v.Rule())
					}
					layer[i][j] = x
				}
				if math.IsNaN(bias[i]) || math.IsInf(bias[i], 0) {
					return nil, fmt.Errorf("the %s run has diverged (its biases are not numbers); nothing to export", v.Rule())
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
		v := runs[i].View()
		if rw.Rule != v.Rule() {
			return nil, fmt.Errorf("run %d is %q, but the link's rules are %s", i+1, cut(rw.Rule), strings.Join(cfg.Rules[:], ","))
		}
		if !slices.Equal(rw.Sizes, v.Sizes()) {
			return nil, fmt.Errorf("run %d (%s) has sizes %v, the link's net has %v", i+1, rw.Rule, rw.Sizes, v.Sizes())
		}
		// SetWeights checks every shape and number before it writes; a
		// fresh run of the link takes them or says what is wrong.
		if err := runs[i].SetWeights(rw.Weights, rw.Biases); err != nil {
			return nil, fmt.Errorf("run %d (%s) %v", i+1, rw.Rule, err)
		}
	}
	return &importedState{Link: cfg.Link(), Step: cfg.Step, Runs: f.Runs, Warnings: warnings}, nil
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
		if !slices.Equal(rw.Sizes, r.View().Sizes()) {
			return fmt.Errorf("import: run %d has sizes %v, the page's %v", i+1, rw.Sizes, r.View().Sizes())
		}
		if err := r.SetWeights(rw.Weights, rw.Biases); err != nil {
			return fmt.Errorf("import: run %d: %v", i+1, err)
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
		for _, m := range r.View().History() {
			fmt.Fprintf(&b, "%s,%d,%d,%s,%s,%s,%s,%t\n", r.View().Rule(), m.Step, m.Epoch, f(m.Loss), f(m.TestLoss), f(m.TrainAcc), f(m.TestAcc), m.Diverged)
		}
	}
	return b.Bytes()
}
