package app

import (
	"runtime"
	"runtime/debug"
	"testing"
)

var sink []byte

// churn allocates n MB of garbage, a megabyte at a time.
func churn(n int) {
	for range n {
		sink = make([]byte, 1<<20)
	}
}

func numGC() uint32 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.NumGC
}

// TestHoldGC: while held, 32 MB of garbage (three times the page's first
// frame) start no collection; released, the settings are back and the
// same garbage is collected.
func TestHoldGC(t *testing.T) {
	percent := debug.SetGCPercent(100)
	defer debug.SetGCPercent(percent)
	runtime.GC()
	release := HoldGC()
	before := numGC()
	churn(32)
	if n := numGC() - before; n != 0 {
		t.Errorf("%d collections while the collector was held, want none", n)
	}
	if got := debug.SetMemoryLimit(-1); got != holdGCLimit {
		t.Errorf("memory limit while held = %d, want the backstop %d", got, holdGCLimit)
	}
	release()
	release() // a second call changes nothing
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after release = %d, want the 100 it was", got)
	}
	if got := debug.SetMemoryLimit(-1); got == holdGCLimit {
		t.Errorf("memory limit after release = %d, still the backstop", got)
	}
	before = numGC()
	churn(32)
	if numGC() == before {
		t.Error("no collection after release, over 32 MB of garbage")
	}
}
