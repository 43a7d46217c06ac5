// Package checkin decides what `sla checkin` does (SPEC §7.2): the period
// a check-in asks about, which of its issue and comments are missing, and
// the results of the votes. It is pure: the check-in issues come in as
// read from GitHub or a snapshot, and report writes what it returns.
package checkin

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
)

// Period is a month or quarter in an agreement's calendar's time zone.
type Period struct {
	Every string // agreement.PeriodMonth or agreement.PeriodQuarter
	Year  int
	// Number is the month (1–12) or the quarter (1–4).
	Number int
	// Start and End bound it: [Start, End).
	Start, End time.Time
}

// Name is how markers and titles write the period: 2026-Q4, 2026-11.
func (p Period) Name() string {
	if p.Every == agreement.PeriodQuarter {
		return fmt.Sprintf("%d-Q%d", p.Year, p.Number)
	}
	return fmt.Sprintf("%d-%02d", p.Year, p.Number)
}

// PeriodAt is the period of that kind containing the instant, in zone.
func PeriodAt(every string, zone *calendar.Calendar, at time.Time) Period {
	d := zone.DateOf(at)
	if every == agreement.PeriodQuarter {
		return period(every, zone, d.Year, (int(d.Month)-1)/3+1)
	}
	return period(every, zone, d.Year, int(d.Month))
}

// period builds the number-th month or quarter of a year, which may be
// 0 or one past the last: the neighbours of the first and the last.
func period(every string, zone *calendar.Calendar, year, number int) Period {
	per := 12
	if every == agreement.PeriodQuarter {
		per = 4
	}
	year, number = year+(number-1+per)/per-1, (number-1+per)%per+1
	months := 12 / per
	first := time.Month((number-1)*months + 1)
	start := zone.StartOf(calendar.Date{Year: year, Month: first, Day: 1})
	endYear, endMonth := year, first+time.Month(months)
	if endMonth > 12 {
		endYear, endMonth = year+1, endMonth-12
	}
	end := zone.StartOf(calendar.Date{Year: endYear, Month: endMonth, Day: 1})
	return Period{Every: every, Year: year, Number: number, Start: start, End: end}
}

// Previous is the period before.
func (p Period) Previous(zone *calendar.Calendar) Period {
	return period(p.Every, zone, p.Year, p.Number-1)
}

var (
	quarterName = regexp.MustCompile(`^([0-9]{4})-Q([1-4])$`)
	monthName   = regexp.MustCompile(`^([0-9]{4})-(0[1-9]|1[0-2])$`)
)

// ParsePeriod reads 2026-Q4 or 2026-11, and says which kind it is.
func ParsePeriod(s string) (every string, year, number int, err error) {
	if m := quarterName.FindStringSubmatch(s); m != nil {
		year, _ = strconv.Atoi(m[1])
		number, _ = strconv.Atoi(m[2])
		return agreement.PeriodQuarter, year, number, nil
	}
	if m := monthName.FindStringSubmatch(s); m != nil {
		year, _ = strconv.Atoi(m[1])
		number, _ = strconv.Atoi(m[2])
		return agreement.PeriodMonth, year, number, nil
	}
	return "", 0, 0, fmt.Errorf("%q is not a period: write a quarter such as 2026-Q4 or a month such as 2026-11", s)
}

// Named is the period of that kind, year and number, in zone.
func Named(every string, year, number int, zone *calendar.Calendar) Period {
	return period(every, zone, year, number)
}
