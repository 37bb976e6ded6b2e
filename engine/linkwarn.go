package engine

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A link's warnings must tell the whole story in a few lines: what was done
// to the settings comes first, and when there are many, the rest is
// summarised by kind rather than cut. Each kind keeps at most
// maxLinkWarnings messages (a hostile link cannot fill memory with them)
// and counts the others.

// warnKind orders warnings: a lower kind is shown first.
type warnKind uint8

const (
	// warnSetting: a setting was clamped, cut, reduced or replaced by its
	// default — the demo differs from what the link says. Always first.
	warnSetting  warnKind = iota
	warnRepeated          // a key given more than once (the last is used)
	warnUnknown           // a key this page does not know, ignored
	warnKinds
)

// warnKindNames name the kinds in the summary line, singular and plural.
var warnKindNames = [warnKinds][2]string{
	warnSetting:  {"setting changed", "settings changed"},
	warnRepeated: {"repeated key", "repeated keys"},
	warnUnknown:  {"unknown key", "unknown keys"},
}

// linkWarnings collects one decode's warnings.
type linkWarnings struct {
	kept  [warnKinds][]string
	count [warnKinds]int
}

// add records a warning of kind, formatting it only if it may be shown.
func (w *linkWarnings) add(kind warnKind, format string, args ...any) {
	w.count[kind]++
	if len(w.kept[kind]) < maxLinkWarnings {
		w.kept[kind] = append(w.kept[kind], fmt.Sprintf(format, args...))
	}
}

// any reports whether a warning was recorded; first returns the first
// (for a sub-decoder's "has a bad value: …").
func (w *linkWarnings) any() bool { return w.total() > 0 }

func (w *linkWarnings) first() string {
	for _, k := range w.kept {
		if len(k) > 0 {
			return k[0]
		}
	}
	return ""
}

func (w *linkWarnings) total() int {
	n := 0
	for _, c := range w.count {
		n += c
	}
	return n
}

// list returns at most maxLinkWarnings warnings, by kind and in the order
// they came within a kind, and, when some are left out, one line that
// counts them by kind: "… and 181 more: 180 unknown keys, 1 repeated key".
func (w *linkWarnings) list() []string {
	if w.total() == 0 {
		return nil
	}
	var out []string
	var left [warnKinds]int
	for k := range warnKinds {
		shown := 0
		for _, m := range w.kept[k] {
			if len(out) < maxLinkWarnings {
				out = append(out, m)
				shown++
			}
		}
		left[k] = w.count[k] - shown
	}
	more := 0
	var parts []string
	for k := range warnKinds {
		if left[k] > 0 {
			more += left[k]
			name := warnKindNames[k][1]
			if left[k] == 1 {
				name = warnKindNames[k][0]
			}
			parts = append(parts, fmt.Sprintf("%d %s", left[k], name))
		}
	}
	if more > 0 {
		out = append(out, fmt.Sprintf("… and %d more: %s", more, strings.Join(parts, ", ")))
	}
	return out
}

// quote quotes a user's value for a warning, cut to maxQuotedRunes so a
// 100 KB value gives a short line. It escapes as strconv.Quote does
// (control characters, invalid bytes), and writes every other character
// that is not ASCII as its code point, [U+0441]: a Cyrillic с in "сircle"
// or a zero-width space would otherwise look like a valid value.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	n := 0
	for i := 0; i < len(s); n++ {
		if n == maxQuotedRunes {
			b.WriteString("…")
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= utf8.RuneSelf && size > 1 {
			fmt.Fprintf(&b, "[U+%04X]", r)
		} else {
			q := strconv.Quote(s[i : i+size])
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// MaxLinkBytes is the longest hash DecodeLink reads; the rest is ignored,
// with a warning.
const MaxLinkBytes = maxLinkBytes
