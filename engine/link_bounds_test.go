package engine

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// allocatedBy returns the bytes f allocates (one call, after a warm-up).
func allocatedBy(f func()) uint64 {
	f()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A list is counted before it is split: 10⁶ empty changes took 84 MB.
func TestDecodeCountsListsBeforeSplitting(t *testing.T) {
	for _, n := range []int{1_000_000, 200_000} {
		link := "#changes=" + strings.Repeat(",", n)
		var warnings []string
		got := allocatedBy(func() { _, warnings = DecodeLink(link) })
		// The warnings (100 entries' worth, a few KB), the decoder and
		// its tables: well under 256 KB whatever the list's length.
		if got > 256<<10 {
			t.Errorf("%d empty changes: %d bytes allocated", n, got)
		}
		if !strings.Contains(strings.Join(warnings, "\n"), "more than 100") {
			t.Errorf("%d empty changes: warnings %q", n, warnings)
		}
	}
	// The same for the hidden layers: a long networkShape is cut unsplit.
	link := "#networkShape=" + strings.Repeat("1,", 100_000)
	if got := allocatedBy(func() { DecodeLink(link) }); got > 256<<10 {
		t.Errorf("a 100,000-layer networkShape: %d bytes allocated", got)
	}
}

// Known keys are read however many unknown ones come first; the warnings
// say what was done to the settings first and count the rest by kind.
func TestDecodeNeverDropsAKnownKey(t *testing.T) {
	var b strings.Builder
	b.WriteByte('#')
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&b, "j%d=1&", i)
	}
	b.WriteString("learningRate=0.5&rules=fa,dfa&noise=99")
	c, warnings := DecodeLink(b.String())
	if c.LearningRate != 0.5 || c.Rules != [2]string{"fa", "dfa"} || c.Noise != 50 {
		t.Errorf("learningRate %v, rules %v, noise %d: known keys after 200 pairs were dropped", c.LearningRate, c.Rules, c.Noise)
	}
	if len(warnings) != maxLinkWarnings+1 {
		t.Fatalf("%d warnings, want %d and a summary: %q", len(warnings), maxLinkWarnings, warnings)
	}
	if !strings.HasPrefix(warnings[0], `noise "99" is more than 50`) {
		t.Errorf("first warning %q, want the clamped noise", warnings[0])
	}
	if last := warnings[len(warnings)-1]; last != "… and 181 more: 181 unknown keys" {
		t.Errorf("summary %q", last)
	}
}

// The hash's length is capped before it is split, and the warning saying
// so comes first.
func TestDecodeCapsTheHash(t *testing.T) {
	link := "#learningRate=0.5&seed=" + strings.Repeat("x", maxLinkBytes) + "&noise=10"
	c, warnings := DecodeLink(link)
	if c.LearningRate != 0.5 || c.Noise != 0 {
		t.Errorf("learningRate %v noise %d", c.LearningRate, c.Noise)
	}
	if len(warnings) == 0 || !strings.HasPrefix(warnings[0], fmt.Sprintf("link is %d bytes, more than %d", len(link)-1, maxLinkBytes)) {
		t.Errorf("warnings %q", warnings)
	}
}

// A lookalike or invisible character is shown as its code point.
func TestWarningsShowCodePoints(t *testing.T) {
	for link, want := range map[string]string{
		"#dataset=сircle":            `dataset "[U+0441]ircle" is not one of`,
		"#dataset=circle%E2%80%8B":   `dataset "circle[U+200B]" is not one of`,
		"#activation=t%D0%B0nh":      `activation "t[U+0430]nh" is not one of`,
		"#v=%EF%BC%91":               `link version "[U+FF11]" is not 1`,
		"#rules=bp,%D1%81hl":         `rules: unknown rule "[U+0441]hl"`,
		"#seed=a%00b":                `seed "a\x00b" has a control character`,
		"#%D1%81hanges=1~settle~100": `unknown key "[U+0441]hanges" ignored`,
	} {
		_, warnings := DecodeLink(link)
		if len(warnings) == 0 || !strings.HasPrefix(warnings[0], want) {
			t.Errorf("%s: warnings %q, want %q…", link, warnings, want)
		}
	}
}
