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

// TestDetMathAgreesWithMath: the portable ports are the standard library's
// own algorithms; on amd64 package math uses assembly for Exp and Log, which
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
		if d := ulps(tanh(x/4), math.Tanh(x/4)); d > maxULPs {
			t.Fatalf("tanh(%v) = %v, math.Tanh %v (%d ulps)", x/4, tanh(x/4), math.Tanh(x/4), d)
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
