package scenes

import (
	"bytes"
	"math"
	"strings"
	"sync"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Text is measured and drawn with the Go fonts through ebiten's text/v2, so
// a layout test measures exactly what Draw will draw. Sizes are in screen
// pixels.

var (
	fontOnce            sync.Once
	regularSrc, boldSrc *text.GoTextFaceSource
	faceMu              sync.Mutex
	faces               = map[faceKey]*text.GoTextFace{}
)

type faceKey struct {
	bold bool
	size float64
}

func loadFonts() {
	var err error
	if regularSrc, err = text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF)); err != nil {
		panic("scenes: Go Regular: " + err.Error())
	}
	if boldSrc, err = text.NewGoTextFaceSource(bytes.NewReader(gobold.TTF)); err != nil {
		panic("scenes: Go Bold: " + err.Error())
	}
}

// Face returns the (cached) Go font face of the given size; sizes are
// rounded to a quarter pixel so the cache stays small.
func Face(size float64, bold bool) *text.GoTextFace {
	fontOnce.Do(loadFonts)
	size = math.Max(1, math.Round(size*4)/4)
	k := faceKey{bold, size}
	faceMu.Lock()
	defer faceMu.Unlock()
	if f, ok := faces[k]; ok {
		return f
	}
	src := regularSrc
	if bold {
		src = boldSrc
	}
	f := &text.GoTextFace{Source: src, Size: size}
	faces[k] = f
	return f
}

// TextWidth is the advance of s in the face of the given size.
func TextWidth(s string, size float64, bold bool) float64 {
	return text.Advance(s, Face(size, bold))
}

// LineHeight is the distance between baselines of consecutive lines.
func LineHeight(size float64) float64 {
	m := Face(size, false).Metrics()
	return math.Ceil(m.HAscent + m.HDescent + m.HLineGap)
}

// Wrap breaks s into lines no wider than width, at spaces. A single word
// wider than width gets a line of its own (the caller's test catches it).
func Wrap(s string, size, width float64, bold bool) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && TextWidth(try, size, bold) > width {
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
