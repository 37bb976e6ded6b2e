package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Own data: points a user draws, uploads as CSV or carries in a link as
// "points=x~y~label,x~y~label,…" with dataset=custom. One reader validates
// every source (the link, a CSV file in the page, learn -data), so a point
// means the same wherever it came from:
//
//   - x and y are in the plane [−6, 6]²; a set that reaches outside is moved
//     and scaled, the same factor on both axes, so that its bounding box fits
//     the plane (a warning gives the factor);
//   - the label is −1 or 1 for classification (0 is read as −1, with a
//     warning: 0/1 files are common), a number in [−1, 1] for regression (a
//     set whose labels reach beyond is divided by its largest |label|);
//   - every value is rounded to two decimals, the link's precision, so the
//     link holds the points exactly;
//   - a row that is not three finite decimal numbers is skipped and counted;
//     nothing in a row is evaluated (a spreadsheet formula is a bad row);
//   - at most MaxPoints points: beyond, a warning and the first MaxPoints.
//
// Sizes are checked before anything is built: a CSV is read from at most
// MaxCSVBytes bytes and MaxCSVLines lines, a line longer than maxPointLine
// is skipped unread, and no more than MaxPoints points are ever held.

// CustomDataset is the dataset name of own points (Config.Points).
const CustomDataset = "custom"

// Limits on own points.
const (
	// MaxPoints is the most points a custom dataset holds: 1,200, TF
	// Playground's regression sample count (NUM_SAMPLES_REGRESS), so that
	// copying any built-in set to custom keeps all of it. A link of 1,200
	// points is at most about 22 KB ("-5.55~-5.55~-0.55," per point).
	MaxPoints = 1200
	// MinPoints is the fewest: one to train on and one to test.
	MinPoints = 2
	// MaxCSVBytes and MaxCSVLines bound what a CSV reader reads: 1,200
	// points take about 25 KB, so 1 MiB leaves room for headers, spaces
	// and bad rows; past either limit, the rest of the file is not read.
	MaxCSVBytes = 1 << 20
	MaxCSVLines = 100_000

	pointsNoiseRadius = PlaneExtent // noise n moves a point by up to ±6·n/100 on each axis
	maxPointLine      = 200         // bytes in one CSV row or link entry
	// maxPointsLinkBytes bounds the link's points value read: 1,200
	// points of the longest canonical form take 21,600 bytes.
	maxPointsLinkBytes = 32 << 10
	maxPointNumber     = 32 // bytes in one number
	maxSkippedLines    = 5  // line numbers quoted in a warning
)

// Point is one of a user's points: a position in the plane and its label.
type Point struct {
	X, Y, Label float64
}

// PointsReport says what reading points did, for a notice in the page, a
// warning in the CLI and the tests.
type PointsReport struct {
	Source       string     `json:"source"`       // "points" (the link) or a file name
	Points       int        `json:"points"`       // points kept
	Skipped      int        `json:"skipped"`      // bad rows skipped
	SkippedLines []int      `json:"skippedLines"` // numbers of the first few skipped rows (lines of a file, entries of the link, from 1)
	FirstProblem string     `json:"firstProblem"` // what was wrong with the first skipped row
	Dropped      bool       `json:"dropped"`      // more than MaxPoints: the rest was not read
	Truncated    string     `json:"truncated"`    // why reading stopped early, "" if it did not
	Fitted       bool       `json:"fitted"`       // the points reached outside the plane and were moved in
	Centre       [2]float64 `json:"centre"`       // the centre of their bounding box, moved to (0, 0)
	Scale        float64    `json:"scale"`        // factor applied to fit the plane; 1 when none
	LabelScale   float64    `json:"labelScale"`   // factor applied to regression labels; 1 when none
	Rounded      int        `json:"rounded"`      // values rounded to two decimals
	ZeroLabels   int        `json:"zeroLabels"`   // classification labels 0 read as −1
}

