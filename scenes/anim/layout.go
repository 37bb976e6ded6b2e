package anim

import (
	"image/color"
	"math"
)

// UnitPositions places the units of a layered network in area: layers from
// left (input) to right (output), evenly spaced; the units of a layer
// centred vertically with the same spacing in every layer, so layers of
// different sizes line up as in a textbook figure.
func UnitPositions(sizes []int, area Rect) [][]Point {
	if len(sizes) == 0 {
		return nil
	}
	widest := 1
	for _, n := range sizes {
		widest = max(widest, n)
	}
	// One layer column and one unit row per slot; the outer half-slots are
	// margin so the outermost circles are not clipped.
	colGap := area.Dx() / float64(len(sizes))
	rowGap := area.Dy() / float64(widest)
	cy := (area.Min.Y + area.Max.Y) / 2
	pos := make([][]Point, len(sizes))
	for k, n := range sizes {
		x := area.Min.X + colGap*(float64(k)+0.5)
		pos[k] = make([]Point, n)
		for i := range n {
			pos[k][i] = Point{x, cy + rowGap*(float64(i)-float64(n-1)/2)}
		}
	}
	return pos
}

// UnitRadius is the circle radius that fits the widest layer of sizes in
// area with room between neighbours, capped so a big screen does not give
// balloons.
func UnitRadius(sizes []int, area Rect) float64 {
	rowGap, colGap := layerGaps(sizes, area)
	return math.Max(2, math.Min(math.Min(rowGap, colGap)*0.28, 28))
}

// layerGaps are the distances between unit rows (for the widest layer) and
// between layer columns when sizes fill area, as UnitPositions places them.
func layerGaps(sizes []int, area Rect) (rowGap, colGap float64) {
	widest := 1
	for _, n := range sizes {
		widest = max(widest, n)
	}
	return area.Dy() / float64(widest), area.Dx() / float64(max(1, len(sizes)))
}

// The palette: dark background, warm edges for positive weights, cool for
// negative, as in most weight diagrams (TensorFlow Playground uses orange
// and blue the same way). Colours are non-premultiplied.
var (
	Background = color.NRGBA{0x12, 0x16, 0x1f, 0xff}
	Positive   = color.NRGBA{0xf5, 0x9e, 0x0b, 0xff}
	Negative   = color.NRGBA{0x38, 0xbd, 0xf8, 0xff}
	UnitRing   = color.NRGBA{0xe2, 0xe8, 0xf0, 0xff}
	UnitIdle   = color.NRGBA{0x1e, 0x29, 0x3b, 0xff}
	Pulse      = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// EdgeColor is the colour of an edge of weight w: its sign picks the hue,
// its size the opacity, so strong weights stand out and weak ones recede.
// w is expected in about [-1, 1]; larger values saturate.
func EdgeColor(w float64) color.NRGBA {
	c := Positive
	if w < 0 {
		c = Negative
	}
	strength := math.Min(math.Abs(w), 1)
	c.A = uint8(math.Round(255 * (0.25 + 0.75*strength)))
	return c
}

// EdgeWidth is the stroke width of an edge of weight w at a given unit
// radius, in screen pixels.
func EdgeWidth(w, radius float64) float64 {
	return math.Max(1, radius*(0.06+0.2*math.Min(math.Abs(w), 1)))
}

// UnitFill mixes the idle fill toward the ring colour by activity a in
// [0, 1] (values outside are clamped).
func UnitFill(a float64) color.NRGBA {
	a = math.Max(0, math.Min(1, a))
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + a*(float64(y)-float64(x)))) }
	return color.NRGBA{mix(UnitIdle.R, UnitRing.R), mix(UnitIdle.G, UnitRing.G), mix(UnitIdle.B, UnitRing.B), 0xff}
}

// TicksPerSecond is Ebitengine's default Update rate; the animation clock
// advances by one tick's worth of seconds per Update.
const TicksPerSecond = 60

// PulseSecondsPerLayer is how long the placeholder pulse takes to cross
// one layer of edges.
const PulseSecondsPerLayer = 0.9

// PulseAt is where the forward pulse is at clock t seconds in a network of
// the given number of layers: crossing the edges into layer (1 ≤ layer <
// layers), a fraction frac of the way. It loops, with a pause of one layer's
// time after reaching the output.
func PulseAt(t float64, layers int) (layer int, frac float64) {
	if layers < 2 {
		return 0, 0
	}
	period := PulseSecondsPerLayer * float64(layers) // layers-1 crossings + a pause
	phase := math.Mod(t, period)
	if phase < 0 {
		phase += period
	}
	step := phase / PulseSecondsPerLayer
	layer = int(step) + 1
	if layer >= layers {
		return 0, 0 // the pause
	}
	return layer, step - math.Floor(step)
}

// Ease is a smooth start and stop (smoothstep) for t in [0, 1].
func Ease(t float64) float64 {
	t = math.Max(0, math.Min(1, t))
	return t * t * (3 - 2*t)
}

// UnitGlow is how brightly the units of layer k light up at clock t as the
// pulse reaches them: 1 on arrival, fading to 0 over one layer's time.
func UnitGlow(t float64, k, layers int) float64 {
	if layers < 2 || k < 0 || k >= layers {
		return 0
	}
	period := PulseSecondsPerLayer * float64(layers)
	phase := math.Mod(t, period)
	if phase < 0 {
		phase += period
	}
	age := phase - float64(k)*PulseSecondsPerLayer
	if age < 0 || age >= PulseSecondsPerLayer {
		return 0
	}
	return 1 - age/PulseSecondsPerLayer
}
