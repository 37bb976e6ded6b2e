package anim

import (
	"image/color"
	"math"
	"testing"
)

func TestDivergingEndsAndMiddle(t *testing.T) {
	if c := Diverging(1, -1, 1); c.R != Positive.R || c.G != Positive.G || c.B != Positive.B {
		t.Errorf("top = %v, want the positive colour %v", c, Positive)
	}
	if c := Diverging(-1, -1, 1); c.R != Negative.R || c.G != Negative.G || c.B != Negative.B {
		t.Errorf("bottom = %v, want the negative colour %v", c, Negative)
	}
	if c := Diverging(0, -1, 1); c != HeatmapZero {
		t.Errorf("middle = %v, want %v", c, HeatmapZero)
	}
	if c := Diverging(0.5, 0, 1); c != HeatmapZero {
		t.Errorf("sigmoid middle = %v, want %v", c, HeatmapZero)
	}
	if c := Diverging(math.NaN(), -1, 1); c != HeatmapZero {
		t.Errorf("NaN = %v, want the middle", c)
	}
	if Diverging(7, -1, 1) != Diverging(1, -1, 1) {
		t.Error("values above the range do not saturate")
	}
}

func TestFillDivergingWritesOpaquePixels(t *testing.T) {
	vals := []float64{-1, 0, 1, math.NaN(), 3}
	pix := make([]byte, 4*len(vals))
	FillDiverging(pix, vals, -1, 1)
	want := []color.NRGBA{Diverging(-1, -1, 1), HeatmapZero, Diverging(1, -1, 1), HeatmapZero, Diverging(1, -1, 1)}
	for i, w := range want {
		got := color.NRGBA{pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3]}
		// The table quantises to 256 steps: within one step of the exact colour.
		if d := colorDist(got, w); d > 8 || got.A != 0xff {
			t.Errorf("pixel %d = %v, want %v", i, got, w)
		}
	}
}

// Over any range, each pixel is within one of the table's 256 steps of the
// exact colour (the table is built once, for every range).
func TestFillDivergingOverAnyRange(t *testing.T) {
	for _, r := range [][2]float64{{-1, 1}, {0, 1}, {-3, 7}, {0.25, 0.2500001}} {
		lo, hi := r[0], r[1]
		var vals []float64
		for i := range 1001 {
			vals = append(vals, lo-0.1*(hi-lo)+1.2*(hi-lo)*float64(i)/1000)
		}
		pix := make([]byte, 4*len(vals))
		FillDiverging(pix, vals, lo, hi)
		for i, v := range vals {
			got, want := color.NRGBA{pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3]}, Diverging(v, lo, hi)
			if d := colorDist(got, want); d > 8 || got.A != 0xff {
				t.Fatalf("[%v, %v]: %v is %v, want %v (off by %v)", lo, hi, v, got, want, d)
			}
		}
	}
}

func colorDist(a, b color.NRGBA) float64 {
	return math.Abs(float64(a.R)-float64(b.R)) + math.Abs(float64(a.G)-float64(b.G)) + math.Abs(float64(a.B)-float64(b.B))
}

// The signal colours must be far apart from each other and from the
// background, so a pixel check (and an eye) can tell them apart.
func TestSignalColoursDistinct(t *testing.T) {
	cs := map[string]color.NRGBA{
		"forward": ForwardPulse, "delta": DeltaPulse, "feedback": FeedbackEdge, "clamp": ClampMarker,
		"positive": Positive, "negative": Negative, "background": Background, "panel": PanelFill,
	}
	for a, ca := range cs {
		for b, cb := range cs {
			if a < b && colorDist(ca, cb) < 90 && !(a == "background" && b == "panel") {
				t.Errorf("%s %v and %s %v are too close (%v)", a, ca, b, cb, colorDist(ca, cb))
			}
		}
	}
}

func TestMixAndAlpha(t *testing.T) {
	a, b := color.NRGBA{0, 0, 0, 255}, color.NRGBA{200, 100, 50, 255}
	if got := Mix(a, b, 0.5); got != (color.NRGBA{100, 50, 25, 255}) {
		t.Errorf("Mix = %v", got)
	}
	if got := WithAlpha(b, 2); got.A != 255 {
		t.Errorf("WithAlpha clamps: %v", got)
	}
}
