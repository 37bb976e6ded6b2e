package engine

import (
	"math"

	"gonum.org/v1/gonum/blas"
)

// Settling at the defaults: Gauss–Seidel sweeps with a unit step (each layer
// jumps to its equilibrium given its neighbours) stopped when no unit moves
// more than settleTol. The CHL update divides state differences by up to
// γ^{L−1}; at γ = 0.5 and 1e-4 that is an error of a few 1e-4 on updates of
// order 0.1, far below what a learning rate of 0.03 can notice.
const (
	settleDt  = 1
	settleTol = 1e-4
)

// hebbForm is how a contrastive rule turns the two phases' activities of a
// sender x (layer k−1) and a receiver y (layer k) into a weight change.
type hebbForm uint8

const (
	formCHL         hebbForm = iota // x⁺y⁺ − x⁻y⁻ (Movellan 1990)
	formGeneRec                     // x⁻(y⁺ − y⁻)  (O'Reilly 1996, eq. 11)
	formGeneRecMid                  // ½(x⁻ + x⁺)(y⁺ − y⁻)
	formGeneRecSym                  // x⁻(y⁺ − y⁻) + y⁻(x⁺ − x⁻)
	formGeneRecBoth                 // symmetric and midpoint: ½(x⁻+x⁺)(y⁺−y⁻) + ½(y⁻+y⁺)(x⁺−x⁻) = x⁺y⁺ − x⁻y⁻
)

// Contrastive is a rule that learns from the difference between a free
// (minus) and a plus phase of the settling network: contrastive Hebbian
// learning, GeneRec's variants and equilibrium propagation. Each is local:
// a weight changes by a product of the activities at its two ends.
type Contrastive struct {
	name   string
	net    *Net
	form   hebbForm
	plus   Phase
	scale  float64 // 1 for CHL and GeneRec, 1/β for equilibrium propagation
	factor bool    // the learning rate of layer k is multiplied by γ^{k−L}
	S      *Settler

	dy, dx, m []*Dense // per-layer scratch: y⁺ − y⁻, x⁺ − x⁻, midpoints
}

// NewCHL returns contrastive Hebbian learning in the layered network with
// feedback (Xie & Seung 2003, eq. 2.8):
//
//	ΔW_k = γ^{k−L} (x̂_k x̂_{k−1}ᵀ − x̌_k x̌_{k−1}ᵀ),   Δb_k = γ^{k−L} (x̂_k − x̌_k),
//
// batch-averaged, per unit of learning rate. The free phase settles first and
// the clamped phase starts from its fixed point — the order the papers tell
// and the scenes show; the fixed points do not depend on it (Xie & Seung §4
// settle clamped first; SettleParams.ClampedFirst does that). With a linear output,
// as γ → 0 this is the backprop update up to O(γ) (their eq. 3.19).
func NewCHL(n *Net, c Config) *Contrastive {
	return newContrastive("chl", n, c, formCHL)
}

func newContrastive(name string, n *Net, c Config, form hebbForm) *Contrastive {
	p := SettleParams{Gamma: c.Gamma, Dt: settleDt, Tol: settleTol, MaxIters: c.SettleIters, RandomFeedback: c.Feedback == "random"}
	r := &Contrastive{name: name, net: n, form: form, plus: PhaseClamped, scale: 1, factor: true, S: NewSettler(n, p)}
	L := n.Layers()
	r.dy, r.dx, r.m = make([]*Dense, L+1), make([]*Dense, L+1), make([]*Dense, L+1)
	return r
}

// Name returns the rule's link name.
func (r *Contrastive) Name() string { return r.name }

// Compute implements Rule: settle both phases, then each layer's local
// Hebbian term, batch-averaged and scaled.
func (r *Contrastive) Compute(batch []Example, u *Update, tr *Trace) {
	u.Zero()
	if len(batch) == 0 {
		return
	}
	if tr != nil {
		tr.Reset(r.name, batch[0].X, batch[0].Y)
	}
	r.S.Settle(batch, r.plus, tr)
	L := r.net.Layers()
	for k := 1; k <= L; k++ {
		c := r.scale / float64(len(batch))
		if r.factor {
			c *= math.Pow(r.S.P.Gamma, float64(k-L))
		}
		r.hebbian(u.DW[k].RawMatrix(), u.DB[k].vec.Data, k, c)
		if tr != nil {
			tr.AddWeights(EvHebbian, k, r.firstHebbian(k, c*float64(len(batch))))
		}
	}
	if tr != nil {
		for k := 1; k <= L; k++ {
			tr.AddWeights(EvUpdate, k, u.DW[k].mat.Data)
		}
	}
}

