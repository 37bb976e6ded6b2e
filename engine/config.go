package engine

// Config is every setting that defines a demo: what a link encodes. The zero
// value is not valid; start from DefaultConfig. The link codec (link.go) is
// the only place that turns user input into a Config, and it clamps every
// field into the limits below, so code that receives a Config may trust it.
type Config struct {
	// Page state.
	Scene  string    // "compare", "neuron", "equivalence"
	Rules  [2]string // the two rules compared, e.g. {"bp", "chl"}
	Step   int       // the step to replay to
	Lesson int       // 0: no lesson
	Embed  bool
	Mode   string // "train" or "explain"
	Speed  int    // training steps per frame in train mode

	// Data.
	Problem       string // "classification" or "regression"
	Dataset       string // circle, xor, gauss, spiral, reg-plane, reg-gauss, xor4, 4-2-4, 8-3-8
	Noise         int    // 0..50, TF Playground's slider
	PercTrainData int    // 10..90
	Features      []string
	ShowTestData  bool
	Discretize    bool

	// Network.
	NetworkShape     []int // hidden layer sizes
	Activation       Activation
	OutputActivation Activation
	Init             string // "tfp", "glorot", "fanin", "zero"
	Loss             string // "mse" (½ squared error) or "xent" (sigmoid output only)

	// Learning.
	LearningRate       float64
	BatchSize          int
	Regularization     string // "none", "L1", "L2"
	RegularizationRate float64
	Seed               string // any string; hashed into the run's PCG seed

	// Rules without a backward pass.
	Gamma       float64 // feedback gain γ of the layered network with feedback (Xie & Seung 2003); CHL's update tends to backprop's as γ → 0 with a linear output
	Beta        float64 // equilibrium propagation's nudge β
	SettleIters int     // cap on settling iterations per phase
	VarOut      float64 // predictive coding's output variance Σ_L (the hidden layers' are 1)
	Feedback    string  // "tied" (γ W_{k+1}ᵀ) or "random" (γ times the net's fixed random Feedback[k+1], transposed): what carries the settling rules' feedback

	// Live settings changed while the demo ran, in step order (changes.go):
	// the fields above hold the values it started with.
	Changes []Change

	// The neuron and equivalence scenes.
	DeltaT      float64 // STDP: t_post − t_pre in ms (MinSTDPDt..MaxSTDPDt)
	BiPoo       bool    // STDP: Pfister & Gerstner's fit to Bi & Poo's data (time constants) with Song, Miller & Abbott's amplitudes, instead of Song's window
	GammaFactor bool    // CHL's γ^{k−L} factor in the equivalence scene (false shows why it is there)
}

// Limits enforced by the link codec.
const (
	MaxHiddenLayers = 6
	MaxUnits        = 16
	MaxBatchSize    = 500
	MaxStep         = 10_000_000
	MinLearningRate = 1e-5
	MaxLearningRate = 10
	MaxSettleIters  = 1000
)

// Features of TF Playground's 2-D datasets, in its order.
var FeatureNames = []string{"x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY", "cosX", "cosY"}

// DefaultConfig is TF Playground's opening demo (circle, 2 → 4 → 2 → 1 tanh,
// learning rate 0.03, batch 10, half the points for training) with backprop
// beside contrastive Hebbian learning.
func DefaultConfig() Config {
	return Config{
		Scene:              "compare",
		Rules:              [2]string{"bp", "chl"},
		Mode:               "train",
		Speed:              1,
		Problem:            "classification",
		Dataset:            "circle",
		Noise:              0,
		PercTrainData:      50,
		Features:           []string{"x", "y"},
		NetworkShape:       []int{4, 2},
		Activation:         Tanh,
		OutputActivation:   Tanh,
		Init:               "tfp",
		Loss:               "mse",
		LearningRate:       0.03,
		BatchSize:          10,
		Regularization:     "none",
		RegularizationRate: 0,
		Seed:               "1",
		Gamma:              0.1,
		Beta:               0.5,
		SettleIters:        100,
		Feedback:           "tied",
		VarOut:             1,
		DeltaT:             10,
		GammaFactor:        true,
	}
}
