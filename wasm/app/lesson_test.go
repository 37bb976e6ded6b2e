package app

import (
	"strconv"
	"testing"

	"propagate/assets"
	"propagate/engine"
)

// A bare #lesson=N opens lesson N's own demo — the same settings as the
// lesson's link, which the pane's buttons load — and a link that says more
// than the lesson keeps what it says.
func TestBareLessonOpensItsDemo(t *testing.T) {
	ls, err := assets.Lessons()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		want, _ := engine.DecodeLink(l.Link)
		for _, bare := range []string{"#lesson=" + itoa(l.N), "#v=1&lesson=" + itoa(l.N), "lesson=" + itoa(l.N)} {
			a := NewApp(bare)
			if a.cfg.Link() != want.Link() || len(a.Status().Warnings) > 0 {
				t.Errorf("%s opens %s (warnings %v), want lesson %d's demo %s", bare, a.cfg.Link(), a.Status().Warnings, l.N, l.Link)
			}
		}
	}
	if a := NewApp("#lesson=6&scene=compare"); a.cfg.Scene != "compare" || a.cfg.Lesson != 6 {
		t.Errorf("#lesson=6&scene=compare opened scene %s lesson %d", a.cfg.Scene, a.cfg.Lesson)
	}
	for _, link := range []string{"#lesson=99", "#lesson=0", "#lesson=x", ""} {
		if got := LessonDemo(link); got != link {
			t.Errorf("LessonDemo(%q) = %q", link, got)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
