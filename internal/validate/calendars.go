package validate

import (
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

func checkCalendars(set *agreement.Set, diags *diag.List) {
	for _, c := range set.Calendars {
		if advice := timezoneAdvice(c.Spec.Timezone.Name); advice != "" && c.Spec.Timezone.Location != nil {
			diags.Warn(c.Spec.Pos("timezone"), diag.TimezoneNotARegion, "%s", advice)
		}
		open := false
		for _, day := range c.Spec.Hours.Week {
			open = open || len(day) > 0
		}
		if !open && !c.Spec.Hours.Invalid && c.Spec.Loc.Has("hours") {
			diags.Add(c.Spec.Pos(agreement.Key("hours")), diag.CalendarClosed,
				"calendar %q has no open hours in the week: give at least one day a range such as mon-fri: [\"09:00-17:00\"]",
				c.Metadata.Name)
		}
		seen := map[string]int{}
		for i, h := range c.Spec.Holidays {
			if !h.Set {
				continue
			}
			if first, ok := seen[h.String()]; ok {
				diags.Warn(c.Spec.Pos("holidays", i), diag.DuplicateHoliday,
					"holiday %s is listed twice (also as item %d): remove one", h, first+1)
				continue
			}
			seen[h.String()] = i
		}
	}
}
