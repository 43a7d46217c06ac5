// Package golden compares test output with files under testdata/, and
// rewrites them when the tests run with SLA_UPDATE_GOLDEN=1 in the
// environment (`make golden`). An environment variable rather than a test
// flag: `go test ./...` passes a flag to every package, and one that does
// not define it fails.
package golden

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// UpdateVar is the environment variable that makes Check rewrite golden
// files instead of comparing with them.
const UpdateVar = "SLA_UPDATE_GOLDEN"

// Updating reports whether golden files are being rewritten.
func Updating() bool { return os.Getenv(UpdateVar) == "1" }

// Check compares got with the file testdata/NAME, or writes it when
// Updating.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if Updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `make golden` to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run `make golden` and review the diff):\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}
