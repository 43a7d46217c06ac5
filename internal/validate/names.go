package validate

import (
	"maps"
	"slices"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

// index holds the documents of each kind by name, for resolving references,
// and what resolving them found wrong, for reporting once all is known.
type index struct {
	teams     map[agreement.Name]*agreement.Team
	calendars map[agreement.Name]*agreement.Calendar
	// duplicates are names given twice for one kind; unknown are
	// references to names that no document has.
	duplicates []duplicate
	unknown    []unknownRef
}

// duplicate is a document whose name an earlier one of its kind has.
type duplicate struct {
	first, second *agreement.Header
}

// newIndex indexes documents by name, noting a name used twice for one
// kind (rule duplicate-name, reported with references) and reporting a
// calendar that takes the built-in name.
func newIndex(set *agreement.Set, diags *diag.List) *index {
	idx := &index{teams: map[agreement.Name]*agreement.Team{}, calendars: map[agreement.Name]*agreement.Calendar{}}
	for _, t := range set.Teams {
		addUnique(idx, idx.teams, t, &t.Header)
	}
	for _, c := range set.Calendars {
		if c.Metadata.Name == agreement.AlwaysOpen {
			diags.Add(c.Pos("metadata", "name"), diag.ReservedName,
				"%q is the built-in always-open calendar and cannot be redefined: choose another name", agreement.AlwaysOpen)
			continue
		}
		addUnique(idx, idx.calendars, c, &c.Header)
	}
	agreements := map[agreement.Name]*agreement.Agreement{}
	for _, a := range set.Agreements {
		addUnique(idx, agreements, a, &a.Header)
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

func addUnique[T any](idx *index, m map[agreement.Name]T, doc T, h *agreement.Header) {
	name := h.Metadata.Name
	if first, ok := m[name]; ok {
		idx.duplicates = append(idx.duplicates, duplicate{first: header(first), second: h})
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
