package snapshot_test

import (
	"flag"
	"path/filepath"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/demodata"
	"github.com/sla-dev/sla/internal/snapshot"
)

var benchSnapshot = flag.String("snapshot", "", "BenchmarkReadFile reads this snapshot file instead of a generated one of 100,000 issues")

// BenchmarkReadFile reads a gzipped snapshot of 100,000 issues, 400,000
// comments and 200,000 events into its records: the floor of `sla check
// --snapshot` (`make bench` runs it on the scale file alone).
func BenchmarkReadFile(b *testing.B) {
	path := *benchSnapshot
	if path == "" {
		path = filepath.Join(b.TempDir(), "scale.json.gz")
		s := demodata.Scale(100_000, 400_000, 200_000, time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
		if err := snapshot.WriteFile(path, s, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := snapshot.ReadFile(path); err != nil {
			b.Fatal(err)
		}
	}
}
