package calendar

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Calendar is a set of open hours per weekday, as wall-clock times in a time
// zone, with holidays closed all day. It is immutable and safe for concurrent
// use.
type Calendar struct {
	name     string
	loc      *time.Location
	week     [7][]Range // by time.Weekday; sorted, touching ranges merged
	nominal  [7]time.Duration
	weekly   time.Duration
	holidays []int64 // day numbers, sorted, unique
	always   bool

	// The index: local days [indexFirst, indexEnd) are either plain (their
	// ranges lie at one UTC offset, no holiday: open time is nominal and
	// wall-clock arithmetic is exact) or special, worked out in advance.
	tab      zoneTable
	specials []*dayPlan      // sorted by day
	cum      []time.Duration // cum[i]: sum over specials[:i] of (total - nominal)
}

// The index covers the local days of the years 1970 to 2099.
var (
	indexFirst = Date{1970, time.January, 1}.dayNumber()
	indexEnd   = Date{2100, time.January, 1}.dayNumber()
)

// transitionReach is how many days on either side of the UTC date of a change
// of offset are worked out in advance rather than taken as plain. A local day
// lies within about a day of its UTC date, and the wall times a change skips
// or repeats lie within a day of it, so three days is a wide margin.
const transitionReach = 3

// New builds a calendar. week is indexed by time.Weekday (0 = Sunday). The
// ranges of a day may come in any order; New sorts them and merges touching
// ones (09:00-12:00 and 12:00-13:00), and returns an error if two overlap,
// if a range is not valid, if a holiday is not a real date, or if no day has
// an open range.
func New(name string, loc *time.Location, week [7][]Range, holidays []Date) (*Calendar, error) {
	if loc == nil {
		return nil, errors.New("the time zone is missing")
	}
	c := &Calendar{name: name, loc: loc}
	for wd, ranges := range week {
		sorted := slices.Clone(ranges)
		slices.SortFunc(sorted, func(a, b Range) int { return a.Start - b.Start })
		var merged []Range
		for _, r := range sorted {
			if r.Start < 0 || r.Start >= r.End || r.End > MinutesPerDay {
				return nil, fmt.Errorf("%s: range %s is not valid: a range must start before it ends, within 00:00-24:00", DayKey(time.Weekday(wd)), r)
			}
			if n := len(merged); n > 0 && r.Start < merged[n-1].End {
				return nil, fmt.Errorf("%s: ranges %s and %s overlap: merge them or fix one", DayKey(time.Weekday(wd)), merged[n-1], r)
			} else if n > 0 && r.Start == merged[n-1].End {
				merged[n-1].End = r.End
				continue
			}
			merged = append(merged, r)
		}
		c.week[wd] = merged
		for _, r := range merged {
			c.nominal[wd] += r.Duration()
		}
		c.weekly += c.nominal[wd]
	}
	if c.weekly == 0 {
		return nil, errors.New("no day has open hours: give at least one day a range such as \"09:00-17:00\"")
	}
	for _, h := range holidays {
		if !h.Valid() {
			return nil, fmt.Errorf("holiday %s is not a real date", h)
		}
		c.holidays = append(c.holidays, h.dayNumber())
	}
	slices.Sort(c.holidays)
	c.holidays = slices.Compact(c.holidays)
	c.always = len(c.holidays) == 0 && c.weekly == 7*24*time.Hour
	c.buildIndex()
	return c, nil
}

// buildIndex records the zones of the indexed years and works out every day
// that is not plain: holidays, and the days near a change of UTC offset.
func (c *Calendar) buildIndex() {
	c.tab = scanZones(c.loc, (indexFirst-2*transitionReach)*secondsPerDay, (indexEnd+2*transitionReach)*secondsPerDay)
	c.cum = []time.Duration{0}
	for _, d := range c.specialDays(c.tab, indexFirst, indexEnd) {
		p := c.computeDay(d)
		c.specials = append(c.specials, p)
		c.cum = append(c.cum, c.cum[len(c.cum)-1]+p.total-c.nominal[weekday(d)])
	}
}

var alwaysOpen = func() *Calendar {
	var week [7][]Range
	for i := range week {
		week[i] = []Range{{0, MinutesPerDay}}
	}
	c, err := New("24x7", time.UTC, week, nil)
	if err != nil {
		panic(err)
	}
	return c
}()

// AlwaysOpen returns the built-in "24x7" calendar: always open, in UTC.
func AlwaysOpen() *Calendar { return alwaysOpen }

