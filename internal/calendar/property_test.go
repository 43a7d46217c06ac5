package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// propertyCalendars are varied on purpose: short days, lunch gaps, ranges
// in DST gaps, half-hour DST (Lord Howe), always open, and holidays.
func propertyCalendars(t testing.TB) []*Calendar {
	cs := testCalendars(t)
	return []*Calendar{
		cs.office, cs.lunch, cs.sunAll, cs.sunEarly, cs.sunGap, cs.sunShort, cs.nyOffice, cs.nySunEarly,
		mustNew(t, "lord-howe", "Australia/Lord_Howe", hours(t, "mon-sun", "01:00-03:00,22:00-24:00"), "2026-10-05", "2027-04-04"),
		mustNew(t, "all-day-berlin", "Europe/Berlin", hours(t, "mon-sun", "00:00-24:00"), "2026-12-25"),
		mustNew(t, "night-shift", "America/Sao_Paulo", hours(t, "mon-fri", "00:00-06:00,18:00-24:00")),
		mustNew(t, "fixed", "Asia/Kolkata", hours(t, "sat", "10:00-10:01")),
		AlwaysOpen(),
	}
}

// randomInstant returns an instant mostly in 2025-2027, sometimes near the
// ends of the index (1970, 2100) or far outside it, with nanoseconds.
func randomInstant(r *rand.Rand) time.Time {
	var from time.Time
	switch n := r.IntN(20); {
	case n == 0:
		from = time.Date(1969, 11, 1, 0, 0, 0, 0, time.UTC)
	case n == 1:
		from = time.Date(2099, 11, 1, 0, 0, 0, 0, time.UTC)
	case n == 2:
		from = time.Date(2140, 1, 1, 0, 0, 0, 0, time.UTC)
	default:
		from = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	t := from.Add(time.Duration(r.Int64N(int64(3 * 365 * 24 * time.Hour))))
	switch r.IntN(4) {
	case 0: // on a whole minute, like range bounds
		return t.Truncate(time.Minute)
	case 1: // near a whole hour
		return t.Truncate(time.Hour).Add(time.Duration(r.IntN(3)-1) * time.Nanosecond)
	}
	return t
}

func randomSpan(r *rand.Rand) time.Duration {
	switch r.IntN(4) {
	case 0:
		return time.Duration(r.Int64N(int64(3 * time.Hour)))
	case 1:
		return time.Duration(r.Int64N(int64(4 * 24 * time.Hour)))
	}
	return time.Duration(r.Int64N(int64(120 * 24 * time.Hour)))
}

// reference computes Between day by day from first principles.
func reference(c *Calendar, a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	var total time.Duration
	for d := c.locate(a).day - 1; d <= c.locate(b).day+1; d++ {
		for _, sp := range c.computeDay(d).open {
			lo, hi := time.Unix(sp.start, 0), time.Unix(sp.end, 0)
			if a.After(lo) {
				lo = a
			}
			if b.Before(hi) {
				hi = b
			}
			if hi.After(lo) {
				total += hi.Sub(lo)
			}
		}
	}
	return total
}

func TestProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	iterations := 150
	if testing.Short() {
		iterations = 50
	}
	for _, c := range propertyCalendars(t) {
		t.Run(c.Name(), func(t *testing.T) {
			for i := range iterations {
				a := randomInstant(r)
				b := a.Add(randomSpan(r))
				cc := b.Add(randomSpan(r))
				ab, bc, ac := c.Between(a, b), c.Between(b, cc), c.Between(a, cc)
				if ab < 0 || ab > b.Sub(a) {
					t.Fatalf("Between(%v, %v) = %v, outside [0, %v]", a, b, ab, b.Sub(a))
				}
				if ab+bc != ac {
					t.Fatalf("Between(%v, %v) + Between(.., %v) = %v + %v, but Between(a, c) = %v", a, b, cc, ab, bc, ac)
				}
				if c.Between(b, a) != 0 {
					t.Fatalf("Between(%v, %v) = %v for b < a", b, a, c.Between(b, a))
				}
				if c.AlwaysOpen() && ab != b.Sub(a) {
					t.Fatalf("always open: Between(%v, %v) = %v, want %v", a, b, ab, b.Sub(a))
				}
				// The reference works out every day: check long spans only now and then.
				if b.Sub(a) <= 10*24*time.Hour || i%8 == 0 {
					if want := reference(c, a, b); ab != want {
						t.Fatalf("Between(%v, %v) = %v, reference says %v", a, b, ab, want)
					}
				}
				if ab > 0 {
					at := c.Add(a, ab)
					if got := c.Between(a, at); got != ab {
						t.Fatalf("Between(a, Add(a, %v)) = %v (a = %v, Add = %v)", ab, got, a, at)
					}
					if at.After(b) {
						t.Fatalf("Add(%v, %v) = %v, after %v which already has that much", a, ab, at, b)
					}
				}
				d := time.Duration(r.Int64N(int64(200 * time.Hour)))
				at := c.Add(a, d)
				if at.Before(a) {
					t.Fatalf("Add(%v, %v) = %v, before a", a, d, at)
				}
				if got := c.Between(a, at); got != d {
					t.Fatalf("Between(a, Add(a, %v)) = %v (a = %v, Add = %v)", d, got, a, at)
				}
				if d > 0 && c.Between(a, at.Add(-time.Nanosecond)) >= d {
					t.Fatalf("Add(%v, %v) = %v is not the earliest", a, d, at)
				}
				for _, x := range []time.Time{a, b, at} {
					open := c.IsOpen(x)
					if tiny := c.Between(x, x.Add(time.Nanosecond)); open != (tiny == time.Nanosecond) {
						t.Fatalf("IsOpen(%v) = %v, but Between(t, t+1ns) = %v", x, open, tiny)
					}
					next := c.NextOpen(x)
					if next.Before(x) || !c.IsOpen(next) || c.Between(x, next) != 0 {
						t.Fatalf("NextOpen(%v) = %v: before, closed, or with open time between", x, next)
					}
					if open && !next.Equal(x) {
						t.Fatalf("NextOpen(%v) = %v, but it is open", x, next)
					}
					day := c.DateOf(x)
					if start := c.StartOf(day); start.After(x) || !c.StartOf(day.AddDays(1)).After(x) {
						t.Fatalf("DateOf(%v) = %v, which starts at %v", x, day, start)
					}
				}
			}
		})
	}
}

// The index (nominal time plus corrections on special days) must agree with
// working out every day from first principles.
func TestIndexMatchesDays(t *testing.T) {
	for _, c := range propertyCalendars(t) {
		from, to := Date{2026, time.January, 1}.dayNumber(), Date{2028, time.January, 1}.dayNumber()
		for d := from; d < to; d++ {
			if got, want := c.days(d, d+1), c.computeDay(d).total; got != want {
				t.Errorf("%s: day %v: index says %v, worked out %v", c.Name(), dateOf(d), got, want)
			}
		}
		if got, want := c.days(from, to), c.slowDays(from, to); got != want {
			t.Errorf("%s: 2026-2027: index says %v, slow path %v", c.Name(), got, want)
		}
	}
}
