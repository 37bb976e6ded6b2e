package anim

import (
	"reflect"
	"testing"
)

func TestRichRuns(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []RichRun
	}{
		{"A_{R−P}", []RichRun{{"A", 0}, {"R−P", -1}}},
		{"Δt = t_post − t_pre", []RichRun{{"Δt = t", 0}, {"post", -1}, {" − t", 0}, {"pre", -1}}},
		{"x^β_pre", []RichRun{{"x", 0}, {"β", 1}, {"pre", -1}}},
		{"γ^{k−L} on", []RichRun{{"γ", 0}, {"k−L", 1}, {" on", 0}}},
		{"plain", []RichRun{{"plain", 0}}},
		{"a _ b", []RichRun{{"a _ b", 0}}},
		{"x_{open", []RichRun{{"x_{open", 0}}},
	} {
		if got := RichRuns(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("RichRuns(%q) = %v, want %v", c.in, got, c.want)
		}
		if p := Plain(c.in); IsRich(c.in) && c.in != "a _ b" && c.in != "x_{open" && IsRich(p) {
			t.Errorf("Plain(%q) = %q keeps a mark", c.in, p)
		}
	}
	// Measured as drawn: the script smaller than the same letters plain.
	if w, plain := TextWidth("A_{R−P}", 15, true), TextWidth("AR−P", 15, true); w >= plain || w <= TextWidth("A", 15, true) {
		t.Errorf("A_{R−P} measures %v, AR−P %v", w, plain)
	}
}
