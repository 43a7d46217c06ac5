package compliance

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the same zone data on every machine

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/demodata"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

// checkTrend evaluates a trend of n points in one pass and each of its
// points separately with Evaluate, and requires the same figures and the
// same clocks, judged the same, at every point. It returns how many clocks
// it compared.
func checkTrend(t *testing.T, objectives []*Objective, snap *snapshot.Snapshot, at time.Time, n int) int {
	t.Helper()
	type key struct {
		result, point int
	}
	recorded := map[key][]pointClock{}
	rep := evaluateTrend(objectives, slices.Values(snap.Repos), at, n, func(c pointClock) {
		k := key{c.result, c.point}
		recorded[k] = append(recorded[k], c)
	})
	compared := 0
	for j, inst := range agreement.TrendPoints(at, n) {
		ref := Evaluate(objectives, snap, inst)
		for i, want := range ref.Results {
			got := rep.Results[i]
			p := got.Trend[j]
			name := fmt.Sprintf("%s at %s", want.Objective.Name(), inst.Format(time.RFC3339))
			if !p.At.Equal(inst) || !p.WindowStart.Equal(want.WindowStart) {
				t.Errorf("%s: point at %v, window from %v; want window from %v", name, p.At, p.WindowStart, want.WindowStart)
			}
			gotCounts := counts{p.Met, p.Breached, p.Pending, p.AtRisk, p.BudgetRemaining, p.Status}
			wantCounts := counts{want.Met, want.Breached, want.Pending, want.AtRisk, want.BudgetRemaining, want.Status}
			if gotCounts != wantCounts || p.Unrated != want.Unrated {
				t.Errorf("%s: trend %+v, %d unrated; Evaluate %+v, %d unrated", name, gotCounts, p.Unrated, wantCounts, want.Unrated)
			}
			var wantClocks, gotClocks []pointClock
			for _, c := range want.Clocks {
				wantClocks = append(wantClocks, pointClock{result: i, point: j, repo: c.Repo.Name, issue: c.Issue.Number,
					start: c.Clock.Start, elapsed: c.Clock.Elapsed, outcome: c.Outcome, atRisk: c.AtRisk})
			}
			if j == n-1 {
				// The latest point is the result itself, clocks and all.
				for _, c := range got.Clocks {
					gotClocks = append(gotClocks, pointClock{result: i, point: j, repo: c.Repo.Name, issue: c.Issue.Number,
						start: c.Clock.Start, elapsed: c.Clock.Elapsed, outcome: c.Outcome, atRisk: c.AtRisk})
				}
				if got.P50 != want.P50 || got.P90 != want.P90 || got.BudgetRemaining != want.BudgetRemaining || got.Status != want.Status {
					t.Errorf("%s: result differs from Evaluate's", name)
				}
			} else {
				gotClocks = recorded[key{i, j}]
			}
			sortClocks(wantClocks)
			sortClocks(gotClocks)
			if !slices.Equal(gotClocks, wantClocks) {
				t.Errorf("%s: clocks differ", name)
				for _, c := range diffClocks(gotClocks, wantClocks) {
					t.Logf("  %s", c)
				}
			}
			compared += len(wantClocks)
		}
	}
	return compared
}

func sortClocks(list []pointClock) {
	slices.SortFunc(list, func(a, b pointClock) int {
		return cmp.Or(cmp.Compare(a.repo, b.repo), cmp.Compare(a.issue, b.issue), a.start.Compare(b.start))
	})
}

// diffClocks lists the clocks only one side has, for the log.
func diffClocks(got, want []pointClock) []string {
	var out []string
	for _, c := range got {
		if !slices.Contains(want, c) {
			out = append(out, fmt.Sprintf("trend only:    %s#%d start %s elapsed %v %s at-risk %v", c.repo, c.issue, c.start.Format(time.RFC3339), c.elapsed, c.outcome, c.atRisk))
		}
	}
	for _, c := range want {
		if !slices.Contains(got, c) {
			out = append(out, fmt.Sprintf("Evaluate only: %s#%d start %s elapsed %v %s at-risk %v", c.repo, c.issue, c.start.Format(time.RFC3339), c.elapsed, c.outcome, c.atRisk))
		}
	}
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("… and %d more", len(out)-20))
	}
	return out
}

// The example organisation and its snapshot: 16 weekly points, each the
// same as a separate evaluation, clock by clock.
func TestTrendEqualsEvaluate(t *testing.T) {
	set, diags, err := validate.Run([]string{"../../agreements"})
	if err != nil || diags.HasErrors() {
		t.Fatalf("example agreements: %v %v", err, diags)
	}
	snap, err := snapshot.ReadFile("../demodata/example.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	objectives, err := Compile(set, ResolveTeams(set, snap.Teams))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	n := checkTrend(t, objectives, snap, at, 16)
	if n < 5000 {
		t.Errorf("only %d clocks compared", n)
	}
	t.Logf("%d clocks compared", n)
	// The results at the latest point are Evaluate's.
	rep, ref := EvaluateTrend(objectives, snap, at, 16), Evaluate(objectives, snap, at)
	for i, r := range rep.Results {
		got, want := *r, *ref.Results[i]
		got.Trend = nil
		// Ratings are compared by value: their pointers differ.
		got.Clocks, want.Clocks = ratingsByValue(t, got.Clocks, want.Clocks)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: EvaluateTrend's result differs from Evaluate's", r.Objective.Name())
		}
	}
}

