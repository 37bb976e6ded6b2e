package engine

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// The batched kernels (affineCols, gradCols, mulCols, Settler.feedback,
// portableBLAS.Dgemm)
// promise the numbers of the plain loops their comments state: every sum in
// its written order, every product rounded. Floating-point addition is not
// associative, so a kernel that regroups a sum (to take two terms a pass,
// say) changes the last bits of a link's numbers. These tests hold each
// kernel to a plain reference, bit for bit, on values spread over many
// magnitudes (where a regrouped sum rounds differently), for odd and even
// sizes and batches.

// spread returns n values of random sign spread over 2^−12 … 2^12.
func spread(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.Ldexp(2*rng.Float64()-1, rng.IntN(25)-12)
	}
	return v
}

func sameBits(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s: value %d is %v (%#x), the plain loop's %v (%#x)", what, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}

// eachShape calls f for every shape the kernels are tested on: the width
// the kernel pairs over (1 to past the pairing's first passes), the other
// width, and the batch (odd and even).
func eachShape(f func(paired, other, rows int)) {
	for _, paired := range []int{1, 2, 3, 4, 5, 8} {
		for _, other := range []int{1, 3} {
			for _, rows := range []int{1, 7, 10} {
				f(paired, other, rows)
			}
		}
	}
}

func TestAffineColsSumsInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	eachShape(func(in, out, cols int) {
		w, b, x := spread(rng, out*in), spread(rng, out), spread(rng, in*cols)
		got := make([]float64, out*cols)
		affineCols(w, b, x, got, in, out, cols)
		want := make([]float64, out*cols)
		for i := range out {
			for e := range cols {
				s := b[i]
				for j := range in {
					s += float64(w[i*in+j] * x[j*cols+e])
				}
				want[i*cols+e] = s
			}
		}
		sameBits(t, "affineCols", got, want)
	})
}

func TestGradColsSumsInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	eachShape(func(in, out, rows int) {
		d, x := spread(rng, out*rows), spread(rng, in*rows)
		scale := 1 / float64(rows)
		want, wantDB := make([]float64, out*in), make([]float64, out)
		wantD := make([]float64, len(d))
		for i := range out {
			var sb float64
			for e := range rows {
				g := float64(-d[i*rows+e] * scale)
				wantD[i*rows+e] = g
				sb += g
			}
			wantDB[i] = sb
			for j := range in {
				var s float64
				for e := range rows {
					s += float64(wantD[i*rows+e] * x[j*rows+e])
				}
				want[i*in+j] = s
			}
		}
		dw, db := make([]float64, out*in), make([]float64, out)
		gradCols(dw, db, d, x, scale, in, out, rows)
		sameBits(t, "gradCols δ", d, wantD)
		sameBits(t, "gradCols bias", db, wantDB)
		sameBits(t, "gradCols weights", dw, want)
	})
}

func TestMulColsSumsInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	eachShape(func(m, nk, rows int) {
		for _, transposed := range []bool{false, true} {
			md, src := spread(rng, nk*m), spread(rng, m*rows)
			want := make([]float64, nk*rows)
			for j := range nk {
				for e := range rows {
					s := 0.0
					for i := range m {
						v := md[j*m+i]
						if transposed {
							v = md[i*nk+j]
						}
						s += float64(v * src[i*rows+e])
					}
					want[j*rows+e] = s
				}
			}
			got := make([]float64, nk*rows)
			(&Backprop{rows: rows}).mulCols(got, md, src, nk, m, transposed)
			sameBits(t, "mulCols", got, want)
		}
	})
}

