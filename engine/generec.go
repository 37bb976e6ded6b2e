package engine

// GeneRec (O'Reilly 1996) learns from the same two phases as CHL — minus =
// free, plus = clamped — with sender x (layer k−1) and receiver y (layer k):
//
//	generec:      Δw = x⁻ (y⁺ − y⁻)                    (his eq. 11)
//	generec-mid:  Δw = ½(x⁻ + x⁺)(y⁺ − y⁻)             (midpoint method)
//	generec-sym:  Δw = x⁻(y⁺ − y⁻) + y⁻(x⁺ − x⁻)       (symmetry preserving)
//	Δb = y⁺ − y⁻ for all three.
//
// Symmetric and midpoint together give x⁺y⁺ − x⁻y⁻, which is CHL.
//
// The γ^{k−L} factor. O'Reilly's network has symmetric weights, which is
// γ = 1, where the factor is 1. In Xie & Seung's network with γ < 1 the phase
// difference y⁺ − y⁻ of layer k is γ^{L−k} times the backprop error (their
// eq. 3.19), so without the factor a hidden layer would learn γ^{L−k} times
// slower than the layer above it. We keep the factor for every variant: each
// then reduces to O'Reilly's rule at γ = 1, approximates backprop as γ → 0
// like CHL, and symmetric + midpoint is CHL exactly at every γ.

// NewGeneRec returns GeneRec's basic rule.
func NewGeneRec(n *Net, c Config) *Contrastive {
	return newContrastive("generec", n, c, formGeneRec)
}

// NewGeneRecMid returns GeneRec with the midpoint method.
func NewGeneRecMid(n *Net, c Config) *Contrastive {
	return newContrastive("generec-mid", n, c, formGeneRecMid)
}

// NewGeneRecSym returns GeneRec's symmetry-preserving rule.
func NewGeneRecSym(n *Net, c Config) *Contrastive {
	return newContrastive("generec-sym", n, c, formGeneRecSym)
}
