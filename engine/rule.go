package engine

import "fmt"

// Rule is one learning rule bound to one net. Compute writes into u the
// change the rule makes to the net for a batch, averaged over the batch and
// per unit of learning rate; it never modifies the net. If tr is non-nil it
// records what the rule did for the batch's first example, for the scenes to
// replay. With tr nil, Compute allocates nothing.
type Rule interface {
	Name() string
	Compute(batch []Example, u *Update, tr *Trace)
}

// NewRule builds the named rule for a net. Targets given to Compute are in
// the output activation's units (Run maps class labels into them).
func NewRule(name string, n *Net, c Config) (Rule, error) {
	switch name {
	case "bp":
		return NewBackprop(n, c.Loss), nil
	case "chl":
		return NewCHL(n, c), nil
	case "generec":
		return NewGeneRec(n, c), nil
	case "generec-mid":
		return NewGeneRecMid(n, c), nil
	case "generec-sym":
		return NewGeneRecSym(n, c), nil
	case "eqprop":
		return NewEqProp(n, c), nil
	case "pc":
		return NewPredictiveCoding(n, c), nil
	case "fa":
		return NewFeedbackAlignment(n, c.Loss), nil
	case "dfa":
		return NewDirectFeedbackAlignment(n, c.Loss), nil
	case "arp":
		return NewARP(n, c, ruleRNG(c)), nil
	}
	if KnownRule(name) {
		return nil, fmt.Errorf("rule %q is not implemented yet", name)
	}
	return nil, fmt.Errorf("unknown rule %q", name)
}
