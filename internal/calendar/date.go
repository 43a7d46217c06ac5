package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date (no time zone).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a strict YYYY-MM-DD date; only real dates are accepted
// (2026-02-30 is an error).
func ParseDate(s string) (Date, error) {
	if !dateShape(s) {
		return Date{}, fmt.Errorf("%q: dates must be written YYYY-MM-DD, e.g. \"2026-12-24\"", s)
	}
	num := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			n = n*10 + int(s[i]-'0')
		}
		return n
	}
	d := Date{Year: num(s[:4]), Month: time.Month(num(s[5:7])), Day: num(s[8:])}
	if d.Month < time.January || d.Month > time.December {
		return Date{}, fmt.Errorf("month %d is out of range (01-12)", d.Month)
	}
	if n := daysIn(d.Year, d.Month); d.Day < 1 || d.Day > n {
		return Date{}, fmt.Errorf("day %d is out of range (%s %04d has %d days)", d.Day, d.Month, d.Year, n)
	}
	return d, nil
}

// dateShape reports whether s looks like dddd-dd-dd.
func dateShape(s string) bool {
	if len(s) != len("2026-12-24") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// daysIn returns the number of days of a month.
func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Valid reports whether d is a real date.
func (d Date) Valid() bool {
	return d.Month >= time.January && d.Month <= time.December && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return time.Weekday(weekday(d.dayNumber())) }

// AddDays returns the date n days after d (before, for negative n).
func (d Date) AddDays(n int) Date { return dateOf(d.dayNumber() + int64(n)) }

// dayNumber returns the number of days from 1970-01-01 to d.
func (d Date) dayNumber() int64 {
	return floorDiv(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix(), secondsPerDay)
}

// dateOf is the inverse of Date.dayNumber.
func dateOf(n int64) Date {
	y, m, d := time.Unix(n*secondsPerDay, 0).UTC().Date()
	return Date{y, m, d}
}

const secondsPerDay = 24 * 60 * 60

// weekday returns the time.Weekday number of day n (1970-01-01 was a Thursday).
func weekday(n int64) int { return int(floorMod(n+int64(time.Thursday), 7)) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