// Warnings are the report's messages, each one short line.
func (r *PointsReport) Warnings() []string {
	var w []string
	unit, units := "line", "lines"
	if r.Source == "points" {
		unit, units = "entry", "entries"
	}
	if r.Truncated != "" {
		w = append(w, fmt.Sprintf("%s: %s", r.Source, r.Truncated))
	}
	if r.Skipped > 0 {
		lines := make([]string, len(r.SkippedLines))
		for i, n := range r.SkippedLines {
			lines[i] = strconv.Itoa(n)
		}
		more := ""
		if r.Skipped > len(r.SkippedLines) {
			more = ", …"
		}
		w = append(w, fmt.Sprintf("%s: %d bad %s skipped (%s %s%s); %s %d: %s",
			r.Source, r.Skipped, plural(r.Skipped, "row", "rows"), plural(len(lines), unit, units),
			strings.Join(lines, ", "), more, unit, r.SkippedLines[0], r.FirstProblem))
	}
	if r.Dropped {
		w = append(w, fmt.Sprintf("%s: more than %d points; using the first %d", r.Source, MaxPoints, MaxPoints))
	}
	if r.ZeroLabels > 0 {
		w = append(w, fmt.Sprintf("%s: %d %s 0 read as −1 (classification labels are −1 and 1)", r.Source, r.ZeroLabels, plural(r.ZeroLabels, "label", "labels")))
	}
	if r.Fitted {
		w = append(w, fmt.Sprintf("%s: the points reach outside the plane [−6, 6]²; moved by (%s, %s) and scaled by %s (the same on x and y) to fit it",
			r.Source, formatFloat(roundTo(-r.Centre[0], 4)), formatFloat(roundTo(-r.Centre[1], 4)), formatFloat(roundTo(r.Scale, 4))))
	}
	if r.LabelScale != 1 && r.LabelScale != 0 {
		w = append(w, fmt.Sprintf("%s: regression labels reach beyond [−1, 1]; all divided by %s", r.Source, formatFloat(roundTo(1/r.LabelScale, 4))))
	}
	if r.Rounded > 0 {
		w = append(w, fmt.Sprintf("%s: %d %s rounded to two decimals", r.Source, r.Rounded, plural(r.Rounded, "value", "values")))
	}
	return w
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// pointReader is the one validator behind every source: rows come in one
// at a time and only the kept points are held.
type pointReader struct {
	regression bool
	sep        string // between a row's values, for messages
	points     []Point
	report     PointsReport
}

func newPointReader(source, sep string, regression bool) *pointReader {
	return &pointReader{regression: regression, sep: sep, report: PointsReport{Source: source, Scale: 1, LabelScale: 1}}
}

// full reports whether MaxPoints points are held.
func (p *pointReader) full() bool { return len(p.points) >= MaxPoints }

// skip counts row n as bad.
func (p *pointReader) skip(n int, why string) {
	if p.report.Skipped == 0 {
		p.report.FirstProblem = why
	}
	p.report.Skipped++
	if len(p.report.SkippedLines) < maxSkippedLines {
		p.report.SkippedLines = append(p.report.SkippedLines, n)
	}
}

// add reads row n of fields; it returns false when the row is a point
// beyond MaxPoints, and the reader should stop.
func (p *pointReader) add(n int, fields []string) bool {
	if len(fields) != 3 {
		p.skip(n, fmt.Sprintf("want 3 values x%sy%slabel; got %d", p.sep, p.sep, len(fields)))
		return true
	}
	var v [3]float64
	for i, f := range fields {
		x, why := parsePointNumber(f)
		if why != "" {
			p.skip(n, why)
			return true
		}
		v[i] = x
	}
	label := v[2]
	switch {
	case p.regression:
		// Beyond [−1, 1] is scaled in finish.
	case label == 1 || label == -1:
	case label == 0:
		p.report.ZeroLabels++
		label = -1
	default:
		p.skip(n, fmt.Sprintf("label %s is not −1 or 1 (classification)", quote(strings.TrimSpace(fields[2]))))
		return true
	}
	if p.full() {
		p.report.Dropped = true
		return false
	}
	p.points = append(p.points, Point{v[0], v[1], label})
	return true
}

// parsePointNumber reads a decimal number: optional sign, digits with an
// optional point, optional exponent. Hex, "Inf", "NaN", underscores and
// anything else are refused with the reason.
func parsePointNumber(s string) (float64, string) {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' { // a spreadsheet's quoted number
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if s == "" {
		return 0, "an empty value"
	}
	if len(s) > maxPointNumber || !isDecimal(s) {
		return 0, fmt.Sprintf("%s is not a number", quote(s))
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, fmt.Sprintf("%s is not a finite number", quote(s))
	}
	if f == 0 {
		f = 0 // -0
	}
	return f, ""
}

// isDecimal reports whether s is [+-]digits[.digits][e[+-]digits] with at
// least one digit before the exponent.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// finish fits the points into the plane and the labels into [−1, 1],
// rounds every value to two decimals and returns the points.
func (p *pointReader) finish() []Point {
	r := &p.report
	r.Points = len(p.points)
	if len(p.points) == 0 {
		return nil
	}
	lo := [2]float64{p.points[0].X, p.points[0].Y}
	hi := lo
	maxLabel := 0.0
	for _, pt := range p.points {
		for i, v := range [2]float64{pt.X, pt.Y} {
			lo[i], hi[i] = min(lo[i], v), max(hi[i], v)
		}
		maxLabel = max(maxLabel, math.Abs(pt.Label))
	}
	centre := &r.Centre
	if lo[0] < -PlaneExtent || lo[1] < -PlaneExtent || hi[0] > PlaneExtent || hi[1] > PlaneExtent {
		r.Fitted = true
		half := 0.0
		for i := range centre {
			centre[i] = float64(lo[i]/2) + float64(hi[i]/2) // no overflow for huge values
			half = max(half, float64(hi[i]/2)-float64(lo[i]/2))
		}
		if half > 0 {
			r.Scale = PlaneExtent / half
		}
		if math.IsInf(r.Scale, 0) || r.Scale == 0 { // a span too small or too large for float64
			r.Scale = 1
		}
	}
	if p.regression && maxLabel > 1 {
		r.LabelScale = 1 / maxLabel
	}
	for i := range p.points {
		pt := &p.points[i]
		x, y, label := pt.X, pt.Y, pt.Label
		if r.Fitted {
			x, y = (x-centre[0])*r.Scale, (y-centre[1])*r.Scale
		}
		if r.LabelScale != 1 {
			label *= r.LabelScale
		}
		rounded := [3]float64{roundTo(x, 2), roundTo(y, 2), roundTo(label, 2)}
		for j, v := range [3]float64{pt.X, pt.Y, pt.Label} {
			// A value moved by a scale is reported by that scale.
			if moved := j < 2 && r.Fitted || j == 2 && r.LabelScale != 1; !moved && rounded[j] != v {
				r.Rounded++
			}
		}
		*pt = Point{
			X:     clampPoint(rounded[0], PlaneExtent),
			Y:     clampPoint(rounded[1], PlaneExtent),
			Label: clampPoint(rounded[2], 1),
		}
	}
	return p.points
}

// RoundPointValue rounds v to the two decimals a point's values keep.
func RoundPointValue(v float64) float64 { return roundTo(v, 2) }

// roundTo rounds v to the given number of decimals: the nearest float64 to
// a whole number of hundredths (for 2), which strconv prints in at most two
// decimals and parses back to the same value.
func roundTo(v float64, decimals int) float64 {
	scale := math.Pow10(decimals)
	r := math.Round(v*scale) / scale
	if r == 0 {
		return 0 // -0
	}
	return r
}

func clampPoint(v, limit float64) float64 { return min(max(v, -limit), limit) }

// ParsePointsCSV reads points from CSV text: one "x,y,label" row a line,
// with or without a header line, with the rules of the package comment.
// data is the file's first bytes; a caller that has more than MaxCSVBytes
// passes MaxCSVBytes+1 of them (ReadPointsCSV does) and the reader says the
// rest was not read. The error is for input that holds no usable points:
// a binary file, or fewer than MinPoints good rows. name names the file in
// messages.
func ParsePointsCSV(name string, data []byte, regression bool) ([]Point, PointsReport, error) {
	p := newPointReader(name, ",", regression)
	if len(data) > MaxCSVBytes {
		data = data[:MaxCSVBytes]
		if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
			data = data[:i+1] // a row cut in two is not a bad row
		}
		p.report.Truncated = fmt.Sprintf("larger than %d KiB; read its first %d KiB", MaxCSVBytes>>10, MaxCSVBytes>>10)
	}
	if err := checkText(name, data); err != nil {
		return nil, p.report, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark
	line, headerDone := 0, false
	for len(data) > 0 {
		var row []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			row, data = data[:i], data[i+1:]
		} else {
			row, data = data, nil
		}
		if line++; line > MaxCSVLines {
			p.report.Truncated = fmt.Sprintf("more than %d lines; read the first %d", MaxCSVLines, MaxCSVLines)
			break
		}
		row = bytes.TrimSuffix(row, []byte("\r"))
		if len(bytes.TrimSpace(row)) == 0 {
			continue
		}
		if len(row) > maxPointLine {
			p.skip(line, fmt.Sprintf("a row longer than %d bytes", maxPointLine))
			headerDone = true
			continue
		}
		if !utf8.Valid(row) {
			p.skip(line, "not UTF-8 text")
			headerDone = true
			continue
		}
		fields := strings.Split(string(row), ",")
		if !headerDone {
			headerDone = true
			if isHeader(fields) {
				continue
			}
		}
		if !p.add(line, fields) {
			break
		}
	}
	points := p.finish()
	if len(points) < MinPoints {
		return nil, p.report, noPoints(&p.report)
	}
	return points, p.report, nil
}

