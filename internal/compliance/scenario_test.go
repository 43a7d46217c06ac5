package compliance

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

// scenario builds a snapshot by hand and evaluates agreements against it.
// Every scenario goes through the snapshot file format (written, then read
// back), so the format is exercised by every test.
type scenario struct {
	t    testing.TB
	yaml string
	snap snapshot.Snapshot
}

func newScenario(t testing.TB, agreementsYAML string) *scenario {
	return &scenario{t: t, yaml: agreementsYAML, snap: snapshot.Snapshot{Teams: map[string][]string{}}}
}

func ts(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (s *scenario) repo(name string) *snapshot.Repo {
	if r := s.snap.Repo(name); r != nil {
		return r
	}
	r := &snapshot.Repo{Name: name, HTMLURL: "https://github.com/" + name}
	s.snap.Repos = append(s.snap.Repos, r)
	return r
}

// issue adds an issue opened at `opened` by author with the labels it was
// opened with (recorded, as GitHub does, as labeled events at creation).
func (s *scenario) issue(repo string, number int, author, opened string, labels ...string) *snapshot.Issue {
	r := s.repo(repo)
	at := ts(s.t, opened)
	r.Issues = append(r.Issues, snapshot.Issue{Number: number, Title: "issue", Author: author, CreatedAt: at, Labels: labels})
	for _, l := range labels {
		r.Events = append(r.Events, snapshot.Event{Issue: number, Kind: snapshot.Labeled, Label: l, Actor: author, CreatedAt: at})
	}
	return &r.Issues[len(r.Issues)-1]
}

func (s *scenario) comment(repo string, number int, author, at string) {
	s.commentAs(repo, number, author, "NONE", false, at)
}

func (s *scenario) commentAs(repo string, number int, author, association string, bot bool, at string) {
	r := s.repo(repo)
	r.Comments = append(r.Comments, snapshot.Comment{Issue: number, Author: author, AuthorBot: bot, Association: association, CreatedAt: ts(s.t, at)})
}

// event adds a labeled/unlabeled/closed/reopened event and keeps the
// issue's current state (labels, closed_at) in step, as GitHub would.
func (s *scenario) event(repo string, number int, kind snapshot.EventKind, label, actor, at string) {
	r := s.repo(repo)
	when := ts(s.t, at)
	r.Events = append(r.Events, snapshot.Event{Issue: number, Kind: kind, Label: label, Actor: actor, CreatedAt: when})
	for i := range r.Issues {
		is := &r.Issues[i]
		if is.Number != number {
			continue
		}
		switch kind {
		case snapshot.Labeled:
			is.Labels = append(is.Labels, label)
		case snapshot.Unlabeled:
			for j, l := range is.Labels {
				if l == label {
					is.Labels = append(is.Labels[:j], is.Labels[j+1:]...)
					break
				}
			}
		case snapshot.Closed:
			is.ClosedAt = when
		case snapshot.Reopened:
			is.ClosedAt = time.Time{}
		}
	}
}

// evaluate loads the agreements, round-trips the snapshot through its file
// format, and evaluates at the instant.
func (s *scenario) evaluate(at string) *Report {
	s.t.Helper()
	var buf bytes.Buffer
	if err := snapshot.Write(&buf, &s.snap); err != nil {
		s.t.Fatal(err)
	}
	snap, err := snapshot.Read(&buf)
	if err != nil {
		s.t.Fatal(err)
	}
	return Evaluate(compiled(s.t, s.yaml, snap.Teams), snap, ts(s.t, at))
}

// compiledCache keeps the objectives compiled from each agreements text
// (and github_team members), so that scenarios sharing an organisation
// build its calendars once. Evaluate does not change objectives.
var compiledCache = struct {
	sync.Mutex
	m map[string][]*Objective
}{m: map[string][]*Objective{}}

func compiled(t testing.TB, agreementsYAML string, githubTeams map[string][]string) []*Objective {
	t.Helper()
	key := agreementsYAML + "\x00" + fmt.Sprint(githubTeams) // fmt sorts map keys
	compiledCache.Lock()
	defer compiledCache.Unlock()
	if o, ok := compiledCache.m[key]; ok {
		return o
	}
	set, diags := agreement.LoadBytes("agreements.yaml", []byte(agreementsYAML))
	diags = append(diags, validate.Check(set)...)
	if diags.HasErrors() {
		t.Fatalf("invalid agreements:\n%v", diags)
	}
	objectives, err := Compile(set, ResolveTeams(set, githubTeams))
	if err != nil {
		t.Fatal(err)
	}
	compiledCache.m[key] = objectives
	return objectives
}

// result finds an objective's result by "agreement/objective".
func (rep *Report) result(t testing.TB, name string) *Result {
	t.Helper()
	for _, r := range rep.Results {
		if r.Objective.Name() == name {
			return r
		}
	}
	t.Fatalf("no objective %s", name)
	return nil
}

// counts is the expected figures of an objective.
type counts struct {
	met, breached, pending, atRisk, budget int
	status                                 Status
}

func (rep *Report) expect(t testing.TB, name string, want counts) *Result {
	t.Helper()
	r := rep.result(t, name)
	got := counts{r.Met, r.Breached, r.Pending, r.AtRisk, r.BudgetRemaining, r.Status}
	if got != want {
		t.Errorf("%s: got %+v, want %+v", name, got, want)
		for _, c := range r.Clocks {
			t.Logf("  #%d %s elapsed %v start %v stop %v (%s)", c.Issue.Number, c.Outcome, c.Clock.Elapsed, c.Clock.Start, c.Clock.Stop, c.Clock.StopReason)
		}
	}
	return r
}

// elapsedOf returns the elapsed business time of issue n's only clock.
func (r *Result) elapsedOf(t testing.TB, n int) time.Duration {
	t.Helper()
	var found []time.Duration
	for _, c := range r.Clocks {
		if c.Issue.Number == n {
			found = append(found, c.Clock.Elapsed)
		}
	}
	if len(found) != 1 {
		t.Fatalf("issue #%d has %d clocks, want 1", n, len(found))
	}
	return found[0]
}

// org is a small organisation used by most scenarios: Platform (alice,
// bob) serves Payments (carol) in Berlin business hours, Mon–Fri
// 09:00–17:00, with 2026-12-24 and 2026-12-25 closed.
const org = `
apiVersion: sla/v1
kind: Team
metadata: {name: platform}
spec: {members: [alice, bob]}
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec: {members: [carol, dave]}
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: berlin}
spec:
  timezone: Europe/Berlin
  hours: {mon-fri: ["09:00-17:00"]}
  holidays: [2026-12-24, 2026-12-25]
---
`

func TestScenarioFirstResponseBusinessHours(t *testing.T) {
	s := newScenario(t, org+`
apiVersion: sla/v1
kind: Agreement
metadata: {name: req}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: 28d
  scope: {repos: [acme/req]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
`)
	// #1: opened Fri 2026-11-20 16:00 CET (15:00Z), answered by alice Mon
	// 2026-11-23 11:00 CET (10:00Z). Business time: Fri 16:00–17:00 = 1h,
	// Mon 09:00–11:00 = 2h: 3h ≤ 4h, met — though 67 wall-clock hours passed.
	s.issue("acme/req", 1, "carol", "2026-11-20T15:00:00Z")
	s.comment("acme/req", 1, "alice", "2026-11-23T10:00:00Z")
	// #2: opened Mon 2026-11-23 09:00 CET, carol (the author) and an
	// outsider comment, then bob answers at 14:30 CET: 5h30m > 4h, breached.
	s.issue("acme/req", 2, "carol", "2026-11-23T08:00:00Z")
	s.comment("acme/req", 2, "carol", "2026-11-23T09:00:00Z")
	s.comment("acme/req", 2, "stranger", "2026-11-23T10:00:00Z")
	s.comment("acme/req", 2, "bob", "2026-11-23T13:30:00Z")
	rep := s.evaluate("2026-11-27T12:00:00Z")
	// 1 met, 1 breached, 0 pending. budget = floor(0.1 × 2) − 1 = 0 − 1 = −1.
	// Attainment 1/2 = 50% < 90%: breached.
	r := rep.expect(t, "req/first-response", counts{met: 1, breached: 1, budget: -1, status: StatusBreached})
	if got := r.elapsedOf(t, 1); got != 3*time.Hour {
		t.Errorf("#1 elapsed %v, want 3h", got)
	}
	if got := r.elapsedOf(t, 2); got != 5*time.Hour+30*time.Minute {
		t.Errorf("#2 elapsed %v, want 5h30m", got)
	}
}
