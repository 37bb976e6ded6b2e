package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"propagate/engine"
)

// -data FILE.csv: own points, read by the engine's CSV reader (the one the
// page uses), become the link's custom dataset; the run is then exactly
// the one of the printed link, dataset=custom&points=….

func dataFlag(fs *flag.FlagSet, path *string) {
	fs.StringVar(path, "data", "", "a CSV file of own points, `FILE.csv` of x,y,label rows (or - for stdin), read as the page reads an upload: runs the link with dataset=custom and these points")
}

// withData puts the points of the file at path into c (nothing when path
// is empty) and prints the reader's warnings, which join warnings. The
// error is for a file that cannot be read or holds no usable points.
func withData(c engine.Config, warnings []string, path string, stdin io.Reader, stderr io.Writer) (engine.Config, []string, error) {
	if path == "" {
		return c, warnings, nil
	}
	name, r := "stdin", stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return c, warnings, err
		}
		defer f.Close()
		name, r = filepath.Base(path), f
	}
	points, report, err := engine.ReadPointsCSV(name, r, c.Problem == "regression")
	if err != nil {
		return c, warnings, err
	}
	if c.Dataset == engine.CustomDataset {
		w := fmt.Sprintf("-data %s replaces the link's %d points", name, len(c.Points))
		fmt.Fprintf(stderr, "learn: %s\n", w)
		warnings = append(warnings, w)
	}
	for _, w := range report.Warnings() {
		fmt.Fprintf(stderr, "learn: data: %s\n", w)
		warnings = append(warnings, w)
	}
	c.Dataset, c.Points = engine.CustomDataset, points
	return c, warnings, nil
}
