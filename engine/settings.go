package engine

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The settings table is the link table (linkKeys) seen from outside: one
// row per link key with what a person, the control panel, the README and
// `learn -settings` need to know about it — its label, group, type,
// default, range, step, options, whether it is live, a line of help and
// its TensorFlow Playground alias. Every other description of a setting
// derives from it: LiveKeys, Run.Retune, the page's rebuild decision
// (Config.Diff), the panel's ranges and tooltips, the README's key list.

// Groups of settings, in the panel's order. A setting of GroupPage changes
// what the page shows or how fast it goes, never what the runs learn.
const (
	GroupPage     = "page"
	GroupRules    = "rules"
	GroupData     = "data"
	GroupFeatures = "features"
	GroupNetwork  = "network"
	GroupLearning = "learning"
	GroupSettling = "settling"
	GroupScenes   = "scenes"
	GroupHistory  = "history"
)

// Types of settings: how the value is written in a link.
const (
	TypeInt     = "int"     // a whole number in [min, max]
	TypeFloat   = "float"   // a number in [min, max]
	TypeBool    = "bool"    // true or false
	TypeEnum    = "enum"    // one of options
	TypeText    = "text"    // any text of at most max bytes
	TypeInts    = "ints"    // comma-separated whole numbers, each in [min, max], at most maxItems of them
	TypePair    = "pair"    // two of options, comma-separated
	TypeChanges = "changes" // step~key~value entries, at most maxItems of them
)

// effect is what changing a setting does to the runs on the page.
type effect uint8

const (
	effRebuild effect = iota // it defines other runs: they are built anew
	effLive                  // the running runs take it at their next step (a Change)
	effPage                  // the page's own state: the runs are not touched
	effView                  // the page shows another scene or lesson; the runs are not touched
	effHistory               // the list of live changes: the runs replay it
)

// Option is one value an enum or pair setting takes, and its label.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Setting is one row of the settings table as JSON gives it
// (`learn -settings -json`, window.propagate.settings()). Default is in
// link syntax. Min and Max bound a number (for text, its length in bytes;
// for ints, each item) and are null when unbounded; Step is the panel's
// increment, null for any. MaxItems (ints, changes) is omitted elsewhere.
type Setting struct {
	Key      string   `json:"key"`
	Label    string   `json:"label"`
	Group    string   `json:"group"`
	Type     string   `json:"type"`
	Default  string   `json:"default"`
	Min      *float64 `json:"min"`
	Max      *float64 `json:"max"`
	Step     *float64 `json:"step"`
	Options  []Option `json:"options"`
	Live     bool     `json:"live"`
	Help     string   `json:"help"`
	TFP      string   `json:"tfp"`
	MaxItems int      `json:"maxItems,omitempty"`
}

// The row's description, set by the chain of methods below in the table.

// about gives a row its label, group and line of help.
func (k linkKey) about(label, group, help string) linkKey {
	k.label, k.group, k.help = label, group, help
	if group == GroupPage && k.effect == effRebuild {
		k.effect = effPage
	}
	return k
}

// liveKey marks a hyperparameter that the running runs take on at their
// next step; rule says the rules copy it when built (γ, β, the settling
// cap), so a change rebuilds them on the same net.
func (k linkKey) liveKey(rule bool) linkKey {
	k.effect, k.ruleReads = effLive, rule
	return k
}

// viewKey marks a page setting that picks the scene shown.
func (k linkKey) viewKey() linkKey { k.effect = effView; return k }

// tfpKey marks a key TF Playground has, with the same name and meaning.
func (k linkKey) tfpKey() linkKey { k.tfp = k.name; return k }

// stepBy sets the panel's increment.
func (k linkKey) stepBy(s float64) linkKey { k.step, k.hasStep = s, true; return k }

// labelled labels the options, in their order.
func (k linkKey) labelled(labels ...string) linkKey {
	if len(labels) != len(k.options) {
		panic(fmt.Sprintf("link key %s: %d labels for %d options", k.name, len(labels), len(k.options)))
	}
	k.options = slices.Clone(k.options)
	for i := range k.options {
		k.options[i].Label = labels[i]
	}
	return k
}

// defaultValue overrides the default taken from DefaultConfig, for a key it
// does not write (regDataset under a classification problem).
func (k linkKey) defaultValue(v string) linkKey { k.def = v; return k }

