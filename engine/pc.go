package engine

import (
	"math"

	"gonum.org/v1/gonum/blas"
)

// Predictive coding (Whittington & Bogacz 2017, Neural Computation 29:1229;
// the "bio" network of the authors' code, github.com/djcrw/
// Supervised-Predictive-Coding). Every layer has value nodes v_l and error
// nodes ε_l; each layer predicts the next, and an error node holds the
// difference between its layer's value and that prediction, weighted by the
// layer's variance Σ_l:
//
//	μ_l = W_l f(v_{l−1}) + b_l,   ε_l = (v_l − μ_l)/Σ_l,   F = Σ_l ½ Σ_l ‖ε_l‖²   (their eqs. 7, 8, 11)
//
// Inference relaxes the hidden values down the energy with the input held
// and the output value clamped to the target,
//
//	dv_l/dt = −ε_l + f′(v_l) ⊙ W_{l+1}ᵀ ε_{l+1}                           (their eq. 12)
//
// and each weight then learns from the two nodes it joins, an error node and
// the activity sending into it — a Hebbian product:
//
//	ΔW_l = Σ_L ε_l f(v_{l−1})ᵀ,   Δb_l = Σ_L ε_l                           (their eq. 13)
//
// (the factor Σ_L, as in the authors' code, keeps the update's size that of
// backprop's whatever the output variance). Hidden variances are 1.
//
// On the engine's net the value node v_l of a hidden layer is its
// pre-activation a_l, so f(v_l) is the unit's activity x_l and the
// predictions are the forward pass: with only the input held the energy is
// zero at the forward pass, which is how the net answers. The input is not
// passed through f (the authors' bio_inv option does the same by inverting
// f on the data). Their output layer is linear; the page's nets also have
// tanh and sigmoid outputs, whose 0/1 or ±1 targets no pre-activation can be
// clamped to, so the output error node compares the target with the
// output's activity: ε_L = (d − f_L(a_L))/Σ_L, and what it sends back and
// learns from is f′_L(a_L) ⊙ ε_L (ε_L alone for a sigmoid output with
// cross-entropy, and for a linear output, which is then the paper's model).
//
// The paper's limit (their section 3; Rosenbaum 2022 names it the
// fixed-prediction assumption): the larger the output variance Σ_L against
// the hidden ones, the smaller the errors, the closer every value stays to
// its prediction, and at equilibrium
//
//	ε_l = f′(v_l) ⊙ W_{l+1}ᵀ ε_{l+1},  Σ_L ε_l → −δ_l  as Σ_L → ∞,
//
// the backprop recursion: the update tends to backprop's with an error of
// order 1/Σ_L (PCEquivalence measures it; a test fits the slope).
type PredictiveCoding struct {
	net    *Net
	P      SettleParams // Dt, Tol and MaxIters of the inference (Jacobi steps)
	VarOut float64      // Σ_L, the output layer's variance; the hidden layers' are 1
	xent   bool
	Stats  PCStats

	batch  int
	target *Dense
	v      []*Dense // value nodes: v[0] the input, v[1..L−1] hidden pre-activations
	x      []*Dense // f(v): x[0] the input, x[L] the output value (the target once clamped)
	mu     []*Dense // predictions μ_l
	eps    []*Dense // error nodes ε_l
	sig    []*Dense // what layer l sends back: ε_l, or f′_L ⊙ ε_L at the output
	back   []*Dense // sig_{l+1} W_{l+1}: the feedback into layer l
	row    [][]float64
	erow   [][]float64
}

// PCStats reports the last inference.
type PCStats struct {
	Iters     int
	Converged bool
	Energy    float64 // F at the end, summed over the batch
	Halvings  int     // times the step was halved because F rose
}

// Predictive coding's inference at the rule's defaults: a step of 0.5 time
// constants, halved whenever the energy rises (the authors' safeguard,
// their code's params.div), until no value moves more than pcTol in one
// step or the settling cap is reached. Near equilibrium each step shrinks
// the distance to it by at least 1 − dt (the own-error term gives the
// energy a curvature of at least 1 in every value), so 1e-5 takes a few
// dozen steps.
const (
	pcDt  = 0.5
	pcTol = 1e-5
)

