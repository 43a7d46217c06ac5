package validate

import (
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

	calName, business := effectiveCalendar(a, o)
	if business && o.Within.Days {
		diags.Add(o.Pos("within"), "business-days-in-within",
			"within %q uses days or weeks, but under calendar %q it counts business time, where a day is not 24 hours: write hours, e.g. 16h for two 8-hour days",
			o.Within.Raw, calName)
	}
	if !business && o.Within.D > 0 {
		w := a.Spec.Window
		minWindow := w.D
		switch w.Period {
		case agreement.PeriodMonth:
			minWindow = 28 * 24 * time.Hour // the shortest month
		case agreement.PeriodQuarter:
			minWindow = 90 * 24 * time.Hour // the shortest quarter
		}
		if minWindow > 0 && o.Within.D > minWindow {
			diags.Add(o.Pos("within"), "window-shorter-than-within",
				"within %s is longer than the window %s it is measured over: lengthen the agreement's window or shorten within",
				o.Within.Raw, w.Raw)
		}
	}
}

// effectiveCalendar names the calendar an objective counts time under and
// whether it is a business calendar (anything but the built-in 24x7).
func effectiveCalendar(a *agreement.Agreement, o *agreement.Objective) (agreement.Name, bool) {
	name := o.Calendar
	if name == "" {
		name = a.Spec.Calendar
	}
	if name == "" {
		name = agreement.AlwaysOpen
	}
	return name, name != agreement.AlwaysOpen
}
