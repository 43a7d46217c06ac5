//go:build unix

package atomicfile_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/sla-dev/sla/internal/atomicfile"
)

// Not parallel: the umask belongs to the whole process, and parallel tests
// start only after this one has put it back.
func TestWriteNewUnderUmask(t *testing.T) {
	for _, tc := range []struct{ umask, perm, want uint32 }{
		{0o077, 0o666, 0o600},
		{0o002, 0o666, 0o664},
		{0o022, 0o600, 0o600},
	} {
		old := syscall.Umask(int(tc.umask))
		path := filepath.Join(t.TempDir(), "snap.json")
		err := atomicfile.Write(path, os.FileMode(tc.perm), writeString("x"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if got := perm(t, path); uint32(got) != tc.want {
			t.Errorf("umask %03o, perm %03o: mode %03o, want %03o", tc.umask, tc.perm, got, tc.want)
		}
	}
}
