package baseline

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
)

const (
	m = time.Minute
	h = time.Hour
)

// at is a Friday at midnight UTC; the weeks before it start on Fridays.
var at = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// weekStart is the start of week i of n ending at at (i from 0).
func weekStart(i, n int) time.Time { return at.Add(-time.Duration(n-i) * agreement.Week) }

// answered is a stopped clock that started in week i of n, a day in.
func answered(i, n int, elapsed time.Duration) Sample {
	return Sample{Start: weekStart(i, n).Add(24 * h), Elapsed: elapsed}
}

// exampleSamples are the four weeks of docs/baseline.md's example.
func exampleSamples() []Sample {
	return []Sample{
		answered(0, 4, 20*m), answered(0, 4, 50*m), answered(0, 4, 2*h+10*m),
		answered(1, 4, 1*h), answered(1, 4, 1*h),
		answered(2, 4, 40*m), answered(2, 4, 7*h+20*m),
		{Start: weekStart(3, 4).Add(h), Elapsed: 12 * h, Running: true}, // not answered yet
	}
}

func TestMeasureExample(t *testing.T) {
	t.Parallel()
	got := Measure(agreement.MetricFirstResponse, exampleSamples(), at, 4)
	// Percentiles by nearest rank: rank ceil(p/100 × n).
	wantWeeks := []WeekFigures{
		// 20m, 50m, 2h10m: p50 rank ceil(1.5) = 2 → 50m; p90 rank ceil(2.7) = 3 → 2h10m.
		{Start: weekStart(0, 4), Clocks: 3, P50: 50 * m, P90: 2*h + 10*m},
		// 1h, 1h: p50 rank 1, p90 rank ceil(1.8) = 2.
		{Start: weekStart(1, 4), Clocks: 2, P50: h, P90: h},
		// 40m, 7h20m: p50 rank 1 → 40m; p90 rank 2 → 7h20m.
		{Start: weekStart(2, 4), Clocks: 2, P50: 40 * m, P90: 7*h + 20*m},
		// One clock, running, 12h so far: it counts its time.
		{Start: weekStart(3, 4), Clocks: 1, Running: 1, P50: 12 * h, P90: 12 * h},
	}
	if len(got.Weeks) != len(wantWeeks) {
		t.Fatalf("%d weeks, want %d", len(got.Weeks), len(wantWeeks))
	}
	for i, w := range wantWeeks {
		w.End = w.Start.Add(agreement.Week)
		if got.Weeks[i] != w {
			t.Errorf("week %d: %+v, want %+v", i, got.Weeks[i], w)
		}
	}
	// At 90% each week's smallest round within:
	//   week 0: 3 clocks, 90% of 3 needs all 3 ≤ within: 2h10m → 2h30m;
	//   week 1: both ≤ 1h → 1h;
	//   week 2: 40m alone is 50%: 7h20m → 8h;
	//   week 3: below 12h the clock is breached (0%), from 12h on it is
	//           pending, not a sample: never.
	// Sorted 1h, 2h30m, 8h, never; half of 4 weeks is 2: the 2nd, 2h30m,
	// met in weeks 0 and 1.
	// At 80% the same (2 of 3 is 66.6%); at 95% too.
	for i, want := range []Proposal{
		{TargetPPM: 800_000, Within: 2*h + 30*m, WeeksMet: 2, Weeks: 4},
		{TargetPPM: 900_000, Within: 2*h + 30*m, WeeksMet: 2, Weeks: 4},
		{TargetPPM: 950_000, Within: 2*h + 30*m, WeeksMet: 2, Weeks: 4},
	} {
		if got.Proposals[i] != want {
			t.Errorf("proposal %d: %+v, want %+v", i, got.Proposals[i], want)
		}
	}
}

