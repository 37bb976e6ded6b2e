package engine

import (
	"math"
)

// Settling is what the rules without a backward pass do instead of one: the
// layered network with feedback of Xie & Seung (2003, eq. 2.1) relaxes to a
// fixed point,
//
//	dx_k/dt = −x_k + f_k(W_k x_{k−1} + γ W_{k+1}ᵀ x_{k+1} + b_k),   x_0 = input,
//
// once with the output free (free or minus phase, state x̌) and once with the
// output held at the target (clamped or plus phase, x̂) or pulled toward it
// (equilibrium propagation's nudged phase, x^β). One routine serves CHL,
// GeneRec and equilibrium propagation; they differ only in the parameters.
//
// Equilibrium propagation (Scellier & Bengio 2017) is a parameterisation of
// the same routine. Its energy in the layered net with feedback gain γ is
//
//	E = Σ_k γ^{k−L} [½‖ρ(s_k)‖² − b_kᵀρ(s_k) − ρ(s_k)ᵀ W_k ρ(s_{k−1})],
//
// (γ = 1 is their eq. 1), and F = E + βC with C = ‖s_L − d‖² (no ½, as in
// their code). Scaling each layer's gradient by γ^{L−k} gives back the drive
// above, and the cost adds 2β(d − s_L) to the output's drive and 2β to its
// leak: the nudged phase is the free phase with that drive. The projected step
// s ← ρ(s − ε ∂F/∂s) of their code is Dynamics = Projected.
//
// The state is batched and unit-major: layer k is an n_k × batch matrix,
// each unit's values for the batch side by side, so the inner loops run over
// the batch (as in Net.ForwardCols) rather than over a tiny layer's units.
// Nothing is allocated once the batch size is known.

// Phase names a settling phase as the papers do.
type Phase uint8

const (
	PhaseFree    Phase = iota // minus phase: input clamped, output free
	PhaseClamped              // plus phase: output held at the target (CHL, GeneRec)
	PhaseNudged               // output pulled toward the target with strength β (equilibrium propagation)
)

// Dynamics is how a unit moves toward its drive u in one step of size h.
type Dynamics uint8

const (
	// Leaky is Euler on Xie & Seung's eq. 2.1: x ← x + h(f(u) − x).
	Leaky Dynamics = iota
	// Projected is Scellier & Bengio's s ← ρ(s − h ∂F/∂s) = ρ(s + h(u − s)),
	// for an activation that is a projection (hard sigmoid, ReLU, linear).
	// Its fixed points are those of Leaky; only the path differs.
	Projected
)

// SettleParams are the settling routine's options.
type SettleParams struct {
	Gamma    float64 // feedback gain γ (Xie & Seung); 1 is a symmetric net
	Beta     float64 // nudge strength β of PhaseNudged
	Dt       float64 // Euler step, in units of each unit's time constant
	Tol      float64 // converged when no unit moved more than Tol in one iteration
	MaxIters int     // iteration cap per phase
	Dynamics Dynamics
	// ClampedFirst settles the plus phase first, from a feedforward pass, and
	// then the free phase from the plus state without resetting the hidden
	// units (Xie & Seung §4). Otherwise the free phase comes first and the
	// plus phase starts from the free state (equilibrium propagation).
	ClampedFirst bool
	// Jacobi updates every layer at once from the previous iteration's state
	// (the plain Euler discretisation). Otherwise layers are updated in order
	// 1..L, each from the freshest state (Gauss–Seidel): with Dt = 1 each
	// update is then the exact minimiser of the network's Lyapunov function
	// over that layer given its neighbours, so settling descends it
	// monotonically and cannot oscillate.
	Jacobi bool
	// RandomFeedback carries the feedback through the net's fixed random
	// Feedback[k+1] (used transposed, scaled by γ) instead of the tied
	// γ W_{k+1}ᵀ (Detorakis et al. 2019). The net then has no energy.
	RandomFeedback bool
}

