package engine

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Example is one input with its target.
type Example struct {
	X []float64 // network input: the selected features for 2-D sets, the bit pattern for pattern tasks
	// Y is the target in label units, one per output: ±1 for classification
	// (pattern bits 0/1 become -1/+1), the real-valued label for regression.
	// A run maps class labels into the output activation's range
	// (Run.toOutputUnits) before any rule sees them.
	Y []float64
	P [2]float64 // the point in the plane for 2-D sets (for plotting); zero for pattern tasks
}

// Dataset is a task: training and test examples and how to read them.
// Examples are shared, read-only values: nothing may write to X or Y.
type Dataset struct {
	Name       string
	Regression bool
	Plane      bool     // 2-D points: drawable as a heatmap over [-6,6]²
	Features   []string // features used as input (2-D sets); nil for pattern tasks
	Train      []Example
	Test       []Example
}

// Sample counts from TF Playground's playground.ts (NUM_SAMPLES_CLASSIFY,
// NUM_SAMPLES_REGRESS).
const (
	samplesClassify = 500
	samplesRegress  = 1200
)

// The datasets by family, in the order the UI offers them. TF Playground's
// 2-D sets come first, then the pattern tasks of the biologically plausible
// learning papers (O'Reilly 1996 uses XOR and the encoders).
var (
	classificationSets = []string{"circle", "xor", "gauss", "spiral", "xor4", "4-2-4", "8-3-8"}
	regressionSets     = []string{"reg-plane", "reg-gauss"}
)

// DatasetNames lists every dataset: classification sets first, then
// regression sets.
func DatasetNames() []string {
	return slices.Concat(classificationSets, regressionSets)
}

// isRegressionSet reports whether name is a regression dataset.
func isRegressionSet(name string) bool { return slices.Contains(regressionSets, name) }

// planeGenerators reproduce TF Playground's src/dataset.ts; noise is the
// slider value / 100, as generateData passes it.
var planeGenerators = map[string]func(n int, noise float64, rng *rand.Rand) []Example{
	"circle":    classifyCircle,
	"xor":       classifyXOR,
	"gauss":     classifyTwoGauss,
	"spiral":    classifySpiral,
	"reg-plane": regressPlane,
	"reg-gauss": regressGaussian,
}

// NewDataset builds a dataset. For the 2-D sets it draws TF Playground's
// points with noise (0..50, the slider's percent), shuffles them and puts
// the first percTrain percent (10..90) in Train, as playground.ts does;
// features name the inputs (FeatureNames, at least one). Pattern tasks
// (xor4, 4-2-4, 8-3-8) are the full set of patterns, in a fixed order, in
// both Train and Test — there is nothing to hold out — and ignore noise,
// percTrain, features and rng.
//
// All randomness comes from rng, drawn in a fixed order, so the same seed
// gives the same data everywhere.
func NewDataset(name string, noise, percTrain int, features []string, rng *rand.Rand) (*Dataset, error) {
	switch name {
	case "xor4":
		return xor4(), nil
	case "4-2-4":
		return encoder(name, 4), nil
	case "8-3-8":
		return encoder(name, 8), nil
	}
	gen, ok := planeGenerators[name]
	if !ok {
		return nil, fmt.Errorf("unknown dataset %q", name)
	}
	if noise < 0 || noise > 50 {
		return nil, fmt.Errorf("noise %d outside 0..50", noise)
	}
	if percTrain < 10 || percTrain > 90 {
		return nil, fmt.Errorf("percTrain %d outside 10..90", percTrain)
	}
	if len(features) == 0 {
		return nil, errors.New("no input feature")
	}
	for _, f := range features {
		if !slices.Contains(FeatureNames, f) {
			return nil, fmt.Errorf("unknown feature %q", f)
		}
	}
	if rng == nil {
		return nil, errors.New("nil rng")
	}

	regression := isRegressionSet(name)
	n := samplesClassify
	if regression {
		n = samplesRegress
	}
	data := gen(n, float64(noise)/100, rng)
	shuffleExamples(data, rng)

	// One backing array per field keeps the examples together in memory.
	nf := len(features)
	xs := make([]float64, len(data)*nf)
	for i := range data {
		x := xs[i*nf : (i+1)*nf : (i+1)*nf]
		data[i].X = FeatureVector(features, data[i].P[0], data[i].P[1], x)
	}

	split := len(data) * percTrain / 100 // Math.floor in playground.ts
	return &Dataset{
		Name:       name,
		Regression: regression,
		Plane:      true,
		Features:   slices.Clone(features),
		Train:      data[:split:split], // capped: appending to Train never overwrites Test
		Test:       data[split:],
	}, nil
}

