package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"propagate/engine"
)

func writeCSV(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mine.csv")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func runsJSON(t *testing.T, args ...string) runsOutput {
	t.Helper()
	out, errOut, code := learn(t, append(args, "-json")...)
	if code != exitOK {
		t.Fatalf("learn %q: exit %d: %s", args, code, errOut)
	}
	var got runsOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("learn %q: %v\n%s", args, err, out)
	}
	return got
}

// -data runs exactly what its printed link runs: same link, same numbers,
// for classification and regression, with the link's other settings kept.
func TestDataIsItsLink(t *testing.T) {
	for _, tc := range []struct{ link, csv string }{
		{"#rules=bp,fa&seed=4&networkShape=5&noise=10&percTrainData=70",
			"x,y,label\n1,2,1\n-1,-2,-1\n3,-1,1\n-3,1,-1\n0.5,0.5,1\n-0.5,-0.5,-1\n2,2,1\n-2,-2,-1\n4,0,1\n-4,0,-1\n"},
		{"#problem=regression&rules=bp,chl&seed=2",
			"1,2,0.5\n-1,-2,-0.5\n3,-1,0.2\n-3,1,-0.2\n0,0,0\n5,5,1\n-5,-5,-1\n"},
	} {
		path := writeCSV(t, tc.csv)
		fromData := runsJSON(t, "-link", tc.link, "-data", path, "-steps", "300")
		if !strings.Contains(fromData.Link, "&points=") || !strings.Contains(fromData.Link, "ataset=custom") {
			t.Fatalf("the printed link %q does not carry the points", fromData.Link)
		}
		fromLink := runsJSON(t, "-link", fromData.Link, "-steps", "300")
		if !reflect.DeepEqual(fromData.Runs, fromLink.Runs) || fromData.Link != fromLink.Link {
			t.Errorf("-data gave\n%+v\nits link gave\n%+v", fromData.Runs, fromLink.Runs)
		}
		// The link's other settings are kept.
		c, _ := engine.DecodeLink(fromData.Link)
		want, _ := engine.DecodeLink(tc.link)
		want.Dataset, want.Points = c.Dataset, c.Points
		if !reflect.DeepEqual(c, want) {
			t.Errorf("-data changed more than the data:\n%+v\nwant\n%+v", c, want)
		}
		// The points are the file's, in its order.
		points, _, err := engine.ParsePointsCSV("x", []byte(tc.csv), c.Problem == "regression")
		if err != nil || !reflect.DeepEqual(c.Points, points) {
			t.Errorf("the link holds %v; the file %v (%v)", c.Points, points, err)
		}
	}
}

func TestDataWarningsAndErrors(t *testing.T) {
	path := writeCSV(t, "x,y,label\nNaN,1,1\n1,1,1\n=cmd|' /C calc'!A0,2,1\n2,2,-1\n")
	got := runsJSON(t, "-data", path, "-steps", "5")
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "mine.csv: 2 bad rows skipped (lines 2, 4)") {
		t.Errorf("warnings %q; want the two bad rows named", got.Warnings)
	}
	if _, errOut, code := learn(t, "-data", path, "-strict"); code != exitUsage || !strings.Contains(errOut, "-strict") {
		t.Errorf("-strict with a bad row: exit %d (%s); want %d", code, errOut, exitUsage)
	}
	for _, tc := range []struct{ body, want string }{
		{"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a text file"},
		{"x,y,label\n", "0 good points"},
	} {
		_, errOut, code := learn(t, "-data", writeCSV(t, tc.body))
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("-data %q: exit %d, %q; want %d and %q", tc.body, code, errOut, exitUsage, tc.want)
		}
	}
	if _, errOut, code := learn(t, "-data", filepath.Join(t.TempDir(), "none.csv")); code != exitUsage || !strings.Contains(errOut, "none.csv") {
		t.Errorf("a missing file: exit %d, %q", code, errOut)
	}
}
