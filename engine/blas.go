package engine

import (
	"gonum.org/v1/gonum/blas"
)

// The engine computes matrix products through gemm (engine/dense.go), backed
// by portableBLAS, gonum's blas.Float64 Dgemm signature. gonum's own kernels use SIMD assembly on amd64, with a
// different summation order than the portable Go they run in WebAssembly, so
// a product can differ in its last bit between the CLI and the page.
// portableBLAS replaces the routines the engine calls with plain loops in one
// fixed order: the same link gives bit-identical numbers everywhere
// (engine/cmd/learn's wasm test holds that). For the engine's small nets the
// loops cost no more than the kernels.
// (The page does not link gonum's blas64: its package default, the whole of
// gonum's BLAS, would cost 1 MB of wasm for routines never called.)
type portableBLAS struct{}

// Dgemm computes C = alpha·op(A)·op(B) + beta·C, summing over the inner index
// in ascending order. As in reference BLAS, C is not read when beta is 0.
func (portableBLAS) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	at := tA == blas.Trans || tA == blas.ConjTrans
	bt := tB == blas.Trans || tB == blas.ConjTrans
	for i := 0; i < m; i++ {
		ci := c[i*ldc : i*ldc+n]
		for j := range ci {
			var s float64
			switch {
			case !at && bt: // A·Bᵀ: both rows contiguous
				ar, br := a[i*lda:i*lda+k], b[j*ldb:j*ldb+k]
				for l, v := range ar {
					s += float64(v * br[l])
				}
			case !at && !bt:
				ar := a[i*lda : i*lda+k]
				for l, v := range ar {
					s += float64(v * b[l*ldb+j])
				}
			case at && !bt:
				for l := 0; l < k; l++ {
					s += float64(a[l*lda+i] * b[l*ldb+j])
				}
			default:
				for l := 0; l < k; l++ {
					s += float64(a[l*lda+i] * b[j*ldb+l])
				}
			}
			if beta == 0 {
				ci[j] = alpha * s
			} else {
				ci[j] = float64(alpha*s) + float64(beta*ci[j])
			}
		}
	}
}