func TestMeasureTargetsDiffer(t *testing.T) {
	t.Parallel()
	// One week, ten clocks: 1h ×8, 3h, 9h.
	var list []Sample
	for range 8 {
		list = append(list, answered(0, 1, h))
	}
	list = append(list, answered(0, 1, 3*h), answered(0, 1, 9*h))
	got := Measure(agreement.MetricResolution, list, at, 1)
	// 80%: 8 of 10 ≤ 1h → 1h. 90%: 9 of 10 ≤ 3h → 3h. 95%: 10 of 10 → 9h.
	for i, want := range []time.Duration{h, 3 * h, 9 * h} {
		if p := got.Proposals[i]; p.Within != want || p.WeeksMet != 1 || p.Weeks != 1 {
			t.Errorf("target %d: %+v, want within %v in 1 of 1 weeks", p.TargetPPM, p, want)
		}
	}
}

func TestMeasureLeavesOutOtherWeeks(t *testing.T) {
	t.Parallel()
	list := []Sample{
		{Start: weekStart(0, 2).Add(-time.Second), Elapsed: h}, // a second before the first week
		{Start: at, Elapsed: h},                                // at at: after the last week
		{Start: weekStart(1, 2), Elapsed: 2 * h},               // the first instant of the second week
	}
	got := Measure(agreement.MetricFirstResponse, list, at, 2)
	if got.Weeks[0].Clocks != 0 || got.Weeks[1].Clocks != 1 {
		t.Errorf("clocks per week %d, %d, want 0, 1", got.Weeks[0].Clocks, got.Weeks[1].Clocks)
	}
	// One week with clocks (the empty one does not count): its 2h.
	if p := got.Proposals[1]; p.Within != 2*h || p.WeeksMet != 1 || p.Weeks != 1 {
		t.Errorf("proposal %+v, want 2h in 1 of 1 weeks", p)
	}
}

func TestMeasureNoClocks(t *testing.T) {
	t.Parallel()
	got := Measure(agreement.MetricFirstResponse, nil, at, 3)
	for _, p := range got.Proposals {
		if p.Within != 0 || p.Weeks != 0 {
			t.Errorf("proposal without clocks: %+v", p)
		}
	}
	if w := got.Weeks[2]; w.Clocks != 0 || w.P50 != 0 || !w.End.Equal(at) {
		t.Errorf("last week %+v", w)
	}
}

func TestRound(t *testing.T) {
	t.Parallel()
	for i, want := range map[int]time.Duration{0: 30 * m, 1: h, 2: h + 30*m, 7: 4 * h, 8: 5 * h, 9: 6 * h, 43: 40 * h} {
		if got := Round(i); got != want {
			t.Errorf("Round(%d) = %v, want %v", i, got, want)
		}
	}
	for d, want := range map[time.Duration]int{0: 0, 30 * m: 0, 31 * m: 1, 4 * h: 7, 4*h + m: 8, 5 * h: 8, 5*h + time.Second: 9} {
		if got := roundIndex(d); got != want {
			t.Errorf("roundIndex(%v) = %d, want %d", d, got, want)
		}
	}
}

func TestReachesCountsPendingAsNoSample(t *testing.T) {
	t.Parallel()
	list := []Sample{answered(0, 1, h), {Elapsed: 30 * m, Running: true}}
	// Within 30m: the answer in 1h is breached, the running clock (30m so
	// far) pending: 0 of 1.
	if reaches(list, 30*m, 900_000) {
		t.Error("reached at 30m")
	}
	// Within 1h: met, and still one pending: 1 of 1.
	if !reaches(list, h, 900_000) {
		t.Error("not reached at 1h")
	}
	// Only a running clock within within: no sample, not reached.
	if reaches(list[1:], h, 800_000) {
		t.Error("reached without samples")
	}
}

// The binary search finds what trying every round value in turn finds.
func TestLeastRoundIsTheFirstThatReaches(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		list := make([]Sample, 1+r.IntN(8))
		for i := range list {
			list[i] = Sample{Elapsed: time.Duration(r.IntN(12*60)) * m, Running: r.IntN(4) == 0}
		}
		target := Targets[r.IntN(len(Targets))]
		want := -1
		for i := range roundIndex(12*h) + 1 {
			if reaches(list, Round(i), target) {
				want = i
				break
			}
		}
		if got := leastRound(list, target); got != want {
			t.Fatalf("leastRound(%+v, %d) = %d, want %d", list, target, got, want)
		}
	}
}
