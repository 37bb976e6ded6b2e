package engine

// Rule is one learning rule bound to one net. Compute writes into u the
// change the rule makes to the net for a batch, averaged over the batch and
// per unit of learning rate; it never modifies the net. If tr is non-nil it
// records what the rule did for the batch's first example, for the scenes to
// replay. With tr nil, Compute allocates nothing.
type Rule interface {
	Name() string
	Compute(batch []Example, u *Update, tr *Trace)
}
