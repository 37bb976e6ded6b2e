package engine

import (
	"math"
	"math/rand/v2"
)

// ARP is the associative reward-penalty rule (A_R-P; Barto & Anandan 1985) as
// Mazzoni, Andersen & Jordan (1991) trained layered networks with it: every
// unit is stochastic and binary, a scalar reward r is the only learning
// signal, and there is no error vector and no backward pass at all. For a
// unit i with input x_j (the sampled states of the layer below), firing
// probability p_i = σ(net_i) and sampled state y_i ∈ {0, 1}:
//
//	Δw_ij = ρ [ r (y_i − p_i) + λ (1 − r)(1 − y_i − p_i) ] x_j
//
// Rewarded, a unit moves its probability toward what it just did; penalised,
// toward what it did not do, λ times as fast. y − p is ∂ln P(y)/∂net, so with
// λ = 0 (A_R-I) the expected update is the gradient of the expected reward
// (Williams 1992) — the identity arp_test.go checks.
//
// Verification: the paper's text was not available to us; the form above is
// Barto & Anandan's A_R-P rule, which Mazzoni et al. state they modified (the
// modification, a graded reward computed from the output error, is what
// reward() does for several outputs). The REINFORCE identity is checked.
//
// Units in a tanh layer fire ±1 with mean tanh(net): y − tanh(net) is again
// ∂ln P(y)/∂net, and "the other state" is −y. Any other activation is read
// as a probability on its range, clipped.
//
// The reward: r = 1 − (1/n_L) Σ_i |y_i − d_i| / (hi − lo), the fraction of
// output units whose sampled state is the target's — r ∈ {0, 1} with one
// output and binary targets.
type ARP struct {
	Lambda float64 // penalty rate λ relative to reward

	net  *Net
	rng  *rand.Rand
	m, y [][]float64 // mean activity f(net) and sampled state, per layer
	elig [][]float64 // r(y − m) + λ(1 − r)(ȳ − m), per layer
}

// arpLambda is the penalty rate: small, as in Barto & Anandan's experiments,
// so that penalties (most trials early on) do not wash out what rewards
// taught.
const arpLambda = 0.05

// NewARP returns the A_R-P rule drawing its samples from rng (a run passes
// its own rule stream, so runs are reproducible).
func NewARP(n *Net, c Config, rng *rand.Rand) *ARP {
	return &ARP{Lambda: arpLambda, net: n, rng: rng, m: layerVectors(n.Sizes), y: layerVectors(n.Sizes), elig: layerVectors(n.Sizes)}
}

// Name returns the rule's link name.
func (r *ARP) Name() string { return "arp" }

// Compute implements Rule. It draws from the rule's generator, so two calls
// on the same batch differ; two rules built alike give identical updates.
func (r *ARP) Compute(batch []Example, u *Update, tr *Trace) {
	u.Zero()
	if len(batch) == 0 {
		return
	}
	n, L := r.net, r.net.Layers()
	scale := 1 / float64(len(batch))
	for e := range batch {
		ex := &batch[e] // not a copy of the Example: a range value copies all of it
		traced := tr != nil && e == 0
		if traced {
			tr.Reset("arp", ex.X, ex.Y)
		}
		r.sample(ex.X)
		if traced {
			for k := 1; k <= L; k++ {
				tr.AddUnits(EvForward, k, r.y[k])
			}
		}
		rew := r.reward(ex.Y)
		if traced {
			// The one number every unit learns from, shown at each output.
			rs := make([]float64, len(r.y[L]))
			for i := range rs {
				rs[i] = rew
			}
			tr.AddUnits(EvOutputError, L, rs)
		}
		for k := 1; k <= L; k++ {
			lo, hi := n.Acts[k].Range()
			for i, y := range r.y[k] {
				m := r.m[k][i]
				r.elig[k][i] = float64(rew*(y-m)) + float64(r.Lambda*(1-rew)*(lo+hi-y-m))
			}
			dw := u.DW[k].RawMatrix()
			db := u.DB[k].vec.Data
			pre := r.y[k-1]
			for i, g := range r.elig[k] {
				g = float64(g * scale)
				db[i] += g
				row := dw.Data[i*dw.Stride : i*dw.Stride+len(pre)]
				for j, x := range pre {
					row[j] += float64(g * x)
				}
			}
			if traced {
				h := make([]float64, len(r.elig[k])*len(pre))
				for i, g := range r.elig[k] {
					for j, x := range pre {
						h[i*len(pre)+j] = g * x
					}
				}
				tr.AddWeights(EvHebbian, k, h)
			}
		}
	}
	if tr != nil {
		for k := 1; k <= L; k++ {
			tr.AddWeights(EvUpdate, k, u.DW[k].mat.Data)
		}
	}
}

// sample runs the stochastic net forward: layer k's units see the sampled
// states of layer k−1 (the input itself for k = 1).
func (r *ARP) sample(x []float64) {
	n := r.net
	copy(r.y[0], x)
	for k := 1; k <= n.Layers(); k++ {
		w := n.W[k].RawMatrix()
		b := n.B[k].vec.Data
		f := n.Acts[k]
		lo, hi := f.Range()
		prev := r.y[k-1]
		for i := range r.y[k] {
			s := b[i]
			for j, v := range w.Data[i*w.Stride : i*w.Stride+len(prev)] {
				s += float64(v * prev[j])
			}
			m := math.Min(math.Max(f.Apply(s), lo), hi)
			r.m[k][i] = m
			if r.rng.Float64() < (m-lo)/(hi-lo) {
				r.y[k][i] = hi
			} else {
				r.y[k][i] = lo
			}
		}
	}
}

// reward is the fraction of output units whose sampled state matches the
// target (graded by distance for targets inside the range).
func (r *ARP) reward(d []float64) float64 {
	L := r.net.Layers()
	lo, hi := r.net.Acts[L].Range()
	var miss float64
	for i, y := range r.y[L] {
		miss += math.Min(math.Abs(y-d[i])/(hi-lo), 1)
	}
	return 1 - miss/float64(len(d))
}
