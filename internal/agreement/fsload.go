package agreement

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sla-dev/sla/internal/diag"
)

// LoadFS reads the agreement files under paths in fsys, as Load does in
// the working tree: a folder is searched for *.yaml and *.yml files
// outside hidden folders, a file is read as named. name turns a path in
// fsys into the one diagnostics show. It reads a git revision (sla diff);
// Load reads the working tree with it.
func LoadFS(fsys fs.FS, paths []string, name func(string) string) (*Set, diag.List, error) {
	var files []found
	var diags diag.List
	for _, p := range paths {
		f, err := find(fsys, p, name, &diags)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, f...)
	}
	files = readOnce(files, func(a, b found) bool { return a.path == b.path })
	set, err := read(files, &diags)
	return set, diags, err
}

// found is one agreement file to read.
type found struct {
	name string // as diagnostics show it: under the path as given
	fsys fs.FS
	path string      // in fsys, symbolic links followed
	info fs.FileInfo // of the file, links followed
	link bool        // name is a symbolic link (inside its folder)
}

// find lists the agreement files at p in fsys: p itself if it is a file,
// else the *.yaml and *.yml files under it, skipping hidden folders
// below it. A symbolic link named *.yaml or *.yml (where fsys has them)
// is read only if it leads to a regular file inside fsys; links to
// folders are not followed (a folder inside is searched where it is).
// Links leading outside, nowhere or around a loop, and named pipes,
// sockets and devices, are skipped with a warning: a run never reads
// what lies outside the folders it was given, never waits on a pipe and
// never stops at a broken link.
func find(fsys fs.FS, p string, name func(string) string, diags *diag.List) ([]found, error) {
	info, err := fs.Stat(fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: no such file or folder", name(p))
	case err != nil:
		return nil, err
	case info.Mode().IsRegular():
		return []found{{name: name(p), fsys: fsys, path: p, info: info}}, nil
	case !info.IsDir():
		return nil, fmt.Errorf("%s: %s, not a regular file: sla reads agreements from regular files and folders", name(p), fileKind(info.Mode()))
	}
	var files []found
	err = fs.WalkDir(fsys, p, func(fp string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		shown := name(fp)
		switch t := e.Type(); {
		case e.IsDir():
			if fp != p && strings.HasPrefix(e.Name(), ".") {
				return fs.SkipDir
			}
		case !isAgreementName(fp):
		case t.IsRegular():
			info, err := e.Info()
			if err != nil {
				return err
			}
			files = append(files, found{name: shown, fsys: fsys, path: fp, info: info})
		case t&fs.ModeSymlink != 0:
			if f, ok := followLink(fsys, fp, p, shown, name(p), diags); ok {
				files = append(files, f)
			}
		default:
			diags.Warn(diag.Pos{File: shown}, diag.NotARegularFile,
				"%s, not a regular file: skipped; an agreement file must be a regular file", fileKind(t))
		}
		return nil
	})
	return files, err
}

func isAgreementName(p string) bool {
	ext := path.Ext(p)
	return ext == ".yaml" || ext == ".yml"
}

// followLink resolves the link at p found in the folder at dir (shown
// as folder): it is read if it leads to a regular file inside that folder,
// and skipped with a warning otherwise.
func followLink(fsys fs.FS, p, dir, shown, folder string, diags *diag.List) (found, bool) {
	pos := diag.Pos{File: shown}
	to, _ := fs.ReadLink(fsys, p)
	target, err := resolveLink(fsys, p, dir)
	switch {
	case errors.Is(err, errOutside):
		diags.Warn(pos, diag.SymlinkOutside,
			"symbolic link to %s, outside %s: not read; links are followed only within the folders given: to read that file, name it or its folder on the command line",
			to, folder)
		return found{}, false
	case isLinkLoop(err):
		diags.Warn(pos, diag.BrokenSymlink, "symbolic link that leads around a loop of links: skipped")
		return found{}, false
	case errors.Is(err, fs.ErrNotExist):
		diags.Warn(pos, diag.BrokenSymlink, "symbolic link to %s, which does not exist: skipped", to)
		return found{}, false
	case err != nil:
		diags.Warn(pos, diag.BrokenSymlink, "symbolic link that cannot be followed (%v): skipped", err)
		return found{}, false
	}
	// fsys follows the link itself, and refuses (in the working tree, an
	// os.Root does) whatever would take it outside.
	info, err := fs.Stat(fsys, target)
	switch {
	case err != nil:
		diags.Warn(pos, diag.BrokenSymlink, "symbolic link that cannot be followed (%v): skipped", err)
		return found{}, false
	case info.IsDir():
		return found{}, false // a folder inside is searched where it is
	case !info.Mode().IsRegular():
		diags.Warn(pos, diag.NotARegularFile,
			"symbolic link to %s, not a regular file: skipped; an agreement file must be a regular file", fileKind(info.Mode()))
		return found{}, false
	}
	return found{name: shown, fsys: fsys, path: target, info: info, link: true}, true
}

