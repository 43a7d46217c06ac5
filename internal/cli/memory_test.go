package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// boundHeap sets no limit on a small heap, and never overrides one the
// user set. Not parallel: the limit is the process's.
func TestBoundHeapLeavesSmallHeapsAndUserLimitsAlone(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	debug.SetMemoryLimit(math.MaxInt64)
	boundHeap() // the tests' heap is far below heapBound
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d on a small heap, want none", got)
	}
	debug.SetMemoryLimit(8 << 30)
	boundHeap()
	if got := debug.SetMemoryLimit(-1); got != 8<<30 {
		t.Errorf("limit %d, want the user's 8 GiB kept", got)
	}
}

// batchGC lets the heap grow under a limit of its own, unless the user
// set GOGC or GOMEMLIMIT. Not parallel: the settings are the process's.
func TestBatchGCLeavesUserSettingsAlone(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer heapBounded.Store(heapBounded.Load())
	settings := func() (percent int, limit int64) {
		percent = debug.SetGCPercent(-1)
		debug.SetGCPercent(percent)
		return percent, debug.SetMemoryLimit(-1)
	}

	debug.SetMemoryLimit(8 << 30)
	batchGC()
	if p, l := settings(); p != 100 || l != 8<<30 {
		t.Errorf("GOMEMLIMIT set: GC percent %d, limit %d; want 100 and the user's 8 GiB", p, l)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOGC", "150")
	batchGC()
	if p, l := settings(); p != 100 || l != math.MaxInt64 {
		t.Errorf("GOGC set: GC percent %d, limit %d; want both left alone", p, l)
	}

	t.Setenv("GOGC", "")
	batchGC()
	if p, l := settings(); p != batchGCPercent || l != 2*heapBound {
		t.Errorf("nothing set: GC percent %d, limit %d; want %d under %d", p, l, batchGCPercent, 2*heapBound)
	}
}
