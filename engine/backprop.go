package engine

// Backprop is error backpropagation (Rojas 1996, ch. 7) with the update
// averaged over the batch, as TF Playground does:
//
//	δ_L = (x_L − d) ⊙ f'(a_L)            (½ squared error)
//	δ_L = x_L − d                        (cross-entropy, sigmoid output)
//	δ_k = (W_{k+1}ᵀ δ_{k+1}) ⊙ f'(a_k)
//	ΔW_k = −δ_k x_{k−1}ᵀ,  Δb_k = −δ_k   (per unit of learning rate)
//
// Feedback alignment reuses it with a fixed random matrix in place of
// W_{k+1}ᵀ (Lillicrap et al. 2016), and direct feedback alignment sends the
// output's δ_L straight to every hidden layer (Nøkland 2016).
type Backprop struct {
	net  *Net
	xent bool
	mode backMode
	name string

	// Per-layer buffers for a whole batch, n_k × rows, unit-major (as
	// Net.ForwardCols): the batch goes through the net a layer at a time,
	// and each unit's values for the batch sit side by side.
	rows    int
	a, x, d [][]float64 // pre-activations, activities, δ
	e       []float64   // output error x_L − d, n_L × rows
	first   []float64   // one example's units, for traces
}

// backMode is the path the error takes back to the hidden layers.
type backMode uint8

const (
	backTransposed backMode = iota // W_{k+1}ᵀ: backprop
	backFeedback                   // Feedback[k+1]ᵀ: feedback alignment
	backDirect                     // DirectFeedback[k] e: direct feedback alignment
)

// NewBackprop returns backprop for the net; loss is "mse" or "xent".
func NewBackprop(n *Net, loss string) *Backprop { return newBackward(n, loss, backTransposed, "bp") }

func newBackward(n *Net, loss string, mode backMode, name string) *Backprop {
	return &Backprop{net: n, xent: loss == "xent", mode: mode, name: name}
}

// resize sizes the buffers for a batch, allocating only when its size
// changes.
func (b *Backprop) resize(rows int) {
	if rows == b.rows {
		return
	}
	n := b.net
	b.rows = rows
	b.a, b.x, b.d = n.ColBuffers(rows), n.ColBuffers(rows), n.ColBuffers(rows)
	b.e = make([]float64, rows*n.Sizes[n.Layers()])
}

// Name returns the rule's link name.
func (b *Backprop) Name() string { return b.name }

// Compute implements Rule. The batch goes through a layer at a time; each
// example's numbers, and the order in which the update sums them, are those
// of taking the examples one by one.
func (b *Backprop) Compute(batch []Example, u *Update, tr *Trace) {
	if len(batch) == 0 {
		u.Zero()
		return
	}
	n, L := b.net, b.net.Layers()
	rows := len(batch)
	b.resize(rows)
	a, x, d := b.a, b.x, b.d
	n0, nL := n.Sizes[0], n.Sizes[L]
	x0 := x[0][:n0*rows]
	for e := range batch {
		ex := &batch[e] // not a copy of the Example: a range value copies all of it
		for j, v := range ex.X[:n0] {
			x0[j*rows+e] = v
		}
	}
	n.ForwardCols(rows, a, x)
	out, er := x[L][:nL*rows], b.e[:nL*rows]
	for e := range batch {
		ex := &batch[e]
		for i, y := range ex.Y[:nL] {
			er[i*rows+e] = out[i*rows+e] - y
		}
	}
	copy(d[L], er)
	if !b.xent {
		n.Acts[L].MulDeriv(d[L], a[L], x[L])
	}
	for k := L - 1; k >= 1; k-- {
		b.backward(k, rows)
	}
	// Accumulate −δ_k x_{k−1}ᵀ / batch: each entry sums its examples' terms
	// in order, from 0, so u needs no clearing first. δ_k becomes
	// −δ_k / batch in place; the traces read it first.
	if tr != nil {
		b.trace(batch[0], tr)
	}
	scale := 1 / float64(rows)
	for k := 1; k <= L; k++ {
		in, out := n.Sizes[k-1], n.Sizes[k]
		gradCols(u.DW[k].mat.Data, u.DB[k].vec.Data, d[k], x[k-1], scale, in, out, rows)
	}
	if tr != nil {
		for k := 1; k <= L; k++ {
			tr.AddWeights(EvUpdate, k, u.DW[k].mat.Data)
		}
	}
}

