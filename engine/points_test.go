package engine

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// randomPoints draws n valid points for the problem: two-decimal values,
// some on the plane's edges.
func randomPoints(rng *rand.Rand, n int, regression bool) []Point {
	hundredths := func(limit int) float64 {
		switch rng.IntN(8) {
		case 0:
			return float64(limit) / 100
		case 1:
			return -float64(limit) / 100
		}
		return roundTo(float64(rng.IntN(2*limit+1)-limit)/100, 2)
	}
	points := make([]Point, n)
	for i := range points {
		label := float64(2*rng.IntN(2) - 1)
		if regression {
			label = hundredths(100)
		}
		points[i] = Point{hundredths(600), hundredths(600), label}
	}
	return points
}

func TestPointsLinkRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	for i := range 300 {
		c := randomConfig(rng)
		c.Dataset = CustomDataset
		n := MinPoints + rng.IntN(40)
		if i%50 == 0 {
			n = MaxPoints
		}
		c.Points = randomPoints(rng, n, c.Problem == "regression")
		c, _ = FitBudget(c) // more points cost more to evaluate (cost.go)
		if p := c.Validate(); len(p) != 0 {
			t.Fatalf("config with random points is invalid: %q", p)
		}
		link := c.Link()
		got, warnings := DecodeLink(link)
		if !reflect.DeepEqual(got, c) || len(warnings) != 0 {
			t.Fatalf("DecodeLink(%s) =\n%+v, %q\nwant\n%+v", link, got, warnings, c)
		}
		// The points stay readable: '~', ',', '-' and '.' are not escaped.
		if _, v, _ := strings.Cut(link, "&points="); v != FormatPoints(c.Points) {
			t.Fatalf("the link's points %q are not FormatPoints' %q", v, FormatPoints(c.Points))
		}
	}
	// The longest canonical point, MaxPoints times, stays under the bound
	// the reader reads, so no valid link is cut.
	long := make([]Point, MaxPoints)
	for i := range long {
		long[i] = Point{-5.55, -5.55, -0.55}
	}
	if n := len(FormatPoints(long)); n > maxPointsLinkBytes {
		t.Errorf("%d longest points take %d bytes, more than maxPointsLinkBytes %d", MaxPoints, n, maxPointsLinkBytes)
	}
}

