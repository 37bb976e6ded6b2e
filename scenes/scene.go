package scenes

import (
	"github.com/hajimehoshi/ebiten/v2"

	"propagate/engine"
	"propagate/scenes/anim"
)

// Scene is one view of the page: compare, neuron or equivalence. Every
// tick the game calls Layout (the area it may draw in) and then Update
// (input, animation, and every engine computation the next frame shows:
// heatmaps, metrics, equivalence numbers); every frame it calls Draw, which
// only reads what Update left.
type Scene interface {
	// Name is the link's scene= name, reported as status().scene.
	Name() string
	// Layout gives the scene its area in screen (device) pixels and the
	// device pixels per CSS pixel; the scene lays itself out again only
	// when either changed.
	Layout(area anim.Rect, scale float64)
	// Update advances the scene by one tick; playing is the page's play
	// state.
	Update(playing bool)
	// Draw renders the scene into its area of screen.
	Draw(screen *ebiten.Image)
}

// Learner is a scene with runs (the compare scene): the game steps them,
// hands them the page's scene commands, and reports and exports them.
type Learner interface {
	Scene
	// StepsPerTick is how many steps a playing page takes per tick (0:
	// the scene steps itself).
	StepsPerTick() int
	// Advance takes n steps of every run.
	Advance(n int)
	// Progress is where the runs are.
	Progress() (step, epoch int)
	// Reports are the runs' reports for status().runs.
	Reports() []engine.RunReport
	// Runs are the runs, left panel first, for export and retuning.
	Runs() []*engine.Run
	// TakeRequests returns and clears what the viewer asked through the
	// canvas: toggle play, or take steps.
	TakeRequests() (togglePlay bool, steps int)
	// Command runs a scene command (mode, next, phase).
	Command(name, arg string) error
	// Mode is what the scene animates, for status().mode.
	Mode() Mode
}

// Manager holds the scene on show and builds the next one from a link, as
// ebiten's examples/blocks scene manager does for its scenes.
type Manager struct {
	current Scene
}

// NewManager shows the scene link asks for; the warnings are the link's and
// the reason for a fallback.
func NewManager(link string) (*Manager, []string) {
	m := &Manager{}
	return m, m.Load(link)
}

// Load replaces the scene with the one link asks for (see Build).
func (m *Manager) Load(link string) []string {
	s, warnings := Build(link)
	m.current = s
	return warnings
}

// Set shows s (tests and demos build their own scenes).
func (m *Manager) Set(s Scene) { m.current = s }

// Scene is the scene on show.
func (m *Manager) Scene() Scene { return m.current }

// Learner is the scene on show if it has runs, else nil.
func (m *Manager) Learner() Learner {
	l, _ := m.current.(Learner)
	return l
}

// Build builds the scene a link asks for, with the link's warnings. A link
// that decodes but whose runs cannot be built (a rule not implemented yet)
// falls back to the default compare scene, with the reason as a warning.
func Build(link string) (Scene, []string) {
	cfg, warnings := engine.DecodeLink(link)
	return build(cfg, warnings)
}

func build(cfg engine.Config, warnings []string) (Scene, []string) {
	switch cfg.Scene {
	case "neuron":
		return NewNeuron(cfg), warnings
	case "equivalence":
		return NewEquivalence(cfg), warnings
	}
	c, err := NewCompare(cfg)
	if err == nil {
		return c, warnings
	}
	def, _ := engine.DecodeLink("")
	c, defErr := NewCompare(def)
	if defErr != nil {
		// The defaults always build; if they ever stop, say so loudly.
		panic("scenes: the default compare scene: " + defErr.Error())
	}
	return c, append(warnings, err.Error())
}