// SettleStats reports the last Settle.
type SettleStats struct {
	FreeIters, PlusIters         int // iterations taken in each phase
	FreeConverged, PlusConverged bool
}

// Settler settles one net; its states are read by the rules after Settle.
type Settler struct {
	P     SettleParams
	Stats SettleStats
	// Free is the free-phase fixed point x̌ (minus phase) and Plus the
	// clamped x̂ or nudged x^β one (plus phase): Free[k] is n_k × batch
	// (column e is example e), with Free[0] the inputs.
	Free, Plus []*Dense

	net    *Net
	batch  int
	target *Dense      // n_L × batch
	drive  []*Dense    // n_k × batch
	fb     []float64   // one unit's feedback for the batch
	row    [][]float64 // first example's state, for traces

	// What does not move while a phase settles, computed once: the input's
	// drive of layer 1, b_1 + W_1 x_0 (the input is clamped in every
	// phase), and in a clamped phase the target's feedback to layer L−1,
	// γ W_Lᵀ d. Each is the sum computeDrive would make, in its order.
	inDrive, clampFb []float64 // n_1 × batch, n_{L−1} × batch
}

// NewSettler returns a settler for the net.
func NewSettler(n *Net, p SettleParams) *Settler {
	L := n.Layers()
	return &Settler{P: p, net: n, Free: make([]*Dense, L+1), Plus: make([]*Dense, L+1), drive: make([]*Dense, L+1), row: make([][]float64, L+1)}
}

// traceEvery thins recorded iterations: every one up to traceDense, then
// every traceEvery-th, and always the last — enough for a scene to animate
// units easing to equilibrium without a slow settle filling the trace.
const (
	traceDense = 60
	traceEvery = 10
)

// Settle runs both phases on the batch, plus being PhaseClamped or
// PhaseNudged. The fixed points are left in Free and Plus, the iteration
// counts in Stats. tr, if not nil, receives the first example's state at
// every (thinned) iteration, and the clamp.
func (s *Settler) Settle(batch []Example, plus Phase, tr *Trace) {
	s.load(batch)
	if s.P.ClampedFirst {
		s.feedforward(s.Plus)
		s.Stats.PlusIters, s.Stats.PlusConverged = s.phase(s.Plus, plus, tr)
		copyState(s.Free, s.Plus) // warm start: the hidden units keep their plus values
		s.Stats.FreeIters, s.Stats.FreeConverged = s.phase(s.Free, PhaseFree, tr)
		return
	}
	s.feedforward(s.Free)
	s.Stats.FreeIters, s.Stats.FreeConverged = s.phase(s.Free, PhaseFree, tr)
	copyState(s.Plus, s.Free) // the plus phase starts from the free state
	s.Stats.PlusIters, s.Stats.PlusConverged = s.phase(s.Plus, plus, tr)
}

// load sizes the states for the batch and copies in inputs and targets.
func (s *Settler) load(batch []Example) {
	s.resize(len(batch))
	rows, n0, nL := s.batch, s.net.Sizes[0], s.net.Sizes[s.net.Layers()]
	free, plus := s.Free[0].mat.Data[:n0*rows], s.Plus[0].mat.Data[:n0*rows]
	tg := s.target.mat.Data[:nL*rows]
	for e := range batch {
		ex := &batch[e] // not a copy of the Example
		for j, v := range ex.X[:n0] {
			free[j*rows+e], plus[j*rows+e] = v, v
		}
		for i, v := range ex.Y[:nL] {
			tg[i*rows+e] = v
		}
	}
	s.driveFromInput(s.Free[0])
}

// driveFromInput sets inDrive for the inputs x0.
func (s *Settler) driveFromInput(x0 *Dense) { s.affine(s.inDrive, x0, 1) }

