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
// output error straight to every hidden layer (Nøkland 2016).
type Backprop struct {
	net  *Net
	xent bool
	mode backMode
	s    *Scratch
	d    [][]float64 // δ per layer
	e    []float64   // output error x_L − d
	name string
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
	return &Backprop{net: n, xent: loss == "xent", mode: mode, s: n.NewScratch(), d: layerVectors(n.Sizes), e: make([]float64, n.Sizes[n.Layers()]), name: name}
}

// Name returns the rule's link name.
func (b *Backprop) Name() string { return b.name }

// Compute implements Rule.
func (b *Backprop) Compute(batch []Example, u *Update, tr *Trace) {
	u.Zero()
	if len(batch) == 0 {
		return
	}
	n, L := b.net, b.net.Layers()
	a, x, d := b.s.A, b.s.X, b.d
	scale := 1 / float64(len(batch))
	for e, ex := range batch {
		n.Forward(ex.X, a, x)
		traced := tr != nil && e == 0
		if traced {
			tr.Reset(b.name, ex.X, ex.Y)
			for k := 1; k <= L; k++ {
				tr.AddUnits(EvForward, k, x[k])
			}
		}
		errOut := b.e
		for i, y := range x[L] {
			errOut[i] = y - ex.Y[i]
		}
		copy(d[L], errOut)
		if !b.xent {
			n.Acts[L].MulDeriv(d[L], a[L], x[L])
		}
		if traced {
			tr.AddUnits(EvOutputError, L, errOut)
			tr.AddUnits(EvBackward, L, d[L])
		}
		for k := L - 1; k >= 1; k-- {
			b.backward(k, errOut)
			if traced {
				kind := EvBackward
				if b.mode != backTransposed {
					kind = EvFeedback
				}
				tr.AddUnits(kind, k, d[k])
			}
		}
		// Accumulate −δ_k x_{k−1}ᵀ / batch.
		for k := 1; k <= L; k++ {
			dw := u.DW[k].RawMatrix()
			db := u.DB[k].RawVector().Data
			prev := x[k-1]
			for i, di := range d[k] {
				g := float64(-di * scale)
				db[i] += g
				row := dw.Data[i*dw.Stride:][:len(prev)]
				for j, p := range prev {
					row[j] += float64(g * p)
				}
			}
		}
	}
	if tr != nil {
		for k := 1; k <= L; k++ {
			tr.AddWeights(EvUpdate, k, u.DW[k].RawMatrix().Data)
		}
	}
}

// backward computes δ_k from δ_{k+1} (or from the output error e for direct
// feedback alignment), k < L.
func (b *Backprop) backward(k int, e []float64) {
	n := b.net
	dk := b.d[k]
	switch b.mode {
	case backTransposed, backFeedback:
		// δ_k = Mᵀ δ_{k+1}, accumulated row by row of M: each δ_k[j] sums
		// M[i][j] δ_{k+1}[i] over i in increasing order, as a column walk
		// would, so the bits are the same.
		m := n.W[k+1]
		if b.mode == backFeedback {
			m = n.Feedback[k+1]
		}
		raw := m.RawMatrix()
		clear(dk)
		for i, di := range b.d[k+1] {
			row := raw.Data[i*raw.Stride:][:len(dk)]
			for j, v := range row {
				dk[j] += float64(v * di)
			}
		}
	case backDirect:
		raw := n.DirectFeedback[k].RawMatrix()
		for j := range dk {
			row := raw.Data[j*raw.Stride:][:len(e)]
			var s float64
			for i, ei := range e {
				s += float64(row[i] * ei)
			}
			dk[j] = s
		}
	}
	n.Acts[k].MulDeriv(dk, b.s.A[k], b.s.X[k])
}
