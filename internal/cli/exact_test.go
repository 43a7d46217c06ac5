package cli_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/oracle"
)

// exactOrg measures acme/exact around the clock (24x7: business time is
// wall time), so that every expectation below is plain arithmetic.
const exactOrg = `apiVersion: sla/v1
kind: Team
metadata: {name: platform}
spec: {members: [alice, bob]}
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec: {members: [carol]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: exact}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/exact], labels: [request]}
  objectives:
    - {name: first-response, metric: first_response, within: 6h, target: 90%}
    - {name: resolution, metric: resolution, within: 8h, target: 90%, pause_labels: [on-hold]}
    - {name: customer-reply, metric: label_time, label: waiting-on-customer, owner: consumers, within: 4h, target: 90%}
`

// exactAt is the evaluation instant of the minimal histories: Thu
// 2026-11-26 12:00 UTC. Its 28-day window starts 2026-10-29 12:00 UTC,
// and so does what a fetch for it reads.
const exactAt = "2026-11-26T12:00:00Z"

// exactHistories are the minimal histories of SPEC §3's rules on events in
// one second and on fetch depth, one issue each, in acme/exact.
func exactHistories() *oracle.Builder {
	day := func(clock string) time.Time {
		t, err := time.Parse(time.RFC3339, "2026-11-26T"+clock+"Z")
		if err != nil {
			panic(err)
		}
		return t
	}
	const repo = "acme/exact"
	b := &oracle.Builder{}
	// #1: closed by its author and reopened by her in the same second.
	b.Open(repo, 1, "carol", day("08:00:00"), "request")
	b.Close(repo, 1, "carol", day("09:00:00"))
	b.Reopen(repo, 1, "carol", day("09:00:00"))
	// #2: a bot takes the scope label off and puts it back in one second.
	b.Open(repo, 2, "carol", day("09:00:00"), "request")
	b.Unlabel(repo, 2, "relabel[bot]", day("09:30:00"), "request")
	b.Label(repo, 2, "relabel[bot]", day("09:30:00"), "request")
	// #3: the pause label put on and taken off in one second.
	b.Open(repo, 3, "carol", day("10:00:00"), "request")
	b.Label(repo, 3, "bob", day("10:30:00"), "on-hold")
	b.Unlabel(repo, 3, "bob", day("10:30:00"), "on-hold")
	// #4: opened, answered by alice and closed by its author in one second.
	b.Open(repo, 4, "carol", day("11:00:00"), "request")
	b.Comment(repo, 4, "alice", "MEMBER", day("11:00:00"))
	b.Close(repo, 4, "carol", day("11:00:00"))
	// #5: waiting on the customer when closed on 10 October, long before
	// the window; reopened this morning with the label still on, which
	// carol takes off at 11:00. Its close and its label event lie before
	// the cutoff of a fetch for exactAt, behind #6's hundred events.
	oct := func(d, h int) time.Time { return time.Date(2026, 10, d, h, 0, 0, 0, time.UTC) }
	b.Open(repo, 5, "carol", oct(1, 9), "request")
	b.Label(repo, 5, "bob", oct(5, 9), "waiting-on-customer")
	b.Close(repo, 5, "carol", oct(10, 9))
	b.Reopen(repo, 5, "carol", day("09:00:00"))
	b.Unlabel(repo, 5, "carol", day("11:00:00"), "waiting-on-customer")
	// #6: out of scope (no request label): a hundred label events between
	// #5's close and the cutoff, a whole page of the events list.
	b.Open(repo, 6, "dave", oct(12, 0))
	for i := range 100 {
		if i%2 == 0 {
			b.Label(repo, 6, "bob", oct(12, 1).Add(time.Duration(i)*time.Hour), "triage")
		} else {
			b.Unlabel(repo, 6, "bob", oct(12, 1).Add(time.Duration(i)*time.Hour), "triage")
		}
	}
	return b
}

