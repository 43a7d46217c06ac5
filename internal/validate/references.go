package validate

import (
	"cmp"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/suggest"
)

// unknownRef is a reference to a name that no document of its kind has.
type unknownRef struct {
	kind string // agreement.KindTeam or agreement.KindCalendar
	role string // provider, consumer, calendar
	name agreement.Name
	pos  diag.Pos
	near agreement.Name // the name probably meant, if one is close
	typo string         // " (did you mean …?)" for it
}

// checkTeamRef notes a reference to a team that does not exist, and
// reports one that is not a valid name.
func checkTeamRef(name agreement.Name, role string, pos diag.Pos, idx *index, diags *diag.List) {
	if _, ok := idx.teams[name]; ok {
		return
	}
	titles := map[agreement.Name]string{}
	for n, t := range idx.teams {
		if t != nil {
			titles[n] = t.Metadata.Title
		}
	}
	checkRef(name, agreement.KindTeam, role, pos, idx, titles, diags)
}

func checkCalendarRef(name agreement.Name, pos diag.Pos, idx *index, diags *diag.List) {
	if _, ok := idx.calendars[name]; ok || name == agreement.AlwaysOpen {
		return
	}
	titles := map[agreement.Name]string{agreement.AlwaysOpen: ""}
	for n, c := range idx.calendars {
		if c != nil {
			titles[n] = c.Metadata.Title
		}
	}
	checkRef(name, agreement.KindCalendar, "calendar", pos, idx, titles, diags)
}

// checkRef reports a reference that is not a valid name, with the
// document it probably means, and notes one that names no document.
func checkRef(name agreement.Name, kind, role string, pos diag.Pos, idx *index, titles map[agreement.Name]string, diags *diag.List) {
	meant, title := meantBy(string(name), titles)
	if !name.Valid() {
		what := "Teams"
		if kind == agreement.KindCalendar {
			what = "calendars"
		}
		diags.Add(pos, diag.InvalidName, "%s%s", name.Problem(), meantHint(meant, title, what, titles))
		return
	}
	hint := ""
	if meant != "" {
		hint = meantHint(meant, title, "", nil)
	}
	idx.unknown = append(idx.unknown, unknownRef{kind, role, name, pos, meant, hint})
}

// meantBy finds the name a reference that names nothing probably means:
// a near miss of a name, or a document's title, as written ("Platform
// Engineering") or made into a name ("platform-engineering"). title is
// the title it matched, if it was one.
func meantBy(ref string, titles map[agreement.Name]string) (name agreement.Name, title string) {
	names := slices.Sorted(maps.Keys(titles))
	asName := agreement.NameFor(ref)
	if _, ok := titles[agreement.Name(asName)]; ok && asName != ref {
		return agreement.Name(asName), "" // a name in capitals, or with spaces: Payments
	}
	for _, n := range names {
		if t := titles[n]; t != "" && (strings.EqualFold(strings.TrimSpace(ref), t) || asName == agreement.NameFor(t)) {
			return n, t
		}
	}
	strs := make([]string, len(names))
	for i, n := range names {
		strs[i] = string(n)
	}
	for _, try := range []string{ref, asName} {
		if c := suggest.Closest(try, strs); c != "" {
			return agreement.Name(c), ""
		}
	}
	return "", ""
}

// meantHint says which name was probably meant, or, for what (a reference
// that is not a valid name), lists the names there are.
func meantHint(meant agreement.Name, title, what string, titles map[agreement.Name]string) string {
	switch {
	case meant != "" && title != "":
		return fmt.Sprintf(" (did you mean %q? %q is its title)", meant, title)
	case meant != "":
		return fmt.Sprintf(" (did you mean %q?)", meant)
	case what != "":
		names := make([]string, 0, len(titles))
		for _, n := range slices.Sorted(maps.Keys(titles)) {
			if n != agreement.AlwaysOpen {
				names = append(names, string(n))
			}
		}
		if _, ok := titles[agreement.AlwaysOpen]; ok {
			names = append(names, agreement.AlwaysOpen) // the built-in last
		}
		return knownList(names, what)
	}
	return ""
}