// Name returns the calendar's name.
func (c *Calendar) Name() string { return c.name }

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// AlwaysOpen reports whether the calendar is open at every instant: open
// 00:00-24:00 every day, without holidays.
func (c *Calendar) AlwaysOpen() bool { return c.always }

// Hours returns the open ranges of a weekday, sorted, touching ranges merged.
func (c *Calendar) Hours(d time.Weekday) []Range { return slices.Clone(c.week[d]) }

// Holidays returns the holidays, sorted, without duplicates.
func (c *Calendar) Holidays() []Date {
	out := make([]Date, len(c.holidays))
	for i, h := range c.holidays {
		out[i] = dateOf(h)
	}
	return out
}

// WeeklyOpen returns the nominal open time of a week without holidays,
// ignoring DST.
func (c *Calendar) WeeklyOpen() time.Duration { return c.weekly }

// StartOf returns the instant at which local date d begins in the calendar's
// time zone (its 00:00, or the transition if 00:00 falls in a DST gap).
func (c *Calendar) StartOf(d Date) time.Time {
	return time.Unix(c.instant(d.dayNumber()*secondsPerDay), 0).In(c.loc)
}

// DateOf returns the local date, in the calendar's time zone, of the day
// containing t: the date d with StartOf(d) <= t < StartOf(d+1).
func (c *Calendar) DateOf(t time.Time) Date { return dateOf(c.locate(t).day) }

// IsOpen reports whether the calendar is open at t.
func (c *Calendar) IsOpen(t time.Time) bool {
	if c.always {
		return true
	}
	p := c.locate(t)
	if p.plan != nil {
		return p.plan.isOpen(p.sec)
	}
	for _, r := range c.week[weekday(p.day)] {
		if p.wall < time.Duration(r.Start)*time.Minute {
			return false
		}
		if p.wall < time.Duration(r.End)*time.Minute {
			return true
		}
	}
	return false
}

// Between returns the business time in [a, b): the part of it inside open
// hours. It is 0 when b <= a. a and b may be in any location.
func (c *Calendar) Between(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	if c.always {
		return b.Round(0).Sub(a.Round(0))
	}
	pa, pb := c.locate(a), c.locate(b)
	return c.days(pa.day, pb.day) - c.within(pa) + c.within(pb)
}

// Add returns the earliest instant t >= a with Between(a, t) == d: when d of
// business time will have passed since a. For d <= 0 it returns a. The result
// is in a's location.
func (c *Calendar) Add(a time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return a
	}
	if c.always {
		return a.Add(d)
	}
	// Adding in steps gives the same answer (the earliest instant after d1 is
	// where the search for d2 starts) and keeps the sums below far from
	// overflowing.
	const step = 40 * 365 * 24 * time.Hour
	for d > step {
		a, d = c.add(a, step), d-step
	}
	return c.add(a, d)
}

func (c *Calendar) add(a time.Time, d time.Duration) time.Time {
	pa := c.locate(a)
	need := d + c.within(pa) // business time counted from the start of a's day
	// Find the day n holding the answer: days(pa.day, n) < need <= days(pa.day, n+1).
	lo, hi := pa.day, pa.day+1 // days(pa.day, lo) < need
	for c.days(pa.day, hi) < need {
		lo, hi = hi, pa.day+2*(hi-pa.day)
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if c.days(pa.day, mid) < need {
			lo = mid
		} else {
			hi = mid
		}
	}
	rem := need - c.days(pa.day, lo)
	for _, sp := range c.spans(lo) {
		if n := time.Duration(sp.end-sp.start) * time.Second; rem > n {
			rem -= n
			continue
		}
		return time.Unix(sp.start, 0).Add(rem).In(a.Location())
	}
	panic("calendar: Add lost its way") // days and spans disagree
}

// NextOpen returns the earliest instant >= t at which the calendar is open
// (t itself if it is open).
func (c *Calendar) NextOpen(t time.Time) time.Time {
	if c.IsOpen(t) {
		return t
	}
	// The first nanosecond of business time after t starts at the opening.
	return c.Add(t, time.Nanosecond).Add(-time.Nanosecond)
}

// pos is an instant placed on its local day.
type pos struct {
	day       int64 // local day number
	sec, nsec int64 // the instant
	wall      time.Duration
	plan      *dayPlan // nil on plain days, where wall is the time since local midnight
}

