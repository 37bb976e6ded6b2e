package main

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"text/tabwriter"
	"time"

	"propagate/engine"
)

// learn -bench times engine.BenchCases — the work TF Playground's page
// does — here, natively or in wasm under node:
//
//	learn -bench [-seconds S] [-json]
//	node $(go env GOROOT)/lib/wasm/wasm_exec_node.js learn.wasm -bench -json
//
// Each case is built and trained engine.BenchWarmSteps steps, run untimed
// for a quarter of S (so node's compiler has tiered up), then timed for at
// least S seconds.

// benchRow is one case's result. examplesPerSec counts the training
// examples learned from (an epoch's are its steps × batch); a heatmap
// refresh reports msPerRefresh instead.
type benchRow struct {
	Setup          string   `json:"setup"`
	Job            string   `json:"job"`
	Rule           string   `json:"rule"`
	ExamplesPerSec *float64 `json:"examplesPerSec,omitempty"`
	MsPerRefresh   *float64 `json:"msPerRefresh,omitempty"`
	Calls          int      `json:"calls"`   // steps, epochs or refreshes timed
	Seconds        float64  `json:"seconds"` // time they took
}

type benchOutput struct {
	Bench   []benchRow `json:"bench"`
	GOOS    string     `json:"goos"`
	GOARCH  string     `json:"goarch"`
	Go      string     `json:"go"`
	Seconds float64    `json:"secondsPerCase"`
	Warm    int        `json:"warmSteps"`
}

const maxBenchSeconds = 600

func runBench(o options, stdout, stderr io.Writer) int {
	if !(o.seconds > 0 && o.seconds <= maxBenchSeconds) {
		fmt.Fprintf(stderr, "learn: -seconds %v: want a duration in (0, %d]\n", o.seconds, maxBenchSeconds)
		return exitUsage
	}
	out := benchOutput{GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, Go: runtime.Version(), Seconds: o.seconds, Warm: engine.BenchWarmSteps}
	for _, c := range engine.BenchCases {
		fmt.Fprintf(stderr, "learn: bench %s %s %s…\n", c.Setup, c.Job, c.Rule)
		row, err := benchCase(c, o.seconds)
		if err != nil {
			fmt.Fprintf(stderr, "learn: %v\n", err)
			return exitFail
		}
		out.Bench = append(out.Bench, row)
	}
	if o.json {
		return writeJSON(stdout, stderr, out)
	}
	fmt.Fprintf(stdout, "%s/%s %s, at least %gs per case\n\n", out.GOOS, out.GOARCH, out.Go, o.seconds)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "setup\tjob\trule\texamples/s\tms/refresh\t")
	for _, r := range out.Bench {
		rate, ms := "", ""
		if r.ExamplesPerSec != nil {
			rate = fmt.Sprintf("%.3g M", *r.ExamplesPerSec/1e6)
		}
		if r.MsPerRefresh != nil {
			ms = fmt.Sprintf("%.3g", *r.MsPerRefresh)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", r.Setup, r.Job, r.Rule, rate, ms)
	}
	tw.Flush()
	return exitOK
}

// benchCase builds, warms up and times one case.
func benchCase(c engine.BenchCase, seconds float64) (benchRow, error) {
	b, err := engine.NewBench(c)
	if err != nil {
		return benchRow{}, err
	}
	timeCalls(b, seconds/4)
	calls, examples, elapsed := timeCalls(b, seconds)
	if err := b.Err(); err != nil {
		return benchRow{}, err
	}
	row := benchRow{Setup: c.Setup, Job: c.Job, Rule: c.Rule, Calls: calls, Seconds: elapsed}
	if c.Job == engine.BenchHeatmap {
		ms := elapsed * 1e3 / float64(calls)
		row.MsPerRefresh = &ms
	} else {
		rate := float64(examples) / elapsed
		row.ExamplesPerSec = &rate
	}
	return row, nil
}

// timeCalls calls b.Do until at least seconds have passed, reading the
// clock once per batch of calls (the batch doubles while a batch takes
// under a hundredth of the time asked for).
func timeCalls(b *engine.Bench, seconds float64) (calls, examples int, elapsed float64) {
	start := time.Now()
	for n := 1; ; {
		t := time.Now()
		for range n {
			examples += b.Do()
		}
		calls += n
		elapsed = time.Since(start).Seconds()
		if elapsed >= seconds {
			return calls, examples, elapsed
		}
		if time.Since(t).Seconds() < seconds/100 {
			n = int(math.Min(float64(2*n), 1<<20))
		}
	}
}