// affine sets dst (n_k × batch) to b_k + W_k x, x the batch's layer k−1.
func (s *Settler) affine(dst []float64, x *Dense, k int) {
	n := s.net
	in, out := n.Sizes[k-1], n.Sizes[k]
	affineCols(n.W[k].mat.Data, n.B[k].vec.Data, x.mat.Data[:s.batch*in], dst[:s.batch*out], in, out, s.batch)
}

// fromBelow returns layer k's drive from below, b_k + W_k x_{k−1}: inDrive
// for layer 1, whose input never moves (read in place, not copied), else dst
// set to it.
func (s *Settler) fromBelow(dst []float64, x []*Dense, k int) []float64 {
	if k == 1 {
		return s.inDrive[:len(dst)]
	}
	s.affine(dst, x[k-1], k)
	return dst
}

// resize sizes the states for a batch, allocating only when its size
// changes.
func (s *Settler) resize(batch int) {
	if batch == s.batch {
		return
	}
	n, L := s.net, s.net.Layers()
	s.batch = batch
	for k := 0; k <= L; k++ {
		s.Free[k] = NewDense(n.Sizes[k], batch, nil)
		s.Plus[k] = NewDense(n.Sizes[k], batch, nil)
		s.drive[k] = NewDense(n.Sizes[k], batch, nil)
	}
	s.target = NewDense(n.Sizes[L], batch, nil)
	s.fb = make([]float64, batch)
	s.inDrive = make([]float64, n.Sizes[1]*batch)
	s.clampFb = make([]float64, n.Sizes[L-1]*batch)
}

// SettleFree settles the free phase alone, from the feedforward pass, for
// inputs (one per row of the batch): how a settling network answers. The
// fixed point is left in Free.
func (s *Settler) SettleFree(inputs [][]float64) (iters int, converged bool) {
	s.resize(len(inputs))
	for e, x := range inputs {
		s.Free[0].SetCol(e, x)
	}
	s.driveFromInput(s.Free[0])
	s.feedforward(s.Free)
	return s.phase(s.Free, PhaseFree, nil)
}

// feedforward sets x to the feedforward pass, the γ = 0 fixed point: the
// state settling starts from. It is Net.ForwardCols's pass.
func (s *Settler) feedforward(x []*Dense) {
	n := s.net
	for k := 1; k <= n.Layers(); k++ {
		xk := x[k].mat.Data[:s.batch*n.Sizes[k]]
		n.Acts[k].ApplyTo(s.fromBelow(xk, x, k), xk)
	}
}

func copyState(dst, src []*Dense) {
	for k := 1; k < len(dst); k++ {
		dst[k].Copy(src[k])
	}
}

// phase relaxes x in one phase until it converges or hits the cap, and
// returns the iterations taken.
func (s *Settler) phase(x []*Dense, ph Phase, tr *Trace) (iters int, converged bool) {
	L := s.net.Layers()
	top := L // the highest layer that moves
	kind := EvClampedIter
	switch ph {
	case PhaseFree:
		kind = EvFreeIter
	case PhaseClamped:
		x[L].Copy(s.target)
		top = L - 1
		if top >= 1 && s.P.Gamma != 0 {
			s.feedback(s.clampFb, nil, x, L-1)
		}
	}
	if tr != nil && ph != PhaseFree {
		tr.AddUnits(EvClamp, L, s.target.Col(0, s.row[L]))
	}
	s.record(tr, kind, 0, x)
	for it := 1; it <= s.P.MaxIters; it++ {
		if s.P.Jacobi {
			for k := 1; k <= top; k++ {
				s.computeDrive(x, k, ph)
			}
		}
		var moved float64
		for k := 1; k <= top; k++ {
			if !s.P.Jacobi {
				s.computeDrive(x, k, ph)
			}
			if m := s.relax(x, k, ph); !(m <= moved) { // NaN too
				moved = m
			}
		}
		// Converged when no unit moved more than Tol. (An early stop from
		// the estimated contraction rate ρ/(1 − ρ) saved 17 % of CHL's
		// iterations but stopped equilibrium propagation's γ = 1
		// hard-sigmoid net short of its fixed point: lesson 9's demo then
		// no longer learnt.)
		converged = moved < s.P.Tol
		if tr != nil && (it <= traceDense || it%traceEvery == 0 || converged || it == s.P.MaxIters) {
			s.record(tr, kind, it, x)
		}
		if converged || math.IsNaN(moved) {
			return it, converged
		}
	}
	return s.P.MaxIters, false
}

