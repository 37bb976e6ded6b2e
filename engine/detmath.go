package engine

import "math"

// Deterministic elementary functions.
//
// On amd64 the standard library computes Exp and Log (and so Tanh) in
// assembly, elsewhere — WebAssembly included — in portable Go; the two can
// differ in the last bit, and a learning run amplifies a last bit into
// different numbers within a few hundred steps. The engine therefore uses
// these ports of the standard library's portable code (Go's math/exp.go,
// log.go and tanh.go, BSD licence, themselves from FreeBSD's msun and
// Cephes), which give bit-identical results on every platform. They use only
// +, −, ×, ÷ (never fused), Frexp and Ldexp, which are exact everywhere.
// engine_test checks they agree with package math to within an ulp, and that
// no engine file calls the platform-dependent functions directly.

// exp returns e**x.
func exp(x float64) float64 {
	const (
		overflow  = 7.09782712893383973096e+02
		underflow = -7.45133219101941108420e+02
		nearZero  = 1.0 / (1 << 28)
	)
	switch {
	case math.IsNaN(x):
		return x
	case x > overflow:
		return math.Inf(1)
	case x < underflow:
		return 0
	case -nearZero < x && x < nearZero:
		return 1 + x
	}
	return expReduced(x)
}

// expReduced is exp without its special cases: x is finite, not tiny, and
// within the range where e**x neither overflows nor underflows to zero.
// tanh calls it directly.
func expReduced(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		log2e = 1.44269504088896338700e+00

		p1 = 1.66666666666666657415e-01
		p2 = -2.77777777770155933842e-03
		p3 = 6.61375632143793436117e-05
		p4 = -1.65339022054652515390e-06
		p5 = 4.13813679705723846039e-08
	)
	var k int
	switch {
	case x < 0:
		k = int(float64(log2e*x) - 0.5)
	case x > 0:
		k = int(float64(log2e*x) + 0.5)
	}
	hi := x - float64(float64(k)*ln2Hi)
	lo := float64(float64(k) * ln2Lo)
	r := hi - lo
	t := r * r
	c := r - float64(t*(p1+float64(t*(p2+float64(t*(p3+float64(t*(p4+float64(t*p5)))))))))
	y := 1 - ((lo - (r*c)/(2-c)) - hi)
	if k < -1021 || k > 1023 { // y·2^k may be subnormal or overflow
		return math.Ldexp(y, k)
	}
	return y * pow2(k) // exact, as Ldexp is for a normal result
}

// pow2 returns 2**k for -1022 <= k <= 1023.
func pow2(k int) float64 { return math.Float64frombits(uint64(k+1023) << 52) }

// log returns the natural logarithm of x.
func log(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		l1    = 6.666666666666735130e-01
		l2    = 3.999999999940941908e-01
		l3    = 2.857142874366239149e-01
		l4    = 2.222219843214978396e-01
		l5    = 1.818357216161805012e-01
		l6    = 1.531383769920937332e-01
		l7    = 1.479819860511658591e-01
	)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	f1, ki := math.Frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := float64(s2 * (l1 + float64(s4*(l3+float64(s4*(l5+float64(s4*l7)))))))
	t2 := float64(s4 * (l2 + float64(s4*(l4+float64(s4*l6)))))
	R := t1 + t2
	hfsq := float64(0.5 * f * f)
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+R)) + float64(k*ln2Lo))) - f)
}

// tanh returns the hyperbolic tangent of x within 1e-15 of it, relative
// (a few ulps; detmath_test holds the bound against package math), and
// exactly ±1 beyond ±19.1, where tanh rounds to ±1 anyway.
//
// It is a rational function, x·P(x²)/Q(x²) with P and Q of degree 9 in x²,
// fitted (near-minimax in relative error, P(0) = Q(0) = 1) on [0, 19.1]:
// only +, −, ×, ÷ and two compares — no exp, no branch on the value but the
// clamp — and every product is rounded, so it gives the same bits on every
// platform. It is odd, so tanh(−x) = −tanh(x) exactly; tanh(±0) = ±0 and
// NaN stays NaN.
func tanh(x float64) float64 {
	v := [1]float64{x}
	tanhTo(v[:], v[:])
	return v[0]
}