// exactWant is every clock of the minimal histories at exactAt, by
// objective ("issue outcome elapsed", at-risk marked).
var exactWant = map[string][]string{
	// #1: open 08:00–12:00; the close and reopening at 09:00 leave it
	// open, closed for no time: 4h, pending, at risk (4h ≥ 6h/2).
	// #2: in scope (the label is back): 09:00–12:00 = 3h, at risk (3h ≥ 3h).
	// #3: 10:00–12:00 = 2h.
	// #4: alice's comment in the second of the opening and the close
	// came after the one and before the other: 0s, met.
	"first-response": {"#1 pending 4h0m0s at-risk", "#2 pending 3h0m0s at-risk", "#3 pending 2h0m0s", "#4 met 0s"},
	// #1 4h (at risk: 4h ≥ 8h/2); #2 3h; #3 2h, the pause lasting no
	// time; #4 closed in the second it was opened: 0s, met.
	"resolution": {"#1 pending 4h0m0s at-risk", "#2 pending 3h0m0s", "#3 pending 2h0m0s", "#4 met 0s"},
	// #5: reopened at 09:00 with the label on: a clock from the
	// reopening, stopped by the removal at 11:00: 2h, met.
	"customer-reply": {"#5 met 2h0m0s"},
}

// exactClocks reads `check -o json --details` into the form of exactWant.
func exactClocks(t *testing.T, r result) map[string][]string {
	t.Helper()
	var doc struct {
		Agreements []struct {
			Objectives []struct {
				Name   string `json:"name"`
				Issues []struct {
					Number  int    `json:"number"`
					Outcome string `json:"outcome"`
					Elapsed int64  `json:"elapsed_seconds"`
					AtRisk  bool   `json:"at_risk"`
				} `json:"issues"`
			} `json:"objectives"`
		} `json:"agreements"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("not the JSON report: %v\n%s", err, r)
	}
	out := map[string][]string{}
	for _, a := range doc.Agreements {
		for _, o := range a.Objectives {
			for _, c := range o.Issues {
				s := fmt.Sprintf("#%d %s %v", c.Number, c.Outcome, time.Duration(c.Elapsed)*time.Second)
				if c.AtRisk {
					s += " at-risk"
				}
				out[o.Name] = append(out[o.Name], s)
			}
		}
	}
	return out
}

func expectExact(t *testing.T, how string, r result) {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("%s: %s", how, r)
	}
	got := exactClocks(t, r)
	for _, name := range []string{"first-response", "resolution", "customer-reply"} {
		if !slices.Equal(got[name], exactWant[name]) {
			t.Errorf("%s: %s clocks\n  %s\nwant\n  %s", how, name, strings.Join(got[name], "\n  "), strings.Join(exactWant[name], "\n  "))
		}
	}
}

// The minimal histories, measured live (fetched for the instant, then
// evaluated), from a snapshot fetched for the instant, and from one
// fetched from a month earlier: the same clocks every way, though the
// fetch for the instant stops reading before #5's close.
func TestExactToTheSecond(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	agreements := filepath.Join(dir, "agreements")
	writeFiles(t, agreements, map[string]string{"org.yaml": exactOrg})
	srv := githubtest.New(t, githubtest.WithToken(liveToken))
	srv.Load(exactHistories().Snapshot(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)))
	cache := filepath.Join(dir, "cache")

	live := runLive(t, srv, cache, "check", agreements, "--at", exactAt, "-o", "json", "--details", "-q", "--no-cache")
	expectExact(t, "live", live)

	shallow := filepath.Join(dir, "shallow.json")
	if r := runLive(t, srv, cache, "fetch", agreements, "--at", exactAt, "--out", shallow, "-q"); r.code != 0 {
		t.Fatalf("fetch: %s", r)
	}
	expectExact(t, "snapshot fetched for the instant", run(t, "check", agreements, "--snapshot", shallow, "--at", exactAt, "-o", "json", "--details"))

	deep := filepath.Join(dir, "deep.json")
	if r := runLive(t, srv, cache, "fetch", agreements, "--at", exactAt, "--since", "2026-09-26", "--out", deep, "-q"); r.code != 0 {
		t.Fatalf("fetch --since: %s", r)
	}
	fromDeep := run(t, "check", agreements, "--snapshot", deep, "--at", exactAt, "-o", "json", "--details")
	expectExact(t, "snapshot fetched from a month earlier", fromDeep)
	if live.out != fromDeep.out {
		t.Errorf("the live report differs from the one of a snapshot fetched --since a month earlier:\n%s\n---\n%s", live.out, fromDeep.out)
	}
}
