package cli

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// heapBound is the least live heap for which boundHeap holds the heap
// within a quarter (at least heapBound) of what is live.
const heapBound = 256 << 20

// batchGCPercent is how far the heap of a command that reads issue data
// may grow over what is live before it is collected, under boundHeap's
// limit: the data are read once and mostly kept, and collecting as often
// as the default (100) does is mostly marking the same records again
// while the data are read and evaluated side by side.
const batchGCPercent = 400

// batchGC sets the collector for a command about to read its issue data:
// batchGCPercent, under a memory limit of twice heapBound that boundHeap
// raises as the data grow. A GOGC or GOMEMLIMIT the user set is left
// alone, and so is the collector then.
func batchGC() {
	if os.Getenv("GOGC") != "" || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return
	}
	heapBounded.Store(true)
	debug.SetMemoryLimit(2 * heapBound)
	debug.SetGCPercent(batchGCPercent)
}

// boundHeap keeps the memory of a command that is reading, or has just
// read, its issue data near that data: where the data are large (a
// million issues are about 650 MiB), letting the heap grow to twice what
// is live is the difference between under and over a gigabyte. Past
// heapBound live (as of the last collection), it limits the heap to a
// quarter (at least heapBound) above that: a few more collections,
// measured to cost about as much CPU as the memory they save costs the
// system in page faults. Called again as more data are read, it raises the
// limit it set. A limit the user set with GOMEMLIMIT is left alone.
func boundHeap() {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 && !heapBounded.Load() {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := int64(sample[0].Value.Uint64())
	if live < heapBound {
		return
	}
	heapBounded.Store(true)
	debug.SetMemoryLimit(live + max(heapBound, live/4))
}

// heapBounded says that the memory limit is sla's own (batchGC's or
// boundHeap's), to raise.
var heapBounded atomic.Bool
