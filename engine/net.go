package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Net is a layered network: sizes n_0..n_L, forward weights W[k]
// (n_k × n_{k-1}), biases B[k] and an activation per layer. Rules that learn
// through feedback read it from here: tied feedback is γ W[k+1]ᵀ; feedback
// alignment's fixed random matrices are Feedback[k] (same shape as W[k], used
// transposed in place of W[k]ᵀ) and DirectFeedback[k] (n_k × n_L, direct
// feedback alignment).
type Net struct {
	Sizes          []int
	Acts           []Activation // Acts[k] for k = 1..L; Acts[0] is Linear
	W              []*Dense
	B              []*VecDense
	Feedback       []*Dense
	DirectFeedback []*Dense
}

// NewNet allocates a net of the given sizes with all weights zero. hidden is
// the activation of layers 1..L-1, out that of layer L.
func NewNet(sizes []int, hidden, out Activation) *Net {
	if len(sizes) < 2 {
		panic(fmt.Sprintf("engine: a net needs at least 2 layers, got sizes %v", sizes))
	}
	L := len(sizes) - 1
	n := &Net{
		Sizes:          append([]int(nil), sizes...),
		Acts:           make([]Activation, L+1),
		W:              make([]*Dense, L+1),
		B:              make([]*VecDense, L+1),
		Feedback:       make([]*Dense, L+1),
		DirectFeedback: make([]*Dense, L+1),
	}
	for k := 1; k <= L; k++ {
		if sizes[k] < 1 || sizes[k-1] < 1 {
			panic(fmt.Sprintf("engine: layer sizes must be positive, got %v", sizes))
		}
		n.Acts[k] = hidden
		n.W[k] = NewDense(sizes[k], sizes[k-1], nil)
		n.B[k] = NewVecDense(sizes[k], nil)
		n.Feedback[k] = NewDense(sizes[k], sizes[k-1], nil)
		n.DirectFeedback[k] = NewDense(sizes[k], sizes[L], nil)
	}
	n.Acts[L] = out
	return n
}

// Layers returns L, the index of the output layer.
func (n *Net) Layers() int { return len(n.Sizes) - 1 }

// Init draws the forward weights and biases with one of the schemes:
//
//	tfp:    TF Playground's: weights uniform in [-0.5, 0.5], biases 0.1
//	glorot: uniform ±√(6/(fan_in+fan_out)), biases 0
//	fanin:  uniform ±1/√fan_in, biases 0
//	zero:   TF Playground's initZero: weights 0, biases 0.1
//
// Weights are drawn layer by layer, row by row, so a seed names one net.
func (n *Net) Init(scheme string, rng *rand.Rand) error {
	for k := 1; k <= n.Layers(); k++ {
		in, out := n.Sizes[k-1], n.Sizes[k]
		var limit, bias float64
		switch scheme {
		case "tfp":
			limit, bias = 0.5, 0.1
		case "glorot":
			limit = math.Sqrt(6 / float64(in+out))
		case "fanin":
			limit = 1 / math.Sqrt(float64(in))
		case "zero":
			limit, bias = 0, 0.1
		default:
			return fmt.Errorf("unknown init scheme %q", scheme)
		}
		fillUniform(n.W[k].mat.Data, limit, rng)
		for i := range n.B[k].vec.Data {
			n.B[k].vec.Data[i] = bias
		}
	}
	return nil
}

// InitFeedback draws feedback alignment's fixed random matrices, uniform
// ±1/√fan_out of the layer they carry the signal into — the same scale as the
// forward weights they stand in for.
func (n *Net) InitFeedback(rng *rand.Rand) {
	L := n.Layers()
	for k := 1; k <= L; k++ {
		fillUniform(n.Feedback[k].mat.Data, 1/math.Sqrt(float64(n.Sizes[k])), rng)
	}
	for k := 1; k <= L; k++ {
		fillUniform(n.DirectFeedback[k].mat.Data, 1/math.Sqrt(float64(n.Sizes[L])), rng)
	}
}

func fillUniform(dst []float64, limit float64, rng *rand.Rand) {
	for i := range dst {
		dst[i] = limit * (2*float64(rng.Float64()) - 1)
	}
}

// Clone returns a deep copy.
func (n *Net) Clone() *Net {
	c := NewNet(n.Sizes, Linear, Linear)
	copy(c.Acts, n.Acts)
	for k := 1; k <= n.Layers(); k++ {
		c.W[k].Copy(n.W[k])
		c.B[k].CopyVec(n.B[k])
		c.Feedback[k].Copy(n.Feedback[k])
		c.DirectFeedback[k].Copy(n.DirectFeedback[k])
	}
	return c
}

// Forward computes every layer's pre-activation a[k] and activity x[k] for one
// input; x[0] is the input itself. a and x must have the net's sizes
// (Activities allocates them). It allocates nothing.
func (n *Net) Forward(input []float64, a, x [][]float64) {
	copy(x[0], input)
	for k := 1; k < len(n.Sizes); k++ {
		w := n.W[k].RawMatrix()
		b := n.B[k].vec.Data
		prev, ak := x[k-1], a[k]
		ak = ak[:len(b)]
		for i := range ak {
			row := w.Data[i*w.Stride:][:len(prev)]
			s := b[i]
			for j, v := range row {
				s += float64(v * prev[j])
			}
			ak[i] = s
		}
		n.Acts[k].ApplyTo(ak, x[k])
	}
}

