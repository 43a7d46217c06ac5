package agreement_test

import (
	"slices"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
)

// periodSet has a Berlin calendar and four agreements: one on it with a
// month window and effective_from, one on it by quarter, one rolling on
// 24x7, and one whose objective counts under 24x7 on a Berlin agreement.
const periodSet = `
apiVersion: sla/v1
kind: Calendar
metadata: {name: berlin}
spec:
  timezone: Europe/Berlin
  hours: {mon-fri: ["09:00-17:00"]}
---
apiVersion: sla/v1
kind: Team
metadata: {name: platform}
spec: {members: [alice]}
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec: {members: [carol]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: monthly}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: month
  effective_from: 2026-11-16
  scope: {repos: [acme/a]}
  objectives:
    - {name: fr, metric: first_response, within: 4h, target: 90%}
    - {name: res, metric: resolution, within: 40h, target: 80%, calendar: 24x7}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: quarterly}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: quarter
  scope: {repos: [acme/b]}
  objectives:
    - {name: res, metric: resolution, within: 40h, target: 80%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: rolling}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/c]}
  objectives:
    - {name: res, metric: resolution, within: 40h, target: 80%, calendar: berlin}
`

func loadPeriodSet(t *testing.T) (*agreement.Set, agreement.Calendars) {
	t.Helper()
	set, diags := agreement.LoadBytes("org.yaml", []byte(periodSet))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	cals, err := set.BuildCalendars()
	if err != nil {
		t.Fatal(err)
	}
	return set, cals
}

func byName(t *testing.T, set *agreement.Set, name string) *agreement.Agreement {
	t.Helper()
	for _, a := range set.Agreements {
		if string(a.Metadata.Name) == name {
			return a
		}
	}
	t.Fatalf("no agreement %s", name)
	return nil
}

func utc(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// An objective counts under its own calendar, else its agreement's, else
// 24x7; the agreement's calendar is its own, else 24x7.
func TestCalendarChoice(t *testing.T) {
	t.Parallel()
	set, _ := loadPeriodSet(t)
	monthly, rolling := byName(t, set, "monthly"), byName(t, set, "rolling")
	for _, tt := range []struct {
		got, want agreement.Name
	}{
		{monthly.Spec.CalendarName(), "berlin"},
		{monthly.Spec.ObjectiveCalendar(&monthly.Spec.Objectives[0]), "berlin"}, // none of its own
		{monthly.Spec.ObjectiveCalendar(&monthly.Spec.Objectives[1]), "24x7"},   // its own, over the agreement's
		{rolling.Spec.CalendarName(), "24x7"},                                   // none written
		{rolling.Spec.ObjectiveCalendar(&rolling.Spec.Objectives[0]), "berlin"}, // its own, on a 24x7 agreement
	} {
		if tt.got != tt.want {
			t.Errorf("calendar %q, want %q", tt.got, tt.want)
		}
	}
}

func TestPeriodStartAndDataFrom(t *testing.T) {
	t.Parallel()
	set, cals := loadPeriodSet(t)
	period := func(name string) agreement.Period {
		p, err := cals.Period(byName(t, set, name))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	monthly, quarterly, rolling := period("monthly"), period("quarterly"), period("rolling")
	at := utc(t, "2026-11-27T09:00:00Z")
	for _, tt := range []struct {
		name      string
		got, want time.Time
	}{
		// Berlin is CET (UTC+1) from 25 Oct: 1 Nov 00:00 is 31 Oct 23:00Z.
		{"month", monthly.Start(at), utc(t, "2026-10-31T23:00:00Z")},
		// 00:30 on 1 Dec in Berlin is still 30 Nov in UTC: December's window.
		{"month, just past midnight in Berlin", monthly.Start(utc(t, "2026-11-30T23:30:00Z")), utc(t, "2026-11-30T23:00:00Z")},
		// 1 Oct 00:00 in Berlin, CEST (UTC+2): 30 Sep 22:00Z.
		{"quarter", quarterly.Start(at), utc(t, "2026-09-30T22:00:00Z")},
		// 28 × 24h of wall time before at, whatever the calendars.
		{"rolling", rolling.Start(at), at.Add(-28 * 24 * time.Hour)},
		// effective_from 2026-11-16 is 00:00 in Berlin: 15 Nov 23:00Z.
		{"effective_from", monthly.From, utc(t, "2026-11-15T23:00:00Z")},
		// At at alone the month starts 31 Oct 23:00Z, before effective_from.
		{"data from: effective_from, later than the window", monthly.DataFrom(at, 1), utc(t, "2026-11-15T23:00:00Z")},
		// A trend of 5 points starts 4 weeks back, 30 Oct 09:00Z: October's
		// window, 1 Oct 00:00 CEST = 30 Sep 22:00Z, before effective_from
		// still.
		{"data from: a trend", monthly.DataFrom(at, 5), utc(t, "2026-11-15T23:00:00Z")},
		// The quarterly agreement has no effective_from: 12 points start 11
		// weeks back, 11 Sep 09:00Z, whose quarter starts 1 Jul 00:00 CEST =
		// 30 Jun 22:00Z.
		{"data from: a trend reaching the previous quarter", quarterly.DataFrom(at, 12), utc(t, "2026-06-30T22:00:00Z")},
		// 0 points is at alone, as 1.
		{"data from: no trend", rolling.DataFrom(at, 0), at.Add(-28 * 24 * time.Hour)},
	} {
		if !tt.got.Equal(tt.want) {
			t.Errorf("%s: %s, want %s", tt.name, tt.got.UTC().Format(time.RFC3339), tt.want.Format(time.RFC3339))
		}
	}
	if !rolling.From.IsZero() {
		t.Errorf("rolling has no effective_from, but From is %v", rolling.From)
	}
}

// Outside a valid set, a calendar the set lacks is an error that names it,
// not 24x7 in its stead.
func TestUnknownCalendarIsAnError(t *testing.T) {
	t.Parallel()
	set, cals := loadPeriodSet(t)
	delete(cals, "berlin")
	_, err := cals.Period(byName(t, set, "monthly"))
	if err == nil || err.Error() != `agreement monthly: no calendar "berlin"` {
		t.Errorf("Period = %v, want the error naming the agreement and its calendar", err)
	}
	if _, err := cals.Named("24x7"); err != nil {
		t.Errorf("24x7 is built in: %v", err)
	}
}

func TestTrendPoints(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	got := agreement.TrendPoints(at, 3)
	want := []time.Time{at.Add(-14 * 24 * time.Hour), at.Add(-7 * 24 * time.Hour), at}
	if !slices.Equal(got, want) {
		t.Errorf("TrendPoints(at, 3) = %v, want %v", got, want)
	}
	if got := agreement.TrendPoints(at, 0); !slices.Equal(got, []time.Time{at}) {
		t.Errorf("TrendPoints(at, 0) = %v, want just at", got)
	}
}
