package scenes

import (
	"image"
	"image/color"
	"math"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"propagate/scenes/anim"
)

// Text is measured by anim (TextWidth, LineHeight, Wrap: the layouts need
// it without a screen) and set here with faces of the same fonts at the
// same sizes, so a layout test measures exactly what Draw draws.

var (
	faceMu sync.Mutex
	faces  = map[faceKey]font.Face{}
)

type faceKey struct {
	bold bool
	size float64
}

// Face returns the (cached) Go font face of the given size that text is
// set in; sizes are rounded as anim rounds them.
func Face(size float64, bold bool) font.Face {
	size = anim.FaceSize(size)
	k := faceKey{bold, size}
	faceMu.Lock()
	defer faceMu.Unlock()
	if f, ok := faces[k]; ok {
		return f
	}
	f := anim.NewFace(size, bold)
	faces[k] = f
	return f
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

// textKey names a string set in one face.
type textKey struct {
	s    string
	size float64 // rounded by anim.FaceSize
	bold bool
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
	size = anim.FaceSize(size)
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
	w := anim.TextWidth(s, size, bold)
	pad := math.Ceil(size / 3)
	iw, ih := int(math.Ceil(w+2*pad)), int(math.Ceil(anim.LineHeight(size)+2*pad))
	iw, ih = max(1, iw), max(1, ih)
	e := &textImage{img: ebiten.NewImage(iw, ih), w: w, pad: pad, last: now}
	e.img.WritePixels(setText(s, face, pad, iw, ih))
	textImages[k] = e
	return e
}

// textPix is the scratch image text is set into.
var textPix []byte

// setText sets s in white on transparent, as premultiplied RGBA (what
// WritePixels takes), into an iw×ih image with its line's top-left at
// (pad, pad): the baseline on the whole pixel at or above pad + ascent,
// where ebiten's text/v2 puts it, and every glyph at its exact sub-pixel
// position. The image is valid until the next call.
//
// ebiten's text/v2 draws a string glyph by glyph from images it
// rasterises once per glyph and per sub-pixel offset, up to 8 of them
// for a face under 20 pixels; the page's first frame rasterised and
// packed hundreds of glyph images that way (in a profile, 40–50 ms each
// for the glyphs' bounds and their atlas places). A text image is set
// once and drawn from the cache after.
func setText(s string, face font.Face, pad float64, iw, ih int) []byte {
	n := 4 * iw * ih
	if cap(textPix) < n {
		textPix = make([]byte, n)
	}
	pix := textPix[:n]
	clear(pix)
	p := fixed.Int26_6(pad * 64)
	d := font.Drawer{
		Dst:  &image.RGBA{Pix: pix, Stride: 4 * iw, Rect: image.Rect(0, 0, iw, ih)},
		Src:  image.White,
		Face: face,
		Dot:  fixed.Point26_6{X: p, Y: (p + face.Metrics().Ascent) &^ 63},
	}
	d.DrawString(s)
	return pix
}

// drawText draws s with its line's top-left (or top-centre, top-right) at
// p, from the text image cache. rightAligned is kept for call sites that
// predate align.
func drawText(dst *ebiten.Image, s string, p anim.Point, size float64, bold bool, col color.NRGBA, rightAligned bool, align ...textAlign) {
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
	if anim.IsRich(s) {
		if runs := anim.RichRuns(s); len(runs) > 1 || runs[0].Script != 0 {
			drawRich(dst, s, runs, p, size, bold, col, a)
			return
		}
	}
	if len(shown) >= 4096 { // nobody takes them: stay bounded
		shown = shown[:0]
	}
	shown = append(shown, s)
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

// drawRich draws text with sub- and superscripts (anim.RichRuns): scripts
// smaller, below or above the line.
func drawRich(dst *ebiten.Image, s string, runs []anim.RichRun, p anim.Point, size float64, bold bool, col color.NRGBA, a textAlign) {
	w := anim.RichWidth(s, size, bold)
	x := p.X
	switch a {
	case alignCenter:
		x -= w / 2
	case alignEnd:
		x -= w
	}
	mark := len(shown)
	for _, r := range runs {
		sz, dy := size, 0.0
		switch r.Script {
		case -1:
			sz, dy = size*anim.ScriptScale, 0.42*size
		case 1:
			sz, dy = size*anim.ScriptScale, -0.12*size
		}
		drawText(dst, r.Text, anim.Point{X: x, Y: p.Y + dy}, sz, bold, col, false)
		x += anim.TextWidth(r.Text, sz, bold)
	}
	shown = append(shown[:mark], anim.Plain(s)) // read as one text
}

// shown is the text drawn since the last TakeShown, as it reads: what
// status().texts reports.
var shown []string

// TakeShown returns the texts drawn since the last call (the last frame,
// when the game calls it after Draw) and starts a new list.
func TakeShown() []string {
	out := append([]string(nil), shown...)
	shown = shown[:0]
	return out
}
