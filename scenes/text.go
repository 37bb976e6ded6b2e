package scenes

import (
	"image/color"
	"math"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"propagate/scenes/anim"
)

// Text is measured by anim (TextWidth, LineHeight, Wrap: the layouts need
// it without a screen) and drawn here through ebiten's text/v2 with faces
// of the same fonts at the same sizes, so a layout test measures exactly
// what Draw draws.

var (
	faceMu sync.Mutex
	faces  = map[faceKey]text.Face{}
)

type faceKey struct {
	bold bool
	size float64
}

// Face returns the (cached) Go font face of the given size for drawing;
// sizes are rounded as anim rounds them.
func Face(size float64, bold bool) text.Face {
	size = anim.FaceSize(size)
	k := faceKey{bold, size}
	faceMu.Lock()
	defer faceMu.Unlock()
	if f, ok := faces[k]; ok {
		return f
	}
	f := text.NewGoXFace(anim.NewFace(size, bold))
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
