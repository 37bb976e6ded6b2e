package assets_test

import (
	"encoding/json"
	"strings"
	"testing"

	"propagate/assets"
	"propagate/engine"
)

func TestEveryLesson(t *testing.T) {
	ls, err := assets.Lessons()
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) < 8 || len(ls) > 12 {
		t.Fatalf("%d lessons, want 8 to 12", len(ls))
	}
	for _, l := range ls {
		count := map[string]int{}
		for _, b := range l.Blocks {
			count[b.Kind]++
			if strings.TrimSpace(b.Text) == "" {
				t.Errorf("lesson %d: an empty %s block", l.N, b.Kind)
			}
		}
		for _, kind := range []string{assets.Paragraph, assets.Try, assets.Notice} {
			if count[kind] == 0 {
				t.Errorf("lesson %d (%s) has no %s block", l.N, l.File, kind)
			}
		}
		if l.Title == "" || len(l.Cites) == 0 {
			t.Errorf("lesson %d: title %q, %d citations", l.N, l.Title, len(l.Cites))
		}
		cfg, warnings := engine.DecodeLink(l.Link)
		if len(warnings) > 0 {
			t.Errorf("lesson %d: its link %s gives warnings %q", l.N, l.Link, warnings)
		}
		if cfg.Lesson != l.N {
			t.Errorf("lesson %d: its link says lesson=%d", l.N, cfg.Lesson)
		}
		if !strings.HasPrefix(l.Link, "#v=1&") {
			t.Errorf("lesson %d: link %q does not start with #v=1&", l.N, l.Link)
		}
	}
}

func TestParseLesson(t *testing.T) {
	reads := map[int]string{1: "Rojas 1996", 6: "Xie & Seung 2003"}
	l, err := assets.ParseLesson("# A title\nlink: #v=1&lesson=3\n\nOne line\nand its continuation.\n\n$$ x = f(Wx)\ntry: do this\nand this.\nnotice: see that\ncite: 1, 6\n", reads)
	if err != nil {
		t.Fatal(err)
	}
	want := []assets.Block{{Kind: "p", Text: "One line and its continuation."}, {Kind: "formula", Text: "x = f(Wx)"}, {Kind: "try", Text: "do this and this."}, {Kind: "notice", Text: "see that"}}
	if l.Title != "A title" || l.Link != "#v=1&lesson=3" || len(l.Blocks) != len(want) || len(l.Cites) != 2 || l.Cites[1].Text != "Xie & Seung 2003" {
		t.Fatalf("parsed %+v", l)
	}
	for i, b := range want {
		if l.Blocks[i] != b {
			t.Errorf("block %d: %+v, want %+v", i, l.Blocks[i], b)
		}
	}
	for _, bad := range []string{"link: #v=1\n", "# T\n", "# T\nlink: #v=1\ncite: 99\n", "# T\nlink: #v=1\ncite: x\n"} {
		if _, err := assets.ParseLesson(bad, reads); err == nil {
			t.Errorf("ParseLesson(%q) accepted", bad)
		}
	}
}

func TestLessonJSON(t *testing.T) {
	var p struct {
		N     int    `json:"n"`
		Title string `json:"title"`
		Count int    `json:"count"`
		Prev  *struct{ N int }
		Next  *struct{ N int }
		Index []struct{ N int }
		Error string
	}
	if err := json.Unmarshal([]byte(assets.LessonJSON(2)), &p); err != nil {
		t.Fatal(err)
	}
	if p.N != 2 || p.Title == "" || p.Prev == nil || p.Prev.N != 1 || p.Next == nil || p.Next.N != 3 || len(p.Index) != p.Count || p.Error != "" {
		t.Errorf("LessonJSON(2) = %+v", p)
	}
	p.Prev, p.Next = nil, nil
	if err := json.Unmarshal([]byte(assets.LessonJSON(99)), &p); err != nil {
		t.Fatal(err)
	}
	if p.Error == "" || p.Next == nil || p.Next.N != 1 {
		t.Errorf("LessonJSON(99) = %+v", p)
	}
}
