package engine

import (
	"testing"
)

// The Go benchmarks of BenchCases (bench.go): the same cases `learn -bench`
// times, here under `go test -bench` (make bench-go), with allocations. They
// measure; nothing here asserts a speed.
//
//	BenchmarkCase/<setup>-<job>-<rule>   one op = one Bench.Do: a step, an epoch or a heatmap refresh
func BenchmarkCase(b *testing.B) {
	for _, c := range BenchCases {
		b.Run(c.Setup+"-"+c.Job+"-"+c.Rule, func(b *testing.B) {
			bench, err := NewBench(c)
			if err != nil {
				b.Fatal(err)
			}
			examples := 0
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				examples += bench.Do()
			}
			b.StopTimer()
			if err := bench.Err(); err != nil {
				b.Fatal(err)
			}
			if c.Job == BenchHeatmap {
				b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(b.N), "ms/refresh")
			} else {
				b.ReportMetric(float64(examples)/b.Elapsed().Seconds(), "examples/s")
			}
		})
	}
}

// TestBenchDoesNotAllocate: the timed loops allocate nothing once warm, so
// the benchmarks time the engine and not the garbage collector.
func TestBenchDoesNotAllocate(t *testing.T) {
	for _, c := range BenchCases {
		bench, err := NewBench(c)
		if err != nil {
			t.Fatal(err)
		}
		bench.Do()
		if a := testing.AllocsPerRun(3, func() { bench.Do() }); a != 0 {
			t.Errorf("%+v: %v allocations per call", c, a)
		}
	}
}
