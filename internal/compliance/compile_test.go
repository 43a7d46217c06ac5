package compliance

import (
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/snapshot"
)

// A metric or responders that clock does not know is refused when the
// objectives are compiled, naming the objective: measured, it would make
// no clocks and the objective would report no data as if nothing had
// happened. Validation refuses such files first; Compile does not rely on
// it.
func TestCompileRefusesUnknownMetric(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		edit func(o *agreement.Objective)
		want string
	}{
		{"metric", func(o *agreement.Objective) { o.Metric = "first_reponse" },
			`objective platform-requests/first-response: unknown metric "first_reponse": use one of first_response, resolution, label_time, satisfaction`},
		{"responders", func(o *agreement.Objective) { o.Responders = "maintainer" },
			`objective platform-requests/first-response: unknown responders "maintainer": use one of provider, maintainers, anyone`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			set, diags := agreement.LoadBytes("org.yaml", []byte(org+`
apiVersion: sla/v1
kind: Agreement
metadata: {name: platform-requests}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/req]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
`))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			tt.edit(&set.Agreements[0].Spec.Objectives[0])
			objectives, err := Compile(set, ResolveTeams(set, nil))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Compile = %d objectives, %v; want the error %q", len(objectives), err, tt.want)
			}
		})
	}
}

// Explain's reason and Evaluate's match are the same check: an issue is in
// scope exactly when there is no reason it is not, and the reason is the
// first check it fails.
func TestScopeReasons(t *testing.T) {
	t.Parallel()
	f := Filter{Labels: []string{"request"}, ExcludeLabels: []string{"duplicate"}, AnyLabels: [][]string{{"p1", "p2"}},
		Authors: map[string]bool{"carol": true}}
	labels := func(ls ...string) func(string) bool {
		return func(l string) bool { return strings.Contains(" "+strings.Join(ls, " ")+" ", " "+l+" ") }
	}
	carol := &snapshot.Issue{Author: "Carol"}
	for _, tt := range []struct {
		is     *snapshot.Issue
		labels func(string) bool
		want   string
	}{
		{carol, labels("request", "p2"), ""},
		{&snapshot.Issue{Author: "carol", PullRequest: true}, labels("request", "p2"),
			"it is a pull request, and the scope does not include pull requests"},
		{&snapshot.Issue{Author: "mallory"}, labels("request", "p2"),
			"its author mallory is not a member of a consumer team (scope authors: consumers)"},
		{carol, labels("p2"), `it lacks the label "request"`},
		{carol, labels("request", "p2", "duplicate"), `it has the excluded label "duplicate"`},
		{carol, labels("request"), "it has none of the labels p1, p2"},
		// Several reasons: the first check's.
		{&snapshot.Issue{Author: "mallory", PullRequest: true}, labels(),
			"it is a pull request, and the scope does not include pull requests"},
	} {
		got := f.reject(tt.is, tt.labels).String()
		if got != tt.want {
			t.Errorf("%+v: reason %q, want %q", tt.is, got, tt.want)
		}
		if in := f.matches(tt.is, tt.labels); in != (tt.want == "") {
			t.Errorf("%+v: matches %v with reason %q", tt.is, in, got)
		}
	}
}

// A clock counts when it started in [window start, instant) and not
// before effective_from; each bound is tested on both sides.
func TestClockCountsInWindow(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	windowStart := at.Add(-28 * 24 * time.Hour)
	from := at.Add(-7 * 24 * time.Hour)
	o := &Objective{Period: agreement.Period{From: from}}
	for _, tt := range []struct {
		start time.Time
		want  exclusion
	}{
		{at.Add(-time.Second), included},
		{at, notBeforeInstant},
		{from, included},
		{from.Add(-time.Second), beforeEffectiveFrom},
		{windowStart.Add(-time.Second), beforeWindow},
	} {
		if got := o.exclude(tt.start, windowStart, at); got != tt.want {
			t.Errorf("start %v: %v, want %v", tt.start, got, tt.want)
		}
	}
	// Without effective_from, the window start is the bound.
	o = &Objective{}
	if got := o.exclude(windowStart, windowStart, at); got != included {
		t.Errorf("at the window start: %v, want included", got)
	}
}

func TestVerdict(t *testing.T) {
	t.Parallel()
	const within = 4 * time.Hour
	for _, tt := range []struct {
		elapsed time.Duration
		running bool
		want    Outcome
		atRisk  bool
	}{
		{4 * time.Hour, false, Met, false},                  // exactly within is met
		{4*time.Hour + time.Second, false, Breached, false}, // a second over
		{4*time.Hour + time.Second, true, Breached, false},  // running, and over already
		{2 * time.Hour, true, Pending, true},                // half of within used: at risk
		{2*time.Hour - time.Second, true, Pending, false},
		{0, false, Met, false},
	} {
		got, atRisk := verdict(tt.elapsed, tt.running, within)
		if got != tt.want || atRisk != tt.atRisk {
			t.Errorf("verdict(%v, running %v) = %s, at risk %v; want %s, %v", tt.elapsed, tt.running, got, atRisk, tt.want, tt.atRisk)
		}
	}
}
