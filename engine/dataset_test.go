package engine

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func testRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 1)) }

func mustDataset(t *testing.T, name string, noise, percTrain int, features []string, seed uint64) *Dataset {
	t.Helper()
	d, err := NewDataset(name, noise, percTrain, features, testRNG(seed))
	if err != nil {
		t.Fatalf("NewDataset(%q): %v", name, err)
	}
	return d
}

func allExamples(d *Dataset) []Example { return slices.Concat(d.Train, d.Test) }

func TestDatasetNames(t *testing.T) {
	want := []string{"circle", "xor", "gauss", "spiral", "xor4", "4-2-4", "8-3-8", "reg-plane", "reg-gauss"}
	if got := DatasetNames(); !reflect.DeepEqual(got, want) {
		t.Errorf("DatasetNames() = %v, want %v", got, want)
	}
	for _, name := range want {
		if _, err := NewDataset(name, 0, 50, []string{"x", "y"}, testRNG(1)); err != nil {
			t.Errorf("NewDataset(%q): %v", name, err)
		}
	}
}

func TestDatasetSizesAndSplit(t *testing.T) {
	for _, tc := range []struct {
		name      string
		percTrain int
		train     int
		test      int
	}{
		{"circle", 50, 250, 250},
		{"xor", 10, 50, 450},
		{"gauss", 90, 450, 50},
		{"spiral", 33, 165, 335}, // floor(500·0.33)
		{"reg-plane", 50, 600, 600},
		{"reg-gauss", 70, 840, 360},
	} {
		d := mustDataset(t, tc.name, 10, tc.percTrain, []string{"x", "y", "sinX"}, 1)
		if len(d.Train) != tc.train || len(d.Test) != tc.test {
			t.Errorf("%s at %d%%: %d train, %d test; want %d, %d", tc.name, tc.percTrain, len(d.Train), len(d.Test), tc.train, tc.test)
		}
		if !d.Plane || d.Regression != (tc.name[:3] == "reg") {
			t.Errorf("%s: Plane %v Regression %v", tc.name, d.Plane, d.Regression)
		}
		if d.InputSize() != 3 || d.OutputSize() != 1 {
			t.Errorf("%s: sizes %d→%d, want 3→1", tc.name, d.InputSize(), d.OutputSize())
		}
		if cap(d.Train) != len(d.Train) {
			t.Errorf("%s: Train has spare capacity %d, appending would overwrite Test", tc.name, cap(d.Train))
		}
	}
}

// circleLabel, xorLabel: dataset.ts's labelling rules, applied to the drawn
// point; without noise the label must follow them exactly.
func circleLabel(p [2]float64) float64 {
	if math.Hypot(p[0], p[1]) < 2.5 {
		return 1
	}
	return -1
}

func xorLabel(p [2]float64) float64 {
	if p[0]*p[1] >= 0 {
		return 1
	}
	return -1
}

func TestPlaneLabelsWithoutNoise(t *testing.T) {
	for _, tc := range []struct {
		name  string
		label func([2]float64) float64
	}{
		{"circle", circleLabel},
		{"xor", xorLabel},
		{"reg-plane", func(p [2]float64) float64 { return (p[0] + p[1]) / 10 }},
	} {
		d := mustDataset(t, tc.name, 0, 50, []string{"x", "y"}, 7)
		for _, e := range allExamples(d) {
			if want := tc.label(e.P); e.Y[0] != want {
				t.Fatalf("%s: point %v labelled %v, want %v", tc.name, e.P, e.Y[0], want)
			}
		}
	}
}

