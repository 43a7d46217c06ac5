package golden_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/sla-dev/sla/internal/golden"
)

// recorder is a testing.TB that keeps what Check reports instead of
// failing the test that runs it.
type recorder struct {
	testing.TB
	failed []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = append(r.failed, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = append(r.failed, fmt.Sprintf(format, args...))
}

// With SLA_UPDATE_GOLDEN=1 a golden file is written (its folder made);
// without, the same output passes and another fails. Not parallel: it
// sets the environment and the working directory.
func TestCheckUpdatesThenCompares(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv(golden.UpdateVar, "1")
	golden.Check(t, "sub/out.golden", []byte("one\n"))
	if data, err := os.ReadFile(filepath.Join("testdata", "sub", "out.golden")); err != nil || string(data) != "one\n" {
		t.Fatalf("golden file %q, %v; want it written", data, err)
	}

	t.Setenv(golden.UpdateVar, "")
	same := &recorder{TB: t}
	golden.Check(same, "sub/out.golden", []byte("one\n"))
	if len(same.failed) != 0 {
		t.Errorf("the same output failed: %q", same.failed)
	}
	other := &recorder{TB: t}
	golden.Check(other, "sub/out.golden", []byte("two\n"))
	if len(other.failed) != 1 {
		t.Errorf("another output: %d failures, want 1", len(other.failed))
	}
	missing := &recorder{TB: t}
	golden.Check(missing, "none.golden", nil)
	if len(missing.failed) != 1 {
		t.Errorf("a missing golden file: %d failures, want 1", len(missing.failed))
	}
}
