package checkin_test

import (
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/checkin"
)

func berlin(t *testing.T) *calendar.Calendar {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	var week [7][]calendar.Range
	week[time.Monday] = []calendar.Range{{Start: 9 * 60, End: 17 * 60}}
	c, err := calendar.New("berlin", loc, week, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestPeriods: periods are the calendar's, in its time zone; the one
// before the first of a year is the last of the year before.
func TestPeriods(t *testing.T) {
	t.Parallel()
	zone := berlin(t)
	for _, tc := range []struct {
		every, at, name, start, end, previous string
	}{
		// 2026-09-30T22:30Z is already 00:30 on October 1 in Berlin (CEST, +2).
		{"quarter", "2026-09-30T22:30:00Z", "2026-Q4", "2026-09-30T22:00:00Z", "2026-12-31T23:00:00Z", "2026-Q3"},
		{"quarter", "2026-09-30T21:59:59Z", "2026-Q3", "2026-06-30T22:00:00Z", "2026-09-30T22:00:00Z", "2026-Q2"},
		{"quarter", "2026-02-10T12:00:00Z", "2026-Q1", "2025-12-31T23:00:00Z", "2026-03-31T22:00:00Z", "2025-Q4"},
		{"month", "2026-11-27T09:00:00Z", "2026-11", "2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z", "2026-10"},
		{"month", "2026-12-31T23:30:00Z", "2027-01", "2026-12-31T23:00:00Z", "2027-01-31T23:00:00Z", "2026-12"},
	} {
		p := checkin.PeriodAt(tc.every, zone, utc(tc.at))
		if p.Name() != tc.name || !p.Start.Equal(utc(tc.start)) || !p.End.Equal(utc(tc.end)) || p.Previous(zone).Name() != tc.previous {
			t.Errorf("%s at %s: %s [%s, %s), previous %s; want %s [%s, %s), previous %s", tc.every, tc.at,
				p.Name(), p.Start.UTC().Format(time.RFC3339), p.End.UTC().Format(time.RFC3339), p.Previous(zone).Name(),
				tc.name, tc.start, tc.end, tc.previous)
		}
	}
	for _, bad := range []string{"2026-Q5", "2026-13", "26-Q1", "Q4", "2026-1"} {
		if _, _, _, err := checkin.ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted it", bad)
		}
	}
	if every, y, n, err := checkin.ParsePeriod("2026-Q4"); err != nil || every != "quarter" || y != 2026 || n != 4 {
		t.Errorf("ParsePeriod(2026-Q4) = %s %d %d %v", every, y, n, err)
	}
}
