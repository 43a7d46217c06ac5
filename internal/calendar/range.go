package calendar

import (
	"fmt"
	"strings"
	"time"
)

// MinutesPerDay is the end of a day as a Range bound: "24:00".
const MinutesPerDay = 24 * 60

// Range is an opening range within one day, in minutes after local midnight:
// [Start, End), 0 <= Start < End <= 1440 (End 1440 = "24:00").
type Range struct{ Start, End int }

// ParseRange parses "HH:MM-HH:MM" (24-hour clock; "24:00" is allowed, and
// makes sense only as an end).
func ParseRange(s string) (Range, error) {
	if !rangeShape(s) {
		return Range{}, fmt.Errorf("%q: hours must be written HH:MM-HH:MM, e.g. \"09:00-17:00\"", s)
	}
	start, err := parseClock(s[:5])
	if err != nil {
		return Range{}, err
	}
	end, err := parseClock(s[6:])
	if err != nil {
		return Range{}, err
	}
	r := Range{Start: start, End: end}
	if start >= end {
		return Range{}, fmt.Errorf("start %s is not before end %s", clock(start), clock(end))
	}
	return r, nil
}

// rangeShape reports whether s looks like dd:dd-dd:dd.
func rangeShape(s string) bool {
	if len(s) != len("09:00-17:00") {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 2, 8:
			if s[i] != ':' {
				return false
			}
		case 5:
			if s[i] != '-' {
				return false
			}
		default:
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
	}
	return true
}

// parseClock parses "HH:MM", already known to be digits around a colon, into
// minutes after midnight.
func parseClock(s string) (int, error) {
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	switch {
	case h > 24:
		return 0, fmt.Errorf("hour %d is out of range (00-24)", h)
	case m > 59:
		return 0, fmt.Errorf("minute %d is out of range (00-59)", m)
	case h == 24 && m != 0:
		return 0, fmt.Errorf("%s is out of range (24:00 is the latest time)", s)
	}
	return h*60 + m, nil
}

// String formats the range as "09:00-17:00".
func (r Range) String() string { return clock(r.Start) + "-" + clock(r.End) }

// Duration returns the nominal length of the range (ignoring DST).
func (r Range) Duration() time.Duration { return time.Duration(r.End-r.Start) * time.Minute }

func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// dayKeys are the weekday keys in mon..sun order.
var dayKeys = [7]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// MondayFirst is the week in the order agreement files, descriptions and
// diffs list its days.
var MondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// DayKey returns the short lowercase name of a weekday as written in an
// hours map: "mon".."sun".
func DayKey(d time.Weekday) string { return dayKeys[(int(d)+6)%7] }

// ParseDays parses a weekday key of an hours map: "mon".."sun", or an
// ascending span in mon..sun order such as "mon-fri" or "sat-sun". It returns
// the weekdays in the order written.
func ParseDays(key string) ([]time.Weekday, error) {
	from, to, isSpan := strings.Cut(key, "-")
	first, ok1 := dayIndex(from)
	last, ok2 := first, true
	if isSpan {
		last, ok2 = dayIndex(to)
	}
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%q: days must be written mon, tue, wed, thu, fri, sat or sun, or as a span such as \"mon-fri\"", key)
	}
	if first > last {
		return nil, fmt.Errorf("%q: a span runs forward in mon..sun order; list the days separately or split it, as %q and %q",
			key, daySpan(from, "sun"), daySpan("mon", to))
	}
	days := make([]time.Weekday, 0, last-first+1)
	for i := first; i <= last; i++ {
		days = append(days, MondayFirst[i])
	}
	return days, nil
}

// daySpan writes the key for the days from..to, a single day if they are equal.
func daySpan(from, to string) string {
	if from == to {
		return from
	}
	return from + "-" + to
}

// dayIndex returns the position of key in mon..sun order.
func dayIndex(key string) (int, bool) {
	for i, k := range dayKeys {
		if k == key {
			return i, true
		}
	}
	return 0, false
}
