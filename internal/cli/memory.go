package cli

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// heapBound is the least live heap, once a command has read its issue
// data, for which boundHeap tightens how far the heap may grow past it.
const heapBound = 256 << 20

// boundHeap keeps the memory of a command that is reading, or has just
// read, its issue data near that data. By default the heap may grow to
// twice what is live before the garbage collector runs; where the data is
// large (a million issues are about 650 MiB) and mostly read from then on,
// that doubling is the difference between under and over a gigabyte. Past
// heapBound, the heap is held within a quarter (at least 256 MiB) above
// what is live: a few more collections, measured to cost about as much CPU
// as the memory they save costs the system in page faults. Called again as
// more data is read, it raises the bound it set with what is live. A limit
// the user set with GOMEMLIMIT is left alone, and so are small data sets,
// with which the default growth is small too.
func boundHeap() {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 && !heapBounded.Load() {
		return
	}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
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

// heapBounded says that the memory limit is boundHeap's, to raise.
var heapBounded atomic.Bool
