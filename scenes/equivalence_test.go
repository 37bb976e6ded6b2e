package scenes

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"propagate/engine"
	"propagate/scenes/anim"
)

const eqLink = "#v=1&scene=equivalence&dataset=circle&networkShape=5,4&xSquared=true&ySquared=true&batchSize=8&gamma=0.1&seed=1"

func TestGammaSlider(t *testing.T) {
	for _, tc := range []struct{ f, g float64 }{{0, 1}, {1.0 / 3, 0.1}, {2.0 / 3, 0.01}, {1, 0.001}, {-1, 1}, {2, 0.001}} {
		if got := anim.GammaAt(tc.f); got != tc.g {
			t.Errorf("GammaAt(%g) = %g, want %g", tc.f, got, tc.g)
		}
	}
	prev := 2.0
	for i := 0; i <= anim.EqSliderSteps; i++ {
		g := anim.GammaAt(float64(i) / anim.EqSliderSteps)
		if !(g < prev) {
			t.Errorf("step %d: γ %g not below %g", i, g, prev)
		}
		if f := anim.GammaFrac(g); anim.GammaAt(f) != g {
			t.Errorf("γ %g does not round-trip through the slider (%g)", g, f)
		}
		prev = g
	}
}

// TestEquivalenceSceneIsTheCLI: the scene's numbers for a link and γ are
// engine.Equivalence's and `learn -equivalence -json`'s, with and without
// the factor; each (γ, factor) is computed once.
func TestEquivalenceSceneIsTheCLI(t *testing.T) {
	cfg, warnings := engine.DecodeLink(eqLink)
	if len(warnings) > 0 {
		t.Fatal(warnings)
	}
	e := NewEquivalence(cfg)
	gammas := []float64{1, 0.1, 0.01, 0.001}
	bin := filepath.Join(t.TempDir(), "learn")
	if out, err := exec.Command("go", "build", "-o", bin, "../engine/cmd/learn").CombinedOutput(); err != nil {
		t.Fatalf("building learn: %v\n%s", err, out)
	}
	for _, factor := range []bool{true, false} {
		want, err := engine.Equivalence(cfg, gammas, factor)
		if err != nil {
			t.Fatal(err)
		}
		args := []string{"-equivalence", "-json", "-link", eqLink, "-gamma", "1,0.1,0.01,0.001"}
		if !factor {
			args = append(args, "-no-factor")
		}
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("learn %v: %v", args, err)
		}
		var cli struct {
			Equivalence []engine.EquivalenceResult `json:"equivalence"`
		}
		if err := json.Unmarshal(out, &cli); err != nil {
			t.Fatal(err)
		}
		e.SetFactor(factor)
		for i, g := range gammas {
			e.SetGamma(g)
			d, err := e.Current()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Layers, want[i].Layers) {
				t.Errorf("γ %g factor %v: scene %+v, engine %+v", g, factor, d.Layers, want[i].Layers)
			}
			if !reflect.DeepEqual(d.Layers, cli.Equivalence[i].Layers) {
				t.Errorf("γ %g factor %v: scene %+v, CLI %+v", g, factor, d.Layers, cli.Equivalence[i].Layers)
			}
			// What the scene prints is what the CLI's table prints.
			for _, a := range d.Layers {
				c, r, n := Numbers(a)
				if c != fmt.Sprintf("%.6f", a.Cosine) || r != fmt.Sprintf("%.3g", a.RelErr) || n != fmt.Sprintf("%.4f", a.NormRatio) {
					t.Errorf("Numbers(%+v) = %s %s %s", a, c, r, n)
				}
			}
		}
	}
	if e.Computations != 8 {
		t.Errorf("%d computations for 8 (γ, factor) pairs", e.Computations)
	}
	// Going back costs nothing.
	e.SetFactor(true)
	e.SetGamma(0.1)
	e.UpdateWith(false, Pointer{})
	if e.Computations != 8 {
		t.Errorf("revisiting γ 0.1 recomputed: %d computations", e.Computations)
	}
	if len(e.Seen()) != 4 || e.Seen()[0].Gamma != 1 || e.Seen()[3].Gamma != 0.001 {
		t.Errorf("Seen: %d results", len(e.Seen()))
	}
}

