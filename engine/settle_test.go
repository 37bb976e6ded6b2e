package engine

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// asMat views d as a gonum matrix, for mat's comparisons.
func asMat(d *Dense) *mat.Dense {
	r := d.RawMatrix()
	return mat.NewDense(r.Rows, r.Cols, r.Data)
}

// residual is the largest |x_k − f_k(W_k x_{k−1} + γ F_{k+1} x_{k+1} + b_k)|
// over the moving layers of a settled state: zero at a fixed point of
// Xie & Seung's eq. 2.1.
func residual(n *Net, x []*Dense, gamma float64, clamped, random bool) float64 {
	L := n.Layers()
	top := L
	if clamped {
		top = L - 1
	}
	_, rows := x[0].Dims()
	var worst float64
	for e := 0; e < rows; e++ {
		for k := 1; k <= top; k++ {
			for i := 0; i < n.Sizes[k]; i++ {
				u := n.B[k].AtVec(i)
				for j := 0; j < n.Sizes[k-1]; j++ {
					u += n.W[k].At(i, j) * x[k-1].At(j, e)
				}
				if k < L {
					fb := n.W[k+1]
					if random {
						fb = n.Feedback[k+1]
					}
					for j := 0; j < n.Sizes[k+1]; j++ {
						u += gamma * fb.At(j, i) * x[k+1].At(j, e)
					}
				}
				worst = math.Max(worst, math.Abs(x[k].At(i, e)-n.Acts[k].Apply(u)))
			}
		}
	}
	return worst
}

// TestSettleFixedPoint: every variant of the routine reaches the same fixed
// point of eq. 2.1 — Gauss–Seidel or Jacobi, dt 1 or 0.5, clamped or free
// phase first, leaky or projected steps — and reports convergence honestly.
func TestSettleFixedPoint(t *testing.T) {
	const (
		tol = 1e-13
		// Near a contracting fixed point the distance to it is at most
		// tol·q/(1−q) for contraction q; 1e-11 allows q up to 0.99.
		fixedTol = 1e-11
	)
	for _, act := range []Activation{Tanh, HardSigmoid} {
		n, batch := equivalenceNet(t, 4)
		for k := 1; k <= n.Layers(); k++ {
			n.Acts[k] = act
		}
		n.InitFeedback(nil2rng())
		base := SettleParams{Gamma: 0.5, Dt: 1, Tol: tol, MaxIters: 5000, ClampedFirst: true}
		variants := map[string]func(*SettleParams){
			"gauss-seidel":    func(*SettleParams) {},
			"jacobi":          func(p *SettleParams) { p.Jacobi = true },
			"dt=0.5":          func(p *SettleParams) { p.Dt = 0.5 },
			"free-first":      func(p *SettleParams) { p.ClampedFirst = false },
			"projected":       func(p *SettleParams) { p.Dynamics = Projected },
			"random-feedback": func(p *SettleParams) { p.RandomFeedback = true },
		}
		var ref *Settler
		for _, name := range []string{"gauss-seidel", "jacobi", "dt=0.5", "free-first", "projected", "random-feedback"} {
			if name == "projected" && act != HardSigmoid {
				continue // a projected step needs an activation that is a projection
			}
			p := base
			variants[name](&p)
			s := NewSettler(n, p)
			s.Settle(batch, PhaseClamped, nil)
			t.Logf("%v %-15s free %d iterations, clamped %d", act, name, s.Stats.FreeIters, s.Stats.PlusIters)
			if !s.Stats.FreeConverged || !s.Stats.PlusConverged {
				t.Fatalf("%v %s: did not converge: %+v", act, name, s.Stats)
			}
			if r := residual(n, s.Free, p.Gamma, false, p.RandomFeedback); r > fixedTol {
				t.Errorf("%v %s: free state is off the fixed point by %.3g", act, name, r)
			}
			if r := residual(n, s.Plus, p.Gamma, true, p.RandomFeedback); r > fixedTol {
				t.Errorf("%v %s: clamped state is off the fixed point by %.3g", act, name, r)
			}
			if !mat.Equal(asMat(s.Plus[n.Layers()]), asMat(s.target)) {
				t.Errorf("%v %s: the clamped output is not the target", act, name)
			}
			if p.RandomFeedback {
				continue // another network, another fixed point
			}
			if ref == nil {
				ref = s
				continue
			}
			for k := 1; k <= n.Layers(); k++ {
				if !mat.EqualApprox(asMat(s.Free[k]), asMat(ref.Free[k]), fixedTol) || !mat.EqualApprox(asMat(s.Plus[k]), asMat(ref.Plus[k]), fixedTol) {
					t.Errorf("%v %s: layer %d settles elsewhere than Gauss–Seidel", act, name, k)
				}
			}
		}
		// A cap too small to converge is reported as such.
		p := base
		p.MaxIters = 1
		s := NewSettler(n, p)
		s.Settle(batch, PhaseClamped, nil)
		if s.Stats.FreeConverged || s.Stats.PlusConverged || s.Stats.FreeIters != 1 {
			t.Errorf("%v: one iteration reported as converged: %+v", act, s.Stats)
		}
	}
}

func nil2rng() *rand.Rand { return newRNG(1, 1) }

