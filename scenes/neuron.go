package scenes

import (
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes/anim"
)

// Neuron is the neuron scene: neuron A's axon ends in a synapse on a
// dendrite of neuron B. A's spike arrives and raises an EPSP; B fires at
// Δt = t_post − t_pre (made to fire by its other inputs); B's action
// potential travels back into B's own dendrites (the backpropagating action
// potential, bAP); where it meets the trace of A's recent input, the A→B
// synapse changes by the STDP window (engine.STDPWindow). Beside it, the
// contrast: a small layered network whose output error sweeps back across
// every layer and changes every weight.
//
// The scene replays one pairing ("trial") after another in slow motion.
// The Δt slider and the window toggle change what the next trial does;
// each finished trial leaves its (Δt, Δw) point on the plot.
type Neuron struct {
	window engine.STDPWindow
	biPoo  bool
	dt     float64 // ms
	trial  NeuronTrial
	ms     float64 // the trial's clock, biological ms
	pause  float64 // seconds left of the pause between trials
	done   bool    // this trial's change is applied
	weight float64 // the A→B weight, changed by every trial
	points []STDPPoint
	sweep  float64 // the contrast net's clock, seconds

	slider Slider
	toggle anim.Rect
	ptr    Pointer
	lay    anim.NeuronLayout
	area   anim.Rect
	scale  float64
	curve  struct{ dt, dw []float64 }
}

// STDPPoint is one pairing the viewer produced: its Δt and the weight change.
type STDPPoint struct{ Dt, Dw float64 }

// Slow motion: one second of the scene shows neuronMsPerSecond ms of the
// neurons' time, so a 10 ms pairing takes half a second to unfold.
const (
	neuronMsPerSecond = 20.0
	axonMs            = 10.0 // A's spike travelling down its axon, as drawn
	bapMs             = 4.0  // the bAP travelling from B's soma to the synapse, as drawn
	driveMs           = 6.0  // B's other input travelling to its soma, as drawn
	trialTailMs       = 30.0 // the change stays on show after it happens
	trialPauseSeconds = 0.6
	initialWeight     = 0.5
)

// NewNeuron builds the scene at the link's Δt and window.
func NewNeuron(cfg engine.Config) *Neuron {
	n := &Neuron{weight: initialWeight}
	n.setWindow(cfg.BiPoo)
	n.SetDt(cfg.DeltaT)
	return n
}

// SetDt sets Δt (clamped to the link's range, rounded to 1 ms, as the
// slider moves) and starts a new trial.
func (n *Neuron) SetDt(dt float64) {
	n.dt = anim.Clamp(dt, engine.MinSTDPDt, engine.MaxSTDPDt)
	n.slider.Frac = (n.dt - engine.MinSTDPDt) / (engine.MaxSTDPDt - engine.MinSTDPDt)
	n.trial = NewNeuronTrial(n.dt)
	n.ms, n.pause, n.done = n.trial.Start, 0, false
}

// Dt is the current Δt in ms.
func (n *Neuron) Dt() float64 { return n.dt }

// Window is the STDP window in use.
func (n *Neuron) Window() engine.STDPWindow { return n.window }

// BiPoo reports whether the window is Bi & Poo's fit.
func (n *Neuron) BiPoo() bool { return n.biPoo }

// Points are the pairings produced so far, in Δt order.
func (n *Neuron) Points() []STDPPoint { return n.points }

// Weight is the A→B weight after the trials so far.
func (n *Neuron) Weight() float64 { return n.weight }

// Trial is the pairing being shown and its clock in ms.
func (n *Neuron) Trial() (NeuronTrial, float64) { return n.trial, n.ms }

func (n *Neuron) setWindow(biPoo bool) {
	n.biPoo, n.window = biPoo, engine.STDPFor(biPoo)
	n.curve.dt, n.curve.dw = n.window.Curve(engine.MinSTDPDt, engine.MaxSTDPDt, 401, n.curve.dt, n.curve.dw)
	// The points were made with the other window: recompute them, so the
	// plot never shows points off its own curve.
	for i := range n.points {
		n.points[i].Dw = n.window.Dw(n.points[i].Dt)
	}
}

// Curve is the plotted window: Δt from −100 to 100 ms and Δw, the
// engine's values.
func (n *Neuron) Curve() (dt, dw []float64) { return n.curve.dt, n.curve.dw }

// Update advances the scene by one tick.
func (n *Neuron) Update(playing bool) { n.UpdateWith(playing, ReadPointer()) }

// UpdateWith is Update with the pointer given, for tests.
func (n *Neuron) UpdateWith(playing bool, p Pointer) {
	n.ptr = p
	if n.slider.Update(p) {
		n.SetDt(math.Round(engine.MinSTDPDt + n.slider.Frac*(engine.MaxSTDPDt-engine.MinSTDPDt)))
	}
	if Clicked(p, n.toggle) {
		n.setWindow(!n.biPoo)
	}
	if !playing {
		return
	}
	const dt = 1.0 / anim.TicksPerSecond
	n.sweep += dt
	n.Advance(dt)
}

