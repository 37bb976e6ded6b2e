package scenes

import (
	"image/color"
	"math"
	"strings"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// Text is measured and drawn with the Go fonts through ebiten's text/v2, so
// a layout test measures exactly what Draw will draw. Sizes are in screen
// pixels.

var (
	fontOnce            sync.Once
	regularSrc, boldSrc *opentype.Font
	faceMu              sync.Mutex
	faces               = map[faceKey]text.Face{}
)

type faceKey struct {
	bold bool
	size float64
}

func loadFonts() {
	var err error
	if regularSrc, err = opentype.Parse(goregular.TTF); err != nil {
		panic("scenes: Go Regular: " + err.Error())
	}
	if boldSrc, err = opentype.Parse(gobold.TTF); err != nil {
		panic("scenes: Go Bold: " + err.Error())
	}
}

// Face returns the (cached) Go font face of the given size; sizes are
// rounded to a quarter pixel so the cache stays small.
func Face(size float64, bold bool) text.Face {
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
	xf, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("scenes: face: " + err.Error())
	}
	f := text.NewGoXFace(xf)
	faces[k] = f
	return f
}

// TextWidth is the advance of s in the face of the given size. Widths are
// remembered: layout and drawing ask for the same strings every frame, and
// shaping one costs far more than a map lookup.
func TextWidth(s string, size float64, bold bool) float64 {
	k := textKey{s, math.Max(1, math.Round(size*4)/4), bold}
	widthMu.Lock()
	w, ok := widths[k]
	widthMu.Unlock()
	if ok {
		return w
	}
	w = text.Advance(s, Face(size, bold))
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
	m := Face(size, false).Metrics()
	return math.Ceil(m.HAscent + m.HDescent + m.HLineGap)
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

// Text images: each string is set once, in white, into an image of its
// own, and a frame draws it with one DrawImage tinted to its colour, rather
// than shaping it and drawing every glyph again. Strings not drawn for a
// while are dropped.
type textImage struct {
	img  *ebiten.Image
	w    float64 // the advance
	pad  float64 // the image's margin around the line box
	last int64   // the tick it was last drawn
}

var textImages = map[textKey]*textImage{}

// textKeep is how many ticks an unused text image survives once the cache
// is big: long enough for a label that blinks, short enough that a
// counter's old values go.
const (
	textKeep      = 90
	textCacheSoft = 256
)

var (
	textSwept int64 = -1
	textClock int64 // advanced once per drawn frame by tickText
)

// tickText marks a new frame for the text image cache.
func tickText() { textClock++ }

func cachedText(s string, size float64, bold bool) *textImage {
	size = math.Max(1, math.Round(size*4)/4)
	k := textKey{s, size, bold}
	now := textClock
	if e, ok := textImages[k]; ok {
		e.last = now
		return e
	}
	if len(textImages) >= textCacheSoft && textSwept != now {
		textSwept = now
		for k, e := range textImages {
			// A scene that never ticks the clock still stays bounded.
			if now-e.last > textKeep || len(textImages) >= 4*textCacheSoft {
				e.img.Deallocate()
				delete(textImages, k)
			}
		}
	}
	face := Face(size, bold)
	w := TextWidth(s, size, bold)
	pad := math.Ceil(size / 3)
	iw, ih := int(math.Ceil(w+2*pad)), int(math.Ceil(LineHeight(size)+2*pad))
	e := &textImage{img: ebiten.NewImage(max(1, iw), max(1, ih)), w: w, pad: pad, last: now}
	op := &text.DrawOptions{}
	op.GeoM.Translate(pad, pad)
	text.Draw(e.img, s, face, op)
	textImages[k] = e
	return e
}

// drawText draws s with its line's top-left (or top-centre, top-right) at
// p, from the text image cache. rightAligned is kept for call sites that
// predate align.
func drawText(dst *ebiten.Image, s string, p Point, size float64, bold bool, col color.NRGBA, rightAligned bool, align ...textAlign) {
	if s == "" {
		return
	}
	a := alignStart
	if rightAligned {
		a = alignEnd
	}
	if len(align) > 0 {
		a = align[0]
	}
	e := cachedText(s, size, bold)
	x := math.Round(p.X)
	switch a {
	case alignCenter:
		x -= math.Round(e.w / 2)
	case alignEnd:
		x -= math.Round(e.w)
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(x-e.pad, math.Round(p.Y)-e.pad)
	op.ColorScale.ScaleWithColor(col)
	dst.DrawImage(e.img, op)
}

type textAlign uint8

const (
	alignStart textAlign = iota
	alignCenter
	alignEnd
)
