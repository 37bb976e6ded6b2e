package engine

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// ulps is the distance between a and b in units in the last place.
func ulps(a, b float64) uint64 {
	ia, ib := int64(math.Float64bits(a)), int64(math.Float64bits(b))
	if ia > ib {
		return uint64(ia - ib)
	}
	return uint64(ib - ia)
}

// TestDetMathAgreesWithMath: the portable ports of exp and log are the
// standard library's own algorithms; on amd64 package math uses assembly for Exp and Log, which
// is accurate to about an ulp and so is the portable code: they agree within
// 2 ulps (seen: 2 for Exp near 20).
func TestDetMathAgreesWithMath(t *testing.T) {
	const maxULPs = 2
	rng := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 200_000; i++ {
		x := (rng.Float64()*2 - 1) * 40
		if d := ulps(exp(x), math.Exp(x)); d > maxULPs {
			t.Fatalf("exp(%v) = %v, math.Exp %v (%d ulps)", x, exp(x), math.Exp(x), d)
		}
		y := math.Abs(x) * math.Pow(10, float64(rng.IntN(20)-10))
		if d := ulps(log(y), math.Log(y)); d > maxULPs {
			t.Fatalf("log(%v) = %v, math.Log %v (%d ulps)", y, log(y), math.Log(y), d)
		}
	}
	// sin and cos are package math's algorithm with its products rounded:
	// built without FMA (amd64 v1, wasm) the two agree bit for bit below
	// 2²⁹; built with it, math's rounds differently by an ulp or so.
	for i := 0; i < 200_000; i++ {
		x := (rng.Float64()*2 - 1) * math.Pow(2, float64(rng.IntN(40)-10))
		if d := ulps(sin(x), math.Sin(x)); d > maxULPs {
			t.Fatalf("sin(%v) = %v, math.Sin %v (%d ulps)", x, sin(x), math.Sin(x), d)
		}
		if d := ulps(cos(x), math.Cos(x)); d > maxULPs {
			t.Fatalf("cos(%v) = %v, math.Cos %v (%d ulps)", x, cos(x), math.Cos(x), d)
		}
	}
	// acos is package math's algorithm with its products rounded.
	for i := 0; i < 200_000; i++ {
		x := rng.Float64()*2 - 1
		if d := ulps(acos(x), math.Acos(x)); d > maxULPs {
			t.Fatalf("acos(%v) = %v, math.Acos %v (%d ulps)", x, acos(x), math.Acos(x), d)
		}
	}
	if acos(1) != 0 || acos(-1) != math.Pi || !math.IsNaN(acos(1.5)) {
		t.Errorf("acos(1), acos(-1), acos(1.5) = %v, %v, %v", acos(1), acos(-1), acos(1.5))
	}
	for _, x := range []float64{1e10, -3e15, math.MaxFloat64} { // reduced modulo 2π first: bounded, finite
		if s, c := sin(x), cos(x); !(math.Abs(s) <= 1 && math.Abs(c) <= 1) {
			t.Errorf("sin, cos(%v) = %v, %v", x, s, c)
		}
	}
	if !math.IsNaN(sin(math.Inf(1))) || !math.IsNaN(cos(math.NaN())) || sin(math.Copysign(0, -1)) != 0 || cos(0) != 1 {
		t.Error("special cases of sin/cos differ from package math")
	}
	for _, x := range []float64{0, math.Inf(1), math.Inf(-1), 800, -800} {
		if exp(x) != math.Exp(x) {
			t.Errorf("exp(%v) = %v, want %v", x, exp(x), math.Exp(x))
		}
	}
	if !math.IsNaN(exp(math.NaN())) || !math.IsNaN(log(-1)) || !math.IsInf(log(0), -1) {
		t.Error("special cases of exp/log differ from package math")
	}
}