// tanhEdge is where tanh rounds to ±1.
const tanhEdge = 19.1

// tanhEdgeBits is tanhEdge's bits, which tanhTo's range test compares.
var tanhEdgeBits = math.Float64bits(tanhEdge)

// tanhCoef holds the rational's coefficients, tanh x ≈ x·P(x²)/Q(x²), P's
// then Q's, highest power first (the constant terms are 1). The loops read
// them from memory: the wasm build would materialise each constant from a
// 64-bit immediate, in two instructions, at every use.
var tanhCoef = [...]float64{
	2.49724684291549904192e-23, 7.40571480485830922801e-19, 3.06170815228318300766e-15, // P9, P8, P7
	4.16958332040230629551e-12, 2.44014595739307427894e-9, 6.83008434080791346571e-7, // P6, P5, P4
	9.36009704061360461325e-5, 5.97466304857669806638e-3, 1.51805030090958025823e-1, // P3, P2, P1
	6.21483340441443135617e-21, 5.62687619784201679577e-17, 1.26981247948372626594e-13, // Q9, Q8, Q7
	1.1108944799857507997e-10, 4.46280392078561311597e-8, 8.75331725952364673794e-6, // Q6, Q5, Q4
	8.28112323200506434559e-4, 3.43541175233417636204e-2, 4.85138363424290773905e-1, // Q3, Q2, Q1
}

// tanhTo sets y[i] = tanh(a[i]) for a whole slice, y at least as long as a
// (it may be a). The layer loops call it once per layer rather than tanh per
// unit: calls are dear in WebAssembly, and the rational is too large for
// the compiler to inline.
//
// Its polynomials are Horner chains, each step waiting on the one before,
// so it takes two values a trip and interleaves their four chains: each
// value gets the same operations in the same order, so the same bits.
func tanhTo(a, y []float64) {
	y = y[:len(a)]
	c := &tanhCoef
	edgeBits := tanhEdgeBits
	i := 0
	for ; i+2 <= len(a); i += 2 {
		x0, x1 := a[i], a[i+1]
		// |x0|, |x1| ≤ tanhEdge, tested on the bits (which order as the
		// values do for |x|, NaN's above all): edge − |x| is negative as an
		// int64 if |x| is beyond the edge, so one branch tests both.
		if int64(edgeBits-math.Float64bits(x0)&^(1<<63))|int64(edgeBits-math.Float64bits(x1)&^(1<<63)) < 0 {
			y[i], y[i+1] = tanhOne(x0), tanhOne(x1)
			continue
		}
		t0, t1 := float64(x0*x0), float64(x1*x1)
		p0, p1 := float64(c[0]*t0)+c[1], float64(c[0]*t1)+c[1]
		q0, q1 := float64(c[9]*t0)+c[10], float64(c[9]*t1)+c[10]
		p0, p1 = float64(p0*t0)+c[2], float64(p1*t1)+c[2]
		q0, q1 = float64(q0*t0)+c[11], float64(q1*t1)+c[11]
		p0, p1 = float64(p0*t0)+c[3], float64(p1*t1)+c[3]
		q0, q1 = float64(q0*t0)+c[12], float64(q1*t1)+c[12]
		p0, p1 = float64(p0*t0)+c[4], float64(p1*t1)+c[4]
		q0, q1 = float64(q0*t0)+c[13], float64(q1*t1)+c[13]
		p0, p1 = float64(p0*t0)+c[5], float64(p1*t1)+c[5]
		q0, q1 = float64(q0*t0)+c[14], float64(q1*t1)+c[14]
		p0, p1 = float64(p0*t0)+c[6], float64(p1*t1)+c[6]
		q0, q1 = float64(q0*t0)+c[15], float64(q1*t1)+c[15]
		p0, p1 = float64(p0*t0)+c[7], float64(p1*t1)+c[7]
		q0, q1 = float64(q0*t0)+c[16], float64(q1*t1)+c[16]
		p0, p1 = float64(p0*t0)+c[8], float64(p1*t1)+c[8]
		q0, q1 = float64(q0*t0)+c[17], float64(q1*t1)+c[17]
		p0, p1 = float64(p0*t0)+1, float64(p1*t1)+1
		q0, q1 = float64(q0*t0)+1, float64(q1*t1)+1
		y[i], y[i+1] = clampUnit(float64(x0*p0)/q0), clampUnit(float64(x1*p1)/q1)
	}
	if i < len(a) {
		y[i] = tanhOne(a[i])
	}
}

