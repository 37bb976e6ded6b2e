package app

import (
	"runtime"
	"strings"
	"testing"

	"propagate/engine"
)

// An imported file is checked for size and shape before it is decoded: a
// 5 MB file of weight arrays allocated hundreds of MB before its shape was
// refused.
func TestImportChecksSizeBeforeDecoding(t *testing.T) {
	row := "[" + strings.Repeat("0.125,", 15) + "0.125]"
	layer := "[" + strings.Repeat(row+",", 15) + row + "]"
	var b strings.Builder
	b.WriteString(`{"format":"propagate-state","version":1,"link":"#v=1","step":0,"runs":[{"rule":"bp","sizes":[2,4,2,1],"weights":[`)
	for b.Len() < 5<<20 {
		b.WriteString(layer + ",")
	}
	b.WriteString(layer + `],"biases":[]}]}`)
	data := []byte(b.String())
	var err error
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = parseState(data)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a 5 MB file was accepted")
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("refusing a %d-byte file allocated %d bytes", len(data), got)
	}
	if !strings.Contains(err.Error(), "more than") {
		t.Errorf("error %q does not say what was too large", err)
	}
}

// FuzzParseState: no file panics the import; a file it accepts has a
// valid link within the cost budget.
func FuzzParseState(f *testing.F) {
	app := NewApp("#rules=bp,fa&networkShape=2")
	app.Command("pause", "")
	cfg, _ := engine.DecodeLink("#rules=bp,fa&networkShape=2")
	runs, err := engine.NewRuns(cfg)
	if err != nil {
		f.Fatal(err)
	}
	good, err := exportState(cfg, runs)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"format":"propagate-state","version":1,"link":"#rules=eqprop,chl&networkShape=16,16,16,16,16,16&batchSize=500&settle=1000&gamma=1","step":0,"runs":[]}`))
	f.Add([]byte(`[[[[[[[[[[1]]]]]]]]]]`))
	f.Add([]byte(`{"runs":[{"weights":[[[1e999]]]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := parseState(data)
		if err != nil {
			return
		}
		c, _ := engine.DecodeLink(st.Link)
		if p := c.Validate(); len(p) != 0 {
			t.Fatalf("accepted a file whose link is invalid: %q", p)
		}
	})
}

// FuzzSet: whatever the panel (or a caller of command("set")) sends, at
// whatever step, the settings that result are valid and every step of
// them fits the cost budget.
func FuzzSet(f *testing.F) {
	f.Add("", "settle=1000", 50)
	f.Add("#rules=bp,chl&networkShape=16,16,16,16,16,16", "batchSize=500&settle=1000&gamma=1", 0)
	f.Add("#rules=eqprop,chl", "networkShape=16,16,16,16,16,16&settle=1000", 7)
	f.Add("#changes=5~settle~10", "settle=1000&learningRate=10", 3)
	f.Fuzz(func(t *testing.T, link, set string, step int) {
		old, _ := engine.DecodeLink(link)
		step = min(max(step, 0), engine.MaxStep)
		cfg, _, _ := applySet(old, set, step)
		if p := cfg.Validate(); len(p) != 0 {
			t.Fatalf("set %q on %s at step %d: %q", set, link, step, p)
		}
		for _, at := range []int{0, step, step + 1, engine.MaxStep} {
			if c := cfg.At(at); !c.WithinBudget() {
				t.Fatalf("set %q at step %d: at %d %s", set, step, at, c.Cost())
			}
		}
	})
}
