package agreement

import (
	"maps"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/sla-dev/sla/internal/diag"
	"gopkg.in/yaml.v3"
)

// DefaultPath is where agreement files live when no path is given.
const DefaultPath = "agreements"

// eachAtOnce calls do(0) … do(n-1), as many at once as there are
// processors, and returns when all have returned.
func eachAtOnce(n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		})
	}
	wg.Wait()
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
	if src.incomplete {
		s.Incomplete = append(s.Incomplete, path)
	}
	for _, root := range src.docs {
		s.Documents++
		checkDuplicateKeys(path, root, diags)
		if !checkStructure(path, data, root, diags) {
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
		_, spec := lookupKey(root, "spec")
		d.agreementCalendar = scalarValue(spec, "calendar")
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
		if o.Metric == MetricSatisfaction {
			if o.RatedBy == "" {
				o.RatedBy = RatedByAuthor
			}
			if o.MinRatings == 0 {
				o.MinRatings = DefaultMinRatings
			}
		}
	}
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
	s.Incomplete = append(s.Incomplete, o.Incomplete...)
	s.Files += o.Files
	s.Documents += o.Documents
	if s.Sources == nil {
		s.Sources = map[string][]byte{}
	}
	maps.Copy(s.Sources, o.Sources)
}
