package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// The shared suite every learning rule passes, in the manner of gonum's
// lapack/testlapack: one set of contracts (rule.go's Rule doc) run against
// every name in RuleNames, on nets of several shapes and activations.

type suiteNet struct {
	sizes       []int
	hidden, out Activation
	loss        string
}

var suiteNets = []suiteNet{
	{[]int{2, 4, 2, 1}, Tanh, Tanh, "mse"}, // TF Playground's default
	{[]int{2, 1}, Tanh, Tanh, "mse"},       // no hidden layer
	{[]int{4, 3, 4}, Sigmoid, Sigmoid, "mse"},
	{[]int{3, 5, 4, 2}, HardSigmoid, HardSigmoid, "mse"},
	{[]int{3, 4, 2}, ReLU, Linear, "mse"},
	{[]int{2, 3, 1}, Tanh, Sigmoid, "xent"},
}

// suiteRule builds rule name on a fresh net (weights from seed) and a batch.
func suiteRule(t *testing.T, name string, sn suiteNet, seed uint64) (Rule, *Net, []Example) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 99))
	n := NewNet(sn.sizes, sn.hidden, sn.out)
	if err := n.Init("fanin", rng); err != nil {
		t.Fatal(err)
	}
	for k := 1; k <= n.Layers(); k++ {
		fillUniform(n.B[k].RawVector().Data, 0.3, rng)
	}
	n.InitFeedback(rng)
	c := DefaultConfig()
	c.Loss = sn.loss
	c.Seed = fmt.Sprint(seed)
	r, err := NewRule(name, n, c)
	if err != nil {
		t.Fatalf("NewRule(%q): %v", name, err)
	}
	if r.Name() != name {
		t.Fatalf("NewRule(%q).Name() = %q", name, r.Name())
	}
	return r, n, randomBatch(n, 7, rng)
}

func TestRuleSuite(t *testing.T) {
	for _, name := range RuleNames {
		for _, sn := range suiteNets {
			t.Run(fmt.Sprintf("%s/%v-%v-%v", name, sn.sizes, sn.hidden, sn.out), func(t *testing.T) {
				testRuleContracts(t, name, sn)
			})
		}
	}
	if _, err := NewRule("nope", NewNet([]int{2, 1}, Tanh, Tanh), DefaultConfig()); err == nil {
		t.Error("NewRule accepted an unknown name")
	}
}

func testRuleContracts(t *testing.T, name string, sn suiteNet) {
	r, n, batch := suiteRule(t, name, sn, 1)
	before := n.Clone()
	u := n.NewUpdate()
	r.Compute(batch, u, nil)

	// Compute never modifies the net.
	if !sameNet(n, before) {
		t.Error("Compute modified the net")
	}
	// The update has the net's shapes, is finite and not all zero.
	L := n.Layers()
	var norm float64
	for k := 1; k <= L; k++ {
		if rr, cc := u.DW[k].Dims(); rr != n.Sizes[k] || cc != n.Sizes[k-1] || u.DB[k].Len() != n.Sizes[k] {
			t.Fatalf("layer %d: update shape %d×%d, bias %d; net %d×%d", k, rr, cc, u.DB[k].Len(), n.Sizes[k], n.Sizes[k-1])
		}
		for _, v := range append(append([]float64(nil), u.DW[k].RawMatrix().Data...), u.DB[k].RawVector().Data...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("layer %d: update has %v", k, v)
			}
			norm += v * v
		}
	}
	if norm == 0 {
		t.Error("the update is zero")
	}
	// With tr nil, Compute allocates nothing (after the first call sized its scratch).
	if a := testing.AllocsPerRun(5, func() { r.Compute(batch, u, nil) }); a != 0 {
		t.Errorf("Compute allocates %v times per call", a)
	}
	// Determinism: a rule built alike on the same net gives a bit-identical
	// update, traced or not (tracing changes nothing computed).
	r2, n2, _ := suiteRule(t, name, sn, 1)
	u2 := n2.NewUpdate()
	tr := new(Trace)
	r2.Compute(batch, u2, tr)
	r3, n3, _ := suiteRule(t, name, sn, 1)
	u3 := n3.NewUpdate()
	r3.Compute(batch, u3, nil)
	if !sameUpdate(u2, u3) {
		t.Error("tracing changed the update")
	}
	u1 := n.NewUpdate()
	r1, _, _ := suiteRule(t, name, sn, 1)
	r1.Compute(batch, u1, nil)
	if !sameUpdate(u1, u3) {
		t.Error("two rules built alike gave different updates")
	}
	if name != "arp" { // arp draws fresh samples every call
		r.Compute(batch, u, nil)
		if !sameUpdate(u, u1) {
			t.Error("a second Compute on the same batch gave a different update")
		}
	}
	checkTrace(t, name, n, batch[0], tr, u2)
	// An empty batch is a zero update.
	r.Compute(nil, u, nil)
	for k := 1; k <= L; k++ {
		for _, v := range u.DW[k].RawMatrix().Data {
			if v != 0 {
				t.Fatal("empty batch: non-zero update")
			}
		}
	}
}