// ranged sets a row's bounds.
func (k linkKey) ranged(lo, hi float64) linkKey {
	k.lo, k.hi, k.hasRange = lo, hi, true
	return k
}

func optionsOf(values []string) []Option {
	out := make([]Option, len(values))
	for i, v := range values {
		out[i] = Option{Value: v, Label: v}
	}
	return out
}

// described reports whether a row is a setting, not the version or one of
// TF Playground's UI-only keys.
func (k *linkKey) described() bool { return k.label != "" }

// Settings returns the settings table, in link order.
func Settings() []Setting {
	def := DefaultConfig()
	var out []Setting
	for i := range linkKeys {
		k := &linkKeys[i]
		if !k.described() {
			continue
		}
		s := Setting{
			Key: k.name, Label: k.label, Group: k.group, Type: k.typ,
			Options: slices.Clone(k.options), Live: k.effect == effLive,
			Help: k.help, TFP: k.tfp, MaxItems: k.maxItems,
		}
		if s.Options == nil {
			s.Options = []Option{}
		}
		s.Default = k.def
		if s.Default == "" && k.write != nil {
			s.Default, _ = k.write(&def)
		}
		if k.hasRange {
			lo, hi := k.lo, k.hi
			s.Min, s.Max = &lo, &hi
		}
		if k.hasStep {
			st := k.step
			s.Step = &st
		}
		out = append(out, s)
	}
	return out
}

