package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"propagate/assets"
	"propagate/engine"
)

// lessonView is what the page shows of a lesson: the status and the pane.
type lessonView struct {
	Status status
	Mode   string
	Pane   struct {
		Hidden bool   `json:"hidden"`
		Lesson string `json:"lesson"`
		Title  string `json:"title"`
		Text   string `json:"text"`
		HTML   bool   `json:"html"` // an element the renderer never makes
		Width  float64
	}
}

const lessonViewJS = `(() => {
  const s = window.propagate.status();
  const p = document.getElementById('lesson');
  const t = p.querySelector('.lesson-title');
  const odd = p.querySelector('script, img, iframe, style, [onclick], [onerror]');
  return JSON.stringify({status: JSON.parse(s), mode: JSON.parse(s).mode || '',
    pane: {hidden: p.hidden || getComputedStyle(p).display === 'none', lesson: p.dataset.lesson || '',
      title: t ? t.textContent : '', text: p.textContent, html: !!odd, width: p.getBoundingClientRect().width}});
})()`

func readLessonView(t *testing.T, ctx context.Context) lessonView {
	t.Helper()
	raw := eval[string](t, ctx, lessonViewJS)
	var v struct {
		Status json.RawMessage `json:"status"`
		Mode   string          `json:"mode"`
		Pane   json.RawMessage `json:"pane"`
	}
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatalf("lesson view: %v\n%s", err, raw)
	}
	var lv lessonView
	lv.Status = parseStatus(t, string(v.Status))
	lv.Mode = v.Mode
	if err := json.Unmarshal(v.Pane, &lv.Pane); err != nil {
		t.Fatal(err)
	}
	return lv
}

// sameDemo reports whether the page's link decodes to the lesson's
// settings (the page adds the step it is at).
func sameDemo(pageLink, lessonLink string) (bool, string) {
	got, _ := engine.DecodeLink(pageLink)
	want, _ := engine.DecodeLink(lessonLink)
	got.Step, want.Step = 0, 0
	if reflect.DeepEqual(got, want) {
		return true, ""
	}
	return false, fmt.Sprintf("page %+v\nlesson %+v", got, want)
}

// waitLesson waits until the page shows lesson l: its demo and its text.
func waitLesson(t *testing.T, ctx context.Context, l assets.Lesson) lessonView {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var v lessonView
	for {
		v = readLessonView(t, ctx)
		want, _ := engine.DecodeLink(l.Link)
		same, _ := sameDemo(v.Status.Link, l.Link)
		if same && v.Status.Scene == want.Scene && v.Pane.Lesson == fmt.Sprint(l.N) && !v.Pane.Hidden {
			return v
		}
		if time.Now().After(deadline) {
			_, why := sameDemo(v.Status.Link, l.Link)
			t.Fatalf("lesson %d never showed: scene %q, pane lesson %q hidden %v, link %s\n%s", l.N, v.Status.Scene, v.Pane.Lesson, v.Pane.Hidden, v.Status.Link, why)
		}
		nextFrame(t, ctx)
	}
}

// TestLessons opens lesson 1 from its link, then walks every lesson with
// the pane's Next button in the same page (a page load costs seconds
// here): each lesson's demo is its link's (scene and settings, no
// warning), the pane shows its title, try and notice; a screenshot of each
// goes to out/screenshots/lesson-NN.png. Then Previous, the index, and a
// lesson past the last.
func TestLessons(t *testing.T) {
	ls, err := assets.Lessons()
	if err != nil {
		t.Fatal(err)
	}
	base := serve(t, bundleDir(t))
	ctx := newBrowser(t)
	con := listenConsole(ctx)
	if state, _ := open(t, ctx, base+ls[0].Link); state != "ready" {
		t.Fatalf("page state %q", state)
	}
	for i, l := range ls {
		if i > 0 {
			eval[bool](t, ctx, `(document.querySelector('#lesson .lesson-next').click(), true)`)
		}
		v := waitLesson(t, ctx, l)
		want, _ := engine.DecodeLink(l.Link)
		if len(v.Status.Warnings) > 0 || v.Status.Error != "" {
			t.Errorf("lesson %d: warnings %q, error %q", l.N, v.Status.Warnings, v.Status.Error)
		}
		if want.Scene == "compare" && v.Mode != want.Mode {
			t.Errorf("lesson %d: mode %q, the link says %q", l.N, v.Mode, want.Mode)
		}
		if v.Pane.Title != l.Title {
			t.Errorf("lesson %d: the pane's title is %q, want %q", l.N, v.Pane.Title, l.Title)
		}
		for _, s := range []string{"Try this", "Notice", "Sources", fmt.Sprintf("Lesson %d of %d", l.N, len(ls))} {
			if !strings.Contains(v.Pane.Text, s) {
				t.Errorf("lesson %d: the pane has no %q", l.N, s)
			}
		}
		if v.Pane.HTML {
			t.Errorf("lesson %d: the pane has an element the renderer never makes", l.N)
		}
		if v.Pane.Width < 200 {
			t.Errorf("lesson %d: the pane is %.0f px wide", l.N, v.Pane.Width)
		}
		waitFrames(t, ctx, 30) // let the demo move
		screenshot(t, ctx, fmt.Sprintf("lesson-%02d", l.N))
	}

	// Next is off on the last lesson; Previous goes back one.
	if !eval[bool](t, ctx, `document.querySelector('#lesson .lesson-next').disabled`) {
		t.Error("Next is enabled on the last lesson")
	}
	eval[bool](t, ctx, `(document.querySelector('#lesson .lesson-prev').click(), true)`)
	waitLesson(t, ctx, ls[len(ls)-2])

	// The index opens any lesson.
	eval[bool](t, ctx, `(document.querySelectorAll('#lesson .lesson-index a')[3].click(), true)`)
	waitLesson(t, ctx, ls[3])

	// A lesson past the last: the page says so and offers the first; the
	// link's key is clamped by the codec, not an error.
	eval[bool](t, ctx, `(location.hash = '#v=1&lesson=42&scene=compare', true)`)
	text := waitJS[string](t, ctx, "the pane to say there is no lesson 42", `(() => { const s = document.getElementById('lesson').textContent; return s.includes("no lesson 42") ? s : ""; })()`)
	if !strings.Contains(text, "There is no lesson 42") {
		t.Errorf("lesson 42: the pane says %q", text)
	}
	if p := con.problems(); len(p) > 0 {
		t.Errorf("console problems: %q", p)
	}
}
