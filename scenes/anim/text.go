package anim

import (
	"math"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"propagate/assets"
)

// Text is measured with the Go fonts exactly as scenes sets it
// (font.MeasureString on faces of the same fonts and sizes as its
// font.Drawer's), so a layout measured here, without a screen, is what
// scenes draws. Sizes are in screen pixels.

var (
	fontOnce            sync.Once
	regularSrc, boldSrc *opentype.Font
	faceMu              sync.Mutex
	faces               = map[textKey]font.Face{} // for measuring (a face is not safe for concurrent use)
)

func loadFonts() {
	var err error
	if regularSrc, err = opentype.Parse(assets.GoRegular); err != nil {
		panic("scenes: Go Regular: " + err.Error())
	}
	if boldSrc, err = opentype.Parse(assets.GoBold); err != nil {
		panic("scenes: Go Bold: " + err.Error())
	}
}

// FaceSize rounds a size to a quarter pixel, so face caches stay small.
func FaceSize(size float64) float64 { return math.Max(1, math.Round(size*4)/4) }

// NewFace is a new Go font face of the given size (rounded by FaceSize),
// for a drawer that needs one of its own.
func NewFace(size float64, bold bool) font.Face {
	fontOnce.Do(loadFonts)
	src := regularSrc
	if bold {
		src = boldSrc
	}
	xf, err := opentype.NewFace(src, &opentype.FaceOptions{Size: FaceSize(size), DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("scenes: face: " + err.Error())
	}
	return xf
}

// measure runs f with the measuring face of the given size, under the lock.
func measure[T any](size float64, bold bool, f func(font.Face) T) T {
	k := textKey{"", FaceSize(size), bold}
	faceMu.Lock()
	defer faceMu.Unlock()
	face, ok := faces[k]
	if !ok {
		face = NewFace(size, bold)
		faces[k] = face
	}
	return f(face)
}

// fixedToFloat is a 26.6 fixed-point value in pixels.
func fixedToFloat(x fixed.Int26_6) float64 { return float64(x) / 64 }

// TextWidth is the advance of s in the face of the given size. Widths are
// remembered: layout and drawing ask for the same strings every frame, and
// shaping one costs far more than a map lookup.
// Rich text (x_k, A_{R−P}) is measured as drawn, scripts smaller.
func TextWidth(s string, size float64, bold bool) float64 {
	if IsRich(s) {
		if runs := RichRuns(s); len(runs) > 1 || (len(runs) == 1 && runs[0].Script != 0) {
			return RichWidth(s, size, bold)
		}
	}
	k := textKey{s, math.Max(1, math.Round(size*4)/4), bold}
	widthMu.Lock()
	w, ok := widths[k]
	widthMu.Unlock()
	if ok {
		return w
	}
	w = measure(size, bold, func(f font.Face) float64 { return fixedToFloat(font.MeasureString(f, s)) })
	widthMu.Lock()
	if len(widths) >= maxWidths {
		clear(widths)
	}
	widths[k] = w
	widthMu.Unlock()
	return w
}

// textKey names a string set in one face.
type textKey struct {
	s    string
	size float64 // rounded as Face rounds it
	bold bool
}

const maxWidths = 8192

var (
	widthMu sync.Mutex
	widths  = map[textKey]float64{}
)

// LineHeight is the distance between baselines of consecutive lines.
func LineHeight(size float64) float64 {
	return measure(size, false, func(f font.Face) float64 {
		m := f.Metrics()
		return math.Ceil(fixedToFloat(m.Ascent) + fixedToFloat(m.Descent) + fixedToFloat(m.Height-m.Ascent-m.Descent))
	})
}

type wrapKey struct {
	textKey
	width float64
}

var (
	wrapMu sync.Mutex
	wraps  = map[wrapKey][]string{}
)

// Wrap breaks s into lines no wider than width, at spaces. A single word
// wider than width gets a line of its own (the caller's test catches it).
// The result is remembered (the caller must not modify it): a panel wraps
// the same caption every frame.
func Wrap(s string, size, width float64, bold bool) []string {
	k := wrapKey{textKey{s, size, bold}, width}
	wrapMu.Lock()
	lines, ok := wraps[k]
	wrapMu.Unlock()
	if ok {
		return lines
	}
	lines = wrap(s, size, width, bold)
	wrapMu.Lock()
	if len(wraps) >= 1024 {
		clear(wraps)
	}
	wraps[k] = lines
	wrapMu.Unlock()
	return lines
}

func wrap(s string, size, width float64, bold bool) []string {
	if !IsRich(s) {
		return measure(size, bold, func(f font.Face) []string { return wrapPlain(f, s, width) })
	}
	return wrapBy(s, width, func(line string) float64 { return TextWidth(line, size, bold) })
}

// wrapBy breaks s into lines at spaces, greedily: each line takes words
// while its width (measured by widthOf) stays within width; a word wider
// than width has a line of its own.
func wrapBy(s string, width float64, widthOf func(string) float64) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && widthOf(try) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// wrapPlain is wrapBy for plain text in the face f: it breaks the lines
// wrapBy breaks, but measures each candidate line by extending the last one's
// advance by the next word's, as font.MeasureString would sum the whole
// line (advances and kerning in 26.6 fixed point, so the sums are the
// same) — a caption's wrap is then one pass over its characters rather
// than a measurement of every prefix.
func wrapPlain(f font.Face, s string, width float64) []string {
	extend := func(adv fixed.Int26_6, prev rune, s string) (fixed.Int26_6, rune) {
		for _, c := range s {
			if prev >= 0 {
				adv += f.Kern(prev, c)
			}
			a, _ := f.GlyphAdvance(c)
			adv, prev = adv+a, c
		}
		return adv, prev
	}
	var lines []string
	line, adv, prev := "", fixed.Int26_6(0), rune(-1)
	for _, w := range strings.Fields(s) {
		if line == "" {
			line = w
			adv, prev = extend(0, -1, w)
			continue
		}
		a, p := extend(adv, prev, " "+w)
		if fixedToFloat(a) > width {
			lines = append(lines, line)
			line = w
			adv, prev = extend(0, -1, w)
			continue
		}
		line, adv, prev = line+" "+w, a, p
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// Fits reports whether s wraps into at most maxLines lines of width, with no
// line wider than width.
func Fits(s string, size, width float64, maxLines int, bold bool) bool {
	lines := Wrap(s, size, width, bold)
	if len(lines) > maxLines {
		return false
	}
	for _, l := range lines {
		if TextWidth(l, size, bold) > width {
			return false
		}
	}
	return true
}

// Ellipsize shortens s with "…" until it fits width on one line.
func Ellipsize(s string, size, width float64, bold bool) string {
	if TextWidth(s, size, bold) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		t := strings.TrimRight(string(r), " ") + "…"
		if TextWidth(t, size, bold) <= width {
			return t
		}
	}
	return ""
}
