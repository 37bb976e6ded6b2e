package anim

import (
	"slices"
	"testing"

	"propagate/engine"
)

// Plain text is wrapped in one pass, each candidate line measured by
// extending the last one's advance (wrapPlain): it must break every
// caption the panels show exactly where measuring each whole candidate
// line with TextWidth does, at every size and width, bold or not.
func TestWrapPlainBreaksWhereWholeLinesAreMeasured(t *testing.T) {
	var texts []string
	for _, r := range engine.RuleNames {
		texts = append(texts, AllCaptions([2]string{r, r})...)
	}
	texts = append(texts, "  two  spaces  and a Wordthatisfarwiderthananyline at  the end ", "", "one")
	plain := 0
	for _, s := range texts {
		if IsRich(s) {
			continue
		}
		plain++
		for _, size := range []float64{9, 11, 13.5, 17.25} {
			for _, width := range []float64{40, 97.5, 180, 333, 1e4} {
				for _, bold := range []bool{false, true} {
					got := wrap(s, size, width, bold)
					want := wrapBy(s, width, func(line string) float64 { return TextWidth(line, size, bold) })
					if !slices.Equal(got, want) {
						t.Fatalf("%q at %vpx in %v px (bold %v):\n got %q\nwant %q", s, size, width, bold, got, want)
					}
				}
			}
		}
	}
	if plain < 50 {
		t.Fatalf("only %d plain captions checked", plain)
	}
}

// BenchmarkWrapCaptions wraps every caption of a bp and chl compare, as
// the page's first layout does: with nothing measured yet (wrap, not
// Wrap, and the width cache emptied each time).
func BenchmarkWrapCaptions(b *testing.B) {
	captions := AllCaptions([2]string{"bp", "chl"})
	for range b.N {
		widthMu.Lock()
		clear(widths)
		widthMu.Unlock()
		for _, s := range captions {
			wrap(s, 12.5, 260, false)
		}
	}
}
