package clock

import (
	"slices"
	"time"

	"github.com/sla-dev/sla/internal/calendar"
)

// Interval is [Start, End). Start may equal End: a period that began and
// ended in the same second still happened (SPEC §3 "Order within a
// second").
type Interval struct{ Start, End time.Time }

// Empty reports whether the interval lasts no time.
func (i Interval) Empty() bool { return !i.End.After(i.Start) }

// Holds reports whether t is in the interval: Start ≤ t < End.
func (i Interval) Holds(t time.Time) bool { return !t.Before(i.Start) && t.Before(i.End) }

// AnyHolds reports whether one of the intervals holds t: whether an issue
// was open, or carried a label, at t, given the periods it was or did.
func AnyHolds(list []Interval, t time.Time) bool {
	for _, p := range list {
		if p.Holds(t) {
			return true
		}
	}
	return false
}

// within reports whether an instant falls in one of the periods, their
// ends included: a comment in the second of an opening or a reopening
// came after it, and one in the second of a close came before it (SPEC §3
// "Order within a second"), even when the issue was open for no time.
func within(periods []Interval, at time.Time) bool {
	return slices.ContainsFunc(periods, func(p Interval) bool { return !at.Before(p.Start) && !at.After(p.End) })
}

// BusinessTime sums the business time of intervals.
func BusinessTime(cal *calendar.Calendar, list []Interval) time.Duration {
	var d time.Duration
	for _, p := range list {
		d += cal.Between(p.Start, p.End)
	}
	return d
}

// BusinessTimeUntil is the business time of sorted intervals up to an
// instant: BusinessTime of the intervals clipped at t, without clipping
// them.
func BusinessTimeUntil(cal *calendar.Calendar, list []Interval, t time.Time) time.Duration {
	var d time.Duration
	for _, p := range list {
		if !p.Start.Before(t) {
			break
		}
		d += cal.Between(p.Start, minTime(p.End, t))
	}
	return d
}

// Reach returns the instant at which the business time of sorted
// intervals reaches d, and false if their whole business time is less.
func Reach(cal *calendar.Calendar, list []Interval, d time.Duration) (time.Time, bool) {
	var sum time.Duration
	for _, p := range list {
		span := cal.Between(p.Start, p.End)
		if sum+span >= d {
			return cal.Add(p.Start, d-sum), true
		}
		sum += span
	}
	return time.Time{}, false
}

// clip cuts sorted intervals at an instant.
func clip(list []Interval, end time.Time) []Interval {
	var out []Interval
	for _, p := range list {
		if !p.Start.Before(end) {
			break
		}
		out = append(out, Interval{p.Start, minTime(p.End, end)})
	}
	return out
}

// merge sorts intervals and joins the ones that overlap or touch.
func merge(list []Interval) []Interval {
	if len(list) < 2 {
		return list
	}
	list = slices.Clone(list)
	slices.SortFunc(list, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	out := list[:1]
	for _, p := range list[1:] {
		last := &out[len(out)-1]
		if !p.Start.After(last.End) {
			last.End = maxTime(last.End, p.End)
			continue
		}
		out = append(out, p)
	}
	return out
}

// counted is what a clock counts of the periods: the cut (pauses) taken
// out, periods of no time left out, and periods that touch joined (an
// issue closed and reopened in one second counted on).
func counted(periods, cut []Interval) []Interval {
	var out []Interval
	for _, p := range subtract(periods, cut) {
		if p.Empty() {
			continue
		}
		if n := len(out); n > 0 && out[n-1].End.Equal(p.Start) {
			out[n-1].End = p.End
			continue
		}
		out = append(out, p)
	}
	return out
}

// subtract removes the sorted, disjoint intervals cut from the sorted,
// disjoint intervals list. A cut of no time removes nothing.
func subtract(list, cut []Interval) []Interval {
	if len(cut) == 0 {
		return list
	}
	var out []Interval
	for _, p := range list {
		start := p.Start
		for _, c := range cut {
			if c.Empty() || !c.End.After(start) || !c.Start.Before(p.End) {
				continue
			}
			if c.Start.After(start) {
				out = append(out, Interval{start, c.Start})
			}
			start = maxTime(start, c.End)
		}
		if p.End.After(start) {
			out = append(out, Interval{start, p.End})
		}
	}
	return out
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
