package agreement

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sla-dev/sla/internal/diag"
)

// Load reads every *.yaml and *.yml file under the given files and
// folders of the working tree (agreements/ when none is given) and
// decodes their documents, through the loader LoadFS uses. Problems with
// the files' contents are returned as diagnostics, all of them; an error
// means a path could not be read at all.
//
// Each folder is read through an os.Root: links inside it are followed
// only to files inside it. A path named on the command line is read as
// named, following links: the user chose it. It must be a folder or a
// regular file.
//
// Each file is read once, even when it is named twice, lies in a folder
// also named, or is the target of a link in the folder.
func Load(paths []string) (*Set, diag.List, error) {
	if len(paths) == 0 {
		paths = []string{DefaultPath}
	}
	var files []found
	var diags diag.List
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, nil, pathError(p, err)
		}
		real, err := realPath(p)
		if err != nil {
			return nil, nil, pathError(p, err)
		}
		folder, at, name := real, ".", func(fp string) string { return filepath.Join(p, filepath.FromSlash(fp)) }
		switch {
		case info.Mode().IsRegular():
			folder, at, name = filepath.Dir(real), filepath.Base(real), func(string) string { return filepath.Clean(p) }
		case !info.IsDir():
			return nil, nil, fmt.Errorf("%s: %s, not a regular file: sla reads agreements from regular files and folders", p, fileKind(info.Mode()))
		}
		root, err := os.OpenRoot(folder)
		if err != nil {
			return nil, nil, pathError(p, err)
		}
		defer root.Close() // once the files are read, below

		found, err := find(osFolder{root}, at, name, &diags)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, found...)
	}
	files = readOnce(files, func(a, b found) bool { return os.SameFile(a.info, b.info) })
	set, err := read(files, &diags)
	return set, diags, err
}

// osFolder is a folder of the working tree as a file system: an os.Root,
// which refuses to follow a link out of it, whose files are opened without
// waiting for a writer (see openNoWait).
type osFolder struct{ root *os.Root }

func (f osFolder) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	file, err := openNoWait(f.root, name)
	if err != nil {
		return nil, err
	}
	return file, nil
}

func (f osFolder) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.root.FS(), name) }
func (f osFolder) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.root.FS(), name) }
func (f osFolder) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(f.root.FS(), name) }
func (f osFolder) ReadLink(name string) (string, error)       { return fs.ReadLink(f.root.FS(), name) }

func pathError(p string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file or folder", p)
	case isLinkLoop(err):
		return fmt.Errorf("%s: a symbolic link that leads around a loop of links", p)
	}
	return err
}

// realPath is the absolute path of a file with every symbolic link on the
// way resolved.
func realPath(p string) (string, error) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

// isLinkLoop reports whether err says that links lead around a loop (or
// through too many links to tell).
func isLinkLoop(err error) bool {
	return err != nil && (errors.Is(err, errLinkLoop) || strings.Contains(err.Error(), "too many links"))
}
