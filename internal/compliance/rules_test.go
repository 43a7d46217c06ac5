package compliance

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/snapshot"
)

// One hand-computed scenario per rule of SPEC §3. Each expectation carries
// its arithmetic, and most say what the obvious wrong implementation (wall
// time, a fixed UTC offset, the last close, "anyone but the author",
// floats, today's labels) would give instead.
//
// All scenarios share one organisation (world), compiled once: each
// agreement measures a repository of its own, so a scenario fills only the
// repositories it is about. Local times are Berlin's unless said otherwise:
// CEST (UTC+2) until Sun 2026-10-25 03:00, CET (UTC+1) after.

// world: Platform (alice, bob) serves Payments (carol, dave) and Growth
// (carol, erin); calendars berlin (Mon–Fri 09:00–17:00, 2026-12-24 and
// 2026-12-25 closed, from org) and newyork (Mon–Fri 09:00–17:00).
const world = org + `
apiVersion: sla/v1
kind: Team
metadata: {name: growth}
spec: {members: [carol, erin]}
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: newyork}
spec:
  timezone: America/New_York
  hours: {mon-fri: ["09:00-17:00"]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: dst}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: 28d
  scope: {repos: [acme/dst]}
  objectives:
    - {name: berlin, metric: first_response, within: 2h, target: 90%, where: {labels: [berlin]}}
    - {name: new-york, metric: first_response, within: 2h, target: 90%, calendar: newyork, where: {labels: [ny]}}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: hours}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: 28d
  scope: {repos: [acme/hours]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%, pause_labels: [waiting-on-customer]}
    - {name: resolution, metric: resolution, within: 8h, target: 90%, pause_labels: [waiting-on-customer, blocked-on-vendor]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: responders}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/resp]}
  objectives:
    - {name: provider, metric: first_response, within: 4h, target: 90%}
    - {name: maintainers, metric: first_response, within: 4h, target: 90%, responders: maintainers}
    - {name: anyone, metric: first_response, within: 4h, target: 90%, responders: anyone}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: replies}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: 28d
  scope: {repos: [acme/label]}
  objectives:
    - {name: customer-reply, metric: label_time, label: waiting-on-customer, owner: consumers, within: 4h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: rolling}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/rolling]}
  objectives:
    - {name: resolution, metric: resolution, within: 1h, target: 90%}
    - {name: triage, metric: label_time, label: triage, within: 1h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: monthly}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: month
  scope: {repos: [acme/monthly]}
  objectives:
    - {name: fr, metric: first_response, within: 4h, target: 90%}
    - {name: fr-24x7, metric: first_response, within: 4h, target: 90%, calendar: 24x7}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: monthly-utc}
spec:
  provider: platform
  consumers: [payments]
  window: month
  scope: {repos: [acme/monthly]}
  objectives:
    - {name: fr, metric: first_response, within: 4h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: quarterly}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: quarter
  scope: {repos: [acme/quarterly]}
  objectives:
    - {name: fr, metric: first_response, within: 4h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: quarterly-utc}
spec:
  provider: platform
  consumers: [payments]
  window: quarter
  scope: {repos: [acme/quarterly]}
  objectives:
    - {name: fr, metric: first_response, within: 4h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: effective}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: 28d
  effective_from: 2026-11-16
  scope: {repos: [acme/effective]}
  objectives:
    - {name: fr, metric: first_response, within: 4h, target: 90%}
    - {name: fr-24x7, metric: first_response, within: 4h, target: 90%, calendar: 24x7}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: effective-utc}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  effective_from: 2026-11-16
  scope: {repos: [acme/effective]}
  objectives:
    - {name: fr, metric: first_response, within: 4h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: scoped}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope:
    repos: [acme/scoped]
    labels: [platform-request]
    any_labels: [bug, feature]
    exclude_labels: [duplicate]
  objectives:
    - {name: all, metric: resolution, within: 1h, target: 90%}
    - {name: p1, metric: resolution, within: 1h, target: 90%, where: {labels: [P1]}}
    - {name: not-p1, metric: resolution, within: 1h, target: 90%, where: {exclude_labels: [P1]}}
    - {name: ui-or-api, metric: resolution, within: 1h, target: 90%, where: {any_labels: [ui, api]}}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: by-consumers}
spec:
  provider: platform
  consumers: [payments, growth]
  window: 28d
  scope: {repos: [acme/authors], authors: consumers}
  objectives:
    - {name: resolution, metric: resolution, within: 1h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: by-anyone}
spec:
  provider: platform
  consumers: [payments, growth]
  window: 28d
  scope: {repos: [acme/authors]}
  objectives:
    - {name: resolution, metric: resolution, within: 1h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: prs-in}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/prs], include_pull_requests: true}
  objectives:
    - {name: resolution, metric: resolution, within: 1h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: prs-out}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/prs]}
  objectives:
    - {name: resolution, metric: resolution, within: 1h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: budget}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/budget]}
  objectives:
    - {name: t90, metric: first_response, within: 1h, target: 90%}
    - {name: t80, metric: first_response, within: 1h, target: "0.8"}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: percentiles}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/pct]}
  objectives:
    - {name: fr, metric: first_response, within: 4h, target: 90%}
`

// want is the expected verdict of one clock.
type want struct {
	n       int // issue number
	outcome Outcome
	elapsed time.Duration
	atRisk  bool
	due     string // RFC 3339; "" when none (zero)
}

