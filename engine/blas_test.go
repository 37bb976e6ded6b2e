package engine

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// TestPortableDgemmMatchesGonum: every transpose case, with and without beta,
// against gonum's own Dgemm (which may sum in another order: equal to a few
// ulps of the sum of magnitudes).
func TestPortableDgemmMatchesGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	rnd := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = 2*rng.Float64() - 1
		}
		return v
	}
	for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
		for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			for _, beta := range []float64{0, 0.7} {
				m, n, k := 5, 3, 7
				lda, ldb := k, n
				if tA == blas.Trans {
					lda = m
				}
				if tB == blas.Trans {
					ldb = k
				}
				a, b, c := rnd(m*k), rnd(k*n), rnd(m*n)
				got, want := append([]float64(nil), c...), append([]float64(nil), c...)
				// Through gemm, which reads m, n and k off the shapes.
				ar, ac, br, bc := m, k, k, n
				if tA == blas.Trans {
					ar, ac = k, m
				}
				if tB == blas.Trans {
					br, bc = n, k
				}
				gemm(tA, tB, 1.3, General{ar, ac, lda, a}, General{br, bc, ldb, b}, beta, General{m, n, n, got})
				gonum.Implementation{}.Dgemm(tA, tB, m, n, k, 1.3, a, lda, b, ldb, beta, want, n)
				for i := range got {
					if math.Abs(got[i]-want[i]) > 1e-14 {
						t.Errorf("tA=%c tB=%c beta=%v: c[%d] = %v, gonum %v", tA, tB, beta, i, got[i], want[i])
					}
				}
			}
		}
	}
}
