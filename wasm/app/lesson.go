package app

import (
	"propagate/scenes/anim"
)

// The lesson pane's room on the canvas. The lesson texts live in assets/
// and reach the page through window.propagate.lesson (wasm/lesson_js.go);
// the pane itself is web/static/lesson.js.

// lessonArea takes the lesson pane's room out of area: a column on the
// left of a wide window, a sheet under the title bar of a narrow one.
// left and top are the pane's right and bottom edges in CSS pixels (0: no
// pane there).
func lessonArea(area anim.Rect, left, top, scale, margin float64) anim.Rect {
	if left > 0 {
		area.Min.X = max(area.Min.X, (left+margin)*scale)
	}
	if top > 0 {
		area.Min.Y = max(area.Min.Y, (top+margin)*scale)
	}
	if area.Max.X-area.Min.X < 40*scale || area.Max.Y-area.Min.Y < 40*scale {
		return anim.Rect{} // the caller keeps its own area
	}
	return area
}