// gradCols sets dw (out × in) and db (out) to the batch's mean −δ x_{k−1}ᵀ
// and −δ, from δ (out × rows, unit-major; it becomes −δ·scale in place) and
// the layer below's activities x (in × rows): each entry sums its examples'
// terms in order, from 0. It is a function of its own, as affineCols is, so
// that its loops keep their variables in registers: inside Compute the
// WebAssembly build spilled them to memory.
//
// The pass that scales a unit's δ also sums its bias and its first one or
// two weights (each sum its own, in order, so the same bits), and the
// others go two a pass: a 2 → 4 → 2 → 1 net makes 7 passes over the batch
// rather than 14, and WebAssembly pays per loop trip.
func gradCols(dw, db, d, x []float64, scale float64, in, out, rows int) {
	dw, db = dw[:out*in], db[:out]
	d, x = d[:out*rows], x[:in*rows]
	for i := range db {
		g := d[i*rows:][:rows]
		row := dw[i*in:][:in]
		var s, s0, s1 float64
		j := 1
		if in == 1 {
			x0 := x[:len(g)]
			for e, di := range g {
				gi := float64(-di * scale)
				g[e] = gi
				s += gi
				s0 += float64(gi * x0[e])
			}
			row[0] = s0
		} else {
			x0, x1 := x[:len(g)], x[rows:][:len(g)]
			for e, di := range g {
				gi := float64(-di * scale)
				g[e] = gi
				s += gi
				s0 += float64(gi * x0[e])
				s1 += float64(gi * x1[e])
			}
			row[0], row[1] = s0, s1
			j = 2
		}
		db[i] = s
		// The other weights two a pass over the batch, each its own sum in
		// order.
		for ; j+2 <= in; j += 2 {
			x0, x1 := x[j*rows:][:len(g)], x[(j+1)*rows:][:len(g)]
			var s0, s1 float64
			for e, gi := range g {
				s0 += float64(gi * x0[e])
				s1 += float64(gi * x1[e])
			}
			row[j], row[j+1] = s0, s1
		}
		if j < in {
			var s float64
			for e, p := range x[j*rows:][:len(g)] {
				s += float64(g[e] * p)
			}
			row[j] = s
		}
	}
}

// column returns the first example's units of a unit-major layer, gathered
// into a buffer valid until the next call.
func (b *Backprop) column(v []float64, nk int) []float64 {
	b.first = b.first[:0]
	for i := range nk {
		b.first = append(b.first, v[i*b.rows])
	}
	return b.first
}

// trace records the first example's passes (the update's weights are
// added after it is computed).
func (b *Backprop) trace(ex Example, tr *Trace) {
	n, L := b.net, b.net.Layers()
	first := func(v [][]float64, k int) []float64 { return b.column(v[k], n.Sizes[k]) }
	tr.Reset(b.name, ex.X, ex.Y)
	for k := 1; k <= L; k++ {
		tr.AddUnits(EvForward, k, first(b.x, k))
	}
	tr.AddUnits(EvOutputError, L, b.column(b.e, n.Sizes[L]))
	tr.AddUnits(EvBackward, L, first(b.d, L))
	kind := EvBackward
	if b.mode != backTransposed {
		kind = EvFeedback
	}
	for k := L - 1; k >= 1; k-- {
		tr.AddUnits(kind, k, first(b.d, k))
	}
}

// mulCols sets dst (nk × rows, unit-major) to M·src, src m × rows: dst_je
// = Σ_i M(j, i) src_ie summed over i in increasing order from 0, where
// M(j, i) = md[i·nk + j] (transposed: Wᵀ of an m × nk matrix) or md[j·m + i]
// (an nk × m matrix).
func (b *Backprop) mulCols(dst, md, src []float64, nk, m int, transposed bool) {
	rows := b.rows
	at := func(j, i int) float64 {
		if transposed {
			return md[i*nk+j]
		}
		return md[j*m+i]
	}
	for j := range nk {
		dj := dst[j*rows:][:rows]
		// Two terms a pass over the row, the sum's order unchanged:
		// ((0 + p_0) + p_1) + … — 0 + the first product clears the sum
		// without a call to clear. The first pass takes one term if m is
		// odd, two if it is even.
		i := 2 - m%2
		if i == 1 {
			v0, s0 := at(j, 0), src[:len(dj)]
			for e := range dj {
				dj[e] = 0 + float64(v0*s0[e])
			}
		} else {
			v0, v1, s0, s1 := at(j, 0), at(j, 1), src[:len(dj)], src[rows:][:len(dj)]
			for e := range dj {
				dj[e] = 0 + float64(v0*s0[e]) + float64(v1*s1[e])
			}
		}
		for ; i < m; i += 2 {
			v0, v1 := at(j, i), at(j, i+1)
			s0, s1 := src[i*rows:][:len(dj)], src[(i+1)*rows:][:len(dj)]
			for e := range dj {
				dj[e] = dj[e] + float64(v0*s0[e]) + float64(v1*s1[e])
			}
		}
	}
}

// backward computes δ_k from δ_{k+1} (or, for direct feedback alignment,
// from e = δ_L, the output gradient at the pre-activation), k < L, for every
// row of the batch.
func (b *Backprop) backward(k, rows int) {
	n := b.net
	nk, nk1, nL := n.Sizes[k], n.Sizes[k+1], n.Sizes[n.Layers()]
	dk := b.d[k][:rows*nk]
	switch b.mode {
	case backTransposed, backFeedback:
		// δ_k = Mᵀ δ_{k+1}: each δ_k[j] sums M[i][j] δ_{k+1}[i] over i in
		// increasing order.
		m := n.W[k+1]
		if b.mode == backFeedback {
			m = n.Feedback[k+1]
		}
		md := m.mat.Data[:nk1*nk]
		b.mulCols(dk, md, b.d[k+1][:rows*nk1], nk, nk1, true)
	case backDirect:
		md := n.DirectFeedback[k].mat.Data[:nk*nL]
		b.mulCols(dk, md, b.d[n.Layers()][:rows*nL], nk, nL, false)
	}
	n.Acts[k].MulDeriv(dk, b.a[k], b.x[k])
}
