package validate

import (
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

func checkAgreement(a *agreement.Agreement, idx *index, diags *diag.List) {
	s := &a.Spec
	checkTeamRef(s.Provider, "provider", s.Pos("provider"), idx, diags)
	seen := map[agreement.Name]int{}
	for i, c := range s.Consumers {
		pos := s.Pos("consumers", i)
		checkTeamRef(c, "consumer", pos, idx, diags)
		if c == s.Provider && c != "" {
			diags.Add(pos, diag.SelfConsumer,
				"team %q is the provider of this agreement and cannot also be its consumer: remove it from consumers", c)
		}
		if first, ok := seen[c]; ok {
			diags.Warn(pos, diag.DuplicateConsumer, "consumer %q is listed twice (also as item %d): remove one", c, first+1)
		}
		seen[c] = i
	}
	if s.Calendar != "" {
		checkCalendarRef(s.Calendar, s.Pos("calendar"), idx, diags)
	} else {
		checkDefaultCalendar(a, idx, diags)
	}
	checkLabels(&s.Scope.Loc, s.Scope.LabelFilter, diags)
	objectives := map[agreement.Name]*agreement.Objective{}
	for i := range s.Objectives {
		o := &s.Objectives[i]
		if first, ok := objectives[o.Name]; ok {
			diags.Add(o.Pos("name"), diag.DuplicateObjective,
				"objective %q is already defined at line %d of this agreement: objective names must be unique", o.Name, first.Pos("name").Line)
		} else {
			objectives[o.Name] = o
		}
		checkObjective(a, o, idx, diags)
	}
	checkExpectations(s.Expectations.Provider, agreement.OwnerProvider, "provider", &s.Expectations, objectives, diags)
	checkExpectations(s.Expectations.Consumers, agreement.OwnerConsumers, "consumers", &s.Expectations, objectives, diags)
}

// checkDefaultCalendar warns about an agreement without a calendar whose
// objectives therefore count every hour: 24x7 by default, not by choice,
// is the likelier reading, and a far stricter promise than business hours.
// Writing calendar: 24x7 says it is meant.
func checkDefaultCalendar(a *agreement.Agreement, idx *index, diags *diag.List) {
	for _, o := range a.Spec.Objectives {
		if o.Calendar != "" {
			continue
		}
		choose := "name one of the Calendars"
		if names := idx.calendarNames(); len(names) > 1 {
			choose += " (" + strings.Join(names[:len(names)-1], ", ") + ")"
		} else {
			choose = "define a Calendar with the team's hours"
		}
		diags.Warn(a.Pos(agreement.Key("spec")), diag.NoCalendar,
			"agreement %q has no calendar, so %s every hour of the week (24x7, UTC), not business hours, a far stricter promise: write `calendar: 24x7` if that is meant, or %s",
			a.Metadata.Name, objectivesCount(a), choose)
		return
	}
}

// objectivesCount says which objectives count without a calendar of their
// own: "its objectives count", "objective first-response counts".
func objectivesCount(a *agreement.Agreement) string {
	var own []string
	for _, o := range a.Spec.Objectives {
		if o.Calendar == "" {
			own = append(own, string(o.Name))
		}
	}
	if len(own) == len(a.Spec.Objectives) {
		return "its objectives count"
	}
	if len(own) == 1 {
		return "objective " + own[0] + " counts"
	}
	return "objectives " + strings.Join(own, ", ") + " count"
}

// checkLabels warns about a label both required and excluded: no issue
// could ever match.
func checkLabels(loc *agreement.Loc, f agreement.LabelFilter, diags *diag.List) {
	for i, l := range f.ExcludeLabels {
		for _, r := range f.Labels {
			if strings.EqualFold(l, r) { // labels match without regard to case
				diags.Warn(loc.Pos("exclude_labels", i), diag.ContradictoryLabels,
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
		if o == nil {
			untitled := map[agreement.Name]string{}
			for n := range objectives {
				untitled[n] = ""
			}
			meant, _ := meantBy(string(x.Objective), untitled)
			if !x.Objective.Valid() {
				diags.Add(pos, diag.InvalidName, "%s%s", x.Objective.Problem(), meantHint(meant, "", "objectives", untitled))
			} else {
				diags.Add(pos, diag.UnknownReference, "objective %q is not an objective of this agreement%s",
					x.Objective, meantHint(meant, "", "objectives", untitled))
			}
			continue
		}
		if o.Owner != side {
			diags.Add(pos, diag.ExpectationSide,
				"objective %q is owned by the %s, so it cannot measure an expectation of the %s: move this expectation under %s, or tie it to a %s-owned objective",
				x.Objective, o.Owner, sideName, o.Owner, side)
		}
	}
}
