package kudos

import (
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
)

var now = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// trendOf builds a result whose weekly points have these statuses, oldest
// first, the last at now. Each point counts one met clock (met), one
// breached clock (breached), one pending at-risk clock beside a met one
// (at_risk), or nothing (no_data): the rules read the statuses.
func trendOf(name string, statuses ...compliance.Status) *compliance.Result {
	a := &agreement.Agreement{}
	a.Metadata.Name = "req"
	o := &compliance.Objective{Agreement: a, Def: &agreement.Objective{Name: agreement.Name(name)}}
	r := &compliance.Result{Objective: o, At: now, Complete: true}
	for i, s := range statuses {
		p := compliance.Point{At: now.Add(-time.Duration(len(statuses)-1-i) * agreement.Week), Status: s}
		switch s {
		case compliance.StatusMet:
			p.Met = 1
		case compliance.StatusBreached:
			p.Breached = 1
		case compliance.StatusAtRisk:
			p.Met, p.Pending, p.AtRisk = 1, 1, 1
		}
		r.Trend = append(r.Trend, p)
	}
	r.Status = statuses[len(statuses)-1]
	return r
}

// statuses spells a trend, oldest first: m met, b breached, r at risk,
// - no data.
func statuses(s string) []compliance.Status {
	m := map[rune]compliance.Status{'m': compliance.StatusMet, 'b': compliance.StatusBreached,
		'r': compliance.StatusAtRisk, '-': compliance.StatusNoData}
	var out []compliance.Status
	for _, c := range s {
		out = append(out, m[c])
	}
	return out
}

// Each case is one rule of a streak: met at consecutive weekly points,
// counting back from now, listed from 4 on. Planting each wrong rule
// fails the case named beside it (checked): counting every met point, not
// the consecutive ones (across a breach); counting at-risk points as met
// (at risk ends it); skipping weeks without data (no data ends it);
// listing from 5 (exactly 4); listing a streak not met now (at risk now).
func TestStreaks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, trend string
		weeks       int // 0: not listed
		atLeast     bool
	}{
		// Counting back from now: 4 met points, then the breach 5 weeks
		// ago ends the streak. The 2 met points before it do not count.
		{"across a breach", "mmbmmmm", 4, false},
		// At risk is not met (SPEC: "at which it was met"): the 4 met
		// points since end the streak at it, so not 9.
		{"at risk ends it", "mmmmrmmmm", 4, false},
		// No samples that week: nothing was kept; 5, not 8.
		{"no data ends it", "mm-mmmmm", 5, false},
		{"exactly 4", "bmmmm", 4, false},
		{"3 is too short", "bbmmm", 0, false},
		{"at risk now", "mmmmmr", 0, false},
		{"breached now", "mmmmmb", 0, false},
		// Met at every point looked at: 6, and maybe longer.
		{"every point", "mmmmmm", 6, true},
	} {
		r := trendOf("first-response", statuses(tc.trend)...)
		got := Streaks(&compliance.Report{At: now, Results: []*compliance.Result{r}})
		switch {
		case tc.weeks == 0 && len(got) != 0:
			t.Errorf("%s (%s): listed a streak of %d weeks, want none", tc.name, tc.trend, got[0].Weeks)
		case tc.weeks == 0:
		case len(got) != 1:
			t.Errorf("%s (%s): no streak, want %d weeks", tc.name, tc.trend, tc.weeks)
		case got[0].Weeks != tc.weeks || got[0].AtLeast != tc.atLeast:
			t.Errorf("%s (%s): %d weeks (at least: %v), want %d (%v)", tc.name, tc.trend, got[0].Weeks, got[0].AtLeast, tc.weeks, tc.atLeast)
		case !got[0].Since.Equal(now.Add(-time.Duration(tc.weeks-1) * agreement.Week)):
			t.Errorf("%s: since %v, want %d weeks before now", tc.name, got[0].Since, tc.weeks-1)
		}
	}
}

