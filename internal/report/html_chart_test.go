package report

import (
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
)

// points makes a weekly trend ending on 27 Nov 2026 from status letters:
// m met, r at risk, b breached, - no data.
func points(statuses string) []compliance.Point {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	n := len(statuses)
	out := make([]compliance.Point, n)
	for i, c := range statuses {
		p := compliance.Point{At: at.Add(-time.Duration(n-1-i) * agreement.Week), Met: 19, Breached: 1}
		switch c {
		case 'm':
			p.Status = compliance.StatusMet
		case 'r':
			p.Status = compliance.StatusAtRisk
		case 'b':
			p.Status, p.Met, p.Breached = compliance.StatusBreached, 1, 9
		default:
			p.Status, p.Met, p.Breached = compliance.StatusNoData, 0, 0
		}
		out[i] = p
	}
	return out
}

func TestSlipWords(t *testing.T) {
	for _, tc := range []struct {
		statuses string
		want     string
		short    string
	}{
		{"mmrrbbb", "since 13 Nov (3 weeks); at risk from 30 Oct", "since 13 Nov"},
		{"bmmb", "since this week; breached in 1 earlier week too", "since this week"},
		{"bbmbrbb", "since 20 Nov (2 weeks); slipping from 6 Nov; breached in 2 earlier weeks too", "since 20 Nov"},
		{"bbb", "throughout the 3 weeks shown", "in all weeks shown"},
		{"-r", "since this week", "since this week"},
		{"brr", "since 20 Nov (2 weeks); slipping from 13 Nov", "since 20 Nov"},
		{"bbm", "", ""},
		{"b-", "", ""},
		{"", "", ""},
	} {
		p := points(tc.statuses)
		s := slipOf(p)
		if got := s.words(p); got != tc.want {
			t.Errorf("%q: words %q, want %q", tc.statuses, got, tc.want)
		}
		if got := s.short(p); got != tc.short {
			t.Errorf("%q: short %q, want %q", tc.statuses, got, tc.short)
		}
	}
}

// The chart draws a mark per week in the shape of its status, breaks its
// line at weeks without samples, and bands the weeks since it slipped.
func TestChartLayout(t *testing.T) {
	r := &compliance.Result{Objective: &compliance.Objective{TargetPPM: 900_000}, Trend: points("m-mrbb")}
	c := newChart("x", r, "a / x", chartFloor([]*compliance.Result{r}))
	var kinds []string
	for _, m := range c.Marks {
		kinds = append(kinds, m.Kind)
	}
	if got := strings.Join(kinds, " "); got != "met no_data met at_risk breached breached" {
		t.Errorf("marks %s", got)
	}
	if len(c.Lines) != 2 {
		t.Errorf("%d line segments, want 2 (broken at the week without samples)", len(c.Lines))
	}
	if c.Since == nil || c.Since.Label != "breached since 20 Nov" || c.Since.Status != compliance.StatusBreached {
		t.Errorf("band %+v", c.Since)
	}
	if !c.Marks[5].Latest || c.Marks[5].Value != "10.0%" { // 1 of 10
		t.Errorf("latest mark %+v", c.Marks[5])
	}
	// 90% target, lowest 10%: the scale runs from 0% in steps of 20%.
	if c.Grid[0].Label != "0%" || c.Grid[len(c.Grid)-1].Label != "100%" || len(c.Grid) != 6 {
		t.Errorf("grid %+v", c.Grid)
	}
	if !strings.Contains(c.Desc, "Attainment at 6 weekly points from 23 Oct to 27 Nov, oldest first: 23 Oct 95.0% met; 30 Oct no samples;") ||
		!strings.HasSuffix(c.Desc, "Breached since 20 Nov (2 weeks); at risk from 13 Nov.") {
		t.Errorf("desc %q", c.Desc)
	}
	// Marks sit lower for lower attainment; the target line is between.
	if !(c.Marks[0].Y < c.Target.Y && c.Target.Y < c.Marks[4].Y) {
		t.Errorf("95%% at %.1f, target at %.1f, 10%% at %.1f", c.Marks[0].Y, c.Target.Y, c.Marks[4].Y)
	}
}
