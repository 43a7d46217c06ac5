package calendar

import (
	"math"
	"time"
)

// Instants are handled as Unix seconds: range bounds are whole minutes and
// time zone transitions whole seconds, so only the instants passed in by
// callers carry nanoseconds, and those are kept beside the seconds.

// zone is a period of constant UTC offset: instants [start, end) in Unix
// seconds (math.MinInt64 / math.MaxInt64 when unbounded), offset in seconds.
type zone struct{ off, start, end int64 }

// maxOffset bounds the UTC offset of any real time zone (they lie within
// -12h..+14h; local mean times of the 19th century reach about ±16h).
const maxOffset = 36 * 60 * 60

// zoneTable holds the offsets of a location between start and end, so that the
// common years need no time.Location lookups (which, past the last transition
// of the tz data, reparse its rule string on every call).
type zoneTable struct {
	starts []int64 // starts[i] begins zone i; zone i ends at starts[i+1], the last at end
	offs   []int64
	end    int64
}

// newZoneTable records the zones of loc over [start, end). Neighbouring
// periods with the same offset (only the abbreviation or DST flag changes)
// are merged.
func newZoneTable(loc *time.Location, start, end int64) zoneTable {
	tab := zoneTable{end: end}
	for x := start; x < end; {
		t := time.Unix(x, 0).In(loc)
		_, off := t.Zone()
		if n := len(tab.offs); n == 0 || tab.offs[n-1] != int64(off) {
			tab.starts = append(tab.starts, x)
			tab.offs = append(tab.offs, int64(off))
		}
		_, next := t.ZoneBounds()
		if next.IsZero() {
			break
		}
		x = max(next.Unix(), x+1)
	}
	return tab
}

// covers reports whether s lies in the table.
func (tab *zoneTable) covers(s int64) bool {
	return len(tab.starts) > 0 && s >= tab.starts[0] && s < tab.end
}

// at returns the zone containing s, which the table covers. Zones at the
// table's edges are cut at its bounds, which is harmless: callers treat a
// bound as a possible transition and check it.
func (tab *zoneTable) at(s int64) zone {
	lo, hi := 0, len(tab.starts) // find the last start <= s
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if tab.starts[mid] <= s {
			lo = mid
		} else {
			hi = mid
		}
	}
	z := zone{off: tab.offs[lo], start: tab.starts[lo], end: tab.end}
	if lo+1 < len(tab.starts) {
		z.end = tab.starts[lo+1]
	}
	return z
}

// zoneAt returns the zone of the calendar's location containing instant s.
func (c *Calendar) zoneAt(s int64) zone {
	if c.tab.covers(s) {
		return c.tab.at(s)
	}
	t := time.Unix(s, 0).In(c.loc)
	_, off := t.Zone()
	first, next := t.ZoneBounds()
	z := zone{off: int64(off), start: math.MinInt64, end: math.MaxInt64}
	if !first.IsZero() {
		z.start = first.Unix()
	}
	if !next.IsZero() {
		z.end = next.Unix()
	}
	return z
}

// instant maps a wall-clock time, given as seconds since 1970-01-01 00:00 of
// the local calendar (as if the zone were UTC), to Unix seconds. A wall time
// that happens twice maps to its first occurrence; one inside a gap maps to
// the instant of the transition (see the package documentation).
func (c *Calendar) instant(wall int64) int64 {
	// Every instant that could show this wall time lies within maxOffset of
	// it; collect the zones of that window.
	var buf [8]zone
	zones := buf[:0]
	for x := wall - maxOffset; len(zones) < cap(buf); {
		z := c.zoneAt(x)
		zones = append(zones, z)
		if z.end > wall+maxOffset {
			break
		}
		x = z.end
	}
	best, found := int64(math.MaxInt64), false
	for _, z := range zones {
		if t := wall - z.off; z.start <= t && t < z.end && t < best {
			best, found = t, true
		}
	}
	if found {
		return best
	}
	for i := 0; i+1 < len(zones); i++ {
		a, b := zones[i], zones[i+1]
		if jump := a.end; b.off > a.off && jump+a.off <= wall && wall < jump+b.off {
			return jump
		}
	}
	// Unreachable with consistent zone data; answer something monotonic.
	return wall - c.zoneAt(wall).off
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
