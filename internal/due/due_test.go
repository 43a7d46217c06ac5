package due_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/due"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/text"
	"github.com/sla-dev/sla/internal/validate"
)

// org: Platform (alice, bob) serves Payments (carol) and Growth (dave) in
// Berlin business hours, Mon–Fri 09:00–17:00, closed on 2026-12-24,
// 2026-12-25 and 2026-12-31. First response within 4h; resolution within
// 16h, paused while waiting on the customer; the consumers answer
// questions (waiting-on-customer) within 8h.
const org = `
apiVersion: sla/v1
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
kind: Team
metadata: {name: growth}
spec: {members: [dave]}
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: berlin}
spec:
  timezone: Europe/Berlin
  hours: {mon-fri: ["09:00-17:00"]}
  holidays: [2026-12-24, 2026-12-25, 2026-12-31]
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: requests}
spec:
  provider: platform
  consumers: [payments, growth]
  calendar: berlin
  window: 28d
  scope: {repos: [acme/requests]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
    - {name: resolution, metric: resolution, within: 16h, target: 80%, pause_labels: [waiting-on-customer]}
    - {name: customer-reply, metric: label_time, label: waiting-on-customer, owner: consumers, within: 8h, target: 90%}
`

const repo = "acme/requests"

func objectives(t *testing.T) []*compliance.Objective {
	t.Helper()
	set, diags := agreement.LoadBytes("agreements.yaml", []byte(org))
	diags = append(diags, validate.Check(set)...)
	if diags.HasErrors() {
		t.Fatalf("invalid agreements:\n%v", diags)
	}
	o, err := compliance.Compile(set, compliance.ResolveTeams(set, nil))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func ts(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// data builds one repository's issues, comments and events by hand.
type data struct {
	t    *testing.T
	repo *snapshot.Repo
}

func newData(t *testing.T) *data {
	return &data{t: t, repo: &snapshot.Repo{Name: repo, HTMLURL: "https://github.com/" + repo}}
}

// issue is opened at `opened` by author with labels (recorded, as GitHub
// does, as labeled events at creation).
func (d *data) issue(number int, author, opened string, labels ...string) {
	at := ts(d.t, opened)
	d.repo.Issues = append(d.repo.Issues, snapshot.Issue{Number: number, Title: fmt.Sprintf("Issue %d", number),
		Author: author, CreatedAt: at, Labels: labels})
	for _, l := range labels {
		d.repo.Events = append(d.repo.Events, snapshot.Event{Issue: number, Kind: snapshot.Labeled, Label: l, Actor: author, CreatedAt: at})
	}
}

func (d *data) comment(number int, author, at string) {
	d.repo.Comments = append(d.repo.Comments, snapshot.Comment{Issue: number, Author: author, Association: "NONE", CreatedAt: ts(d.t, at)})
}

// event records a labeled/unlabeled/closed event and keeps the issue's
// current state in step.
func (d *data) event(number int, kind snapshot.EventKind, label, actor, at string) {
	when := ts(d.t, at)
	d.repo.Events = append(d.repo.Events, snapshot.Event{Issue: number, Kind: kind, Label: label, Actor: actor, CreatedAt: when})
	for i := range d.repo.Issues {
		is := &d.repo.Issues[i]
		if is.Number != number {
			continue
		}
		switch kind {
		case snapshot.Labeled:
			is.Labels = append(is.Labels, label)
		case snapshot.Unlabeled:
			is.Labels = slices.DeleteFunc(is.Labels, func(l string) bool { return l == label })
		case snapshot.Closed:
			is.ClosedAt = when
		}
	}
}

func (d *data) snapshot(at string) *snapshot.Snapshot {
	return &snapshot.Snapshot{FetchedAt: ts(d.t, at), Repos: []*snapshot.Repo{d.repo}}
}

// list evaluates at the instant and lists what is due.
func (d *data) list(at string, opts due.Options) []due.Item {
	d.t.Helper()
	snap := d.snapshot(at)
	rep := compliance.Evaluate(objectives(d.t), snap, ts(d.t, at))
	return due.List(rep, opts)
}

// show is an item as the tests compare it: issue, objective, due instant
// (UTC), business time left (negative when overdue), paused, owners.
func show(it due.Item) string {
	paused := ""
	if it.Clock.Paused {
		paused = " paused"
	}
	return fmt.Sprintf("#%d %s due %s left %s%s [%s]", it.Issue.Number, it.Objective.Def.Name,
		it.DueAt.UTC().Format(time.RFC3339), it.Remaining, paused, strings.Join(it.Owners, ","))
}

// shown checks that the table of `sla due` shows the items with the words
// given: the due time in the calendar's zone, the time left or over of
// within.
func shown(t *testing.T, items []due.Item, words ...string) {
	t.Helper()
	var b strings.Builder
	if err := report.WriteDueTable(&b, &due.View{Items: items}, false); err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		if !strings.Contains(b.String(), w) {
			t.Errorf("want %q in the table:\n%s", w, b.String())
		}
	}
}

func showAll(items []due.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, show(it))
	}
	return out
}