// locate places t on its local day.
func (c *Calendar) locate(t time.Time) pos {
	s, ns := t.Unix(), int64(t.Nanosecond())
	u := s + c.offAt(s)
	p := pos{day: floorDiv(u, secondsPerDay), sec: s, nsec: ns}
	p.plan = c.plan(p.day)
	if p.plan == nil {
		p.wall = time.Duration(u-p.day*secondsPerDay)*time.Second + time.Duration(ns)
		return p
	}
	// Near a transition the wall-clock date may not be the day whose
	// instants hold s (the repeated hour may cross midnight); step to it.
	for range 4 {
		switch {
		case s < p.plan.start:
			p.day--
		case s >= p.plan.end:
			p.day++
		default:
			return p
		}
		if p.plan = c.plan(p.day); p.plan == nil {
			p.plan = c.computeDay(p.day)
		}
	}
	return p
}

// plan returns the worked-out plan of day d, or nil if d is plain.
func (c *Calendar) plan(d int64) *dayPlan {
	if d < indexFirst || d >= indexEnd {
		return c.computeDay(d)
	}
	if i := c.specialIndex(d); i < len(c.specials) && c.specials[i].day == d {
		return c.specials[i]
	}
	return nil
}

// specialIndex returns the number of special days before day d.
func (c *Calendar) specialIndex(d int64) int {
	lo, hi := 0, len(c.specials)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if c.specials[mid].day < d {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// within returns the open time of p's day before p's instant.
func (c *Calendar) within(p pos) time.Duration {
	if p.plan != nil {
		return p.plan.within(p.sec, p.nsec)
	}
	var total time.Duration
	for _, r := range c.week[weekday(p.day)] {
		start, end := time.Duration(r.Start)*time.Minute, time.Duration(r.End)*time.Minute
		switch {
		case p.wall <= start:
			return total
		case p.wall >= end:
			total += end - start
		default:
			return total + p.wall - start
		}
	}
	return total
}

// spans returns the open spans of day d.
func (c *Calendar) spans(d int64) []span {
	if p := c.plan(d); p != nil {
		return p.open
	}
	off := c.offAt(d * secondsPerDay) // one offset all day on a plain day
	base := d*secondsPerDay - off
	out := make([]span, 0, len(c.week[weekday(d)]))
	for _, r := range c.week[weekday(d)] {
		out = append(out, span{base + int64(r.Start)*60, base + int64(r.End)*60})
	}
	return out
}

// days returns the open time of local days [d1, d2).
func (c *Calendar) days(d1, d2 int64) time.Duration {
	var total time.Duration
	if d1 < indexFirst && d1 < d2 {
		m := min(d2, indexFirst)
		total += c.slowDays(d1, m)
		d1 = m
	}
	if d1 < indexEnd && d1 < d2 {
		m := min(d2, indexEnd)
		total += c.nominalDays(d1, m) + c.cum[c.specialIndex(m)] - c.cum[c.specialIndex(d1)]
		d1 = m
	}
	if d1 < d2 {
		total += c.slowDays(d1, d2)
	}
	return total
}

// nominalDays returns the nominal open time of days [d1, d2), ignoring
// holidays and DST.
func (c *Calendar) nominalDays(d1, d2 int64) time.Duration {
	n := d2 - d1
	total := time.Duration(n/7) * c.weekly
	for d := d1 + n/7*7; d < d2; d++ {
		total += c.nominal[weekday(d)]
	}
	return total
}

// slowDays returns the open time of days [d1, d2) outside the index: as the
// index does, but with the zone changes of just these days.
func (c *Calendar) slowDays(d1, d2 int64) time.Duration {
	tab := scanZones(c.loc, (d1-2*transitionReach)*secondsPerDay, (d2+2*transitionReach)*secondsPerDay)
	total := c.nominalDays(d1, d2)
	for _, d := range c.specialDays(tab, d1, d2) {
		total += c.computeDay(d).total - c.nominal[weekday(d)]
	}
	return total
}

// specialDays returns, sorted, the days of [d1, d2) that are not plain: the
// holidays, and the days a change of offset in tab may touch.
func (c *Calendar) specialDays(tab zoneTable, d1, d2 int64) []int64 {
	var days []int64
	for _, jump := range tab.starts[1:] {
		mid := floorDiv(jump, secondsPerDay)
		for d := max(d1, mid-transitionReach); d <= mid+transitionReach && d < d2; d++ {
			days = append(days, d)
		}
	}
	i, _ := slices.BinarySearch(c.holidays, d1)
	for ; i < len(c.holidays) && c.holidays[i] < d2; i++ {
		days = append(days, c.holidays[i])
	}
	slices.Sort(days)
	return slices.Compact(days)
}

const maxInt64 = 1<<63 - 1

// isHoliday reports whether day d is a holiday.
func (c *Calendar) isHoliday(d int64) bool {
	_, found := slices.BinarySearch(c.holidays, d)
	return found
}
