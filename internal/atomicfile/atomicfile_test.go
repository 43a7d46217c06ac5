package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/atomicfile"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// assertOnly fails unless dir holds exactly the named entries.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if names == nil {
		names = []string{}
	}
	if !reflect.DeepEqual(got, names) {
		t.Errorf("folder holds %q, want only %q (temporary files left behind?)", got, names)
	}
}

func assertContent(t *testing.T, path, want string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != want {
		t.Errorf("%s holds %q, want %q", filepath.Base(path), data, want)
	}
}

func perm(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

func skipOnWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
}

func TestWriteNew(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := atomicfile.Write(path, 0o644, writeString("new")); err != nil {
		t.Fatal(err)
	}
	assertContent(t, path, "new")
	assertOnly(t, dir, "out.json")
}

// An existing file keeps its permissions: a private 0600 snapshot stays
// private when it is written again (it used to become 0644).
func TestWriteKeepsExistingMode(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	for _, mode := range []os.FileMode{0o600, 0o640, 0o664} {
		dir := t.TempDir()
		path := filepath.Join(dir, "snap.json.gz")
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil { // exactly, whatever the umask
			t.Fatal(err)
		}
		if err := atomicfile.Write(path, 0o666, writeString("new")); err != nil {
			t.Fatal(err)
		}
		assertContent(t, path, "new")
		if got := perm(t, path); got != mode {
			t.Errorf("mode %o became %o", mode, got)
		}
	}
}

// A new file gets the mode asked for less the umask, exactly as a file
// created with os.OpenFile in the same folder does.
func TestWriteNewFollowsUmask(t *testing.T) {
	t.Parallel()
	skipOnWindows(t)
	dir := t.TempDir()
	ref := filepath.Join(dir, "reference")
	f, err := os.OpenFile(ref, os.O_CREATE|os.O_WRONLY, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	path := filepath.Join(dir, "snap.json")
	if err := atomicfile.Write(path, 0o666, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if got, want := perm(t, path), perm(t, ref); got != want {
		t.Errorf("new file has mode %o; os.OpenFile with the same umask gives %o", got, want)
	}
}

// A failing writer leaves the target as it was and no temporary file.
func TestWriteErrorLeavesTargetAndNoTemp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "snap.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := atomicfile.Write(path, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the writer's", err)
	}
	assertContent(t, path, "old")
	assertOnly(t, dir, "snap.json")
}

// A panic in the writer goes on, but the temporary file is removed first.
func TestWritePanicRemovesTemp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "snap.json")
	func() {
		defer func() {
			if r := recover(); r != "writer panicked" {
				t.Errorf("recovered %v, want the writer's panic", r)
			}
		}()
		_ = atomicfile.Write(path, 0o644, func(w io.Writer) error {
			io.WriteString(w, "half")
			panic("writer panicked")
		})
	}()
	assertOnly(t, dir)
}

// A rename that fails (the target is a non-empty folder) leaves no
// temporary file.
func TestWriteRenameFailure(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := filepath.Join(dir, "snap.json")
	if err := os.MkdirAll(filepath.Join(target, "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Write(target, 0o644, writeString("x")); err == nil {
		t.Fatal("Write over a non-empty folder succeeded")
	}
	assertOnly(t, dir, "snap.json")
}

// A symbolic link is written through: the link stays, the file it points
// to is replaced.
func TestWriteThroughSymlink(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("real.json", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := atomicfile.Write(link, 0o666, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", info, err)
	}
	assertContent(t, real, "new")
	assertOnly(t, dir, "link.json", "real.json")
}

// What a killed run left behind beside the same target is removed once it
// is stale; a recent one (another run writing now) and other files stay.
func TestWriteRemovesStaleTemps(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	old := time.Now().Add(-2 * atomicfile.StaleAfter)
	stale := ".snap.json.0123456789ab.sla-tmp"
	recent := ".snap.json.ba9876543210.sla-tmp"
	other := ".other.json.0123456789ab.sla-tmp"
	for _, name := range []string{stale, recent, other} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{stale, other} {
		if err := os.Chtimes(filepath.Join(dir, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := atomicfile.Write(filepath.Join(dir, "snap.json"), 0o644, writeString("x")); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, other, recent, "snap.json")
}

func TestWriteMissingFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := atomicfile.Write(filepath.Join(dir, "no", "x.json"), 0o644, writeString("x")); err == nil {
		t.Fatal("Write into a missing folder succeeded")
	}
	assertOnly(t, dir)
}