// ReadPointsCSV reads at most MaxCSVBytes+1 bytes of r and parses them
// with ParsePointsCSV.
func ReadPointsCSV(name string, r io.Reader, regression bool) ([]Point, PointsReport, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxCSVBytes+1))
	if err != nil {
		return nil, newPointReader(name, ",", regression).report, fmt.Errorf("%s: %w", name, err)
	}
	return ParsePointsCSV(name, data, regression)
}

// noPoints is the error for fewer than MinPoints good rows.
func noPoints(r *PointsReport) error {
	msg := fmt.Sprintf("%s: %d good %s; at least %d are needed", r.Source, r.Points, plural(r.Points, "point", "points"), MinPoints)
	if r.Skipped > 0 {
		msg += fmt.Sprintf(" (%d bad %s skipped; first: %s)", r.Skipped, plural(r.Skipped, "row", "rows"), r.FirstProblem)
	}
	return errors.New(msg)
}

// checkText refuses what is not text: a NUL byte (binary files, UTF-16
// text) or a UTF-16 byte-order mark.
func checkText(name string, data []byte) error {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return fmt.Errorf("%s is UTF-16 text; save it as CSV in UTF-8", name)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%s is not a text file (a zero byte on line %d); a CSV of x,y,label rows is expected", name, bytes.Count(data[:i], []byte("\n"))+1)
	}
	return nil
}

