// Package assets holds what the page embeds: the lesson texts and the
// canvas's fonts (fonts.go).
//
// A lesson is a small text file, assets/lessons/NN-name.md, in a format
// made for this page (a tiny subset of Markdown, parsed here, rendered by
// web/static/lesson.js with DOM text nodes only):
//
//	# Title
//	link: #v=1&lesson=3&scene=compare&…   the demo the lesson opens
//
//	A paragraph of prose; blank lines separate paragraphs. `code` and
//	formulas inline in backquotes.
//
//	$$ δ_L = (x_L − d) ⊙ f'(a_L)          a displayed formula (one line)
//	try: what to do in the demo           a "try this" block
//	notice: what to see                   a "notice" block
//	cite: 1, 6                            numbers in the reading list
//
// reading-list.md numbers the references the lessons cite.
package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:embed lessons/*.md
var lessonFS embed.FS

// Block kinds of a lesson.
const (
	Paragraph = "p"
	Formula   = "formula"
	Try       = "try"
	Notice    = "notice"
)

// Block is one block of a lesson's text.
type Block struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Citation is one entry of the reading list.
type Citation struct {
	N    int    `json:"n"`
	Text string `json:"text"`
}

// Lesson is one parsed lesson.
type Lesson struct {
	N      int        `json:"n"`
	File   string     `json:"file"`
	Title  string     `json:"title"`
	Link   string     `json:"link"`
	Blocks []Block    `json:"blocks"`
	Cites  []Citation `json:"cites"`
}

var (
	once     sync.Once
	lessons  []Lesson
	readings map[int]string
	loadErr  error
)

func load() {
	readings, loadErr = parseReadingList(mustRead("lessons/reading-list.md"))
	if loadErr != nil {
		return
	}
	names, err := fs.Glob(lessonFS, "lessons/[0-9][0-9]-*.md")
	if err != nil {
		loadErr = err
		return
	}
	slices.Sort(names)
	for i, name := range names {
		l, err := ParseLesson(mustRead(name), readings)
		if err != nil {
			loadErr = fmt.Errorf("%s: %w", name, err)
			return
		}
		l.N, l.File = i+1, name
		lessons = append(lessons, l)
	}
}

func mustRead(name string) string {
	b, err := lessonFS.ReadFile(name)
	if err != nil {
		panic("assets: " + err.Error()) // embedded: cannot be missing
	}
	return string(b)
}

// Lessons returns every lesson, lesson 1 first, or the first parse error.
func Lessons() ([]Lesson, error) {
	once.Do(load)
	return lessons, loadErr
}

// ReadingList is the numbered reading list.
func ReadingList() map[int]string {
	once.Do(load)
	return readings
}

// parseReadingList reads lines "N. text", continued on indented lines.
func parseReadingList(s string) (map[int]string, error) {
	out := map[int]string{}
	last := 0
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if num, rest, ok := strings.Cut(t, ". "); ok && line == strings.TrimLeft(line, " \t") {
			if n, err := strconv.Atoi(num); err == nil {
				out[n] = rest
				last = n
				continue
			}
		}
		if last == 0 {
			return nil, fmt.Errorf("reading list: %q before the first entry", t)
		}
		out[last] += " " + t
	}
	return out, nil
}

// ParseLesson parses one lesson's text; cites are resolved in readings.
func ParseLesson(s string, readings map[int]string) (Lesson, error) {
	var l Lesson
	var para []string
	flush := func() {
		if len(para) > 0 {
			l.Blocks = append(l.Blocks, Block{Paragraph, strings.Join(para, " ")})
			para = nil
		}
	}
	var last *Block // a try/notice block continues on the lines after it
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
			last = nil
		case strings.HasPrefix(t, "# ") && l.Title == "":
			l.Title = strings.TrimSpace(t[2:])
		case strings.HasPrefix(t, "link:"):
			l.Link = strings.TrimSpace(t[len("link:"):])
		case strings.HasPrefix(t, "$$"):
			flush()
			l.Blocks = append(l.Blocks, Block{Formula, strings.TrimSpace(t[2:])})
			last = nil
		case strings.HasPrefix(t, "try:"), strings.HasPrefix(t, "notice:"):
			flush()
			kind, text, _ := strings.Cut(t, ":")
			l.Blocks = append(l.Blocks, Block{kind, strings.TrimSpace(text)})
			last = &l.Blocks[len(l.Blocks)-1]
		case strings.HasPrefix(t, "cite:"):
			flush()
			for _, f := range strings.Split(t[len("cite:"):], ",") {
				n, err := strconv.Atoi(strings.TrimSpace(f))
				if err != nil {
					return l, fmt.Errorf("cite: %q is not a number", f)
				}
				text, ok := readings[n]
				if !ok {
					return l, fmt.Errorf("cite: no reference %d in the reading list", n)
				}
				l.Cites = append(l.Cites, Citation{n, text})
			}
		case last != nil:
			last.Text += " " + t
		default:
			para = append(para, t)
		}
	}
	flush()
	switch {
	case l.Title == "":
		return l, fmt.Errorf("no title (a first line \"# Title\")")
	case l.Link == "":
		return l, fmt.Errorf("no link (a line \"link: #v=1&…\")")
	}
	return l, nil
}

// LessonPage is what the page's lesson pane shows: one lesson, its
// neighbours and the index.
type LessonPage struct {
	Lesson
	Count int          `json:"count"`
	Prev  *IndexEntry  `json:"prev"`
	Next  *IndexEntry  `json:"next"`
	Index []IndexEntry `json:"index"`
	Error string       `json:"error,omitempty"`
}

// IndexEntry is a lesson in the index.
type IndexEntry struct {
	N     int    `json:"n"`
	Title string `json:"title"`
	Link  string `json:"link"`
}

// LessonJSON is lesson n (1-based) as the JSON the lesson pane renders;
// a lesson past the last, or 0, gives the index with an error saying so.
func LessonJSON(n int) string {
	ls, err := Lessons()
	var p LessonPage
	if err != nil {
		p.Error = err.Error()
	}
	p.Count = len(ls)
	for _, l := range ls {
		p.Index = append(p.Index, IndexEntry{l.N, l.Title, l.Link})
	}
	switch {
	case err != nil:
	case n >= 1 && n <= len(ls):
		p.Lesson = ls[n-1]
		if n > 1 {
			p.Prev = &p.Index[n-2]
		}
		if n < len(ls) {
			p.Next = &p.Index[n]
		}
	default:
		p.Error = fmt.Sprintf("There is no lesson %d; the lessons are 1 to %d.", n, len(ls))
		if len(p.Index) > 0 {
			p.Next = &p.Index[0]
		}
	}
	b, _ := json.Marshal(p)
	return string(b)
}
