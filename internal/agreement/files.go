package agreement

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sla-dev/sla/internal/diag"
)

// file is one agreement file to read.
type file struct {
	path string // as shown in diagnostics: under the folder as given
	real string // where its bytes are: symbolic links resolved
	link bool   // path is a symbolic link (inside its folder)
}

// expand turns files and folders into the files to read, sorted by path.
//
// A folder is searched recursively for *.yaml and *.yml regular files,
// skipping hidden folders. Symbolic links to folders are not followed (a
// folder inside is searched where it is anyway); a link named *.yaml or
// *.yml is read only if it leads to a regular file inside the folder
// given. Links leading outside, links leading nowhere (or around a loop)
// and named pipes, sockets and devices are skipped with a warning, so that
// a run never reads what lies outside the folders it was given, never
// waits on a pipe and never stops at a broken link.
//
// A path named on the command line is read as named, following links:
// the user chose it. It must be a folder or a regular file.
//
// Each file is read once, even when it is named twice, lies in a folder
// also named, or is the target of a link in the folder.
func expand(paths []string) ([]file, diag.List, error) {
	if len(paths) == 0 {
		paths = []string{DefaultPath}
	}
	var files []file
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
		switch {
		case info.IsDir():
			found, err := walkFolder(p, real, &diags)
			if err != nil {
				return nil, nil, err
			}
			files = append(files, found...)
		case info.Mode().IsRegular():
			files = append(files, file{path: filepath.Clean(p), real: real})
		default:
			return nil, nil, fmt.Errorf("%s: %s, not a regular file: sla reads agreements from regular files and folders", p, fileKind(info.Mode()))
		}
	}
	return readOnce(files), diags, nil
}

func pathError(p string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file or folder", p)
	case isLinkLoop(err):
		return fmt.Errorf("%s: a symbolic link that leads around a loop of links", p)
	}
	return err
}

// walkFolder finds the agreement files under the folder p, which is
// real with its links resolved.
func walkFolder(p, real string, diags *diag.List) ([]file, error) {
	var files []file
	err := filepath.WalkDir(real, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		shown := filepath.Join(p, strings.TrimPrefix(path, real))
		switch t := e.Type(); {
		case e.IsDir():
			if path != real && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
		case !isAgreementName(path):
		case t.IsRegular():
			files = append(files, file{path: shown, real: path})
		case t&fs.ModeSymlink != 0:
			if f, ok := followLink(shown, path, real, p, diags); ok {
				files = append(files, f)
			}
		default:
			diags.Warn(diag.Pos{File: shown}, "not-a-regular-file",
				"%s, not a regular file: skipped; an agreement file must be a regular file", fileKind(t))
		}
		return nil
	})
	return files, err
}

func isAgreementName(path string) bool {
	ext := filepath.Ext(path)
	return ext == ".yaml" || ext == ".yml"
}

// followLink resolves a link found in a folder: it is read if it leads to
// a regular file inside the folder, and skipped with a warning otherwise.
func followLink(shown, path, folderReal, folder string, diags *diag.List) (file, bool) {
	pos := diag.Pos{File: shown}
	target, err := realPath(path)
	switch {
	case isLinkLoop(err):
		diags.Warn(pos, "broken-symlink", "symbolic link that leads around a loop of links: skipped")
		return file{}, false
	case errors.Is(err, fs.ErrNotExist):
		to, _ := os.Readlink(path)
		diags.Warn(pos, "broken-symlink", "symbolic link to %s, which does not exist: skipped", to)
		return file{}, false
	case err != nil:
		diags.Warn(pos, "broken-symlink", "symbolic link that cannot be followed (%v): skipped", err)
		return file{}, false
	}
	if rel, err := filepath.Rel(folderReal, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		diags.Warn(pos, "symlink-outside",
			"symbolic link to %s, outside %s: not read; links are followed only within the folders given: to read that file, name it or its folder on the command line",
			target, folder)
		return file{}, false
	}
	info, err := os.Stat(target)
	switch {
	case err != nil:
		diags.Warn(pos, "broken-symlink", "symbolic link that cannot be followed (%v): skipped", err)
		return file{}, false
	case info.IsDir():
		return file{}, false // a folder inside is searched where it is
	case !info.Mode().IsRegular():
		diags.Warn(pos, "not-a-regular-file",
			"symbolic link to %s, not a regular file: skipped; an agreement file must be a regular file", fileKind(info.Mode()))
		return file{}, false
	}
	return file{path: shown, real: target, link: true}, true
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

// fileKind names what a file that is not regular is.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// readOnce sorts the files by path and keeps one per real file: a file
// itself rather than a link to it, else the first by path.
func readOnce(files []file) []file {
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.path, b.path) })
	byReal := map[string]int{}
	var out []file
	for _, f := range files {
		i, ok := byReal[f.real]
		switch {
		case !ok:
			byReal[f.real] = len(out)
			out = append(out, f)
		case out[i].link && !f.link:
			out[i] = f
		}
	}
	slices.SortFunc(out, func(a, b file) int { return strings.Compare(a.path, b.path) })
	return out
}

// errNotRegular is what readLimited returns for a file that turned out
// not to be a regular file when it was opened.
var errNotRegular = errors.New("not a regular file")

// readLimited reads a regular file, but not more than one byte past
// MaxFileSize: parseSource refuses what is larger without holding all of
// it in memory. It never waits on a named pipe: it opens without waiting
// (openNoWait) and reads only what is a regular file once open.
func readLimited(path string) (data []byte, size int64, err error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if !info.Mode().IsRegular() {
		return nil, 0, fmt.Errorf("%s, %w", fileKind(info.Mode()), errNotRegular)
	}
	data, err = io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	return data, max(int64(len(data)), info.Size()), nil
}