func TestPointsLink(t *testing.T) {
	for _, tc := range []struct {
		link    string
		dataset string
		points  []Point
		warns   []string // substrings of the warnings, in order
	}{
		{"#dataset=custom&points=1~2~1,-3.5~0.25~-1", "custom", []Point{{1, 2, 1}, {-3.5, 0.25, -1}}, nil},
		// Regression labels in [−1, 1]; the regression dataset key.
		{"#problem=regression&regDataset=custom&points=1~2~0.5,-3~0~-0.25", "custom", []Point{{1, 2, 0.5}, {-3, 0, -0.25}}, nil},
		// Bad entries skipped and numbered; 0 read as −1.
		{"#dataset=custom&points=1~1~1,NaN~1~1,2~Inf~-1,1~1,1~1~1~1,=cmd|calc~1~1,0~0~0,3~3~0.5",
			"custom", []Point{{1, 1, 1}, {0, 0, -1}},
			[]string{`points: 6 bad rows skipped (entries 2, 3, 4, 5, 6, …); entry 2: "NaN" is not a number`, "1 label 0 read as −1"}},
		// Outside the plane: moved and scaled, the same on both axes.
		{"#dataset=custom&points=0~0~1,100~50~-1", "custom", []Point{{-6, -3, 1}, {6, 3, -1}},
			[]string{"moved by (-50, -25) and scaled by 0.12"}},
		// Regression labels beyond [−1, 1]: divided by the largest.
		{"#problem=regression&regDataset=custom&points=0~0~2,1~1~-4", "custom", []Point{{0, 0, 0.5}, {1, 1, -1}},
			[]string{"all divided by 4"}},
		// More than two decimals: rounded, said once.
		{"#dataset=custom&points=0.123~1.005~1,2~2~-1", "custom", []Point{{0.12, 1, 1}, {2, 2, -1}},
			[]string{"2 values rounded to two decimals"}},
		// Too few points: the problem's default set.
		{"#dataset=custom&points=1~1~1", "circle", nil, []string{"dataset custom needs at least 2 points, the link has 1; using circle"}},
		{"#dataset=custom", "circle", nil, []string{"needs at least 2 points, the link has 0"}},
		{"#problem=regression&regDataset=custom&points=", "reg-plane", nil, []string{"regDataset custom needs at least 2 points"}},
		// Points without the custom dataset: ignored, said.
		{"#dataset=xor&points=1~1~1,2~2~-1", "xor", nil, []string{"points ignored: dataset is xor (own points need dataset=custom)"}},
		{"#problem=regression&dataset=custom&points=1~1~1,2~2~-1", "reg-plane", nil, []string{"points ignored: regDataset is reg-plane (own points need regDataset=custom)"}},
	} {
		c, warnings := DecodeLink(tc.link)
		if c.Dataset != tc.dataset || !reflect.DeepEqual(c.Points, tc.points) {
			t.Errorf("DecodeLink(%q): dataset %s, points %v; want %s, %v", tc.link, c.Dataset, c.Points, tc.dataset, tc.points)
		}
		if len(warnings) != len(tc.warns) {
			t.Errorf("DecodeLink(%q) warnings %q; want %d", tc.link, warnings, len(tc.warns))
			continue
		}
		for i, w := range tc.warns {
			if !strings.Contains(warnings[i], w) {
				t.Errorf("DecodeLink(%q) warning %d = %q; want it to say %q", tc.link, i, warnings[i], w)
			}
		}
		if p := c.Validate(); len(p) != 0 {
			t.Errorf("DecodeLink(%q) is invalid: %q", tc.link, p)
		}
	}
}

func TestPointsLinkLimit(t *testing.T) {
	var b strings.Builder
	for i := range MaxPoints + 300 {
		fmt.Fprintf(&b, "%d~%d~1,", i%7, i%5)
	}
	c, warnings := DecodeLink("#dataset=custom&points=" + b.String())
	if len(c.Points) != MaxPoints {
		t.Errorf("%d points kept; want the first %d", len(c.Points), MaxPoints)
	}
	if last := c.Points[MaxPoints-1]; last != (Point{float64((MaxPoints - 1) % 7), float64((MaxPoints - 1) % 5), 1}) {
		t.Errorf("the last point kept is %v, not the link's point %d", last, MaxPoints)
	}
	if !slices.ContainsFunc(warnings, func(w string) bool { return strings.Contains(w, "more than 1200 points; using the first 1200") }) {
		t.Errorf("warnings %q do not say the points were cut", warnings)
	}

	// A value past maxPointsLinkBytes is read up to it, whatever it holds.
	huge := strings.Repeat(",", 1<<20) + "1~1~1,2~2~-1"
	_, report := parsePointsLink(huge, false)
	if report.Truncated == "" || report.Skipped != maxPointsLinkBytes-1 {
		t.Errorf("a 1 MiB value: truncated %q, %d skipped; want truncated, %d skipped", report.Truncated, report.Skipped, maxPointsLinkBytes-1)
	}
}