func TestStreaksLongestFirstAndCompleteOnly(t *testing.T) {
	t.Parallel()
	short := trendOf("short", statuses("bmmmm")...)
	long := trendOf("long", statuses("mmmmmm")...)
	incomplete := trendOf("incomplete", statuses("mmmmmm")...)
	incomplete.Complete, incomplete.Missing = false, []string{"acme/req"}
	got := Streaks(&compliance.Report{At: now, Results: []*compliance.Result{short, incomplete, long}})
	var names []string
	for _, s := range got {
		names = append(names, string(s.Result.Objective.Def.Name))
	}
	// The incomplete objective's figures lack a repository: not listed.
	if strings.Join(names, " ") != "long short" {
		t.Errorf("streaks %v, want long (6 weeks), short (4 weeks)", names)
	}
}

// point is a weekly point with met of samples.
func point(met, samples int) compliance.Point {
	return compliance.Point{Met: met, Breached: samples - met}
}

// improvedOf runs MostImproved on one objective measured twice.
func improvedOf(from, to compliance.Point) []Improvement {
	r := trendOf("resolution", compliance.StatusMet, compliance.StatusMet)
	r.Trend[0].Met, r.Trend[0].Breached = from.Met, from.Breached
	r.Trend[1].Met, r.Trend[1].Breached = to.Met, to.Breached
	return MostImproved(&compliance.Report{At: now, Results: []*compliance.Result{r}})
}

// Planting each wrong rule fails the case named beside it (checked):
// ">" for "≥" (exactly 5 points); the difference of the truncated
// percentages instead of the exact one (1/3 to 38.3333%); no check for
// samples then (no samples then).
func TestMostImproved(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		from, to compliance.Point
		rise     int64 // ppm; −1: not listed
	}{
		// 16/20 = 80% to 17/20 = 85%: exactly 5 points, listed.
		// floor(10⁶ × (17·20 − 16·20) / (20·20)) = floor(10⁶ × 20/400) = 50 000.
		{"exactly 5 points", point(16, 20), point(17, 20), 50_000},
		// 2/3 = 66.66…% to 43/60 = 71.66…%: (43·3 − 2·60)/(3·60) = 9/180
		// = 5 points exactly, though neither figure is a whole ppm.
		{"exactly 5 points between thirds", point(2, 3), point(43, 60), 50_000},
		// 1/3 = 33.3333…% (333 333 ppm truncated) to 383 333 of 10⁶ =
		// 38.3333%: the truncated figures differ by 50 000 ppm, but the
		// rise is 38.3333% − 33.3333…% = 4.99996… points: not listed.
		{"just under 5 points", point(1, 3), point(383_333, 1_000_000), -1},
		// 80% to 84.9%: 849/1000 − 8/10 = 4.9 points.
		{"4.9 points", point(8, 10), point(849, 1000), -1},
		// 50% to 100%: 50 points.
		{"recovered", point(1, 2), point(3, 3), 500_000},
		{"fell", point(3, 3), point(1, 2), -1},
		{"no samples then", point(0, 0), point(3, 3), -1},
		{"no samples now", point(1, 2), point(0, 0), -1},
	} {
		got := improvedOf(tc.from, tc.to)
		switch {
		case tc.rise < 0 && len(got) > 0:
			t.Errorf("%s: listed with a rise of %d ppm, want not listed", tc.name, got[0].RisePPM)
		case tc.rise < 0:
		case len(got) != 1:
			t.Errorf("%s: not listed, want a rise of %d ppm", tc.name, tc.rise)
		case got[0].RisePPM != tc.rise:
			t.Errorf("%s: rise %d ppm, want %d", tc.name, got[0].RisePPM, tc.rise)
		}
	}
}

func TestMostImprovedLargestFirst(t *testing.T) {
	t.Parallel()
	small := trendOf("small", compliance.StatusBreached, compliance.StatusMet)
	small.Trend[0].Met, small.Trend[0].Breached = 8, 2 // 80% → 100%: 20 points
	small.Trend[1].Met = 10
	large := trendOf("large", compliance.StatusBreached, compliance.StatusMet)
	large.Trend[0].Met, large.Trend[0].Breached = 1, 1 // 50% → 100%: 50 points
	got := MostImproved(&compliance.Report{At: now, Results: []*compliance.Result{small, large}})
	if len(got) != 2 || got[0].Result != large || got[0].RisePPM != 500_000 || got[1].RisePPM != 200_000 {
		t.Errorf("got %+v, want large (+50 points) then small (+20)", got)
	}
}
