package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"propagate/engine"
)

// What comes in and what goes out of learn, checked: links from a file or
// stdin (longer than one command-line argument may be), step counts
// clamped aloud, long runs that say how far they are, and no number JSON
// cannot hold.

// stdin is what `-link -` reads; tests replace it.
var stdin io.Reader = os.Stdin

// maxLinkInput is the most a link file or stdin may hold: what DecodeLink
// reads, and room for a URL around it.
const maxLinkInput = engine.MaxLinkBytes + 4096

// readLink resolves -link: "@file" is the contents of file, "-" is stdin,
// anything else the link itself. Surrounding whitespace (a final newline)
// is dropped.
func readLink(v string) (string, error) {
	var r io.Reader
	name := v
	switch {
	case v == "-":
		r, name = stdin, "stdin"
	case strings.HasPrefix(v, "@"):
		f, err := os.Open(v[1:])
		if err != nil {
			return "", fmt.Errorf("-link %s: %v", v, err)
		}
		defer f.Close()
		r = f
	default:
		return v, nil
	}
	data, err := io.ReadAll(io.LimitReader(r, maxLinkInput+1))
	if err != nil {
		return "", fmt.Errorf("-link %s: %v", name, err)
	}
	if len(data) > maxLinkInput {
		return "", fmt.Errorf("-link %s: more than %d bytes; a link is at most %d", name, maxLinkInput, engine.MaxLinkBytes)
	}
	return strings.TrimSpace(string(data)), nil
}

// stepsFor is the number of steps to make: -steps, or the link's own step
// when -steps is negative; more than engine.MaxStep is clamped, with a
// warning.
func stepsFor(flagSteps int, c engine.Config, stderr io.Writer) int {
	if flagSteps < 0 {
		return c.Step
	}
	if flagSteps > engine.MaxStep {
		fmt.Fprintf(stderr, "learn: -steps %d is more than %d; making %d\n", flagSteps, engine.MaxStep, engine.MaxStep)
		return engine.MaxStep
	}
	return flagSteps
}

// progressEvery is how often a long run reports on stderr.
var progressEvery = 2 * time.Second

// stepRuns makes n steps of every run, in rounds, and when a run takes
// longer than progressEvery says how far it is on stderr. The rounds do not
// change the numbers: a run's steps are the same however they are grouped.
func stepRuns(runs []*engine.Run, n int, stderr io.Writer) {
	start, last := time.Now(), time.Now()
	round := 1
	for done := 0; done < n; {
		k := min(round, n-done)
		t0 := time.Now()
		for _, r := range runs {
			r.Step(k)
		}
		done += k
		if time.Since(t0) < progressEvery/8 {
			round = min(2*round, 1<<20)
		}
		if now := time.Now(); now.Sub(last) >= progressEvery && done < n {
			last = now
			elapsed := now.Sub(start)
			left := time.Duration(float64(elapsed) * float64(n-done) / float64(done))
			fmt.Fprintf(stderr, "learn: step %d of %d (%.0f%%), about %s left\n", done, n, 100*float64(done)/float64(n), left.Round(time.Second))
		}
	}
}

// errNonFinite is a result JSON cannot hold.
var errNonFinite = errors.New("not a finite number")

// checkFinite returns an error naming the first NaN or ±Inf in v (a
// result about to be printed), as a path like equivalence[0].layers[1].cosine.
func checkFinite(v any) error {
	if p, bad := nonFinite(reflect.ValueOf(v), ""); bad != "" {
		return fmt.Errorf("%s is %s, %w: the input is beyond what float64 can compute", strings.TrimPrefix(p, "."), bad, errNonFinite)
	}
	return nil
}

func nonFinite(v reflect.Value, path string) (string, string) {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return path, strconv.FormatFloat(f, 'g', -1, 64)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return nonFinite(v.Elem(), path)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if p, bad := nonFinite(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); bad != "" {
				return p, bad
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			name := t.Field(i).Name
			if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); tag != "" && tag != "-" {
				name = tag
			}
			if p, bad := nonFinite(v.Field(i), path+"."+name); bad != "" {
				return p, bad
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			if p, bad := nonFinite(v.MapIndex(k), fmt.Sprintf("%s[%v]", path, k)); bad != "" {
				return p, bad
			}
		}
	}
	return "", ""
}