// computeDrive sets drive[k] = b_k + W_k x_{k−1} + γ W_{k+1}ᵀ x_{k+1}, the
// synaptic input of layer k (eq. 2.1, a column per example): for each unit,
// the bias plus the inputs from below in order, then γ times the feedback
// from above (summed over the units above in order, then scaled). The parts
// that cannot move during the phase come from inDrive and clampFb.
func (s *Settler) computeDrive(x []*Dense, k int, ph Phase) {
	n := s.net
	nk, rows := n.Sizes[k], s.batch
	dr := s.drive[k].mat.Data[:rows*nk]
	below := s.fromBelow(dr, x, k)
	switch {
	case k == n.Layers() || s.P.Gamma == 0:
		if k == 1 { // below is inDrive
			copy(dr, below)
		}
	case ph == PhaseClamped && k == n.Layers()-1:
		for i, v := range s.clampFb[:len(dr)] {
			dr[i] = below[i] + v
		}
	default:
		s.feedback(dr, below, x, k)
	}
}

// feedback sets dst (n_k × batch) to γ W_{k+1}ᵀ x_{k+1} (base nil) or to
// base + γ W_{k+1}ᵀ x_{k+1} (base n_k × batch, which may be dst), with
// F_{k+1} for W_{k+1} under random feedback: each entry γ·t, with t summed
// over the units above in order.
func (s *Settler) feedback(dst, base []float64, x []*Dense, k int) {
	n := s.net
	nk, up, rows := n.Sizes[k], n.Sizes[k+1], s.batch
	fb := n.W[k+1]
	if s.P.RandomFeedback {
		fb = n.Feedback[k+1]
	}
	m := fb.mat.Data[:up*nk]
	xu := x[k+1].mat.Data[:rows*up]
	g := s.P.Gamma
	t := s.fb[:rows]
	for j := range nk {
		d := dst[j*rows:][:len(t)]
		if base != nil && up <= 2 {
			// One pass: t never leaves a register.
			b := base[j*rows:][:len(t)]
			m0, x0 := m[j], xu[:len(t)]
			if up == 1 {
				for e, v := range x0 {
					d[e] = b[e] + float64(g*(0+float64(v*m0)))
				}
				continue
			}
			m1, x1 := m[nk+j], xu[rows:][:len(t)]
			for e := range d {
				d[e] = b[e] + float64(g*(0+float64(x0[e]*m0)+float64(x1[e]*m1)))
			}
			continue
		}
		// t = 0 + the first product, then the rest in order, two units
		// above a pass: ((0 + p_0) + p_1) + … — clear's sums without a
		// call to clear. The first pass takes one unit if up is odd, two if
		// it is even.
		l := 2 - up%2
		if l == 1 {
			m0, x0 := m[j], xu[:len(t)]
			for e, v := range x0 {
				t[e] = 0 + float64(v*m0)
			}
		} else {
			m0, m1, x0, x1 := m[j], m[nk+j], xu[:len(t)], xu[rows:][:len(t)]
			for e := range t {
				t[e] = 0 + float64(x0[e]*m0) + float64(x1[e]*m1)
			}
		}
		for ; l < up; l += 2 {
			m0, m1 := m[l*nk+j], m[(l+1)*nk+j]
			x0, x1 := xu[l*rows:][:len(t)], xu[(l+1)*rows:][:len(t)]
			for e := range t {
				t[e] = t[e] + float64(x0[e]*m0) + float64(x1[e]*m1)
			}
		}
		if base == nil {
			for e, v := range t {
				d[e] = float64(g * v)
			}
			continue
		}
		b := base[j*rows:][:len(t)]
		for e, v := range t {
			d[e] = b[e] + float64(g*v)
		}
	}
}

