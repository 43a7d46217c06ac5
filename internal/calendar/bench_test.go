package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// benchCalendar is Europe/Berlin, Mon-Fri 09:00-17:00, with a few holidays.
func benchCalendar(b *testing.B) *Calendar {
	return mustNew(b, "bench", "Europe/Berlin", hours(b, "mon-fri", "09:00-17:00"),
		"2026-04-03", "2026-04-06", "2026-05-01", "2026-12-24", "2026-12-25", "2026-12-31")
}

// benchStarts are instants spread over 2026, so spans cross weekends,
// holidays and DST changes as they would in real data.
func benchStarts() []time.Time {
	r := rand.New(rand.NewPCG(3, 4))
	starts := make([]time.Time, 1024)
	for i := range starts {
		starts[i] = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(365 * 24 * time.Hour))))
	}
	return starts
}

func BenchmarkBetween(b *testing.B) {
	c := benchCalendar(b)
	starts := benchStarts()
	for _, bb := range []struct {
		name string
		span time.Duration
	}{{"1h", time.Hour}, {"3d", 3 * 24 * time.Hour}, {"90d", 90 * 24 * time.Hour}} {
		b.Run(bb.name, func(b *testing.B) {
			var sink time.Duration
			i := 0
			for b.Loop() {
				a := starts[i%len(starts)]
				sink += c.Between(a, a.Add(bb.span))
				i++
			}
			_ = sink
		})
	}
}

func BenchmarkAdd(b *testing.B) {
	c := benchCalendar(b)
	starts := benchStarts()
	for _, bb := range []struct {
		name string
		d    time.Duration
	}{{"4h", 4 * time.Hour}, {"40h", 40 * time.Hour}} {
		b.Run(bb.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				c.Add(starts[i%len(starts)], bb.d)
				i++
			}
		})
	}
}

func BenchmarkNew(b *testing.B) {
	loc := load(b, "Europe/Berlin")
	week := hours(b, "mon-fri", "09:00-17:00")
	for b.Loop() {
		if _, err := New("bench", loc, week, nil); err != nil {
			b.Fatal(err)
		}
	}
}