// tanhOne is tanhTo's value for one x: ±1 beyond ±tanhEdge, the rational
// within.
func tanhOne(x float64) float64 {
	switch {
	case x > tanhEdge:
		return 1
	case x < -tanhEdge:
		return -1
	}
	// The pair loop's chains, one step a trip.
	c := &tanhCoef
	t := float64(x * x)
	p, q := float64(c[0]*t)+c[1], float64(c[9]*t)+c[10]
	for k := 2; k < 9; k++ {
		p, q = float64(p*t)+c[k], float64(q*t)+c[9+k]
	}
	p, q = float64(p*t)+1, float64(q*t)+1
	return clampUnit(float64(x*p) / q)
}

// clampUnit keeps r in [−1, 1] (NaN stays NaN): near ±1 the rational's
// rounding can overshoot by an ulp, and a bounded activation stays bounded.
// It works on the bits, where the test 1 < |r| ≤ ∞ is one unsigned compare
// (below 1 the subtraction wraps) and compiles to a select: float compares
// are branches in the wasm build, two a value.
func clampUnit(r float64) float64 {
	const sign, one, inf = 1 << 63, 0x3FF0000000000000, 0x7FF0000000000000 // the bits of 1 and +∞
	b := math.Float64bits(r)
	if b&^sign-one-1 < inf-one {
		b = b&sign | one
	}
	return math.Float64frombits(b)
}

// sin returns the sine of x: Go's math/sin.go (Cephes: Cody–Waite reduction
// by π/4 in three parts, then a degree-13 polynomial), with every product
// rounded. Package math's own copy is portable Go too, but compiled for
// arm64 or amd64 v3 it fuses its products, and so rounds differently.
func sin(x float64) float64 {
	if x == 0 || math.IsNaN(x) {
		return x
	}
	if math.IsInf(x, 0) {
		return math.NaN()
	}
	sign := x < 0
	j, z := trigOctant(math.Abs(x))
	if j > 3 {
		sign, j = !sign, j-4
	}
	var y float64
	if j == 1 || j == 2 {
		y = cosPoly(z)
	} else {
		y = sinPoly(z)
	}
	if sign {
		return -y
	}
	return y
}

// cos returns the cosine of x (see sin).
func cos(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN()
	}
	j, z := trigOctant(math.Abs(x))
	sign := false
	if j > 3 {
		sign, j = !sign, j-4
	}
	if j > 1 {
		sign = !sign
	}
	var y float64
	if j == 1 || j == 2 {
		y = sinPoly(z)
	} else {
		y = cosPoly(z)
	}
	if sign {
		return -y
	}
	return y
}

// trigOctant reduces x ≥ 0 to z in [−π/4, π/4] and its octant j (0..7):
// x = (j + z/(π/4))·π/4 modulo 2π. Beyond 2²⁹, where the three-part
// reduction loses its precision (package math switches to Payne–Hanek
// there), x is first reduced exactly modulo the float64 nearest 2π: far from
// the true sine, but the same on every platform, and no input of the plane
// (|x| ≤ 6 plus noise) comes near.
func trigOctant(x float64) (j uint64, z float64) {
	const (
		pi4A = 7.85398125648498535156e-1 // π/4 in three parts
		pi4B = 3.77489470793079817668e-8
		pi4C = 2.69515142907905952645e-15
	)
	if x >= 1<<29 {
		x = math.Mod(x, 2*math.Pi)
	}
	j = uint64(float64(x * (4 / math.Pi)))
	y := float64(j)
	if j&1 == 1 { // map zeros to the origin
		j++
		y++
	}
	j &= 7
	z = ((x - float64(y*pi4A)) - float64(y*pi4B)) - float64(y*pi4C)
	return j, z
}

