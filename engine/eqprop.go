package engine

// NewEqProp returns equilibrium propagation (Scellier & Bengio 2017) in the
// layered network with feedback gain γ. Energy and cost (settle.go):
//
//	E = Σ_k γ^{k−L} [½‖ρ(s_k)‖² − b_kᵀρ(s_k) − ρ(s_k)ᵀ W_k ρ(s_{k−1})],   C = ‖s_L − d‖²,
//
// F = E + βC. The free phase settles to s⁰ (β = 0); the nudged phase starts
// from s⁰ and settles to s^β. The update is their eq. 10 per unit of
// learning rate,
//
//	ΔW_k = −(1/β)(∂F/∂W_k(s^β) − ∂F/∂W_k(s⁰)) = (1/β) γ^{k−L} (ρ(s_k^β)ρ(s_{k−1}^β)ᵀ − ρ(s_k⁰)ρ(s_{k−1}⁰)ᵀ),
//
// which tends to −∂C(s⁰)/∂W_k as β → 0 (their Theorem 1). γ = 1 is their
// model. Note C has no ½: at small β the update is twice backprop's on the
// same net (whose loss is ½‖x_L − d‖²).
//
// ρ is the net's activation: their hard sigmoid clip(s, 0, 1) when the link
// asks for it (activation=hardsigmoid; nothing sets it by default — the
// table's tasks run eqprop on their own sigmoid or tanh nets), stepped with
// their projected gradient s ← ρ(s − ε ∂F/∂s). Other activations step with the leaky dynamics, whose
// fixed points are those of the Hopfield energy with ∫f⁻¹ in place of ½ρ²;
// the update is the same because only the coupling term depends on W.
func NewEqProp(n *Net, c Config) *Contrastive {
	r := newContrastive("eqprop", n, c, formCHL)
	r.plus = PhaseNudged
	r.scale = 1 / c.Beta
	r.S.P.Beta = c.Beta
	r.S.P.ClampedFirst = false
	r.S.P.Dynamics = Projected
	for k := 1; k <= n.Layers(); k++ {
		switch n.Acts[k] {
		case HardSigmoid, Linear, ReLU: // projections: ρ(s − ε∂F/∂s) is a projected gradient step
		default:
			r.S.P.Dynamics = Leaky
		}
	}
	return r
}