func TestPlaneGeometry(t *testing.T) {
	const noise = 30
	for _, e := range allExamples(mustDataset(t, "circle", noise, 50, []string{"x"}, 3)) {
		// Points are drawn inside radius 2.5 or in the ring 3.5..5; noise only
		// moves the labelled copy.
		if r := math.Hypot(e.P[0], e.P[1]); r > 5 || (r > 2.5 && r < 3.5) {
			t.Fatalf("circle point %v at radius %v", e.P, r)
		}
	}
	for _, e := range allExamples(mustDataset(t, "xor", noise, 50, []string{"x"}, 3)) {
		if math.Abs(e.P[0]) < 0.3 || math.Abs(e.P[1]) < 0.3 || math.Abs(e.P[0]) > 5.3 {
			t.Fatalf("xor point %v inside the padding or outside ±5.3", e.P)
		}
	}
	for _, e := range allExamples(mustDataset(t, "spiral", noise, 50, []string{"x"}, 3)) {
		// Radius ≤ 5 plus noise on each coordinate: ≤ 5 + √2·noise/100.
		if r := math.Hypot(e.P[0], e.P[1]); r > 5+math.Sqrt2*noise/100 {
			t.Fatalf("spiral point %v at radius %v", e.P, r)
		}
	}
	for _, name := range []string{"reg-plane", "reg-gauss"} {
		for _, e := range allExamples(mustDataset(t, name, noise, 50, []string{"x"}, 3)) {
			if math.Abs(e.P[0]) > 6 || math.Abs(e.P[1]) > 6 {
				t.Fatalf("%s point %v outside [-6,6]²", name, e.P)
			}
			if name == "reg-gauss" && math.Abs(e.Y[0]) > 1 {
				t.Fatalf("reg-gauss label %v outside [-1,1]", e.Y[0])
			}
		}
	}
}

func TestGaussClasses(t *testing.T) {
	d := mustDataset(t, "gauss", 0, 50, []string{"x", "y"}, 5)
	var sum [2][2]float64
	var count [2]int
	for _, e := range allExamples(d) {
		c := 0
		if e.Y[0] < 0 {
			c = 1
		}
		sum[c][0] += e.P[0]
		sum[c][1] += e.P[1]
		count[c]++
	}
	if count != [2]int{250, 250} {
		t.Fatalf("class sizes %v, want 250 each", count)
	}
	// Variance 0.5 at noise 0: the mean of 250 points lies within 0.2 of its
	// centre (about 4.5 standard errors).
	for c, centre := range [2]float64{2, -2} {
		for k := range 2 {
			if m := sum[c][k] / 250; math.Abs(m-centre) > 0.2 {
				t.Errorf("class %d coordinate %d mean %v, want ≈ %v", c, k, m, centre)
			}
		}
	}
}

func TestRegressGaussLabels(t *testing.T) {
	bumps := [6][3]float64{{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}}
	d := mustDataset(t, "reg-gauss", 0, 50, []string{"x", "y"}, 9)
	nonzero := 0
	for _, e := range allExamples(d) {
		// The bumps have radius 2 and centres at least 4 apart, so at most
		// one is non-zero at any point: the label is their sum.
		want := 0.0
		for _, b := range bumps {
			want += b[2] * math.Max(0, 1-math.Hypot(e.P[0]-b[0], e.P[1]-b[1])/2)
		}
		if math.Abs(e.Y[0]-want) > 1e-12 {
			t.Fatalf("point %v labelled %v, want %v", e.P, e.Y[0], want)
		}
		if want != 0 {
			nonzero++
		}
	}
	if nonzero < 300 { // six discs of area 4π in 144: about 630 of 1200
		t.Errorf("only %d of 1200 points on a bump", nonzero)
	}
}

func TestFeaturesAreFeatureVector(t *testing.T) {
	d := mustDataset(t, "spiral", 20, 50, FeatureNames, 11)
	for _, e := range allExamples(d) {
		if want := FeatureVector(FeatureNames, e.P[0], e.P[1], nil); !reflect.DeepEqual(e.X, want) {
			t.Fatalf("X %v, want features of %v: %v", e.X, e.P, want)
		}
	}
}

func TestDatasetDeterminism(t *testing.T) {
	for _, name := range DatasetNames() {
		a := mustDataset(t, name, 25, 50, []string{"x", "y"}, 42)
		b := mustDataset(t, name, 25, 50, []string{"x", "y"}, 42)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: same seed, different data", name)
		}
		if !a.Plane {
			continue // pattern tasks use no randomness
		}
		c := mustDataset(t, name, 25, 50, []string{"x", "y"}, 43)
		if reflect.DeepEqual(a.Train, c.Train) {
			t.Errorf("%s: different seeds, same data", name)
		}
	}
}