// hebbian writes c·Σ_batch of the rule's form for layer k into dw and db
// (the bias is a weight from a unit fixed at 1, so db = c·Σ(y⁺ − y⁻) for
// every form).
func (r *Contrastive) hebbian(dw General, db []float64, k int, c float64) {
	yp, ym := r.S.Plus[k].RawMatrix(), r.S.Free[k].RawMatrix()
	xp, xm := r.S.Plus[k-1].RawMatrix(), r.S.Free[k-1].RawMatrix()
	if r.form == formCHL && dw.Stride == dw.Cols && yp.Stride == yp.Cols && ym.Stride == ym.Cols && xp.Stride == xp.Cols && xm.Stride == xm.Cols {
		hebbCHL(dw.Data, db, yp.Data, ym.Data, xp.Data, xm.Data, c, xp.Rows, yp.Rows, yp.Cols)
		return
	}
	dy := r.sub(r.dy, k, yp, ym)
	for j := range dy.Rows {
		for _, v := range dy.Data[j*dy.Stride : j*dy.Stride+dy.Cols] {
			db[j] += float64(c * v)
		}
	}
	// The states are n × batch: Σ_batch y xᵀ is Y·Xᵀ, summed over the
	// examples in order.
	gemmTN := func(alpha float64, a, b General, beta float64) {
		gemm(blas.NoTrans, blas.Trans, alpha, a, b, beta, dw)
	}
	switch r.form {
	case formCHL:
		gemmTN(c, yp, xp, 0)
		gemmTN(-c, ym, xm, 1)
	case formGeneRec:
		gemmTN(c, dy, xm, 0)
	case formGeneRecMid:
		gemmTN(c, dy, r.mid(r.m, k-1, xp, xm), 0)
	case formGeneRecSym:
		gemmTN(c, dy, xm, 0)
		gemmTN(c, ym, r.sub(r.dx, k-1, xp, xm), 1)
	case formGeneRecBoth:
		gemmTN(c, dy, r.mid(r.m, k-1, xp, xm), 0)
		gemmTN(c, r.mid(r.m, k, yp, ym), r.sub(r.dx, k-1, xp, xm), 1)
	}
}

// hebbCHL is hebbian's CHL form for states n × rows with rows side by side
// (the settler's): dw (out × in) = c·Σ y⁺x⁺ᵀ − c·Σ y⁻x⁻ᵀ and db (out) =
// c·Σ (y⁺ − y⁻), the numbers of the two gemm calls and the bias loop it
// stands in for — each weight's two sums in order over the batch, then
// (−c·s⁻) + c·s⁺; the bias's c·(y⁺ − y⁻) added in order — with a unit's
// bias and first one or two weights in one pass over the batch and each
// other weight in a pass of its own, rather than a product per weight and
// phase. The bias terms are added to db, as the bias loop adds them.
func hebbCHL(dw, db, yp, ym, xp, xm []float64, c float64, in, out, rows int) {
	dw, db = dw[:out*in], db[:out]
	yp, ym = yp[:out*rows], ym[:out*rows]
	xp, xm = xp[:in*rows], xm[:in*rows]
	for i := range db {
		p, m := yp[i*rows:][:rows], ym[i*rows:][:rows]
		row := dw[i*in:][:in]
		sb := db[i]
		j := 0
		if in == 1 {
			p0, m0 := xp[:len(p)], xm[:len(p)]
			var s0, t0 float64
			for e, v := range p {
				w := m[e]
				sb += float64(c * (v - w))
				s0 += float64(v * p0[e])
				t0 += float64(w * m0[e])
			}
			row[0] = float64(-c*t0) + float64(c*s0)
			j = 1
		} else {
			p0, p1, m0, m1 := xp[:len(p)], xp[rows:][:len(p)], xm[:len(p)], xm[rows:][:len(p)]
			var s0, s1, t0, t1 float64
			for e, v := range p {
				w := m[e]
				sb += float64(c * (v - w))
				s0 += float64(v * p0[e])
				s1 += float64(v * p1[e])
				t0 += float64(w * m0[e])
				t1 += float64(w * m1[e])
			}
			row[0], row[1] = float64(-c*t0)+float64(c*s0), float64(-c*t1)+float64(c*s1)
			j = 2
		}
		db[i] = sb
		for ; j < in; j++ {
			p0, m0 := xp[j*rows:][:len(p)], xm[j*rows:][:len(p)]
			var s0, t0 float64
			for e, v := range p {
				s0 += float64(v * p0[e])
				t0 += float64(m[e] * m0[e])
			}
			row[j] = float64(-c*t0) + float64(c*s0)
		}
	}
}

// sub sets buf[k] = a − b and returns it.
func (r *Contrastive) sub(buf []*Dense, k int, a, b General) General {
	d := r.scratch(buf, k, a.Rows, a.Cols)
	for i := range d.Data {
		d.Data[i] = a.Data[i] - b.Data[i]
	}
	return d
}

// mid sets buf[k] = ½(a + b) and returns it.
func (r *Contrastive) mid(buf []*Dense, k int, a, b General) General {
	d := r.scratch(buf, k, a.Rows, a.Cols)
	for i := range d.Data {
		d.Data[i] = 0.5 * (a.Data[i] + b.Data[i])
	}
	return d
}

func (r *Contrastive) scratch(buf []*Dense, k, rows, cols int) General {
	if buf[k] == nil || buf[k].RawMatrix().Rows != rows {
		buf[k] = NewDense(rows, cols, nil)
	}
	return buf[k].RawMatrix()
}

// firstHebbian returns the first example's Hebbian term for layer k, times
// c, for the trace (it allocates; tracing may).
func (r *Contrastive) firstHebbian(k int, c float64) []float64 {
	n := r.net
	dw := General{Rows: n.Sizes[k], Cols: n.Sizes[k-1], Stride: n.Sizes[k-1], Data: make([]float64, n.Sizes[k]*n.Sizes[k-1])}
	one := &Contrastive{form: r.form, S: &Settler{Plus: make([]*Dense, len(r.S.Plus)), Free: make([]*Dense, len(r.S.Free))}}
	one.dy, one.dx, one.m = make([]*Dense, len(r.dy)), make([]*Dense, len(r.dx)), make([]*Dense, len(r.m))
	for _, j := range []int{k - 1, k} {
		one.S.Plus[j] = NewDense(n.Sizes[j], 1, r.S.Plus[j].Col(0, nil))
		one.S.Free[j] = NewDense(n.Sizes[j], 1, r.S.Free[j].Col(0, nil))
	}
	one.hebbian(dw, make([]float64, n.Sizes[k]), k, c)
	return dw.Data
}