func TestCheckPoints(t *testing.T) {
	good := []Point{{1, 2, 1}, {-6, 6, -1}}
	if why := checkPoints(good, false); why != "" {
		t.Fatalf("checkPoints(%v) = %q", good, why)
	}
	for _, tc := range []struct {
		points     []Point
		regression bool
	}{
		{good[:1], false},
		{make([]Point, MaxPoints+1), true},
		{[]Point{{1, 2, 1}, {6.01, 0, 1}}, false},
		{[]Point{{1, 2, 1}, {0.001, 0, 1}}, false},
		{[]Point{{1, 2, 1}, {math.NaN(), 0, 1}}, false},
		{[]Point{{1, 2, 1}, {0, 0, 0.5}}, false},
		{[]Point{{1, 2, 1}, {0, 0, 1.5}}, true},
		{[]Point{{1, 2, 1}, {math.Copysign(0, -1), 0, 1}}, false}, // -0 would print "-0"
	} {
		if why := checkPoints(tc.points, tc.regression); why == "" {
			t.Errorf("checkPoints(%v, regression %v) found nothing wrong", tc.points, tc.regression)
		}
	}
}

func TestParsePointsCSV(t *testing.T) {
	for _, tc := range []struct {
		name, csv  string
		regression bool
		points     []Point
		skipped    int
		lines      []int
		problem    string // substring of FirstProblem
	}{
		{"header", "x,y,label\n1,2,1\n-1,-2,-1\n", false, []Point{{1, 2, 1}, {-1, -2, -1}}, 0, nil, ""},
		{"no header, CRLF, BOM, blank lines, spaces, quotes", "\xef\xbb\xbf1, 2 ,1\r\n\r\n\"-1\",\"-2\",\"-1\"\r\n", false, []Point{{1, 2, 1}, {-1, -2, -1}}, 0, nil, ""},
		{"regression", "x,y,value\n1,2,0.25\n3,4,-1\n", true, []Point{{1, 2, 0.25}, {3, 4, -1}}, 0, nil, ""},
		{"NaN and Inf", "x,y,label\nNaN,1,1\n1,inf,1\n1,1,1\n1,-Infinity,1\n2,2,-1\n1e999,1,1\n", false, []Point{{1, 1, 1}, {2, 2, -1}}, 4, []int{2, 3, 5, 7}, `"NaN" is not a number`},
		{"formulas", "=cmd|' /C calc'!A0,1,1\n1,1,1\n@SUM(1+1)*cmd|' /C calc'!A0,2,1\n+1+1,2,2\n2,2,-1\n-2+3,1,1\n", false, []Point{{1, 1, 1}, {2, 2, -1}}, 4, []int{1, 3, 4, 6}, `"=cmd|' /C calc'!A0" is not a number`},
		{"a formula alone on the first line is not a header", "=HYPERLINK(\"http://x\")\n1,1,1\n2,2,-1\n", false, []Point{{1, 1, 1}, {2, 2, -1}}, 1, []int{1}, "want 3 values x,y,label; got 1"},
		{"semicolons", "1;2;1\n1,1,1\n2,2,-1\n", false, []Point{{1, 1, 1}, {2, 2, -1}}, 1, []int{1}, "want 3 values x,y,label; got 1"},
		{"hex, underscores, words", "0x10,1,1\n1_000,1,1\none,two,1\n1,1,1\n2,2,-1\n", false, []Point{{1, 1, 1}, {2, 2, -1}}, 3, []int{1, 2, 3}, `"0x10" is not a number`},
		{"classification labels", "1,1,1\n1,1,2\n1,1,0.5\n2,2,0\n", false, []Point{{1, 1, 1}, {2, 2, -1}}, 2, []int{2, 3}, "label \"2\" is not −1 or 1"},
		{"a long row", strings.Repeat(" ", 300) + "1,1,1\n1,1,1\n2,2,-1\n", false, []Point{{1, 1, 1}, {2, 2, -1}}, 1, []int{1}, "longer than 200 bytes"},
		{"not UTF-8", "\xc0\xaf,1,1\n1,1,1\n2,2,-1\n", false, []Point{{1, 1, 1}, {2, 2, -1}}, 1, []int{1}, "not UTF-8"},
		{"a header, then a second header is a bad row", "x,y,label\nx,y,label\n1,1,1\n2,2,-1\n", false, []Point{{1, 1, 1}, {2, 2, -1}}, 1, []int{2}, `"x" is not a number`},
		{"only the first five lines are named", strings.Repeat("a,b,c\n", 8) + "1,1,1\n2,2,-1\n", false, []Point{{1, 1, 1}, {2, 2, -1}}, 7, []int{2, 3, 4, 5, 6}, ""},
	} {
		points, report, err := ParsePointsCSV("t.csv", []byte(tc.csv), tc.regression)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(points, tc.points) || report.Skipped != tc.skipped || !slices.Equal(report.SkippedLines, tc.lines) || !strings.Contains(report.FirstProblem, tc.problem) {
			t.Errorf("%s: points %v, %d skipped on lines %v (%q);\nwant %v, %d on %v (%q)", tc.name, points, report.Skipped, report.SkippedLines, report.FirstProblem, tc.points, tc.skipped, tc.lines, tc.problem)
		}
		if report.Points != len(points) {
			t.Errorf("%s: report says %d points, got %d", tc.name, report.Points, len(points))
		}
		if tc.skipped > 0 {
			w := report.Warnings()
			if len(w) == 0 || !strings.Contains(w[0], fmt.Sprintf("t.csv: %d bad", tc.skipped)) {
				t.Errorf("%s: warnings %q do not count the skipped rows", tc.name, w)
			}
		}
	}
}

