package engine

import (
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var updateREADME = flag.Bool("update", false, "rewrite the README's settings section from the table")

// The JSON has exactly the contract's fields (maxItems only on lists), one
// row per setting, and every row describes what the codec does.
func TestSettingsJSON(t *testing.T) {
	var doc map[string][]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(SettingsJSON()), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc) != 1 || doc["settings"] == nil {
		t.Fatalf("top level %v, want only settings", reflect.ValueOf(doc).MapKeys())
	}
	want := []string{"default", "group", "help", "key", "label", "live", "max", "min", "options", "step", "tfp", "type"}
	for _, row := range doc["settings"] {
		var keys []string
		for k := range row {
			if k != "maxItems" {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Errorf("row %s has fields %v, want %v", row["key"], keys, want)
		}
	}
	if n := len(doc["settings"]); n != len(Settings()) || n < 40 {
		t.Errorf("%d rows", n)
	}
}

func formatBound(s Setting, v float64) string {
	if s.Type == TypeInt {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// alternative is a valid value of s other than its default, from the
// table's own columns.
func alternative(s Setting) string {
	switch s.Type {
	case TypeInt, TypeFloat:
		// The low end where it differs: the high ends of batchSize and
		// settle together with the defaults exceed the cost budget.
		if s.Default == formatBound(s, *s.Min) {
			return formatBound(s, *s.Max)
		}
		return formatBound(s, *s.Min)
	case TypeBool:
		if s.Default == "true" {
			return "false"
		}
		return "true"
	case TypeEnum:
		for _, o := range s.Options {
			if o.Value != s.Default {
				return o.Value
			}
		}
	case TypePair:
		return s.Options[len(s.Options)-1].Value + "," + s.Options[1].Value
	case TypeText:
		return "other seed"
	case TypeInts:
		return strconv.FormatFloat(*s.Max, 'g', -1, 64)
	case TypeChanges:
		return "5~learningRate~0.5"
	case TypePoints:
		return "1~2~1,-3~0.5~-1"
	}
	return ""
}

// randomValue is a valid value of s drawn from the table's own columns.
func randomValue(s Setting, rng *rand.Rand) string {
	switch s.Type {
	case TypeInt:
		return strconv.Itoa(int(*s.Min) + rng.IntN(int(*s.Max-*s.Min)+1))
	case TypeFloat:
		return strconv.FormatFloat(*s.Min+rng.Float64()*(*s.Max-*s.Min), 'g', -1, 64)
	case TypeBool:
		return strconv.FormatBool(rng.IntN(2) == 0)
	case TypeEnum:
		return s.Options[rng.IntN(len(s.Options))].Value
	case TypePair:
		return s.Options[rng.IntN(len(s.Options))].Value + "," + s.Options[rng.IntN(len(s.Options))].Value
	case TypeInts:
		var items []string
		for range rng.IntN(s.MaxItems + 1) {
			items = append(items, strconv.Itoa(1+rng.IntN(int(*s.Max))))
		}
		return strings.Join(items, ",")
	}
	return alternative(s)
}

// Each row's default, range and options are what the codec accepts: the
// default and the ends of the range decode without a warning, one past an
// end is clamped back to it with a warning, an option not listed is warned
// about.
func TestSettingsDescribeTheCodec(t *testing.T) {
	def := DefaultConfig()
	for _, s := range Settings() {
		c, w := DecodeLink(s.Key + "=" + s.Default)
		if s.Key == "regDataset" { // only read under a regression problem
			c, w = DecodeLink("problem=regression&regDataset=" + s.Default)
			def.Problem, def.Dataset, def.OutputActivation = "regression", s.Default, Linear
		}
		if len(w) != 0 || !reflect.DeepEqual(c, def) {
			t.Errorf("%s: its default %q decodes with %v to a config other than DefaultConfig", s.Key, s.Default, w)
		}
		def = DefaultConfig()
		if s.Label == "" || s.Help == "" || s.Group == "" || !strings.HasSuffix(s.Help, ".") {
			t.Errorf("%s: label %q group %q help %q", s.Key, s.Label, s.Group, s.Help)
		}
		if (s.TFP != "") != (s.TFP == s.Key) {
			t.Errorf("%s: tfp alias %q", s.Key, s.TFP)
		}
		if s.Type == TypeInt || s.Type == TypeFloat {
			for _, end := range []float64{*s.Min, *s.Max} {
				v := formatBound(s, end)
				got, w := decodeLink(s.Key+"="+v, false) // the key's range, not the cost budget
				if gv, _ := got.Value(s.Key); len(w) != 0 || gv != v {
					t.Errorf("%s=%s (an end of its range) reads as %s with %v", s.Key, v, gv, w)
				}
			}
			over := formatBound(s, *s.Max*2+1)
			got, w := decodeLink(s.Key+"="+over, false)
			if gv, _ := got.Value(s.Key); len(w) != 1 || gv != formatBound(s, *s.Max) {
				t.Errorf("%s=%s reads as %s with %v, want its max and a warning", s.Key, over, gv, w)
			}
		}
		if s.Type == TypeEnum {
			for _, o := range s.Options {
				link := s.Key + "=" + o.Value
				switch {
				case s.Key == "regDataset":
					link = "problem=regression&" + link
				case link == "loss=xent":
					link = "outputActivation=sigmoid&" + link
				}
				if o.Value == CustomDataset { // own points need some
					link = "points=1~1~1,2~2~-1&" + link
				}
				if got, w := DecodeLink(link); len(w) != 0 || got.Dataset != o.Value && s.Key == "regDataset" {
					t.Errorf("option %s: warnings %v", link, w)
				}
				if o.Label == "" {
					t.Errorf("%s: option %s has no label", s.Key, o.Value)
				}
			}
			if _, w := DecodeLink(s.Key + "=notAnOption"); len(w) == 0 && s.Key != "regDataset" {
				t.Errorf("%s=notAnOption: no warning", s.Key)
			}
		}
		if s.Type == TypeText {
			if _, w := DecodeLink(s.Key + "=" + strings.Repeat("s", int(*s.Max))); len(w) != 0 {
				t.Errorf("%s of %v bytes: %v", s.Key, *s.Max, w)
			}
			if _, w := DecodeLink(s.Key + "=" + strings.Repeat("s", int(*s.Max)+1)); len(w) != 1 {
				t.Errorf("%s of %v bytes: %v, want a warning", s.Key, *s.Max+1, w)
			}
		}
	}
	shape, _ := DecodeLink("networkShape=" + strings.Repeat("16,", MaxHiddenLayers-1) + "16")
	if len(shape.NetworkShape) != MaxHiddenLayers {
		t.Errorf("the largest networkShape the table allows reads as %v", shape.NetworkShape)
	}
}

// The live settings are the seven hyperparameters the runs read at every
// step; the page's own state is the page group, and nothing else is.
func TestLiveAndPageSettings(t *testing.T) {
	want := []string{"learningRate", "regularization", "regularizationRate", "gamma", "beta", "varOut", "settle"}
	if !slices.Equal(LiveKeys, want) {
		t.Errorf("LiveKeys %v, want %v", LiveKeys, want)
	}
	for _, k := range linkKeys {
		page := k.effect == effPage || k.effect == effView
		if page != (k.group == GroupPage) {
			t.Errorf("%s: group %s with effect %d", k.name, k.group, k.effect)
		}
		if k.ruleReads && k.effect != effLive {
			t.Errorf("%s: the rules read it but it is not live", k.name)
		}
	}
}

// Diff names the key that differs and says what it takes; Retune takes
// exactly the differences that need no rebuild.
func TestDiffAndRetune(t *testing.T) {
	base := DefaultConfig()
	if d := base.Diff(base); len(d.Keys) != 0 || d.Rebuild || d.View {
		t.Fatalf("a config differs from itself: %+v", d)
	}
	for _, s := range Settings() {
		if s.Key == "initZero" { // a switch onto init: the difference is init's
			continue
		}
		alt := alternative(s)
		other, w := base.Merge(s.Key + "=" + alt)
		switch s.Key {
		case "regDataset":
			other, w = base.Merge("problem=regression&regDataset=" + alt)
		case "loss":
			other, w = base.Merge("outputActivation=sigmoid&loss=" + alt)
		case "points":
			other, w = base.Merge("dataset=custom&points=" + alt)
		}
		if len(w) != 0 {
			t.Fatalf("%s=%s: %v", s.Key, alt, w)
		}
		d := base.Diff(other)
		if !d.Has(s.Key) {
			t.Errorf("%s=%s: Diff says %v", s.Key, alt, d.Keys)
		}
		live := slices.Contains(LiveKeys, s.Key)
		if len(d.Keys) == 1 && (d.Rebuild != (s.Group != GroupPage && !live && s.Type != TypeChanges) || slices.Equal(d.Live, []string{s.Key}) != live) {
			t.Errorf("%s: %+v", s.Key, d)
		}
		if d.View != (s.Key == "scene" || s.Key == "lesson") {
			t.Errorf("%s: view %v", s.Key, d.View)
		}
		r, err := NewRun(base, "bp")
		if err != nil {
			t.Fatal(err)
		}
		r.Step(3)
		if err := r.Retune(other); (err != nil) != d.Rebuild {
			t.Errorf("%s: Retune says %v, Diff %+v", s.Key, err, d)
		}
	}
}

// Merge reads the given keys exactly as a link does when they are written
// after the config's own link (the page's old merge through two links).
func TestMergeIsDecodeOfTheLinkWithTheSetAfterIt(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	settings := Settings()
	for i := 0; i < 300; i++ {
		c := randomConfig(rng)
		var set []string
		given := map[string]bool{}
		for range 1 + rng.IntN(4) {
			s := settings[rng.IntN(len(settings))]
			if s.Key == "initZero" { // a link's own init key comes after it and wins
				continue
			}
			set = append(set, s.Key+"="+randomValue(s, rng))
			given[s.Key] = true
		}
		var base []string
		for _, pair := range strings.Split(strings.TrimPrefix(c.Link(), "#"), "&") {
			k, _, _ := strings.Cut(pair, "=")
			if !given[k] && !(k == "outputActivation" && given["problem"]) {
				base = append(base, pair)
			}
		}
		want, wantW := DecodeLink(strings.Join(append(base, set...), "&"))
		got, gotW := c.Merge(strings.Join(set, "&"))
		if !reflect.DeepEqual(got, want) || !slices.Equal(gotW, wantW) {
			t.Fatalf("%s onto %s:\n got %+v %v\nwant %+v %v", set, c.Link(), got, gotW, want, wantW)
		}
		if p := got.Validate(); len(p) != 0 {
			t.Fatalf("Merge gave an invalid config: %v", p)
		}
	}
}

// A malformed value in a merge keeps the value in use, and says so.
func TestMergeKeepsTheValueInUseForAMalformedOne(t *testing.T) {
	c := DefaultConfig()
	c.LearningRate, c.Mode = 0.5, "explain"
	got, w := c.Merge("learningRate=fast&mode=slow&batchSize=7")
	if got.LearningRate != 0.5 || got.Mode != "explain" || got.BatchSize != 7 || len(w) != 2 ||
		!strings.Contains(w[0], "using explain") || !strings.Contains(w[1], "using 0.5") {
		t.Errorf("got lr %v mode %s batch %d, warnings %q", got.LearningRate, got.Mode, got.BatchSize, w)
	}
}

// Values is the link's own pairs.
func TestValuesAreTheLink(t *testing.T) {
	c := DefaultConfig()
	c.Seed = "a&b"
	vals := c.Values()
	n := 0
	for _, pair := range strings.Split(strings.TrimPrefix(c.Link(), "#"), "&") {
		k, v, _ := strings.Cut(pair, "=")
		v, _ = unescapeLink(v)
		if vals[k] != v {
			t.Errorf("%s: %q, link %q", k, vals[k], v)
		}
		n++
	}
	if len(vals) != n {
		t.Errorf("%d values for %d pairs", len(vals), n)
	}
}

// The README's key list is the table's.
func TestREADMEListsTheSettings(t *testing.T) {
	const begin, end = "<!-- settings:begin (go test ./engine -run README -update) -->\n", "<!-- settings:end -->"
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q … %q section", begin, end)
	}
	want := readme[:i+len(begin)] + SettingsMarkdown() + readme[j:]
	if *updateREADME {
		if err := os.WriteFile("../README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if readme != want {
		t.Errorf("README.md's settings section is not the table's; run go test ./engine -run README -update")
	}
}
