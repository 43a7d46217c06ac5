package checkin_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/checkin"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/snapshot"
)

// The agreement of these tests: platform (alice, bob) serves payments
// (carol, dave, and two bots the team lists: ci[bot], and deployer, a
// bot by GitHub's type) and growth (erin); quarterly check-ins.
func resultsAgreement() (*agreement.Agreement, compliance.Teams) {
	a := &agreement.Agreement{}
	a.Metadata.Name = "requests"
	a.Spec.Provider = "platform"
	a.Spec.Consumers = []agreement.Name{"payments", "growth"}
	a.Spec.Checkin = agreement.Checkin{Every: "quarter", Repo: "acme/agreements"}
	teams := compliance.Teams{
		"platform": {"alice": true, "bob": true},
		"payments": {"carol": true, "dave": true, "ci[bot]": true, "deployer": true},
		"growth":   {"erin": true},
	}
	return a, teams
}

// vote is a reaction on comment id: "login +1 HH" at that hour of 2026-11-02 UTC.
func votes(comment int64, list ...string) []snapshot.Reaction {
	var out []snapshot.Reaction
	for i, v := range list {
		f := strings.Fields(v)
		var hour int
		fmt.Sscan(f[2], &hour)
		out = append(out, snapshot.Reaction{ID: comment*100 + int64(i), Comment: comment, Login: f[0], Content: f[1],
			Bot: strings.HasSuffix(f[0], "[bot]"), CreatedAt: utc(fmt.Sprintf("2026-11-02T%02d:00:00Z", hour))})
	}
	return out
}

