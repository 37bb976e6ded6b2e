package main

import (
	"propagate/engine"
	"propagate/scenes"
)

// The lesson scenes and the lesson pane's room on the canvas. The lesson
// texts live in assets/ and reach the page through window.propagate.lesson
// (lesson_js.go); the pane itself is web/static/lesson.js.

// lessonScene builds the scene a link asks for when it is one of the
// lesson scenes (neuron, equivalence); ok is false for the compare scene.
func lessonScene(cfg engine.Config) (s scene, ok bool) {
	switch cfg.Scene {
	case "neuron":
		return scenes.NewNeuron(cfg), true
	case "equivalence":
		return scenes.NewEquivalence(cfg), true
	}
	return nil, false
}

// sceneNameOf is the name status().scene reports for s: the link's names.
func sceneNameOf(s scene) string {
	switch s.(type) {
	case *scenes.Neuron:
		return "neuron"
	case *scenes.Equivalence:
		return "equivalence"
	case *scenes.Compare:
		return "compare"
	}
	return "placeholder"
}

// lessonArea takes the lesson pane's room out of area: a column on the
// left of a wide window, a sheet under the title bar of a narrow one.
// left and top are the pane's right and bottom edges in CSS pixels (0: no
// pane there).
func lessonArea(area scenes.Rect, left, top, scale, margin float64) scenes.Rect {
	if left > 0 {
		area.Min.X = max(area.Min.X, (left+margin)*scale)
	}
	if top > 0 {
		area.Min.Y = max(area.Min.Y, (top+margin)*scale)
	}
	if area.Max.X-area.Min.X < 40*scale || area.Max.Y-area.Min.Y < 40*scale {
		return scenes.Rect{} // the caller keeps its own area
	}
	return area
}
