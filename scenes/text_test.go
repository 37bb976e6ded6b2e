package scenes

import (
	"image"
	"math"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"propagate/scenes/anim"
)

// anim measures text without ebiten; what it measures must be what
// setText draws (a font.Drawer's advance, kerning included), or every
// layout test measures the wrong thing.
func TestAnimMeasuresWhatEbitenDraws(t *testing.T) {
	for _, size := range []float64{9, 11.3, 14, 22.75} {
		for _, bold := range []bool{false, true} {
			for _, s := range []string{"γ^{k−L} factor: on", "output over the input plane", "Δt = t_post − t_pre = −15 ms", "WAVy AVA"} {
				// Rich text (t_post) is drawn run by run, scripts smaller.
				want := 0.0
				for _, r := range anim.RichRuns(s) {
					sz := size
					if r.Script != 0 {
						sz *= anim.ScriptScale
					}
					want += float64(font.MeasureString(Face(sz, bold), r.Text)) / 64
				}
				if got := anim.TextWidth(s, size, bold); got != want {
					t.Errorf("TextWidth(%q, %g, %v) = %g, ebiten %g", s, size, bold, got, want)
				}
			}
			m := Face(size, false).Metrics()
			if got, want := anim.LineHeight(size), math.Ceil(float64(m.Height)/64); got != want {
				t.Errorf("LineHeight(%g) = %g, ebiten %g", size, got, want)
			}
		}
	}
}

// TestSetTextInkFitsItsImage: a text image holds all of its string's ink —
// pad is room enough for descenders, accents and overhangs — at the
// place the font puts it (the line's top at pad, the baseline on a whole
// pixel), in premultiplied white, and nothing else.
func TestSetTextInkFitsItsImage(t *testing.T) {
	var texts []string // plain: drawText sets rich text run by run
	for _, s := range append(anim.AllCaptions([2]string{"bp", "chl"}), "gjpqy ÅÉ Ω", "Δt = t_post − t_pre", "WAVy AVA", "f′(a_L) ⊙ δ", "x⁺y⁺ − x⁻y⁻") {
		if !anim.IsRich(s) {
			texts = append(texts, s)
			continue
		}
		for _, r := range anim.RichRuns(s) {
			texts = append(texts, r.Text)
		}
	}
	for _, size := range []float64{9, 12.75, 16, 22.75} {
		for _, bold := range []bool{false, true} {
			face := Face(size, bold)
			for _, s := range texts {
				w := anim.TextWidth(s, size, bold)
				pad := math.Ceil(anim.FaceSize(size) / 3)
				iw, ih := int(math.Ceil(w+2*pad)), int(math.Ceil(anim.LineHeight(size)+2*pad))
				pix := setText(s, face, pad, iw, ih)
				p := fixed.Int26_6(pad * 64)
				dot := fixed.Point26_6{X: p, Y: (p + face.Metrics().Ascent) &^ 63}
				b, _ := font.BoundString(face, s)
				want := image.Rect((dot.X + b.Min.X).Floor(), (dot.Y + b.Min.Y).Floor(), (dot.X + b.Max.X).Ceil(), (dot.Y + b.Max.Y).Ceil())
				if !want.In(image.Rect(0, 0, iw, ih)) {
					t.Errorf("%q at %g (bold %v): its glyphs span %v, off its %d×%d image", s, size, bold, want, iw, ih)
					continue
				}
				var ink image.Rectangle
				for y := range ih {
					for x := range iw {
						px := pix[4*(y*iw+x):][:4]
						if px[0] != px[3] || px[1] != px[3] || px[2] != px[3] {
							t.Fatalf("%q at %g: pixel (%d, %d) = %v, not premultiplied white", s, size, x, y, px)
						}
						if px[3] != 0 {
							ink = ink.Union(image.Rect(x, y, x+1, y+1))
						}
					}
				}
				if ink.Empty() || !ink.In(want.Inset(-1)) {
					t.Errorf("%q at %g (bold %v): ink at %v, want it within the glyphs' bounds %v", s, size, bold, ink, want)
				}
			}
		}
	}
}