// SettingsJSON is the settings table as `learn -settings -json` prints it
// and window.propagate.settings() returns it:
// {"settings":[{"key":…,"label":…,…}]}.
func SettingsJSON() string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // help texts keep their < and &
	if err := enc.Encode(struct {
		Settings []Setting `json:"settings"`
	}{Settings()}); err != nil {
		panic(err) // plain strings and finite numbers
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// SettingsMarkdown is the README's list of link keys: one table row per
// setting. A test holds the README to it.
func SettingsMarkdown() string {
	var b strings.Builder
	b.WriteString("| key | what | values | default | |\n| --- | --- | --- | --- | --- |\n")
	for _, s := range Settings() {
		var notes []string
		if s.Live {
			notes = append(notes, "live")
		}
		if s.TFP != "" {
			notes = append(notes, "TF Playground")
		}
		def := "`" + s.Default + "`"
		if s.Default == "" {
			def = "—"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", s.Key, strings.TrimSuffix(s.Help, "."), s.values(), def, strings.Join(notes, ", "))
	}
	return b.String()
}

// values describes what a setting accepts, for the README.
func (s Setting) values() string {
	num := func(p *float64) string {
		if s.Type == TypeFloat {
			return strconv.FormatFloat(*p, 'g', -1, 64)
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	names := func() string {
		v := make([]string, len(s.Options))
		for i, o := range s.Options {
			v[i] = "`" + o.Value + "`"
		}
		return strings.Join(v, ", ")
	}
	switch s.Type {
	case TypeInt, TypeFloat:
		return num(s.Min) + " to " + num(s.Max)
	case TypeBool:
		return "`true`, `false`"
	case TypeEnum:
		return names()
	case TypePair:
		return "two of " + names()
	case TypeText:
		return "text, at most " + num(s.Max) + " bytes"
	case TypeInts:
		return fmt.Sprintf("at most %d numbers, each %s to %s", s.MaxItems, num(s.Min), num(s.Max))
	case TypeChanges:
		return fmt.Sprintf("at most %d `step~key~value`", s.MaxItems)
	case TypePoints:
		return fmt.Sprintf("at most %d `x~y~label`, x and y %s to %s", s.MaxItems, num(s.Min), num(s.Max))
	}
	return s.Type
}

// Diff is what differs between two configs, key by key of the table.
type Diff struct {
	Keys     []string // every key whose value differs, in table order
	Live     []string // of those, the live hyperparameters (LiveKeys)
	Page     []string // of those, the page's own state (GroupPage: mode, speed, scene, …)
	Defining []string // of those, the ones that define other runs
	Rebuild  bool     // Defining is not empty: the runs start over
	View     bool     // the scene or lesson differs: the page shows another scene
}

// Has reports whether key differs.
func (d Diff) Has(key string) bool { return slices.Contains(d.Keys, key) }

// Diff compares c with o setting by setting. Nothing is printed: each row
// compares its own field.
func (c Config) Diff(o Config) Diff {
	var d Diff
	for i := range linkKeys {
		k := &linkKeys[i]
		if !k.differs(&c, &o) {
			continue
		}
		d.Keys = append(d.Keys, k.name)
		switch k.effect {
		case effLive:
			d.Live = append(d.Live, k.name)
		case effRebuild:
			d.Defining = append(d.Defining, k.name)
			d.Rebuild = true
		case effView:
			d.Page = append(d.Page, k.name)
			d.View = true
		case effPage:
			d.Page = append(d.Page, k.name)
		}
	}
	return d
}

// differs reports whether a and b hold different values of k.
func (k *linkKey) differs(a, b *Config) bool {
	if k.same != nil {
		return !k.same(a, b)
	}
	if k.write == nil {
		return false // read-only switches (initZero) hold nothing of their own
	}
	va, oka := k.write(a)
	vb, okb := k.write(b)
	return oka != okb || va != vb
}

// Value returns key's value in c in link syntax, and false for a key c's
// link leaves out or the table does not have.
func (c Config) Value(key string) (string, bool) {
	i, ok := linkKeyIndex[key]
	if !ok || linkKeys[i].write == nil {
		return "", false
	}
	return linkKeys[i].write(&c)
}

// Values is c's link as key → value (the link's own keys, unescaped): the
// form status() gives the control panel to render from.
func (c Config) Values() map[string]string {
	out := make(map[string]string, len(linkKeys))
	for i := range linkKeys {
		k := &linkKeys[i]
		if k.write == nil {
			continue
		}
		if v, ok := k.write(&c); ok {
			out[k.name] = v
		}
	}
	return out
}

// Merge reads set, key=value pairs in link syntax ("learningRate=0.1&…",
// with or without a leading '#'), onto c: each key set names is read by its
// row of the table exactly as in a link (clamped, defaulted, warned about);
// every other setting keeps c's value. A problem given without an
// outputActivation picks that problem's output, as in a link. The warnings
// are about set's pairs alone.
func (c Config) Merge(set string) (Config, []string) {
	return decoderOnto(c).decode(strings.TrimSpace(set))
}

// decoderOnto is a decoder that reads keys onto c (which it does not
// share storage with).
func decoderOnto(c Config) *linkDecoder {
	d := &linkDecoder{c: c.Clone(), dataset: "circle", regDataset: "reg-plane"}
	if c.Problem == "regression" {
		d.regDataset = c.Dataset
	} else {
		d.dataset = c.Dataset
	}
	for _, f := range c.Features {
		if i := slices.Index(FeatureNames, f); i >= 0 {
			d.features[i] = true
		}
	}
	return d
}

// With returns c with the given keys' settings taken from o, key by key as
// the table reads them (a problem brings no output activation of its own
// here: name outputActivation too). Unknown keys are ignored.
func (c Config) With(o Config, keys ...string) Config {
	d := decoderOnto(c)
	for i := range linkKeys {
		k := &linkKeys[i]
		if k.read == nil || k.write == nil || !slices.Contains(keys, k.name) {
			continue
		}
		v, ok := k.write(&o)
		if !ok {
			continue // the dataset key o's problem does not use
		}
		out := d.c.OutputActivation
		k.read(d, v)
		if k.name == "problem" {
			d.c.OutputActivation = out
		}
	}
	d.finish()
	if d.w.any() {
		panic(fmt.Sprintf("Config.With(%v): %v", keys, d.w.list())) // o and c passed Validate
	}
	return d.c
}

// LiveKeys are the link keys whose change carries a run on instead of
// starting it over: the table's live hyperparameters, in table order.
var LiveKeys = liveKeys()

func liveKeys() []string {
	var out []string
	for _, k := range linkKeys {
		if k.effect == effLive {
			out = append(out, k.name)
		}
	}
	return out
}

// rebuildsRule reports whether going from a to b changes a setting the
// rules copy when built.
func rebuildsRule(a, b *Config) bool {
	for i := range linkKeys {
		if k := &linkKeys[i]; k.ruleReads && k.differs(a, b) {
			return true
		}
	}
	return false
}
