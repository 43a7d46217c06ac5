package oracle

import (
	"time"
)

// MinimalAgreements measures acme/exact around the clock (24x7: business
// time is wall time), so that every figure of the minimal histories is
// plain arithmetic.
const MinimalAgreements = `apiVersion: sla/v1
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

// MinimalAt is the instant the minimal histories are measured at: Thu
// 2026-11-26 12:00 UTC. Its 28-day window, and what a fetch for it reads,
// starts 2026-10-29 12:00 UTC.
var MinimalAt = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// MinimalHistories are the smallest histories of SPEC §3's rules on events
// in one second and on fetch depth, one issue each, in acme/exact; see
// MinimalClocks for what they measure.
func MinimalHistories() *Builder {
	day := func(h, m int) time.Time { return time.Date(2026, 11, 26, h, m, 0, 0, time.UTC) }
	oct := func(d, h int) time.Time { return time.Date(2026, 10, d, h, 0, 0, 0, time.UTC) }
	const repo = "acme/exact"
	b := &Builder{}
	// #1: closed by its author and reopened by her in the same second.
	b.Open(repo, 1, "carol", day(8, 0), "request")
	b.Close(repo, 1, "carol", day(9, 0))
	b.Reopen(repo, 1, "carol", day(9, 0))
	// #2: a bot takes the scope label off and puts it back in one second.
	b.Open(repo, 2, "carol", day(9, 0), "request")
	b.Unlabel(repo, 2, "relabel[bot]", day(9, 30), "request")
	b.Label(repo, 2, "relabel[bot]", day(9, 30), "request")
	// #3: the pause label put on and taken off in one second.
	b.Open(repo, 3, "carol", day(10, 0), "request")
	b.Label(repo, 3, "bob", day(10, 30), "on-hold")
	b.Unlabel(repo, 3, "bob", day(10, 30), "on-hold")
	// #4: opened, answered by alice and closed by its author in one second.
	b.Open(repo, 4, "carol", day(11, 0), "request")
	b.Comment(repo, 4, "alice", "MEMBER", day(11, 0))
	b.Close(repo, 4, "carol", day(11, 0))
	// #5: waiting on the customer when closed on 10 October, long before
	// the window; reopened this morning with the label still on, which
	// carol takes off at 11:00. Its close and its label event lie before
	// the cutoff of a fetch for MinimalAt, behind #6's hundred events.
	b.Open(repo, 5, "carol", oct(1, 9), "request")
	b.Label(repo, 5, "bob", oct(5, 9), "waiting-on-customer")
	b.Close(repo, 5, "carol", oct(10, 9))
	b.Reopen(repo, 5, "carol", day(9, 0))
	b.Unlabel(repo, 5, "carol", day(11, 0), "waiting-on-customer")
	// #6: out of scope (no request label): a hundred label events between
	// #5's close and the cutoff, a whole page of the events list.
	b.Open(repo, 6, "dave", oct(12, 0))
	for i := range 100 {
		at := oct(12, 1).Add(time.Duration(i) * time.Hour)
		if i%2 == 0 {
			b.Label(repo, 6, "bob", at, "triage")
		} else {
			b.Unlabel(repo, 6, "bob", at, "triage")
		}
	}
	// #7: waiting on the customer from its opening at 06:00; the label
	// taken off and put back in one second at 07:00.
	b.Open(repo, 7, "carol", day(6, 0), "request", "waiting-on-customer")
	b.Unlabel(repo, 7, "carol", day(7, 0), "waiting-on-customer")
	b.Label(repo, 7, "carol", day(7, 0), "waiting-on-customer")
	// #8: the label put on and taken off in one second.
	b.Open(repo, 8, "carol", day(11, 30), "request")
	b.Label(repo, 8, "bob", day(11, 45), "waiting-on-customer")
	b.Unlabel(repo, 8, "bob", day(11, 45), "waiting-on-customer")
	return b
}

// MinimalClocks is every clock of the minimal histories at MinimalAt, by
// objective, as "#issue outcome elapsed", with " at-risk" for a pending
// clock that has used half its time or more. Worked out by hand.
var MinimalClocks = map[string][]string{
	// #1: open 08:00–12:00; the close and reopening at 09:00 leave it
	// open, closed for no time: 4h, pending, at risk (4h ≥ 6h/2).
	// #2: in scope (the label is back): 09:00–12:00 = 3h, at risk (3h ≥ 3h).
	// #3: 10:00–12:00 = 2h.
	// #4: alice's comment in the second of the opening and the close came
	// after the one and before the other: 0s, met.
	// #7: 06:00–12:00 = 6h: at within, still pending. #8: 11:30–12:00.
	"first-response": {"#1 pending 4h0m0s at-risk", "#2 pending 3h0m0s at-risk", "#3 pending 2h0m0s", "#4 met 0s",
		"#7 pending 6h0m0s at-risk", "#8 pending 30m0s"},
	// #1 4h (at risk: 4h ≥ 8h/2); #2 3h; #3 2h, the pause lasting no
	// time; #4 closed in the second it was opened: 0s, met; #7 6h; #8 30m.
	"resolution": {"#1 pending 4h0m0s at-risk", "#2 pending 3h0m0s", "#3 pending 2h0m0s", "#4 met 0s",
		"#7 pending 6h0m0s at-risk", "#8 pending 30m0s"},
	// #5: reopened at 09:00 with the label on: a clock from the
	// reopening, stopped by the removal at 11:00: 2h, met.
	// #7: 06:00–07:00 1h, label removed; put back in the same second: a
	// clock from 07:00, 5h > 4h, breached.
	// #8: on for no time while open: a clock of 0s, met.
	"customer-reply": {"#5 met 2h0m0s", "#7 met 1h0m0s", "#7 breached 5h0m0s", "#8 met 0s"},
}
