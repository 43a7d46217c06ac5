package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/demodata"
	"github.com/sla-dev/sla/internal/snapshot"
)

// writeScale writes the scale organisation and a snapshot of 100,000
// issues, 400,000 comments and 200,000 events. `make bench` measures the
// whole command against reading the snapshot alone (its floor).
func writeScale(b *testing.B) (agreements, snap string) {
	b.Helper()
	dir := b.TempDir()
	agreements = filepath.Join(dir, "org.yaml")
	if err := os.WriteFile(agreements, []byte(demodata.ScaleAgreements()), 0o644); err != nil {
		b.Fatal(err)
	}
	snap = filepath.Join(dir, "scale.json.gz")
	s := demodata.Scale(100_000, 400_000, 200_000, time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	if err := snapshot.WriteFile(snap, s, 0o644); err != nil {
		b.Fatal(err)
	}
	return agreements, snap
}

func BenchmarkCheckScale(b *testing.B) {
	agreements, snap := writeScale(b)
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			if _, err := snapshot.ReadFile(snap); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			var out, errOut bytes.Buffer
			env := Env{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }, Now: time.Now}
			if code := Main([]string{"check", agreements, "--snapshot", snap, "-o", "json"}, env); code != 0 {
				b.Fatalf("exit %d: %s", code, errOut.String())
			}
		}
	})
	// The same with 12 weekly points (issue target: under twice "check").
	b.Run("check-trend-12", func(b *testing.B) {
		for b.Loop() {
			var out, errOut bytes.Buffer
			env := Env{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }, Now: time.Now}
			if code := Main([]string{"check", agreements, "--snapshot", snap, "-o", "json", "--trend", "12"}, env); code != 0 {
				b.Fatalf("exit %d: %s", code, errOut.String())
			}
		}
	})
}
