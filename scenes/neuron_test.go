package scenes

import (
	"math"
	"testing"

	"propagate/engine"
	"propagate/scenes/anim"
)

var lessonAreas = []anim.Rect{
	{Min: anim.Point{X: 0, Y: 0}, Max: anim.Point{X: 1000, Y: 640}},   // a laptop beside the lesson pane
	{Min: anim.Point{X: 380, Y: 60}, Max: anim.Point{X: 960, Y: 780}}, // between the lesson pane and the control panel
	{Min: anim.Point{X: 0, Y: 0}, Max: anim.Point{X: 420, Y: 700}},    // a phone, portrait
	{Min: anim.Point{X: 0, Y: 0}, Max: anim.Point{X: 2400, Y: 1400}},  // high DPI
}

func inside(r, outer anim.Rect) bool {
	const eps = 0.5
	return r.Min.X >= outer.Min.X-eps && r.Min.Y >= outer.Min.Y-eps && r.Max.X <= outer.Max.X+eps && r.Max.Y <= outer.Max.Y+eps
}

func TestNeuronLayout(t *testing.T) {
	for _, area := range lessonAreas {
		scale := 1.0
		if area.Dx() > 2000 {
			scale = 2
		}
		l := anim.NeuronLayoutFor(area, scale)
		boxes := l.Boxes()
		for name, b := range boxes {
			if !inside(b, area) || b.Dx() <= 0 || b.Dy() <= 0 {
				t.Errorf("%v: %s %v is not inside the area", area, name, b)
			}
			for other, c := range boxes {
				if name < other && b.Overlaps(c) {
					t.Errorf("%v: %s %v overlaps %s %v", area, name, b, other, c)
				}
			}
		}
		for name, r := range map[string]anim.Rect{"slider": l.Slider, "toggle": l.Toggle, "caption": l.CellCaption} {
			if !inside(r, l.Cell) {
				t.Errorf("%v: the %s %v leaves the neuron panel %v", area, name, r, l.Cell)
			}
		}
		if l.Slider.Dx() < 50*scale {
			t.Errorf("%v: slider only %.0f px long", area, l.Slider.Dx())
		}
		// Every point of the drawing is in the panel, above the controls.
		g := l.Neuron
		draw := anim.Rect{Min: l.Cell.Min, Max: anim.Point{X: l.Cell.Max.X, Y: l.Controls.Min.Y}}
		var all []anim.Point
		all = append(all, g.Axon...)
		all = append(all, g.BSoma...)
		all = append(all, g.BAxon...)
		all = append(all, g.Drive...)
		for _, d := range append(g.Apical, g.Basal...) {
			all = append(all, d...)
		}
		for _, p := range all {
			if !draw.In(p) {
				t.Errorf("%v: neuron point %v outside %v", area, p, draw)
				break
			}
		}
		if d := math.Hypot(g.Synapse.X-g.ToSoma[0].X, g.Synapse.Y-g.ToSoma[0].Y); d > 1 {
			t.Errorf("%v: the EPSP does not start at the synapse", area)
		}
		if !anim.Fits(anim.DtLabel(-100), l.Small, l.Cell.Dx(), 1, true) {
			t.Errorf("%v: the Δt label does not fit", area)
		}
		for _, n := range l.Net.Pos {
			for _, p := range n {
				if !l.Contrast.In(p) {
					t.Errorf("%v: contrast unit %v outside %v", area, p, l.Contrast)
				}
			}
		}
	}
}

func TestNeuronTrialTiming(t *testing.T) {
	w := engine.SongSTDP()
	for _, dt := range []float64{-100, -30, -5, 0, 5, 30, 100} {
		tr := NewNeuronTrial(dt)
		if tr.Start >= tr.PreAt-axonMs || tr.Start >= tr.PostAt-driveMs {
			t.Errorf("Δt %g: the trial starts at %g, after a spike leaves", dt, tr.Start)
		}
		if tr.ChangeAt != math.Max(0, dt+bapMs) || tr.End <= tr.ChangeAt {
			t.Errorf("Δt %g: change at %g, end %g", dt, tr.ChangeAt, tr.End)
		}
		if m := tr.At(-axonMs/2, w); m.PreSpike != 0.5 {
			t.Errorf("Δt %g: pre spike at %g halfway down the axon", dt, m.PreSpike)
		}
		if m := tr.At(tr.PostAt+0.1, w); m.BAP < 0 || m.Fired < 0.9 {
			t.Errorf("Δt %g: just after B fires, bAP %g fired %g", dt, m.BAP, m.Fired)
		}
		if tr.At(tr.ChangeAt-1e-9, w).Changed || !tr.At(tr.ChangeAt, w).Changed {
			t.Errorf("Δt %g: the change is not shown from %g on", dt, tr.ChangeAt)
		}
	}
}