// ForwardCols is Forward for many inputs at once, layer by layer and unit
// by unit: the layers are unit-major, with each unit's values for all the
// inputs side by side. x[0] holds n_0 × cols values (x[0][j·cols + e] is
// input e's feature j), and a[k], x[k] receive the n_k × cols
// pre-activations and activities (ColBuffers allocates them). Every input's
// numbers are Forward's, bit for bit: the same sums in the same order. The
// inner loops run over the inputs rather than over a tiny layer's units,
// which in WebAssembly is twice as fast for the playground's nets, and the
// activation is applied to the whole layer in one call. It allocates
// nothing.
func (n *Net) ForwardCols(cols int, a, x [][]float64) {
	for k := 1; k < len(n.Sizes); k++ {
		in, out := n.Sizes[k-1], n.Sizes[k]
		affineCols(n.W[k].mat.Data, n.B[k].vec.Data, x[k-1][:in*cols], a[k][:out*cols], in, out, cols)
		n.Acts[k].ApplyTo(a[k][:out*cols], x[k])
	}
}

// affineCols sets y (out × cols, unit-major) to b + W·x column by column,
// x in × cols and W out × in row-major: y_ie = b_i + Σ_j W_ij x_je summed
// over j in increasing order, each product rounded (never fused) — Forward's
// order, a unit's row of values at a time.
func affineCols(w, b, x, y []float64, in, out, cols int) {
	w, b = w[:out*in], b[:out]
	x, y = x[:in*cols], y[:out*cols]
	for i, bi := range b {
		yi := y[i*cols:][:cols]
		wi := w[i*in:][:in]
		// Two inputs a pass over the row, the sum's order unchanged:
		// (((b + p_0) + p_1) + p_2) + … The first pass starts from the bias
		// and takes one product if in is odd, two if it is even.
		j := 2 - in%2
		if j == 1 {
			w0, x0 := wi[0], x[:len(yi)]
			for e := range yi {
				yi[e] = bi + float64(w0*x0[e])
			}
		} else {
			w0, w1, x0, x1 := wi[0], wi[1], x[:len(yi)], x[cols:][:len(yi)]
			for e := range yi {
				yi[e] = bi + float64(w0*x0[e]) + float64(w1*x1[e])
			}
		}
		for ; j < in; j += 2 {
			w0, w1 := wi[j], wi[j+1]
			x0, x1 := x[j*cols:][:len(yi)], x[(j+1)*cols:][:len(yi)]
			for e := range yi {
				yi[e] = yi[e] + float64(w0*x0[e]) + float64(w1*x1[e])
			}
		}
	}
}

// ColBuffers allocates per-layer buffers of n_k × cols values.
func (n *Net) ColBuffers(cols int) [][]float64 {
	sizes := make([]int, len(n.Sizes))
	for k, s := range n.Sizes {
		sizes[k] = cols * s
	}
	return layerVectors(sizes)
}

// Predict returns the output for one input, using the scratch space s.
func (n *Net) Predict(input []float64, s *Scratch) []float64 {
	n.Forward(input, s.A, s.X)
	return s.X[n.Layers()]
}

// Scratch holds per-layer vectors for one forward pass.
type Scratch struct{ A, X [][]float64 }

// NewScratch allocates per-layer vectors for the net's sizes.
func (n *Net) NewScratch() *Scratch {
	return &Scratch{A: layerVectors(n.Sizes), X: layerVectors(n.Sizes)}
}

func layerVectors(sizes []int) [][]float64 {
	total := 0
	for _, s := range sizes {
		total += s
	}
	flat := make([]float64, total)
	v := make([][]float64, len(sizes))
	for k, s := range sizes {
		v[k], flat = flat[:s:s], flat[s:]
	}
	return v
}

// Update is a change to a net's weights and biases, per unit of learning
// rate: the net learns by W[k] += η·DW[k], B[k] += η·DB[k].
type Update struct {
	DW []*Dense
	DB []*VecDense
}

// NewUpdate allocates a zero update shaped like the net.
func (n *Net) NewUpdate() *Update {
	u := &Update{DW: make([]*Dense, len(n.Sizes)), DB: make([]*VecDense, len(n.Sizes))}
	for k := 1; k <= n.Layers(); k++ {
		u.DW[k] = NewDense(n.Sizes[k], n.Sizes[k-1], nil)
		u.DB[k] = NewVecDense(n.Sizes[k], nil)
	}
	return u
}

// Zero sets every entry to 0.
func (u *Update) Zero() {
	for k := 1; k < len(u.DW); k++ {
		u.DW[k].Zero()
		u.DB[k].Zero()
	}
}

// Apply adds η·u to the net's weights and biases, with optional weight decay
// on the weights (not the biases, as TF Playground does): "L2" subtracts
// η·λ·w, "L1" subtracts η·λ·sign(w).
func (n *Net) Apply(u *Update, eta float64, reg string, lambda float64) {
	// The regulariser is chosen once, not per weight: a loop for each.
	for k := 1; k <= n.Layers(); k++ {
		w := n.W[k].mat.Data
		dw := u.DW[k].mat.Data[:len(w)]
		switch reg {
		case "L2":
			for i, g := range dw {
				g -= float64(lambda * w[i])
				w[i] += float64(eta * g)
			}
		case "L1":
			for i, g := range dw {
				if w[i] > 0 {
					g -= lambda
				} else if w[i] < 0 {
					g += lambda
				}
				w[i] += float64(eta * g)
			}
		default:
			for i, g := range dw {
				w[i] += float64(eta * g)
			}
		}
		b := n.B[k].vec.Data
		for i, g := range u.DB[k].vec.Data[:len(b)] {
			b[i] += float64(eta * g)
		}
	}
}