// NewPredictiveCoding returns predictive coding on the net, with the
// output variance, settling cap and loss of c (for a sigmoid output with
// cross-entropy the output error node sends ε_L without the slope).
func NewPredictiveCoding(n *Net, c Config) *PredictiveCoding {
	L := n.Layers()
	r := &PredictiveCoding{
		net:    n,
		P:      SettleParams{Dt: pcDt, Tol: pcTol, MaxIters: c.SettleIters, Jacobi: true},
		VarOut: c.VarOut, // the link's varOut; 1 by default, the authors' run (Supervised_run_v3.m: var_out = 1)
		xent:   c.Loss == "xent",
		v:      make([]*Dense, L+1), x: make([]*Dense, L+1), mu: make([]*Dense, L+1),
		eps: make([]*Dense, L+1), sig: make([]*Dense, L+1), back: make([]*Dense, L+1),
		row: make([][]float64, L+1), erow: make([][]float64, L+1),
	}
	return r
}

// Name returns the rule's link name.
func (r *PredictiveCoding) Name() string { return "pc" }

func (r *PredictiveCoding) resize(batch int) {
	if batch == r.batch {
		return
	}
	r.batch = batch
	n := r.net
	for k := 0; k <= n.Layers(); k++ {
		for _, m := range []*[]*Dense{&r.v, &r.x, &r.mu, &r.eps, &r.sig, &r.back} {
			(*m)[k] = NewDense(batch, n.Sizes[k], nil)
		}
	}
	r.target = NewDense(batch, n.Sizes[n.Layers()], nil)
}

// Compute implements Rule: predict (the forward pass), clamp the output to
// the target, relax the hidden values, then each layer's Hebbian term
// Σ_L ε_l f(v_{l−1})ᵀ, batch-averaged.
func (r *PredictiveCoding) Compute(batch []Example, u *Update, tr *Trace) {
	u.Zero()
	if len(batch) == 0 {
		return
	}
	n, L := r.net, r.net.Layers()
	r.resize(len(batch))
	for e := range batch {
		ex := &batch[e]
		r.v[0].SetRow(e, ex.X)
		r.x[0].SetRow(e, ex.X)
		r.target.SetRow(e, ex.Y)
	}
	// The values start at their predictions: the forward pass.
	for k := 1; k < L; k++ {
		r.predict(k)
		r.v[k].Copy(r.mu[k])
		n.Acts[k].applyRows(r.v[k], r.x[k])
	}
	if tr != nil {
		tr.Reset("pc", batch[0].X, batch[0].Y)
		r.predict(L)
		n.Acts[L].applyRows(r.mu[L], r.x[L])
		for k := 1; k <= L; k++ {
			tr.AddUnits(EvForward, k, r.x[k].RawRowView(0))
		}
		tr.AddUnits(EvClamp, L, r.target.RawRowView(0))
	}
	r.x[L].Copy(r.target)
	r.infer(tr)
	for k := L; k >= 1 && tr != nil; k-- {
		tr.AddUnits(EvErrorNode, k, r.scaledRow(k, 0))
	}
	c := r.VarOut / float64(len(batch))
	for k := 1; k <= L; k++ {
		// ΔW_k = c Σ_batch sig_k x_{k−1}ᵀ, Δb_k = c Σ_batch sig_k.
		gemm(blas.Trans, blas.NoTrans, c, r.sig[k].RawMatrix(), r.x[k-1].RawMatrix(), 0, u.DW[k].RawMatrix())
		sg := r.sig[k].RawMatrix()
		db := u.DB[k].vec.Data
		for e := 0; e < sg.Rows; e++ {
			for j, s := range sg.Data[e*sg.Stride : e*sg.Stride+sg.Cols] {
				db[j] += float64(c * s)
			}
		}
		if tr != nil {
			tr.AddWeights(EvHebbian, k, r.firstHebbian(k))
		}
	}
	if tr != nil {
		for k := 1; k <= L; k++ {
			tr.AddWeights(EvUpdate, k, u.DW[k].mat.Data)
		}
	}
}

// predict sets μ_k = x_{k−1} W_kᵀ + b_k for every example.
func (r *PredictiveCoding) predict(k int) {
	n := r.net
	gemm(blas.NoTrans, blas.Trans, 1, r.x[k-1].RawMatrix(), n.W[k].RawMatrix(), 0, r.mu[k].RawMatrix())
	m := r.mu[k].RawMatrix()
	b := n.B[k].vec.Data
	for e := 0; e < m.Rows; e++ {
		row := m.Data[e*m.Stride : e*m.Stride+m.Cols]
		for j := range row {
			row[j] += b[j]
		}
	}
}

