package oracle

import (
	"fmt"
	"sync"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
)

// hours is a calendar as SPEC §2 defines it: open ranges per weekday, as
// wall-clock times in a time zone, and holidays closed all day. Business
// time is counted minute by minute: every range bound is a whole minute of
// local time and every offset of the zones used a whole number of minutes,
// so a minute is open or closed all through. Which minutes are open is
// worked out once, day by day, into a table of running totals.
type hours struct {
	key      string // what defines it, for sharing its table
	loc      *time.Location
	week     [7][][2]int // by time.Weekday: [start, end) in minutes after local midnight
	holidays map[[3]int]bool

	mu    sync.Mutex
	table *minutes
}

// minutes says which minutes are open, from first on, as running totals:
// cum[i] is the number of open minutes in [first, first + i minutes).
type minutes struct {
	first time.Time
	cum   []int32
}

func (m *minutes) index(t time.Time) int { return int(t.Sub(m.first) / time.Minute) }

func (m *minutes) open(t time.Time) bool { i := m.index(t); return m.cum[i+1] > m.cum[i] }

func (m *minutes) end() time.Time { return m.first.Add(time.Duration(len(m.cum)-1) * time.Minute) }

// alwaysOpen is the built-in 24x7: every minute of every day, in UTC.
var alwaysOpen = sync.OnceValue(func() *hours {
	h := &hours{loc: time.UTC}
	for d := range h.week {
		h.week[d] = [][2]int{{0, 24 * 60}}
	}
	return h
})

// hoursOf returns the hours of a calendar, one value (and one table) for
// every calendar with the same definition, whichever set it comes from.
func hoursOf(c *agreement.Calendar) *hours {
	h := &hours{loc: c.Spec.Timezone.Location, holidays: map[[3]int]bool{}}
	h.key = fmt.Sprint(c.Spec.Timezone.Name, c.Spec.Hours.Week, c.Spec.Holidays)
	shared.Lock()
	defer shared.Unlock()
	if s, ok := shared.m[h.key]; ok {
		return s
	}
	shared.m[h.key] = h
	for d, ranges := range c.Spec.Hours.Week {
		for _, r := range ranges {
			h.week[d] = append(h.week[d], [2]int{r.Start, r.End})
		}
	}
	for _, d := range c.Spec.Holidays {
		h.holidays[[3]int{d.Year, int(d.Month), d.Day}] = true
	}
	return h
}

var shared = struct {
	sync.Mutex
	m map[string]*hours
}{m: map[string]*hours{}}

// between is the business time in [a, b).
func (h *hours) between(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	first, last := a.Truncate(time.Minute), b.Truncate(time.Minute)
	m := h.covering(first, last.Add(time.Minute))
	if first.Equal(last) {
		if m.open(first) {
			return b.Sub(a)
		}
		return 0
	}
	var d time.Duration
	if m.open(first) {
		d += first.Add(time.Minute).Sub(a)
	}
	d += time.Duration(m.cum[m.index(last)]-m.cum[m.index(first)+1]) * time.Minute
	if m.open(last) {
		d += b.Sub(last)
	}
	return d
}

// covering returns a table that reaches over [from, to): the one made
// already, or a new one, with room around it, from every local day that
// can reach into it.
func (h *hours) covering(from, to time.Time) *minutes {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := h.table; t != nil {
		if !from.Before(t.first) && !to.After(t.end()) {
			return t
		}
		from, to = minTime(from, t.first), maxTime(to, t.end())
	}
	const margin = 90 * 24 * time.Hour
	from, to = from.Add(-margin).Truncate(time.Minute), to.Add(margin).Truncate(time.Minute)
	n := int(to.Sub(from) / time.Minute)
	open := make([]bool, n)
	// A day's ranges lie within a day of its date in UTC.
	day := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -2)
	for ; day.Before(to.AddDate(0, 0, 2)); day = day.AddDate(0, 0, 1) {
		y, mo, d := day.Date()
		if h.holidays[[3]int{y, int(mo), d}] {
			continue
		}
		for _, r := range h.week[day.Weekday()] {
			s, e := h.wall(y, mo, d, r[0]), h.wall(y, mo, d, r[1])
			for m := max(int(s.Sub(from)/time.Minute), 0); m < min(int(e.Sub(from)/time.Minute), n); m++ {
				open[m] = true
			}
		}
	}
	t := &minutes{first: from, cum: make([]int32, n+1)}
	for i, o := range open {
		t.cum[i+1] = t.cum[i]
		if o {
			t.cum[i+1]++
		}
	}
	h.table = t
	return t
}

// wall is the instant a wall-clock time of a local day names: minutes
// after its midnight (24:00 is the next midnight). A time the day skips
// (spring forward) names the moment of the jump; one it has twice (fall
// back), the first.
func (h *hours) wall(y int, mo time.Month, d, minutes int) time.Time {
	if minutes == 24*60 {
		next := time.Date(y, mo, d+1, 0, 0, 0, 0, time.UTC)
		y, mo, d = next.Date()
		minutes = 0
	}
	naive := time.Date(y, mo, d, minutes/60, minutes%60, 0, 0, time.UTC)
	var best time.Time
	var offsets []int
	for _, probe := range []time.Duration{-30 * time.Hour, 0, 30 * time.Hour} {
		_, off := naive.Add(probe).In(h.loc).Zone()
		offsets = append(offsets, off)
	}
	smallest := offsets[0]
	for _, off := range offsets {
		smallest = min(smallest, off)
		t := naive.Add(-time.Duration(off) * time.Second)
		local := t.In(h.loc)
		if local.Year() == y && local.Month() == mo && local.Day() == d && local.Hour()*60+local.Minute() == minutes {
			if best.IsZero() || t.Before(best) {
				best = t
			}
		}
	}
	if !best.IsZero() {
		return best
	}
	// Skipped: read under the offset before the jump, the time lies just
	// after it, in the period that the jump begins.
	start, _ := naive.Add(-time.Duration(smallest) * time.Second).In(h.loc).ZoneBounds()
	return start
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