// errOutside says that a symbolic link leads outside the folder it is
// in: by an absolute path, or by ".." past it.
var errOutside = errors.New("symbolic link leads outside")

// maxLinks bounds a chain of symbolic links, as systems do.
const maxLinks = 40

// resolveLink follows the symbolic link at p, and the links it leads to,
// by what they say, within the folder dir of fsys: the path it leads to,
// errOutside, errLinkLoop, or an error that says it leads nowhere.
func resolveLink(fsys fs.FS, p, dir string) (string, error) {
	for range maxLinks {
		to, err := fs.ReadLink(fsys, p)
		if err != nil {
			return "", err
		}
		if path.IsAbs(to) || filepath.IsAbs(to) || filepath.VolumeName(to) != "" {
			return "", errOutside
		}
		next := path.Join(path.Dir(p), filepath.ToSlash(to))
		if !within(next, dir) {
			return "", errOutside
		}
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return next, nil
		}
		p = next
	}
	return "", errLinkLoop
}

// within reports whether the path p of a file system lies in its folder
// dir ("." for its top).
func within(p, dir string) bool {
	if dir == "." {
		return p != ".." && !strings.HasPrefix(p, "../")
	}
	return p == dir || strings.HasPrefix(p, dir+"/")
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

// readOnce sorts the files by name and keeps one of those that are the
// same file: the file itself rather than a link to it, else the first by
// name.
func readOnce(files []found, same func(a, b found) bool) []found {
	slices.SortFunc(files, func(a, b found) int { return strings.Compare(a.name, b.name) })
	var out []found
	for _, f := range files {
		i := slices.IndexFunc(out, func(o found) bool { return same(o, f) })
		switch {
		case i < 0:
			out = append(out, f)
		case out[i].link && !f.link:
			out[i] = f
		}
	}
	slices.SortFunc(out, func(a, b found) int { return strings.Compare(a.name, b.name) })
	return out
}

// read reads and decodes the files. A file larger than MaxFileSize is
// reported, not read; one that is no longer a regular file (it changed
// since it was found) is skipped with a warning.
func read(files []found, diags *diag.List) (*Set, error) {
	set := &Set{Sources: map[string][]byte{}}
	for _, f := range files {
		data, size, err := readLimited(f)
		if errors.Is(err, errNotRegular) {
			diags.Warn(diag.Pos{File: f.name}, diag.NotARegularFile, "%v: skipped; an agreement file must be a regular file", err)
			continue
		}
		if err != nil {
			return nil, err
		}
		if size > MaxFileSize {
			set.Files++
			set.Incomplete = append(set.Incomplete, f.name)
			diags.Add(diag.Pos{File: f.name}, diag.FileTooLarge,
				"file is %s; agreement files may be at most %s: split it into several files",
				byteSize(size), byteSize(MaxFileSize))
			continue
		}
		set.Sources[f.name] = data
		set.addFile(f.name, data, diags)
	}
	return set, nil
}

// errNotRegular is what readLimited returns for a file that turned out
// not to be a regular file when it was opened.
var errNotRegular = errors.New("not a regular file")

// readLimited reads a regular file, but not more than one byte past
// MaxFileSize, nor anything of a file that says it is larger: read
// refuses what is larger without holding all of it in memory. Opened
// through a working tree's file system, it never waits on a named pipe
// (see osFolder.Open), and it reads only what is a regular file once
// open.
func readLimited(f found) (data []byte, size int64, err error) {
	if f.info.Size() > MaxFileSize {
		return nil, f.info.Size(), nil
	}
	file, err := f.fsys.Open(f.path)
	if err != nil {
		return nil, 0, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, 0, err
	}
	if !info.Mode().IsRegular() {
		return nil, 0, fmt.Errorf("%s, %w", fileKind(info.Mode()), errNotRegular)
	}
	data, err = io.ReadAll(io.LimitReader(file, MaxFileSize+1))
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", f.name, err)
	}
	return data, max(int64(len(data)), info.Size()), nil
}