func TestResults(t *testing.T) {
	t.Parallel()
	zone := berlin(t)
	a, teams := resultsAgreement()
	at := utc("2026-11-02T12:00:00Z")
	q4 := checkin.PeriodAt("quarter", zone, at)
	q3 := q4.Previous(zone)
	checkins := []snapshot.Checkin{
		{Repo: "acme/agreements", Number: 9, Agreement: "requests", Period: "2026-Q4", Expectations: []snapshot.CheckinComment{
			// Provider's promise 1, rated by the consumers: carol 👍; dave 👍 then, as Dave, 👎 (one person, both: no vote);
			// erin 👎 and again 👎 (one vote); Alice 👍 is the provider's (not asked);
			// bots 👍, even those payments lists, by name or by GitHub's type (never); frank 👍 is no one's member; Carol's 👎 at 13:00 is after at.
			// Counted: carol 👍, erin 👎 → 1 / (1 + 1) = 50%.
			{ID: 1, Side: "provider", N: 1, Text: "Answer within 4 hours.", Votes: votes(1,
				"carol +1 9", "dave +1 9", "Dave -1 10", "erin -1 10", "erin -1 11", "Alice +1 9", "carol[bot] +1 9", "ci[bot] +1 9",
				"frank +1 9", "Carol -1 13")},
			// Provider's promise 2, reworded since Q3: "new". Carol 👍 → 100%.
			{ID: 2, Side: "provider", N: 2, Text: "Post a weekly status.", Votes: votes(2, "CAROL +1 9")},
			// Provider's promise 3: Q3 asked it with other case ("keep …"): the text is not
			// the same, so "new". Carol 👎 → 0%.
			{ID: 4, Side: "provider", N: 3, Text: "Keep the runbook current.", Votes: votes(4, "carol -1 9")},
			// Consumers' promise 1, rated by the provider: ALICE 👍 (case), bob 👍, carol 👎 (a consumer: not asked) → 100%.
			{ID: 3, Side: "consumers", N: 1, Text: "Use the template.", Votes: votes(3, "ALICE +1 9", "bob +1 9", "carol -1 9")},
		}},
		{Repo: "acme/agreements", Number: 4, Agreement: "requests", Period: "2026-Q3", Expectations: []snapshot.CheckinComment{
			// Q3, same text: carol 👍, dave 👎, erin 👎 → 1/3 = 33.3333%.
			{ID: 11, Side: "provider", N: 1, Text: "Answer within 4 hours.", Votes: votes(11, "carol +1 9", "dave -1 9", "erin -1 9")},
			{ID: 12, Side: "provider", N: 2, Text: "Post a status update weekly.", Votes: votes(12, "carol +1 9")},
			{ID: 13, Side: "consumers", N: 1, Text: "Use the template.", Votes: votes(13, "alice -1 9")},
			// The same words on the other side are another promise: carol 👍 → 100%, not Q4's consumers/1's before.
			{ID: 14, Side: "provider", N: 3, Text: "Use the template.", Votes: votes(14, "carol +1 9")},
			{ID: 15, Side: "provider", N: 4, Text: "keep the runbook current.", Votes: votes(15, "carol +1 9")},
		}},
		// Another agreement's check-in in the same period is not this one's.
		{Repo: "acme/agreements", Number: 5, Agreement: "other", Period: "2026-Q4"},
	}
	checkins[0].Expectations[0].Votes = append(checkins[0].Expectations[0].Votes, snapshot.Reaction{ID: 199, Comment: 1,
		Login: "deployer", Bot: true, Content: "+1", CreatedAt: utc("2026-11-02T09:00:00Z")})
	res := checkin.Evaluate(a, teams, checkins, q4, q3, at)
	if res.Issue == nil || res.Issue.Number != 9 || res.PreviousIssue == nil || res.PreviousIssue.Number != 4 {
		t.Fatalf("issues %v %v", res.Issue, res.PreviousIssue)
	}
	var got []string
	for _, r := range res.Rows {
		change, ok := r.Change()
		got = append(got, fmt.Sprintf("%s/%d up=%d down=%d votes=%v approval=%v before=%v new=%v change=%d,%v",
			r.Side, r.N, r.Up, r.Down, r.Votes, r.Approval, r.Before, r.New, change, ok))
	}
	want := []string{
		// 50% − 33.3333% (1/3 truncated to ppm: 333333) = 166667 ppm, 16.6667 points.
		"provider/1 up=1 down=1 votes=[{carol +1} {dave } {erin -1}] approval={500000 true} before={333333 true} new=false change=166667,true",
		"provider/2 up=1 down=0 votes=[{CAROL +1}] approval={1000000 true} before={0 false} new=true change=0,false",
		// Q3's consumers' 1: alice 👎 → 0%; now 100%: +100 points.
		"provider/3 up=0 down=1 votes=[{carol -1}] approval={0 true} before={0 false} new=true change=0,false",
		"consumers/1 up=2 down=0 votes=[{ALICE +1} {bob +1}] approval={1000000 true} before={0 true} new=false change=1000000,true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Without a check-in in the period, nothing; without one in the
	// period before, no row is new and none has a before.
	if r := checkin.Evaluate(a, teams, checkins, q3.Previous(zone), q3.Previous(zone).Previous(zone), at); r.Issue != nil || r.Rows != nil {
		t.Errorf("Q2: %+v", r)
	}
	r := checkin.Evaluate(a, teams, checkins[1:2], q3, q3.Previous(zone), at)
	if len(r.Rows) != 5 || r.Rows[0].New || r.Rows[0].Before.Known {
		t.Errorf("Q3 without Q2: %+v", r.Rows)
	}
}

// TestLatest: the latest check-in is the one of the latest period among
// those opened by the instant asked about.
func TestLatest(t *testing.T) {
	t.Parallel()
	zone := berlin(t)
	a, teams := resultsAgreement()
	checkins := []snapshot.Checkin{
		{Number: 4, Agreement: "requests", Period: "2026-Q3", CreatedAt: utc("2026-07-01T08:00:00Z")},
		{Number: 9, Agreement: "requests", Period: "2026-Q4", CreatedAt: utc("2026-10-01T08:00:00Z")},
		{Number: 12, Agreement: "other", Period: "2027-Q1", CreatedAt: utc("2026-10-01T08:00:00Z")},
	}
	for _, tc := range []struct {
		at     string
		number int // 0: none
	}{
		{"2026-06-30T12:00:00Z", 0},
		{"2026-09-30T12:00:00Z", 4}, // Q4's was not opened yet
		{"2026-10-01T07:59:59Z", 4},
		{"2026-11-02T12:00:00Z", 9},
	} {
		r, ok := checkin.Latest(a, teams, checkins, zone, utc(tc.at))
		got := 0
		if ok {
			got = r.Issue.Number
			if r.Period.Name() != r.Issue.Period || r.Previous.Name() != r.Period.Previous(zone).Name() {
				t.Errorf("at %s: period %s, previous %s, issue of %s", tc.at, r.Period.Name(), r.Previous.Name(), r.Issue.Period)
			}
		}
		if got != tc.number {
			t.Errorf("at %s: #%d, want #%d (0: none)", tc.at, got, tc.number)
		}
	}
}
