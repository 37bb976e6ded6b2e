package engine

import "slices"

// The link's points key: dataset=custom (or regDataset=custom for
// regression) with points=x~y~label,… (points.go says what a point may be).

// Datasets the link's dataset and regDataset keys accept: the built-in sets
// of the problem, then custom.
var (
	linkClassificationSets = slices.Concat(classificationSets, []string{CustomDataset})
	linkRegressionSets     = slices.Concat(regressionSets, []string{CustomDataset})
)

// pointsLinkKey is the table's points row. It is read after problem, so a
// label is checked against the problem in force, and written only with
// the custom dataset.
var pointsLinkKey = linkKey{
	name:     "points",
	typ:      TypePoints,
	maxItems: MaxPoints,
	write: func(c *Config) (string, bool) {
		return FormatPoints(c.Points), c.Dataset == CustomDataset
	},
	read: func(d *linkDecoder, v string) {
		points, report := parsePointsLink(v, d.c.Problem == "regression")
		for _, w := range report.Warnings() {
			d.warnf("%s", w)
		}
		d.c.Points, d.pointsGiven = points, true
	},
	same: func(a, b *Config) bool { return slices.Equal(a.Points, b.Points) },
	check: func(c *Config) string {
		if c.Dataset != CustomDataset {
			if c.Points != nil {
				return "points given with dataset " + quote(c.Dataset)
			}
			return ""
		}
		return checkPoints(c.Points, c.Problem == "regression")
	},
}.ranged(-PlaneExtent, PlaneExtent).about("Your points", GroupData,
	"Your own points, with dataset=custom (regDataset=custom for regression): x~y~label entries, x and y in [−6, 6] with at most two decimals, label −1 or 1 (a number in [−1, 1] for regression).")

// TypePoints is the type of the points setting: x~y~label entries, at
// most maxItems of them.
const TypePoints = "points"

// finishPoints settles points against the dataset the problem uses: points
// without the custom dataset are ignored, the custom dataset without enough
// points is replaced by the problem's default set.
func (d *linkDecoder) finishPoints() {
	c := &d.c
	key, fallback := "dataset", "circle"
	if c.Problem == "regression" {
		key, fallback = "regDataset", "reg-plane"
	}
	switch {
	case c.Dataset != CustomDataset && c.Points != nil:
		// Said when the link gave them; a change of dataset (Merge) just
		// leaves them behind.
		if d.pointsGiven {
			d.warnf("points ignored: %s is %s (own points need %s=custom)", key, c.Dataset, key)
		}
		c.Points = nil
	case c.Dataset == CustomDataset && len(c.Points) < MinPoints:
		d.warnf("%s custom needs at least %d points, the link has %d; using %s", key, MinPoints, len(c.Points), fallback)
		c.Dataset, c.Points = fallback, nil
	}
}