func expect(t *testing.T, got []due.Item, want ...string) {
	t.Helper()
	if g := showAll(got); !slices.Equal(g, want) {
		t.Errorf("due:\n  %s\nwant:\n  %s", strings.Join(g, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestDueAcrossAWeekend(t *testing.T) {
	d := newData(t)
	// #1 opened Fri 2026-11-27 14:00 CET (13:00Z) by carol, unanswered. At
	// Fri 16:00 CET (15:00Z) first-response has used Fri 14:00–16:00 = 2h of
	// 4h: 2h left, exactly half, so it is listed. The 2h left run Fri
	// 16:00–17:00 (1h), then nothing over the weekend, then Mon 2026-11-30
	// 09:00–10:00 CET (1h): due Mon 10:00 CET = 09:00Z.
	// Its resolution clock has 14h of 16h left, more than half: not listed.
	d.issue(1, "carol", "2026-11-27T13:00:00Z")
	got := d.list("2026-11-27T15:00:00Z", due.Options{})
	expect(t, got, "#1 first-response due 2026-11-30T09:00:00Z left 2h0m0s [platform]")
	shown(t, got, "Mon Nov 30 10:00 CET    2h  requests/first-response") // Berlin time; 2h left
}

func TestDueAcrossAHoliday(t *testing.T) {
	d := newData(t)
	// #2 opened Wed 2026-12-30 15:00 CET (14:00Z) by dave. At Wed 16:30 CET
	// (15:30Z) first-response has used 1h30m of 4h: 2h30m left, more than
	// half (2h), so by default it is not listed; with --within 3h it is.
	// The 2h30m run Wed 16:30–17:00 (30m), then Thu
	// 2026-12-31 is a holiday, then Fri 2027-01-01 09:00–11:00 CET (2h):
	// due Fri 11:00 CET = 10:00Z.
	d.issue(2, "dave", "2026-12-30T14:00:00Z")
	expect(t, d.list("2026-12-30T15:30:00Z", due.Options{}))
	expect(t, d.list("2026-12-30T15:30:00Z", due.Options{Within: 3 * time.Hour}),
		"#2 first-response due 2027-01-01T10:00:00Z left 2h30m0s [platform]")
}

func TestDueAcrossADSTChange(t *testing.T) {
	d := newData(t)
	// Berlin leaves summer time on Sun 2026-10-25 (03:00 CEST → 02:00 CET).
	// #3 opened Fri 2026-10-23 15:00 CEST (13:00Z). At Fri 16:00 CEST
	// (14:00Z) first-response has used 1h of 4h: 3h left, listed with
	// --within 3h (at most 3h left). The 3h run Fri 16:00–17:00 CEST (1h),
	// then Mon 2026-10-26 09:00–11:00 CET (2h): due Mon 11:00 CET = 10:00Z
	// (not 09:00Z, as it would be at the summer offset).
	d.issue(3, "carol", "2026-10-23T13:00:00Z")
	got := d.list("2026-10-23T14:00:00Z", due.Options{Within: 3 * time.Hour})
	expect(t, got, "#3 first-response due 2026-10-26T10:00:00Z left 3h0m0s [platform]")
	shown(t, got, "Mon Oct 26 11:00 CET")
}

func TestDueOverdue(t *testing.T) {
	d := newData(t)
	// #4 opened Thu 2026-11-26 15:00 CET (14:00Z), never answered. Its 4h
	// ran out Thu 15:00–17:00 (2h) + Fri 2026-11-27 09:00–11:00 (2h): due
	// Fri 11:00 CET = 10:00Z. At Mon 2026-11-30 11:00 CET (10:00Z) it has
	// used Thu 2h + Fri 8h + Mon 2h = 12h: overdue by 8h.
	// Resolution (16h) ran out Thu 2h + Fri 8h + Mon 09:00–15:00 (6h):
	// due Mon 15:00 CET = 14:00Z, with 4h left (16h − 12h) — exactly half.
	d.issue(4, "carol", "2026-11-26T14:00:00Z")
	// #5 was answered late (breached, but stopped): not listed. Opened Thu
	// 2026-11-26 09:00 CET, answered by alice Thu 16:00 CET (7h > 4h).
	d.issue(5, "carol", "2026-11-26T08:00:00Z")
	d.comment(5, "alice", "2026-11-26T15:00:00Z")
	// ... and closed Fri 12:00 CET after 10h of 16h: its resolution met.
	d.event(5, snapshot.Closed, "", "alice", "2026-11-27T11:00:00Z")
	// What can still be met comes first: the resolution, then the overdue
	// first response.
	got := d.list("2026-11-30T10:00:00Z", due.Options{})
	expect(t, got,
		"#4 resolution due 2026-11-30T14:00:00Z left 4h0m0s [platform]",
		"#4 first-response due 2026-11-27T10:00:00Z left -8h0m0s [platform]")
	shown(t, got, "Due soon, the soonest first (at most half their time left):\nDUE AT", "Mon Nov 30 15:00 CET    4h  requests/resolution",
		"\n\nOverdue, the longest overdue first:\nDUE AT                OVER BY", "Fri Nov 27 11:00 CET       8h  requests/first-response")
}

// The list leads with what can still be met, soonest due first; the
// overdue follow, the longest overdue first, whatever their due times
// compared with the others'.
func TestDueSavableFirst(t *testing.T) {
	d := newData(t)
	// At Tue 2026-12-01 15:00 CET (14:00Z), first response (4h):
	// - #10 opened Tue 09:00 CET: 6h used, overdue by 2h, due Tue 13:00 CET;
	// - #11 opened Mon 2026-11-30 09:00 CET: 14h used, overdue by 10h, due
	//   Mon 13:00 CET;
	// - #12 opened Tue 12:30 CET: 2h30m used, 1h30m left, due Tue 16:30 CET;
	// - #13 opened Tue 13:00 CET: 2h used, 2h left, due Tue 17:00 CET.
	d.issue(10, "carol", "2026-12-01T08:00:00Z")
	d.issue(11, "carol", "2026-11-30T08:00:00Z")
	d.issue(12, "carol", "2026-12-01T11:30:00Z")
	d.issue(13, "carol", "2026-12-01T12:00:00Z")
	// None is answered. Resolution (16h, listed with 8h or less left):
	// #11 has used Mon 8h + Tue 6h = 14h, 2h left, due Tue 17:00 CET =
	// 16:00Z, listed; #10 (6h), #12 and #13 have more than 8h left.
	// #13 and #11's resolution are due at the same instant: first-response
	// comes before resolution.
	got := d.list("2026-12-01T14:00:00Z", due.Options{})
	expect(t, got,
		"#12 first-response due 2026-12-01T15:30:00Z left 1h30m0s [platform]",
		"#13 first-response due 2026-12-01T16:00:00Z left 2h0m0s [platform]",
		"#11 resolution due 2026-12-01T16:00:00Z left 2h0m0s [platform]",
		"#11 first-response due 2026-11-30T12:00:00Z left -10h0m0s [platform]",
		"#10 first-response due 2026-12-01T12:00:00Z left -2h0m0s [platform]")
	soon, overdue := due.Split(got)
	if len(soon) != 3 || len(overdue) != 2 {
		t.Errorf("Split: %d due soon, %d overdue; want 3 and 2", len(soon), len(overdue))
	}
}

func TestDueOwnersAndPauses(t *testing.T) {
	d := newData(t)
	// #6 opened Tue 2026-11-24 09:00 CET (08:00Z) by carol (Payments),
	// answered at once; alice asks a question and labels it
	// waiting-on-customer Wed 2026-11-25 09:00 CET (08:00Z). At Wed 14:00
	// CET (13:00Z):
	// - resolution has 8h of 16h used (Tue), half left, but it is paused
	//   (waiting on the customer): not listed, it cannot come due now;
	// - customer-reply has used Wed 09:00–14:00 = 5h of 8h: 3h left, due Wed
	//   17:00 CET = 16:00Z, owned by Payments, carol's team.
	d.issue(6, "carol", "2026-11-24T08:00:00Z")
	d.comment(6, "alice", "2026-11-24T08:05:00Z")
	d.event(6, snapshot.Labeled, "waiting-on-customer", "alice", "2026-11-25T08:00:00Z")
	// #7, the same for dave (Growth), labelled an hour later (Wed 10:00
	// CET): 4h used, 4h left (exactly half), owned by Growth. The 4h run Wed
	// 14:00–17:00 (3h), then Thu 2026-11-26 09:00–10:00 CET (1h): due Thu
	// 10:00 CET = 09:00Z.
	d.issue(7, "dave", "2026-11-24T08:00:00Z")
	d.comment(7, "alice", "2026-11-24T08:05:00Z")
	d.event(7, snapshot.Labeled, "waiting-on-customer", "alice", "2026-11-25T09:00:00Z")
	// #8, the same for erin, who is in neither consumer team: every
	// consumer team owns it.
	d.issue(8, "erin", "2026-11-24T08:00:00Z")
	d.comment(8, "alice", "2026-11-24T08:05:00Z")
	d.event(8, snapshot.Labeled, "waiting-on-customer", "alice", "2026-11-25T08:00:00Z")
	at := "2026-11-25T13:00:00Z"
	expect(t, d.list(at, due.Options{}),
		"#6 customer-reply due 2026-11-25T16:00:00Z left 3h0m0s [payments]",
		"#8 customer-reply due 2026-11-25T16:00:00Z left 3h0m0s [payments,growth]",
		"#7 customer-reply due 2026-11-26T09:00:00Z left 4h0m0s [growth]")
	expect(t, d.list(at, due.Options{Team: "growth"}),
		"#8 customer-reply due 2026-11-25T16:00:00Z left 3h0m0s [payments,growth]",
		"#7 customer-reply due 2026-11-26T09:00:00Z left 4h0m0s [growth]")
	expect(t, d.list(at, due.Options{Team: "platform"}))
	// Shown, the clock every consumer team owns is the consumers'.
	var md strings.Builder
	if err := report.WriteDueMarkdown(&md, due.NewView(compliance.Evaluate(objectives(t), d.snapshot(at), ts(t, at)), due.Options{})); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| customer-reply | payments | [acme/requests#6]", "| customer-reply | consumers | [acme/requests#8]"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("want %q in:\n%s", want, md.String())
		}
	}
}

func TestDueStillOverdueWhilePaused(t *testing.T) {
	d := newData(t)
	// #9 opened Mon 2026-11-23 09:00 CET (08:00Z), answered at once; its
	// 16h of resolution ran out Mon + Tue (8h + 8h): due Tue 17:00 CET =
	// 16:00Z. Labelled waiting-on-customer Wed 11:00 CET (10:00Z) after 2h
	// more: 18h used, and paused since. At Thu 12:00 CET it is still
	// overdue by 2h, paused, and listed.
	d.issue(9, "carol", "2026-11-23T08:00:00Z")
	d.comment(9, "alice", "2026-11-23T08:05:00Z")
	d.event(9, snapshot.Labeled, "waiting-on-customer", "alice", "2026-11-25T10:00:00Z")
	got := d.list("2026-11-26T11:00:00Z", due.Options{Team: "platform"})
	expect(t, got, "#9 resolution due 2026-11-24T16:00:00Z left -2h0m0s paused [platform]")
}

func TestPlanLabels(t *testing.T) {
	t.Parallel()
	d := newData(t)
	// At Fri 2026-11-27 12:00 CET (11:00Z), each issue opened at 09:00 CET:
	// #1 due (first response unanswered, 3h of 4h used), without the label;
	// #2 due and labelled already. The others are answered, so not due
	// (resolution 3h of 16h used, less than half), and carry the label:
	// #3 closed, labelled by sla-bot; #5 labelled by sla-bot; #6 by alice;
	// #7 with no labeled event in the data (added before it begins); #8 a
	// pull request, which the agreement does not measure, labelled by
	// sla-bot. #4 carries another label only.
	d.issue(1, "carol", "2026-11-27T08:00:00Z")
	d.issue(2, "carol", "2026-11-27T08:00:00Z", "sla-due")
	for n := 3; n <= 8; n++ {
		d.issue(n, "carol", "2026-11-27T08:00:00Z")
		d.comment(n, "alice", "2026-11-27T08:30:00Z")
	}
	d.event(3, snapshot.Labeled, "SLA-Due", "sla-bot", "2026-11-27T08:10:00Z")
	d.event(3, snapshot.Closed, "", "alice", "2026-11-27T09:00:00Z")
	d.event(4, snapshot.Labeled, "P1", "alice", "2026-11-27T08:10:00Z")
	d.event(5, snapshot.Labeled, "sla-due", "alice", "2026-11-27T08:10:00Z")
	d.event(5, snapshot.Unlabeled, "sla-due", "alice", "2026-11-27T08:20:00Z")
	d.event(5, snapshot.Labeled, "sla-due", "sla-bot", "2026-11-27T08:40:00Z") // the latest: sla-bot's
	d.event(6, snapshot.Labeled, "sla-due", "alice", "2026-11-27T08:10:00Z")
	d.repo.Issues[6].Labels = []string{"sla-due"} // #7
	d.event(8, snapshot.Labeled, "sla-due", "sla-bot", "2026-11-27T08:10:00Z")
	d.repo.Issues[7].PullRequest = true // #8
	at := "2026-11-27T11:00:00Z"
	snap := d.snapshot(at)
	// Repositories outside the agreements, or that could not be read, are
	// left alone.
	snap.Repos = append(snap.Repos,
		&snapshot.Repo{Name: "acme/other", Issues: []snapshot.Issue{{Number: 1, Labels: []string{"sla-due"}}},
			Events: []snapshot.Event{{Issue: 1, Kind: snapshot.Labeled, Label: "sla-due", Actor: "sla-bot"}}},
		&snapshot.Repo{Name: "acme/broken", Error: "could not be read"})
	objs := objectives(t)
	plan := func() *due.LabelPlan {
		items := due.List(compliance.Evaluate(objs, snap, ts(t, at)), due.Options{})
		return due.PlanLabels("sla-due", items, objs, snap)
	}
	expectDecided := func(account string, want ...string) {
		t.Helper()
		var got []string
		changes, kept := plan().Decide(account)
		for _, c := range changes {
			got = append(got, fmt.Sprintf("%s add=%v %s", c.Ref(), c.Add, c.Label))
		}
		for _, k := range kept {
			got = append(got, fmt.Sprintf("%s kept: %s", k.Ref(), k.Why))
		}
		if !slices.Equal(got, want) {
			t.Errorf("plan for account %q:\n  %s\nwant:\n  %s", account, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
	}
	expectDecided("sla-bot",
		"acme/requests#1 add=true sla-due",
		"acme/requests#5 add=false sla-due",
		"acme/requests#6 kept: added by alice, not by sla's sla-bot",
		"acme/requests#7 kept: who added it is unknown")
	// Without the token's account, nothing is removed.
	expectDecided("",
		"acme/requests#1 add=true sla-due",
		"acme/requests#5 kept: added by sla-bot; without a token, sla cannot tell whether that is its account",
		"acme/requests#6 kept: added by alice; without a token, sla cannot tell whether that is its account",
		"acme/requests#7 kept: who added it is unknown")

	// Once applied, nothing changes; the labels others added stay.
	d.event(1, snapshot.Labeled, "sla-due", "sla-bot", "2026-11-27T10:59:00Z")
	d.event(5, snapshot.Unlabeled, "sla-due", "sla-bot", "2026-11-27T10:59:00Z")
	expectDecided("sla-bot",
		"acme/requests#6 kept: added by alice, not by sla's sla-bot",
		"acme/requests#7 kept: who added it is unknown")
}

// The label an agreement uses anywhere, ignoring case, with where.
func TestLabelUses(t *testing.T) {
	t.Parallel()
	const doc = `apiVersion: sla/v1
kind: Agreement
metadata: {name: requests}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope:
    repos: [acme/requests]
    labels: [request]
    exclude_labels: [duplicate, Waiting]
  objectives:
    - name: resolution
      metric: resolution
      within: 16h
      target: 80%
      where: {any_labels: [P1, waiting]}
      pause_labels: [WAITING]
    - {name: reply, metric: label_time, label: waiting, owner: consumers, within: 8h, target: 90%}
`
	set, diags := agreement.LoadBytes("a.yaml", []byte(doc))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	for _, u := range due.LabelUses(set, "waiting") {
		got = append(got, fmt.Sprintf("%s %s %s", u.Agreement, u.Field, u.Pos))
	}
	// Line 11 "    exclude_labels: [duplicate, Waiting]": Waiting at column 33
	// (4 spaces, "exclude_labels: " 16, "[duplicate, " 12: 4+16+12 = 32
	// characters before it). Line 17 "      where: {any_labels: [P1, waiting]}":
	// 6 + "where: {" 8 + "any_labels: " 12 + "[P1, " 5 = 31 before it.
	// Line 18 "      pause_labels: [WAITING]": 6 + 14 + 1 = 21 before it.
	// Line 19 "    - {name: reply, metric: label_time, label: waiting, …": 4 + 2 +
	// "{name: reply, " 14 + "metric: label_time, " 20 + "label: " 7 = 47.
	want := []string{
		"requests scope.exclude_labels a.yaml:11:33",
		"requests objectives[resolution].where.any_labels a.yaml:17:32",
		"requests objectives[resolution].pause_labels a.yaml:18:22",
		"requests objectives[reply].label a.yaml:19:48",
	}
	if !slices.Equal(got, want) {
		t.Errorf("uses:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if uses := due.LabelUses(set, "sla-due"); len(uses) != 0 {
		t.Errorf("sla-due used at %v", uses)
	}
}

// Titles are text, never markup or terminal control: a pipe cannot split
// a Markdown cell, a bracket cannot end the link, and an escape sequence
// or a line break cannot reach the terminal.
func TestWritersKeepTitlesInert(t *testing.T) {
	d := newData(t)
	d.issue(1, "carol", "2026-11-27T08:00:00Z")
	d.repo.Issues[0].Title = "a | b](x) <b>\x1b[31mred\nsecond line"
	at := "2026-11-27T11:00:00Z"
	rep := compliance.Evaluate(objectives(t), d.snapshot(at), ts(t, at))
	v := due.NewView(rep, due.Options{})
	if len(v.Items) != 1 {
		t.Fatalf("%d items, want #1's first response (3h of 4h used)", len(v.Items))
	}
	var md, table strings.Builder
	if err := report.WriteDueMarkdown(&md, v); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteDueTable(&table, v, true); err != nil {
		t.Fatal(err)
	}
	row := strings.Split(md.String(), "\n")[6] // after the headline, the section's title and the table's header
	if want := `a \| b\](x) \<b\>\\x1b\[31mred second line`; !strings.Contains(row, want) || strings.Count(row, " | ") != 7 {
		t.Errorf("markdown row %q: want the title escaped as %q in one of 8 cells", row, want)
	}
	// The title on a line of its own (with the address it is wider than 80
	// columns), escaped.
	if s := table.String(); !strings.Contains(s, "issues/1\n    "+`a | b](x) <b>\x1b[31mred\nsecond line`+"\n") || strings.Count(s, "\x1b[31m") > 0 {
		t.Errorf("table: want the title on one line, its escape character and line break shown escaped:\n%q", s)
	}
	if s := table.String(); !strings.Contains(s, "\x1b[33m1h\x1b[0m") {
		t.Errorf("table: want the time left in yellow on a terminal:\n%q", s)
	}
}

// The table keeps to 80 columns: a title too long to follow the address
// goes on a line of its own, cut with "…" if it is still too long.
func TestDueTableFits80Columns(t *testing.T) {
	d := newData(t)
	d.issue(1, "carol", "2026-11-27T08:00:00Z")
	d.repo.Issues[0].Title = strings.Repeat("Très long titre ", 10) // 160 columns
	at := "2026-11-27T11:00:00Z"
	var b strings.Builder
	if err := report.WriteDueTable(&b, due.NewView(compliance.Evaluate(objectives(t), d.snapshot(at), ts(t, at)), due.Options{}), false); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if lines[3] != "    https://github.com/acme/requests/issues/1" || !strings.HasPrefix(lines[4], "    Très long titre Très") ||
		!strings.HasSuffix(lines[4], "…") || text.Width(lines[4]) != text.Columns {
		t.Errorf("want the address, then the title cut at 80 columns:\n%s", b.String())
	}
	for _, l := range lines {
		if text.Width(l) > text.Columns {
			t.Errorf("%d columns: %q", text.Width(l), l)
		}
	}
}

// A clock that has used exactly its within is still pending, due now.
func TestDueNow(t *testing.T) {
	d := newData(t)
	// #20 opened Fri 2026-11-27 13:00 CET (12:00Z), unanswered: at 17:00 CET
	// (16:00Z) it has used 13:00–17:00 = 4h of 4h, no time left, not over.
	d.issue(20, "carol", "2026-11-27T12:00:00Z")
	got := d.list("2026-11-27T16:00:00Z", due.Options{})
	expect(t, got, "#20 first-response due 2026-11-27T16:00:00Z left 0s [platform]")
	shown(t, got, "Fri Nov 27 17:00 CET   now  requests/first-response")
}