// Advance moves the trial's clock by sec seconds of scene time.
func (n *Neuron) Advance(sec float64) {
	if n.pause > 0 {
		n.pause -= sec
		if n.pause <= 0 {
			n.trial = NewNeuronTrial(n.dt)
			n.ms, n.done = n.trial.Start, false
		}
		return
	}
	n.ms += sec * neuronMsPerSecond
	if !n.done && n.ms >= n.trial.ChangeAt {
		n.done = true
		n.record()
	}
	if n.ms >= n.trial.End {
		n.pause = trialPauseSeconds
	}
}

// record applies the trial's change and keeps its point.
func (n *Neuron) record() {
	dw := n.window.Dw(n.trial.Dt)
	n.weight += dw
	i, found := slices.BinarySearchFunc(n.points, n.trial.Dt, func(p STDPPoint, t float64) int {
		switch {
		case p.Dt < t:
			return -1
		case p.Dt > t:
			return 1
		}
		return 0
	})
	if found {
		n.points[i].Dw = dw
		return
	}
	n.points = slices.Insert(n.points, i, STDPPoint{n.trial.Dt, dw})
}

// NeuronTrial is the timing of one pairing, in biological ms, with A's
// spike reaching the synapse at 0 and B firing at Dt.
type NeuronTrial struct {
	Dt         float64
	Start, End float64
	PreAt      float64 // A's spike reaches the synapse
	PostAt     float64 // B fires at its soma
	BAPAt      float64 // the bAP reaches the synapse
	ChangeAt   float64 // the synapse changes: when the second of the two signals is there
}

// NewNeuronTrial times a pairing at Δt ms.
func NewNeuronTrial(dt float64) NeuronTrial {
	t := NeuronTrial{Dt: dt, PreAt: 0, PostAt: dt, BAPAt: dt + bapMs}
	t.Start = math.Min(t.PreAt-axonMs, t.PostAt-driveMs) - 4
	t.ChangeAt = math.Max(t.PreAt, t.BAPAt)
	t.End = t.ChangeAt + trialTailMs
	return t
}

// NeuronMoment is what the neuron panel shows at one instant of a trial.
// Fractions are along the drawn paths; −1 means not shown.
type NeuronMoment struct {
	PreSpike   float64 // A's spike along A's axon
	DriveSpike float64 // B's other input along its axon
	EPSP       float64 // the depolarisation at the synapse, 0..1
	PreTrace   float64 // A's recent input remembered at the synapse, 0..1 (e^{−t/τ₊})
	Fired      float64 // B's soma flash, 0..1
	BAP        float64 // the bAP's front, soma (0) to the tips of the dendrites (1)
	PostTrace  float64 // the bAP's recent passage remembered at the synapse, 0..1 (e^{−t/τ₋})
	Changed    bool    // the synapse has changed in this trial
}

// At is the moment ms of the trial under window w.
func (t NeuronTrial) At(ms float64, w engine.STDPWindow) NeuronMoment {
	m := NeuronMoment{PreSpike: -1, DriveSpike: -1, BAP: -1}
	if s := ms - (t.PreAt - axonMs); s >= 0 && s < axonMs {
		m.PreSpike = s / axonMs
	}
	if s := ms - (t.PostAt - driveMs); s >= 0 && s < driveMs {
		m.DriveSpike = s / driveMs
	}
	if s := ms - t.PreAt; s >= 0 {
		m.EPSP = math.Exp(-s / 15)
		m.PreTrace = math.Exp(-s / w.TauPlus)
	}
	if s := ms - t.PostAt; s >= 0 {
		m.Fired = math.Exp(-s / 6)
		// The bAP reaches the synapse after bapMs and the farthest tips
		// a little later.
		if f := s / (bapMs * 1.6); f <= 1 {
			m.BAP = f
		}
	}
	if s := ms - t.BAPAt; s >= 0 {
		m.PostTrace = math.Exp(-s / w.TauMinus)
	}
	m.Changed = ms >= t.ChangeAt
	return m
}

// Name is the link's name of the scene.
func (n *Neuron) Name() string { return "neuron" }

// Layout lays the scene out in area when it or the scale changed.
func (n *Neuron) Layout(area anim.Rect, scale float64) {
	if area == n.area && n.lay.Scale == scale {
		return
	}
	n.area = area
	n.lay = anim.NeuronLayoutFor(area, scale)
	n.slider.Track = n.lay.Slider
	n.toggle = n.lay.Toggle
}

// Draw renders the scene into its area.
func (n *Neuron) Draw(screen *ebiten.Image) {
	screen.Fill(anim.Background)
	if n.lay.Scale == 0 {
		return // not laid out yet
	}
	n.draw(screen)
}
