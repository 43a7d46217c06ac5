package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/cli"
)

// damagedAtItsEnd copies a gzipped snapshot with its gzip checksum wrong:
// every byte of its data can be read, and only at its very end is it
// found damaged.
func damagedAtItsEnd(t *testing.T, snap string) string {
	t.Helper()
	data, err := os.ReadFile(snap)
	if err != nil || len(data) < 8 || data[0] != 0x1f || data[1] != 0x8b {
		t.Fatalf("%s is not gzipped (%v)", snap, err)
	}
	data[len(data)-8] ^= 0xff // the CRC-32 of the trailer
	damaged := filepath.Join(t.TempDir(), "damaged.json.gz")
	if err := os.WriteFile(damaged, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return damaged
}

// The commands that evaluate a snapshot while they read it show nothing
// of what they evaluated when the file turns out damaged at its end: one
// line on stderr, exit 2, as for any unreadable snapshot.
func TestDamagedSnapshotShowsNothing(t *testing.T) {
	t.Parallel()
	damaged := damagedAtItsEnd(t, exampleSnapshot)
	for _, args := range [][]string{
		{"check"}, {"check", "-o", "json"}, {"report"}, {"due"}, {"due", "-o", "json"}, {"kudos"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			r := run(t, append(args, example, "--snapshot", damaged)...)
			if r.code != cli.ExitError || r.out != "" {
				t.Errorf("exit %d, stdout %d bytes: want 2 and nothing", r.code, len(r.out))
			}
			if !strings.HasPrefix(r.err, "sla: "+damaged+": ") || !strings.Contains(r.err, "gzip: invalid checksum") || strings.Count(r.err, "\n") != 1 {
				t.Errorf("stderr:\n%s", r.err)
			}
		})
	}
}
