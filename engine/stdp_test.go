package engine

import (
	"fmt"
	"math"
	"testing"
)

// stdpTol: Dw uses the engine's deterministic exp (the same bits in wasm),
// within an ulp or two of math.Exp; Δw is at most 0.00525, so a few ulps of
// it are below 1e-17.
const stdpTol = 1e-17

func TestSTDPWindowFormula(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		w                     STDPWindow
		aPlus, aMinus, tp, tm float64
	}{
		{"Song, Miller & Abbott 2000", SongSTDP(), 0.005, 0.00525, 20, 20},
		{"Bi & Poo fit (Pfister & Gerstner 2006)", BiPooSTDP(), 0.005, 0.00525, 16.8, 33.7},
	} {
		for _, dt := range []float64{-100, -40, -33.7, -20, -10, -1, -1e-9, 1e-9, 1, 10, 16.8, 20, 40, 100} {
			want := tc.aPlus * math.Exp(-dt/tc.tp)
			if dt < 0 {
				want = -tc.aMinus * math.Exp(dt/tc.tm)
			}
			if got := tc.w.Dw(dt); math.Abs(got-want) > stdpTol {
				t.Errorf("%s: Dw(%g) = %g, want %g", tc.name, dt, got, want)
			}
		}
		if got := tc.w.Dw(0); got != 0 {
			t.Errorf("%s: Dw(0) = %g, want 0", tc.name, got)
		}
	}
}

func TestSTDPWindowShape(t *testing.T) {
	w := SongSTDP()
	// Pre before post strengthens, post before pre weakens.
	if w.Dw(10) <= 0 || w.Dw(-10) >= 0 {
		t.Fatalf("Dw(10) = %g, Dw(-10) = %g: want potentiation then depression", w.Dw(10), w.Dw(-10))
	}
	// At one time constant the change is 1/e of the peak.
	if got, want := w.Dw(20), 0.005/math.E; math.Abs(got-want) > stdpTol {
		t.Errorf("Dw(τ₊) = %g, want A₊/e = %g", got, want)
	}
	// Bi & Poo's depression side is wider: at −30 ms it is stronger.
	if b := BiPooSTDP(); !(b.Dw(-30) < w.Dw(-30)) {
		t.Errorf("Bi & Poo's Dw(-30) = %g should be more negative than Song's %g", b.Dw(-30), w.Dw(-30))
	}
	dt, dw := w.Curve(-100, 100, 201, nil, nil)
	if len(dt) != 201 || dt[0] != -100 || dt[200] != 100 || dt[100] != 0 {
		t.Fatalf("Curve: dt = %v…", dt[:3])
	}
	for i := range dt {
		if dw[i] != w.Dw(dt[i]) {
			t.Fatalf("Curve point %d: %g, Dw gives %g", i, dw[i], w.Dw(dt[i]))
		}
	}
}

func ExampleSTDPWindow_Dw() {
	w := SongSTDP()
	fmt.Printf("%.5f %.5f\n", w.Dw(10), w.Dw(-10))
	// Output: 0.00303 -0.00318
}
