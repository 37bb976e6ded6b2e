package engine

import "fmt"

// A run can fail without diverging: a learning rate of 10 saturates a tanh
// net, and its loss then sits at or above what a constant answer gets,
// step after step, with every number finite. Diverged catches NaN, Inf and
// a loss exploding; stalled catches this: for stallEpochs epoch checks the
// training loss has not improved on its best by stallProgress, and it is
// near chance — no better than stallNearChance × the loss of the best
// constant answer. It is watched every stallCheckEvery epochs, at steps
// fixed by the link alone, so the page and the CLI agree on it, and it clears as
// soon as the loss improves. A stalled run keeps running: it may recover.

const (
	stallEpochs     = 50   // epochs without progress…
	stallCheckEvery = 5    // epochs between two checks (a check is a pass over the training set)
	stallSteps      = 1000 // …and at least this many steps (pattern tasks have epochs of one step)
	stallProgress   = 0.01 // a relative improvement of the best loss that counts
	stallNearChance = 0.9  // of the chance loss
	stallTooHigh    = 1.2  // a loss this far above chance: worse than a constant answer
)

// stallWatch is a run's stall state.
type stallWatch struct {
	chance float64 // the loss of the best constant answer on the training set
	best   float64 // the best loss checked (0: none yet)
	since  int     // checks since best last improved
	loss   float64 // the last loss checked
	every  int     // steps between checks
}

// chanceLoss is the training loss of the best constant answer: ½ Σ_j
// Var(d_j) for the squared error (the answer is the mean target), the
// entropy of the mean target for the cross-entropy.
func chanceLoss(train []Example, xent bool) float64 {
	if len(train) == 0 {
		return 0
	}
	n := float64(len(train))
	var loss float64
	for j := range train[0].Y {
		var mean float64
		for _, ex := range train {
			mean += ex.Y[j]
		}
		mean /= n
		if xent {
			p := min(max(mean, 1e-12), 1-1e-12)
			loss -= float64(p*log(p)) + float64((1-p)*log(1-p))
			continue
		}
		var v float64
		for _, ex := range train {
			e := ex.Y[j] - mean
			v += float64(e * e)
		}
		loss += 0.5 * v / n
	}
	return loss
}

// observe takes the training loss of a check.
func (s *stallWatch) observe(loss float64) {
	s.loss = loss
	if s.since == 0 && s.best == 0 || loss < s.best*(1-stallProgress) {
		s.best, s.since = loss, 0
		return
	}
	s.since++
}

// stalled says whether the run is stalled and, if so, why in plain words
// with what to try.
func (s *stallWatch) stalled() (bool, string) {
	if s.since*stallCheckEvery < stallEpochs || s.since*s.every < stallSteps || s.loss < stallNearChance*s.chance {
		return false, ""
	}
	what := fmt.Sprintf("stalled: for %d epochs the loss (%.3g) has not improved and is no better than a constant answer's (%.3g)", s.since*stallCheckEvery, s.loss, s.chance)
	if s.loss > stallTooHigh*s.chance {
		return true, what + "; learning rate too high?"
	}
	return true, what + "; learning rate too low, or the network too small?"
}

// Stalled reports whether the run has stopped making progress with its
// loss near chance, and a hint in plain words.
func (r *Run) Stalled() (bool, string) { return r.stall.stalled() }