// TestSettleNudgedFixedPoint: the nudged phase's fixed point is
// x_L = f(u_L + 2β(d − x_L)), the stationary point of F = E + β‖x_L − d‖².
func TestSettleNudgedFixedPoint(t *testing.T) {
	const beta, tol = 0.5, 1e-12
	for _, dyn := range []Dynamics{Leaky, Projected} {
		n, batch := equivalenceNet(t, 5)
		act := Tanh
		if dyn == Projected {
			act = HardSigmoid
		}
		for k := 1; k <= n.Layers(); k++ {
			n.Acts[k] = act
		}
		s := NewSettler(n, SettleParams{Gamma: 1, Beta: beta, Dt: 1, Tol: 1e-14, MaxIters: 10000, Dynamics: dyn})
		s.Settle(batch, PhaseNudged, nil)
		if !s.Stats.PlusConverged {
			t.Fatalf("%v: nudged phase did not converge", dyn)
		}
		L := n.Layers()
		for e, ex := range batch {
			for i := range ex.Y {
				u := n.B[L].AtVec(i)
				for j := 0; j < n.Sizes[L-1]; j++ {
					u += n.W[L].At(i, j) * s.Plus[L-1].At(j, e)
				}
				x := s.Plus[L].At(i, e)
				if r := x - act.Apply(u+2*beta*(ex.Y[i]-x)); math.Abs(r) > tol {
					t.Errorf("%v: example %d output %d off the nudged fixed point by %.3g", dyn, e, i, r)
				}
			}
		}
	}
}

// TestSettleTraceThinning: a long settle records every iteration up to
// traceDense, then every traceEvery-th, and always the last.
func TestSettleTraceThinning(t *testing.T) {
	n, batch := equivalenceNet(t, 6)
	const iters = 137
	s := NewSettler(n, SettleParams{Gamma: 0.5, Dt: 0.01, Tol: 0, MaxIters: iters, ClampedFirst: true})
	tr := new(Trace)
	s.Settle(batch, PhaseClamped, tr)
	var free []int
	for _, e := range tr.Events {
		if e.Kind == EvFreeIter {
			free = append(free, e.Iter)
		}
	}
	var want []int
	for i := 0; i <= iters; i++ {
		if i <= traceDense || i%traceEvery == 0 || i == iters {
			want = append(want, i)
		}
	}
	if len(free) != len(want) {
		t.Fatalf("recorded free iterations %v, want %v", free, want)
	}
	for i := range want {
		if free[i] != want[i] {
			t.Fatalf("recorded free iterations %v, want %v", free, want)
		}
	}
}

// TestFarther: the largest move, kept as bits, is the largest |v − o| by
// float compares, a NaN move (NaN state, or ∞ − ∞) left out.
func TestFarther(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 0.25, -0.25, 1e-300, -3, 7, math.Inf(1), math.Inf(-1), math.NaN()}
	for _, m0 := range []float64{0, 1e-9, 0.5, 4, math.Inf(1)} {
		for _, o := range vals {
			for _, v := range vals {
				want := m0
				if d := math.Abs(v - o); d > want {
					want = d
				}
				if got := math.Float64frombits(farther(math.Float64bits(m0), o, v)); math.Float64bits(got) != math.Float64bits(want) {
					t.Errorf("farther(%v, %v, %v) = %v, want %v", m0, o, v, got, want)
				}
			}
		}
	}
}

// TestRelaxReportsANaNUnit: a relaxation step returns NaN when a unit
// became NaN (a NaN drive, or a unit at ±∞ whose step is ∞ − ∞), under
// either dynamics, and otherwise the largest move, which ±∞ may be.
func TestRelaxReportsANaNUnit(t *testing.T) {
	for _, dyn := range []Dynamics{Leaky, Projected} {
		for _, c := range []struct {
			name         string
			state, drive float64 // unit 2's; the others are finite
			nan          bool
		}{
			{"finite", 0.5, 0.25, false},
			{"drive at +∞", 0.5, math.Inf(1), false}, // the unit goes to +∞: a move, not a NaN
			{"NaN drive", 0.5, math.NaN(), true},
			{"NaN state", math.NaN(), 0.25, true},
			{"state at +∞", math.Inf(1), 0.25, true}, // ∞ + h(f − ∞), or ρ(∞ + h(u − ∞))
			{"state at −∞", math.Inf(-1), -3, true},
		} {
			n := NewNet([]int{2, 3, 1}, Linear, Linear)
			s := NewSettler(n, SettleParams{Dt: 1, Dynamics: dyn})
			s.resize(2)
			state := []float64{0.1, -0.2, 0.3, 0.4, c.state, 0.6}
			drive := []float64{0.1, -0.1, 0.2, 0.5, c.drive, 0.7}
			copy(s.Free[1].mat.Data, state)
			copy(s.drive[1].mat.Data, drive)
			got := s.relax(s.Free, 1, PhaseFree)
			if math.IsNaN(got) != c.nan {
				t.Errorf("%v, %s: relax returned %v", dyn, c.name, got)
			}
			if !c.nan {
				want := 0.0
				for i := range state {
					want = math.Max(want, math.Abs(drive[i]-state[i]))
				}
				if got != want {
					t.Errorf("%v, %s: largest move %v, want %v", dyn, c.name, got, want)
				}
			}
		}
	}
}