// ratingsByValue checks that two lists of clocks have equal ratings, and
// returns them without, so that the rest compares as text.
func ratingsByValue(t *testing.T, got, want []ClockResult) ([]ClockResult, []ClockResult) {
	t.Helper()
	if len(got) != len(want) {
		return got, want
	}
	got, want = slices.Clone(got), slices.Clone(want)
	for i := range got {
		if !reflect.DeepEqual(got[i].Rating, want[i].Rating) {
			t.Errorf("%s#%d: rating %+v, Evaluate's %+v", got[i].Repo.Name, got[i].Issue.Number, got[i].Rating, want[i].Rating)
		}
		got[i].Rating, want[i].Rating = nil, nil
	}
	return got, want
}

// The scale organisation (month-free, 28-day windows, 24x7 and office
// calendars) on generated data with closes by anyone, labels that come
// and go, and closed_at without close events.
func TestTrendEqualsEvaluateScale(t *testing.T) {
	set, diags := agreement.LoadBytes("org.yaml", []byte(demodata.ScaleAgreements()))
	diags = append(diags, validate.Check(set)...)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	snap := demodata.Scale(4000, 16000, 8000, at)
	objectives, err := Compile(set, ResolveTeams(set, snap.Teams))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d clocks compared", checkTrend(t, objectives, snap, at, 12))
}

// trendOrg has every feature that decides a clock as of an instant: pause
// labels, `where` and scope labels, label_time, closes that respond and
// closes that do not, a month window in a zone, effective_from.
const trendOrg = org + `
apiVersion: sla/v1
kind: Agreement
metadata: {name: rolling}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: 14d
  scope: {repos: [acme/req], labels: [req], exclude_labels: [invalid]}
  objectives:
    - {name: fr, metric: first_response, within: 4h, target: 90%, pause_labels: [waiting]}
    - {name: fr-p1, metric: first_response, where: {any_labels: [P1, P2]}, calendar: 24x7, within: 1h, target: 90%, responders: maintainers}
    - {name: fr-anyone, metric: first_response, within: 2h, target: 90%, responders: anyone}
    - {name: res, metric: resolution, within: 16h, target: 80%, pause_labels: [waiting, blocked]}
    - {name: wait, metric: label_time, label: waiting, owner: consumers, within: 8h, target: 90%}
    - {name: sat, metric: satisfaction, target: 80%, min_ratings: 3}
    - {name: sat-p1, metric: satisfaction, target: 80%, where: {labels: [P1]}, rated_by: consumers}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: monthly}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: month
  effective_from: 2026-08-10
  scope: {repos: [acme/req], exclude_labels: [invalid]}
  objectives:
    - {name: fr, metric: first_response, within: 8h, target: 90%}
    - {name: res, metric: resolution, where: {labels: [P1]}, calendar: 24x7, within: 72h, target: 80%, pause_labels: [blocked]}
    - {name: wait, metric: label_time, label: blocked, within: 24h, target: 90%}
    - {name: sat, metric: satisfaction, target: 90%, rated_by: consumers, min_ratings: 1}
`

// Random histories with events placed on the very seconds of the points,
// at the same second as each other, before the issue was opened, and with
// closed_at but no close event, and ratings given before and after the
// closes: every point of the trend must equal a separate evaluation.
func TestTrendEqualsEvaluateRandom(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	const weeks = 14
	points := agreement.TrendPoints(at, weeks)
	objectives := compiled(t, trendOrg, nil)
	total := 0
	for seed := range uint64(6) {
		snap := randomHistories(rand.New(rand.NewPCG(seed, 99)), at, points, 300)
		total += checkTrend(t, objectives, snap, at, weeks)
	}
	t.Logf("%d clocks compared", total)
}

