package anim

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"propagate/assets"
	"propagate/engine"
)

// sourceRunes is every character of every string and rune literal in the
// non-test Go sources of the packages whose text reaches the canvas.
func sourceRunes(t *testing.T) map[rune]string {
	t.Helper()
	runes := map[rune]string{}
	fset := token.NewFileSet()
	for _, root := range []string{"..", "../../engine", "../../wasm/app"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "cmd" || d.Name() == "testdata") {
				return filepath.SkipDir // the CLI prints to a terminal
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || (lit.Kind != token.STRING && lit.Kind != token.CHAR) {
					return true
				}
				s := lit.Value
				if lit.Kind == token.CHAR {
					r, _, _, err := strconv.UnquoteChar(s[1:len(s)-1], '\'')
					if err == nil {
						s = string(r)
					}
				} else if u, err := strconv.Unquote(s); err == nil {
					s = u
				}
				for _, r := range s {
					if _, seen := runes[r]; !seen && r >= 0x20 && r != 0x7f && r != 0xfffd {
						runes[r] = fset.Position(lit.Pos()).String()
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(runes) < 60 {
		t.Fatalf("found only %d characters in the sources: is the walk reading them?", len(runes))
	}
	return runes
}

// The subset fonts (scripts/subsetfonts.sh) hold a glyph for every
// character a string in the sources can put on the canvas that the full Go
// fonts have (the others, logged, were never drawable).
func TestFontsHaveEveryGlyphTheSourcesUse(t *testing.T) {
	runes := sourceRunes(t)
	for _, fonts := range []struct {
		name      string
		sub, full []byte
	}{{"Go-Regular", assets.GoRegular, goregular.TTF}, {"Go-Bold", assets.GoBold, gobold.TTF}} {
		f, err := sfnt.Parse(fonts.sub)
		if err != nil {
			t.Fatalf("%s: %v", fonts.name, err)
		}
		full, err := sfnt.Parse(fonts.full)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for r, where := range runes {
			if g, err := full.GlyphIndex(&buf, r); err != nil || g == 0 {
				t.Logf("%q (U+%04X, used at %s) is in no Go font", r, r, where)
				continue
			}
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				t.Errorf("%s has no glyph for %q (U+%04X, used at %s): add its block to scripts/subsetfonts.sh and run it", fonts.name, r, r, where)
			}
		}
	}
}

// Subsetting keeps the metrics: every character the sources use advances
// as in the full Go fonts, so layouts measure what they did.
func TestSubsetFontsMeasureAsTheFullFonts(t *testing.T) {
	runes := sourceRunes(t)
	for _, fonts := range [][2][]byte{{assets.GoRegular, goregular.TTF}, {assets.GoBold, gobold.TTF}} {
		sub, err := sfnt.Parse(fonts[0])
		if err != nil {
			t.Fatal(err)
		}
		full, err := sfnt.Parse(fonts[1])
		if err != nil {
			t.Fatal(err)
		}
		var b1, b2 sfnt.Buffer
		const ppem = fixed.Int26_6(13 * 64)
		for r := range runes {
			g1, _ := sub.GlyphIndex(&b1, r)
			g2, _ := full.GlyphIndex(&b2, r)
			if g1 == 0 || g2 == 0 {
				continue // the glyph test reports it
			}
			a1, err1 := sub.GlyphAdvance(&b1, g1, ppem, font.HintingNone)
			a2, err2 := full.GlyphAdvance(&b2, g2, ppem, font.HintingNone)
			if err1 != nil || err2 != nil || a1 != a2 {
				t.Errorf("%q advances %v in the subset, %v in the full font (%v, %v)", r, a1, a2, err1, err2)
			}
		}
	}
}

// Every text of the rule registry the canvas draws — labels, the legend's
// line, the local term, every phase's caption — has a glyph for each of its
// characters in both subset fonts: a character no Go font has would be drawn
// as an empty box (the clamp caption's "Wᵀ" was).
func TestRuleTextsHaveGlyphs(t *testing.T) {
	for _, fonts := range []struct {
		name string
		ttf  []byte
	}{{"Go-Regular", assets.GoRegular}, {"Go-Bold", assets.GoBold}} {
		f, err := sfnt.Parse(fonts.ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for _, r := range engine.Rules() {
			texts := []string{r.Label, r.Short, r.What, r.Hebbian}
			for _, ph := range r.Phases {
				short, long := r.Caption(ph, 1, 2)
				texts = append(texts, short, long)
			}
			for _, s := range texts {
				for _, c := range Plain(s) {
					if g, err := f.GlyphIndex(&buf, c); err != nil || g == 0 {
						t.Errorf("%s: rule %s draws %q (U+%04X) in %q, and the font has no glyph for it", fonts.name, r.Name, c, c, s)
					}
				}
			}
		}
	}
}
