package engine

import "fmt"

// EquivalenceDetail is one γ of Equivalence with the two updates it
// compares, for the equivalence scene to draw: per layer k (index k; index
// 0 unused), the CHL and backprop weight updates as row-major n_k × n_{k−1}
// matrices, and the same per-layer agreement Equivalence returns.
type EquivalenceDetail struct {
	Gamma      float64
	WithFactor bool
	Sizes      []int
	CHL, BP    [][]float64
	Layers     []LayerAgreement
}

// The two cases of Xie & Seung's theorem the equivalence measures.
const (
	// EquivalenceLinear: the output layer made linear, backprop on ½
	// squared error (their eq. 3.19). Any link but the one below.
	EquivalenceLinear = "linear output, squared error"
	// EquivalenceSigmoidXent: a sigmoid output kept as it is, backprop on
	// cross-entropy (their eq. 3.20), when the link asks for
	// outputActivation=sigmoid&loss=xent.
	EquivalenceSigmoidXent = "sigmoid output, cross-entropy"
)

// EquivalenceCase is which case of the theorem Equivalence measures for c.
func EquivalenceCase(c Config) string {
	if c.OutputActivation == Sigmoid && c.Loss == "xent" {
		return EquivalenceSigmoidXent
	}
	return EquivalenceLinear
}

// EquivalenceAt is Equivalence at one γ, keeping the updates. It builds the
// same net and batch and settles the same way, so its Layers are
// Equivalence's, bit for bit (a test holds that).
func EquivalenceAt(c Config, gamma float64, withFactor bool) (EquivalenceDetail, error) {
	if !(gamma > 0 && gamma <= 1) {
		return EquivalenceDetail{}, fmt.Errorf("gamma %v is outside (0, 1]", gamma)
	}
	r, err := NewRun(c, "bp")
	if err != nil {
		return EquivalenceDetail{}, err
	}
	net := r.net
	loss := "mse"
	if EquivalenceCase(c) == EquivalenceSigmoidXent {
		loss = "xent" // Xie & Seung's eq. 3.20: the net as the link has it
	} else {
		net.Acts[net.Layers()] = Linear // their eq. 3.19's condition
	}
	batch := r.NextBatch()
	ref := net.NewUpdate()
	NewBackprop(net, loss).Compute(batch, ref, nil)
	u := net.NewUpdate()
	cc := c
	cc.Gamma = gamma
	chl := NewCHL(net, cc)
	chl.factor = withFactor
	chl.S.P.Tol, chl.S.P.MaxIters = equivalenceTol, equivalenceIters
	chl.Compute(batch, u, nil)
	if !chl.S.Stats.FreeConverged || !chl.S.Stats.PlusConverged {
		return EquivalenceDetail{}, fmt.Errorf("settling did not converge to %g in %d iterations at gamma %v", equivalenceTol, equivalenceIters, gamma)
	}
	d := EquivalenceDetail{
		Gamma: gamma, WithFactor: withFactor,
		Sizes:  append([]int(nil), net.Sizes...),
		CHL:    make([][]float64, len(net.Sizes)),
		BP:     make([][]float64, len(net.Sizes)),
		Layers: CompareUpdates(u, ref),
	}
	for k := 1; k < len(net.Sizes); k++ {
		d.CHL[k] = append([]float64(nil), u.DW[k].RawMatrix().Data...)
		d.BP[k] = append([]float64(nil), ref.DW[k].RawMatrix().Data...)
	}
	return d, nil
}
