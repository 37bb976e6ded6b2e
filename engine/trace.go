package engine

// EventKind names one moment of a learning step, in the order a scene
// replays them.
type EventKind uint8

const (
	EvForward     EventKind = iota // activity reaches layer Layer: Units = x_k
	EvOutputError                  // the error at the output: Units = x_L − d
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

// Trace is what a rule did in one step, for one example, in order, and
// what the run then applied.
type Trace struct {
	Rule   string
	Input  []float64
	Target []float64
	Events []Event
	// Applied is filled in by Run.StepTraced; a rule's own Compute leaves
	// it as it was.
	Applied Applied
}

// Applied is what a traced step of a run did to the net: the settings in
// force at that step (after the link's changes) and every weight and bias
// before and after the update — the update scaled by the learning rate,
// with the L1/L2 term. Layers are indexed from 1, W[k] row-major as
// Net.W; index 0 is empty.
type Applied struct {
	LearningRate       float64
	Regularization     string
	RegularizationRate float64
	WeightsBefore      [][]float64
	WeightsAfter       [][]float64
	BiasesBefore       [][]float64
	BiasesAfter        [][]float64
}

// DeltaW is the change the step made to weight x (row-major) of layer k,
// and false when the trace has none.
func (a *Applied) DeltaW(k, x int) (float64, bool) {
	if k <= 0 || k >= len(a.WeightsAfter) || k >= len(a.WeightsBefore) || x < 0 || x >= len(a.WeightsAfter[k]) || x >= len(a.WeightsBefore[k]) {
		return 0, false
	}
	return a.WeightsAfter[k][x] - a.WeightsBefore[k][x], true
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
