package calendar

import (
	"slices"
	"time"
)

// Instants are handled as Unix seconds: range bounds are whole minutes and
// time zone transitions whole seconds, so only the instants passed in by
// callers carry nanoseconds, and those are kept beside the seconds.

// maxOffset bounds the UTC offset of any real time zone (they lie within
// -12h..+14h; local mean times of the 19th century reach about ±16h).
const maxOffset = 36 * 60 * 60

// zoneTable holds the UTC offsets of a location over [starts[0], end), so that
// the common years need no time.Location lookups (which, past the last
// transition of the tz data, reparse its rule string on every call).
type zoneTable struct {
	starts []int64 // offs[i] holds from starts[i] until starts[i+1] (the last until end)
	offs   []int64
	end    int64
}

// scanZones records the changes of loc's UTC offset over [start, end). Changes
// of only the abbreviation or the DST flag are left out.
//
// Time.ZoneBounds serves as a hint and every hint is checked: in leap years
// past the last transition of the tz data it reports an end before the
// instant asked about (golang/go#81583). Where a hint does not move forward,
// the scan steps a day and, if the offset changed, searches for the second it
// changed.
func scanZones(loc *time.Location, start, end int64) zoneTable {
	off := locOffset(loc, start)
	tab := zoneTable{starts: []int64{start}, offs: []int64{off}, end: end}
	for x := start; x < end; {
		_, hint := time.Unix(x, 0).In(loc).ZoneBounds()
		if hint.IsZero() {
			break // no more changes
		}
		next := hint.Unix()
		if next <= x {
			next = x + secondsPerDay
		}
		if o := locOffset(loc, next); o != off {
			if locOffset(loc, next-1) != off {
				next = firstChange(loc, x, next, off)
			}
			if next >= end {
				break
			}
			off = locOffset(loc, next)
			tab.starts = append(tab.starts, next)
			tab.offs = append(tab.offs, off)
		}
		x = next
	}
	return tab
}

// firstChange returns the first second in (lo, hi] at which loc's offset is
// not off, given that it is off at lo and not at hi.
func firstChange(loc *time.Location, lo, hi, off int64) int64 {
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if locOffset(loc, mid) == off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

func locOffset(loc *time.Location, s int64) int64 {
	_, off := time.Unix(s, 0).In(loc).Zone()
	return int64(off)
}

// covers reports whether the table knows the offset at s.
func (tab *zoneTable) covers(s int64) bool {
	return len(tab.starts) > 0 && s >= tab.starts[0] && s < tab.end
}

// index returns the number of the period holding s, which the table covers.
func (tab *zoneTable) index(s int64) int {
	lo, hi := 0, len(tab.starts) // find the last start <= s
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if tab.starts[mid] <= s {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// offAt returns the calendar location's UTC offset at instant s, in seconds.
func (c *Calendar) offAt(s int64) int64 {
	if c.tab.covers(s) {
		return c.tab.offs[c.tab.index(s)]
	}
	return locOffset(c.loc, s)
}

// offsetsNear returns the UTC offsets in effect within maxOffset of instant s.
func (c *Calendar) offsetsNear(s int64, buf []int64) []int64 {
	add := func(o int64) {
		if !slices.Contains(buf, o) && len(buf) < cap(buf) {
			buf = append(buf, o)
		}
	}
	if c.tab.covers(s-maxOffset) && c.tab.covers(s+maxOffset) {
		for i := c.tab.index(s - maxOffset); i < len(c.tab.starts) && c.tab.starts[i] <= s+maxOffset; i++ {
			add(c.tab.offs[i])
		}
		return buf
	}
	// Outside the table, sample: real offsets hold for months, not hours.
	for k := int64(-3); k <= 3; k++ {
		add(c.offAt(s + k*maxOffset/3))
	}
	return buf
}

// instant maps a wall-clock time, given as seconds since 1970-01-01 00:00 of
// the local calendar (as if the zone were UTC), to Unix seconds. A wall time
// that happens twice maps to its first occurrence; one inside a gap maps to
// the instant of the transition (see the package documentation).
func (c *Calendar) instant(wall int64) int64 {
	offs := c.offsetsNear(wall, make([]int64, 0, 8))
	best, found := int64(maxInt64), false
	for _, o := range offs {
		if t := wall - o; t < best && c.offAt(t) == o {
			best, found = t, true
		}
	}
	if found {
		return best
	}
	// A gap: the clock jumped from offset o1 to a larger o2 at some instant T
	// with T+o1 <= wall < T+o2, so wall-o2 lies before T and wall-o1 after.
	for _, o1 := range offs {
		for _, o2 := range offs {
			if lo, hi := wall-o2, wall-o1; o2 > o1 && c.offAt(lo) != c.offAt(hi) {
				for hi-lo > 1 {
					mid := lo + (hi-lo)/2
					if c.offAt(mid) == c.offAt(lo) {
						lo = mid
					} else {
						hi = mid
					}
				}
				return hi
			}
		}
	}
	return wall - c.offAt(wall) // unreachable with consistent zone data
}

// span is an open interval of one day, in Unix seconds.
type span struct{ start, end int64 }

// dayPlan is one local day turned into instants.
type dayPlan struct {
	day        int64 // days since 1970-01-01, local
	start, end int64 // instants of this day's 00:00 and the next day's
	open       []span
	total      time.Duration
}

// computeDay works out day d from first principles. It is the reference the
// fast paths must agree with.
func (c *Calendar) computeDay(d int64) *dayPlan {
	base := d * secondsPerDay
	p := &dayPlan{day: d, start: c.instant(base), end: c.instant(base + secondsPerDay)}
	if c.isHoliday(d) {
		return p
	}
	for _, r := range c.week[weekday(d)] {
		s, e := c.instant(base+int64(r.Start)*60), c.instant(base+int64(r.End)*60)
		if e > s {
			p.open = append(p.open, span{s, e})
			p.total += time.Duration(e-s) * time.Second
		}
	}
	return p
}

// within returns the open time of the plan's day before instant (s, ns).
func (p *dayPlan) within(s, ns int64) time.Duration {
	var total time.Duration
	for _, sp := range p.open {
		switch {
		case s < sp.start:
			return total
		case s >= sp.end:
			total += time.Duration(sp.end-sp.start) * time.Second
		default:
			return total + time.Duration(s-sp.start)*time.Second + time.Duration(ns)
		}
	}
	return total
}

// isOpen reports whether instant s (whole seconds suffice: bounds are whole
// seconds) lies in an open span of the day.
func (p *dayPlan) isOpen(s int64) bool {
	for _, sp := range p.open {
		if sp.start <= s && s < sp.end {
			return true
		}
	}
	return false
}
