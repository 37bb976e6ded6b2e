package engine

import (
	"fmt"
	"math"
	"slices"
)

// RunView is a read-only view of a run: what the scenes draw and the page
// reports (sizes, activations, weights, biases, metrics, history, the
// settings in force), as emer's Layer is the minimal interface a
// visualisation needs. It copies nothing until asked and reads the run as
// it is now; nothing it returns writes back into the run. Taking steps,
// retuning and importing weights stay methods of Run.
type RunView struct{ r *Run }

// View returns the run's read-only view.
func (r *Run) View() RunView { return RunView{r} }

// Rule is the rule's name in links.
func (v RunView) Rule() string { return v.r.ruleName }

// Spec is the rule's registry entry.
func (v RunView) Spec() RuleSpec { return RuleOf(v.r.ruleName) }

// Sizes returns the units per layer, input first (a copy).
func (v RunView) Sizes() []int { return slices.Clone(v.r.net.Sizes) }

// Layers is the number of weight layers L (sizes has L+1 entries).
func (v RunView) Layers() int { return v.r.net.Layers() }

// Units is the number of units of layer k.
func (v RunView) Units(k int) int { return v.r.net.Sizes[k] }

// Activation is layer k's activation (k ≥ 1).
func (v RunView) Activation(k int) Activation { return v.r.net.Acts[k] }

// OutputRange is the range the targets are mapped into: the output
// activation's, or [−1, 1] for regression.
func (v RunView) OutputRange() (lo, hi float64) { return v.r.outLo, v.r.outHi }

// Weight is W_k[i][j], from unit j of layer k−1 to unit i of layer k.
func (v RunView) Weight(k, i, j int) float64 { return v.r.net.W[k].At(i, j) }

// Bias is b_k[i].
func (v RunView) Bias(k, i int) float64 { return v.r.net.B[k].AtVec(i) }

// Weights appends W_k row-major to dst[:0] and returns it: with a dst kept
// between frames it allocates nothing.
func (v RunView) Weights(k int, dst []float64) []float64 {
	raw := v.r.net.W[k].RawMatrix()
	dst = dst[:0]
	for i := 0; i < raw.Rows; i++ {
		dst = append(dst, raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols]...)
	}
	return dst
}

// Biases appends b_k to dst[:0] and returns it.
func (v RunView) Biases(k int, dst []float64) []float64 {
	return append(dst[:0], v.r.net.B[k].RawVector().Data[:v.r.net.Sizes[k]]...)
}

// AllWeights returns a copy of every W_k row-major, indexed by k (index 0
// is nil).
func (v RunView) AllWeights() [][]float64 {
	w := make([][]float64, len(v.r.net.Sizes))
	for k := 1; k < len(w); k++ {
		w[k] = v.Weights(k, nil)
	}
	return w
}

// Step is the number of weight updates made so far.
func (v RunView) Step() int { return v.r.step }

// Epoch is the number of whole passes over the training set so far.
func (v RunView) Epoch() int { return v.r.Epoch() }

// Diverged reports whether the run stopped itself, and why.
func (v RunView) Diverged() (bool, string) { return v.r.Diverged() }

// Metrics computes loss and accuracy on the whole training and test sets.
func (v RunView) Metrics() Metrics { return v.r.Metrics() }

// History returns the recorded metrics, oldest first (a copy).
func (v RunView) History() []Metrics { return slices.Clone(v.r.History()) }

// Report is the run as status() and the CLI report it.
func (v RunView) Report() RunReport { return v.r.Report() }

// Config returns the settings the run started with, with the change list.
func (v RunView) Config() Config { return v.r.config.Clone() }

// Now returns the settings in force at the run's current step: what its
// next update uses.
func (v RunView) Now() Config { return v.r.now.Clone() }

// Regression reports whether the targets are numbers, not classes.
func (v RunView) Regression() bool { return v.r.data.Regression }

// Plane reports whether the data are points of the plane, drawable as a
// heatmap.
func (v RunView) Plane() bool { return v.r.data.Plane }

// DatasetName is the name of the run's dataset (custom for own points).
func (v RunView) DatasetName() string { return v.r.data.Name }