// runTrial plays the current pairing to its end and through the pause.
func runTrial(n *Neuron) {
	for range 100000 {
		n.Advance(1.0 / anim.TicksPerSecond)
		if n.pause > 0 {
			break
		}
	}
	for n.pause > 0 {
		n.Advance(1.0 / anim.TicksPerSecond)
	}
}

func TestNeuronPointsAreTheEngines(t *testing.T) {
	cfg, _ := engine.DecodeLink("#scene=neuron&dt=12")
	n := NewNeuron(cfg)
	for _, dt := range []float64{12, -20, 40} {
		n.SetDt(dt)
		runTrial(n)
	}
	pts := n.Points()
	if len(pts) != 3 || pts[0].Dt != -20 || pts[1].Dt != 12 || pts[2].Dt != 40 {
		t.Fatalf("points %+v", pts)
	}
	w := engine.SongSTDP()
	want := initialWeight
	for _, p := range pts {
		if p.Dw != w.Dw(p.Dt) {
			t.Errorf("point at Δt %g: Δw %g, engine %g", p.Dt, p.Dw, w.Dw(p.Dt))
		}
		want += p.Dw
	}
	if math.Abs(n.Weight()-want) > 1e-15 {
		t.Errorf("weight %g, want %g", n.Weight(), want)
	}
	// The plotted curve is the engine's window, for either window.
	for _, biPoo := range []bool{false, true} {
		n.setWindow(biPoo)
		dt, dw := n.Curve()
		w := engine.STDPFor(biPoo)
		if len(dt) != 401 || dt[0] != engine.MinSTDPDt || dt[400] != engine.MaxSTDPDt {
			t.Fatalf("curve Δt from %g to %g, %d points", dt[0], dt[len(dt)-1], len(dt))
		}
		for i := range dt {
			if dw[i] != w.Dw(dt[i]) {
				t.Fatalf("biPoo %v: curve point %d (Δt %g) %g, engine %g", biPoo, i, dt[i], dw[i], w.Dw(dt[i]))
			}
		}
		for _, p := range n.Points() {
			if p.Dw != w.Dw(p.Dt) {
				t.Errorf("biPoo %v: point %+v off the curve", biPoo, p)
			}
		}
	}
}

func TestNeuronControls(t *testing.T) {
	cfg, _ := engine.DecodeLink("#scene=neuron&dt=10")
	n := NewNeuron(cfg)
	n.lay = anim.NeuronLayoutFor(anim.Rect{Min: anim.Point{X: 0, Y: 0}, Max: anim.Point{X: 1000, Y: 640}}, 1)
	n.slider.Track, n.toggle = n.lay.Slider, n.lay.Toggle
	tr := n.slider.Track
	cy := (tr.Min.Y + tr.Max.Y) / 2
	knob := n.slider.Knob()
	if want := tr.Min.X + 0.55*tr.Dx(); math.Abs(knob.X-want) > 1e-9 {
		t.Errorf("Δt 10 puts the knob at %g, want %g", knob.X, want)
	}
	// Press on the knob, drag past the left end, let go.
	n.UpdateWith(false, Pointer{At: knob, Has: true, Down: true})
	n.UpdateWith(false, Pointer{At: anim.Point{X: tr.Min.X - 50, Y: cy}, Has: true, Down: true})
	n.UpdateWith(false, Pointer{At: anim.Point{X: tr.Min.X - 50, Y: cy}, Has: true, Released: true})
	if n.Dt() != engine.MinSTDPDt {
		t.Errorf("dragged to the left end: Δt %g", n.Dt())
	}
	// A drag that did not start on the slider moves nothing.
	n.UpdateWith(false, Pointer{At: anim.Point{X: tr.Max.X, Y: tr.Min.Y - 200}, Has: true, Down: true})
	n.UpdateWith(false, Pointer{At: anim.Point{X: tr.Max.X, Y: cy}, Has: true, Down: true})
	n.UpdateWith(false, Pointer{At: anim.Point{X: tr.Max.X, Y: cy}, Has: true, Released: true})
	if n.Dt() != engine.MinSTDPDt {
		t.Errorf("a stray drag moved Δt to %g", n.Dt())
	}
	c := anim.Point{X: (n.toggle.Min.X + n.toggle.Max.X) / 2, Y: (n.toggle.Min.Y + n.toggle.Max.Y) / 2}
	n.UpdateWith(false, Pointer{At: c, Has: true, Released: true})
	if !n.BiPoo() || n.Window() != engine.BiPooSTDP() {
		t.Errorf("the toggle did not switch to Bi & Poo")
	}
	if got := anim.DtLabel(-7); got != "Δt = t_post − t_pre = −7 ms" {
		t.Errorf("DtLabel(-7) = %q", got)
	}
}