func TestParsePointsCSVRefuses(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
	utf16 := []byte("\xff\xfex\x00,\x00y\x00")
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"binary", png, "t.csv is not a text file (a zero byte on line 3)"},
		{"random bytes", randomBytes(4096), "not a text file"},
		{"UTF-16", utf16, "UTF-16"},
		{"empty", nil, "0 good points; at least 2"},
		{"header only", []byte("x,y,label\n"), "0 good points"},
		{"one point", []byte("1,1,1\n"), "1 good point; at least 2"},
		{"all bad", []byte("=1+1,2,3\n=1+1,2,3\n"), "0 good points; at least 2 are needed (2 bad rows skipped; first: \"=1+1\" is not a number)"},
	} {
		points, _, err := ParsePointsCSV("t.csv", tc.data, false)
		if err == nil || !strings.Contains(err.Error(), tc.want) || points != nil {
			t.Errorf("%s: points %v, error %v; want an error saying %q", tc.name, points, err, tc.want)
		}
	}
}

func randomBytes(n int) []byte {
	rng := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	return b
}

// A million rows: read up to MaxCSVBytes, MaxPoints kept, the rest said.
func TestParsePointsCSVMillionRows(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("x,y,label\n")
	for i := range 1_000_000 {
		fmt.Fprintf(&b, "%d,%d,%d\n", i%13-6, i%11-5, 2*(i%2)-1)
	}
	points, report, err := ReadPointsCSV("big.csv", &b, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(points) != MaxPoints || !report.Dropped || report.Truncated == "" {
		t.Errorf("%d points, dropped %v, truncated %q; want %d, true, a reason", len(points), report.Dropped, report.Truncated, MaxPoints)
	}
	if b.Len() == 0 {
		t.Errorf("the reader read all of a %d-byte input", 1_000_000*8)
	}
	w := strings.Join(report.Warnings(), "\n")
	for _, want := range []string{"big.csv: larger than 1024 KiB; read its first 1024 KiB", "more than 1200 points; using the first 1200"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings %q do not say %q", w, want)
		}
	}

	// A million empty lines: blank lines cost nothing but are counted.
	_, report, err = ParsePointsCSV("blank.csv", append(bytes.Repeat([]byte("\n"), MaxCSVBytes-12), "1,1,1\n2,2,-1"...), false)
	if err == nil || !strings.Contains(report.Truncated, "more than 100000 lines") {
		t.Errorf("a million blank lines: %v, truncated %q; want no points, more than %d lines", err, report.Truncated, MaxCSVLines)
	}
}

