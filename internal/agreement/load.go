package agreement

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/sla-dev/sla/internal/diag"
	"gopkg.in/yaml.v3"
)

// DefaultPath is where agreement files live when no path is given.
const DefaultPath = "agreements"

// Load reads every *.yaml and *.yml file under the given files and folders
// and decodes their documents. Problems with the files' contents are
// returned as diagnostics, all of them; an error means a path could not be
// read at all.
func Load(paths []string) (*Set, diag.List, error) {
	files, err := expand(paths)
	if err != nil {
		return nil, nil, err
	}
	set := &Set{Sources: map[string][]byte{}}
	var diags diag.List
	for _, f := range files {
		data, size, err := readLimited(f)
		if err != nil {
			return nil, nil, err
		}
		if size > MaxFileSize {
			set.Files++
			diags.Add(diag.Pos{File: f}, "file-too-large",
				"file is %s; agreement files may be at most %s: split it into several files",
				byteSize(size), byteSize(MaxFileSize))
			continue
		}
		set.Sources[f] = data
		set.addFile(f, data, &diags)
	}
	return set, diags, nil
}

// LoadBytes decodes one file's contents as if read from path.
func LoadBytes(path string, data []byte) (*Set, diag.List) {
	set := &Set{Sources: map[string][]byte{path: data}}
	var diags diag.List
	set.addFile(path, data, &diags)
	return set, diags
}

func (s *Set) addFile(path string, data []byte, diags *diag.List) {
	s.Files++
	src := parseSource(path, data, diags)
	for _, root := range src.docs {
		s.Documents++
		checkDuplicateKeys(path, root, diags)
		if !checkStructure(path, root, diags) {
			s.noteUnreadable(root)
			continue
		}
		s.decodeDocument(path, root, diags)
	}
}

// noteUnreadable remembers the kind and name of a document that could not
// be decoded, when they can be read.
func (s *Set) noteUnreadable(root *yaml.Node) {
	_, kind := lookupKey(root, "kind")
	_, meta := lookupKey(root, "metadata")
	_, name := lookupKey(meta, "name")
	if kind = resolve(kind); kind == nil || kind.Kind != yaml.ScalarNode {
		return
	}
	if name = resolve(name); name == nil || name.Kind != yaml.ScalarNode {
		return
	}
	if s.Unreadable == nil {
		s.Unreadable = map[string][]Name{}
	}
	s.Unreadable[kind.Value] = append(s.Unreadable[kind.Value], Name(name.Value))
}

func (s *Set) decodeDocument(path string, root *yaml.Node, diags *diag.List) {
	d := &decoder{file: path, diags: diags}
	_, kindNode := lookupKey(root, "kind")
	switch resolve(kindNode).Value {
	case KindTeam:
		t := new(Team)
		d.decode(root, reflect.ValueOf(t).Elem())
		s.Teams = append(s.Teams, t)
	case KindCalendar:
		c := new(Calendar)
		d.decode(root, reflect.ValueOf(c).Elem())
		s.Calendars = append(s.Calendars, c)
	case KindAgreement:
		a := new(Agreement)
		d.decode(root, reflect.ValueOf(a).Elem())
		a.applyDefaults()
		s.Agreements = append(s.Agreements, a)
	}
}

func (a *Agreement) applyDefaults() {
	if a.Spec.Scope.Authors == "" {
		a.Spec.Scope.Authors = AuthorsAnyone
	}
	for i := range a.Spec.Objectives {
		o := &a.Spec.Objectives[i]
		if o.Owner == "" {
			o.Owner = OwnerProvider
		}
		if o.Responders == "" && o.Metric == MetricFirstResponse {
			o.Responders = RespondersProvider
		}
	}
}

// expand turns files and folders into a sorted list of files: folders are
// searched recursively for *.yaml and *.yml, skipping hidden folders.
func expand(paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{DefaultPath}
	}
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			if os.IsNotExist(err) {
				return nil, fmt.Errorf("%s: no such file or folder", p)
			}
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, filepath.Clean(p))
			continue
		}
		err = filepath.WalkDir(p, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() {
				if path != p && strings.HasPrefix(e.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if ext := filepath.Ext(path); ext == ".yaml" || ext == ".yml" {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

// readLimited reads a file, but not more than one byte past MaxFileSize:
// parseSource refuses what is larger without holding all of it in memory.
func readLimited(path string) (data []byte, size int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	size = int64(len(data))
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = max(size, info.Size())
	}
	return data, size, nil
}

// Merge adds the documents of another set, as if read in the same run.
func (s *Set) Merge(o *Set) {
	s.Teams = append(s.Teams, o.Teams...)
	s.Calendars = append(s.Calendars, o.Calendars...)
	s.Agreements = append(s.Agreements, o.Agreements...)
	for k, names := range o.Unreadable {
		if s.Unreadable == nil {
			s.Unreadable = map[string][]Name{}
		}
		s.Unreadable[k] = append(s.Unreadable[k], names...)
	}
	s.Files += o.Files
	s.Documents += o.Documents
	if s.Sources == nil {
		s.Sources = map[string][]byte{}
	}
	maps.Copy(s.Sources, o.Sources)
}