// errors computes every prediction and error node from the values, and
// returns the energy F (summed over the batch).
func (r *PredictiveCoding) errors() float64 {
	n, L := r.net, r.net.Layers()
	var F float64
	for k := 1; k <= L; k++ {
		r.predict(k)
		mu, ep, sg := r.mu[k].RawMatrix(), r.eps[k].RawMatrix(), r.sig[k].RawMatrix()
		if k < L {
			v := r.v[k].RawMatrix()
			for i, m := range mu.Data {
				d := v.Data[i] - m // Σ_l = 1
				ep.Data[i], sg.Data[i] = d, d
				F += float64(0.5 * float64(d*d))
			}
			continue
		}
		f, tg := n.Acts[L], r.target.mat.Data
		for i, a := range mu.Data {
			y := f.Apply(a)
			d := tg[i] - y
			if r.xent {
				// The output's energy is then its cross-entropy, whose
				// gradient in a_L is y − d: no slope.
				F += exampleLoss([]float64{y}, tg[i:i+1], true) / r.VarOut
			} else {
				F += 0.5 * float64(d*d) / r.VarOut
			}
			d /= r.VarOut
			ep.Data[i] = d
			if !r.xent {
				d *= f.Deriv(a, y)
			}
			sg.Data[i] = d
		}
	}
	return F
}

// infer relaxes the hidden values (Jacobi steps: every layer from the last
// step's errors) until they stop moving. Only the first example's state is
// traced.
func (r *PredictiveCoding) infer(tr *Trace) {
	n, L := r.net, r.net.Layers()
	h := r.P.Dt
	r.Stats = PCStats{}
	F := r.errors()
	r.record(tr, 0)
	for it := 1; it <= r.P.MaxIters; it++ {
		var rate float64 // the largest |dv/dt|
		for k := 1; k < L; k++ {
			// back_k = sig_{k+1} W_{k+1}: W_{k+1}ᵀ ε_{k+1} for every example.
			gemm(blas.NoTrans, blas.NoTrans, 1, r.sig[k+1].RawMatrix(), n.W[k+1].RawMatrix(), 0, r.back[k].RawMatrix())
		}
		for k := 1; k < L; k++ {
			v, x, ep, bk := r.v[k].mat.Data, r.x[k].mat.Data, r.eps[k].mat.Data, r.back[k].mat.Data
			f := n.Acts[k]
			for i, old := range v {
				dv := float64(f.Deriv(old, x[i])*bk[i]) - ep[i]
				nv := old + float64(h*dv)
				v[i] = nv
				x[i] = f.Apply(nv)
				rate = math.Max(rate, math.Abs(dv))
			}
		}
		next := r.errors()
		if next > F*(1+1e-12) && h > r.P.Dt/1024 {
			// The step overshot: the energy rose. Halve it (the authors'
			// safeguard); the values keep the step just taken.
			h /= 2
			r.Stats.Halvings++
		}
		F = next
		r.Stats.Iters = it
		// Converged when no value would move more than Tol in a step of
		// the nominal size (a halved step does not fake convergence).
		r.Stats.Converged = float64(rate*r.P.Dt) < r.P.Tol
		if tr != nil && (it <= traceDense || it%traceEvery == 0 || r.Stats.Converged || it == r.P.MaxIters) {
			r.record(tr, it)
		}
		if r.Stats.Converged || math.IsNaN(rate) {
			break
		}
	}
	if L == 1 {
		r.Stats.Converged = true // nothing to relax
	}
	r.Stats.Energy = F
}

// record adds the first example's state to the trace: every layer's
// activity (the output clamped to the target) and every layer's error nodes
// in backprop's units (Errors[k] = Σ_L sig_k ≈ −δ_k).
func (r *PredictiveCoding) record(tr *Trace, it int) {
	if tr == nil {
		return
	}
	L := r.net.Layers()
	for k := 0; k <= L; k++ {
		r.row[k] = r.x[k].RawRowView(0)
		r.erow[k] = nil
		if k > 0 {
			r.erow[k] = r.scaledRow(k, 0)
		}
	}
	tr.AddStateErrors(EvClampedIter, it, r.row, r.erow)
}

// scaledRow returns Σ_L sig_k of example e (allocated: tracing may).
func (r *PredictiveCoding) scaledRow(k, e int) []float64 {
	s := append([]float64(nil), r.sig[k].RawRowView(e)...)
	for i := range s {
		s[i] *= r.VarOut
	}
	return s
}

// firstHebbian is the first example's Σ_L sig_k x_{k−1}ᵀ, row-major.
func (r *PredictiveCoding) firstHebbian(k int) []float64 {
	s, x := r.scaledRow(k, 0), r.x[k-1].RawRowView(0)
	out := make([]float64, 0, len(s)*len(x))
	for _, si := range s {
		for _, xj := range x {
			out = append(out, float64(si*xj))
		}
	}
	return out
}

// applyRows sets y = f(a) elementwise for two matrices of one shape.
func (f Activation) applyRows(a, y *Dense) {
	f.ApplyTo(a.mat.Data, y.mat.Data)
}
