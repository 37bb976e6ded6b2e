package engine

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
)

// Dense and VecDense hold the engine's matrices and vectors: row-major
// float64 storage as gonum's General and Vector describe it,
// with the few methods of gonum's mat.Dense and mat.VecDense the engine and
// its callers use, under the same names and meanings. Products go through
// gemm and portableBLAS (engine/blas.go). Neither gonum/mat nor blas64 is
// linked: mat brings LAPACK, blas64 the whole of gonum's BLAS, about 2.6 MB
// of the page's wasm for routines the engine never calls.

// General is a row-major matrix: element (i, j) is Data[i*Stride+j]. The
// fields are General's.
type General struct {
	Rows, Cols, Stride int
	Data               []float64
}

// Vector is a vector: element i is Data[i*Inc]. The fields are
// Vector's.
type Vector struct {
	N, Inc int
	Data   []float64
}

// gemm computes C = alpha·op(A)·op(B) + beta·C, as blas64.Gemm does.
func gemm(tA, tB blas.Transpose, alpha float64, a, b General, beta float64, c General) {
	var m, n, k int
	if tA == blas.NoTrans {
		m, k = a.Rows, a.Cols
	} else {
		m, k = a.Cols, a.Rows
	}
	if tB == blas.NoTrans {
		n = b.Cols
	} else {
		n = b.Rows
	}
	portableBLAS{}.Dgemm(tA, tB, m, n, k, alpha, a.Data, a.Stride, b.Data, b.Stride, beta, c.Data, c.Stride)
}

// Dense is an r×c matrix stored row-major with stride c.
type Dense struct{ mat General }

// NewDense is an r×c matrix backed by data (row-major, len r·c), or by new
// zeroed storage when data is nil. It panics on a negative size or a data
// slice of the wrong length, as mat.NewDense does.
func NewDense(r, c int, data []float64) *Dense {
	if r < 0 || c < 0 {
		panic(fmt.Sprintf("engine: negative matrix size %d×%d", r, c))
	}
	if data == nil {
		data = make([]float64, r*c)
	} else if len(data) != r*c {
		panic(fmt.Sprintf("engine: %d values for a %d×%d matrix", len(data), r, c))
	}
	return &Dense{General{Rows: r, Cols: c, Stride: c, Data: data}}
}

// Dims is the number of rows and columns.
func (m *Dense) Dims() (r, c int) { return m.mat.Rows, m.mat.Cols }

// At is the element at row i, column j.
func (m *Dense) At(i, j int) float64 { return m.mat.Data[m.index(i, j)] }

// Set sets the element at row i, column j to v.
func (m *Dense) Set(i, j int, v float64) { m.mat.Data[m.index(i, j)] = v }

func (m *Dense) index(i, j int) int {
	if uint(i) >= uint(m.mat.Rows) || uint(j) >= uint(m.mat.Cols) {
		panic(fmt.Sprintf("engine: index (%d, %d) out of a %d×%d matrix", i, j, m.mat.Rows, m.mat.Cols))
	}
	return i*m.mat.Stride + j
}

// RawMatrix is the underlying storage (shared, not copied).
func (m *Dense) RawMatrix() General { return m.mat }

// RawRowView is row i of the storage (shared, not copied).
func (m *Dense) RawRowView(i int) []float64 {
	if uint(i) >= uint(m.mat.Rows) {
		panic(fmt.Sprintf("engine: row %d out of a %d×%d matrix", i, m.mat.Rows, m.mat.Cols))
	}
	return m.mat.Data[i*m.mat.Stride : i*m.mat.Stride+m.mat.Cols]
}

// SetRow copies src into row i; len(src) must be the number of columns.
func (m *Dense) SetRow(i int, src []float64) {
	if len(src) != m.mat.Cols {
		panic(fmt.Sprintf("engine: row of %d values for a %d×%d matrix", len(src), m.mat.Rows, m.mat.Cols))
	}
	copy(m.RawRowView(i), src)
}

// SetCol copies src into column j; len(src) must be the number of rows.
func (m *Dense) SetCol(j int, src []float64) {
	if len(src) != m.mat.Rows {
		panic(fmt.Sprintf("engine: column of %d values for a %d×%d matrix", len(src), m.mat.Rows, m.mat.Cols))
	}
	if len(src) == 0 {
		return
	}
	m.index(0, j) // the column's bounds, checked once
	d, st := m.mat.Data, m.mat.Stride
	for i, v := range src {
		d[i*st+j] = v
	}
}