func randomHistories(rng *rand.Rand, at time.Time, points []time.Time, issues int) *snapshot.Snapshot {
	repo := &snapshot.Repo{Name: "acme/req", HTMLURL: "https://github.com/acme/req"}
	ratings := rand.New(rand.NewPCG(rng.Uint64(), 7)) // for the reactions, seeded from rng
	span := at.Sub(points[0]) + 30*24*time.Hour
	// when picks an instant after t: often a point's very second, sometimes
	// t itself, else up to three days later.
	when := func(t time.Time) time.Time {
		switch rng.IntN(8) {
		case 0:
			for _, p := range points {
				if !p.Before(t) {
					return p
				}
			}
		case 1:
			return t
		}
		return t.Add(time.Duration(rng.Int64N(int64(72 * time.Hour)))).Truncate(time.Second)
	}
	labels := []string{"req", "req", "P1", "P2", "waiting", "blocked", "invalid", "Waiting"}
	people := []string{"alice", "bob", "carol", "dave", "stranger", "ci[bot]"}
	for n := 1; n <= issues; n++ {
		opened := at.Add(-time.Duration(rng.Int64N(int64(span)))).Truncate(time.Second)
		if rng.IntN(10) == 0 {
			opened = points[rng.IntN(len(points))]
		}
		author := people[2+rng.IntN(3)]
		is := snapshot.Issue{Number: n, Title: "issue", Author: author, CreatedAt: opened}
		on := map[string]bool{}
		for _, l := range labels[:1+rng.IntN(3)] {
			if !on[l] {
				on[l] = true
				repo.Events = append(repo.Events, snapshot.Event{Issue: n, Kind: snapshot.Labeled, Label: l, Actor: author, CreatedAt: opened})
			}
		}
		open := true
		t := opened
		for range rng.IntN(9) {
			t = when(t)
			if rng.IntN(12) == 0 {
				t = opened.Add(-time.Hour) // recorded before the opening
			}
			who := people[rng.IntN(len(people))]
			if rng.IntN(6) == 0 {
				// A blink: a label taken off and put back, or the issue closed
				// and reopened, in one second.
				if l := labels[rng.IntN(len(labels))]; rng.IntN(2) == 0 && on[l] {
					repo.Events = append(repo.Events, snapshot.Event{Issue: n, Kind: snapshot.Unlabeled, Label: l, Actor: who, CreatedAt: t},
						snapshot.Event{Issue: n, Kind: snapshot.Labeled, Label: l, Actor: who, CreatedAt: t})
				} else if open {
					repo.Events = append(repo.Events, snapshot.Event{Issue: n, Kind: snapshot.Closed, Actor: who, CreatedAt: t},
						snapshot.Event{Issue: n, Kind: snapshot.Reopened, Actor: who, CreatedAt: t})
				}
				continue
			}
			switch rng.IntN(6) {
			case 0, 1:
				repo.Comments = append(repo.Comments, snapshot.Comment{Issue: n, Author: who, AuthorBot: who == "ci[bot]",
					Association: []string{"MEMBER", "NONE", "COLLABORATOR"}[rng.IntN(3)], CreatedAt: t})
			case 2:
				l := labels[rng.IntN(len(labels))]
				repo.Events = append(repo.Events, snapshot.Event{Issue: n, Kind: snapshot.Labeled, Label: l, Actor: who, CreatedAt: t})
				on[l] = true
			case 3:
				l := labels[rng.IntN(len(labels))]
				repo.Events = append(repo.Events, snapshot.Event{Issue: n, Kind: snapshot.Unlabeled, Label: l, Actor: who, CreatedAt: t})
				delete(on, l)
			case 4:
				if open || rng.IntN(4) == 0 {
					repo.Events = append(repo.Events, snapshot.Event{Issue: n, Kind: snapshot.Closed, Actor: who, CreatedAt: t})
					is.ClosedAt, open = t, false
				}
			default:
				if !open || rng.IntN(4) == 0 {
					repo.Events = append(repo.Events, snapshot.Event{Issue: n, Kind: snapshot.Reopened, Actor: who, CreatedAt: t})
					is.ClosedAt, open = time.Time{}, true
				}
			}
		}
		if open && rng.IntN(8) == 0 {
			is.ClosedAt = when(t) // closed, but the close event was not fetched
		}
		for l := range on {
			is.Labels = append(is.Labels, l)
		}
		slices.Sort(is.Labels)
		if rng.IntN(10) == 0 {
			is.Labels = append(is.Labels, "blocked") // carried with no event at all
		}
		repo.Issues = append(repo.Issues, is)
		// 👍 and 👎 by the author, consumers, the provider and a bot, on the
		// points' seconds too.
		for range ratings.IntN(6) {
			who := people[ratings.IntN(len(people))]
			if ratings.IntN(2) == 0 {
				who = author
			}
			content := []string{snapshot.ThumbsUp, snapshot.ThumbsDown, snapshot.Heart}[ratings.IntN(3)]
			var at time.Time
			if ratings.IntN(4) == 0 {
				at = points[ratings.IntN(len(points))]
			} else {
				at = opened.Add(time.Duration(ratings.Int64N(int64(30 * 24 * time.Hour)))).Truncate(time.Second)
			}
			repo.Reactions = append(repo.Reactions, snapshot.Reaction{ID: int64(len(repo.Reactions) + 1), Issue: n,
				Login: who, Bot: who == "ci[bot]", Content: content, CreatedAt: at})
		}
	}
	return &snapshot.Snapshot{FetchedAt: at, Repos: []*snapshot.Repo{repo}}
}
