package validate

import (
	"fmt"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

func checkObjective(a *agreement.Agreement, o *agreement.Objective, idx *index, diags *diag.List) {
	if o.Calendar != "" {
		checkCalendarRef(o.Calendar, o.Pos("calendar"), idx, diags)
	}
	checkLabels(&o.Where.Loc, o.Where.Labels, o.Where.ExcludeLabels, diags)

	// Fields that only some metrics read.
	notFor := func(field string) {
		diags.Add(o.Pos(agreement.Key(field)), "field-not-for-metric",
			"%s does not apply to metric %s: remove it", field, o.Metric)
	}
	switch o.Metric {
	case agreement.MetricLabelTime:
		if o.Label == "" && !o.Loc.Has("label") {
			diags.Add(o.Pos(agreement.Key("metric")), "label-required",
				"objective %q measures label_time but names no label: add e.g. `label: waiting-on-customer`", o.Name)
		}
		if o.Loc.Has("responders") {
			notFor("responders")
		}
		if o.Loc.Has("pause_labels") {
			notFor("pause_labels")
		}
	default:
		if o.Loc.Has("label") {
			notFor("label")
		}
		if o.Metric != agreement.MetricFirstResponse && o.Loc.Has("responders") {
			notFor("responders")
		}
		if o.Owner == agreement.OwnerConsumers {
			diags.Add(o.Pos("owner"), "field-not-for-metric",
				"only a label_time objective can be owned by the consumers; %s measures the provider: remove `owner: consumers`", o.Metric)
		}
	}

	calName := a.Spec.ObjectiveCalendar(o)
	if calName != agreement.AlwaysOpen && o.Within.Days {
		diags.Add(o.Pos("within"), "business-days-in-within",
			"within %q uses days or weeks, but under calendar %q it counts business time, where a day is not 24 hours: write hours, e.g. 16h for two 8-hour days",
			o.Within.Raw, calName)
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
		var weekly time.Duration
		for _, day := range c.Spec.Hours.Week {
			for _, r := range day {
				weekly += r.Duration()
			}
		}
		capacity = time.Duration(float64(weekly) * days / 7)
		what = fmt.Sprintf("open hours under calendar %s", calName)
	}
	if o.Within.D > capacity {
		diags.Add(o.Pos("within"), "window-shorter-than-within",
			"within %s is more than the window %s can hold (%s of %s), so no clock in it could ever be breached: lengthen the agreement's window or shorten within",
			o.Within.Raw, w.Raw, hours(capacity), what)
	}
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