// isHeader reports whether the first row is a header: column names, no
// field a number. A formula ("=cmd|…") is not a header but a bad row.
func isHeader(fields []string) bool {
	for _, f := range fields {
		if _, why := parsePointNumber(f); why == "" {
			return false
		}
		for _, r := range f {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" _-.()/\"'[]", r) {
				return false
			}
		}
	}
	return true
}

// parsePointsLink reads the link's points value, "x~y~label,…", entry by
// entry (numbered from 1 in messages), stopping at MaxPoints.
func parsePointsLink(v string, regression bool) ([]Point, PointsReport) {
	p := newPointReader("points", "~", regression)
	if len(v) > maxPointsLinkBytes {
		v = v[:maxPointsLinkBytes]
		if i := strings.LastIndexByte(v, ','); i >= 0 {
			v = v[:i] // an entry cut in two is not a bad entry
		}
		p.report.Truncated = fmt.Sprintf("longer than %d KiB; read its first %d KiB", maxPointsLinkBytes>>10, maxPointsLinkBytes>>10)
	}
	for n := 1; v != ""; n++ {
		var entry string
		entry, v, _ = strings.Cut(v, ",")
		if len(entry) > maxPointLine {
			p.skip(n, fmt.Sprintf("an entry longer than %d bytes", maxPointLine))
			continue
		}
		if !p.add(n, strings.Split(entry, "~")) {
			break
		}
	}
	return p.finish(), p.report
}

// FormatPoints writes points as the link's value, "x~y~label,…".
func FormatPoints(points []Point) string {
	var b strings.Builder
	b.Grow(len(points) * 16)
	for i, pt := range points {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(formatPointValue(pt.X))
		b.WriteByte('~')
		b.WriteString(formatPointValue(pt.Y))
		b.WriteByte('~')
		b.WriteString(formatPointValue(pt.Label))
	}
	return b.String()
}

