package validate

import (
	"maps"
	"slices"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

// index holds the documents of each kind by name, for resolving references.
type index struct {
	teams     map[agreement.Name]*agreement.Team
	calendars map[agreement.Name]*agreement.Calendar
}

// newIndex indexes documents by name, reporting a name used twice for one
// kind (rule duplicate-name) and a calendar that takes the built-in name.
func newIndex(set *agreement.Set, diags *diag.List) *index {
	idx := &index{teams: map[agreement.Name]*agreement.Team{}, calendars: map[agreement.Name]*agreement.Calendar{}}
	for _, t := range set.Teams {
		addUnique(idx.teams, t, &t.Header, diags)
	}
	for _, c := range set.Calendars {
		if c.Metadata.Name == agreement.AlwaysOpen {
			diags.Add(c.Pos("metadata", "name"), "reserved-name",
				"%q is the built-in always-open calendar and cannot be redefined: choose another name", agreement.AlwaysOpen)
			continue
		}
		addUnique(idx.calendars, c, &c.Header, diags)
	}
	agreements := map[agreement.Name]*agreement.Agreement{}
	for _, a := range set.Agreements {
		addUnique(agreements, a, &a.Header, diags)
	}
	// Documents that could not be read still exist: references to them are
	// not "unknown" (their own problems are reported already).
	for _, n := range set.Unreadable[agreement.KindTeam] {
		if _, ok := idx.teams[n]; !ok {
			idx.teams[n] = nil
		}
	}
	for _, n := range set.Unreadable[agreement.KindCalendar] {
		if _, ok := idx.calendars[n]; !ok {
			idx.calendars[n] = nil
		}
	}
	return idx
}

func addUnique[T any](m map[agreement.Name]T, doc T, h *agreement.Header, diags *diag.List) {
	name := h.Metadata.Name
	if first, ok := m[name]; ok {
		fh := header(first)
		diags.Add(h.Pos("metadata", "name"), "duplicate-name",
			"%s %q is already defined at %s: names must be unique for each kind", h.Kind, name, fh.Pos("metadata", "name"))
		return
	}
	m[name] = doc
}

func header(doc any) *agreement.Header {
	switch d := doc.(type) {
	case *agreement.Team:
		return &d.Header
	case *agreement.Calendar:
		return &d.Header
	case *agreement.Agreement:
		return &d.Header
	}
	panic("unknown document type")
}

func (idx *index) teamNames() []string { return names(idx.teams) }

func (idx *index) calendarNames() []string {
	return append(names(idx.calendars), agreement.AlwaysOpen)
}

func names[T any](m map[agreement.Name]T) []string {
	out := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, string(k))
	}
	return out
}
