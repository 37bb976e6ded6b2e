package engine

// EventKind names one moment of a learning step, in the order a scene
// replays them.
type EventKind uint8

const (
	EvForward     EventKind = iota // activity reaches layer Layer: Units = x_k
	EvOutputError                  // the error at the output: Units = x_L − d (A_R-P: the reward r at every output unit)
	EvBackward                     // δ reaches layer Layer: Units = δ_k
	EvFeedback                     // a feedback-alignment signal reaches Layer through fixed random weights: Units = δ_k
	EvFreeIter                     // free-phase settling iteration Iter: State = every layer's activity
	EvClamp                        // the output is clamped (or nudged) toward the target: Units = the target
	EvClampedIter                  // clamped/nudged-phase iteration Iter: State = every layer's activity
	EvHebbian                      // layer Layer's local Hebbian term: Weights (n_k × n_{k-1}, row-major)
	EvUpdate                       // the change applied to W[Layer]: Weights, per unit of learning rate
)

var eventNames = [...]string{"forward", "output-error", "backward", "feedback", "free", "clamp", "clamped", "hebbian", "update"}

func (k EventKind) String() string {
	if int(k) < len(eventNames) {
		return eventNames[k]
	}
	return "unknown"
}

// Event is one recorded moment with the per-unit (or per-weight) values.
type Event struct {
	Kind    EventKind
	Layer   int
	Iter    int
	Units   []float64
	State   [][]float64
	Weights []float64
}

// Trace is what a rule did in one step, for one example, in order.
type Trace struct {
	Rule   string
	Input  []float64
	Target []float64
	Events []Event
}

// Reset empties the trace for a new step, keeping its storage.
func (t *Trace) Reset(rule string, input, target []float64) {
	t.Rule = rule
	t.Input = append(t.Input[:0], input...)
	t.Target = append(t.Target[:0], target...)
	t.Events = t.Events[:0]
}

// AddUnits records an event carrying one layer's per-unit values (copied).
func (t *Trace) AddUnits(kind EventKind, layer int, units []float64) {
	t.Events = append(t.Events, Event{Kind: kind, Layer: layer, Units: append([]float64(nil), units...)})
}

// AddState records a settling iteration: a copy of every layer's activity.
func (t *Trace) AddState(kind EventKind, iter int, state [][]float64) {
	s := make([][]float64, len(state))
	for k, v := range state {
		s[k] = append([]float64(nil), v...)
	}
	t.Events = append(t.Events, Event{Kind: kind, Iter: iter, State: s})
}

// AddWeights records a per-weight event for layer (copied, row-major).
func (t *Trace) AddWeights(kind EventKind, layer int, w []float64) {
	t.Events = append(t.Events, Event{Kind: kind, Layer: layer, Weights: append([]float64(nil), w...)})
}