// Col copies column j into dst (resliced to the number of rows, grown if
// short) and returns it.
func (m *Dense) Col(j int, dst []float64) []float64 {
	dst = dst[:0]
	if m.mat.Rows == 0 {
		return dst
	}
	m.index(0, j) // the column's bounds, checked once
	d, st := m.mat.Data, m.mat.Stride
	for i := range m.mat.Rows {
		dst = append(dst, d[i*st+j])
	}
	return dst
}

// Copy copies the part of a that overlaps m into m and returns its size,
// as mat.Dense.Copy does.
func (m *Dense) Copy(a *Dense) (r, c int) {
	r, c = min(m.mat.Rows, a.mat.Rows), min(m.mat.Cols, a.mat.Cols)
	for i := 0; i < r; i++ {
		copy(m.mat.Data[i*m.mat.Stride:i*m.mat.Stride+c], a.mat.Data[i*a.mat.Stride:i*a.mat.Stride+c])
	}
	return r, c
}

// Add sets m to a + b, element by element; all three have one shape.
func (m *Dense) Add(a, b *Dense) {
	if a.mat.Rows != b.mat.Rows || a.mat.Cols != b.mat.Cols || m.mat.Rows != a.mat.Rows || m.mat.Cols != a.mat.Cols {
		panic(fmt.Sprintf("engine: adding %d×%d and %d×%d into %d×%d", a.mat.Rows, a.mat.Cols, b.mat.Rows, b.mat.Cols, m.mat.Rows, m.mat.Cols))
	}
	for i := 0; i < m.mat.Rows; i++ {
		mr, ar, br := m.RawRowView(i), a.RawRowView(i), b.RawRowView(i)
		for j := range mr {
			mr[j] = ar[j] + br[j]
		}
	}
}

// Zero sets every element to 0.
func (m *Dense) Zero() {
	for i := 0; i < m.mat.Rows; i++ {
		clear(m.RawRowView(i))
	}
}

// VecDense is a vector of n elements with increment 1.
type VecDense struct{ vec Vector }

// NewVecDense is a vector of n elements backed by data (len n), or by new
// zeroed storage when data is nil.
func NewVecDense(n int, data []float64) *VecDense {
	if n < 0 {
		panic(fmt.Sprintf("engine: negative vector length %d", n))
	}
	if data == nil {
		data = make([]float64, n)
	} else if len(data) != n {
		panic(fmt.Sprintf("engine: %d values for a vector of %d", len(data), n))
	}
	return &VecDense{Vector{N: n, Inc: 1, Data: data}}
}

// Len is the number of elements.
func (v *VecDense) Len() int { return v.vec.N }

// AtVec is element i.
func (v *VecDense) AtVec(i int) float64 { return v.vec.Data[v.index(i)] }

// SetVec sets element i to x.
func (v *VecDense) SetVec(i int, x float64) { v.vec.Data[v.index(i)] = x }

func (v *VecDense) index(i int) int {
	if uint(i) >= uint(v.vec.N) {
		panic(fmt.Sprintf("engine: index %d out of a vector of %d", i, v.vec.N))
	}
	return i * v.vec.Inc
}

// RawVector is the underlying storage (shared, not copied).
func (v *VecDense) RawVector() Vector { return v.vec }

// CopyVec copies the elements of a that overlap v into v and returns how
// many, as mat.VecDense.CopyVec does.
func (v *VecDense) CopyVec(a *VecDense) int {
	n := min(v.vec.N, a.vec.N)
	copy(v.vec.Data[:n], a.vec.Data[:n])
	return n
}

// AddVec sets v to a + b, element by element; all three have one length.
func (v *VecDense) AddVec(a, b *VecDense) {
	if a.vec.N != b.vec.N || v.vec.N != a.vec.N {
		panic(fmt.Sprintf("engine: adding vectors of %d and %d into %d", a.vec.N, b.vec.N, v.vec.N))
	}
	for i := range v.vec.Data[:v.vec.N] {
		v.vec.Data[i] = a.vec.Data[i] + b.vec.Data[i]
	}
}

// Zero sets every element to 0.
func (v *VecDense) Zero() { clear(v.vec.Data[:v.vec.N]) }
