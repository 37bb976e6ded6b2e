package engine

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A demo's live settings — the ones that change how runs go on learning,
// not what they are — may change while it runs: the learning rate at step
// 1200, γ at step 3000. The link records each change, so that it replays
// the demo as it was watched:
//
//	changes=1200~learningRate~0.1,3000~gamma~0.2
//
// Each entry is step~key~value (characters a link writes as they are); the
// runs take the new value after their step-th update. Config's own fields
// hold the values the demo started with.

// Change is one live setting changed while a demo ran.
type Change struct {
	Step  int    // the setting holds from this many updates on
	Key   string // a link key of LiveKeys
	Value string // in link syntax, as Config.Link writes it
}

// MaxChanges caps a link's change list.
const MaxChanges = 100

// The table's "changes" row is filled in here: its functions use the table
// itself, which a row inside the table's own initializer cannot.
func init() { linkKeys[linkKeyIndex["changes"]] = changesLinkKey }

var changesLinkKey = linkKey{
	name:     "changes",
	typ:      TypeChanges,
	maxItems: MaxChanges,
	effect:   effHistory,
	same:     func(a, b *Config) bool { return slices.Equal(a.Changes, b.Changes) },
	write: func(c *Config) (string, bool) {
		parts := make([]string, len(c.Changes))
		for i, ch := range c.Changes {
			parts[i] = strconv.Itoa(ch.Step) + "~" + ch.Key + "~" + ch.Value
		}
		return strings.Join(parts, ","), len(c.Changes) > 0
	},
	read: func(d *linkDecoder, v string) {
		d.c.Changes = nil
		if v == "" {
			return // none, as a link without the key says
		}
		// Counted before it is split: a list of 10⁶ empty entries costs
		// one pass over its bytes, not 10⁶ strings.
		if n := strings.Count(v, ",") + 1; n > MaxChanges {
			d.warnf("changes: %d entries, more than %d; read the first %d", n, MaxChanges, MaxChanges)
		}
		rest, more := v, true
		for i := 0; i < MaxChanges && more; i++ {
			var entry string
			entry, rest, more = strings.Cut(rest, ",")
			ch, problem := parseChange(entry, d.c)
			if problem == "" && len(d.c.Changes) > 0 && ch.Step < d.c.Changes[len(d.c.Changes)-1].Step {
				problem = "comes before the change it follows"
			}
			if problem != "" {
				d.warnf("changes: %s %s; ignored", quote(entry), problem)
				continue
			}
			d.c.Changes = append(d.c.Changes, ch)
		}
	},
	check: func(c *Config) string {
		last := 0
		for _, ch := range c.Changes {
			got, problem := parseChange(strconv.Itoa(ch.Step)+"~"+ch.Key+"~"+ch.Value, *c)
			if problem != "" || got != ch || ch.Step < last {
				return fmt.Sprintf("changes: %+v is not a valid change in order", ch)
			}
			last = ch.Step
		}
		if len(c.Changes) > MaxChanges {
			return "changes: too many"
		}
		return ""
	},
}.about("Changes", GroupHistory, "Live settings changed while the demo ran, step~key~value, so a link replays what was watched.")

// parseChange reads "step~key~value", with the value read (and so clamped)
// by the key's own row of the table; a value that needs a warning is
// refused rather than silently altered.
func parseChange(entry string, base Config) (Change, string) {
	parts := strings.Split(entry, "~")
	if len(parts) != 3 {
		return Change{}, "is not step~key~value"
	}
	step, err := strconv.Atoi(parts[0])
	if err != nil || step < 1 || step > MaxStep {
		return Change{}, fmt.Sprintf("has no step in 1..%d", MaxStep)
	}
	if !slices.Contains(LiveKeys, parts[1]) {
		return Change{}, "changes no live setting (" + strings.Join(LiveKeys, ", ") + ")"
	}
	k := linkKeys[linkKeyIndex[parts[1]]]
	d := &linkDecoder{c: base}
	k.read(d, parts[2])
	if d.w.any() {
		return Change{}, "has a bad value: " + d.w.first()
	}
	v, _ := k.write(&d.c)
	return Change{Step: step, Key: parts[1], Value: v}, ""
}

// At returns the settings in force after step updates: c with every change
// up to step applied.
func (c Config) At(step int) Config {
	for _, ch := range c.Changes {
		if ch.Step > step {
			break
		}
		d := &linkDecoder{c: c}
		linkKeys[linkKeyIndex[ch.Key]].read(d, ch.Value)
		c = d.c
	}
	return c
}

// ChangeAt is c with to's live settings put in force at step: what a person
// changing the settings while the runs go on does. Each live setting in
// which to differs from c.At(step) becomes a change at step (replacing one
// of the same key at that step), and the changes c listed for later steps
// are dropped: a change made now replaces what would have come. At step 0
// the settings the runs start with take to's values instead. The page's
// own state (mode, speed, …) is taken from to. It fails when to differs in
// a setting that defines other runs (Diff.Rebuild) or the list would pass
// MaxChanges; c is then still what it was.
func (c Config) ChangeAt(step int, to Config) (Config, error) {
	now := c.At(step)
	now.Changes, to.Changes = nil, nil
	d := now.Diff(to)
	if d.Rebuild {
		return c, fmt.Errorf("%s define other runs: they start over", strings.Join(d.Defining, ", "))
	}
	if step == 0 {
		return c.With(to, d.Keys...), nil
	}
	out := c.With(to, d.Page...)
	out.Changes = nil
	for _, ch := range c.Changes {
		if ch.Step < step || ch.Step == step && !slices.Contains(d.Live, ch.Key) {
			out.Changes = append(out.Changes, ch)
		}
	}
	for _, key := range d.Live {
		v, _ := to.Value(key)
		out.Changes = append(out.Changes, Change{Step: step, Key: key, Value: v})
	}
	if len(out.Changes) > MaxChanges {
		return c, fmt.Errorf("more than %d changes in one run", MaxChanges)
	}
	return out, nil
}