// Points the page writes as CSV read back unchanged, without a warning.
func TestPointsCSVRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, regression := range []bool{false, true} {
		points := randomPoints(rng, MaxPoints, regression)
		got, report, err := ParsePointsCSV("t.csv", PointsCSV(points), regression)
		if err != nil || !reflect.DeepEqual(got, points) || len(report.Warnings()) != 0 {
			t.Errorf("regression %v: round trip changed the points (%v, %q)", regression, err, report.Warnings())
		}
	}
}

func TestPointsFit(t *testing.T) {
	// Points in [0, 100] × [0, 20]: centred on (50, 10), scaled by 12/100.
	csv := "0,0,1\n100,20,-1\n50,10,1\n25,0,-1\n"
	points, report, err := ParsePointsCSV("t.csv", []byte(csv), false)
	if err != nil {
		t.Fatal(err)
	}
	want := []Point{{-6, -1.2, 1}, {6, 1.2, -1}, {0, 0, 1}, {-3, -1.2, -1}}
	if !reflect.DeepEqual(points, want) || !report.Fitted || report.Scale != 0.12 || report.Centre != [2]float64{50, 10} {
		t.Errorf("points %v, report %+v; want %v, scale 0.12, centre (50, 10)", points, report, want)
	}
	// Every point outside, all at one place: moved, not scaled.
	points, report, _ = ParsePointsCSV("t.csv", []byte("100,100,1\n100,100,-1\n"), false)
	if !reflect.DeepEqual(points, []Point{{0, 0, 1}, {0, 0, -1}}) || !report.Fitted || report.Scale != 1 {
		t.Errorf("two points at (100, 100): %v, %+v; want both at (0, 0), scale 1", points, report)
	}
	// Huge values do not overflow into Inf or NaN.
	points, _, _ = ParsePointsCSV("t.csv", []byte("-1e308,-1e308,1\n1e308,1e308,-1\n"), false)
	if !reflect.DeepEqual(points, []Point{{-6, -6, 1}, {6, 6, -1}}) {
		t.Errorf("±1e308: %v; want the plane's corners", points)
	}
	// Inside the plane: untouched.
	_, report, _ = ParsePointsCSV("t.csv", []byte("-6,6,1\n6,-6,-1\n"), false)
	if report.Fitted || len(report.Warnings()) != 0 {
		t.Errorf("points on the plane's edge were moved: %+v", report)
	}
}