// TestSettleFeedbackSumsInOrder: γ·t with t = 0 + Σ_l M(l, j) x_{k+1}(l) in
// increasing l, set or added to a base, through the tied weights and the
// random feedback matrix.
func TestSettleFeedbackSumsInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	eachShape(func(up, nk, rows int) {
		for _, random := range []bool{false, true} {
			n := NewNet([]int{2, nk, up}, Tanh, Tanh)
			m := spread(rng, up*nk)
			copy(n.W[2].mat.Data, m)
			if random {
				m = spread(rng, up*nk)
				copy(n.Feedback[2].mat.Data, m)
			}
			s := NewSettler(n, SettleParams{Gamma: 0.37, RandomFeedback: random})
			s.resize(rows)
			copy(s.Free[2].mat.Data, spread(rng, up*rows))
			xu := s.Free[2].mat.Data
			tsum := make([]float64, nk*rows)
			for j := range nk {
				for e := range rows {
					v := 0.0
					for l := range up {
						v += float64(xu[l*rows+e] * m[l*nk+j])
					}
					tsum[j*rows+e] = v
				}
			}
			base := spread(rng, nk*rows)
			wantSet, wantAdd := make([]float64, nk*rows), make([]float64, nk*rows)
			for i, v := range tsum {
				wantSet[i] = float64(0.37 * v)
				wantAdd[i] = base[i] + float64(0.37*v)
			}
			got := make([]float64, nk*rows)
			s.feedback(got, nil, s.Free, 1)
			sameBits(t, "feedback", got, wantSet)
			s.feedback(got, base, s.Free, 1)
			sameBits(t, "feedback onto a base", got, wantAdd)
			s.feedback(base, base, s.Free, 1) // in place, as computeDrive does
			sameBits(t, "feedback onto itself", base, wantAdd)
		}
	})
}

// TestHebbCHLIsTheTwoProducts: CHL's fused Hebbian kernel gives the bits of
// what it stands in for — gemm of the plus phase's states, then gemm of the
// free phase's with beta 1, and the bias's c·(y⁺ − y⁻) added in order.
func TestHebbCHLIsTheTwoProducts(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	eachShape(func(in, out, rows int) {
		yp, ym := spread(rng, out*rows), spread(rng, out*rows)
		xp, xm := spread(rng, in*rows), spread(rng, in*rows)
		const c = 0.37
		gen := func(d []float64, r, cols int) General { return General{Rows: r, Cols: cols, Stride: cols, Data: d} }
		want := gen(make([]float64, out*in), out, in)
		gemm(blas.NoTrans, blas.Trans, c, gen(yp, out, rows), gen(xp, in, rows), 0, want)
		gemm(blas.NoTrans, blas.Trans, -c, gen(ym, out, rows), gen(xm, in, rows), 1, want)
		wantDB := spread(rng, out) // added to, not set
		db := append([]float64(nil), wantDB...)
		for i := range out {
			for e := range rows {
				wantDB[i] += float64(c * (yp[i*rows+e] - ym[i*rows+e]))
			}
		}
		dw := spread(rng, out*in) // overwritten
		hebbCHL(dw, db, yp, ym, xp, xm, c, in, out, rows)
		sameBits(t, "hebbCHL weights", dw, want.Data)
		sameBits(t, "hebbCHL bias", db, wantDB)
	})
}

// TestDgemmSumsInOrder: portableBLAS.Dgemm is alpha·s (+ beta·c), s summed
// over the inner index in ascending order, in each transpose case; with
// beta 0 a NaN in C does not reach the result.
func TestDgemmSumsInOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, at := range []bool{false, true} {
		for _, bt := range []bool{false, true} {
			for _, beta := range []float64{0, 0.7} {
				for _, k := range []int{1, 2, 7, 10} {
					m, n := 3, 4
					lda, ldb := k, n
					if at {
						lda = m
					}
					if bt {
						ldb = k
					}
					a, b, c := spread(rng, m*k), spread(rng, k*n), spread(rng, m*n)
					c[1] = math.NaN()
					want := make([]float64, m*n)
					for i := range m {
						for j := range n {
							var s float64
							for l := range k {
								var x, y float64
								if at {
									x = a[l*lda+i]
								} else {
									x = a[i*lda+l]
								}
								if bt {
									y = b[j*ldb+l]
								} else {
									y = b[l*ldb+j]
								}
								s += float64(x * y)
							}
							want[i*n+j] = 1.3 * s
							if beta != 0 {
								want[i*n+j] = float64(1.3*s) + float64(beta*c[i*n+j])
							}
						}
					}
					tA, tB := blas.NoTrans, blas.NoTrans
					if at {
						tA = blas.Trans
					}
					if bt {
						tB = blas.Trans
					}
					portableBLAS{}.Dgemm(tA, tB, m, n, k, 1.3, a, lda, b, ldb, beta, c, n)
					sameBits(t, "Dgemm", c, want)
				}
			}
		}
	}
}
