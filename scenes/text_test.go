package scenes

import (
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"propagate/scenes/anim"
)

// anim measures text without ebiten; what it measures must be what ebiten's
// text/v2 draws, or every layout test measures the wrong thing.
func TestAnimMeasuresWhatEbitenDraws(t *testing.T) {
	for _, size := range []float64{9, 11.3, 14, 22.75} {
		for _, bold := range []bool{false, true} {
			for _, s := range []string{"γ^(k−L) factor: on", "output over the input plane", "Δt = t_post − t_pre = −15 ms", "WAVy AVA"} {
				if got, want := anim.TextWidth(s, size, bold), text.Advance(s, Face(size, bold)); got != want {
					t.Errorf("TextWidth(%q, %g, %v) = %g, ebiten %g", s, size, bold, got, want)
				}
			}
			m := Face(size, false).Metrics()
			if got, want := anim.LineHeight(size), math.Ceil(m.HAscent+m.HDescent+m.HLineGap); got != want {
				t.Errorf("LineHeight(%g) = %g, ebiten %g", size, got, want)
			}
		}
	}
}