// InputSize is the number of network inputs.
func (d *Dataset) InputSize() int { return len(d.Train[0].X) }

// OutputSize is the number of network outputs.
func (d *Dataset) OutputSize() int { return len(d.Train[0].Y) }

// FeatureVector fills dst[:len(features)] with the features of the point
// (x, y) and returns it, allocating only when dst is too short, so heatmaps
// can evaluate every pixel without allocating. It panics on a name not in
// FeatureNames: callers pass validated features.
func FeatureVector(features []string, x, y float64, dst []float64) []float64 {
	if cap(dst) < len(features) {
		dst = make([]float64, len(features))
	}
	dst = dst[:len(features)]
	for i, f := range features {
		var v float64
		switch f {
		case "x":
			v = x
		case "y":
			v = y
		case "xSquared":
			v = x * x
		case "ySquared":
			v = y * y
		case "xTimesY":
			v = x * y
		case "sinX":
			v = sin(x)
		case "sinY":
			v = sin(y)
		case "cosX":
			v = cos(x)
		case "cosY":
			v = cos(y)
		default:
			panic(fmt.Sprintf("engine: unknown feature %q", f))
		}
		dst[i] = v
	}
	return dst
}

// labelled returns a 2-D example; its Y is a fresh one-element slice.
func labelled(x, y, label float64) Example {
	return Example{Y: []float64{label}, P: [2]float64{x, y}}
}

// randUniform is dataset.ts's randUniform: uniform on [a, b).
func randUniform(rng *rand.Rand, a, b float64) float64 {
	return float64(rng.Float64()*(b-a)) + a
}

// normalRandom is dataset.ts's normalRandom: Marsaglia's polar method,
// which takes a variance, not a standard deviation.
func normalRandom(rng *rand.Rand, mean, variance float64) float64 {
	var v1, v2, s float64
	for {
		v1 = 2*float64(rng.Float64()) - 1
		v2 = 2*float64(rng.Float64()) - 1
		s = float64(v1*v1) + float64(v2*v2)
		// dataset.ts only rejects s > 1; s == 0 would give log(0)/0 = NaN.
		if s <= 1 && s != 0 {
			break
		}
	}
	return mean + float64(math.Sqrt(variance)*math.Sqrt(-2*log(s)/s)*v1)
}

// shuffleExamples is dataset.ts's Fisher–Yates shuffle, with rng for Math.random.
func shuffleExamples(data []Example, rng *rand.Rand) {
	for counter := len(data); counter > 0; {
		index := rng.IntN(counter)
		counter--
		data[counter], data[index] = data[index], data[counter]
	}
}

func classifyCircle(n int, noise float64, rng *rand.Rand) []Example {
	const radius = 5
	points := make([]Example, 0, n)
	label := func(x, y float64) float64 {
		if dist(x, y) < radius*0.5 { // dataset.ts: dist(p, center)
			return 1
		}
		return -1
	}
	// Positive points inside the circle, then negative points in a ring
	// outside it; noise moves the point that is labelled, not the one drawn.
	for _, ring := range [2][2]float64{{0, radius * 0.5}, {radius * 0.7, radius}} {
		for i := 0; i < n/2; i++ {
			r := randUniform(rng, ring[0], ring[1])
			angle := randUniform(rng, 0, 2*math.Pi)
			x := float64(r * sin(angle))
			y := float64(r * cos(angle))
			noiseX := float64(randUniform(rng, -radius, radius) * noise)
			noiseY := float64(randUniform(rng, -radius, radius) * noise)
			points = append(points, labelled(x, y, label(x+noiseX, y+noiseY)))
		}
	}
	return points
}

func classifyXOR(n int, noise float64, rng *rand.Rand) []Example {
	const padding = 0.3 // keeps points off the axes
	pad := func(v float64) float64 {
		if v > 0 {
			return v + padding
		}
		return v - padding
	}
	points := make([]Example, 0, n)
	for i := 0; i < n; i++ {
		x := pad(randUniform(rng, -5, 5))
		y := pad(randUniform(rng, -5, 5))
		noiseX := float64(randUniform(rng, -5, 5) * noise)
		noiseY := float64(randUniform(rng, -5, 5) * noise)
		label := -1.0
		if (x+noiseX)*(y+noiseY) >= 0 {
			label = 1
		}
		points = append(points, labelled(x, y, label))
	}
	return points
}

