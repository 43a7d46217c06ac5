// Package atomicfile writes a file whole or not at all: the content goes to
// a temporary file beside the target, is synced to disk, and is renamed over
// the target, so that readers see the old file or the new one, never a part.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// tempSuffix ends the name of every temporary file, so that leftovers of a
// killed run can be recognised and removed by the next write.
const tempSuffix = ".sla-tmp"

// StaleAfter is how old a leftover temporary file of the same target must
// be before a write removes it: far longer than any write takes, so that
// two runs writing the same file at once never remove each other's.
const StaleAfter = time.Hour

// maxNameTries bounds the search for an unused temporary name.
const maxNameTries = 100

// Write writes the file at path with what write produces.
//
// A file that exists keeps its permission bits; a new file gets perm less
// the process's umask, as os.OpenFile would give it. The temporary file is
// removed on every way out — an error of write, of the disk or of the
// rename, and a panic in write (which then goes on) — and the target is
// then as it was. The data is synced before the rename, and the folder
// after it where the system allows, so that a crash just after Write
// returns does not lose the file. A symbolic link is written through: the
// file it points to is replaced, and the link stays.
func Write(path string, perm os.FileMode, write func(io.Writer) error) error {
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(path); err == nil {
			path = real
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	removeStale(dir, base)
	// An existing file's mode is applied as is after creating; a new
	// file's is given when creating, where the umask applies.
	info, statErr := os.Stat(path)
	exists := statErr == nil && info.Mode().IsRegular()
	if exists {
		perm = 0o600
	}
	tmp, err := create(dir, base, perm.Perm())
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if exists {
		if err := tmp.Chmod(info.Mode().Perm()); err != nil {
			return err
		}
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	committed = true
	return syncDir(dir)
}

// create makes a new temporary file beside the target, named after it.
func create(dir, base string, perm os.FileMode) (*os.File, error) {
	var b [6]byte
	for range maxNameTries {
		_, _ = rand.Read(b[:]) // never fails (crypto/rand)
		name := filepath.Join(dir, "."+base+"."+hex.EncodeToString(b[:])+tempSuffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("no unused temporary file name beside %s after %d tries", filepath.Join(dir, base), maxNameTries)
}

// removeStale removes the temporary files that writes of the same target
// left behind when their process was killed, once they are StaleAfter old.
// It is best effort: a folder that cannot be listed is left as it is.
func removeStale(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + "."
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, tempSuffix) ||
			len(name) != len(prefix)+12+len(tempSuffix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > StaleAfter {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// syncDir makes a rename in dir durable. Windows cannot open a folder for
// syncing, and some file systems refuse to sync one: there the rename is
// as durable as the system makes it.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return fmt.Errorf("the file was written, but its folder could not be synced: %w", err)
	}
	return nil
}