func TestNewPointsDataset(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	points := randomPoints(rng, 101, false)
	features := []string{"x", "y", "xTimesY"}
	build := func(noise, perc int) *Dataset {
		d, err := NewPointsDataset(points, false, noise, perc, features, rand.New(rand.NewPCG(9, 9)))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := build(0, 50)
	if len(d.Train) != 50 || len(d.Test) != 51 || d.Name != CustomDataset || !d.Plane || d.Regression {
		t.Fatalf("101 points at 50%%: %d train, %d test, %+v; want 50, 51 (Math.floor, as playground.ts)", len(d.Train), len(d.Test), d.Name)
	}
	// Noise 0: every point exactly once, its features computed from it.
	var seen []Point
	for _, ex := range slices.Concat(d.Train, d.Test) {
		seen = append(seen, Point{ex.P[0], ex.P[1], ex.Y[0]})
		if want := []float64{ex.P[0], ex.P[1], ex.P[0] * ex.P[1]}; !slices.Equal(ex.X, want) {
			t.Fatalf("features %v of %v; want %v", ex.X, ex.P, want)
		}
	}
	cmp := func(a, b Point) int {
		return slices.Compare([]float64{a.X, a.Y, a.Label}, []float64{b.X, b.Y, b.Label})
	}
	slices.SortFunc(seen, cmp)
	sorted := slices.SortedFunc(slices.Values(points), cmp)
	if !slices.Equal(seen, sorted) {
		t.Fatal("noise 0: the dataset does not hold exactly the points")
	}
	// Noise n moves each point by at most 6·n/100 on each axis, keeps its
	// label, and leaves the shuffle as it was (the draws happen anyway).
	noisy := build(30, 50)
	moved := 0
	for i, ex := range slices.Concat(noisy.Train, noisy.Test) {
		orig := slices.Concat(d.Train, d.Test)[i]
		dx, dy := ex.P[0]-orig.P[0], ex.P[1]-orig.P[1]
		if math.Abs(dx) > 1.8+1e-12 || math.Abs(dy) > 1.8+1e-12 || ex.Y[0] != orig.Y[0] {
			t.Fatalf("noise 30 moved %v to %v (label %v→%v); want at most ±1.8, the same label", orig.P, ex.P, orig.Y, ex.Y)
		}
		if dx != 0 {
			moved++
		}
	}
	if moved < 90 {
		t.Errorf("noise 30 moved %d of 101 points", moved)
	}
	// The same seed, the same dataset, bit for bit.
	if again := build(30, 50); !reflect.DeepEqual(again, noisy) {
		t.Error("the same seed built a different dataset")
	}
	// The split never leaves Train or Test empty.
	two := points[:2]
	for _, perc := range []int{10, 50, 90} {
		d, err := NewPointsDataset(two, false, 0, perc, features, rand.New(rand.NewPCG(1, 1)))
		if err != nil || len(d.Train) != 1 || len(d.Test) != 1 {
			t.Errorf("2 points at %d%%: %v; want 1 train, 1 test", perc, err)
		}
	}
	// Unchecked points are refused.
	if _, err := NewPointsDataset([]Point{{7, 0, 1}, {0, 0, 1}}, false, 0, 50, features, rng); err == nil {
		t.Error("a point outside the plane was accepted")
	}
}

// The run of a custom link trains on its points: the same numbers from the
// same link, and a change of a single point changes them.
func TestCustomRun(t *testing.T) {
	link := "#dataset=custom&seed=3&points=" + FormatPoints(randomPoints(rand.New(rand.NewPCG(1, 2)), 60, false))
	c, warnings := DecodeLink(link)
	if len(warnings) != 0 {
		t.Fatal(warnings)
	}
	metrics := func(c Config) []Metrics {
		runs, err := NewRuns(c)
		if err != nil {
			t.Fatal(err)
		}
		var out []Metrics
		for _, r := range runs {
			r.Step(200)
			out = append(out, r.Metrics())
		}
		return out
	}
	a, b := metrics(c), metrics(c)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the same link gave %+v and %+v", a, b)
	}
	c.Points = slices.Clone(c.Points)
	c.Points[0].Label = -c.Points[0].Label
	if changed := metrics(c); reflect.DeepEqual(changed, a) {
		t.Error("flipping one label changed nothing")
	}
}

func TestCopyDatasetPoints(t *testing.T) {
	for _, name := range []string{"circle", "spiral", "reg-plane"} {
		c := DefaultConfig()
		c.Dataset, c.Noise = name, 20
		regression := isRegressionSet(name)
		if regression {
			c.Problem = "regression"
		}
		d, err := configDataset(c, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Fatal(err)
		}
		points, report := CleanPoints(DatasetPoints(d), regression)
		if len(points) != len(d.Train)+len(d.Test) || report.Dropped {
			t.Errorf("%s: %d points of %d copied", name, len(points), len(d.Train)+len(d.Test))
		}
		if why := checkPoints(points, regression); why != "" {
			t.Errorf("%s: copied points are invalid: %s", name, why)
		}
		// reg-plane's labels reach ±1.2 and more with noise: scaled in.
		if regression != (report.LabelScale != 1) {
			t.Errorf("%s: label scale %v", name, report.LabelScale)
		}
	}
	if DatasetPoints(xor4()) != nil {
		t.Error("a pattern task has points in the plane")
	}
}

