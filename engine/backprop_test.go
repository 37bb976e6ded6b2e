package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
)

// randomBatch draws inputs in [-1, 1] and targets inside the output range.
func randomBatch(n *Net, size int, rng *rand.Rand) []Example {
	L := n.Layers()
	lo, hi := n.Acts[L].Range()
	batch := make([]Example, size)
	for e := range batch {
		x := make([]float64, n.Sizes[0])
		for i := range x {
			x[i] = 2*rng.Float64() - 1
		}
		y := make([]float64, n.Sizes[L])
		for i := range y {
			y[i] = lo + (hi-lo)*(0.1+0.8*rng.Float64())
		}
		batch[e] = Example{X: x, Y: y}
	}
	return batch
}

// params flattens every weight and bias of the net, in layer order, as views
// for the finite-difference check to perturb.
func params(n *Net) [][]float64 {
	var p [][]float64
	for k := 1; k <= n.Layers(); k++ {
		p = append(p, n.W[k].RawMatrix().Data, n.B[k].RawVector().Data)
	}
	return p
}

func updateParams(u *Update) [][]float64 {
	var p [][]float64
	for k := 1; k < len(u.DW); k++ {
		p = append(p, u.DW[k].RawMatrix().Data, u.DB[k].RawVector().Data)
	}
	return p
}

func batchLoss(n *Net, batch []Example, xent bool) float64 {
	s := n.NewScratch()
	var loss float64
	for _, ex := range batch {
		loss += exampleLoss(n.Predict(ex.X, s), ex.Y, xent)
	}
	return loss / float64(len(batch))
}

// TestBackpropMatchesFiniteDifferences checks the backprop update against
// central differences of the batch-mean loss, for several shapes and every
// activation.
func TestBackpropMatchesFiniteDifferences(t *testing.T) {
	// Central differences with step 1e-5 have truncation error ~h² and
	// roundoff ~ε/h ≈ 1e-11 on losses of order 1; 1e-6 relative leaves margin.
	const tol = 1e-6
	shapes := [][]int{{2, 1}, {2, 4, 2, 1}, {3, 5, 4}, {6, 5, 4, 3}, {4, 3, 3, 3, 2}}
	rng := rand.New(rand.NewPCG(1, 1))
	type tc struct {
		hidden, out Activation
		loss        string
	}
	var cases []tc
	for _, h := range Activations() {
		cases = append(cases, tc{h, Linear, "mse"}, tc{h, Tanh, "mse"}, tc{h, Sigmoid, "xent"})
	}
	for _, sizes := range shapes {
		for _, c := range cases {
			name := fmt.Sprintf("%v/%v-%v/%s", sizes, c.hidden, c.out, c.loss)
			t.Run(name, func(t *testing.T) {
				n := NewNet(sizes, c.hidden, c.out)
				if err := n.Init("fanin", rng); err != nil {
					t.Fatal(err)
				}
				// Biases off zero so ReLU and the hard sigmoid sit away from kinks.
				for k := 1; k <= n.Layers(); k++ {
					fillUniform(n.B[k].RawVector().Data, 0.3, rng)
				}
				batch := randomBatch(n, 5, rng)
				u := n.NewUpdate()
				NewBackprop(n, c.loss).Compute(batch, u, nil)

				var got, want []float64
				for _, p := range updateParams(u) {
					for _, v := range p {
						got = append(got, -v) // the update is the negative gradient
					}
				}
				for _, p := range params(n) {
					for i := range p {
						orig := p[i]
						d := fd.Derivative(func(w float64) float64 {
							p[i] = w
							return batchLoss(n, batch, c.loss == "xent")
						}, orig, &fd.Settings{Formula: fd.Central, Step: 1e-5})
						p[i] = orig
						want = append(want, d)
					}
				}
				diff := make([]float64, len(got))
				floats.SubTo(diff, got, want)
				if rel := floats.Norm(diff, 2) / math.Max(floats.Norm(want, 2), 1e-12); rel > tol {
					t.Errorf("relative error %.3g > %g\n got %v\nwant %v", rel, tol, got, want)
				}
			})
		}
	}
}

