package e2e

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"propagate/engine"
	"propagate/scenes/anim"
)

// dataView is status().data: own points and the draw tool.
type dataView struct {
	Points    int          `json:"points"`
	MaxPoints int          `json:"maxPoints"`
	Planes    [][4]float64 `json:"planes"` // the output planes in CSS pixels: x0, y0, x1, y1
	Notice    []string     `json:"notice"`
	Draw      struct {
		On      bool       `json:"on"`
		Erase   bool       `json:"erase"`
		Label   float64    `json:"label"`
		Draft   int        `json:"draft"`
		Pending bool       `json:"pending"`
		Full    bool       `json:"full"`
		Cursor  [2]float64 `json:"cursor"`
	} `json:"draw"`
}

func readData(t *testing.T, ctx context.Context) dataView {
	t.Helper()
	var d dataView
	if err := json.Unmarshal([]byte(eval[string](t, ctx, `JSON.stringify(JSON.parse(window.propagate.status()).data)`)), &d); err != nil {
		t.Fatalf("status().data: %v", err)
	}
	return d
}

// waitData waits until status().data satisfies ok.
func waitData(t *testing.T, ctx context.Context, what string, ok func(dataView) bool) dataView {
	t.Helper()
	return waitFor(t, ctx, what, 60*time.Second, func() dataView { return readData(t, ctx) }, ok,
		func(d dataView) string { return fmt.Sprintf("data %+v", d) })
}

// planePixel is the CSS pixel of plane point (x, y) on plane i.
func planePixel(d dataView, i int, x, y float64) (float64, float64) {
	p := d.Planes[i]
	return p[0] + (x+engine.PlaneExtent)/(2*engine.PlaneExtent)*(p[2]-p[0]),
		p[3] - (y+engine.PlaneExtent)/(2*engine.PlaneExtent)*(p[3]-p[1])
}

func mouse(t *testing.T, ctx context.Context, typ input.DispatchMouseEventType, x, y float64, button input.MouseButton) {
	t.Helper()
	ev := input.DispatchMouseEventParams{Type: typ, X: x, Y: y, Button: button}
	if typ != input.DispatchMouseEventTypeMouseMoved {
		ev.ClickCount = 1
	}
	if typ != input.DispatchMouseEventTypeMouseReleased {
		ev.Buttons = map[input.MouseButton]int64{input.MouseButtonLeft: 1, input.MouseButtonRight: 2}[button]
	}
	if _, err := chromedp.Call(ctx, input.DispatchMouseEvent, ev); err != nil {
		t.Fatalf("mouse %s at (%.0f, %.0f): %v", typ, x, y, err)
	}
}

func touch(t *testing.T, ctx context.Context, typ input.DispatchTouchEventType, points ...*input.TouchPoint) {
	t.Helper()
	if points == nil {
		points = []*input.TouchPoint{}
	}
	if _, err := chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: points}); err != nil {
		t.Fatalf("touch %s: %v", typ, err)
	}
}

// key sends one key event to the focused element.
func key(t *testing.T, ctx context.Context, typ input.DispatchKeyEventType, name string, code int64) {
	t.Helper()
	ev := input.DispatchKeyEventParams{Type: typ, Key: name, Code: name, WindowsVirtualKeyCode: code, NativeVirtualKeyCode: code}
	if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, ev); err != nil {
		t.Fatalf("key %s %s: %v", typ, name, err)
	}
}

// pointsOf decodes the points of a link.
func pointsOf(t *testing.T, link string) []engine.Point {
	t.Helper()
	c, w := engine.DecodeLink(link)
	if c.Dataset != engine.CustomDataset {
		t.Fatalf("link %s is not custom (%v)", link, w)
	}
	return c.Points
}

