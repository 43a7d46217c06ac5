package compliance

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/snapshot"
)

// One hand-computed scenario per rule of SPEC §7.1, satisfaction ratings.
// Times are UTC; the agreements have no calendar (24x7), which changes
// nothing here: ratings count no time.
//
// Platform (alice, bob) serves Payments (carol, dave) and Growth (erin).
// Evaluated at 2026-11-27T12:00Z, the 28-day windows start at
// 2026-10-30T12:00Z.
const satisfactionOrg = org + `
apiVersion: sla/v1
kind: Team
metadata: {name: growth}
spec: {members: [erin]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: rated}
spec:
  provider: platform
  consumers: [payments, growth]
  calendar: 24x7
  window: 28d
  scope: {repos: [acme/sat], exclude_labels: [invalid]}
  objectives:
    - {name: by-author, metric: satisfaction, target: 80%, min_ratings: 1}
    - {name: by-consumers, metric: satisfaction, target: 80%, min_ratings: 1, rated_by: consumers}
    - {name: default-min, metric: satisfaction, target: 80%}
    - {name: p1, metric: satisfaction, target: 80%, min_ratings: 1, where: {labels: [P1]}}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: budget}
spec:
  provider: platform
  consumers: [payments]
  calendar: 24x7
  window: 28d
  scope: {repos: [acme/budget-sat]}
  objectives:
    - {name: t90, metric: satisfaction, target: 90%, min_ratings: 10}
    - {name: t80, metric: satisfaction, target: 0.8, min_ratings: 10}
    - {name: t90-min11, metric: satisfaction, target: 90%, min_ratings: 11}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: effective}
spec:
  provider: platform
  consumers: [payments]
  calendar: 24x7
  window: month
  effective_from: 2026-11-16
  scope: {repos: [acme/eff-sat]}
  objectives:
    - {name: sat, metric: satisfaction, target: 80%, min_ratings: 1}
`

const satAt = "2026-11-27T12:00:00Z"

// closedIssue adds an issue opened at opened and closed by alice at closed.
func (s *scenario) closedIssue(repo string, number int, author, opened, closed string, labels ...string) {
	s.issue(repo, number, author, opened, labels...)
	s.event(repo, number, snapshot.Closed, "", "alice", closed)
}

// react adds a reaction on an issue, numbered in the order added.
func (s *scenario) react(repo string, number int, login, content, at string) {
	r := s.repo(repo)
	r.Reactions = append(r.Reactions, snapshot.Reaction{ID: int64(len(r.Reactions) + 1), Issue: number, Login: login,
		Bot: snapshot.IsBot(login, false), Content: content, CreatedAt: ts(s.t, at)})
}

// ratingCounts are a satisfaction objective's figures.
type ratingCounts struct {
	met, breached, unrated, budget int
	status                         Status
}

func (rep *Report) expectRatings(t testing.TB, name string, want ratingCounts) *Result {
	t.Helper()
	r := rep.result(t, name)
	if got := (ratingCounts{r.Met, r.Breached, r.Unrated, r.BudgetRemaining, r.Status}); got != want || r.Pending != 0 || r.AtRisk != 0 {
		t.Errorf("%s: got %+v (pending %d, at risk %d), want %+v", name, got, r.Pending, r.AtRisk, want)
		for _, c := range r.Clocks {
			t.Logf("  #%d %s closed %v", c.Issue.Number, c.Outcome, c.Clock.Start)
		}
	}
	return r
}

// outcomes lists "#n outcome" for each request an objective counted.
func outcomes(r *Result) []string {
	var out []string
	for _, c := range r.Clocks {
		out = append(out, fmt.Sprintf("#%d %s", c.Issue.Number, c.Outcome))
	}
	return out
}

func expectOutcomes(t testing.TB, r *Result, want ...string) {
	t.Helper()
	if got := outcomes(r); !slices.Equal(got, want) {
		t.Errorf("%s: %v, want %v", r.Objective.Name(), got, want)
	}
}

