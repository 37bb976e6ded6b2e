package engine

// STDPWindow is spike-timing-dependent plasticity's pair rule (Bi & Poo
// 1998; Song, Miller & Abbott 2000): the change of a synapse's weight when
// the postsynaptic neuron fires Δt = t_post − t_pre milliseconds after the
// presynaptic one. Pre before post (Δt > 0) strengthens the synapse by
// A₊ e^{−Δt/τ₊}; post before pre (Δt < 0) weakens it by A₋ e^{Δt/τ₋}.
//
// The rule is local: it reads two spike times at one synapse, the
// presynaptic spike that arrived there and the postsynaptic action
// potential that travelled back into the dendrite (the backpropagating
// action potential). The same bAP reaches every synapse onto the neuron
// (weaker in distal dendrites), so it can pair with any recently active
// one; it never leaves the neuron.
type STDPWindow struct {
	APlus, AMinus     float64 // amplitudes of potentiation and depression
	TauPlus, TauMinus float64 // time constants, ms
}

// SongSTDP is Song, Miller & Abbott's (2000) window: τ₊ = τ₋ = 20 ms,
// A₊ = 0.005, A₋ = 0.00525 (depression slightly stronger, which keeps
// uncorrelated inputs from growing without bound).
func SongSTDP() STDPWindow {
	return STDPWindow{APlus: 0.005, AMinus: 0.00525, TauPlus: 20, TauMinus: 20}
}

// BiPooSTDP is the window with the time constants of a fit to Bi & Poo's
// (1998) data, τ₊ = 16.8 ms and τ₋ = 33.7 ms (Pfister & Gerstner 2006),
// and Song's amplitudes.
func BiPooSTDP() STDPWindow {
	return STDPWindow{APlus: 0.005, AMinus: 0.00525, TauPlus: 16.8, TauMinus: 33.7}
}

// STDPFor is the window a link asks for: Bi & Poo's fit or Song's defaults.
func STDPFor(biPoo bool) STDPWindow {
	if biPoo {
		return BiPooSTDP()
	}
	return SongSTDP()
}

// Dw is the weight change for Δt = t_post − t_pre in ms. At Δt = 0 exactly
// the two sides disagree (the window jumps from −A₋ to A₊) and no order of
// the spikes can be told: Dw returns 0.
func (w STDPWindow) Dw(dt float64) float64 {
	switch {
	case dt > 0:
		return w.APlus * exp(-dt/w.TauPlus)
	case dt < 0:
		return -w.AMinus * exp(dt/w.TauMinus)
	}
	return 0
}

// Curve samples the window at n evenly spaced Δt from lo to hi (n ≥ 2),
// into dt and dw (reused when long enough): the curve a scene plots.
func (w STDPWindow) Curve(lo, hi float64, n int, dt, dw []float64) ([]float64, []float64) {
	dt, dw = dt[:0], dw[:0]
	for i := range n {
		t := lo + (hi-lo)*float64(i)/float64(n-1)
		dt = append(dt, t)
		dw = append(dw, w.Dw(t))
	}
	return dt, dw
}

// Limits of the link's dt key, ms: five time constants either side, where
// the window has fallen below 1% of its peak.
const (
	MinSTDPDt = -100
	MaxSTDPDt = 100
)