// PointsCSV writes points as CSV with a header, the file the page offers
// and ParsePointsCSV reads back unchanged. Only numbers are written.
func PointsCSV(points []Point) []byte {
	var b bytes.Buffer
	b.WriteString("x,y,label\n")
	for _, pt := range points {
		b.WriteString(formatPointValue(pt.X))
		b.WriteByte(',')
		b.WriteString(formatPointValue(pt.Y))
		b.WriteByte(',')
		b.WriteString(formatPointValue(pt.Label))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func formatPointValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// checkPoints says what makes points unusable as a custom dataset, "" if
// nothing: what the link reader guarantees.
func checkPoints(points []Point, regression bool) string {
	if len(points) < MinPoints || len(points) > MaxPoints {
		return fmt.Sprintf("points: %d points outside %d..%d", len(points), MinPoints, MaxPoints)
	}
	for i, pt := range points {
		for _, v := range [3]float64{pt.X, pt.Y, pt.Label} {
			if roundTo(v, 2) != v || math.Signbit(v) && v == 0 {
				return fmt.Sprintf("points: point %d has a value not rounded to two decimals", i+1)
			}
		}
		if !(math.Abs(pt.X) <= PlaneExtent && math.Abs(pt.Y) <= PlaneExtent) {
			return fmt.Sprintf("points: point %d is outside [−6, 6]²", i+1)
		}
		if regression && !(math.Abs(pt.Label) <= 1) || !regression && pt.Label != 1 && pt.Label != -1 {
			return fmt.Sprintf("points: point %d has label %s", i+1, formatFloat(pt.Label))
		}
	}
	return ""
}

// NewPointsDataset builds a custom dataset from points (checked as the
// link checks them) exactly as NewDataset builds TF Playground's sets:
// noise (0..50) moves each point by up to ±6·noise/100 on each axis —
// two draws from rng per point, in point order, whatever the noise, like
// dataset.ts's position noise — labels unchanged; then the same shuffle
// and the first percTrain percent (at least one point, at most all but
// one) for training.
func NewPointsDataset(points []Point, regression bool, noise, percTrain int, features []string, rng *rand.Rand) (*Dataset, error) {
	if why := checkPoints(points, regression); why != "" {
		return nil, errors.New(why)
	}
	if err := checkPlaneArgs(noise, percTrain, features, rng); err != nil {
		return nil, err
	}
	data := make([]Example, len(points))
	amount := float64(noise) / 100
	for i, pt := range points {
		// float64(…) rounds the product first: no fused multiply-add.
		dx := float64(randUniform(rng, -pointsNoiseRadius, pointsNoiseRadius) * amount)
		dy := float64(randUniform(rng, -pointsNoiseRadius, pointsNoiseRadius) * amount)
		data[i] = labelled(pt.X+dx, pt.Y+dy, pt.Label)
	}
	split := min(max(len(data)*percTrain/100, 1), len(data)-1)
	return planeDataset(CustomDataset, regression, data, features, split, rng), nil
}

// DatasetPoints returns a plane dataset's points, training then test, in
// label units: the start of "copy the current dataset to custom". Pass
// them through CleanPoints to fit them to the link's rules.
func DatasetPoints(d *Dataset) []Point {
	if !d.Plane {
		return nil
	}
	out := make([]Point, 0, len(d.Train)+len(d.Test))
	for _, set := range [2][]Example{d.Train, d.Test} {
		for _, ex := range set {
			out = append(out, Point{ex.P[0], ex.P[1], ex.Y[0]})
		}
	}
	return out
}

// CleanPoints applies the reader's rules to points from elsewhere (the
// draw tool, a copied dataset): a point that is not finite, or a
// classification label that is neither −1, 0 nor 1, is skipped; the rest
// is fitted, rounded and cut to MaxPoints as a link's points are.
func CleanPoints(points []Point, regression bool) ([]Point, PointsReport) {
	p := newPointReader("points", "~", regression)
	fields := make([]string, 3)
	for i, pt := range points {
		for j, v := range [3]float64{pt.X, pt.Y, pt.Label} {
			fields[j] = strconv.FormatFloat(v, 'g', -1, 64)
		}
		if !p.add(i+1, fields) {
			break
		}
	}
	return p.finish(), p.report
}

// configDataset builds the dataset c names: one of NewDataset's, or c's
// own points.
func configDataset(c Config, rng *rand.Rand) (*Dataset, error) {
	if c.Dataset == CustomDataset {
		return NewPointsDataset(c.Points, c.Problem == "regression", c.Noise, c.PercTrainData, c.Features, rng)
	}
	return NewDataset(c.Dataset, c.Noise, c.PercTrainData, c.Features, rng)
}
