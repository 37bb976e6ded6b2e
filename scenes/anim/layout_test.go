package anim

import (
	"math"
	"testing"
)

func TestUnitPositionsCentresLayers(t *testing.T) {
	area := Rect{Point{0, 0}, Point{400, 400}}
	pos := UnitPositions([]int{2, 4, 2, 1}, area)
	if len(pos) != 4 {
		t.Fatalf("got %d layers, want 4", len(pos))
	}
	for k, want := range []int{2, 4, 2, 1} {
		if len(pos[k]) != want {
			t.Errorf("layer %d: %d units, want %d", k, len(pos[k]), want)
		}
	}
	// The single output unit sits on the vertical centre line.
	if got := pos[3][0].Y; got != 200 {
		t.Errorf("output unit y = %v, want 200", got)
	}
	// Layers go left to right, inside the area.
	for k := 1; k < 4; k++ {
		if pos[k][0].X <= pos[k-1][0].X {
			t.Errorf("layer %d at x=%v is not right of layer %d at x=%v", k, pos[k][0].X, k-1, pos[k-1][0].X)
		}
	}
	r := UnitRadius([]int{2, 4, 2, 1}, area)
	for k := range pos {
		for _, p := range pos[k] {
			if p.X-r < 0 || p.X+r > 400 || p.Y-r < 0 || p.Y+r > 400 {
				t.Errorf("unit at %v with radius %v leaves the area", p, r)
			}
		}
	}
}

func TestUnitPositionsEmpty(t *testing.T) {
	if got := UnitPositions(nil, Rect{}); got != nil {
		t.Errorf("UnitPositions(nil) = %v, want nil", got)
	}
}

func TestEdgeColorBySign(t *testing.T) {
	tests := []struct {
		w     float64
		hue   string
		alpha uint8
	}{
		{1, "positive", 255},
		{5, "positive", 255}, // saturates
		{-1, "negative", 255},
		{0, "positive", 64}, // faint, not invisible
		{-0.5, "negative", 159},
	}
	for _, tt := range tests {
		c := EdgeColor(tt.w)
		want := Positive
		if tt.hue == "negative" {
			want = Negative
		}
		if c.R != want.R || c.G != want.G || c.B != want.B {
			t.Errorf("EdgeColor(%v) = %v, want the %s hue", tt.w, c, tt.hue)
		}
		if c.A != tt.alpha {
			t.Errorf("EdgeColor(%v).A = %d, want %d", tt.w, c.A, tt.alpha)
		}
	}
}

func TestPulseAtCrossesEachLayerThenPauses(t *testing.T) {
	const layers = 4
	tests := []struct {
		t         float64
		wantLayer int
		wantFrac  float64
	}{
		{0, 1, 0},
		{PulseSecondsPerLayer * 0.5, 1, 0.5},
		{PulseSecondsPerLayer * 1.25, 2, 0.25},
		{PulseSecondsPerLayer * 2.5, 3, 0.5},
		{PulseSecondsPerLayer * 3.5, 0, 0}, // pause after the output
		{PulseSecondsPerLayer * 4.5, 1, 0.5},
		{-PulseSecondsPerLayer * 0.5, 0, 0}, // negative clocks wrap
	}
	for _, tt := range tests {
		layer, frac := PulseAt(tt.t, layers)
		if layer != tt.wantLayer || math.Abs(frac-tt.wantFrac) > 1e-9 {
			t.Errorf("PulseAt(%v) = %d, %v; want %d, %v", tt.t, layer, frac, tt.wantLayer, tt.wantFrac)
		}
	}
}

func TestUnitGlowFollowsPulse(t *testing.T) {
	if g := UnitGlow(PulseSecondsPerLayer*2, 2, 4); g != 1 {
		t.Errorf("glow on arrival = %v, want 1", g)
	}
	if g := UnitGlow(PulseSecondsPerLayer*2.5, 2, 4); math.Abs(g-0.5) > 1e-9 {
		t.Errorf("glow half a layer later = %v, want 0.5", g)
	}
	if g := UnitGlow(PulseSecondsPerLayer*0.5, 2, 4); g != 0 {
		t.Errorf("glow before arrival = %v, want 0", g)
	}
}

func TestUnitFillClamps(t *testing.T) {
	if UnitFill(-1) != UnitIdle {
		t.Errorf("UnitFill(-1) = %v, want idle %v", UnitFill(-1), UnitIdle)
	}
	if UnitFill(2) != UnitRing {
		t.Errorf("UnitFill(2) = %v, want ring %v", UnitFill(2), UnitRing)
	}
}