func TestEquivalenceSliderAndToggle(t *testing.T) {
	cfg, _ := engine.DecodeLink(eqLink)
	e := NewEquivalence(cfg)
	e.Layout(anim.Rect{Min: anim.Point{X: 0, Y: 0}, Max: anim.Point{X: 1000, Y: 640}}, 1)
	e.UpdateWith(false, Pointer{}) // computes the result and lays the parts out
	tr := e.slider.Track
	if tr.Dx() <= 0 {
		t.Fatalf("no slider after Layout and Update: %+v", tr)
	}
	cy := (tr.Min.Y + tr.Max.Y) / 2
	e.UpdateWith(false, Pointer{At: e.slider.Knob(), Has: true, Down: true})
	e.UpdateWith(false, Pointer{At: anim.Point{X: tr.Max.X + 20, Y: cy}, Has: true, Down: true})
	e.UpdateWith(false, Pointer{At: anim.Point{X: tr.Max.X + 20, Y: cy}, Has: true, Released: true})
	if e.Gamma() != 0.001 {
		t.Errorf("dragged to the right end: γ %g", e.Gamma())
	}
	c := anim.Point{X: (e.toggle.Min.X + e.toggle.Max.X) / 2, Y: (e.toggle.Min.Y + e.toggle.Max.Y) / 2}
	e.UpdateWith(false, Pointer{At: c, Has: true, Released: true})
	if e.Factor() {
		t.Error("the toggle did not turn the factor off")
	}
	d, _ := e.Current()
	// Without the factor the hidden layers' norms fall as γ^{L−k}.
	L := len(d.Layers)
	for k, a := range d.Layers {
		want := 1.0
		for range L - 1 - k {
			want *= 0.001
		}
		if a.NormRatio > 3*want || a.NormRatio < want/3 {
			t.Errorf("layer %d without the factor: norm ratio %g, want about %g", k+1, a.NormRatio, want)
		}
	}
}

func TestEquivalenceLayout(t *testing.T) {
	sizes := []int{4, 5, 4, 1}
	for _, area := range lessonAreas {
		scale := 1.0
		if area.Dx() > 2000 {
			scale = 2
		}
		l := anim.EquivalenceLayoutFor(area, scale, sizes)
		if len(l.Rows) != 3 {
			t.Fatalf("%v: %d rows", area, len(l.Rows))
		}
		for _, r := range []anim.Rect{l.Slider, l.Toggle, l.Table, l.Plot.Box} {
			if !inside(r, area) {
				t.Errorf("%v: %v outside the area", area, r)
			}
		}
		if l.Slider.Overlaps(l.Toggle) || l.Table.Overlaps(l.Plot.Box) {
			t.Errorf("%v: slider/toggle or table/plot overlap", area)
		}
		if l.Slider.Dx() < 60*scale {
			t.Errorf("%v: the γ slider is %.0f px", area, l.Slider.Dx())
		}
		for k, r := range l.Rows {
			if !inside(r.CHL, l.Table) || !inside(r.BP, l.Table) || r.CHL.Overlaps(r.BP) {
				t.Errorf("%v: row %d heatmaps %v %v", area, k+1, r.CHL, r.BP)
			}
			if r.BP.Max.X > l.ColCos-anim.TextWidth("0.000000", l.Small, false) {
				t.Errorf("%v: row %d heatmap runs into the numbers", area, k+1)
			}
			if r.Cell < 2 {
				t.Errorf("%v: row %d cells of %.1f px", area, k+1, r.Cell)
			}
			if k > 0 && r.Box.Min.Y < l.Rows[k-1].Box.Max.Y-0.5 {
				t.Errorf("%v: rows %d and %d overlap", area, k, k+1)
			}
		}
	}
}
