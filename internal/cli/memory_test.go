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
