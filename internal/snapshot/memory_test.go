package snapshot_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/sla-dev/sla/internal/snapshot"
)

// Reading a snapshot holds its data once: it allocates little more than
// the records it returns, never the whole text nor every column beside
// them (encoding/json did both: about four times the records). Not
// parallel, so that the memory it measures is its own.
func TestReadHoldsTheDataOnce(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	r := &snapshot.Repo{Name: "acme/app", HTMLURL: "https://github.com/acme/app"}
	for i := 1; i <= 5000; i++ {
		opened := at.Add(-time.Duration(i) * time.Hour)
		r.Issues = append(r.Issues, snapshot.Issue{Number: i, Title: fmt.Sprint("Issue ", i), Author: "carol", Labels: []string{"request"}, CreatedAt: opened})
		for c := range 4 {
			r.Comments = append(r.Comments, snapshot.Comment{ID: int64(4*i + c), Issue: i, Author: "alice", Association: "MEMBER", CreatedAt: opened.Add(time.Minute)})
		}
		for e := range 2 {
			r.Events = append(r.Events, snapshot.Event{ID: int64(2*i + e), Issue: i, Kind: snapshot.Labeled, Label: "request", Actor: "carol", CreatedAt: opened})
		}
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := snapshot.Write(zw, &snapshot.Snapshot{FetchedAt: at, Since: at.Add(-9000 * time.Hour), Repos: []*snapshot.Repo{r}}); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	// 5,000 issues, 20,000 comments and 10,000 events, and each issue's
	// title and label list.
	records := 5000*(unsafe.Sizeof(snapshot.Issue{})+16+16) + 20000*unsafe.Sizeof(snapshot.Comment{}) + 10000*unsafe.Sizeof(snapshot.Event{})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s, err := snapshot.Read(bytes.NewReader(buf.Bytes()))
	runtime.ReadMemStats(&after)
	if err != nil || len(s.Repos[0].Comments) != 20000 {
		t.Fatalf("read %v, %v", s, err)
	}
	// The records; one column of numbers at a time, and the check for
	// records read twice, half as much again at most; the buffers of gzip
	// and of the reader, 512 KiB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(records)*3/2+512<<10 {
		t.Errorf("reading %d KiB of records allocated %d KiB; want at most half as much again and 512 KiB", records>>10, alloc>>10)
	}
}
