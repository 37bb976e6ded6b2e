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

	// Per-layer buffers for a whole batch, rows × n_k, row-major: the
	// batch goes through the net a layer at a time.
	rows    int
	a, x, d [][]float64 // pre-activations, activities, δ
	e       []float64   // output error x_L − d, rows × n_L
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
	b.a, b.x, b.d = n.RowBuffers(rows), n.RowBuffers(rows), n.RowBuffers(rows)
	b.e = make([]float64, rows*n.Sizes[n.Layers()])
}

// Name returns the rule's link name.
func (b *Backprop) Name() string { return b.name }

// Compute implements Rule. The batch goes through a layer at a time; each
// example's numbers, and the order in which the update sums them, are those
// of taking the examples one by one.
func (b *Backprop) Compute(batch []Example, u *Update, tr *Trace) {
	u.Zero()
	if len(batch) == 0 {
		return
	}
	n, L := b.net, b.net.Layers()
	rows := len(batch)
	b.resize(rows)
	a, x, d := b.a, b.x, b.d
	n0, nL := n.Sizes[0], n.Sizes[L]
	for e, ex := range batch {
		copy(x[0][e*n0:][:n0], ex.X)
	}
	n.ForwardRows(rows, a, x)
	for e, ex := range batch {
		out, er := x[L][e*nL:][:nL], b.e[e*nL:][:nL]
		for i, y := range out {
			er[i] = y - ex.Y[i]
		}
	}
	copy(d[L], b.e)
	if !b.xent {
		n.Acts[L].MulDeriv(d[L], a[L], x[L])
	}
	for k := L - 1; k >= 1; k-- {
		b.backward(k, rows)
	}
	// Accumulate −δ_k x_{k−1}ᵀ / batch, example by example.
	scale := 1 / float64(rows)
	for k := 1; k <= L; k++ {
		in, out := n.Sizes[k-1], n.Sizes[k]
		dw := u.DW[k].RawMatrix().Data[:out*in]
		db := u.DB[k].RawVector().Data[:out]
		for e := 0; e < rows; e++ {
			prev, de := x[k-1][e*in:][:in], d[k][e*out:][:out]
			for i, di := range de {
				g := float64(-di * scale)
				db[i] += g
				row := dw[i*in:][:in]
				for j, p := range prev {
					row[j] += float64(g * p)
				}
			}
		}
	}
	if tr != nil {
		b.trace(batch[0], tr, u)
	}
}

// trace records the first example's passes.
func (b *Backprop) trace(ex Example, tr *Trace, u *Update) {
	n, L := b.net, b.net.Layers()
	first := func(v [][]float64, k int) []float64 { return v[k][:n.Sizes[k]] }
	tr.Reset(b.name, ex.X, ex.Y)
	for k := 1; k <= L; k++ {
		tr.AddUnits(EvForward, k, first(b.x, k))
	}
	tr.AddUnits(EvOutputError, L, b.e[:n.Sizes[L]])
	tr.AddUnits(EvBackward, L, first(b.d, L))
	kind := EvBackward
	if b.mode != backTransposed {
		kind = EvFeedback
	}
	for k := L - 1; k >= 1; k-- {
		tr.AddUnits(kind, k, first(b.d, k))
	}
	for k := 1; k <= L; k++ {
		tr.AddWeights(EvUpdate, k, u.DW[k].RawMatrix().Data)
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
		// δ_k = Mᵀ δ_{k+1}, accumulated row by row of M: each δ_k[j] sums
		// M[i][j] δ_{k+1}[i] over i in increasing order.
		m := n.W[k+1]
		if b.mode == backFeedback {
			m = n.Feedback[k+1]
		}
		md := m.RawMatrix().Data[:nk1*nk]
		clear(dk)
		for e := 0; e < rows; e++ {
			de, up := dk[e*nk:][:nk], b.d[k+1][e*nk1:][:nk1]
			for i, di := range up {
				row := md[i*nk:][:nk]
				for j, v := range row {
					de[j] += float64(v * di)
				}
			}
		}
	case backDirect:
		md := n.DirectFeedback[k].RawMatrix().Data[:nk*nL]
		for e := 0; e < rows; e++ {
			de, er := dk[e*nk:][:nk], b.d[n.Layers()][e*nL:][:nL]
			for j := range de {
				row := md[j*nL:][:nL]
				var s float64
				for i, ei := range er {
					s += float64(row[i] * ei)
				}
				de[j] = s
			}
		}
	}
	n.Acts[k].MulDeriv(dk, b.a[k], b.x[k])
}
