package engine

// History keeps a bounded record of a run's metrics. It records every
// interval steps; when full it drops every other point and doubles the
// interval, so a million steps take the same memory as a thousand and the
// curve still spans the whole run.
type History struct {
	points   []Metrics
	interval int
}

// Init sets the capacity (at least 2) and the first interval.
func (h *History) Init(capacity, interval int) {
	h.points = make([]Metrics, 0, max(2, capacity))
	h.interval = max(1, interval)
}

// Due reports whether step should be recorded.
func (h *History) Due(step int) bool { return step%h.interval == 0 }

// Add records m, thinning the record first if it is full.
func (h *History) Add(m Metrics) {
	if len(h.points) == cap(h.points) {
		kept := h.points[:0]
		for i := 0; i < len(h.points); i += 2 {
			kept = append(kept, h.points[i])
		}
		h.points = kept
		h.interval *= 2
	}
	h.points = append(h.points, m)
}

// Points returns the record, oldest first; the caller must not modify it.
func (h *History) Points() []Metrics { return h.points }

// Interval returns the current recording interval in steps.
func (h *History) Interval() int { return h.interval }
