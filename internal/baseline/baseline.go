// Package baseline measures what a team delivers before it promises
// anything: week by week, how long its first responses and resolutions
// took in business time, and for a few targets the `within` that it would
// have met in at least half of those weeks. Pure: no I/O, no time.Now.
package baseline

import (
	"slices"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
)

// Targets are the shares proposals are made for: 80%, 90% and 95%, in
// parts per million.
var Targets = []int64{800_000, 900_000, 950_000}

// Sample is one clock, measured as of the baseline's instant: when it
// started, the business time it counted, and whether it was still running.
type Sample struct {
	Start   time.Time
	Elapsed time.Duration
	Running bool
}

// WeekFigures are the clocks that started in one week.
type WeekFigures struct {
	Start, End time.Time // [Start, End)
	Clocks     int
	// Running are the clocks still running at the instant: issues not yet
	// answered, or not yet closed.
	Running int
	// P50 and P90 are the nearest-rank percentiles of the business time of
	// every clock of the week, a running one counting its time so far;
	// zero without clocks.
	P50, P90 time.Duration
}

// Proposal is the `within` a target would have been kept with.
type Proposal struct {
	TargetPPM int64
	// Within is the smallest round value (Round) at which the weekly
	// attainment reaches the target in at least half of the weeks with
	// clocks; zero when no value does (too few clocks stopped).
	Within time.Duration
	// WeeksMet is how many weeks reach the target at Within (at least half
	// of Weeks; more where weeks tie); Weeks is how many had clocks.
	WeeksMet, Weeks int
}

// Metric is one metric measured week by week, with its proposals.
type Metric struct {
	Name      agreement.Metric // first_response or resolution
	Weeks     []WeekFigures
	Proposals []Proposal
}

// Measure splits the samples into the weeks of 7 days that end at at, the
// oldest first (samples outside them are left out), and proposes a within
// for each of Targets. The weeks end at the points of `sla check --trend
// weeks`.
func Measure(name agreement.Metric, samples []Sample, at time.Time, weeks int) Metric {
	m := Metric{Name: name}
	ends := agreement.TrendPoints(at, weeks)
	byWeek := make([][]Sample, len(ends))
	first := ends[0].Add(-agreement.Week)
	for _, s := range samples {
		if s.Start.Before(first) || !s.Start.Before(at) {
			continue
		}
		i := int(s.Start.Sub(first) / agreement.Week)
		byWeek[i] = append(byWeek[i], s)
	}
	for i, list := range byWeek {
		w := WeekFigures{Start: ends[i].Add(-agreement.Week), End: ends[i], Clocks: len(list)}
		elapsed := make([]time.Duration, 0, len(list))
		for _, s := range list {
			elapsed = append(elapsed, s.Elapsed)
			if s.Running {
				w.Running++
			}
		}
		slices.Sort(elapsed)
		w.P50, w.P90 = compliance.NearestRank(elapsed, 50), compliance.NearestRank(elapsed, 90)
		m.Weeks = append(m.Weeks, w)
	}
	for _, t := range Targets {
		m.Proposals = append(m.Proposals, propose(byWeek, t))
	}
	return m
}

// propose finds, for each week with clocks, the smallest round within at
// which it reaches the target, and takes the value that half of those
// weeks reach: the ⌈n/2⌉-th smallest.
func propose(byWeek [][]Sample, targetPPM int64) Proposal {
	const never = -1
	var least []int // per week with clocks: the index of its smallest round within, or never
	for _, list := range byWeek {
		if len(list) > 0 {
			least = append(least, leastRound(list, targetPPM))
		}
	}
	p := Proposal{TargetPPM: targetPPM, Weeks: len(least)}
	if len(least) == 0 {
		return p
	}
	slices.SortFunc(least, func(a, b int) int {
		switch {
		case a == b:
			return 0
		case a == never:
			return 1
		case b == never:
			return -1
		}
		return a - b
	})
	pick := least[(len(least)+1)/2-1]
	if pick == never {
		return p
	}
	p.Within = Round(pick)
	for _, i := range least {
		if i != never && i <= pick {
			p.WeeksMet++
		}
	}
	return p
}

// Round is the i-th round value a proposal may take, from i = 0: 30m to 4h
// in steps of 30 minutes, then whole hours (5h, 6h, …).
func Round(i int) time.Duration {
	if i < 8 {
		return time.Duration(i+1) * 30 * time.Minute
	}
	return time.Duration(i-3) * time.Hour
}

// roundIndex is the index of the smallest round value at least d.
func roundIndex(d time.Duration) int {
	if d <= 4*time.Hour {
		return max(int((d+30*time.Minute-1)/(30*time.Minute))-1, 0)
	}
	return int((d+time.Hour-1)/time.Hour) + 3
}

// leastRound is the index of the smallest round within at which the
// week's clocks reach the target, or -1 when none does. Reaching it is
// monotone in within (a longer within meets more clocks and breaches
// fewer), so a binary search finds it; past the longest clock nothing
// breaches, so the target is reached there or never.
func leastRound(list []Sample, targetPPM int64) int {
	var longest time.Duration
	for _, s := range list {
		longest = max(longest, s.Elapsed)
	}
	hi := roundIndex(longest)
	if !reaches(list, Round(hi), targetPPM) {
		return -1
	}
	lo := 0
	for lo < hi {
		mid := (lo + hi) / 2
		if reaches(list, Round(mid), targetPPM) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// reaches reports whether sla check would find the clocks' attainment at
// within to be at least the target (compliance.BelowTarget, its rule), a
// running clock within it being pending, not a sample. Without samples it
// is not reached.
func reaches(list []Sample, within time.Duration, targetPPM int64) bool {
	met, breached := 0, 0
	for _, s := range list {
		switch compliance.Judge(s.Elapsed, s.Running, within) {
		case compliance.Met:
			met++
		case compliance.Breached:
			breached++
		}
	}
	return met+breached > 0 && !compliance.BelowTarget(met, met+breached, targetPPM)
}