func checkTrace(t *testing.T, rule string, n *Net, ex Example, tr *Trace, u *Update) {
	t.Helper()
	L := n.Layers()
	if tr.Rule != rule || !equalFloats(tr.Input, ex.X) || !equalFloats(tr.Target, ex.Y) {
		t.Errorf("trace header: rule %q input %v target %v", tr.Rule, tr.Input, tr.Target)
	}
	seq, grammar := TraceString(tr), RuleOf(rule).TraceGrammar(L)
	if !grammar.MatchString(seq) {
		t.Fatalf("trace order %q does not match %s", seq, grammar)
	}
	lastIter, lastKind := -1, EventKind(255)
	hebb, upd := 0, 0
	for _, e := range tr.Events {
		switch e.Kind {
		case EvFreeIter, EvClampedIter:
			if e.Kind != lastKind {
				lastIter = -1
			}
			if e.Iter <= lastIter || (lastIter == -1 && e.Iter != 0) {
				t.Errorf("%v iterations out of order: %d after %d", e.Kind, e.Iter, lastIter)
			}
			lastIter = e.Iter
			if len(e.State) != L+1 {
				t.Fatalf("state has %d layers", len(e.State))
			}
			for k, v := range e.State {
				if len(v) != n.Sizes[k] {
					t.Fatalf("state layer %d has %d units", k, len(v))
				}
			}
			if !equalFloats(e.State[0], ex.X) {
				t.Error("the input is not clamped in the trace")
			}
		case EvClamp:
			if !equalFloats(e.Units, ex.Y) {
				t.Errorf("clamp %v, target %v", e.Units, ex.Y)
			}
		case EvHebbian:
			hebb++
			if e.Layer != hebb || len(e.Weights) != n.Sizes[hebb]*n.Sizes[hebb-1] {
				t.Errorf("hebbian event %d: layer %d with %d weights", hebb, e.Layer, len(e.Weights))
			}
		case EvUpdate:
			upd++
			if e.Layer != upd || !equalFloats(e.Weights, u.DW[upd].RawMatrix().Data) {
				t.Errorf("update event %d (layer %d) is not the update", upd, e.Layer)
			}
		}
		lastKind = e.Kind
	}
	// The clamped phase holds the output at the target at every iteration.
	if strings.HasPrefix(grammar.String(), "^C") {
		for _, e := range tr.Events {
			if e.Kind == EvClampedIter && !equalFloats(e.State[L], ex.Y) {
				t.Fatalf("clamped iteration %d: output %v, target %v", e.Iter, e.State[L], ex.Y)
			}
		}
	}
}

func sameNet(a, b *Net) bool {
	for k := 1; k <= a.Layers(); k++ {
		if !equalFloats(a.W[k].RawMatrix().Data, b.W[k].RawMatrix().Data) ||
			!equalFloats(a.B[k].RawVector().Data, b.B[k].RawVector().Data) ||
			!equalFloats(a.Feedback[k].RawMatrix().Data, b.Feedback[k].RawMatrix().Data) ||
			!equalFloats(a.DirectFeedback[k].RawMatrix().Data, b.DirectFeedback[k].RawMatrix().Data) ||
			a.Acts[k] != b.Acts[k] {
			return false
		}
	}
	return true
}

func sameUpdate(a, b *Update) bool {
	for k := 1; k < len(a.DW); k++ {
		if !equalFloats(a.DW[k].RawMatrix().Data, b.DW[k].RawMatrix().Data) || !equalFloats(a.DB[k].RawVector().Data, b.DB[k].RawVector().Data) {
			return false
		}
	}
	return true
}

// equalFloats is bit-identical equality.
func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}
