package engine

// Feedback alignment and direct feedback alignment are backprop with another
// path for the error (Backprop's modes), so they trace the forward pass, the
// output error and each δ_k as EvFeedback.

// NewFeedbackAlignment returns feedback alignment (Lillicrap et al. 2016):
// δ_k = (B_{k+1} δ_{k+1}) ⊙ f'(a_k) with the net's fixed random Feedback[k+1]
// (used transposed) in place of W_{k+1}ᵀ.
func NewFeedbackAlignment(n *Net, loss string) *Backprop {
	return newBackward(n, loss, backFeedback, "fa")
}

// NewDirectFeedbackAlignment returns direct feedback alignment (Nøkland
// 2016): every hidden layer gets the output error through its own fixed
// random matrix, δ_k = (B_k e) ⊙ f'(a_k), with e Nøkland's: the gradient of
// the loss at the output's pre-activation, e = δ_L = (x_L − d) ⊙ f'(a_L) for
// ½ squared error, x_L − d for a sigmoid output with cross-entropy (and for
// a linear output, where the two agree).
func NewDirectFeedbackAlignment(n *Net, loss string) *Backprop {
	return newBackward(n, loss, backDirect, "dfa")
}
