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
		k = int(log2e*x - 0.5)
	case x > 0:
		k = int(log2e*x + 0.5)
	}
	hi := x - float64(k)*ln2Hi
	lo := float64(k) * ln2Lo
	r := hi - lo
	t := r * r
	c := r - t*(p1+t*(p2+t*(p3+t*(p4+t*p5))))
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
	t1 := s2 * (l1 + s4*(l3+s4*(l5+s4*l7)))
	t2 := s4 * (l2 + s4*(l4+s4*l6))
	R := t1 + t2
	hfsq := 0.5 * f * f
	return k*ln2Hi - ((hfsq - (s*(hfsq+R) + k*ln2Lo)) - f)
}

// tanh returns the hyperbolic tangent of x.
func tanh(x float64) float64 {
	const maxLog = 8.8029691931113054295988e+01 // log(2**127)
	z := math.Abs(x)
	switch {
	case z > 0.5*maxLog:
		if x < 0 {
			return -1
		}
		return 1
	case z >= 0.625:
		s := expReduced(2 * z) // 1.25 ≤ 2z ≤ 88.03: none of exp's special cases
		z = 1 - 2/(s+1)
		if x < 0 {
			z = -z
		}
	default:
		if x == 0 {
			return x
		}
		s := x * x
		z = x + x*s*((-9.64399179425052238628e-1*s+-9.92877231001918586564e1)*s+-1.61468768441708447952e3)/
			(((s+1.12811678491632931402e2)*s+2.23548839060100448583e3)*s+4.84406305325125486048e3)
	}
	return z
}

// dist is TF Playground's dist(): √(x² + y²), with no scaling. math.Hypot
// scales to avoid overflow and is assembly on amd64; points here are small.
func dist(x, y float64) float64 { return math.Sqrt(x*x + y*y) }