// reportReferences reports duplicate names and unknown references
// together, so that one mistake gives one message:
//
//   - a document that repeats another's name is the likely cause of a
//     reference to a name that nothing has (a Team copied and not
//     renamed): its duplicate-name says so, and the references are not
//     reported on their own;
//   - while some file could not be read at all (a syntax error), a
//     reference that is not a near miss may be to what it defines: not
//     reported until that is fixed;
//   - when the files read define no document of a kind at all, its
//     references are one problem per file, the hint to validate the
//     files together, not one "not a Team" each.
func reportReferences(set *agreement.Set, idx *index, diags *diag.List) {
	explained := map[refName]bool{}
	for _, d := range idx.duplicates {
		if culprit, other, meant, refs := idx.meant(d); meant != "" {
			reportMeant(culprit, other, meant, refs, diags)
			explained[refName{culprit.Kind, meant}] = true
			continue
		}
		// The later one keeps the blame, unless only it has the name in its
		// title or file name: then the first is the copy.
		culprit, other := d.second, d.first
		if suggests(d.second, d.second.Metadata.Name) && !suggests(d.first, d.first.Metadata.Name) {
			culprit, other = d.first, d.second
		}
		diags.Add(culprit.Pos("metadata", "name"), diag.DuplicateName,
			"%s %q is already defined at %s: names must be unique for each kind", culprit.Kind, culprit.Metadata.Name, other.Pos("metadata", "name"))
	}
	var alone []unknownRef
	for _, r := range idx.unknown {
		switch {
		case explained[refName{r.kind, r.name}]:
		case r.typo != "":
			diags.Add(r.pos, diag.UnknownReference, "%s %q is not a %s%s", r.role, r.name, r.kind, r.typo)
		case len(set.Incomplete) > 0:
		case idx.none(r.kind):
			alone = append(alone, r)
		default:
			diags.Add(r.pos, diag.UnknownReference, "%s %q is not a %s%s", r.role, r.name, r.kind, idx.knownNames(r.kind))
		}
	}
	reportAlone(alone, diags)
}

type refName struct {
	kind string
	name agreement.Name
}

func (idx *index) none(kind string) bool {
	if kind == agreement.KindTeam {
		return len(idx.teams) == 0
	}
	return len(idx.calendars) == 0
}

// knownNames lists the names of a kind, for a reference to none of them.
func (idx *index) knownNames(kind string) string {
	if kind == agreement.KindTeam {
		return knownList(idx.teamNames(), "Teams")
	}
	return knownList(idx.calendarNames(), "calendars")
}

// meant finds the name a duplicate document was probably meant to have:
// one that references use and no document has. Of the two documents, the
// culprit is the one whose title or file name has that name in it (the
// copy that was not renamed), else the later. It returns meant == "" when
// no such name stands out.
func (idx *index) meant(d duplicate) (culprit, other *agreement.Header, meant agreement.Name, refs []unknownRef) {
	byName := map[agreement.Name][]unknownRef{}
	var names []agreement.Name
	for _, r := range idx.unknown {
		if r.kind != d.second.Kind || (r.near != "" && r.near != d.second.Metadata.Name) {
			continue
		}
		if byName[r.name] == nil {
			names = append(names, r.name)
		}
		byName[r.name] = append(byName[r.name], r)
	}
	for _, n := range names {
		switch {
		case suggests(d.second, n):
			return d.second, d.first, n, byName[n]
		case suggests(d.first, n):
			return d.first, d.second, n, byName[n]
		}
	}
	if len(names) == 1 {
		return d.second, d.first, names[0], byName[names[0]]
	}
	return nil, nil, "", nil
}