func TestPatternTasks(t *testing.T) {
	d := mustDataset(t, "xor4", 0, 0, nil, 0)
	wantX := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	wantY := []float64{-1, 1, 1, -1}
	if len(d.Train) != 4 || !reflect.DeepEqual(d.Train, d.Test) {
		t.Fatalf("xor4: %d train examples, test equal: %v", len(d.Train), reflect.DeepEqual(d.Train, d.Test))
	}
	for i, e := range d.Train {
		if !reflect.DeepEqual(e.X, wantX[i]) || !reflect.DeepEqual(e.Y, []float64{wantY[i]}) {
			t.Errorf("xor4[%d] = %v → %v, want %v → %v", i, e.X, e.Y, wantX[i], wantY[i])
		}
	}
	if d.Plane || d.Regression || d.InputSize() != 2 || d.OutputSize() != 1 {
		t.Errorf("xor4: Plane %v Regression %v sizes %d→%d", d.Plane, d.Regression, d.InputSize(), d.OutputSize())
	}

	for name, n := range map[string]int{"4-2-4": 4, "8-3-8": 8} {
		d := mustDataset(t, name, 0, 0, nil, 0)
		if len(d.Train) != n || !reflect.DeepEqual(d.Train, d.Test) {
			t.Fatalf("%s: %d examples, want %d in both sets", name, len(d.Train), n)
		}
		for i, e := range d.Train {
			for j := range n {
				wantX, wantY := 0.0, -1.0
				if i == j {
					wantX, wantY = 1, 1
				}
				if e.X[j] != wantX || e.Y[j] != wantY {
					t.Fatalf("%s[%d]: X %v Y %v is not one-hot %d", name, i, e.X, e.Y, i)
				}
			}
		}
	}
}

func TestNewDatasetErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		noise     int
		percTrain int
		features  []string
	}{
		{"moons", 0, 50, []string{"x"}},
		{"circle", -1, 50, []string{"x"}},
		{"circle", 51, 50, []string{"x"}},
		{"circle", 0, 9, []string{"x"}},
		{"circle", 0, 91, []string{"x"}},
		{"circle", 0, 50, nil},
		{"circle", 0, 50, []string{"z"}},
	} {
		if _, err := NewDataset(tc.name, tc.noise, tc.percTrain, tc.features, testRNG(1)); err == nil {
			t.Errorf("NewDataset(%q, %d, %d, %v): no error", tc.name, tc.noise, tc.percTrain, tc.features)
		}
	}
	if _, err := NewDataset("circle", 0, 50, []string{"x"}, nil); err == nil {
		t.Error("NewDataset with a nil rng: no error")
	}
}

func TestFeatureVector(t *testing.T) {
	x, y := 1.5, -2.0
	got := FeatureVector(FeatureNames, x, y, nil)
	want := []float64{x, y, x * x, y * y, x * y, math.Sin(x), math.Sin(y), math.Cos(x), math.Cos(y)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FeatureVector = %v, want %v", got, want)
	}
	if got := FeatureVector([]string{"cosY", "x"}, x, y, make([]float64, 5)); !reflect.DeepEqual(got, []float64{math.Cos(y), x}) {
		t.Errorf("FeatureVector(cosY, x) = %v", got)
	}

	dst := make([]float64, len(FeatureNames))
	if allocs := testing.AllocsPerRun(100, func() { dst = FeatureVector(FeatureNames, x, y, dst) }); allocs != 0 {
		t.Errorf("FeatureVector with room in dst: %v allocations, want 0", allocs)
	}
}

func BenchmarkFeatureVector(b *testing.B) {
	dst := make([]float64, 2)
	features := []string{"x", "y"}
	for i := 0; b.Loop(); i++ {
		dst = FeatureVector(features, float64(i), 1, dst)
	}
}
