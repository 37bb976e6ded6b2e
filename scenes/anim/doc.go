// Package anim is what the scenes show, worked out without a screen: the
// explain timeline of a traced step and the frame at any moment of it
// (timeline.go, frame.go), each scene's layout (layout.go, compare_layout.go,
// neuron_layout.go, equivalence_layout.go) on shared screen geometry
// (geom.go), the palette, plot maths and text measurement with the Go fonts
// (text.go; scenes draws with the same faces). It imports no Ebitengine, so
// its tests run without a display.
package anim