// expectClocks checks an objective's clocks, in their order (by issue,
// then start), against the wants.
func expectClocks(t testing.TB, r *Result, wants ...want) {
	t.Helper()
	ok := len(r.Clocks) == len(wants)
	for i := 0; ok && i < len(wants); i++ {
		c, w := &r.Clocks[i], wants[i]
		ok = c.Issue.Number == w.n && c.Outcome == w.outcome && c.Clock.Elapsed == w.elapsed && c.AtRisk == w.atRisk
		if w.due == "" {
			ok = ok && c.DueAt.IsZero()
		} else {
			ok = ok && c.DueAt.Equal(ts(t, w.due))
		}
	}
	if ok {
		return
	}
	var got, exp strings.Builder
	for _, c := range r.Clocks {
		due := ""
		if !c.DueAt.IsZero() {
			due = c.DueAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(&got, "\n  #%d %s %v at-risk=%v due=%q (start %s, %s)", c.Issue.Number, c.Outcome, c.Clock.Elapsed, c.AtRisk, due,
			c.Clock.Start.UTC().Format(time.RFC3339), c.Clock.StopReason)
	}
	for _, w := range wants {
		fmt.Fprintf(&exp, "\n  #%d %s %v at-risk=%v due=%q", w.n, w.outcome, w.elapsed, w.atRisk, w.due)
	}
	t.Errorf("%s clocks:%s\nwant:%s", r.Objective.Name(), got.String(), exp.String())
}

// numbers lists the issues with a clock under the objective, in order.
func (r *Result) numbers() []int {
	var out []int
	for _, c := range r.Clocks {
		out = append(out, c.Issue.Number)
	}
	return out
}

func expectIssues(t testing.TB, r *Result, want ...int) {
	t.Helper()
	if got := r.numbers(); !slices.Equal(got, want) {
		t.Errorf("%s measures issues %v, want %v", r.Objective.Name(), got, want)
	}
}

// explain runs Explain for one issue of the scenario at the instant.
func (s *scenario) explain(repo string, number int, at string) []Explanation {
	s.t.Helper()
	snap := s.snap
	_, _, xs, err := Explain(compiled(s.t, s.yaml, snap.Teams), &snap, IssueRef{Repo: repo, Number: number}, ts(s.t, at))
	if err != nil {
		s.t.Fatal(err)
	}
	return xs
}

func explanationOf(t testing.TB, xs []Explanation, name string) *Explanation {
	t.Helper()
	for i := range xs {
		if xs[i].Objective.Name() == name {
			return &xs[i]
		}
	}
	t.Fatalf("no explanation for %s", name)
	return nil
}

func (s *scenario) pullRequest(repo string, number int, author, opened string) {
	s.issue(repo, number, author, opened)
	r := s.repo(repo)
	r.Issues[len(r.Issues)-1].PullRequest = true
}

// Rule: business time honours DST. Europe/Berlin leaves summer time on
// Sun 2026-10-25 (03:00 CEST → 02:00 CET), America/New_York on Sun
// 2026-11-01 (02:00 EDT → 01:00 EST).
func TestRuleDaylightSavingTime(t *testing.T) {
	s := newScenario(t, world)
	// #1 (Berlin): opened Fri 2026-10-23 16:00 CEST (14:00Z), answered by
	// alice Mon 2026-10-26 09:30 CET (08:30Z).
	//   Fri 16:00–17:00 = 1h; Mon 09:00–09:30 = 30m → 1h30m ≤ 2h: met.
	//   With the offset of the opening (+2) all along, Monday would open at
	//   07:00Z: 07:00Z–08:30Z = 1h30m → 2h30m, breached. With the offset of
	//   the evaluation (+1) all along, Friday 14:00Z would be 15:00 and
	//   count 2h → 2h30m, breached too.
	s.issue("acme/dst", 1, "carol", "2026-10-23T14:00:00Z", "berlin")
	s.comment("acme/dst", 1, "alice", "2026-10-26T08:30:00Z")
	// #2 (New York): opened Fri 2026-10-30 16:00 EDT (20:00Z), answered Mon
	// 2026-11-02 09:30 EST (14:30Z). Fri 1h + Mon 30m = 1h30m: met. With
	// −4 all along Monday opens at 13:00Z → 1h + 1h30m = 2h30m; with −5
	// Friday counts 2h → 2h30m: breached either way.
	s.issue("acme/dst", 2, "carol", "2026-10-30T20:00:00Z", "ny")
	s.comment("acme/dst", 2, "bob", "2026-11-02T14:30:00Z")
	rep := s.evaluate("2026-11-06T12:00:00Z")
	expectClocks(t, rep.result(t, "dst/berlin"), want{n: 1, outcome: Met, elapsed: 90 * time.Minute})
	expectClocks(t, rep.result(t, "dst/new-york"), want{n: 2, outcome: Met, elapsed: 90 * time.Minute})

	// #3 (Berlin): opened Fri 2026-10-23 16:30 CEST (14:30Z), evaluated Sun
	// 2026-10-25 12:00Z, after the change: 30m used, 1h30m to go from
	// Monday's opening, 09:00 CET (08:00Z): due 10:30 CET = 09:30Z (a fixed
	// +2 would say 08:30Z). #1 is pending too then: Fri 16:00–17:00 = 1h.
	s.issue("acme/dst", 3, "carol", "2026-10-23T14:30:00Z", "berlin")
	rep = s.evaluate("2026-10-25T12:00:00Z")
	expectClocks(t, rep.result(t, "dst/berlin"),
		want{n: 1, outcome: Pending, elapsed: time.Hour, atRisk: true, due: "2026-10-26T09:00:00Z"},
		want{n: 3, outcome: Pending, elapsed: 30 * time.Minute, due: "2026-10-26T09:30:00Z"})
}

// Rule: holidays are closed all day, in the calendar's time zone.
func TestRuleHoliday(t *testing.T) {
	s := newScenario(t, world)
	// #1: opened Wed 2026-12-23 15:00 CET (14:00Z); alice answers Mon
	// 2026-12-28 10:00 CET (09:00Z); bob closes it at 11:00 CET (10:00Z).
	//   first response: Wed 15–17 = 2h; Thu 24th, Fri 25th holidays; the
	//   weekend closed; Mon 09–10 = 1h → 3h ≤ 4h, met. Without the
	//   holidays: 2h + 8h + 8h + 1h = 19h, breached.
	//   resolution: Wed 2h + Mon 09–11 2h = 4h ≤ 8h, met (without: 20h).
	s.issue("acme/hours", 1, "carol", "2026-12-23T14:00:00Z")
	s.comment("acme/hours", 1, "alice", "2026-12-28T09:00:00Z")
	s.event("acme/hours", 1, snapshot.Closed, "", "bob", "2026-12-28T10:00:00Z")
	// #2: opened Wed 2026-12-23 16:30 CET (15:30Z), unanswered at Mon
	// 2026-12-28 12:00 CET (11:00Z): Wed 30m + Mon 09–12 3h = 3h30m, pending
	// and at risk (≥ 2h); due when 30m more have passed: Mon 12:30 CET =
	// 11:30Z. Without the holidays it would have been due Thu 12:30.
	s.issue("acme/hours", 2, "carol", "2026-12-23T15:30:00Z")
	rep := s.evaluate("2026-12-28T11:00:00Z")
	expectClocks(t, rep.result(t, "hours/first-response"),
		want{n: 1, outcome: Met, elapsed: 3 * time.Hour},
		want{n: 2, outcome: Pending, elapsed: 3*time.Hour + 30*time.Minute, atRisk: true, due: "2026-12-28T11:30:00Z"})
	// Resolution of #2: 3h30m of 8h, not at risk (< 4h); due after 4h30m
	// more: Mon 12:00 + 4h30m = 16:30 CET = 15:30Z.
	expectClocks(t, rep.result(t, "hours/resolution"),
		want{n: 1, outcome: Met, elapsed: 4 * time.Hour},
		want{n: 2, outcome: Pending, elapsed: 3*time.Hour + 30*time.Minute, due: "2026-12-28T15:30:00Z"})
}

// Rule: a clock started outside hours begins counting at the next opening.
func TestRuleStartedOutsideHours(t *testing.T) {
	s := newScenario(t, world)
	// #1: opened Sat 2026-11-21 12:00 CET (11:00Z), answered Mon 09:45 CET
	// (08:45Z): 45m (wall time: 45h45m).
	s.issue("acme/hours", 1, "carol", "2026-11-21T11:00:00Z")
	s.comment("acme/hours", 1, "alice", "2026-11-23T08:45:00Z")
	// #2: opened Mon 2026-11-23 20:00 CET (19:00Z), answered Tue 09:30 CET
	// (08:30Z): 30m (wall time 13h30m, breached).
	s.issue("acme/hours", 2, "carol", "2026-11-23T19:00:00Z")
	s.comment("acme/hours", 2, "bob", "2026-11-24T08:30:00Z")
	// #3: opened Tue 2026-11-24 06:00 CET (05:00Z), answered Tue 11:00 CET
	// (10:00Z): 09:00–11:00 = 2h (wall time 5h, breached).
	s.issue("acme/hours", 3, "carol", "2026-11-24T05:00:00Z")
	s.comment("acme/hours", 3, "alice", "2026-11-24T10:00:00Z")
	// #4: opened Sat 2026-11-28 10:00 CET (09:00Z), evaluated Sat 12:00 CET:
	// nothing counted yet; due 4h after Monday's opening: Mon 2026-11-30
	// 13:00 CET = 12:00Z (wall time: due Sat 14:00 CET).
	s.issue("acme/hours", 4, "carol", "2026-11-28T09:00:00Z")
	rep := s.evaluate("2026-11-28T11:00:00Z")
	// 3 met, 1 pending; budget floor(0.1 × 4) − 0 = 0; no at-risk clock: met.
	r := rep.expect(t, "hours/first-response", counts{met: 3, pending: 1, status: StatusMet})
	expectClocks(t, r,
		want{n: 1, outcome: Met, elapsed: 45 * time.Minute},
		want{n: 2, outcome: Met, elapsed: 30 * time.Minute},
		want{n: 3, outcome: Met, elapsed: 2 * time.Hour},
		want{n: 4, outcome: Pending, elapsed: 0, due: "2026-11-30T12:00:00Z"})
}

// Rule: elapsed ≤ within is met; one second more is breached, stopped or
// running; a running clock at exactly within is still pending.
func TestRuleBoundaryAtWithin(t *testing.T) {
	s := newScenario(t, world)
	// Evaluated Tue 2026-11-24 12:00 CET (11:00Z); within 4h.
	// #1: opened Mon 2026-11-23 15:00 CET (14:00Z), answered Tue 11:00:00 CET
	// (10:00:00Z): Mon 15–17 2h + Tue 09–11 2h = 4h exactly → met.
	s.issue("acme/hours", 1, "carol", "2026-11-23T14:00:00Z")
	s.comment("acme/hours", 1, "alice", "2026-11-24T10:00:00Z")
	// #2: the same, answered a second later → 4h0m1s → breached. It crossed
	// 4h at Tue 11:00:00 CET (10:00:00Z).
	s.issue("acme/hours", 2, "carol", "2026-11-23T14:00:00Z")
	s.comment("acme/hours", 2, "alice", "2026-11-24T10:00:01Z")
	// #3: opened Mon 16:00 CET (15:00Z), unanswered: Mon 1h + Tue 09–12 3h =
	// 4h exactly, still running → pending (at risk: 4h ≥ 2h), due now.
	s.issue("acme/hours", 3, "carol", "2026-11-23T15:00:00Z")
	// #4: opened a second earlier, Mon 15:59:59 CET: 4h0m1s running →
	// breached; it crossed 4h at Tue 11:59:59 CET (10:59:59Z).
	s.issue("acme/hours", 4, "carol", "2026-11-23T14:59:59Z")
	rep := s.evaluate("2026-11-24T11:00:00Z")
	// budget floor(0.1 × 4) − 2 = −2; attainment 1/3 < 90%: breached. A
	// `>=` comparison would breach #1 and #3 too (0 met, 4 breached). #1,
	// met at exactly 4h, has no due time.
	r := rep.expect(t, "hours/first-response", counts{met: 1, breached: 2, pending: 1, atRisk: 1, budget: -2, status: StatusBreached})
	expectClocks(t, r,
		want{n: 1, outcome: Met, elapsed: 4 * time.Hour, due: ""},
		want{n: 2, outcome: Breached, elapsed: 4*time.Hour + time.Second, due: "2026-11-24T10:00:00Z"},
		want{n: 3, outcome: Pending, elapsed: 4 * time.Hour, atRisk: true, due: "2026-11-24T11:00:00Z"},
		want{n: 4, outcome: Breached, elapsed: 4*time.Hour + time.Second, due: "2026-11-24T10:59:59Z"})
}

// Rule: resolution is the sum of the open periods: reopening resumes it;
// the closed time between does not count.
func TestRuleReopenSumsOpenPeriods(t *testing.T) {
	s := newScenario(t, world)
	// #1: opened Mon 2026-11-23 09:00 CET (08:00Z), closed by carol Mon 12:00
	// (11:00Z), reopened Wed 2026-11-25 10:00 (09:00Z), closed by bob Wed
	// 15:00 (14:00Z).
	//   open periods: Mon 09–12 3h + Wed 10–15 5h = 8h ≤ 8h → met.
	//   first opening to last close: Mon 8h + Tue 8h + Wed 6h = 22h, breached;
	//   the last period alone: 5h; the first close alone: 3h.
	s.issue("acme/hours", 1, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/hours", 1, snapshot.Closed, "", "carol", "2026-11-23T11:00:00Z")
	s.event("acme/hours", 1, snapshot.Reopened, "", "carol", "2026-11-25T09:00:00Z")
	s.event("acme/hours", 1, snapshot.Closed, "", "bob", "2026-11-25T14:00:00Z")
	// #2: opened Mon 09:00 CET, closed by carol Mon 11:00 (10:00Z), reopened
	// Thu 2026-11-26 16:00 (15:00Z), open at Fri 10:00 CET (09:00Z):
	//   Mon 2h + Thu 16–17 1h + Fri 09–10 1h = 4h, pending, at risk (≥ 4h);
	//   due after 4h more: Fri 14:00 CET = 13:00Z. (Stopping at the first
	//   close would say met in 2h.)
	s.issue("acme/hours", 2, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/hours", 2, snapshot.Closed, "", "carol", "2026-11-23T10:00:00Z")
	s.event("acme/hours", 2, snapshot.Reopened, "", "carol", "2026-11-26T15:00:00Z")
	rep := s.evaluate("2026-11-27T09:00:00Z")
	// budget floor(0.1 × 2) − 0 = 0 < 1 at-risk clock: at_risk.
	r := rep.expect(t, "hours/resolution", counts{met: 1, pending: 1, atRisk: 1, status: StatusAtRisk})
	expectClocks(t, r,
		want{n: 1, outcome: Met, elapsed: 8 * time.Hour},
		want{n: 2, outcome: Pending, elapsed: 4 * time.Hour, atRisk: true, due: "2026-11-27T13:00:00Z"})
	c := r.Clocks[0].Clock
	if !c.Stop.Equal(ts(t, "2026-11-25T14:00:00Z")) || len(c.Counted) != 2 ||
		!c.Counted[0].End.Equal(ts(t, "2026-11-23T11:00:00Z")) || !c.Counted[1].Start.Equal(ts(t, "2026-11-25T09:00:00Z")) {
		t.Errorf("#1 stops %v, counted %v; want the last close, the two open periods", c.Stop, c.Counted)
	}
	x := explanationOf(t, s.explain("acme/hours", 1, "2026-11-27T09:00:00Z"), "hours/resolution")
	if len(x.Clocks) != 1 || !slices.Equal(x.Clocks[0].Gaps, []string{"closed"}) {
		t.Errorf("explain #1: %+v, want one clock with a gap \"closed\"", x.Clocks)
	}
}

// Rule: pause_labels stop the clock while present, for first_response and
// resolution; a paused running clock has no known due time.
func TestRulePause(t *testing.T) {
	s := newScenario(t, world)
	// Evaluated Wed 2026-11-25 12:00 CET (11:00Z). first-response pauses on
	// waiting-on-customer (4h); resolution on it and blocked-on-vendor (8h).
	//
	// #1: opened Mon 2026-11-23 09:00 CET (08:00Z); waiting-on-customer
	// added Mon 10:00 (09:00Z), removed Tue 14:00 (13:00Z); alice answers
	// Tue 15:00 (14:00Z); bob closes Tue 16:00 (15:00Z).
	//   first response: Mon 09–10 1h + Tue 14–15 1h = 2h, met
	//     (without the pause: Mon 8h + Tue 09–15 6h = 14h, breached);
	//   resolution: Mon 1h + Tue 14–16 2h = 3h, met (without: 15h).
	s.issue("acme/hours", 1, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/hours", 1, snapshot.Labeled, "waiting-on-customer", "bob", "2026-11-23T09:00:00Z")
	s.event("acme/hours", 1, snapshot.Unlabeled, "waiting-on-customer", "carol", "2026-11-24T13:00:00Z")
	s.comment("acme/hours", 1, "alice", "2026-11-24T14:00:00Z")
	s.event("acme/hours", 1, snapshot.Closed, "", "bob", "2026-11-24T15:00:00Z")
	// #2: opened Mon 09:00 CET, waiting-on-customer since Mon 11:00 (10:00Z)
	// and still on: 2h counted, paused, due unknown, for both objectives.
	// At risk for first response (2h ≥ 4h/2), not for resolution (< 8h/2).
	// Without the pause: Mon 8h + Tue 8h + Wed 3h = 19h, breached.
	s.issue("acme/hours", 2, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/hours", 2, snapshot.Labeled, "waiting-on-customer", "bob", "2026-11-23T10:00:00Z")
	// #3: opened Mon 09:00 CET, blocked-on-vendor Mon 13:00 (12:00Z) to Tue
	// 13:00 (12:00Z), unanswered, open:
	//   resolution: Mon 09–13 4h + Tue 13–17 4h + Wed 09–12 3h = 11h,
	//     breached; 8h reached at Tue 17:00 CET (16:00Z);
	//   first response (blocked-on-vendor does not pause it): Mon 8h + Tue
	//     8h + Wed 3h = 19h, breached; 4h reached Mon 13:00 CET (12:00Z).
	s.issue("acme/hours", 3, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/hours", 3, snapshot.Labeled, "blocked-on-vendor", "bob", "2026-11-23T12:00:00Z")
	s.event("acme/hours", 3, snapshot.Unlabeled, "blocked-on-vendor", "bob", "2026-11-24T12:00:00Z")
	// #4: opened Tue 2026-11-24 09:00 CET (08:00Z) with waiting-on-customer,
	// removed Wed 10:00 (09:00Z): Wed 10–12 = 2h; first response at risk,
	// due 2h later: Wed 14:00 CET (13:00Z); resolution due 6h later: Wed
	// 12–17 5h + Thu 09–10 1h → Thu 10:00 CET (09:00Z). Ignoring the label
	// the issue was opened with: Tue 8h + Wed 3h = 11h, breached.
	s.issue("acme/hours", 4, "carol", "2026-11-24T08:00:00Z", "waiting-on-customer")
	s.event("acme/hours", 4, snapshot.Unlabeled, "waiting-on-customer", "carol", "2026-11-25T09:00:00Z")
	rep := s.evaluate("2026-11-25T11:00:00Z")
	// first response: 1 met, 1 breached, 2 pending (both at risk);
	// budget floor(0.1 × 4) − 1 = −1; attainment 1/2: breached.
	r := rep.expect(t, "hours/first-response", counts{met: 1, breached: 1, pending: 2, atRisk: 2, budget: -1, status: StatusBreached})
	expectClocks(t, r,
		want{n: 1, outcome: Met, elapsed: 2 * time.Hour},
		want{n: 2, outcome: Pending, elapsed: 2 * time.Hour, atRisk: true},
		want{n: 3, outcome: Breached, elapsed: 19 * time.Hour, due: "2026-11-23T12:00:00Z"},
		want{n: 4, outcome: Pending, elapsed: 2 * time.Hour, atRisk: true, due: "2026-11-25T13:00:00Z"})
	if c := r.Clocks[1].Clock; !c.Paused || !c.Running() {
		t.Errorf("#2 first response: paused %v, running %v; want both", c.Paused, c.Running())
	}
	r = rep.expect(t, "hours/resolution", counts{met: 1, breached: 1, pending: 2, budget: -1, status: StatusBreached})
	expectClocks(t, r,
		want{n: 1, outcome: Met, elapsed: 3 * time.Hour},
		want{n: 2, outcome: Pending, elapsed: 2 * time.Hour},
		want{n: 3, outcome: Breached, elapsed: 11 * time.Hour, due: "2026-11-24T16:00:00Z"},
		want{n: 4, outcome: Pending, elapsed: 2 * time.Hour, due: "2026-11-26T09:00:00Z"})
	x := explanationOf(t, s.explain("acme/hours", 1, "2026-11-25T11:00:00Z"), "hours/resolution")
	if len(x.Clocks) != 1 || !slices.Equal(x.Clocks[0].Gaps, []string{"paused (waiting-on-customer)"}) {
		t.Errorf("explain #1: %+v, want one clock with a gap \"paused (waiting-on-customer)\"", x.Clocks)
	}
}

// Rule: who responds. Bots (type Bot, or a login ending in [bot]) and the
// author never do, in any mode; provider = members of the provider team
// (logins compared case-insensitively); maintainers = comments with
// author_association OWNER, MEMBER or COLLABORATOR; anyone = any human.
func TestRuleResponders(t *testing.T) {
	s := newScenario(t, world)
	const opened = "2026-11-23T08:00:00Z" // every issue; 24x7, within 4h
	after := func(d time.Duration) string { return ts(t, opened).Add(d).Format(time.RFC3339) }
	// #1: bots first: dependabot[bot] (by its login) +1h, renovate (type
	// Bot, MEMBER) +2h, github-actions[bot] (COLLABORATOR) +3h, then alice
	// +5h. Every mode: 5h. Bots responding: anyone 1h, maintainers 2h.
	s.issue("acme/resp", 1, "carol", opened)
	s.commentAs("acme/resp", 1, "dependabot[bot]", "NONE", false, after(1*time.Hour))
	s.commentAs("acme/resp", 1, "renovate", "MEMBER", true, after(2*time.Hour))
	s.commentAs("acme/resp", 1, "github-actions[bot]", "COLLABORATOR", false, after(3*time.Hour))
	s.commentAs("acme/resp", 1, "alice", "MEMBER", false, after(5*time.Hour))
	// #2: the author carol (an org MEMBER) +1h, stranger (NONE) +2h, frank
	// (CONTRIBUTOR) +3h, grace (COLLABORATOR) +4h, bob +6h.
	//   provider: bob, 6h ("anyone but the author" would say 2h);
	//   maintainers: grace, 4h (the author would make it 1h, a contributor 3h);
	//   anyone: stranger, 2h (the author would make it 1h).
	s.issue("acme/resp", 2, "carol", opened)
	s.commentAs("acme/resp", 2, "carol", "MEMBER", false, after(1*time.Hour))
	s.commentAs("acme/resp", 2, "stranger", "NONE", false, after(2*time.Hour))
	s.commentAs("acme/resp", 2, "frank", "CONTRIBUTOR", false, after(3*time.Hour))
	s.commentAs("acme/resp", 2, "grace", "COLLABORATOR", false, after(4*time.Hour))
	s.commentAs("acme/resp", 2, "bob", "MEMBER", false, after(6*time.Hour))
	// #3: opened by "Alice", a provider member: her own comment as "alice"
	// +1h is no response; stranger +2h; "BOB" +3h.
	//   provider: BOB, 3h (alice answering herself would say 1h);
	//   maintainers: BOB, 3h; anyone: stranger, 2h.
	s.issue("acme/resp", 3, "Alice", opened)
	s.commentAs("acme/resp", 3, "alice", "MEMBER", false, after(1*time.Hour))
	s.commentAs("acme/resp", 3, "stranger", "NONE", false, after(2*time.Hour))
	s.commentAs("acme/resp", 3, "BOB", "MEMBER", false, after(3*time.Hour))
	// #4: dave, carol's teammate (a consumer, MEMBER of the org) +30m,
	// alice +7h. provider: 7h, breached; maintainers and anyone: 30m.
	s.issue("acme/resp", 4, "carol", opened)
	s.commentAs("acme/resp", 4, "dave", "MEMBER", false, after(30*time.Minute))
	s.commentAs("acme/resp", 4, "alice", "MEMBER", false, after(7*time.Hour))
	rep := s.evaluate("2026-11-27T12:00:00Z")
	h := time.Hour
	const crossed = "2026-11-23T12:00:00Z" // breached clocks crossed 4h at opened + 4h
	expectClocks(t, rep.result(t, "responders/provider"),
		want{n: 1, outcome: Breached, elapsed: 5 * h, due: crossed},
		want{n: 2, outcome: Breached, elapsed: 6 * h, due: crossed},
		want{n: 3, outcome: Met, elapsed: 3 * h},
		want{n: 4, outcome: Breached, elapsed: 7 * h, due: crossed})
	expectClocks(t, rep.result(t, "responders/maintainers"),
		want{n: 1, outcome: Breached, elapsed: 5 * h, due: crossed},
		want{n: 2, outcome: Met, elapsed: 4 * h},
		want{n: 3, outcome: Met, elapsed: 3 * h},
		want{n: 4, outcome: Met, elapsed: h / 2})
	expectClocks(t, rep.result(t, "responders/anyone"),
		want{n: 1, outcome: Breached, elapsed: 5 * h, due: crossed},
		want{n: 2, outcome: Met, elapsed: 2 * h},
		want{n: 3, outcome: Met, elapsed: 2 * h},
		want{n: 4, outcome: Met, elapsed: h / 2})
}

// Rule: a close by a responder is a first response; a close by anyone else
// before any response leaves no sample, unless the issue is reopened, when
// the clock goes on without the closed time.
func TestRuleRespondersCloses(t *testing.T) {
	s := newScenario(t, world)
	const opened = "2026-11-23T08:00:00Z" // every issue; 24x7, within 4h
	after := func(d time.Duration) string { return ts(t, opened).Add(d).Format(time.RFC3339) }
	// #10: closed by bob +2h, no comment: 2h, met, in every mode.
	s.issue("acme/resp", 10, "carol", opened)
	s.event("acme/resp", 10, snapshot.Closed, "", "bob", after(2*time.Hour))
	// #11: closed by its author +1h: no sample in any mode ("any close
	// stops it" would count a met 1h).
	s.issue("acme/resp", 11, "carol", opened)
	s.event("acme/resp", 11, snapshot.Closed, "", "carol", after(time.Hour))
	// #12: closed by stranger +1h, reopened by carol +5h, alice answers +7h.
	//   provider: 1h + (7h − 5h) = 3h, met; the closed 4h do not count
	//   (counting them: 7h, breached).
	//   maintainers and anyone: stranger's close is a response (closing
	//   someone else's issue takes triage rights), 1h.
	s.issue("acme/resp", 12, "carol", opened)
	s.event("acme/resp", 12, snapshot.Closed, "", "stranger", after(time.Hour))
	s.event("acme/resp", 12, snapshot.Reopened, "", "carol", after(5*time.Hour))
	s.commentAs("acme/resp", 12, "alice", "MEMBER", false, after(7*time.Hour))
	// #13: closed by stale[bot] +1h, not reopened: no sample in any mode.
	s.issue("acme/resp", 13, "carol", opened)
	s.event("acme/resp", 13, snapshot.Closed, "", "stale[bot]", after(time.Hour))
	// #14: closed by carol +1h; alice comments +2h on the closed issue: no
	// response to an open request, and it stays closed: no sample.
	s.issue("acme/resp", 14, "carol", opened)
	s.event("acme/resp", 14, snapshot.Closed, "", "carol", after(time.Hour))
	s.commentAs("acme/resp", 14, "alice", "MEMBER", false, after(2*time.Hour))
	rep := s.evaluate("2026-11-27T12:00:00Z")
	h := time.Hour
	expectClocks(t, rep.result(t, "responders/provider"),
		want{n: 10, outcome: Met, elapsed: 2 * h},
		want{n: 12, outcome: Met, elapsed: 3 * h})
	for _, mode := range []string{"maintainers", "anyone"} {
		expectClocks(t, rep.result(t, "responders/"+mode),
			want{n: 10, outcome: Met, elapsed: 2 * h},
			want{n: 12, outcome: Met, elapsed: h})
	}
	if c := rep.result(t, "responders/provider").Clocks[0].Clock; c.StopReason != "first response: closed by bob" {
		t.Errorf("#10 stop reason %q", c.StopReason)
	}
}

// Rule: label_time: each labelled period is its own clock, stopped by the
// label's removal or the issue's close; here owned by the consumers.
func TestRuleLabelTime(t *testing.T) {
	s := newScenario(t, world)
	// Evaluated Wed 2026-11-25 11:00 CET (10:00Z); within 4h.
	// #1: opened Mon 2026-11-23 09:00 CET (08:00Z); waiting-on-customer Mon
	// 10:00–12:00 (09:00Z–11:00Z): 2h, met; again from Tue 09:00 (08:00Z)
	// until bob closes the issue Tue 15:00 (14:00Z) with it still on: 6h,
	// breached, crossing 4h at Tue 13:00 CET (12:00Z).
	//   One clock per issue would say 8h; ignoring the close, Tue 8h + Wed
	//   2h = 10h still running.
	s.issue("acme/label", 1, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/label", 1, snapshot.Labeled, "waiting-on-customer", "bob", "2026-11-23T09:00:00Z")
	s.event("acme/label", 1, snapshot.Unlabeled, "waiting-on-customer", "carol", "2026-11-23T11:00:00Z")
	s.event("acme/label", 1, snapshot.Labeled, "waiting-on-customer", "bob", "2026-11-24T08:00:00Z")
	s.event("acme/label", 1, snapshot.Closed, "", "bob", "2026-11-24T14:00:00Z")
	// #2: opened Wed 09:00 CET (08:00Z) with the label: 2h so far, pending
	// and at risk, due Wed 13:00 CET (12:00Z).
	s.issue("acme/label", 2, "carol", "2026-11-25T08:00:00Z", "waiting-on-customer")
	// #3: labelled Mon 16:00 CET (15:00Z) to Tue 10:00 (09:00Z): Mon 1h +
	// Tue 1h = 2h, met (wall time 18h).
	s.issue("acme/label", 3, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/label", 3, snapshot.Labeled, "waiting-on-customer", "bob", "2026-11-23T15:00:00Z")
	s.event("acme/label", 3, snapshot.Unlabeled, "waiting-on-customer", "carol", "2026-11-24T09:00:00Z")
	// #4: opened Mon 09:00 CET with the label, closed by bob Mon 11:00
	// (10:00Z): 2h, met; reopened Mon 15:00 (14:00Z) with the label still
	// on, a new period until its removal Tue 10:00 (09:00Z): Mon 2h + Tue 1h
	// = 3h, met.
	s.issue("acme/label", 4, "carol", "2026-11-23T08:00:00Z", "waiting-on-customer")
	s.event("acme/label", 4, snapshot.Closed, "", "bob", "2026-11-23T10:00:00Z")
	s.event("acme/label", 4, snapshot.Reopened, "", "carol", "2026-11-23T14:00:00Z")
	s.event("acme/label", 4, snapshot.Unlabeled, "waiting-on-customer", "carol", "2026-11-24T09:00:00Z")
	rep := s.evaluate("2026-11-25T10:00:00Z")
	// 4 met, 1 breached, 1 pending (at risk); budget floor(0.1 × 6) − 1 =
	// −1; attainment 4/5 = 80% < 90%: breached.
	r := rep.expect(t, "replies/customer-reply", counts{met: 4, breached: 1, pending: 1, atRisk: 1, budget: -1, status: StatusBreached})
	expectClocks(t, r,
		want{n: 1, outcome: Met, elapsed: 2 * time.Hour},
		want{n: 1, outcome: Breached, elapsed: 6 * time.Hour, due: "2026-11-24T12:00:00Z"},
		want{n: 2, outcome: Pending, elapsed: 2 * time.Hour, atRisk: true, due: "2026-11-25T12:00:00Z"},
		want{n: 3, outcome: Met, elapsed: 2 * time.Hour},
		want{n: 4, outcome: Met, elapsed: 2 * time.Hour},
		want{n: 4, outcome: Met, elapsed: 3 * time.Hour})
	reasons := []string{}
	for _, c := range r.Clocks {
		reasons = append(reasons, c.Clock.StopReason)
	}
	if w := []string{"label removed", "issue closed", "label still on", "label removed", "issue closed", "label removed"}; !slices.Equal(reasons, w) {
		t.Errorf("stop reasons %q, want %q", reasons, w)
	}
	if o := r.Objective; o.Def.Owner != "consumers" {
		t.Errorf("owner %q, want consumers", o.Def.Owner)
	}
}

// Rule: the window is [at − window, at), on the instant the clock started:
// the issue's opening, or the label's addition for label_time.
func TestRuleRollingWindowEdges(t *testing.T) {
	s := newScenario(t, world)
	// at 2026-11-27T12:00:00Z, window 28d: starts 2026-10-30T12:00:00Z.
	s.issue("acme/rolling", 1, "carol", "2026-10-30T12:00:00Z") // at − 28d exactly: in
	s.issue("acme/rolling", 2, "carol", "2026-10-30T11:59:59Z") // a second earlier: out
	s.issue("acme/rolling", 3, "carol", "2026-11-27T12:00:00Z") // at itself: out
	s.issue("acme/rolling", 4, "carol", "2026-11-27T11:59:59Z") // a second before at: in
	// #5: opened long before the window; triage added inside it, for 30m:
	// in (judging by the opening would leave it out).
	s.issue("acme/rolling", 5, "carol", "2026-10-01T00:00:00Z")
	s.event("acme/rolling", 5, snapshot.Labeled, "triage", "bob", "2026-11-20T00:00:00Z")
	s.event("acme/rolling", 5, snapshot.Unlabeled, "triage", "bob", "2026-11-20T00:30:00Z")
	// #6: triage added a second before the window, removed inside it: out.
	s.issue("acme/rolling", 6, "carol", "2026-10-01T00:00:00Z")
	s.event("acme/rolling", 6, snapshot.Labeled, "triage", "bob", "2026-10-30T11:59:59Z")
	s.event("acme/rolling", 6, snapshot.Unlabeled, "triage", "bob", "2026-11-02T00:00:00Z")
	rep := s.evaluate("2026-11-27T12:00:00Z")
	r := rep.result(t, "rolling/resolution")
	if want := ts(t, "2026-10-30T12:00:00Z"); !r.WindowStart.Equal(want) {
		t.Errorf("window starts %v, want %v", r.WindowStart, want)
	}
	// #1 runs 28d > 1h: breached; #4 runs 1s: pending.
	expectClocks(t, r,
		want{n: 1, outcome: Breached, elapsed: 28 * 24 * time.Hour, due: "2026-10-30T13:00:00Z"},
		want{n: 4, outcome: Pending, elapsed: time.Second, due: "2026-11-27T12:59:59Z"})
	expectClocks(t, rep.result(t, "rolling/triage"), want{n: 5, outcome: Met, elapsed: 30 * time.Minute})
}

// Rule: a month window is the calendar month containing at, in the time
// zone of the agreement's calendar.
func TestRuleMonthWindowInCalendarZone(t *testing.T) {
	s := newScenario(t, world)
	// at 2026-11-15T12:00Z. Berlin's November starts Sun 2026-11-01 00:00
	// CET = 2026-10-31T23:00Z; UTC's at 2026-11-01T00:00Z.
	s.issue("acme/monthly", 1, "carol", "2026-10-31T23:30:00Z") // 00:30 CET Nov 1: Berlin in, UTC out
	s.issue("acme/monthly", 2, "carol", "2026-10-31T22:59:59Z") // 23:59:59 CET Oct 31: out (in with a +2 offset)
	s.issue("acme/monthly", 3, "carol", "2026-11-01T00:00:00Z") // in for both
	s.issue("acme/monthly", 4, "carol", "2026-10-31T23:00:00Z") // Berlin's first instant: Berlin in
	rep := s.evaluate("2026-11-15T12:00:00Z")
	r := rep.result(t, "monthly/fr")
	if want := ts(t, "2026-10-31T23:00:00Z"); !r.WindowStart.Equal(want) {
		t.Errorf("Berlin month starts %v, want %v", r.WindowStart, want)
	}
	expectIssues(t, r, 1, 3, 4)
	// An objective of the Berlin agreement that counts 24x7 still reports
	// on Berlin's November.
	expectIssues(t, rep.result(t, "monthly/fr-24x7"), 1, 3, 4)
	r = rep.result(t, "monthly-utc/fr")
	if want := ts(t, "2026-11-01T00:00:00Z"); !r.WindowStart.Equal(want) {
		t.Errorf("UTC month starts %v, want %v", r.WindowStart, want)
	}
	expectIssues(t, r, 3)

	// at 2026-11-30T23:30Z is already Tue 2026-12-01 00:30 CET: Berlin's
	// window is December, from 2026-11-30T23:00Z, holding only #5; UTC's is
	// still November (#3, #5). Taking at's UTC date would give Berlin
	// November too.
	s.issue("acme/monthly", 5, "carol", "2026-11-30T23:10:00Z")
	rep = s.evaluate("2026-11-30T23:30:00Z")
	expectIssues(t, rep.result(t, "monthly/fr"), 5)
	expectIssues(t, rep.result(t, "monthly-utc/fr"), 3, 5)
}

// Rule: a quarter window is the calendar quarter containing at, in the
// calendar's time zone, whose offset may differ from at's.
func TestRuleQuarterWindowInCalendarZone(t *testing.T) {
	s := newScenario(t, world)
	// at 2026-11-15T12:00Z (CET, +1). Q4 starts Thu 2026-10-01 00:00 CEST
	// (+2) = 2026-09-30T22:00Z in Berlin; at 2026-10-01T00:00Z in UTC. Using
	// at's offset (+1) would start it at 23:00Z.
	s.issue("acme/quarterly", 1, "carol", "2026-09-30T22:00:00Z") // Berlin in, UTC out
	s.issue("acme/quarterly", 2, "carol", "2026-09-30T21:59:59Z") // Sep 30 in Berlin: out
	s.issue("acme/quarterly", 3, "carol", "2026-10-01T00:00:00Z") // in for both
	s.issue("acme/quarterly", 4, "carol", "2026-10-20T00:00:00Z") // in for both (a month window: out)
	s.issue("acme/quarterly", 5, "carol", "2026-07-15T00:00:00Z") // Q3: out
	rep := s.evaluate("2026-11-15T12:00:00Z")
	r := rep.result(t, "quarterly/fr")
	if want := ts(t, "2026-09-30T22:00:00Z"); !r.WindowStart.Equal(want) {
		t.Errorf("Berlin quarter starts %v, want %v", r.WindowStart, want)
	}
	expectIssues(t, r, 1, 3, 4)
	expectIssues(t, rep.result(t, "quarterly-utc/fr"), 3, 4)
}

// Rule: effective_from is 00:00 of that date in the time zone of the
// agreement's calendar.
func TestRuleEffectiveFrom(t *testing.T) {
	s := newScenario(t, world)
	// effective_from 2026-11-16: Berlin 00:00 CET = 2026-11-15T23:00Z; UTC
	// 2026-11-16T00:00Z. at 2026-11-27T12:00Z, window 28d covers all.
	s.issue("acme/effective", 1, "carol", "2026-11-15T23:00:00Z") // Berlin in, UTC out
	s.issue("acme/effective", 2, "carol", "2026-11-15T22:59:59Z") // out
	s.issue("acme/effective", 3, "carol", "2026-11-16T00:00:00Z") // in for both
	rep := s.evaluate("2026-11-27T12:00:00Z")
	r := rep.result(t, "effective/fr")
	if want := ts(t, "2026-11-15T23:00:00Z"); !r.Objective.Period.From.Equal(want) {
		t.Errorf("effective from %v, want %v", r.Objective.Period.From, want)
	}
	expectIssues(t, r, 1, 3)
	expectIssues(t, rep.result(t, "effective/fr-24x7"), 1, 3)
	expectIssues(t, rep.result(t, "effective-utc/fr"), 3)
}

// Rule: scope and `where` are judged on the labels the issue had at at,
// rebuilt from its label events, not on the labels it has now.
func TestRuleScopeAndWhereAsOfAt(t *testing.T) {
	s := newScenario(t, world)
	// scope: labels [platform-request], any_labels [bug, feature],
	// exclude_labels [duplicate]. Objectives: all; p1 (where labels [P1]);
	// not-p1 (where exclude_labels [P1]); ui-or-api (where any_labels).
	// Opened 2026-11-23T08:00Z; at 2026-11-27T12:00Z; "later" is after at.
	const opened, before, later = "2026-11-23T08:00:00Z", "2026-11-24T08:00:00Z", "2026-11-28T08:00:00Z"
	// #1: platform-request removed later: it had it at at → in.
	s.issue("acme/scoped", 1, "carol", opened, "platform-request", "bug")
	s.event("acme/scoped", 1, snapshot.Unlabeled, "platform-request", "bob", later)
	// #2: platform-request added later: it carries it now, not at at → out.
	s.issue("acme/scoped", 2, "carol", opened, "bug")
	s.event("acme/scoped", 2, snapshot.Labeled, "platform-request", "bob", later)
	// #3: duplicate added before at → out.
	s.issue("acme/scoped", 3, "carol", opened, "platform-request", "bug")
	s.event("acme/scoped", 3, snapshot.Labeled, "duplicate", "bob", before)
	// #4: opened as a duplicate, un-duplicated before at → in.
	s.issue("acme/scoped", 4, "carol", opened, "platform-request", "bug", "duplicate")
	s.event("acme/scoped", 4, snapshot.Unlabeled, "duplicate", "bob", before)
	// #5: neither bug nor feature → out.
	s.issue("acme/scoped", 5, "carol", opened, "platform-request")
	// #6: a feature made P1 before at, with ui → all, p1, ui-or-api.
	s.issue("acme/scoped", 6, "carol", opened, "platform-request", "feature", "ui")
	s.event("acme/scoped", 6, snapshot.Labeled, "P1", "bob", before)
	// #7: opened as P1, P1 removed before at → all, not-p1.
	s.issue("acme/scoped", 7, "carol", opened, "platform-request", "bug", "P1")
	s.event("acme/scoped", 7, snapshot.Unlabeled, "P1", "bob", before)
	// #8: P1 added later → all, not-p1.
	s.issue("acme/scoped", 8, "carol", opened, "platform-request", "feature")
	s.event("acme/scoped", 8, snapshot.Labeled, "P1", "bob", later)
	// #9: duplicate added later → in: all, not-p1.
	s.issue("acme/scoped", 9, "carol", opened, "platform-request", "bug")
	s.event("acme/scoped", 9, snapshot.Labeled, "duplicate", "bob", later)
	// #10: api → all, not-p1, ui-or-api.
	s.issue("acme/scoped", 10, "carol", opened, "platform-request", "bug", "api")
	rep := s.evaluate("2026-11-27T12:00:00Z")
	expectIssues(t, rep.result(t, "scoped/all"), 1, 4, 6, 7, 8, 9, 10)
	expectIssues(t, rep.result(t, "scoped/p1"), 6)
	expectIssues(t, rep.result(t, "scoped/not-p1"), 1, 4, 7, 8, 9, 10)
	expectIssues(t, rep.result(t, "scoped/ui-or-api"), 6, 10)
	// Judged on today's labels instead, all would be 2, 4, 6, 7, 10 (#1 and
	// #8 lose, #2 gains, #9 is a duplicate now).
}

// Rule: scope.authors consumers counts issues opened by a member of any
// consumer team (once, even for a member of two); an author in none is
// out. Logins compare case-insensitively.
func TestRuleScopeAuthors(t *testing.T) {
	s := newScenario(t, world)
	s.issue("acme/authors", 1, "carol", "2026-11-23T08:00:00Z") // payments and growth: in, once
	s.issue("acme/authors", 2, "Erin", "2026-11-23T08:00:00Z")  // growth: in
	s.issue("acme/authors", 3, "zed", "2026-11-23T08:00:00Z")   // no team: out
	s.issue("acme/authors", 4, "alice", "2026-11-23T08:00:00Z") // the provider: out
	rep := s.evaluate("2026-11-27T12:00:00Z")
	expectIssues(t, rep.result(t, "by-consumers/resolution"), 1, 2)
	expectIssues(t, rep.result(t, "by-anyone/resolution"), 1, 2, 3, 4)
}

// Rule: pull requests count only with include_pull_requests.
func TestRuleIncludePullRequests(t *testing.T) {
	s := newScenario(t, world)
	s.pullRequest("acme/prs", 1, "carol", "2026-11-23T08:00:00Z")
	s.issue("acme/prs", 2, "carol", "2026-11-23T08:00:00Z")
	rep := s.evaluate("2026-11-27T12:00:00Z")
	expectIssues(t, rep.result(t, "prs-in/resolution"), 1, 2)
	expectIssues(t, rep.result(t, "prs-out/resolution"), 2)
}

// budgetScenario opens met, breached and at-risk pending first-response
// clocks (24x7, within 1h) for the budget agreement, evaluated at
// 2026-11-27T12:00Z: met ones answered after 30m, breached ones after 2h,
// pending ones opened 40m before at (≥ 30m: at risk).
func budgetScenario(t *testing.T, met, breached, atRisk int) *Report {
	s := newScenario(t, world)
	opened := ts(t, "2026-11-23T08:00:00Z")
	n := 0
	add := func(count int, answer time.Duration, start time.Time) {
		for range count {
			n++
			s.issue("acme/budget", n, "carol", start.Format(time.RFC3339))
			if answer > 0 {
				s.comment("acme/budget", n, "alice", start.Add(answer).Format(time.RFC3339))
			}
		}
	}
	add(met, 30*time.Minute, opened)
	add(breached, 2*time.Hour, opened)
	add(atRisk, 0, ts(t, "2026-11-27T11:20:00Z"))
	return s.evaluate("2026-11-27T12:00:00Z")
}

// Rule: budget_remaining = floor((1 − target) × (met + breached +
// pending)) − breached, exactly; attainment equal to the target is met.
// Expected budgets are written as integer arithmetic on percentages.
func TestRuleBudgetExact(t *testing.T) {
	t.Run("90% of 10: one clock may fail", func(t *testing.T) {
		// 9 met + 1 breached. 90%: floor(10 × 10 / 100) − 1 = 1 − 1 = 0. In
		// float64, (1 − 0.9) × 10 = 0.9999999999999998 → floor 0 → −1.
		// Attainment 9/10 = 90% = target: met, not breached.
		// 80% (0.8): floor(20 × 10 / 100) − 1 = 2 − 1 = 1 (float64:
		// 1.9999999999999996 → 1 → 0).
		rep := budgetScenario(t, 9, 1, 0)
		r := rep.expect(t, "budget/t90", counts{met: 9, breached: 1, budget: (100-90)*10/100 - 1, status: StatusMet})
		if a, ok := r.Attainment(); !ok || a != 900_000 {
			t.Errorf("attainment %d ppm (%v), want 900000", a, ok)
		}
		rep.expect(t, "budget/t80", counts{met: 9, breached: 1, budget: (100-80)*10/100 - 1, status: StatusMet})
	})
	t.Run("the budget decides at_risk", func(t *testing.T) {
		// 9 met + 1 pending at risk: 90%: floor(10 × 10 / 100) − 0 = 1; one
		// at-risk clock does not outnumber 1: met. With the float64 budget
		// of 0 it would be at_risk.
		rep := budgetScenario(t, 9, 0, 1)
		rep.expect(t, "budget/t90", counts{met: 9, pending: 1, atRisk: 1, budget: (100-90)*10/100 - 0, status: StatusMet})
	})
	t.Run("80% of 5", func(t *testing.T) {
		// 4 met + 1 breached. 80%: floor(20 × 5 / 100) − 1 = 1 − 1 = 0
		// (float64: 0.9999999999999998 → 0 → −1); attainment 4/5 = 80% =
		// target: met. 90%: floor(10 × 5 / 100) − 1 = 0 − 1 = −1; 80% < 90%:
		// breached.
		rep := budgetScenario(t, 4, 1, 0)
		rep.expect(t, "budget/t80", counts{met: 4, breached: 1, budget: (100-80)*5/100 - 1, status: StatusMet})
		rep.expect(t, "budget/t90", counts{met: 4, breached: 1, budget: (100-90)*5/100 - 1, status: StatusBreached})
	})
	t.Run("89.96% is breached", func(t *testing.T) {
		// 233 met + 26 breached: 233/259 = 0.899613…, below 90%: breached.
		// Attainment in ppm, truncated: 233 000 000 / 259 = 899613 (shown
		// as 89.9%: see TestAttainmentDisplayTruncated).
		rep := budgetScenario(t, 233, 26, 0)
		r := rep.expect(t, "budget/t90", counts{met: 233, breached: 26, budget: (100-90)*259/100 - 26, status: StatusBreached})
		if a, _ := r.Attainment(); a != 899_613 {
			t.Errorf("attainment %d ppm, want 899613", a)
		}
	})
}

// Rule: status. breached if attainment < target; else at_risk if the
// at-risk clocks (pending with elapsed ≥ within/2) outnumber
// budget_remaining; else met; without samples at_risk if that fires, else
// no_data.
func TestRuleStatus(t *testing.T) {
	tests := []struct {
		name                   string
		met, breached, pending int
		want                   counts
	}{
		// 10 met: budget floor(0.1 × 10) = 1; no at-risk clock: met.
		{"met", 10, 0, 0, counts{met: 10, budget: 1, status: StatusMet}},
		// 10 met + 2 at risk: budget floor(0.1 × 12) = 1 < 2: at_risk.
		{"at risk", 10, 0, 2, counts{met: 10, pending: 2, atRisk: 2, budget: 1, status: StatusAtRisk}},
		// 10 met + 1 at risk: 1 does not outnumber 1: met.
		{"at risk equal to budget", 10, 0, 1, counts{met: 10, pending: 1, atRisk: 1, budget: 1, status: StatusMet}},
		// 8 met + 2 breached + 5 at risk: 80% < 90% wins over at_risk;
		// budget floor(0.1 × 15) − 2 = −1.
		{"breached before at risk", 8, 2, 5, counts{met: 8, breached: 2, pending: 5, atRisk: 5, budget: -1, status: StatusBreached}},
		// No clock: no_data.
		{"no data", 0, 0, 0, counts{status: StatusNoData}},
		// One pending at risk and nothing else: budget floor(0.1 × 1) = 0
		// < 1: at_risk without samples.
		{"at risk without samples", 0, 0, 1, counts{pending: 1, atRisk: 1, status: StatusAtRisk}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := budgetScenario(t, tt.met, tt.breached, tt.pending)
			r := rep.expect(t, "budget/t90", tt.want)
			if _, ok := r.Attainment(); ok != (tt.met+tt.breached > 0) {
				t.Errorf("attainment known %v with %d samples", ok, tt.met+tt.breached)
			}
		})
	}
	t.Run("at risk from exactly half of within", func(t *testing.T) {
		// 10 met; #11 pending for exactly 30m of 1h (at risk), #12 for
		// 29m59s (not): budget floor(0.1 × 12) = 1; 1 at-risk clock: met.
		// Counting only "more than half" would give 0 at risk; counting
		// every pending clock 2, at_risk.
		s := newScenario(t, world)
		for n := 1; n <= 10; n++ {
			s.issue("acme/budget", n, "carol", "2026-11-23T08:00:00Z")
			s.comment("acme/budget", n, "alice", "2026-11-23T08:30:00Z")
		}
		s.issue("acme/budget", 11, "carol", "2026-11-27T11:30:00Z")
		s.issue("acme/budget", 12, "carol", "2026-11-27T11:30:01Z")
		rep := s.evaluate("2026-11-27T12:00:00Z")
		r := rep.expect(t, "budget/t90", counts{met: 10, pending: 2, atRisk: 1, budget: 1, status: StatusMet})
		if !r.Clocks[10].AtRisk || r.Clocks[11].AtRisk {
			t.Errorf("at risk: #11 %v, #12 %v; want true, false", r.Clocks[10].AtRisk, r.Clocks[11].AtRisk)
		}
	})
}

// Rule: p50/p90 are nearest-rank percentiles of elapsed time over met and
// breached clocks, a running breached clock counting its time so far;
// pending clocks are left out.
func TestRulePercentiles(t *testing.T) {
	s := newScenario(t, world)
	// 24x7, within 4h; at 2026-11-27T12:00Z.
	answered := func(n int, d time.Duration) {
		s.issue("acme/pct", n, "carol", "2026-11-23T08:00:00Z")
		s.comment("acme/pct", n, "alice", ts(t, "2026-11-23T08:00:00Z").Add(d).Format(time.RFC3339))
	}
	open := func(n int, d time.Duration) {
		s.issue("acme/pct", n, "carol", ts(t, "2026-11-27T12:00:00Z").Add(-d).Format(time.RFC3339))
	}
	answered(1, 1*time.Hour)            // met
	answered(2, 2*time.Hour)            // met
	answered(3, 3*time.Hour)            // met
	answered(4, 5*time.Hour)            // breached, stopped
	open(5, 10*time.Hour)               // breached, running: 10h so far
	open(6, 3*time.Hour+30*time.Minute) // pending: left out
	open(7, 3*time.Hour+45*time.Minute) // pending: left out
	rep := s.evaluate("2026-11-27T12:00:00Z")
	r := rep.result(t, "percentiles/fr")
	// Samples sorted: 1h 2h 3h 5h 10h (n = 5).
	//   p50: rank ceil(0.5 × 5) = 3 → 3h; p90: rank ceil(0.9 × 5) = 5 → 10h.
	// With the pending clocks (n = 7: 1h 2h 3h 3h30m 3h45m 5h 10h): p50 =
	// rank 4 = 3h30m. Without the running breach (1h 2h 3h 5h): 2h and 5h.
	// Interpolating: p90 = 5h + 0.6 × 5h = 8h. A floor rank: p50 = 2h.
	if r.P50 != 3*time.Hour || r.P90 != 10*time.Hour {
		t.Errorf("p50 %v, p90 %v; want 3h, 10h", r.P50, r.P90)
	}
}

// The breach rule compares met/samples with the target exactly: no float
// rounds 9 of 10 below 90%, or 2 of 3 up to 66.67%.
func TestBelowTarget(t *testing.T) {
	for _, tt := range []struct {
		met, samples int
		target       int64
		want         bool
	}{
		{9, 10, 900_000, false}, // 90% is the target: 9 × 1e6 = 9e6, not below 0.9e6 × 10
		{8, 9, 900_000, true},   // 88.8…%
		{2, 3, 666_667, true},   // 66.66…% < 66.6667%
		{2, 3, 666_666, false},  // 2e6 ≥ 666,666 × 3 = 1,999,998
		{0, 0, 900_000, false},  // no samples: no_data, not breached
		{0, 1, 1, true},
		{1, 1, Million, false},
	} {
		if got := BelowTarget(tt.met, tt.samples, tt.target); got != tt.want {
			t.Errorf("BelowTarget(%d, %d, %d) = %v, want %v", tt.met, tt.samples, tt.target, got, tt.want)
		}
	}
}

func TestNearestRank(t *testing.T) {
	h := time.Hour
	tens := []time.Duration{1 * h, 2 * h, 3 * h, 4 * h, 5 * h, 6 * h, 7 * h, 8 * h, 9 * h, 10 * h}
	tests := []struct {
		values []time.Duration
		p      int
		want   time.Duration
	}{
		{nil, 50, 0},
		{[]time.Duration{7 * h}, 50, 7 * h},
		{[]time.Duration{7 * h}, 90, 7 * h},
		{tens, 50, 5 * h},     // rank ceil(5) = 5
		{tens, 90, 9 * h},     // rank ceil(9) = 9
		{tens[:9], 90, 9 * h}, // rank ceil(8.1) = 9
		{tens[:9], 50, 5 * h}, // rank ceil(4.5) = 5
		{tens[:2], 50, 1 * h}, // rank ceil(1) = 1
	}
	for _, tt := range tests {
		if got := nearestRank(tt.values, tt.p); got != tt.want {
			t.Errorf("p%d of %v = %v, want %v", tt.p, tt.values, got, tt.want)
		}
	}
}

// Rule: due times are in business time: for a running clock, when within
// will be reached; for a breached one, when it crossed within; unknown for
// a met or a paused clock.
func TestRuleDueTimes(t *testing.T) {
	s := newScenario(t, world)
	// Evaluated Sat 2026-11-28 12:00 CET (11:00Z); first response within 4h.
	// #1: opened Fri 2026-11-27 15:00 CET (14:00Z): Fri 15–17 = 2h, pending,
	// at risk; 2h to go from Monday's opening: Mon 2026-11-30 11:00 CET =
	// 10:00Z (wall time would say Fri 19:00).
	s.issue("acme/hours", 1, "carol", "2026-11-27T14:00:00Z")
	// #2: opened Fri 2026-11-20 15:00 CET (14:00Z), answered Mon 2026-11-23
	// 13:00 (12:00Z): 2h + 4h = 6h, breached; it crossed 4h at Mon 11:00 CET
	// (10:00Z).
	s.issue("acme/hours", 2, "carol", "2026-11-20T14:00:00Z")
	s.comment("acme/hours", 2, "alice", "2026-11-23T12:00:00Z")
	// #3: opened Thu 2026-11-26 10:00 CET (09:00Z), unanswered: Thu 10–17 7h
	// + Fri 8h = 15h, breached; crossed 4h Thu 14:00 CET (13:00Z).
	s.issue("acme/hours", 3, "carol", "2026-11-26T09:00:00Z")
	// #4: opened Mon 2026-11-23 09:00 CET (08:00Z), waiting-on-customer Mon
	// 10:00 (09:00Z) to Tue 09:00 (08:00Z), answered Tue 14:00 (13:00Z):
	// 1h + 5h = 6h, breached; 1h Monday, 3h more from Tue 09:00: crossed at
	// Tue 12:00 CET (11:00Z). Ignoring the pause: Mon 13:00.
	s.issue("acme/hours", 4, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/hours", 4, snapshot.Labeled, "waiting-on-customer", "bob", "2026-11-23T09:00:00Z")
	s.event("acme/hours", 4, snapshot.Unlabeled, "waiting-on-customer", "carol", "2026-11-24T08:00:00Z")
	s.comment("acme/hours", 4, "alice", "2026-11-24T13:00:00Z")
	// #5: opened Sat 10:00 CET (09:00Z): nothing counted, due Mon 13:00 CET
	// (12:00Z).
	s.issue("acme/hours", 5, "carol", "2026-11-28T09:00:00Z")
	// #6: opened Fri 09:00 CET (08:00Z), waiting-on-customer since Fri 10:00
	// (09:00Z): 1h, paused: due unknown.
	s.issue("acme/hours", 6, "carol", "2026-11-27T08:00:00Z")
	s.event("acme/hours", 6, snapshot.Labeled, "waiting-on-customer", "bob", "2026-11-27T09:00:00Z")
	// #7: opened Fri 09:00 CET, answered 10:00: 1h, met: no due time.
	s.issue("acme/hours", 7, "carol", "2026-11-27T08:00:00Z")
	s.comment("acme/hours", 7, "bob", "2026-11-27T09:00:00Z")
	rep := s.evaluate("2026-11-28T11:00:00Z")
	expectClocks(t, rep.result(t, "hours/first-response"),
		want{n: 1, outcome: Pending, elapsed: 2 * time.Hour, atRisk: true, due: "2026-11-30T10:00:00Z"},
		want{n: 2, outcome: Breached, elapsed: 6 * time.Hour, due: "2026-11-23T10:00:00Z"},
		want{n: 3, outcome: Breached, elapsed: 15 * time.Hour, due: "2026-11-26T13:00:00Z"},
		want{n: 4, outcome: Breached, elapsed: 6 * time.Hour, due: "2026-11-24T11:00:00Z"},
		want{n: 5, outcome: Pending, elapsed: 0, due: "2026-11-30T12:00:00Z"},
		want{n: 6, outcome: Pending, elapsed: time.Hour, due: ""},
		want{n: 7, outcome: Met, elapsed: time.Hour, due: ""})
}

// Rule: as of at: comments and events after at are ignored; an issue
// opened after it does not exist yet.
func TestRuleAsOfAt(t *testing.T) {
	s := newScenario(t, world)
	// Evaluated Mon 2026-11-23 12:00 CET (11:00Z). Issues opened Mon 09:00
	// CET (08:00Z) unless said otherwise.
	// #1: alice answers at 14:00 CET and bob closes at 15:00, both after at:
	// first response and resolution pending with 3h (reading them: 5h,
	// breached first response; 6h resolution).
	s.issue("acme/hours", 1, "carol", "2026-11-23T08:00:00Z")
	s.comment("acme/hours", 1, "alice", "2026-11-23T13:00:00Z")
	s.event("acme/hours", 1, snapshot.Closed, "", "bob", "2026-11-23T14:00:00Z")
	// #2: waiting-on-customer from 11:30 (10:30Z), removed 13:00, after at:
	// paused at at with 2h30m (reading the removal: not paused).
	s.issue("acme/hours", 2, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/hours", 2, snapshot.Labeled, "waiting-on-customer", "bob", "2026-11-23T10:30:00Z")
	s.event("acme/hours", 2, snapshot.Unlabeled, "waiting-on-customer", "carol", "2026-11-23T12:00:00Z")
	// #3: waiting-on-customer added at 13:00, after at: not paused, 3h.
	s.issue("acme/hours", 3, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/hours", 3, snapshot.Labeled, "waiting-on-customer", "bob", "2026-11-23T12:00:00Z")
	// #4: opened at 12:30 CET, after at: no clock at all.
	s.issue("acme/hours", 4, "carol", "2026-11-23T11:30:00Z")
	// #5: closed by carol at 10:00 (09:00Z), reopened at 14:00, after at: at
	// at it is closed: resolution met in 1h; first response: closed by its
	// author, not (yet) reopened: no sample.
	s.issue("acme/hours", 5, "carol", "2026-11-23T08:00:00Z")
	s.event("acme/hours", 5, snapshot.Closed, "", "carol", "2026-11-23T09:00:00Z")
	s.event("acme/hours", 5, snapshot.Reopened, "", "carol", "2026-11-23T13:00:00Z")
	// #6: alice answers at 12:00 CET, the instant itself: 3h, met.
	s.issue("acme/hours", 6, "carol", "2026-11-23T08:00:00Z")
	s.comment("acme/hours", 6, "alice", "2026-11-23T11:00:00Z")
	rep := s.evaluate("2026-11-23T11:00:00Z")
	r := rep.result(t, "hours/first-response")
	// Pending due times: #1 and #3 need 1h more: 13:00 CET (12:00Z).
	expectClocks(t, r,
		want{n: 1, outcome: Pending, elapsed: 3 * time.Hour, atRisk: true, due: "2026-11-23T12:00:00Z"},
		want{n: 2, outcome: Pending, elapsed: 150 * time.Minute, atRisk: true},
		want{n: 3, outcome: Pending, elapsed: 3 * time.Hour, atRisk: true, due: "2026-11-23T12:00:00Z"},
		want{n: 6, outcome: Met, elapsed: 3 * time.Hour})
	if !r.Clocks[1].Clock.Paused || r.Clocks[2].Clock.Paused {
		t.Errorf("paused: #2 %v, #3 %v; want true, false", r.Clocks[1].Clock.Paused, r.Clocks[2].Clock.Paused)
	}
	// Resolution (8h): pending ones due 5h later (5h30m for #2, paused:
	// unknown): 12:00 + 5h = 17:00 CET (16:00Z).
	expectClocks(t, rep.result(t, "hours/resolution"),
		want{n: 1, outcome: Pending, elapsed: 3 * time.Hour, due: "2026-11-23T16:00:00Z"},
		want{n: 2, outcome: Pending, elapsed: 150 * time.Minute},
		want{n: 3, outcome: Pending, elapsed: 3 * time.Hour, due: "2026-11-23T16:00:00Z"},
		want{n: 5, outcome: Met, elapsed: time.Hour},
		want{n: 6, outcome: Pending, elapsed: 3 * time.Hour, due: "2026-11-23T16:00:00Z"})
}
