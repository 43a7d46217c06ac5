package gitrev

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"time"
)

// tree is the files of a revision as a read-only fs.FS: its folders are
// those the files lie in.
type tree struct {
	blobs   map[string]*blob
	folders map[string][]string // folder ("." at the top) → names in it, sorted
}

// blob is a file of a tree.
type blob struct {
	path string
	size int64
	data []byte // nil if it was not read (over the size asked for)
}

func newTree() *tree {
	return &tree{blobs: map[string]*blob{}, folders: map[string][]string{".": nil}}
}

// add records the file at p, and the folders on its way.
func (t *tree) add(p string, size int64) *blob {
	b := &blob{path: p, size: size}
	t.blobs[p] = b
	for child := p; child != "."; child = path.Dir(child) {
		dir, name := path.Dir(child), path.Base(child)
		names, seen := t.folders[dir]
		if i, ok := slices.BinarySearch(names, name); !ok {
			t.folders[dir] = slices.Insert(names, i, name)
		}
		if seen && dir != "." {
			break // its own folders are recorded already
		}
	}
	return b
}

func (t *tree) Open(name string) (fs.File, error) {
	info, err := t.lookup(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if info.IsDir() {
		entries, err := t.ReadDir(name)
		if err != nil {
			return nil, err
		}
		return &openFolder{info: info, entries: entries}, nil
	}
	b := t.blobs[name]
	if b.data == nil {
		return &openBlob{info: info, err: fmt.Errorf("%s: %d bytes, larger than was read", name, b.size)}, nil
	}
	return &openBlob{info: info, r: bytes.NewReader(b.data)}, nil
}

func (t *tree) Stat(name string) (fs.FileInfo, error) {
	info, err := t.lookup(name)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return info, nil
}

// lookup describes the file or folder at name.
func (t *tree) lookup(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, fs.ErrInvalid
	}
	if b, ok := t.blobs[name]; ok {
		return fileInfo{name: path.Base(name), size: b.size}, nil
	}
	if _, ok := t.folders[name]; ok {
		return fileInfo{name: path.Base(name), dir: true}, nil
	}
	return nil, fs.ErrNotExist
}

func (t *tree) ReadDir(name string) ([]fs.DirEntry, error) {
	info, err := t.lookup(name)
	if err == nil && !info.IsDir() {
		err = errors.New("not a folder")
	}
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	var out []fs.DirEntry
	for _, n := range t.folders[name] {
		info, err := t.lookup(path.Join(name, n))
		if err != nil {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
		}
		out = append(out, fs.FileInfoToDirEntry(info))
	}
	return out, nil
}

// fileInfo describes a file or folder of a tree.
type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

// openBlob is a file of a tree, open for reading.
type openBlob struct {
	info fs.FileInfo
	r    io.Reader
	err  error // why it cannot be read
}

func (f *openBlob) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openBlob) Close() error               { return nil }
func (f *openBlob) Read(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	return f.r.Read(p)
}

// openFolder is a folder of a tree, open for listing.
type openFolder struct {
	info    fs.FileInfo
	entries []fs.DirEntry
}

func (f *openFolder) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openFolder) Close() error               { return nil }
func (f *openFolder) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: f.info.Name(), Err: errors.New("is a folder")}
}

func (f *openFolder) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		out := f.entries
		f.entries = nil
		return out, nil
	}
	if len(f.entries) == 0 {
		return nil, io.EOF
	}
	out := f.entries[:min(n, len(f.entries))]
	f.entries = f.entries[len(out):]
	return out, nil
}
