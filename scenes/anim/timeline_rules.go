package anim

// FeedbackKind is how a rule sends a signal back toward the input, which
// decides which extra edges a panel draws.
type FeedbackKind uint8

const (
	NoFeedback     FeedbackKind = iota // backprop (δ travels on the forward edges, transposed), arp
	TiedFeedback                       // CHL, GeneRec, EqProp: γ W_{k+1}ᵀ, a feedback edge beside each forward one
	RandomFeedback                     // feedback alignment: fixed random B_{k+1}, beside each forward one
	DirectFeedback                     // direct feedback alignment: from the output straight to each hidden layer
)

// RuleInfo is what the page says about a rule.
type RuleInfo struct {
	Name     string // "Backpropagation"
	Short    string // "Backprop": when the name does not fit
	What     string // one line for the legend and train mode
	Feedback FeedbackKind
	Hebbian  string // the local term each weight learns from, for the Hebbian phase's caption
}

// Rules describes every rule the engine names (engine.RuleNames).
var Rules = map[string]RuleInfo{
	"bp":          {"Backpropagation", "Backprop", "error sent backward through every layer", NoFeedback, ""},
	"chl":         {"Contrastive Hebbian learning", "CHL", "clamp the output, let feedback spread it, learn locally", TiedFeedback, "x⁺x⁺ − x⁻x⁻"},
	"generec":     {"GeneRec", "GeneRec", "free vs clamped activity, sender × receiver change", TiedFeedback, "x⁻(y⁺ − y⁻)"},
	"generec-mid": {"GeneRec (midpoint)", "GeneRec-mid", "GeneRec with the sender's midpoint activity", TiedFeedback, "½(x⁻ + x⁺)(y⁺ − y⁻)"},
	"generec-sym": {"GeneRec (symmetric)", "GeneRec-sym", "GeneRec made symmetric between sender and receiver", TiedFeedback, "x⁻(y⁺ − y⁻) + y⁻(x⁺ − x⁻)"},
	"eqprop":      {"Equilibrium propagation", "EqProp", "nudge the output, let the net settle, learn locally", TiedFeedback, "ρ(x^β)ρ(y^β) − ρ(x⁰)ρ(y⁰), over β"},
	"fa":          {"Feedback alignment", "FA", "backprop through fixed random feedback weights", RandomFeedback, ""},
	"dfa":         {"Direct feedback alignment", "DFA", "output error sent straight to each layer, randomly", DirectFeedback, ""},
	"arp":         {"Reward-only (A_R-P)", "A_R-P", "stochastic units learn from one reward number", NoFeedback, ""},
}

// RuleInfoOf returns the description of a rule, or a plain one for a name
// it does not know.
func RuleInfoOf(rule string) RuleInfo {
	if ri, ok := Rules[rule]; ok {
		return ri
	}
	return RuleInfo{Name: rule, Short: rule, What: "learning rule " + rule}
}
