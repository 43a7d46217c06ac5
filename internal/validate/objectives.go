package validate

import (
	"fmt"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

// checkObjective checks an objective's references, labels and within.
// Which fields it takes (field-not-for-metric, label-required) depends on
// its metric, and the schema's branches say it.
func checkObjective(a *agreement.Agreement, o *agreement.Objective, idx *index, diags *diag.List) {
	if o.Calendar != "" {
		checkCalendarRef(o.Calendar, o.Pos("calendar"), idx, diags)
	}
	checkLabels(&o.Where.Loc, o.Where.LabelFilter, diags)
	calName := a.Spec.ObjectiveCalendar(o)
	if calName != agreement.AlwaysOpen && o.Within.Days {
		fix := ", e.g. 16h for two 8-hour days"
		week := agreement.Week
		if c := idx.calendars[calName]; c != nil && !c.Spec.Hours.Invalid && o.Within.D%week == 0 && weeklyOpen(c) > 0 {
			// Weeks have a length in open hours: the calendar's week.
			weeks := "a week"
			if n := o.Within.D / week; n > 1 {
				weeks = fmt.Sprintf("%d weeks", n)
			}
			fix = fmt.Sprintf(": %s, the open hours of %s under %s", hours(weeklyOpen(c)*(o.Within.D/week)), weeks, calName)
		}
		diags.Add(o.Pos("within"), diag.BusinessDaysInWithin,
			"within %q uses days or weeks, but under calendar %q it counts business time, where a day is not 24 hours: write hours%s",
			o.Within.Raw, calName, fix)
		return // what the window holds is measured in hours: 1w is not 168 of them here
	}
	checkWindow(a, o, calName, idx, diags)
}

// checkWindow refuses a within longer than the time the window can hold:
// wall time under 24x7, the calendar's nominal open hours otherwise.
func checkWindow(a *agreement.Agreement, o *agreement.Objective, calName agreement.Name, idx *index, diags *diag.List) {
	w := a.Spec.Window
	if o.Within.D <= 0 || (w.D <= 0 && w.Period == "") {
		return
	}
	days := float64(w.D) / float64(24*time.Hour)
	switch w.Period {
	case agreement.PeriodMonth:
		days = 28 // the shortest month
	case agreement.PeriodQuarter:
		days = 90 // the shortest quarter
	}
	capacity := time.Duration(days * float64(24*time.Hour))
	what := "wall-clock time"
	if calName != agreement.AlwaysOpen {
		c := idx.calendars[calName]
		if c == nil || c.Spec.Hours.Invalid {
			return // unknown, unreadable or with bad hours: reported elsewhere
		}
		capacity = time.Duration(float64(weeklyOpen(c)) * days / 7)
		what = fmt.Sprintf("open hours under calendar %s", calName)
	}
	if o.Within.D > capacity {
		diags.Add(o.Pos("within"), diag.WindowShorterThanWithin,
			"within %s is more than the window %s can hold (%s of %s), so no clock in it could ever be breached: lengthen the agreement's window or shorten within",
			o.Within.Raw, w.Raw, hours(capacity), what)
	}
}

// weeklyOpen is how long a calendar is open in a week.
func weeklyOpen(c *agreement.Calendar) time.Duration {
	var weekly time.Duration
	for _, day := range c.Spec.Hours.Week {
		for _, r := range day {
			weekly += r.Duration()
		}
	}
	return weekly
}

// hours shows a capacity in hours and minutes, rounded down, so that it
// never looks as large as a within that exceeds it.
func hours(d time.Duration) string {
	h, m := d/time.Hour, d%time.Hour/time.Minute
	if m == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}
