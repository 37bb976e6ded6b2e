package engine

import (
	"testing"
)

// The benchmarks of issue 3, run by bench/run.sh (`make bench`) natively and
// under GOOS=js GOARCH=wasm with node, beside the same jobs in JS engines
// (bench/*.js). They measure; nothing here asserts a speed.
//
//	BenchmarkTrainBackprop/<setup>   one op = one Run.Step (a batch of 10); reports examples/s
//	BenchmarkHeatmapRefresh/<setup>  one op = one Heatmap.Refresh; reports ms/refresh
//
// Setups (bench/gendata exports the same runs' training points for the JS
// engines):
//
//	tfp-default  TF Playground's default: circle, 2 → 4 → 2 → 1 tanh, batch 10, lr 0.03, 250 training points
//	spiral-888   spiral, 2 → 8 → 8 → 8 → 1 tanh, otherwise the same

type benchSetup struct {
	name   string
	config func() Config
}

var benchSetups = []benchSetup{
	{"tfp-default", DefaultConfig},
	{"spiral-888", func() Config {
		c := DefaultConfig()
		c.Dataset = "spiral"
		c.NetworkShape = []int{8, 8, 8}
		return c
	}},
}

// benchWarmSteps is how far a run is trained before it is timed. A run
// records its metrics (a pass over the 500 training and test points) every
// history interval; the interval starts at one epoch and doubles each time
// the bounded history fills (every 512 records). After 80,000 steps it is
// 1,600 steps, so the metrics cost under 1% of a step, as in a long session
// on the page, and the timing no longer depends on b.N.
const benchWarmSteps = 80_000

// benchRuns keeps each setup's warmed-up run across the calls the testing
// package makes with growing b.N (and across -count), so it warms up once.
var benchRuns = map[string]*Run{}

func benchRun(b *testing.B, s benchSetup) *Run {
	b.Helper()
	if r := benchRuns[s.name]; r != nil {
		return r
	}
	r, err := NewRun(s.config(), "bp")
	if err != nil {
		b.Fatal(err)
	}
	r.Step(benchWarmSteps)
	if d, why := r.Diverged(); d {
		b.Fatalf("%s diverged while warming up: %s", s.name, why)
	}
	benchRuns[s.name] = r
	return r
}

// BenchmarkTrainBackprop times backprop training through Run.Step: batch,
// forward, backward, update, divergence check and the (amortized) metrics.
// With -benchmem it shows 0 allocs/op.
func BenchmarkTrainBackprop(b *testing.B) {
	for _, s := range benchSetups {
		b.Run(s.name, func(b *testing.B) {
			r := benchRun(b, s)
			batch := r.Config.BatchSize
			b.ReportAllocs()
			b.ResetTimer()
			r.Step(b.N)
			b.StopTimer()
			if d, why := r.Diverged(); d {
				b.Fatalf("%s diverged: %s", s.name, why)
			}
			b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "examples/s")
		})
	}
}

// BenchmarkHeatmapRefresh times one refresh of the heatmaps the page draws
// while training: the output over a 100×100 grid of the input plane and a
// 10×10 thumbnail of every unit, for a trained net.
func BenchmarkHeatmapRefresh(b *testing.B) {
	for _, s := range benchSetups {
		b.Run(s.name, func(b *testing.B) {
			r := benchRun(b, s)
			h := NewHeatmap(r.Net, r.Config.Features, 100, 10)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				r.RefreshHeatmap(h)
			}
			b.StopTimer()
			b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(b.N), "ms/refresh")
		})
	}
}