// FuzzParsePointsCSV: whatever the bytes, no panic, at most MaxPoints
// valid points or an error, short warnings, and the points written back as
// CSV read back unchanged and without a warning.
func FuzzParsePointsCSV(f *testing.F) {
	for _, s := range []string{
		"x,y,label\n1,2,1\n-1,-2,-1\n",
		"1,2,0.5\r\n3,4,-0.25\r\n",
		"NaN,1,1\n1,Inf,-1\n=cmd|' /C calc'!A0,1,1\n",
		"\x89PNG\r\n\x1a\n\x00\x00",
		"\xff\xfex\x00",
		"100,100,1\n-100,50,-1\n0,0,1\n",
		"1e308,-1e308,1\n1e-308,0,-1\n",
		",,\n,,,\n\"\",\"\",\"\"\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, regression bool) {
		points, report, err := ParsePointsCSV("f.csv", data, regression)
		if err != nil {
			if points != nil {
				t.Fatalf("points with an error: %v", err)
			}
			return
		}
		if why := checkPoints(points, regression); why != "" {
			t.Fatalf("invalid points from %q: %s", data, why)
		}
		for _, w := range report.Warnings() {
			if len(w) > 400 {
				t.Fatalf("a warning of %d bytes: %q", len(w), w)
			}
		}
		again, report, err := ParsePointsCSV("f.csv", PointsCSV(points), regression)
		if err != nil || !reflect.DeepEqual(again, points) || len(report.Warnings()) != 0 {
			t.Fatalf("written back and read again: %v, %q", err, report.Warnings())
		}
	})
}

// FuzzPointsLink: any points value gives a valid config whose link
// decodes to it without a warning.
func FuzzPointsLink(f *testing.F) {
	for _, s := range []string{
		"1~2~1,-1~-2~-1",
		"1~2~1,NaN~1~1,1~1,1~1~1~1,,",
		"100~50~1,0~0~-1",
		"%7E1~2~1",
		"0.123~1.005~0,2~2~-1",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, points string, regression bool) {
		link := "#dataset=custom&regDataset=custom&points=" + points
		if regression {
			link += "&problem=regression"
		}
		c, _ := DecodeLink(link)
		if p := c.Validate(); len(p) != 0 {
			t.Fatalf("DecodeLink(%q) is invalid: %q", link, p)
		}
		again, warnings := DecodeLink(c.Link())
		if !reflect.DeepEqual(again, c) || len(warnings) != 0 {
			t.Fatalf("the link of %q does not decode to the same config: %q", link, warnings)
		}
	})
}

// The panel changes the dataset with Merge: leaving custom drops the points
// without a word, coming back needs points again.
func TestPointsMerge(t *testing.T) {
	c, w := DecodeLink("#dataset=custom&points=1~1~1,-1~-1~-1")
	if len(w) != 0 {
		t.Fatal(w)
	}
	circle, w := c.Merge("dataset=circle")
	if len(w) != 0 || circle.Points != nil || circle.Dataset != "circle" {
		t.Errorf("custom → circle: %s, %v, %q; want circle, no points, no warning", circle.Dataset, circle.Points, w)
	}
	lr, w := c.Merge("learningRate=0.1")
	if len(w) != 0 || !slices.Equal(lr.Points, c.Points) {
		t.Errorf("a live change lost the points: %v, %q", lr.Points, w)
	}
	back, w := circle.Merge("dataset=custom&points=2~2~1,3~3~-1")
	if len(w) != 0 || len(back.Points) != 2 || back.Dataset != CustomDataset {
		t.Errorf("circle → custom: %s, %v, %q", back.Dataset, back.Points, w)
	}
	if d := c.Diff(back); !d.Has("points") || !d.Rebuild {
		t.Errorf("other points: Diff %+v; want points, a rebuild", d)
	}
	// Merge never shares the points with the config it started from.
	lr.Points[0].X = 5
	if c.Points[0].X != 1 {
		t.Error("Merge shares its points with the original config")
	}
}
