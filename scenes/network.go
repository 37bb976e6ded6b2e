package scenes

import (
	"math/rand/v2"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// TicksPerSecond is Ebitengine's default Update rate; the animation clock
// advances by one tick's worth of seconds per Update.
const TicksPerSecond = 60

// Network is the placeholder scene: a small fixed network whose edges show
// the sign and size of made-up weights, and a pulse that travels forward
// while playing. It learns nothing; the weights come from a seeded
// generator so the picture is the same on every load.
type Network struct {
	sizes    []int
	weights  [][]float64 // weights[k][i*sizes[k-1]+j]: edge from unit j of layer k-1 to unit i of layer k; weights[0] is unused
	activity [][]float64 // resting activity per unit, in [0, 1]
	clock    float64     // animation time in seconds; advances only while playing
}

// NewNetwork returns the placeholder scene for a network of the given layer
// sizes (input first), with weights and activities drawn from seed.
func NewNetwork(sizes []int, seed uint64) *Network {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	n := &Network{sizes: append([]int(nil), sizes...)}
	n.weights = make([][]float64, len(sizes))
	n.activity = make([][]float64, len(sizes))
	for k, size := range sizes {
		n.activity[k] = make([]float64, size)
		for i := range n.activity[k] {
			n.activity[k][i] = 0.15 + 0.6*rng.Float64()
		}
		if k == 0 {
			continue
		}
		n.weights[k] = make([]float64, size*sizes[k-1])
		for i := range n.weights[k] {
			n.weights[k][i] = 2*rng.Float64() - 1
		}
	}
	return n
}

// Update advances the animation by one tick when playing.
func (n *Network) Update(playing bool) {
	if playing {
		n.clock += 1.0 / TicksPerSecond
	}
}

// Draw renders the network into area of screen (screen pixels).
func (n *Network) Draw(screen *ebiten.Image, area Rect) {
	screen.Fill(Background)
	pos := UnitPositions(n.sizes, area)
	r := UnitRadius(n.sizes, area)
	layers := len(n.sizes)

	for k := 1; k < layers; k++ {
		for i, to := range pos[k] {
			for j, from := range pos[k-1] {
				w := n.weights[k][i*n.sizes[k-1]+j]
				vector.StrokeLine(screen, float32(from.X), float32(from.Y), float32(to.X), float32(to.Y),
					float32(EdgeWidth(w, r)), EdgeColor(w), true)
			}
		}
	}

	if k, frac := PulseAt(n.clock, layers); k > 0 {
		f := Ease(frac)
		for _, to := range pos[k] {
			for _, from := range pos[k-1] {
				x := from.X + f*(to.X-from.X)
				y := from.Y + f*(to.Y-from.Y)
				vector.DrawFilledCircle(screen, float32(x), float32(y), float32(r*0.16), Pulse, true)
			}
		}
	}

	for k := range layers {
		glow := UnitGlow(n.clock, k, layers)
		for i, p := range pos[k] {
			a := n.activity[k][i] + 0.5*glow
			vector.DrawFilledCircle(screen, float32(p.X), float32(p.Y), float32(r), UnitFill(a), true)
			vector.StrokeCircle(screen, float32(p.X), float32(p.Y), float32(r), float32(max(1.5, r*0.1)), UnitRing, true)
		}
	}
}
