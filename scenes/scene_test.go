package scenes

import (
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes/anim"
)

var testArea = anim.Rect{Min: anim.Point{X: 8, Y: 48}, Max: anim.Point{X: 1272, Y: 712}}

// Draw only reads: a frame drawn after the runs stepped shows what Update
// computed and computes nothing itself (metrics, heatmaps); the next Update
// does.
func TestCompareDrawComputesNothing(t *testing.T) {
	c := newTestCompare(t, "#rules=bp,chl&seed=3")
	c.Layout(testArea, 1)
	c.UpdateWith(false, Intents{})
	if c.heat[0] == nil || c.heat[1] == nil {
		t.Fatal("Layout and Update built no heatmaps")
	}
	c.Advance(5)
	metStep, heatStep := c.metStep, c.heatStep
	dst := ebiten.NewImage(1280, 720)
	defer dst.Deallocate()
	c.Draw(dst)
	if c.metStep != metStep || c.heatStep != heatStep {
		t.Errorf("Draw computed: metrics at steps %v → %v, heatmaps at %v → %v", metStep, c.metStep, heatStep, c.heatStep)
	}
	c.UpdateWith(false, Intents{})
	if c.metStep == metStep || c.heatStep == heatStep {
		t.Errorf("Update did not catch up: metrics at steps %v → %v, heatmaps at %v → %v", metStep, c.metStep, heatStep, c.heatStep)
	}
}

// The equivalence scene computes in Update; Draw shows the last result even
// when the settings moved on since.
func TestEquivalenceDrawComputesNothing(t *testing.T) {
	cfg, _ := engine.DecodeLink(eqLink)
	e := NewEquivalence(cfg)
	e.Layout(testArea, 1)
	e.UpdateWith(false, Pointer{})
	n := e.Computations
	e.SetGamma(0.05) // not computed yet
	dst := ebiten.NewImage(1280, 720)
	defer dst.Deallocate()
	e.Draw(dst)
	if e.Computations != n {
		t.Errorf("Draw computed: %d → %d computations", n, e.Computations)
	}
	e.UpdateWith(false, Pointer{})
	if e.Computations == n || e.cur.Gamma != 0.05 {
		t.Errorf("Update did not compute γ 0.05: %d computations, showing γ %g", e.Computations, e.cur.Gamma)
	}
}

// The manager builds the scene a link names; a link whose runs cannot be
// built shows the default compare scene and says why.
func TestManagerBuildsAndFallsBack(t *testing.T) {
	for link, want := range map[string]string{
		"#scene=neuron":      "neuron",
		"#scene=equivalence": "equivalence",
		"#rules=bp,chl":      "compare",
	} {
		m, warnings := NewManager(link)
		if got := m.Scene().Name(); got != want || len(warnings) != 0 {
			t.Errorf("%s: scene %q (warnings %v), want %q", link, got, warnings, want)
		}
		if (m.Learner() != nil) != (want == "compare") {
			t.Errorf("%s: Learner() = %v", link, m.Learner())
		}
	}
	// Runs that cannot be built (every link the engine decodes builds
	// today; a rule in the table but not in NewRule would not).
	cfg, _ := engine.DecodeLink("#rules=bp,chl")
	cfg.Rules = [2]string{"bp", "nope"}
	def, _ := engine.DecodeLink("")
	s, warnings := build(cfg, []string{"from the link"})
	l, ok := s.(Learner)
	if !ok || s.Name() != "compare" || len(l.Runs()) != 2 || l.Runs()[1].RuleName != def.Rules[1] {
		t.Fatalf("fallback: scene %T %v", s, s)
	}
	if len(warnings) != 2 || warnings[0] != "from the link" || !strings.Contains(warnings[1], `unknown rule "nope"`) {
		t.Errorf("fallback warnings %q, want the link's and the reason", warnings)
	}
}
