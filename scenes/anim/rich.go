package anim

import (
	"strings"
	"unicode"
)

// Rich text: the scenes write sub- and superscripts as the lessons do,
// x_k, x_{k+1}, x^β, γ^{k−L}, and draw them as scripts, so no literal _ or
// ^ reaches the screen (A_{R−P}, t_{post}).

// RichRun is a piece of rich text: plain (Script 0), a subscript (−1) or a
// superscript (+1).
type RichRun struct {
	Text   string
	Script int
}

// ScriptScale is a script's size relative to the text around it.
const ScriptScale = 0.72

// IsRich reports whether s holds script markup.
func IsRich(s string) bool { return strings.ContainsAny(s, "_^") }

// RichRuns splits s into runs: _{…} and ^{…} mark a script of any text,
// _x and ^x one of letters and digits.
func RichRuns(s string) []RichRun {
	var out []RichRun
	plain := func(t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Script == 0 {
			out[n-1].Text += t
			return
		}
		out = append(out, RichRun{t, 0})
	}
	for {
		i := strings.IndexAny(s, "_^")
		if i < 0 {
			plain(s)
			return out
		}
		plain(s[:i])
		script := -1
		if s[i] == '^' {
			script = 1
		}
		rest := s[i+1:]
		var body string
		switch {
		case strings.HasPrefix(rest, "{"):
			j := strings.IndexByte(rest, '}')
			if j < 0 {
				plain(s[i:])
				return out
			}
			body, rest = rest[1:j], rest[j+1:]
		default:
			j := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if j < 0 {
				j = len(rest)
			}
			body, rest = rest[:j], rest[j:]
		}
		if body == "" {
			plain(s[i : i+1]) // a lone mark stays as typed
		} else {
			out = append(out, RichRun{body, script})
		}
		s = rest
	}
}

// RichWidth is the advance of rich text s.
func RichWidth(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range RichRuns(s) {
		sz := size
		if r.Script != 0 {
			sz = size * ScriptScale
		}
		w += TextWidth(r.Text, sz, bold) // a run holds no script: measured plain
	}
	return w
}
