package snapshot_test

import (
	"bytes"
	"compress/gzip"
	"runtime"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/snapshot"
)

// gzipBomb is a valid gzip file of about members KiB that expands to a
// snapshot padded with members MiB of spaces: gzip members one after the
// other, each 1 MiB of spaces compressed about 1,000 times.
func gzipBomb(t *testing.T, members int) []byte {
	t.Helper()
	member := func(data []byte) []byte {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(data)
		zw.Close()
		return buf.Bytes()
	}
	spaces := member(bytes.Repeat([]byte(" "), 1<<20))
	var out bytes.Buffer
	out.Write(member([]byte(`{"format":"sla-snapshot","version":1,"fetched_at":1795770000,"strings":[""`)))
	for range members {
		out.Write(spaces)
	}
	out.Write(member([]byte(`],"teams":{},"repos":[]}`)))
	return out.Bytes()
}

// A small gzip file that expands to far more than a snapshot could is
// refused once it has expanded past MaxRatio times what was read (and past
// RatioFloor), not read whole: a 1 MB file of this kind used to take GBs.
// Not parallel, so that the memory it measures is its own.
func TestReadGzipBomb(t *testing.T) {
	bomb := gzipBomb(t, 64) // 64 MiB of spaces in about 70 KiB
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := snapshot.Read(bytes.NewReader(bomb))
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatalf("read a %d-byte file that expands to 64 MiB of spaces", len(bomb))
	}
	for _, want := range []string{"expands more than 100 times", "not a snapshot", "sla fetch"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	// Reading stops after RatioFloor (16 MiB); the decoder's buffer doubles
	// on the way to hold it: 1 + 2 + … + 32 < 64 MiB, plus a little.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 80<<20 {
		t.Errorf("allocated %d MiB reading a bomb; the bound is 16 MiB of data", alloc>>20)
	}
}

// A gzip snapshot that expands within the bound reads, with its
// checksum verified across members.
func TestReadGzipWithinBound(t *testing.T) {
	t.Parallel()
	s, err := snapshot.Read(bytes.NewReader(gzipBomb(t, 4))) // 4 MiB: under RatioFloor
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Repos) != 0 {
		t.Errorf("repos %v", s.Repos)
	}
	bad := gzipBomb(t, 4)
	bad[len(bad)-8] ^= 0xff // the last member's CRC-32
	if _, err := snapshot.Read(bytes.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("err = %v, want a checksum error", err)
	}
}
