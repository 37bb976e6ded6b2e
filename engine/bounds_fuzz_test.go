package engine

import (
	"encoding/json"
	"strings"
	"testing"
)

// The fuzz targets of issue 12, where the bugs were. `make fuzz` runs each
// for $(FUZZTIME); `go test` replays their seeds and testdata/fuzz.

// FuzzRunsFromLink: whatever the link, the runs built from it are the ones
// the cost model priced — within the budget — and take their first step.
func FuzzRunsFromLink(f *testing.F) {
	for _, s := range []string{
		"", frozenLink,
		"#rules=chl,eqprop&networkShape=4,4&batchSize=1&settle=1000",
		"#rules=generec-sym,arp&dataset=8-3-8&networkShape=16,16,16,16,16,16&batchSize=500",
		"#rules=dfa,fa&problem=regression&regDataset=reg-gauss&networkShape=16,16,16,16,16,16&batchSize=500&percTrainData=90",
		"#rules=chl,chl&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true&cosX=true&cosY=true&settle=1000&changes=5~settle~1000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, link string) {
		c, _ := DecodeLink(link)
		if !c.WithinBudget() {
			t.Fatalf("%s: %s", link, c.Cost())
		}
		runs, err := NewRuns(c)
		if err != nil {
			return // a rule not implemented yet: the page says so
		}
		checkRunsMatchModel(t, c, runs)
	})
}

// FuzzConfigAt: the settings in force at any step of a decoded link are
// valid and within the budget.
func FuzzConfigAt(f *testing.F) {
	f.Add("#changes=1200~learningRate~0.1,3000~gamma~0.2", 3000)
	f.Add("#rules=bp,chl&networkShape=8,8,8&settle=10&changes=50~settle~1000,60~learningRate~0.1,70~settle~5", 55)
	f.Add("#changes=1~settle~1000,2~settle~1,3~regularization~L1,4~regularizationRate~10,5~beta~1e-9", MaxStep)
	f.Fuzz(func(t *testing.T, link string, step int) {
		c, _ := DecodeLink(link)
		at := c.At(step)
		if p := at.Validate(); len(p) != 0 {
			t.Fatalf("%s at step %d: %q", link, step, p)
		}
		if at.SettleIters > maxSettle(c) {
			t.Fatalf("settle %d in force, the model's cap %d", at.SettleIters, maxSettle(c))
		}
	})
}

// FuzzCheckJSONShape: no input panics it, and what it lets through decodes
// within the limits.
func FuzzCheckJSONShape(f *testing.F) {
	lim := StateLimits()
	for _, s := range []string{
		`{"format":"propagate-state","version":1,"link":"#v=1","step":0,"runs":[{"rule":"bp","sizes":[2,4,2,1],"weights":[[[0.1,0.2]]],"biases":[[0]]}]}`,
		"[" + strings.Repeat("[", 100) + "1" + strings.Repeat("]", 101),
		"[" + strings.Repeat("1,", 100) + "1]",
		`{"a":"` + strings.Repeat("x", 1000) + `"}`,
		"", "[", "]", "{}", `{"a":}`, "1e999", "[1,2,3]x",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if CheckJSONShape(data, lim) != nil {
			return
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return // trailing data: the importer refuses it too
		}
		var walk func(v any, depth int) int
		walk = func(v any, depth int) int {
			if depth > lim.Depth {
				t.Fatalf("depth %d passed", depth)
			}
			n := 0
			switch x := v.(type) {
			case []any:
				if len(x) > lim.Array {
					t.Fatalf("array of %d passed", len(x))
				}
				for _, e := range x {
					n += walk(e, depth+1)
				}
			case map[string]any:
				for _, e := range x {
					n += walk(e, depth+1)
				}
			case float64:
				n = 1
			}
			return n
		}
		if n := walk(v, 0); n > lim.Numbers {
			t.Fatalf("%d numbers passed", n)
		}
	})
}