func sinPoly(z float64) float64 {
	zz := z * z
	p := float64(1.58962301576546568060e-10*zz) + -2.50507477628578072866e-8
	p = float64(p*zz) + 2.75573136213857245213e-6
	p = float64(p*zz) + -1.98412698295895385996e-4
	p = float64(p*zz) + 8.33333333332211858878e-3
	p = float64(p*zz) + -1.66666666666666307295e-1
	return z + float64(z*zz*p)
}

func cosPoly(z float64) float64 {
	zz := z * z
	p := float64(-1.13585365213876817300e-11*zz) + 2.08757008419747316778e-9
	p = float64(p*zz) + -2.75573141792967388112e-7
	p = float64(p*zz) + 2.48015872888517045348e-5
	p = float64(p*zz) + -1.38888888888730564116e-3
	p = float64(p*zz) + 4.16666666666665929218e-2
	return 1.0 - float64(0.5*zz) + float64(zz*zz*p)
}

// dist is TF Playground's dist(): √(x² + y²), with no scaling. math.Hypot
// scales to avoid overflow and is assembly on amd64; points here are small.
func dist(x, y float64) float64 { return math.Sqrt(float64(x*x) + float64(y*y)) }

// acos is math.Acos written so that no multiply-add can fuse (Go's own
// polynomial, from math/asin.go and math/atan.go, Cephes): the same bits on
// every CPU and in wasm. |x| > 1 gives NaN.
func acos(x float64) float64 { return math.Pi/2 - asin(x) }

func asin(x float64) float64 {
	if x == 0 {
		return x
	}
	sign := false
	if x < 0 {
		x, sign = -x, true
	}
	if x > 1 {
		return math.NaN()
	}
	temp := math.Sqrt(1 - float64(x*x))
	if x > 0.7 {
		temp = math.Pi/2 - satan(temp/x)
	} else {
		temp = satan(x / temp)
	}
	if sign {
		temp = -temp
	}
	return temp
}

// satan reduces x ≥ 0 to [0, 0.66] for xatan.
func satan(x float64) float64 {
	const (
		morebits = 6.123233995736765886130e-17 // π/2 = PIO2 + morebits
		tan3pio8 = 2.41421356237309504880      // tan(3π/8)
	)
	if x <= 0.66 {
		return xatan(x)
	}
	if x > tan3pio8 {
		return math.Pi/2 - xatan(1/x) + morebits
	}
	return math.Pi/4 + xatan((x-1)/(x+1)) + float64(0.5*morebits)
}

// xatan is atan on [0, 0.66], a rational approximation.
func xatan(x float64) float64 {
	const (
		p0 = -8.750608600031904122785e-01
		p1 = -1.615753718733365076637e+01
		p2 = -7.500855792314704667340e+01
		p3 = -1.228866684490136173410e+02
		p4 = -6.485021904942025371773e+01
		q0 = +2.485846490142306297962e+01
		q1 = +1.650270098316988542046e+02
		q2 = +4.328810604912902668951e+02
		q3 = +4.853903996359136964868e+02
		q4 = +1.945506571482613964425e+02
	)
	z := float64(x * x)
	num := float64(float64(float64(float64(float64(float64(float64(p0*z)+p1)*z)+p2)*z)+p3)*z) + p4
	den := float64(float64(float64(float64(float64(float64(float64(float64(z+q0)*z)+q1)*z)+q2)*z)+q3)*z) + q4
	z = float64(z*num) / den
	return float64(x*z) + x
}