// TestTanhBound: the rational tanh is within 1e-15 of tanh, relative, over
// the whole line (checked against package math, itself within an ulp:
// 2.3e-16 of slack), never outside [−1, 1], odd, exactly ±1 beyond the
// clamp, and tanhTo gives tanh's bits.
func TestTanhBound(t *testing.T) {
	const bound = 1e-15 + 2.3e-16
	rng := rand.New(rand.NewPCG(2, 2))
	in := make([]float64, 0, 400_000)
	for i := 0; i < 200_000; i++ {
		in = append(in, (rng.Float64()*2-1)*25, (rng.Float64()*2-1)*math.Pow(2, float64(rng.IntN(80)-70)))
	}
	in = append(in, 19.1, -19.1, math.Nextafter(19.1, 0), 1e300, math.SmallestNonzeroFloat64)
	out := make([]float64, len(in))
	tanhTo(in, out)
	for i, x := range in {
		y, want := tanh(x), math.Tanh(x)
		if math.Float64bits(y) != math.Float64bits(out[i]) {
			t.Fatalf("tanhTo gives %v at %v, tanh %v", out[i], x, y)
		}
		if e := math.Abs(y-want) / math.Abs(want); e > bound {
			t.Fatalf("tanh(%v) = %v, math.Tanh %v: relative error %.3g > %.3g", x, y, want, e, bound)
		}
		if math.Abs(y) > 1 || tanh(-x) != -y {
			t.Fatalf("tanh(%v) = %v, tanh(−x) = %v: want |y| ≤ 1 and an odd function", x, y, tanh(-x))
		}
		if math.Abs(x) > 19.1 && math.Abs(y) != 1 {
			t.Fatalf("tanh(%v) = %v beyond the clamp", x, y)
		}
	}
	// tanhTo takes two values a trip: every special value beside a plain
	// one, on either side, and an odd length, gives tanh's bits.
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 19.1, -19.1, 19.2, -1e300}
	for _, sp := range special {
		for _, v := range [][]float64{{sp, 0.7}, {-0.7, sp}, {0.1, sp, -2}} {
			got := make([]float64, len(v))
			tanhTo(v, got)
			for i, x := range v {
				if math.Float64bits(got[i]) != math.Float64bits(tanh(x)) {
					t.Fatalf("tanhTo(%v)[%d] = %v, tanh %v", v, i, got[i], tanh(x))
				}
			}
		}
	}
	if z := tanh(math.Copysign(0, -1)); z != 0 || !math.Signbit(z) {
		t.Errorf("tanh(−0) = %v, want −0", z)
	}
	if !math.IsNaN(tanh(math.NaN())) || tanh(math.Inf(1)) != 1 || tanh(math.Inf(-1)) != -1 {
		t.Error("tanh's special cases: NaN → NaN, ±Inf → ±1")
	}
}

// TestEngineAvoidsPlatformMath: functions that package math computes in
// assembly on some platforms (and so may round differently in wasm) must not
// be called from the engine's numeric code.
func TestEngineAvoidsPlatformMath(t *testing.T) {
	banned := map[string]bool{"Exp": true, "Log": true, "Tanh": true, "Exp2": true, "Hypot": true, "Expm1": true, "Log1p": true, "Log2": true, "Log10": true, "Sinh": true, "Cosh": true,
		// pure Go, but with products that fuse on arm64 and amd64 v3. (Pow
		// stays: chl.go raises γ to integer powers, which it computes by
		// exact scaling and unfusable squarings.)
		"Sin": true, "Cos": true, "Tan": true, "Sincos": true, "Asin": true, "Acos": true, "Atan": true, "Atan2": true}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "floats" {
				t.Errorf("%s: gonum's floats.%s uses SIMD on amd64 and sums in another order than in wasm; use a plain loop", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "math" && banned[sel.Sel.Name] {
				t.Errorf("%s: math.%s differs between amd64 and wasm; use the engine's %s", fset.Position(sel.Pos()), sel.Sel.Name, strings.ToLower(sel.Sel.Name))
			}
			return true
		})
	}
}

// TestClampUnit: clampUnit, which works on the bits, is the clamp to
// [−1, 1] written with float compares, NaN kept as it is.
func TestClampUnit(t *testing.T) {
	plain := func(r float64) float64 {
		if r > 1 {
			return 1
		} else if r < -1 {
			return -1
		}
		return r
	}
	for _, r := range []float64{
		0, math.Copysign(0, -1), 0.5, -0.5, 1, -1, math.Nextafter(1, 2), math.Nextafter(-1, -2),
		math.Nextafter(1, 0), math.Nextafter(-1, 0), 2, -2, 1e300, -1e300, math.Inf(1), math.Inf(-1),
		math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, math.NaN(), -math.NaN(),
		math.Float64frombits(0x7FF0000000000001), math.Float64frombits(0xFFF0000000000001), // the NaNs nearest ±∞
	} {
		if got, want := clampUnit(r), plain(r); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("clampUnit(%v) = %v (%#x), want %v (%#x)", r, got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
}