// Rule: with rated_by: author, the rating is the author's 👍 or 👎 on the
// issue itself, whoever else reacts; logins compare without regard to
// case; bots never rate; both from the author: unrated.
func TestRuleRatedByAuthor(t *testing.T) {
	t.Parallel()
	s := newScenario(t, satisfactionOrg)
	for n := 1; n <= 6; n++ {
		s.closedIssue("acme/sat", n, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")
	}
	s.react("acme/sat", 1, "Carol", "+1", "2026-11-12T10:00:00Z") // the author, in another case: positive
	s.react("acme/sat", 2, "carol", "-1", "2026-11-12T10:00:00Z") // negative
	s.react("acme/sat", 3, "dave", "+1", "2026-11-12T10:00:00Z")  // a consumer, not the author: no rating
	s.react("acme/sat", 3, "alice", "+1", "2026-11-12T10:00:00Z") // the provider: no rating
	s.react("acme/sat", 4, "carol", "+1", "2026-11-12T10:00:00Z") // both from the author: unrated
	s.react("acme/sat", 4, "carol", "-1", "2026-11-13T10:00:00Z")
	s.react("acme/sat", 5, "carol", "heart", "2026-11-12T10:00:00Z") // not a rating
	s.react("acme/sat", 5, "carol", "eyes", "2026-11-12T10:00:00Z")
	// #6 is opened by a bot that reacts to it: bots never rate.
	r := s.repo("acme/sat")
	r.Issues[5].Author, r.Issues[5].AuthorBot = "triage[bot]", true
	s.react("acme/sat", 6, "triage[bot]", "+1", "2026-11-12T10:00:00Z")
	rep := s.evaluate(satAt)
	// 1 met, 1 breached, 4 unrated. samples 2; budget = floor(0.2 × 2) − 1
	// = 0 − 1 = −1; attainment 1/2 = 50% < 80%: breached.
	res := rep.expectRatings(t, "rated/by-author", ratingCounts{met: 1, breached: 1, unrated: 4, budget: -1, status: StatusBreached})
	expectOutcomes(t, res, "#1 met", "#2 breached", "#3 unrated", "#4 unrated", "#5 unrated", "#6 unrated")
	// response rate = rated / closed = 2 / 6 = 333333 ppm.
	if rr, ok := res.ResponseRate(); !ok || rr != 333333 {
		t.Errorf("response rate %d %v, want 333333 (2 of 6)", rr, ok)
	}
	// #3: what was ignored, and why.
	c := res.Clocks[2]
	var why []string
	for _, x := range c.Rating.Ignored {
		why = append(why, x.Login+": "+x.Why)
	}
	if want := []string{"dave: not the request's author (rated_by: author)", "alice: not the request's author (rated_by: author)"}; !slices.Equal(why, want) {
		t.Errorf("#3 ignored %q, want %q", why, want)
	}
	// #4: both of the author's count, and cancel out.
	if c := res.Clocks[3]; c.Rating.Up != 1 || c.Rating.Down != 1 || len(c.Rating.Counted) != 2 {
		t.Errorf("#4 rating %+v, want one 👍 and one 👎, both counted", c.Rating)
	}
}

// Rule: with rated_by: consumers, each member of a consumer team rates;
// more 👍 than 👎 is positive, fewer negative, a tie (or none) unrated;
// one person's 👍 and 👎 count one each; others and bots do not rate.
func TestRuleRatedByConsumers(t *testing.T) {
	t.Parallel()
	s := newScenario(t, satisfactionOrg)
	for n := 1; n <= 5; n++ {
		s.closedIssue("acme/sat", n, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")
	}
	// #1: carol 👍, erin 👍 (Growth), dave 👎: 2 > 1, positive.
	s.react("acme/sat", 1, "carol", "+1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 1, "erin", "+1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 1, "dave", "-1", "2026-11-12T10:00:00Z")
	// #2: carol 👍; dave and erin 👎: 1 < 2, negative — though the author
	// is pleased.
	s.react("acme/sat", 2, "carol", "+1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 2, "dave", "-1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 2, "ERIN", "-1", "2026-11-12T10:00:00Z")
	// #3: carol 👍, dave 👎: a tie, unrated; alice (provider), a stranger
	// and a bot do not break it.
	s.react("acme/sat", 3, "carol", "+1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 3, "dave", "-1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 3, "alice", "+1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 3, "stranger", "+1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 3, "ci[bot]", "+1", "2026-11-12T10:00:00Z")
	// #4: dave 👍 and 👎, erin 👍: 2 > 1, positive.
	s.react("acme/sat", 4, "dave", "+1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 4, "dave", "-1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 4, "erin", "+1", "2026-11-12T10:00:00Z")
	// #5: nothing: unrated.
	rep := s.evaluate(satAt)
	// 2 met, 1 breached, 2 unrated. budget = floor(0.2 × 3) − 1 = 0 − 1 =
	// −1; 2/3 = 66.6% < 80%: breached.
	res := rep.expectRatings(t, "rated/by-consumers", ratingCounts{met: 2, breached: 1, unrated: 2, budget: -1, status: StatusBreached})
	expectOutcomes(t, res, "#1 met", "#2 breached", "#3 unrated", "#4 met", "#5 unrated")
	// Rated by the author instead: #1, #2, #3 positive (carol's 👍), #4
	// and #5 unrated.
	expectOutcomes(t, rep.result(t, "rated/by-author"), "#1 met", "#2 met", "#3 met", "#4 unrated", "#5 unrated")
}

// Rule: a request belongs to the window by its last close at or before
// the instant; the window is [start, at), like a clock's; open requests
// are not counted; what opened it, and when, does not matter.
func TestRuleWindowByLastClose(t *testing.T) {
	t.Parallel()
	s := newScenario(t, satisfactionOrg)
	rate := func(n int) { s.react("acme/sat", n, "carol", "+1", "2026-10-01T00:00:00Z") } // long before: still a rating
	// #1: opened in September, closed in the window: counted.
	s.closedIssue("acme/sat", 1, "carol", "2026-09-01T09:00:00Z", "2026-11-20T09:00:00Z")
	// #2: closed before the window: not counted.
	s.closedIssue("acme/sat", 2, "carol", "2026-10-01T09:00:00Z", "2026-10-30T11:59:59Z")
	// #3: closed before the window, reopened and closed again in it: counted.
	s.closedIssue("acme/sat", 3, "carol", "2026-10-01T09:00:00Z", "2026-10-20T09:00:00Z")
	s.event("acme/sat", 3, snapshot.Reopened, "", "carol", "2026-11-01T09:00:00Z")
	s.event("acme/sat", 3, snapshot.Closed, "", "bob", "2026-11-02T09:00:00Z")
	// #4: closed in the window, reopened, open at the instant: not counted.
	s.closedIssue("acme/sat", 4, "carol", "2026-11-01T09:00:00Z", "2026-11-02T09:00:00Z")
	s.event("acme/sat", 4, snapshot.Reopened, "", "carol", "2026-11-03T09:00:00Z")
	// #5: open: not counted.
	s.issue("acme/sat", 5, "carol", "2026-11-01T09:00:00Z")
	// #6: closed after the instant: open at it, not counted.
	s.closedIssue("acme/sat", 6, "carol", "2026-11-01T09:00:00Z", "2026-11-27T12:00:01Z")
	// #7: closed at the window's very start: counted; #8 at the instant
	// itself: not (the window ends before it, as for a clock's start).
	s.closedIssue("acme/sat", 7, "carol", "2026-10-01T09:00:00Z", "2026-10-30T12:00:00Z")
	s.closedIssue("acme/sat", 8, "carol", "2026-11-01T09:00:00Z", satAt)
	// #9: closed in the window, reopened after the instant: closed at it,
	// counted by its close in the window.
	s.closedIssue("acme/sat", 9, "carol", "2026-11-01T09:00:00Z", "2026-11-25T09:00:00Z")
	s.event("acme/sat", 9, snapshot.Reopened, "", "carol", "2026-11-27T13:00:00Z")
	for n := 1; n <= 9; n++ {
		rate(n)
	}
	rep := s.evaluate(satAt)
	// #1, #3, #7, #9: 4 met. budget = floor(0.2 × 4) − 0 = 0, attainment
	// 100% ≥ 80%: at_risk (no budget left: one 👎 would breach it).
	res := rep.expectRatings(t, "rated/by-author", ratingCounts{met: 4, budget: 0, status: StatusAtRisk})
	expectOutcomes(t, res, "#1 met", "#3 met", "#7 met", "#9 met")
	if got := res.Clocks[1].Clock.Start; !got.Equal(ts(t, "2026-11-02T09:00:00Z")) {
		t.Errorf("#3 counted by its close at %v, want the last, 2026-11-02T09:00Z", got)
	}
}

// Rule: reactions after the instant are ignored, as every event after it.
func TestRuleReactionsAfterTheInstant(t *testing.T) {
	t.Parallel()
	s := newScenario(t, satisfactionOrg)
	s.closedIssue("acme/sat", 1, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")
	s.closedIssue("acme/sat", 2, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")
	s.react("acme/sat", 1, "carol", "+1", "2026-11-27T12:00:01Z") // a second late: unrated
	s.react("acme/sat", 2, "carol", "+1", satAt)                  // at the instant: counts
	s.react("acme/sat", 2, "carol", "-1", "2026-11-28T09:00:00Z") // then changes her mind, later
	rep := s.evaluate(satAt)
	res := rep.expectRatings(t, "rated/by-author", ratingCounts{met: 1, unrated: 1, budget: 0, status: StatusAtRisk})
	expectOutcomes(t, res, "#1 unrated", "#2 met")
	if x := res.Clocks[0].Rating.Ignored; len(x) != 1 || x[0].Why != "after the evaluation instant" {
		t.Errorf("#1 ignored %+v", x)
	}
	// A day later both count: #1 positive, #2 both: unrated.
	rep = s.evaluate("2026-11-28T12:00:00Z")
	expectOutcomes(t, rep.result(t, "rated/by-author"), "#1 met", "#2 unrated")
}

// Rule: budget_remaining = floor((1 − target) × samples) − breached,
// exactly; status no_data below min_ratings, else breached below the
// target, at_risk with no budget left, else met.
func TestRuleRatingBudgetAndStatus(t *testing.T) {
	t.Parallel()
	s := newScenario(t, satisfactionOrg)
	// 9 positive and 1 negative: samples 10.
	for n := 1; n <= 10; n++ {
		s.closedIssue("acme/budget-sat", n, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")
		content := "+1"
		if n == 10 {
			content = "-1"
		}
		s.react("acme/budget-sat", n, "carol", content, "2026-11-12T10:00:00Z")
	}
	rep := s.evaluate(satAt)
	// t90: floor((1 − 0.9) × 10) − 1 = 1 − 1 = 0 exactly (in float64,
	// (1 − 0.9) × 10 = 0.9999999999999998, whose floor is 0: −1).
	// Attainment 9/10 = 90%, not below: at_risk, for no budget is left.
	rep.expectRatings(t, "budget/t90", ratingCounts{met: 9, breached: 1, budget: 0, status: StatusAtRisk})
	// t80: floor(0.2 × 10) − 1 = 2 − 1 = 1: met.
	rep.expectRatings(t, "budget/t80", ratingCounts{met: 9, breached: 1, budget: 1, status: StatusMet})
	// min_ratings 11: 10 ratings are too few: no_data, the budget still said.
	rep.expectRatings(t, "budget/t90-min11", ratingCounts{met: 9, breached: 1, budget: 0, status: StatusNoData})

	// A second 👎 (#9 changes to 👎 only): 8/10 = 80% < 90%: breached,
	// budget floor(1) − 2 = −1; under 80%: not below, budget 2 − 2 = 0,
	// at_risk.
	s.react("acme/budget-sat", 9, "carol", "-1", "2026-11-13T10:00:00Z")
	r := s.repo("acme/budget-sat")
	r.Reactions = slices.DeleteFunc(r.Reactions, func(x snapshot.Reaction) bool { return x.Issue == 9 && x.Content == "+1" })
	rep = s.evaluate(satAt)
	rep.expectRatings(t, "budget/t90", ratingCounts{met: 8, breached: 2, budget: -1, status: StatusBreached})
	rep.expectRatings(t, "budget/t80", ratingCounts{met: 8, breached: 2, budget: 0, status: StatusAtRisk})
}

// Rule: min_ratings is 5 unless written: 4 ratings, all positive, are too
// few; the fifth makes the objective judged.
func TestRuleDefaultMinRatings(t *testing.T) {
	t.Parallel()
	s := newScenario(t, satisfactionOrg)
	for n := 1; n <= 5; n++ {
		s.closedIssue("acme/sat", n, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")
		s.react("acme/sat", n, "carol", "+1", "2026-11-13T10:00:00Z")
	}
	s.closedIssue("acme/sat", 6, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z") // unrated: not a rating
	// As of 2026-11-13T09:00Z, before the ratings: 0 samples, no_data;
	// budget floor(0.2 × 0) − 0 = 0.
	rep := s.evaluate("2026-11-13T09:00:00Z")
	rep.expectRatings(t, "rated/default-min", ratingCounts{unrated: 6, status: StatusNoData})
	if _, ok := rep.result(t, "rated/default-min").Attainment(); ok {
		t.Error("attainment without samples")
	}
	// With 4 of the 5 ratings in (the fifth removed): no_data; budget
	// floor(0.2 × 4) − 0 = 0.
	r := s.repo("acme/sat")
	fifth := r.Reactions[4]
	r.Reactions = r.Reactions[:4]
	rep = s.evaluate(satAt)
	rep.expectRatings(t, "rated/default-min", ratingCounts{met: 4, unrated: 2, status: StatusNoData})
	r.Reactions = append(r.Reactions, fifth)
	// 5 ratings: judged. budget floor(0.2 × 5) − 0 = 1: met.
	rep = s.evaluate(satAt)
	rep.expectRatings(t, "rated/default-min", ratingCounts{met: 5, unrated: 1, budget: 1, status: StatusMet})
	if rr, _ := rep.result(t, "rated/default-min").ResponseRate(); rr != 833333 { // 5 of 6
		t.Errorf("response rate %d, want 833333", rr)
	}
}

// Rule: scope and where are judged at the instant, as for clocks, and
// effective_from bounds the closes that count.
func TestRuleRatingScopeAndEffectiveFrom(t *testing.T) {
	t.Parallel()
	s := newScenario(t, satisfactionOrg)
	s.closedIssue("acme/sat", 1, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z", "P1")
	s.closedIssue("acme/sat", 2, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z", "P1")
	s.event("acme/sat", 2, snapshot.Labeled, "invalid", "bob", "2026-11-20T09:00:00Z") // excluded by the instant
	s.closedIssue("acme/sat", 3, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")
	for n := 1; n <= 3; n++ {
		s.react("acme/sat", n, "carol", "+1", "2026-11-12T10:00:00Z")
	}
	rep := s.evaluate(satAt)
	expectOutcomes(t, rep.result(t, "rated/p1"), "#1 met")
	expectOutcomes(t, rep.result(t, "rated/by-author"), "#1 met", "#3 met")
	// Before #2 was labelled invalid, it counted.
	expectOutcomes(t, s.evaluate("2026-11-19T12:00:00Z").result(t, "rated/by-author"), "#1 met", "#2 met", "#3 met")

	// effective_from 2026-11-16 (UTC): a close on the 15th does not count,
	// one on the 16th does, in November's window.
	s.closedIssue("acme/eff-sat", 1, "carol", "2026-11-10T09:00:00Z", "2026-11-15T23:59:59Z")
	s.closedIssue("acme/eff-sat", 2, "carol", "2026-11-10T09:00:00Z", "2026-11-16T00:00:00Z")
	s.react("acme/eff-sat", 1, "carol", "-1", "2026-11-16T10:00:00Z")
	s.react("acme/eff-sat", 2, "carol", "+1", "2026-11-16T10:00:00Z")
	expectOutcomes(t, s.evaluate(satAt).result(t, "effective/sat"), "#2 met")
}

// --by consumer splits the ratings by the requester's consumer team: one
// in several teams counts for each, one in none as "other".
func TestRatingsByConsumer(t *testing.T) {
	t.Parallel()
	s := newScenario(t, satisfactionOrg)
	s.closedIssue("acme/sat", 1, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z") // Payments
	s.closedIssue("acme/sat", 2, "erin", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")  // Growth
	s.closedIssue("acme/sat", 3, "frank", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z") // other
	s.react("acme/sat", 1, "carol", "+1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 2, "erin", "-1", "2026-11-12T10:00:00Z")
	rep := s.evaluate(satAt)
	if err := Breakdown(rep, ByConsumer); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range rep.result(t, "rated/by-author").Groups {
		got = append(got, g.Key+": "+strings.Join(outcomes(g.Result), ", ")+" "+string(g.Status))
	}
	// Payments: 1 of 1, budget floor(0.2 × 1) − 0 = 0: at_risk. Growth: 0
	// of 1: breached. Other: no rating, below min_ratings 1: no_data.
	want := []string{"payments: #1 met at_risk", "growth: #2 breached breached", "other: #3 unrated no_data"}
	if !slices.Equal(got, want) {
		t.Errorf("groups %q, want %q", got, want)
	}
}

// Rated by consumers, the figures rest on the consumer teams' members: a
// team whose github_team could not be read makes them incomplete.
func TestRatingsByConsumersRestOnTheirMembers(t *testing.T) {
	t.Parallel()
	objectives := compiled(t, satisfactionOrg, nil)
	copies := make([]*Objective, len(objectives))
	for i, o := range objectives {
		c := *o
		copies[i] = &c
	}
	MarkUnread(copies, map[agreement.Name]string{"growth": "members of acme/growth"})
	for _, o := range copies {
		want := o.Agreement.Metadata.Name == "rated" && o.RatedBy == agreement.RatedByConsumers
		if got := len(o.Unread) > 0; got != want {
			t.Errorf("%s: incomplete %v, want %v", o.Name(), got, want)
		}
	}
}

// Explain shows, for a satisfaction objective, the close that placed the
// request in the window and the reactions that decided, with who and
// when.
func TestExplainRating(t *testing.T) {
	t.Parallel()
	s := newScenario(t, satisfactionOrg)
	s.closedIssue("acme/sat", 1, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")
	s.react("acme/sat", 1, "carol", "-1", "2026-11-12T10:00:00Z")
	s.react("acme/sat", 1, "bob", "+1", "2026-11-12T11:00:00Z")
	x := explanationOf(t, s.explain("acme/sat", 1, satAt), "rated/by-author")
	if len(x.Clocks) != 1 {
		t.Fatalf("%d clocks", len(x.Clocks))
	}
	c := x.Clocks[0]
	if c.Outcome != Breached || c.Excluded != "" || !c.Clock.Start.Equal(ts(t, "2026-11-12T09:00:00Z")) || c.Clock.StopReason != "closed by alice" {
		t.Errorf("clock %+v", c)
	}
	if r := c.Rating; len(r.Counted) != 1 || r.Counted[0].Login != "carol" || !r.Counted[0].CreatedAt.Equal(ts(t, "2026-11-12T10:00:00Z")) ||
		len(r.Ignored) != 1 || r.Ignored[0].Login != "bob" {
		t.Errorf("rating %+v", r)
	}
	// As of before its close, it is open: no clock.
	if x := explanationOf(t, s.explain("acme/sat", 1, "2026-11-11T00:00:00Z"), "rated/by-author"); len(x.Clocks) != 0 {
		t.Errorf("open request explained with %d clocks", len(x.Clocks))
	}
}

// Rule: only the reactions on the issue itself rate it; those on its
// comments (a ❤️ or a 👎 on the provider's answer) do not.
func TestRuleRatingsOnTheIssueItself(t *testing.T) {
	t.Parallel()
	s := newScenario(t, satisfactionOrg)
	s.closedIssue("acme/sat", 1, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")
	s.closedIssue("acme/sat", 2, "carol", "2026-11-10T09:00:00Z", "2026-11-12T09:00:00Z")
	r := s.repo("acme/sat")
	for n := 1; n <= 2; n++ {
		r.Comments = append(r.Comments, snapshot.Comment{ID: int64(500 + n), Issue: n, Author: "alice", CreatedAt: ts(t, "2026-11-11T09:00:00Z")})
	}
	s.react("acme/sat", 1, "carol", "+1", "2026-11-12T10:00:00Z") // on the issue: positive
	onComment := func(n int, content string) {
		r.Reactions = append(r.Reactions, snapshot.Reaction{ID: int64(len(r.Reactions) + 1), Issue: n, Comment: int64(500 + n),
			Login: "carol", Content: content, CreatedAt: ts(t, "2026-11-12T11:00:00Z")})
	}
	onComment(1, "-1") // on alice's comment: rates nothing, #1 stays positive
	onComment(2, "-1") // #2 has no reaction of its own: unrated
	rep := s.evaluate(satAt)
	// 1 met, 0 breached, 1 unrated; budget floor(0.2 × 1) − 0 = 0: at_risk.
	res := rep.expectRatings(t, "rated/by-author", ratingCounts{met: 1, unrated: 1, budget: 0, status: StatusAtRisk})
	expectOutcomes(t, res, "#1 met", "#2 unrated")
}