// relax moves layer k one step toward its drive and returns the largest
// change of a unit (NaN if a unit became NaN). In the nudged phase the
// output's drive gains 2β(d − x_L) and its leak 1 + 2β (−∂(βC)/∂x_L with
// C = ‖x_L − d‖²); the step is scaled by the unit's time constant 1/leak, so
// Dt = 1 is the exact minimiser of F over the output for the hard sigmoid.
//
// It works on the whole layer at once: the activation's argument for every
// unit into drive[k], the activation applied to all of them in one call,
// then the step.
func (s *Settler) relax(x []*Dense, k int, ph Phase) float64 {
	n := s.net
	nk := n.Sizes[k]
	old := x[k].mat.Data[:s.batch*nk]
	u := s.drive[k].mat.Data[:len(old)]
	h, leak, nudge := s.P.Dt, 1.0, 0.0
	nudged := ph == PhaseNudged && k == n.Layers()
	if nudged {
		nudge = 2 * s.P.Beta
		leak += nudge
		h /= leak
	}
	projected := s.P.Dynamics == Projected
	var tg []float64
	if nudged {
		tg = s.target.mat.Data[:len(old)]
	}
	// The activation's argument.
	switch {
	case projected:
		// s ← ρ(s − h ∂F/∂s), ∂F/∂s = leak·s − u − 2βd.
		for i, o := range old {
			v := u[i]
			if nudged {
				v += float64(nudge * tg[i])
			}
			u[i] = o + float64(h*(v-float64(leak*o)))
		}
	case nudged:
		for i, o := range old {
			u[i] += float64(nudge * (tg[i] - o))
		}
	}
	n.Acts[k].ApplyTo(u, u)
	// The step (the leaky one's x + h(f(u) − x), or the projection's value
	// as it is), and the largest move; a loop for each, with no branch on
	// the dynamics per unit.
	// moved: the largest move's bits, as farther keeps them; largest: the
	// largest |v|'s bits, above +∞'s only if a unit became NaN. Integer
	// compares, as in farther: a float compare is a branch in the wasm build.
	var moved, largest uint64
	if projected {
		for i, v := range u[:len(old)] {
			o := old[i]
			old[i] = v
			moved = farther(moved, o, v)
			if a := math.Float64bits(v) &^ (1 << 63); a > largest {
				largest = a
			}
		}
	} else {
		for i, f := range u[:len(old)] {
			o := old[i]
			v := o + float64(h*(f-o))
			old[i] = v
			moved = farther(moved, o, v)
			if a := math.Float64bits(v) &^ (1 << 63); a > largest {
				largest = a
			}
		}
	}
	if largest > 0x7FF0000000000000 {
		return math.NaN()
	}
	return math.Float64frombits(moved)
}

// farther returns the larger of moved and |v − o|, both as their bits
// (moved if |v − o| is NaN). For values ≥ 0 the bits order as the values
// do, and integer compares compile to selects in the wasm build, where a
// float compare is a branch, and this one goes either way at random: a unit
// settles from either side.
func farther(moved uint64, o, v float64) uint64 {
	d := math.Float64bits(math.Abs(v - o))
	if d > 0x7FF0000000000000 { // NaN's bits are above +∞'s
		d = 0
	}
	if d > moved {
		moved = d
	}
	return moved
}

// record adds the first example's state to the trace.
func (s *Settler) record(tr *Trace, kind EventKind, it int, x []*Dense) {
	if tr == nil {
		return
	}
	for k := range s.row {
		s.row[k] = x[k].Col(0, s.row[k])
	}
	tr.AddState(kind, it, s.row)
}