// TestBackpropTraceIsTheFirstExample: a trace records the batch's first
// example, so its forward activities are that example's forward pass, and
// its output error and δ of every layer are those of a batch of that example
// alone (δ does not depend on the rest of the batch). Holds the gathering of
// one example out of the batch's unit-major buffers, for bp, fa and dfa.
func TestBackpropTraceIsTheFirstExample(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	n := NewNet([]int{3, 5, 4, 2}, Tanh, Tanh)
	if err := n.Init("fanin", rng); err != nil {
		t.Fatal(err)
	}
	n.InitFeedback(rng)
	batch := randomBatch(n, 7, rng)
	s := n.NewScratch()
	n.Forward(batch[0].X, s.A, s.X)
	for _, mode := range []backMode{backTransposed, backFeedback, backDirect} {
		var full, alone Trace
		newBackward(n, "mse", mode, "bp").Compute(batch, n.NewUpdate(), &full)
		newBackward(n, "mse", mode, "bp").Compute(batch[:1], n.NewUpdate(), &alone)
		var units, fwd int
		for i, ev := range full.Events {
			if ev.Units == nil {
				continue
			}
			units++
			if !floats.Equal(ev.Units, alone.Events[i].Units) {
				t.Errorf("mode %d: event %d (%v, layer %d) = %v, the example alone gives %v", mode, i, ev.Kind, ev.Layer, ev.Units, alone.Events[i].Units)
			}
			if ev.Kind == EvForward {
				fwd++
				if !floats.Equal(ev.Units, s.X[ev.Layer]) {
					t.Errorf("mode %d: forward layer %d = %v, Forward gives %v", mode, ev.Layer, ev.Units, s.X[ev.Layer])
				}
			}
		}
		if fwd != n.Layers() || units != 2*n.Layers()+1 {
			t.Errorf("mode %d: %d unit events (%d forward), want %d (%d)", mode, units, fwd, 2*n.Layers()+1, n.Layers())
		}
	}
}

// TestBackpropIsTheExamplesOneByOne: the batched passes give, bit for bit,
// the update of the equations taken an example at a time with Net.Forward
// and Activation.Deriv — δ_L = (x_L − d) · f'(a_L) (x_L − d alone for
// cross-entropy), δ_k = (Mᵀ δ_{k+1}) · f'(a_k) with each sum from 0 over
// the units above in order, then each weight's −δ·x/batch summed over the
// examples in order — for every activation, every backward mode and both
// losses, so a fused pass (the output's δ with its derivative, tanh's
// derivative in the transposed product) cannot change a bit.
func TestBackpropIsTheExamplesOneByOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	for _, sizes := range [][]int{{2, 4, 2, 1}, {3, 5, 4, 2}, {2, 8, 8, 8, 1}} {
		for _, act := range Activations() {
			for _, mode := range []backMode{backTransposed, backFeedback, backDirect} {
				for _, loss := range []string{"mse", "xent"} {
					for _, rows := range []int{1, 7, 10} {
						n := NewNet(sizes, act, act)
						if err := n.Init("fanin", rng); err != nil {
							t.Fatal(err)
						}
						n.InitFeedback(rng)
						L := n.Layers()
						batch := randomBatch(n, rows, rng)
						got := n.NewUpdate()
						newBackward(n, loss, mode, "bp").Compute(batch, got, nil)

						want := n.NewUpdate()
						s := n.NewScratch()
						d := layerVectors(n.Sizes)
						scale := 1 / float64(rows)
						for _, ex := range batch {
							n.Forward(ex.X, s.A, s.X)
							for i := range d[L] {
								d[L][i] = s.X[L][i] - ex.Y[i]
								if loss == "mse" {
									d[L][i] *= n.Acts[L].Deriv(s.A[L][i], s.X[L][i])
								}
							}
							for k := L - 1; k >= 1; k-- {
								for j := range d[k] {
									v := 0.0
									switch mode {
									case backTransposed:
										for i := range d[k+1] {
											v += float64(n.W[k+1].At(i, j) * d[k+1][i])
										}
									case backFeedback:
										for i := range d[k+1] {
											v += float64(n.Feedback[k+1].At(i, j) * d[k+1][i])
										}
									case backDirect:
										for i := range d[L] {
											v += float64(n.DirectFeedback[k].At(j, i) * d[L][i])
										}
									}
									d[k][j] = v * n.Acts[k].Deriv(s.A[k][j], s.X[k][j])
								}
							}
							for k := 1; k <= L; k++ {
								for i, di := range d[k] {
									g := float64(-di * scale)
									want.DB[k].vec.Data[i] += g
									for j, x := range s.X[k-1] {
										want.DW[k].mat.Data[i*n.Sizes[k-1]+j] += float64(g * x)
									}
								}
							}
						}
						for k := 1; k <= L; k++ {
							what := fmt.Sprintf("%v %v mode %d %s batch %d layer %d", sizes, act, mode, loss, rows, k)
							sameBits(t, what+" weights", got.DW[k].mat.Data, want.DW[k].mat.Data)
							sameBits(t, what+" biases", got.DB[k].vec.Data, want.DB[k].vec.Data)
						}
					}
				}
			}
		}
	}
}
