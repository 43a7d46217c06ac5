package calendar

import (
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the same zone data on every machine
)

func load(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// hours builds a week from weekday keys and range strings:
// hours("mon-thu", "09:00-17:00", "fri", "09:00-15:00").
func hours(t testing.TB, kv ...string) [7][]Range {
	t.Helper()
	var week [7][]Range
	for i := 0; i < len(kv); i += 2 {
		days, err := ParseDays(kv[i])
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.Split(kv[i+1], ",") {
			r, err := ParseRange(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range days {
				week[d] = append(week[d], r)
			}
		}
	}
	return week
}

func dates(t testing.TB, ss ...string) []Date {
	t.Helper()
	var out []Date
	for _, s := range ss {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

func mustNew(t testing.TB, name, zone string, week [7][]Range, holidays ...string) *Calendar {
	t.Helper()
	c, err := New(name, load(t, zone), week, dates(t, holidays...))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// local parses "2006-01-02 15:04[:05.999999999]" as a wall time in c's zone
// (never a wall time that is skipped or repeated).
func local(t testing.TB, c *Calendar, s string) time.Time {
	t.Helper()
	layout := "2006-01-02 15:04"
	if len(s) > len(layout) {
		layout = "2006-01-02 15:04:05.999999999"
	}
	tt, err := time.ParseInLocation(layout, s, c.Location())
	if err != nil {
		t.Fatal(err)
	}
	return tt
}

func utc(t testing.TB, s string) time.Time {
	t.Helper()
	tt, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return tt
}

// The calendars of the hand-computed tests.
type calendars struct {
	office     *Calendar // Berlin, Mon-Thu 09-17, Fri 09-15, holidays Dec 24, 25, 31 (SPEC §2)
	lunch      *Calendar // Berlin, Mon-Fri 09-12 and 13-17
	sunAll     *Calendar // Berlin, Sundays 00:00-24:00
	sunEarly   *Calendar // Berlin, Sundays 01:00-04:00
	sunGap     *Calendar // Berlin, Sundays 02:30-05:00
	sunShort   *Calendar // Berlin, Sundays 02:00-02:30 and 02:30-03:00 (merged: 02:00-03:00)
	nyOffice   *Calendar // New York, Mon-Fri 09-17
	nySunAll   *Calendar // New York, Sundays 00:00-24:00
	nySunEarly *Calendar // New York, Sundays 01:00-04:00
}

var (
	testCalendarsOnce sync.Once
	testCalendarsSet  calendars
)

// testCalendars builds the calendars once per test binary: they are immutable.
func testCalendars(t testing.TB) calendars {
	testCalendarsOnce.Do(func() { testCalendarsSet = buildTestCalendars(t) })
	if testCalendarsSet.office == nil {
		t.Fatal("test calendars failed to build")
	}
	return testCalendarsSet
}

func buildTestCalendars(t testing.TB) calendars {
	return calendars{
		office:     mustNew(t, "office", "Europe/Berlin", hours(t, "mon-thu", "09:00-17:00", "fri", "09:00-15:00"), "2026-12-24", "2026-12-25", "2026-12-31"),
		lunch:      mustNew(t, "lunch", "Europe/Berlin", hours(t, "mon-fri", "13:00-17:00,09:00-12:00")),
		sunAll:     mustNew(t, "sun-all", "Europe/Berlin", hours(t, "sun", "00:00-24:00")),
		sunEarly:   mustNew(t, "sun-early", "Europe/Berlin", hours(t, "sun", "01:00-04:00")),
		sunGap:     mustNew(t, "sun-gap", "Europe/Berlin", hours(t, "sun", "02:30-05:00")),
		sunShort:   mustNew(t, "sun-short", "Europe/Berlin", hours(t, "sun", "02:30-03:00,02:00-02:30")),
		nyOffice:   mustNew(t, "ny", "America/New_York", hours(t, "mon-fri", "09:00-17:00")),
		nySunAll:   mustNew(t, "ny-sun-all", "America/New_York", hours(t, "sun", "00:00-24:00")),
		nySunEarly: mustNew(t, "ny-sun-early", "America/New_York", hours(t, "sun", "01:00-04:00")),
	}
}

func TestBetween(t *testing.T) {
	cs := testCalendars(t)
	h, m := time.Hour, time.Minute
	type tc struct {
		name string
		c    *Calendar
		a, b time.Time
		want time.Duration
	}
	L := func(c *Calendar, s string) time.Time { return local(t, c, s) }
	U := func(s string) time.Time { return utc(t, s) }
	o, l := cs.office, cs.lunch
	tests := []tc{
		// 2026-06-02 is a Tuesday; June has no DST change and no holiday.
		{"within one range", o, L(o, "2026-06-02 10:00"), L(o, "2026-06-02 12:30"), 2*h + 30*m},  // 10:00 → 12:30
		{"empty", o, L(o, "2026-06-02 10:00"), L(o, "2026-06-02 10:00"), 0},                      // b == a
		{"reversed", o, L(o, "2026-06-02 12:00"), L(o, "2026-06-02 10:00"), 0},                   // b < a
		{"across a night", o, L(o, "2026-06-02 16:00"), L(o, "2026-06-03 10:00"), 2 * h},         // Tue 16-17 (1h) + Wed 09-10 (1h)
		{"across a weekend", o, L(o, "2026-06-05 14:00"), L(o, "2026-06-08 10:00"), 2 * h},       // Fri 14-15 (1h, short day) + Mon 09-10 (1h)
		{"starts before opening", o, L(o, "2026-06-02 07:00"), L(o, "2026-06-02 09:30"), 30 * m}, // counting begins at 09:00
		{"starts on a Saturday", o, L(o, "2026-06-06 12:00"), L(o, "2026-06-08 09:45"), 45 * m},  // Sat, Sun closed; Mon 09:00-09:45
		{"closed all along", o, L(o, "2026-06-05 15:00"), L(o, "2026-06-08 09:00"), 0},           // Fri 15:00 to Mon 09:00: all closed
		{"short Friday", o, L(o, "2026-06-05 00:00"), L(o, "2026-06-06 00:00"), 6 * h},           // Fri 09-15
		{"a week", o, L(o, "2026-06-01 00:00"), L(o, "2026-06-08 00:00"), 38 * h},                // 4 × 8h + 6h
		{"13 weeks", o, L(o, "2026-06-01 00:00"), L(o, "2026-08-31 00:00"), 13 * 38 * h},         // 494h: 91 days, no holiday, no DST
		{"holidays", o, L(o, "2026-12-23 16:00"), L(o, "2026-12-28 10:00"), 2 * h},               // Wed 16-17; Thu 24, Fri 25 holidays; Mon 09-10
		{"across the new year", o, L(o, "2026-12-30 16:00"), L(o, "2027-01-04 10:00"), 8 * h},    // Wed 30 16-17 (1h); Thu 31 holiday; Fri 2027-01-01 is no holiday here: 09-15 (6h); Mon 4 09-10 (1h)
		{"sub-second", o, L(o, "2026-06-02 10:00:00.25"), L(o, "2026-06-02 10:00:01"), 750 * time.Millisecond},
		{"nanoseconds at the opening", o, L(o, "2026-06-02 08:59:59.999999999"), L(o, "2026-06-02 09:00:00.000000001"), time.Nanosecond},
		{"ends at the closing", o, L(o, "2026-06-02 16:59:59.5"), L(o, "2026-06-02 17:00:00.5"), 500 * time.Millisecond},
		{"mixed locations", o, U("2026-06-02T08:00:00Z"), L(o, "2026-06-02 10:00").In(load(t, "Asia/Tokyo")), 0}, // 08:00Z is 10:00 CEST
		{"mixed locations 2", o, U("2026-06-02T07:00:00Z"), L(o, "2026-06-02 10:00").In(load(t, "Asia/Tokyo")), h},

		{"lunch gap", l, L(l, "2026-06-02 11:00"), L(l, "2026-06-02 14:00"), 2 * h},          // 11-12 + 13-14
		{"starting at lunch", l, L(l, "2026-06-02 12:30"), L(l, "2026-06-02 13:30"), 30 * m}, // 13:00-13:30
		{"lunch day", l, L(l, "2026-06-02 00:00"), L(l, "2026-06-03 00:00"), 7 * h},          // 3h + 4h

		// Business hours do not see a DST change on a Sunday, but wall time does.
		{"office over spring DST", o, L(o, "2026-03-27 14:00"), L(o, "2026-03-30 10:00"), 2 * h}, // Fri 14-15 CET + Mon 09-10 CEST
		{"office week with spring DST", o, L(o, "2026-03-23 00:00"), L(o, "2026-03-30 00:00"), 38 * h},
		{"office over autumn DST", o, L(o, "2026-10-23 16:00"), L(o, "2026-10-26 10:00"), 1 * h}, // 2026-10-23 is a Friday, closed after 15:00; Mon 09-10

		// Berlin, 2026-03-29: at 01:00Z clocks jump from 02:00 CET to 03:00 CEST.
		{"Berlin spring, 00:00-24:00", cs.sunAll, U("2026-03-28T23:00:00Z"), U("2026-03-29T22:00:00Z"), 23 * h}, // 00:00 CET → 24:00 CEST
		{"Berlin spring, whole week", cs.sunAll, U("2026-03-23T00:00:00Z"), U("2026-03-30T12:00:00Z"), 23 * h},
		{"Berlin spring, 01:00-04:00", cs.sunEarly, U("2026-03-28T12:00:00Z"), U("2026-03-30T00:00:00Z"), 2 * h},      // 01:00 CET (00:00Z) → 04:00 CEST (02:00Z)
		{"Berlin spring, inside the range", cs.sunEarly, U("2026-03-29T00:30:00Z"), U("2026-03-29T01:30:00Z"), h},     // 01:30 CET → 03:30 CEST: one real hour
		{"Berlin spring, range from the gap", cs.sunGap, U("2026-03-28T12:00:00Z"), U("2026-03-30T00:00:00Z"), 2 * h}, // 02:30 → the jump (01:00Z); 05:00 CEST is 03:00Z
		{"Berlin spring, range in the gap", cs.sunShort, U("2026-03-28T12:00:00Z"), U("2026-03-30T00:00:00Z"), 0},     // 02:00-03:00 lies in the gap: empty
		{"Berlin spring, range in the gap, normal Sunday", cs.sunShort, U("2026-04-04T12:00:00Z"), U("2026-04-06T00:00:00Z"), h},

		// Berlin, 2026-10-25: at 01:00Z clocks go back from 03:00 CEST to 02:00 CET.
		{"Berlin autumn, 00:00-24:00", cs.sunAll, U("2026-10-24T22:00:00Z"), U("2026-10-25T23:00:00Z"), 25 * h},        // 00:00 CEST → 24:00 CET
		{"Berlin autumn, 01:00-04:00", cs.sunEarly, U("2026-10-24T12:00:00Z"), U("2026-10-26T00:00:00Z"), 4 * h},       // 01:00 CEST (23:00Z) → 04:00 CET (03:00Z)
		{"Berlin autumn, the repeated hour", cs.sunEarly, U("2026-10-25T00:30:00Z"), U("2026-10-25T01:30:00Z"), h},     // 02:30 CEST → 02:30 CET
		{"Berlin autumn, 02:00-03:00 is 2h", cs.sunShort, U("2026-10-24T12:00:00Z"), U("2026-10-26T00:00:00Z"), 2 * h}, // 02:00 CEST (00:00Z) → 03:00 CET (02:00Z)

		// New York, 2026-03-08: at 07:00Z 02:00 EST becomes 03:00 EDT; 2026-11-01: at 06:00Z 02:00 EDT becomes 01:00 EST.
		{"New York spring, 00:00-24:00", cs.nySunAll, U("2026-03-08T05:00:00Z"), U("2026-03-09T04:00:00Z"), 23 * h},                     // 00:00 EST → 24:00 EDT
		{"New York spring, 01:00-04:00", cs.nySunEarly, U("2026-03-07T12:00:00Z"), U("2026-03-09T12:00:00Z"), 2 * h},                    // 01:00 EST (06:00Z) → 04:00 EDT (08:00Z)
		{"New York autumn, 00:00-24:00", cs.nySunAll, U("2026-11-01T04:00:00Z"), U("2026-11-02T05:00:00Z"), 25 * h},                     // 00:00 EDT → 24:00 EST
		{"New York autumn, 01:00-04:00", cs.nySunEarly, U("2026-10-31T12:00:00Z"), U("2026-11-02T12:00:00Z"), 4 * h},                    // 01:00 EDT (05:00Z) → 04:00 EST (09:00Z)
		{"New York office over spring DST", cs.nyOffice, L(cs.nyOffice, "2026-03-06 16:00"), L(cs.nyOffice, "2026-03-09 10:00"), 2 * h}, // Fri 16-17 EST + Mon 09-10 EDT

		// 24x7: wall time, to the nanosecond, DST or not (it is UTC).
		{"24x7 over a weekend", AlwaysOpen(), L(o, "2026-06-05 14:00"), L(o, "2026-06-08 10:00"), 68 * h},                                           // Fri 14:00 → Mon 10:00
		{"24x7 over Berlin spring DST", AlwaysOpen(), L(o, "2026-03-29 00:00"), L(o, "2026-03-30 00:00"), 23 * h},                                   // a 23-hour Berlin day
		{"24x7 nanoseconds", AlwaysOpen(), U("2026-06-02T10:00:00.123456789Z"), U("2026-06-02T10:00:01Z"), time.Second - 123456789*time.Nanosecond}, // 0.876543211s
		{"24x7 across the new year", AlwaysOpen(), U("2026-12-31T23:59:59.5Z"), U("2027-01-01T00:00:00.25Z"), 750 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := tt.c.Between(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: %s.Between(%v, %v) = %v, want %v", tt.name, tt.c.Name(), tt.a, tt.b, got, tt.want)
		}
	}
}

func TestAdd(t *testing.T) {
	cs := testCalendars(t)
	h, m := time.Hour, time.Minute
	o := cs.office
	L := func(c *Calendar, s string) time.Time { return local(t, c, s) }
	U := func(s string) time.Time { return utc(t, s) }
	tests := []struct {
		name string
		c    *Calendar
		a    time.Time
		d    time.Duration
		want time.Time
	}{
		{"zero", o, L(o, "2026-06-02 20:00"), 0, L(o, "2026-06-02 20:00")},                                              // d <= 0: a itself
		{"negative", o, L(o, "2026-06-02 20:00"), -h, L(o, "2026-06-02 20:00")},                                         // d <= 0: a itself
		{"within one range", o, L(o, "2026-06-02 10:00"), 4 * h, L(o, "2026-06-02 14:00")},                              // 10:00 + 4h
		{"across a night", o, L(o, "2026-06-02 16:00"), 4 * h, L(o, "2026-06-03 12:00")},                                // Tue 16-17 (1h) + Wed 09-12 (3h)
		{"across a weekend", o, L(o, "2026-06-05 14:00"), 4 * h, L(o, "2026-06-08 12:00")},                              // Fri 14-15 (1h) + Mon 09-12 (3h)
		{"from a Saturday", o, L(o, "2026-06-06 12:00"), h, L(o, "2026-06-08 10:00")},                                   // counting begins Mon 09:00
		{"earliest: at a closing", o, L(o, "2026-06-02 09:00"), 8 * h, L(o, "2026-06-02 17:00")},                        // not Wed 09:00, when the count is also 8h
		{"earliest: a Friday", o, L(o, "2026-06-01 00:00"), 13 * 38 * h, L(o, "2026-08-28 15:00")},                      // 13 weeks of 38h end at the 13th Friday's closing
		{"one nanosecond", o, L(o, "2026-06-05 15:00"), time.Nanosecond, L(o, "2026-06-08 09:00:00.000000001")},         // Fri closed after 15:00; Mon opens 09:00
		{"sub-second start", o, L(o, "2026-06-02 16:59:59.75"), 500 * time.Millisecond, L(o, "2026-06-03 09:00:00.25")}, // 0.25s Tue + 0.25s Wed
		{"holidays", o, L(o, "2026-12-23 16:00"), 2 * h, L(o, "2026-12-28 10:00")},                                      // Wed 16-17; Thu 24, Fri 25 holidays; Mon 09-10
		{"across the new year", o, L(o, "2026-12-23 16:00"), 40 * h, L(o, "2027-01-05 10:00")},                          // Wed 23: 1h; Mon 28, Tue 29, Wed 30: 8h each (25h); Thu 31 holiday; Fri Jan 1: 6h (31h); Mon 4: 8h (39h); Tue 5: 09-10 (40h)
		{"lunch", cs.lunch, L(cs.lunch, "2026-06-02 11:00"), 2 * h, L(cs.lunch, "2026-06-02 14:00")},                    // 11-12 + 13-14
		{"lunch, earliest", cs.lunch, L(cs.lunch, "2026-06-02 11:00"), h, L(cs.lunch, "2026-06-02 12:00")},              // the count reaches 1h at 12:00, not 13:00
		{"office over spring DST", o, L(o, "2026-03-27 14:00"), 2 * h, L(o, "2026-03-30 10:00")},                        // Fri 14-15 CET + Mon 09-10 CEST

		{"Berlin spring, 1h", cs.sunEarly, U("2026-03-28T12:00:00Z"), h, U("2026-03-29T01:00:00Z")},              // 01:00 CET (00:00Z) + 1h = 03:00 CEST
		{"Berlin spring, 2h", cs.sunEarly, U("2026-03-28T12:00:00Z"), 2 * h, U("2026-03-29T02:00:00Z")},          // 04:00 CEST: the range's end
		{"Berlin spring, 3h", cs.sunEarly, U("2026-03-28T12:00:00Z"), 3 * h, U("2026-04-05T00:00:00Z")},          // 2h that Sunday, then 02:00 CEST next Sunday (23:00Z + 1h)
		{"Berlin spring, 23h", cs.sunAll, U("2026-03-28T23:00:00Z"), 23 * h, U("2026-03-29T22:00:00Z")},          // the whole 23-hour Sunday
		{"Berlin spring, from the gap", cs.sunGap, U("2026-03-28T12:00:00Z"), 30 * m, U("2026-03-29T01:30:00Z")}, // opens at the jump (01:00Z = 03:00 CEST)
		{"Berlin autumn, 2h", cs.sunEarly, U("2026-10-24T12:00:00Z"), 2 * h, U("2026-10-25T01:00:00Z")},          // 01:00 CEST (23:00Z) + 2h: 02:00 CET, the second 02:00
		{"Berlin autumn, 4h", cs.sunEarly, U("2026-10-24T12:00:00Z"), 4 * h, U("2026-10-25T03:00:00Z")},          // 04:00 CET
		{"Berlin autumn, 25h", cs.sunAll, U("2026-10-24T22:00:00Z"), 25 * h, U("2026-10-25T23:00:00Z")},          // the whole 25-hour Sunday
		{"New York spring, 2h", cs.nySunEarly, U("2026-03-07T12:00:00Z"), 2 * h, U("2026-03-08T08:00:00Z")},      // 01:00 EST (06:00Z) → 04:00 EDT (08:00Z)
		{"New York autumn, 4h", cs.nySunEarly, U("2026-10-31T12:00:00Z"), 4 * h, U("2026-11-01T09:00:00Z")},      // 01:00 EDT (05:00Z) → 04:00 EST (09:00Z)
		{"24x7", AlwaysOpen(), U("2026-06-02T10:00:00.5Z"), 36 * h, U("2026-06-03T22:00:00.5Z")},
	}
	for _, tt := range tests {
		got := tt.c.Add(tt.a, tt.d)
		if !got.Equal(tt.want) {
			t.Errorf("%s: %s.Add(%v, %v) = %v, want %v", tt.name, tt.c.Name(), tt.a, tt.d, got, tt.want)
		}
		if got.Location() != tt.a.Location() {
			t.Errorf("%s: Add returned a time in %v, want %v", tt.name, got.Location(), tt.a.Location())
		}
	}
}

func TestIsOpenAndNextOpen(t *testing.T) {
	cs := testCalendars(t)
	o := cs.office
	L := func(s string) time.Time { return local(t, o, s) }
	tests := []struct {
		at   time.Time
		open bool
		next time.Time
	}{
		{L("2026-06-02 09:00"), true, L("2026-06-02 09:00")},
		{L("2026-06-02 08:59:59.999999999"), false, L("2026-06-02 09:00")},
		{L("2026-06-02 16:59:59.999999999"), true, L("2026-06-02 16:59:59.999999999")},
		{L("2026-06-02 17:00"), false, L("2026-06-03 09:00")}, // ranges are half-open
		{L("2026-06-05 15:00"), false, L("2026-06-08 09:00")}, // short Friday, then the weekend
		{L("2026-12-23 17:00"), false, L("2026-12-28 09:00")}, // Thu 24, Fri 25 holidays
		{L("2026-12-24 10:00"), false, L("2026-12-28 09:00")}, // a holiday, during would-be hours
		{L("2026-12-30 18:00"), false, L("2027-01-01 09:00")}, // Thu 31 holiday; Jan 1 is open here
		{utc(t, "2026-03-29T00:30:00Z").In(time.UTC), false, L("2026-03-30 09:00")},
	}
	for _, tt := range tests {
		if got := o.IsOpen(tt.at); got != tt.open {
			t.Errorf("IsOpen(%v) = %v, want %v", tt.at, got, tt.open)
		}
		if got := o.NextOpen(tt.at); !got.Equal(tt.next) {
			t.Errorf("NextOpen(%v) = %v, want %v", tt.at, got, tt.next)
		}
	}
	// 02:30-05:00 in Berlin on the spring DST day opens at the jump.
	if got, want := cs.sunGap.NextOpen(utc(t, "2026-03-28T12:00:00Z")), utc(t, "2026-03-29T01:00:00Z"); !got.Equal(want) {
		t.Errorf("NextOpen into a gap = %v, want %v", got, want)
	}
	if !AlwaysOpen().IsOpen(time.Time{}) {
		t.Error("24x7 is closed")
	}
}

func TestStartOfAndDateOf(t *testing.T) {
	cs := testCalendars(t)
	tests := []struct {
		c    *Calendar
		date string
		want string // the instant the day begins, UTC
	}{
		{cs.office, "2026-06-02", "2026-06-01T22:00:00Z"}, // CEST: UTC+2
		{cs.office, "2026-12-24", "2026-12-23T23:00:00Z"}, // CET: UTC+1
		{cs.office, "2026-03-29", "2026-03-28T23:00:00Z"},
		{cs.office, "2026-03-30", "2026-03-29T22:00:00Z"},
		{cs.nyOffice, "2026-11-01", "2026-11-01T04:00:00Z"}, // EDT: UTC-4
		{AlwaysOpen(), "2026-11-01", "2026-11-01T00:00:00Z"},
	}
	for _, tt := range tests {
		d := dates(t, tt.date)[0]
		got := tt.c.StartOf(d)
		if want := utc(t, tt.want); !got.Equal(want) {
			t.Errorf("%s.StartOf(%s) = %v, want %v", tt.c.Name(), d, got, want)
		}
		if back := tt.c.DateOf(got); back != d {
			t.Errorf("%s.DateOf(%v) = %v, want %v", tt.c.Name(), got, back, d)
		}
		if back := tt.c.DateOf(got.Add(-time.Nanosecond)); back != d.AddDays(-1) {
			t.Errorf("%s.DateOf(%v) = %v, want %v", tt.c.Name(), got.Add(-time.Nanosecond), back, d.AddDays(-1))
		}
	}
	// Brazil once moved clocks forward at midnight: 2018-11-04 00:00 in
	// São Paulo never happened, and the day began at 01:00 (03:00Z).
	sp := mustNew(t, "sp", "America/Sao_Paulo", hours(t, "sun", "00:00-24:00"))
	if got, want := sp.StartOf(Date{2018, time.November, 4}), utc(t, "2018-11-04T03:00:00Z"); !got.Equal(want) {
		t.Errorf("StartOf a day whose midnight is skipped = %v, want %v", got, want)
	}
	// ... and that Sunday was 23 hours long.
	if got := sp.Between(utc(t, "2018-11-01T00:00:00Z"), utc(t, "2018-11-07T00:00:00Z")); got != 23*time.Hour {
		t.Errorf("Between over a day with a skipped midnight = %v, want 23h", got)
	}
}

func TestNew(t *testing.T) {
	ber := load(t, "Europe/Berlin")
	week := func(kv ...string) [7][]Range { return hours(t, kv...) }
	c, err := New("lunch", ber, [7][]Range{time.Monday: {{13 * 60, 17 * 60}, {9 * 60, 12 * 60}, {12 * 60, 13 * 60}}}, dates(t, "2026-12-25", "2026-12-24", "2026-12-25"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Hours(time.Monday); len(got) != 1 || got[0] != (Range{9 * 60, 17 * 60}) {
		t.Errorf("touching ranges were not merged: %v", got)
	}
	if got := c.Holidays(); len(got) != 2 || got[0].String() != "2026-12-24" || got[1].String() != "2026-12-25" {
		t.Errorf("Holidays = %v, want sorted and unique", got)
	}
	if c.Name() != "lunch" || c.Location() != ber || c.AlwaysOpen() || c.WeeklyOpen() != 8*time.Hour {
		t.Errorf("accessors: %q %v %v %v", c.Name(), c.Location(), c.AlwaysOpen(), c.WeeklyOpen())
	}
	office := testCalendars(t).office
	if got := office.WeeklyOpen(); got != 38*time.Hour { // 4 × 8h + 6h
		t.Errorf("WeeklyOpen = %v, want 38h", got)
	}
	always, err := New("all-day", ber, week("mon-sun", "00:00-12:00,12:00-24:00"), nil)
	if err != nil || !always.AlwaysOpen() {
		t.Errorf("00:00-24:00 every day without holidays should be always open: %v", err)
	}
	if a := AlwaysOpen(); a.Name() != "24x7" || a.Location() != time.UTC || !a.AlwaysOpen() || a.WeeklyOpen() != 168*time.Hour {
		t.Errorf("AlwaysOpen: %q %v %v %v", a.Name(), a.Location(), a.AlwaysOpen(), a.WeeklyOpen())
	}

	errs := []struct {
		loc      *time.Location
		week     [7][]Range
		holidays []Date
		want     string
	}{
		{nil, week("mon", "09:00-17:00"), nil, "the time zone is missing"},
		{ber, [7][]Range{}, nil, `no day has open hours: give at least one day a range such as "09:00-17:00"`},
		{ber, week("tue", "09:00-12:00,11:00-13:00"), nil, `tue: ranges 09:00-12:00 and 11:00-13:00 overlap: merge them or fix one`},
		{ber, [7][]Range{time.Sunday: {{600, 540}}}, nil, `sun: range 10:00-09:00 is not valid: a range must start before it ends, within 00:00-24:00`},
		{ber, [7][]Range{time.Sunday: {{0, 1500}}}, nil, `sun: range 00:00-25:00 is not valid: a range must start before it ends, within 00:00-24:00`},
		{ber, week("mon", "09:00-17:00"), []Date{{2026, time.February, 30}}, `holiday 2026-02-30 is not a real date`},
	}
	for _, tt := range errs {
		if _, err := New("x", tt.loc, tt.week, tt.holidays); err == nil || err.Error() != tt.want {
			t.Errorf("New error = %v, want %s", err, tt.want)
		}
	}
}

func TestNewDoesNotAlias(t *testing.T) {
	week := [7][]Range{time.Monday: {{9 * 60, 17 * 60}}}
	c, err := New("x", time.UTC, week, nil)
	if err != nil {
		t.Fatal(err)
	}
	week[time.Monday][0].End = 10 * 60
	c.Hours(time.Monday)[0].End = 11 * 60
	if got := c.Hours(time.Monday)[0]; got != (Range{9 * 60, 17 * 60}) {
		t.Errorf("calendar changed under us: %v", got)
	}
}

// Instants far from today must give consistent answers, in reasonable time.
func TestExtremes(t *testing.T) {
	o := testCalendars(t).office
	// Business time must fit a time.Duration: 1200 years of office hours do.
	zero, mid, end := time.Time{}, utc(t, "0900-06-01T12:00:00Z"), utc(t, "1200-06-01T12:00:00Z")
	if a, b, c := o.Between(zero, mid), o.Between(mid, end), o.Between(zero, end); a+b != c || c <= 0 {
		t.Errorf("Between from year 1: %v + %v != %v", a, b, c)
	}
	end = utc(t, "2026-06-02T12:00:00Z")
	d := 50_000 * time.Hour // about 25 years of office hours, past the index
	if at := o.Add(end, d); o.Between(end, at) != d {
		t.Errorf("Add(%v, %v) = %v, Between gives %v", end, d, at, o.Between(end, at))
	}
	sparse := mustNew(t, "sparse", "Europe/Berlin", hours(t, "sat", "10:00-10:01"))
	if at := sparse.Add(end, 100*time.Hour); sparse.Between(end, at) != 100*time.Hour { // 6000 Saturdays: about 115 years
		t.Errorf("sparse Add = %v, Between gives %v", at, sparse.Between(end, at))
	}
}

// Outside the indexed years (1970-2099) the answers must stay right.
func TestOutsideIndex(t *testing.T) {
	cs := testCalendars(t)
	h := time.Hour
	U := func(s string) time.Time { return utc(t, s) }
	tests := []struct {
		name string
		c    *Calendar
		a, b time.Time
		want time.Duration
	}{
		// 2150-03-29 is a Sunday; EU rule: last Sunday of March, 01:00Z.
		{"Berlin spring 2150", cs.sunAll, U("2150-03-28T23:00:00Z"), U("2150-03-29T22:00:00Z"), 23 * h},
		{"Berlin spring 2150, 01:00-04:00", cs.sunEarly, U("2150-03-28T00:00:00Z"), U("2150-03-30T00:00:00Z"), 2 * h},
		// 2140-12-31 is in a leap year served by the tz rule (golang/go#81583).
		{"Berlin leap year end 2140", cs.office, U("2140-12-26T00:00:00Z"), U("2141-01-09T00:00:00Z"), 2 * 38 * h}, // Mon 01:00 CET to Mon 01:00 CET, two weeks
		{"across the index end", cs.office, U("2099-12-28T00:00:00Z"), U("2100-01-04T00:00:00Z"), 38 * h},          // Mon 2099-12-28 00:00Z is 01:00 CET: a whole office week
		{"across the index start", cs.office, U("1969-12-28T23:00:00Z"), U("1970-01-04T23:00:00Z"), 38 * h},        // Mon 1969-12-29 00:00 CET to the next Monday
		// 1965: Berlin had no DST; New York did (last Sunday of April, 1965-04-25).
		{"New York spring 1965", cs.nySunAll, U("1965-04-25T05:00:00Z"), U("1965-04-26T04:00:00Z"), 23 * h},
	}
	for _, tt := range tests {
		if got := tt.c.Between(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: Between = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Go's ZoneBounds goes wrong at the end of leap years past the zone data's
// last transition (golang/go#81583); the zone scan must not.
func TestScanZonesLeapYears(t *testing.T) {
	ber := load(t, "Europe/Berlin")
	from, to := Date{2030, time.January, 1}, Date{2100, time.January, 1}
	tab := scanZones(ber, from.dayNumber()*secondsPerDay, to.dayNumber()*secondsPerDay)
	if got, want := len(tab.starts)-1, 2*70; got != want { // two changes a year, 2030-2099
		t.Fatalf("scanZones found %d changes in 2030-2099, want %d", got, want)
	}
	for i, s := range tab.starts[1:] {
		at := time.Unix(s, 0).UTC()
		if at.Hour() != 1 || at.Minute() != 0 || at.Weekday() != time.Sunday || (at.Month() != time.March && at.Month() != time.October) {
			t.Errorf("change %d at %v: want a Sunday in March or October at 01:00Z", i, at)
		}
	}
}