// suggests reports whether a document's title or file name contains a
// name: a Team titled "Identity & Access", or in identity.yaml, suggests
// "identity".
func suggests(h *agreement.Header, name agreement.Name) bool {
	file := strings.TrimSuffix(filepath.Base(h.File), filepath.Ext(h.File))
	for _, s := range []string{h.Metadata.Title, file} {
		if label := agreement.NameFor(s); label != "" && strings.Contains("-"+label+"-", "-"+string(name)+"-") {
			return true
		}
	}
	return false
}

func reportMeant(culprit, other *agreement.Header, meant agreement.Name, refs []unknownRef, diags *diag.List) {
	first := refs[0]
	which := fmt.Sprintf("which %s refers to (%s)", first.role, first.pos)
	if len(refs) > 1 {
		which = fmt.Sprintf("which %d references name (the first, %s, at %s)", len(refs), first.role, first.pos)
	}
	diags.Add(culprit.Pos("metadata", "name"), diag.DuplicateName,
		"%s %q is also defined at %s, and no %s is named %q, %s: this %s was probably meant to be %q (`name: %s`)",
		culprit.Kind, culprit.Metadata.Name, other.Pos("metadata", "name"), culprit.Kind, meant, which, culprit.Kind, meant, meant)
}

// reportAlone reports, once per file, the references to kinds of which the
// files read have no document at all: the file was most likely validated
// without the files that define them.
func reportAlone(refs []unknownRef, diags *diag.List) {
	byFile := map[string][]unknownRef{}
	for _, r := range refs {
		byFile[r.pos.File] = append(byFile[r.pos.File], r)
	}
	for _, file := range slices.Sorted(maps.Keys(byFile)) {
		refs := byFile[file]
		slices.SortStableFunc(refs, func(a, b unknownRef) int {
			return cmp.Or(cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Col, b.pos.Col))
		})
		var kinds []string
		for _, r := range refs {
			if !slices.Contains(kinds, r.kind+"s") {
				kinds = append(kinds, r.kind+"s")
			}
		}
		slices.Sort(kinds) // Calendars, Teams
		slices.Reverse(kinds)
		verb := "is"
		if len(refs) > 1 {
			verb = "are"
		}
		example := "teams.yaml"
		if kinds[0] == agreement.KindCalendar+"s" {
			example = "calendars.yaml"
		}
		diags.Add(refs[0].pos, diag.UnknownReference,
			"%s %s not defined in the files read, which have no %s at all: references resolve across all the files validated together, and %s usually have files of their own (such as %s): validate the whole folder (`sla validate` with no path reads agreements/)",
			listRefs(refs), verb, strings.Join(kinds, " or "), strings.Join(kinds, " and "), example)
	}
}

// listRefs names references by role: `provider "identity", consumers
// "payments" and "growth", and calendar "berlin-office"`.
func listRefs(refs []unknownRef) string {
	var roles []string
	byRole := map[string][]string{}
	for _, r := range refs {
		if byRole[r.role] == nil {
			roles = append(roles, r.role)
		}
		byRole[r.role] = append(byRole[r.role], fmt.Sprintf("%q", r.name))
	}
	parts := make([]string, len(roles))
	for i, role := range roles {
		names := byRole[role]
		if len(names) > 1 {
			role += "s"
		}
		parts[i] = role + " " + andList(names)
	}
	if len(parts) > 2 {
		return strings.Join(parts[:len(parts)-1], ", ") + ", and " + parts[len(parts)-1]
	}
	return andList(parts)
}

func andList(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// knownList lists the names there are, so that a message about a name
// that is none of them always says what to write instead.
func knownList(names []string, what string) string {
	if len(names) == 0 {
		return fmt.Sprintf("; no %s are defined in the files read", what)
	}
	if len(names) > 10 {
		names = append(names[:10:10], "…")
	}
	return fmt.Sprintf("; known %s: %s", what, strings.Join(names, ", "))
}
