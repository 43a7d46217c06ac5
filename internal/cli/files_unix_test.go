//go:build unix

package cli_test

import (
	"path/filepath"
	"syscall"
	"testing"
)

// Under umask 077 a new snapshot is 0600 (it used to be 0644 whatever the
// umask). Not parallel: the umask belongs to the whole process, and
// parallel tests start only after this one has put it back.
func TestFetchOutUnderUmask077(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	out := filepath.Join(t.TempDir(), "issues.json.gz")
	if r := fetchSmallOrg(t, "--out", out); r.code != 0 {
		t.Fatalf("fetch: %s", r)
	}
	if m := mode(t, out); m != 0o600 {
		t.Errorf("mode %o under umask 077, want 600", m)
	}
}
