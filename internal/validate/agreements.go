package validate

import (
	"fmt"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/suggest"
)

func checkAgreement(a *agreement.Agreement, idx *index, diags *diag.List) {
	s := &a.Spec
	checkTeamRef(s.Provider, "provider", s.Pos("provider"), idx, diags)
	seen := map[agreement.Name]int{}
	for i, c := range s.Consumers {
		pos := s.Pos("consumers", i)
		checkTeamRef(c, "consumer", pos, idx, diags)
		if c == s.Provider && c != "" {
			diags.Add(pos, "self-consumer",
				"team %q is the provider of this agreement and cannot also be its consumer: remove it from consumers", c)
		}
		if first, ok := seen[c]; ok {
			diags.Warn(pos, "duplicate-consumer", "consumer %q is listed twice (also as item %d): remove one", c, first+1)
		}
		seen[c] = i
	}
	if s.Calendar != "" {
		checkCalendarRef(s.Calendar, s.Pos("calendar"), idx, diags)
	}
	checkLabels(&s.Scope.Loc, s.Scope.Labels, s.Scope.ExcludeLabels, diags)
	objectives := map[agreement.Name]*agreement.Objective{}
	for i := range s.Objectives {
		o := &s.Objectives[i]
		if first, ok := objectives[o.Name]; ok {
			diags.Add(o.Pos("name"), "duplicate-objective",
				"objective %q is already defined at line %d of this agreement: objective names must be unique", o.Name, first.Pos("name").Line)
		} else {
			objectives[o.Name] = o
		}
		checkObjective(a, o, idx, diags)
	}
	checkExpectations(s.Expectations.Provider, agreement.OwnerProvider, "provider", &s.Expectations, objectives, diags)
	checkExpectations(s.Expectations.Consumers, agreement.OwnerConsumers, "consumers", &s.Expectations, objectives, diags)
}

// checkTeamRef reports a reference to a team that does not exist. A name
// that is not valid is reported as such already, not twice.
func checkTeamRef(name agreement.Name, role string, pos diag.Pos, idx *index, diags *diag.List) {
	if _, ok := idx.teams[name]; ok || !name.Valid() {
		return
	}
	diags.Add(pos, "unknown-reference", "%s %q is not a Team%s", role, name, hintOrList(string(name), idx.teamNames(), "Teams"))
}

func checkCalendarRef(name agreement.Name, pos diag.Pos, idx *index, diags *diag.List) {
	if _, ok := idx.calendars[name]; ok || name == agreement.AlwaysOpen || !name.Valid() {
		return
	}
	diags.Add(pos, "unknown-reference", "calendar %q is not a Calendar%s", name, hintOrList(string(name), idx.calendarNames(), "calendars"))
}

// hintOrList suggests the name probably meant, or else lists the names
// that exist, so the message always says what to write instead.
func hintOrList(name string, names []string, what string) string {
	if h := suggest.Hint(name, names); h != "" {
		return h
	}
	if len(names) == 0 {
		return fmt.Sprintf("; no %s are defined in the files read", what)
	}
	if len(names) > 10 {
		names = append(names[:10:10], "…")
	}
	return fmt.Sprintf("; known %s: %s", what, joinQuoted(names))
}

func joinQuoted(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}

// checkLabels warns about a label both required and excluded: no issue
// could ever match.
func checkLabels(loc *agreement.Loc, labels, exclude []string, diags *diag.List) {
	for i, l := range exclude {
		for _, r := range labels {
			if strings.EqualFold(l, r) { // labels match without regard to case
				diags.Warn(loc.Pos("exclude_labels", i), "contradictory-labels",
					"label %q is both required and excluded, so no issue can match: remove it from one list", l)
			}
		}
	}
}

func checkExpectations(list []agreement.Expectation, side agreement.Owner, sideName string, e *agreement.Expectations,
	objectives map[agreement.Name]*agreement.Objective, diags *diag.List) {
	for i, x := range list {
		if x.Objective == "" {
			continue
		}
		pos := e.Pos(sideName, i, "objective")
		o := objectives[x.Objective]
		if o == nil && x.Objective.Valid() {
			diags.Add(pos, "unknown-reference", "objective %q is not an objective of this agreement%s",
				x.Objective, hintOrList(string(x.Objective), objectiveNames(objectives), "objectives"))
			continue
		}
		if o == nil {
			continue
		}
		if o.Owner != side {
			diags.Add(pos, "expectation-side",
				"objective %q is owned by the %s, so it cannot measure an expectation of the %s: move this expectation under %s, or tie it to a %s-owned objective",
				x.Objective, o.Owner, sideName, o.Owner, side)
		}
	}
}

func objectiveNames(m map[agreement.Name]*agreement.Objective) []string { return names(m) }