func classifyTwoGauss(n int, noise float64, rng *rand.Rand) []Example {
	// d3.scale.linear().domain([0, .5]).range([0.5, 4]), unclamped.
	variance := 0.5 + float64(noise*(4-0.5))/0.5
	points := make([]Example, 0, n)
	for _, g := range [2][3]float64{{2, 2, 1}, {-2, -2, -1}} {
		for i := 0; i < n/2; i++ {
			x := normalRandom(rng, g[0], variance)
			y := normalRandom(rng, g[1], variance)
			points = append(points, labelled(x, y, g[2]))
		}
	}
	return points
}

func classifySpiral(n int, noise float64, rng *rand.Rand) []Example {
	half := n / 2
	points := make([]Example, 0, n)
	for _, arm := range [2][2]float64{{0, 1}, {math.Pi, -1}} {
		deltaT, label := arm[0], arm[1]
		for i := 0; i < half; i++ {
			r := float64(i) / float64(half) * 5
			t := float64(1.75*float64(i)/float64(half)*2*math.Pi) + deltaT
			x := float64(r*sin(t)) + float64(randUniform(rng, -1, 1)*noise)
			y := float64(r*cos(t)) + float64(randUniform(rng, -1, 1)*noise)
			points = append(points, labelled(x, y, label))
		}
	}
	return points
}

// regressPlane labels (x+y)/10 through d3's unclamped scale, as TF
// Playground does, so labels reach ±1.2 without noise and ±1.8 with the
// most noise.
func regressPlane(n int, noise float64, rng *rand.Rand) []Example {
	return regression(n, noise, rng, func(x, y, noiseX, noiseY float64) float64 { return (x + noiseX + y + noiseY) / 10 })
}

// regressGaussian labels each point by the strongest of six signed bumps,
// each falling linearly from 1 at its centre to 0 at distance 2.
func regressGaussian(n int, noise float64, rng *rand.Rand) []Example {
	gaussians := [6][3]float64{
		{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
		{-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1},
	}
	label := func(x, y float64) float64 {
		best := 0.0
		for _, g := range gaussians {
			v := g[2] * math.Max(0, 1-float64(dist(x-g[0], y-g[1])/2))
			if math.Abs(v) > math.Abs(best) {
				best = v
			}
		}
		return best
	}
	return regression(n, noise, rng, func(x, y, noiseX, noiseY float64) float64 { return label(x+noiseX, y+noiseY) })
}

// regression draws dataset.ts's regression points: uniform in the plane,
// labelled from the point and its noise (x, y, then the two noises, in that
// order from rng); each set sums them as dataset.ts does.
func regression(n int, noise float64, rng *rand.Rand, label func(x, y, noiseX, noiseY float64) float64) []Example {
	const radius = 6
	points := make([]Example, 0, n)
	for i := 0; i < n; i++ {
		x := randUniform(rng, -radius, radius)
		y := randUniform(rng, -radius, radius)
		noiseX := float64(randUniform(rng, -radius, radius) * noise)
		noiseY := float64(randUniform(rng, -radius, radius) * noise)
		points = append(points, labelled(x, y, label(x, y, noiseX, noiseY)))
	}
	return points
}

// patternSet is a pattern task: Train and Test both hold every pattern
// (Test is a copy of the slice, sharing the read-only examples).
func patternSet(name string, examples []Example) *Dataset {
	return &Dataset{Name: name, Train: examples, Test: slices.Clone(examples)}
}

// patternBit turns a 0/1 pattern bit into label units.
func patternBit(b float64) float64 { return 2*b - 1 }

// xor4 is the four boolean patterns with one output, +1 when exactly one
// input is on.
func xor4() *Dataset {
	examples := make([]Example, 0, 4)
	for _, in := range [4][2]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}} {
		examples = append(examples, Example{
			X: []float64{in[0], in[1]},
			Y: []float64{patternBit(float64(int(in[0]) ^ int(in[1])))},
		})
	}
	return patternSet("xor4", examples)
}

// encoder is the n-log₂n-n encoder: n one-hot patterns, each to be
// reproduced at the output through a narrow hidden layer.
func encoder(name string, n int) *Dataset {
	examples := make([]Example, n)
	for i := range examples {
		x := make([]float64, n)
		y := make([]float64, n)
		for j := range y {
			y[j] = -1
		}
		x[i], y[i] = 1, 1
		examples[i] = Example{X: x, Y: y}
	}
	return patternSet(name, examples)
}