// TestOwnData draws points through real pointer, touch and key events,
// checks the link holds them, reloads it and compares the runs with learn
// -link at the same step; loads CSV files through the file input and a
// drop, hostile ones included; records a WebM; and reads the link back
// from an exported PNG's tEXt chunk.
func TestOwnData(t *testing.T) {
	base := serve(t, bundleDir(t))
	learn := learnCLI(t)
	ctx := newBrowser(t)
	con := listenConsole(ctx)
	if state, _ := open(t, ctx, base+"#seed=5&rules=bp,chl"); state != "ready" {
		t.Fatalf("the page failed: %s", state)
	}
	command(t, ctx, "pause", "")
	waitData(t, ctx, "the planes", func(d dataView) bool { return len(d.Planes) == 2 })

	t.Run("draw", func(t *testing.T) {
		click(t, ctx, "d-draw")
		d := waitData(t, ctx, "the tool on", func(d dataView) bool { return d.Draw.On })
		// The first click: one point of class +1, waiting for a second.
		x, y := planePixel(d, 0, 2, 3)
		mouse(t, ctx, input.DispatchMouseEventTypeMousePressed, x, y, input.MouseButtonLeft)
		waitData(t, ctx, "the first point", func(d dataView) bool { return d.Draw.Draft == 1 })
		mouse(t, ctx, input.DispatchMouseEventTypeMouseReleased, x, y, input.MouseButtonLeft)
		waitData(t, ctx, "one point pending", func(d dataView) bool { return d.Draw.Pending })
		screenshot(t, ctx, "data-draw-one-point")

		// Class −1, on the right-hand plane: two points start the runs.
		click(t, ctx, "d-neg")
		waitData(t, ctx, "class −1", func(d dataView) bool { return d.Draw.Label == -1 })
		x, y = planePixel(d, 1, -3, -2)
		mouse(t, ctx, input.DispatchMouseEventTypeMousePressed, x, y, input.MouseButtonLeft)
		waitData(t, ctx, "the second point", func(d dataView) bool { return d.Draw.Draft == 2 })
		mouse(t, ctx, input.DispatchMouseEventTypeMouseReleased, x, y, input.MouseButtonLeft)
		d = waitData(t, ctx, "two points applied", func(d dataView) bool { return d.Points == 2 && !d.Draw.Pending })
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		points := pointsOf(t, st.Link)
		want := []engine.Point{{X: 2, Y: 3, Label: 1}, {X: -3, Y: -2, Label: -1}}
		for i, p := range points {
			// A CSS pixel of the plane is 12/width plane units.
			tol := 2 * engine.PlaneExtent * 2 / (d.Planes[0][2] - d.Planes[0][0])
			if math.Abs(p.X-want[i].X) > tol || math.Abs(p.Y-want[i].Y) > tol || p.Label != want[i].Label {
				t.Errorf("point %d in the link is %+v, want %+v (±%.2f)", i, p, want[i], tol)
			}
		}
		if st.Step != 0 {
			t.Errorf("the runs did not restart on the new points: step %d", st.Step)
		}

		// A drag paints along the way.
		click(t, ctx, "d-pos")
		waitData(t, ctx, "class +1", func(d dataView) bool { return d.Draw.Label == 1 })
		x0, y0 := planePixel(d, 0, -4, 4)
		mouse(t, ctx, input.DispatchMouseEventTypeMousePressed, x0, y0, input.MouseButtonLeft)
		waitData(t, ctx, "the drag's first point", func(d dataView) bool { return d.Draw.Draft == 3 })
		drawn := 3
		for i := 1; i <= 8; i++ {
			// Each move is 0.5 plane units, more than PaintSpacing: a point
			// at least.
			x, y := planePixel(d, 0, -4+float64(i)*0.5, 4)
			mouse(t, ctx, input.DispatchMouseEventTypeMouseMoved, x, y, input.MouseButtonLeft)
			drawn = waitData(t, ctx, "painting", func(d dataView) bool { return d.Draw.Draft > drawn }).Draw.Draft
		}
		x1, y1 := planePixel(d, 0, 0, 4)
		mouse(t, ctx, input.DispatchMouseEventTypeMouseReleased, x1, y1, input.MouseButtonLeft)
		d = waitData(t, ctx, "the stroke applied", func(d dataView) bool { return d.Points == drawn && !d.Draw.Pending })
		painted := d.Points
		// A stroke of 4 units: one point where it starts, one every
		// PaintSpacing after (a pixel's rounding may take one off).
		if n, want := painted-2, 1+int(math.Floor(4/anim.PaintSpacing)); n != want && n != want-1 {
			t.Errorf("a stroke of 4 plane units painted %d points, want %d", n, want)
		}
		screenshot(t, ctx, "data-draw-stroke")

		// The right button removes what is under it.
		x, y = planePixel(d, 0, -2, 4)
		mouse(t, ctx, input.DispatchMouseEventTypeMousePressed, x, y, input.MouseButtonRight)
		waitData(t, ctx, "a point erased", func(d dataView) bool { return d.Draw.Draft < painted })
		mouse(t, ctx, input.DispatchMouseEventTypeMouseReleased, x, y, input.MouseButtonRight)
		d = waitData(t, ctx, "the removal applied", func(d dataView) bool { return d.Points < painted && d.Points >= 2 })

		// A tap adds a point too.
		before := d.Points
		x, y = planePixel(d, 0, 4, -4)
		touch(t, ctx, input.DispatchTouchEventTypeTouchStart, &input.TouchPoint{X: x, Y: y})
		waitData(t, ctx, "the tap's point", func(d dataView) bool { return d.Draw.Draft == before+1 })
		touch(t, ctx, input.DispatchTouchEventTypeTouchEnd)
		d = waitData(t, ctx, "the tap applied", func(d dataView) bool { return d.Points == before+1 })

		// The keyboard: the canvas focused, arrows move the cursor, Enter
		// adds at it.
		before = d.Points
		eval[bool](t, ctx, `(document.querySelector("body > canvas").focus(), true)`)
		cursor := d.Draw.Cursor
		key(t, ctx, input.DispatchKeyEventTypeKeyDown, "ArrowRight", 39)
		waitData(t, ctx, "the cursor moved right", func(d dataView) bool { return d.Draw.Cursor[0] > cursor[0] })
		key(t, ctx, input.DispatchKeyEventTypeKeyUp, "ArrowRight", 39)
		key(t, ctx, input.DispatchKeyEventTypeKeyDown, "ArrowUp", 38)
		waitData(t, ctx, "the cursor moved up", func(d dataView) bool { return d.Draw.Cursor[1] > cursor[1] })
		key(t, ctx, input.DispatchKeyEventTypeKeyUp, "ArrowUp", 38)
		key(t, ctx, input.DispatchKeyEventTypeKeyDown, "Enter", 13)
		d = waitData(t, ctx, "the key's point", func(d dataView) bool { return d.Points == before+1 })
		key(t, ctx, input.DispatchKeyEventTypeKeyUp, "Enter", 13)
		last := pointsOf(t, parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)).Link)
		if p := last[len(last)-1]; p.X != d.Draw.Cursor[0] || p.Y != d.Draw.Cursor[1] {
			t.Errorf("Enter added %+v, not at the cursor %v", p, d.Draw.Cursor)
		}
		screenshot(t, ctx, "data-draw-keyboard")

		// Clear: nothing applied until two points are drawn again.
		click(t, ctx, "d-clear")
		waitData(t, ctx, "the draft cleared", func(d dataView) bool { return d.Draw.Draft == 0 && d.Draw.Pending })
		if n := readData(t, ctx).Points; n != before+1 {
			t.Errorf("clear changed the runs' data to %d points before any were drawn", n)
		}
		click(t, ctx, "d-draw")
		waitData(t, ctx, "the tool off", func(d dataView) bool { return !d.Draw.On })
	})

	t.Run("the link replays like the CLI", func(t *testing.T) {
		command(t, ctx, "pause", "")
		command(t, ctx, "step", "40")
		st := waitStatus(t, ctx, "the runs at step 40", func(s status) bool { return runsAt(s, 40, 2) })
		sameRuns(t, "drawn points, step 40", st, learn(st.Link, 40))
		link := st.Link
		if !strings.Contains(link, "dataset=custom") || !strings.Contains(link, "&points=") || !strings.Contains(link, "&step=40&") {
			t.Fatalf("link %s does not hold the points at step 40", link)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		if state, _ := open(t, ctx, base+link); state != "ready" {
			t.Fatalf("reloading the link: %s", state)
		}
		re := waitReplayed(t, ctx, 40)
		if len(re.Warnings) > 0 {
			t.Errorf("the reloaded link warns %q", re.Warnings)
		}
		sameRuns(t, "drawn points, reloaded", re, learn(link, 40))
		if re.Link != link {
			t.Errorf("reloaded link %s\nwant %s", re.Link, link)
		}
	})

	dir := t.TempDir()
	writeFile := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	upload := func(t *testing.T, path string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles("#d-file", []string{path})); err != nil {
			t.Fatalf("uploading %s: %v", path, err)
		}
	}
	noticeText := func() string {
		return eval[string](t, ctx, `document.getElementById("notice").hidden ? "" : document.getElementById("notice").textContent`)
	}
	alive := func(t *testing.T, what string) {
		t.Helper()
		f := eval[int](t, ctx, `JSON.parse(window.propagate.status()).frames`)
		waitStatus(t, ctx, what+": frames go on", func(status) bool {
			return eval[int](t, ctx, `JSON.parse(window.propagate.status()).frames`) > f+2
		})
	}

	t.Run("upload", func(t *testing.T) {
		command(t, ctx, "load", "#seed=5&rules=bp,fa")
		csv := "x,y,label\n1,1,1\n-1,-1,-1\n2.5,-0.5,1\n-2,3,-1\n4,4,1\n-4,-4,-1\n"
		upload(t, writeFile("mine.csv", []byte(csv)))
		waitData(t, ctx, "the file's points", func(d dataView) bool { return d.Points == 6 })
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		want, _, _ := engine.ParsePointsCSV("mine.csv", []byte(csv), false)
		if got := pointsOf(t, st.Link); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the link holds %v, the file %v", got, want)
		}
		if !strings.Contains(st.Link, "rules=bp,fa") {
			t.Errorf("loading points changed the rules: %s", st.Link)
		}
		command(t, ctx, "step", "25")
		st = waitStatus(t, ctx, "the runs at step 25", func(s status) bool { return runsAt(s, 25, 2) })
		sameRuns(t, "uploaded points, step 25", st, learn(st.Link, 25))
	})

	t.Run("hostile files", func(t *testing.T) {
		var million bytes.Buffer
		million.WriteString("x,y,label\n")
		for i := range 1_000_000 {
			fmt.Fprintf(&million, "%d,%d,%d\n", i%11-5, i%7-3, 2*(i%2)-1)
		}
		for _, tc := range []struct {
			name   string
			data   []byte
			says   []string
			points int // the points after it; 6: unchanged from the upload above
		}{
			{"nan.csv", []byte("x,y,label\nNaN,1,1\n1,1,1\n2,Infinity,-1\n2,2,-1\n"), []string{"nan.csv: 2 bad rows skipped (lines 2, 4)", `"NaN" is not a number`}, 2},
			{"formula.csv", []byte("=cmd|' /C calc'!A0,1,1\n1,1,1\n<img src=x onerror=alert(1)>,2,1\n2,2,-1\n"), []string{"formula.csv: 2 bad rows skipped (lines 1, 3)", "=cmd|"}, 2},
			{"garbage.csv", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0xff, 0x00, 0x13}, 3000)...), []string{"garbage.csv is not a text file", "Nothing changed"}, 2},
			{"million.csv", million.Bytes(), []string{"larger than 1024 KiB", "more than 1200 points; using the first 1200"}, engine.MaxPoints},
		} {
			upload(t, writeFile(tc.name, tc.data))
			waitStatus(t, ctx, tc.name+"'s notice", func(status) bool { return strings.Contains(noticeText(), tc.says[0]) })
			text := noticeText()
			for _, s := range tc.says {
				if !strings.Contains(text, s) {
					t.Errorf("%s: the notice %q does not say %q", tc.name, text, s)
				}
			}
			if n := readData(t, ctx).Points; n != tc.points {
				t.Errorf("%s: %d points after it, want %d", tc.name, n, tc.points)
			}
			// Nothing from the file became markup.
			if n := eval[int](t, ctx, `document.querySelectorAll("#notice img, #notice script").length`); n != 0 {
				t.Errorf("%s: the notice holds %d elements from the file", tc.name, n)
			}
			alive(t, tc.name)
			screenshot(t, ctx, "data-hostile-"+strings.TrimSuffix(tc.name, ".csv"))
			eval[bool](t, ctx, `(document.getElementById("notice-close").click(), true)`)
		}
		if st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`)); st.Error != "" && !strings.Contains(st.Error, "garbage") {
			t.Errorf("error %q", st.Error)
		}
	})

	t.Run("drop", func(t *testing.T) {
		eval[bool](t, ctx, `(() => {
			const dt = new DataTransfer();
			dt.items.add(new File(["x,y,label\n0,0,1\n3,3,-1\n-3,3,1\n"], "dropped.csv", {type: "text/csv"}));
			window.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
			return true; })()`)
		d := waitData(t, ctx, "the dropped file's points", func(d dataView) bool { return d.Points == 3 })
		if len(d.Notice) == 0 || !strings.Contains(d.Notice[0], "dropped.csv: 3 points read") {
			t.Errorf("notice %q", d.Notice)
		}
	})

	t.Run("copy the dataset", func(t *testing.T) {
		command(t, ctx, "load", "#dataset=spiral&noise=10&seed=2")
		waitStatus(t, ctx, "the spiral", func(s status) bool { return strings.Contains(s.Link, "dataset=spiral") })
		click(t, ctx, "d-copy")
		waitData(t, ctx, "the copy", func(d dataView) bool { return d.Points == 500 })
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		if !strings.Contains(st.Link, "&noise=0&") {
			t.Errorf("the copy keeps its drawn noise but the link adds more: %s", st.Link[:200])
		}
	})

	t.Run("record", func(t *testing.T) {
		command(t, ctx, "play", "")
		defer command(t, ctx, "pause", "")
		why := eval[string](t, ctx, `window.propagateData.recordProblem()`)
		if why != "" {
			// The fallback: the button says why, exportFile rejects with it.
			if label := eval[string](t, ctx, `document.getElementById("d-record").textContent`); !strings.Contains(label, why) {
				t.Errorf("cannot record (%s) but the button says %q", why, label)
			}
			t.Fatalf("headless Chromium cannot record here: %s", why)
		}
		out := evalAwait(t, ctx, `window.propagate.exportFile("webm", 2).then(f =>
			f.name + " " + f.type + " " + f.bytes.length + " " + [...f.bytes.slice(0, 4)].map(b => b.toString(16)).join(""))`)
		var name, typ, magic string
		var size int
		fmt.Sscan(out, &name, &typ, &size, &magic)
		t.Logf("recorded %s: %d bytes", name, size)
		if typ != "video/webm" || magic != "1a45dfa3" || size < 4000 {
			t.Errorf("recording: %q; want a WebM (EBML magic 1a45dfa3) of some kilobytes", out)
		}
		if !strings.HasPrefix(name, "propagate-bp-chl-custom-step") || !strings.HasSuffix(name, ".webm") {
			t.Errorf("file name %q does not say the rules, dataset and step", name)
		}

		// A browser without MediaRecorder: the button says why, and
		// exportFile rejects with the reason.
		eval[bool](t, ctx, `(window.__mr = window.MediaRecorder, window.MediaRecorder = undefined, true)`)
		defer eval[bool](t, ctx, `(window.MediaRecorder = window.__mr, true)`)
		waitStatus(t, ctx, "the record button's reason", func(status) bool {
			return eval[string](t, ctx, `document.getElementById("d-record").textContent`) == "Record: this browser has no MediaRecorder"
		})
		if !eval[bool](t, ctx, `document.getElementById("d-record").disabled`) {
			t.Error("the record button is enabled where recording cannot work")
		}
		got := evalAwait(t, ctx, `window.propagate.exportFile("webm", 1).then(() => "resolved", e => String(e.message))`)
		if got != "cannot record: this browser has no MediaRecorder" {
			t.Errorf("exportFile('webm') without MediaRecorder: %q", got)
		}
	})

	t.Run("png carries the link", func(t *testing.T) {
		command(t, ctx, "pause", "")
		name, data := exportFile(t, ctx, "png")
		st := parseStatus(t, eval[string](t, ctx, `window.propagate.status()`))
		text := pngText(t, data, "Propagate link")
		if text != st.Link {
			t.Errorf("%s: tEXt link %q\nwant %q", name, text, st.Link)
		}
	})

	t.Run("375 px", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 740, chromedp.EmulateScale(1), chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		command(t, ctx, "load", "#dataset=custom&seed=3&points=1~1~1,-1~-1~-1")
		d := waitData(t, ctx, "the planes at 375 px", func(d dataView) bool {
			return len(d.Planes) > 0 && d.Planes[0][2] <= 375 && d.Points == 2
		})
		eval[bool](t, ctx, `(document.getElementById("c-toggle").click(), true)`)
		click(t, ctx, "d-draw")
		waitData(t, ctx, "the tool on", func(d dataView) bool { return d.Draw.On })
		eval[bool](t, ctx, `(document.getElementById("c-toggle").click(), true)`)
		d = waitData(t, ctx, "the planes with the panel closed", func(d dataView) bool { return len(d.Planes) > 0 })
		x, y := planePixel(d, 0, 3, 3)
		touch(t, ctx, input.DispatchTouchEventTypeTouchStart, &input.TouchPoint{X: x, Y: y})
		waitData(t, ctx, "the tap's point", func(d dataView) bool { return d.Draw.Draft == 3 })
		touch(t, ctx, input.DispatchTouchEventTypeTouchEnd)
		waitData(t, ctx, "the tap applied", func(d dataView) bool { return d.Points == 3 })
		screenshot(t, ctx, "data-375")
	})

	if p := con.problems(); len(p) > 0 {
		t.Errorf("console problems:\n%s", strings.Join(p, "\n"))
	}
}

// pngText returns the text of the PNG's tEXt chunk with the keyword,
// checking every chunk's CRC on the way.
func pngText(t *testing.T, data []byte, keyword string) string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatal("not a PNG")
	}
	found, text := false, ""
	for rest := data[8:]; len(rest) >= 12; {
		n := int(binary.BigEndian.Uint32(rest))
		if len(rest) < 12+n {
			t.Fatalf("chunk runs past the end")
		}
		typ, body := string(rest[4:8]), rest[8:8+n]
		if binary.BigEndian.Uint32(rest[8+n:]) != crc32.ChecksumIEEE(rest[4:8+n]) {
			t.Fatalf("chunk %s: bad CRC", typ)
		}
		if k, v, ok := bytes.Cut(body, []byte{0}); typ == "tEXt" && ok && string(k) == keyword {
			found, text = true, string(v)
		}
		rest = rest[12+n:]
	}
	if !found {
		t.Fatalf("no tEXt %q chunk", keyword)
	}
	return text
}
