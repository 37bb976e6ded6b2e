package scenes

import (
	"fmt"
	"math"
	"strconv"

	"propagate/engine"
	"propagate/scenes/anim"
)

// What the lesson scenes show, for status(), and the settings their own
// controls set, for the link: a shared link opens the demo on show.

// View describes the neuron scene: its slider and toggle, and Δt and the
// window as link settings.
func (n *Neuron) View() anim.View {
	dt, biPoo := n.dt, n.biPoo
	return anim.View{
		Boxes:    map[string]anim.Rect{"slider": n.slider.Track, "toggle": n.toggle, "area": n.area},
		Settings: func(c *engine.Config) { c.DeltaT, c.BiPoo = dt, biPoo },
	}
}

// View describes the equivalence scene: its slider and toggle, and γ and
// the factor as link settings.
func (e *Equivalence) View() anim.View {
	g, f := e.gamma, e.factor
	return anim.View{
		Boxes:    map[string]anim.Rect{"slider": e.slider.Track, "toggle": e.toggle, "area": e.area},
		Settings: func(c *engine.Config) { c.Gamma, c.GammaFactor = g, f },
	}
}

// Command runs the neuron scene's command "nudge" (±n): Δt by n ms, as
// the arrow keys move the slider.
func (n *Neuron) Command(name, arg string) error {
	d, err := nudgeArg(name, arg)
	if err != nil {
		return err
	}
	n.SetDt(n.dt + d)
	return nil
}

// Command runs the equivalence scene's command "nudge" (±n): γ by n steps
// of the slider's grid.
func (e *Equivalence) Command(name, arg string) error {
	d, err := nudgeArg(name, arg)
	if err != nil {
		return err
	}
	step := math.Round(anim.GammaFrac(e.gamma)*anim.EqSliderSteps) + d
	e.SetGamma(anim.GammaAt(step / anim.EqSliderSteps))
	return nil
}

func nudgeArg(name, arg string) (float64, error) {
	if name != "nudge" {
		return 0, fmt.Errorf("unknown scene command %q for this scene", name)
	}
	d, err := strconv.ParseFloat(arg, 64)
	if err != nil || math.Abs(d) > 1000 || d != math.Trunc(d) {
		return 0, fmt.Errorf("nudge: want a whole number such as +1 or -1, got %q", arg)
	}
	return d, nil
}