// Points returns a plane dataset's points, training then test, in label
// units (nil when the data are not points of the plane): DatasetPoints of
// the run's data.
func (v RunView) Points() []Point { return DatasetPoints(v.r.data) }

// Net returns a copy of the run's net as it is now: changing it changes
// nothing of the run (weights go in through Run.SetWeights).
func (v RunView) Net() *Net { return v.r.net.Clone() }

// Train returns the training examples, targets in output units. The
// examples are shared: nothing may write to them.
func (v RunView) Train() []Example { return v.r.train }

// Test returns the test examples, shared as Train's.
func (v RunView) Test() []Example { return v.r.test }

// NewHeatmap prepares grids of the net's answers over the plane for the
// run's features (Run.RefreshHeatmap fills them).
func (v RunView) NewHeatmap(res, unitRes int) *Heatmap {
	return NewHeatmap(v.r.net, v.r.config.Features, res, unitRes)
}

func (c Config) Clone() Config {
	c.Features = slices.Clone(c.Features)
	c.NetworkShape = slices.Clone(c.NetworkShape)
	c.Changes = slices.Clone(c.Changes)
	c.Points = slices.Clone(c.Points)
	return c
}

// MaxWeight bounds a weight or bias given to SetWeights: beyond it a weight
// is a diverged run, not a state.
const MaxWeight = 1e6

// SetWeights replaces the net's weights and biases: w[k-1][i][j] is
// W_k[i][j] and b[k-1][i] is b_k[i], for k = 1..L. Every shape and every
// number is checked before anything is written, and nothing is allocated:
// on an error the run is as it was.
func (r *Run) SetWeights(w [][][]float64, b [][]float64) error {
	n := r.net
	L := n.Layers()
	if len(w) != L || len(b) != L {
		return fmt.Errorf("has %d weight and %d bias layers, want %d", len(w), len(b), L)
	}
	for k := 1; k <= L; k++ {
		rows, cols := n.Sizes[k], n.Sizes[k-1]
		wk, bk := w[k-1], b[k-1]
		if len(wk) != rows || len(bk) != rows {
			return fmt.Errorf("layer %d has %d rows and %d biases, want %d", k, len(wk), len(bk), rows)
		}
		for i, row := range wk {
			if len(row) != cols {
				return fmt.Errorf("layer %d row %d has %d weights, want %d", k, i+1, len(row), cols)
			}
			if err := checkImported(row); err != nil {
				return fmt.Errorf("layer %d: %v", k, err)
			}
		}
		if err := checkImported(bk); err != nil {
			return fmt.Errorf("layer %d biases: %v", k, err)
		}
	}
	for k := 1; k <= L; k++ {
		for i, row := range w[k-1] {
			for j, x := range row {
				n.W[k].Set(i, j, x)
			}
			n.B[k].SetVec(i, b[k-1][i])
		}
	}
	return nil
}

func checkImported(xs []float64) error {
	for _, v := range xs {
		if !(math.Abs(v) <= MaxWeight) { // NaN fails too
			return fmt.Errorf("weight %.6g is outside ±%g", v, MaxWeight)
		}
	}
	return nil
}

// recordApplied copies into tr the settings in force and the weights, before
// the update (after false) or after it.
func (r *Run) recordApplied(tr *Trace, after bool) {
	a := &tr.Applied
	ws, bs := &a.WeightsBefore, &a.BiasesBefore
	if after {
		ws, bs = &a.WeightsAfter, &a.BiasesAfter
	} else {
		a.LearningRate, a.Regularization, a.RegularizationRate = r.now.LearningRate, r.now.Regularization, r.now.RegularizationRate
	}
	n := len(r.net.Sizes)
	for len(*ws) < n {
		*ws = append(*ws, nil)
	}
	for len(*bs) < n {
		*bs = append(*bs, nil)
	}
	*ws, *bs = (*ws)[:n], (*bs)[:n]
	v := r.View()
	for k := 1; k < n; k++ {
		(*ws)[k] = v.Weights(k, (*ws)[k])
		(*bs)[k] = v.Biases(k, (*bs)[k])
	}
}
