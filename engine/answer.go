package engine

// What a net answers for an input depends on the rule that trains it. A
// feedforward net answers with its forward pass. A settling network — the
// layered net with feedback of CHL, GeneRec and equilibrium propagation —
// answers with its free fixed point: that is the state those rules learn
// from, and for large γ it is far from the forward pass (equilibrium
// propagation at γ = 1 can fit xor4 at its fixed point while its forward
// pass is wrong). Metrics and heatmaps ask the answerer, so every rule is
// judged by the network it trains.
type answerer struct {
	net     *Net
	a, x    [][]float64 // forward answers, a chunk at a time (n_k × rows, as Net.ForwardCols)
	settler *Settler    // settled answers; nil for a feedforward net
	chunk   [][]float64
	layers  [][]float64
}

// settlingRule is a rule whose network settles.
type settlingRule interface{ settleParams() SettleParams }

func (r *Contrastive) settleParams() SettleParams { return r.S.P }

// newAnswerer returns the answerer for a net trained by rule.
func newAnswerer(n *Net, rule Rule) *answerer {
	a := &answerer{net: n, layers: make([][]float64, len(n.Sizes))}
	if sr, ok := rule.(settlingRule); ok {
		a.settler = NewSettler(n, sr.settleParams())
	} else {
		a.a, a.x = n.ColBuffers(forwardChunk), n.ColBuffers(forwardChunk)
	}
	for k, s := range n.Sizes {
		a.layers[k] = make([]float64, s)
	}
	return a
}

// forwardChunk is how many inputs go through a feedforward net together, a
// layer at a time (Net.ForwardCols): the same numbers as one by one.
const forwardChunk = 64

// settledChunk is how many inputs settle together: batching amortises the
// per-iteration overhead, while convergence (judged on the whole chunk)
// stays close to each input's own. A short last chunk is padded with its
// last input, so the settler's states keep one size and are never
// reallocated.
const settledChunk = 64

// each calls fn with every layer's activity for input(i), i = 0..n-1 in
// order; the layers are valid only during the call. It allocates nothing
// once its chunk buffer has grown.
func (a *answerer) each(n int, input func(int) []float64, fn func(i int, layers [][]float64)) {
	a.visit(n, input, true, fn)
}

// outputs calls fn with the output layer's activity for input(i), i =
// 0..n-1 in order: each, without gathering the hidden layers.
func (a *answerer) outputs(n int, input func(int) []float64, fn func(i int, y []float64)) {
	L := len(a.layers) - 1
	a.visit(n, input, false, func(i int, layers [][]float64) { fn(i, layers[L]) })
}

// visit is each, gathering every layer (all) or the output alone.
func (a *answerer) visit(n int, input func(int) []float64, all bool, fn func(i int, layers [][]float64)) {
	first := 0 // the first layer gathered
	if !all {
		first = len(a.layers) - 1
	}
	if a.settler == nil {
		a.forwardInputs(n, input, func(start, rows int, x [][]float64) {
			for r := range rows {
				for k, layer := range a.layers[first:] {
					k += first
					for i := range layer {
						layer[i] = x[k][i*rows+r]
					}
				}
				fn(start+r, a.layers)
			}
		})
		return
	}
	for start := 0; start < n; start += settledChunk {
		end := min(start+settledChunk, n)
		a.chunk = a.chunk[:0]
		for i := start; i < end; i++ {
			a.chunk = append(a.chunk, input(i))
		}
		for len(a.chunk) < settledChunk {
			a.chunk = append(a.chunk, input(end-1))
		}
		a.settler.SettleFree(a.chunk)
		for i := range end - start {
			for k, layer := range a.layers[first:] {
				a.layers[first+k] = a.settler.Free[first+k].Col(i, layer)
			}
			fn(start+i, a.layers)
		}
	}
}

// forwardInputs runs a feedforward net over input(i), i = 0..n-1, in chunks
// of up to forwardChunk inputs, and calls fn(start, rows, layers) with
// layers[k] the chunk's n_k × rows activities (Net.ForwardCols), valid
// during the call: a caller that wants only a summary of each chunk (a loss)
// needs no call per input.
func (a *answerer) forwardInputs(n int, input func(int) []float64, fn func(start, rows int, layers [][]float64)) {
	n0 := a.net.Sizes[0]
	for start := 0; start < n; start += forwardChunk {
		rows := min(forwardChunk, n-start)
		x0 := a.x[0][:n0*rows]
		for r := range rows {
			for j, v := range input(start + r)[:n0] {
				x0[j*rows+r] = v
			}
		}
		a.net.ForwardCols(rows, a.a, a.x)
		fn(start, rows, a.x)
	}
}

// forwardChunks runs a feedforward net over chunks of inputs, each n_0 ×
// rows unit-major (Heatmap's chunks, of forwardChunk inputs but perhaps the
// last), reading each chunk in place as the input layer, and calls fn(start,
// rows, layers) with layers[k] the chunk's n_k × rows activities (Net.
// ForwardCols), valid during the call: each's numbers, without a call or a
// copy per input.
func (a *answerer) forwardChunks(chunks [][]float64, fn func(start, rows int, layers [][]float64)) {
	n0, x0 := a.net.Sizes[0], a.x[0]
	start := 0
	for _, c := range chunks {
		rows := len(c) / n0
		a.x[0] = c
		a.net.ForwardCols(rows, a.a, a.x)
		fn(start, rows, a.x)
		start += rows
	}
	a.x[0] = x0
}

// Settled reports whether the run's net answers at a settled fixed point
// rather than with a forward pass.
func (r *Run) Settled() bool { return r.answer.settler != nil }

// RefreshHeatmap recomputes h for the run's current weights, with the net
// answering as its rule trains it (see answerer).
func (r *Run) RefreshHeatmap(h *Heatmap) {
	if r.answer.settler == nil {
		L := r.net.Layers()
		r.answer.forwardChunks(h.chunks, func(start, rows int, layers [][]float64) {
			copy(h.Output[start:start+rows], layers[L][:rows]) // the first output unit
		})
		r.answer.forwardChunks(h.unitChunks, func(start, rows int, layers [][]float64) {
			for k, layer := range layers {
				for i, u := range h.Units[k] {
					copy(u[start:start+rows], layer[i*rows:][:rows])
				}
			}
		})
		return
	}
	r.answer.each(len(h.inputs), func(i int) []float64 { return h.inputs[i] }, func(p int, layers [][]float64) {
		h.Output[p] = layers[len(layers)-1][0]
	})
	r.answer.each(len(h.unitInputs), func(i int) []float64 { return h.unitInputs[i] }, func(p int, layers [][]float64) {
		for k, layer := range layers {
			for i, v := range layer {
				h.Units[k][i][p] = v
			}
		}
	})
}
