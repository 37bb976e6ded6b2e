package app

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"propagate/engine"
	"propagate/scenes/anim"
)

// TestOpaqueExport: a transparent or half-covered pixel of the canvas is
// laid over the background, so the exported picture is opaque (issue 15).
func TestOpaqueExport(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 1))
	copy(img.Pix, []byte{
		0, 0, 0, 0, // nothing drawn
		100, 50, 0, 128, // half-covered, premultiplied
		10, 20, 30, 255, // drawn
	})
	bg := color.NRGBA{0x12, 0x16, 0x1f, 0xff}
	opaque(img, bg)
	want := []byte{0x12, 0x16, 0x1f, 255, 100 + 9, 50 + 11, 0 + 15, 255, 10, 20, 30, 255}
	for i := range want {
		if img.Pix[i] != want[i] {
			t.Fatalf("pixels %v, want %v", img.Pix, want)
		}
	}
}

// TestSceneSettingsReachTheLink: what a lesson scene's own controls set
// joins the link and status().config; layout boxes are in CSS pixels.
func TestSceneSettingsReachTheLink(t *testing.T) {
	a := NewApp("#scene=neuron&dt=10")
	v := anim.View{
		Boxes:    map[string]anim.Rect{"slider": {Min: anim.Point{X: 20, Y: 40}, Max: anim.Point{X: 220, Y: 60}}},
		Settings: func(c *engine.Config) { c.DeltaT, c.BiPoo = -77, true },
	}
	a.SetView(v, 2)
	st := a.Status()
	if st.Config["dt"] != "-77" || st.Config["biPoo"] != "true" || !strings.Contains(st.Link, "dt=-77") || !strings.Contains(st.Link, "biPoo=true") {
		t.Errorf("after the scene set Δt and the window: config dt=%s biPoo=%s, link %s", st.Config["dt"], st.Config["biPoo"], st.Link)
	}
	if got := st.Layout["slider"]; got != [4]float64{10, 20, 110, 30} {
		t.Errorf("slider box %v, want it in CSS pixels", got)
	}
	if _, reset := a.Tick(1); reset {
		t.Error("a scene's own setting started the page over")
	}
}
