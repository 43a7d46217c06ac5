package kudos

import (
	"cmp"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

// thanksOrg: Platform (alice, bob, paula) serves Payments (carol, dave,
// paula, ci-helper) and Growth (erin) in acme/req: requests labelled
// request, not duplicate, over 28 days; and Payments alone over 7 days
// (req-week, the same repository: a reaction in both windows counts once).
// Data (wei) serves Platform in acme/data. oscar is in no team; paula is in
// Platform and Payments; ci-helper is listed in Payments but is a bot, and
// GitHub lists sync[bot] among acme/payments' members, and deploy[bot]
// among acme/platform's.
const thanksOrg = `
apiVersion: sla/v1
kind: Team
metadata: {name: platform}
spec: {members: [alice, bob, paula], github_team: acme/platform}
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec: {members: [carol, dave, paula, ci-helper], github_team: acme/payments}
---
apiVersion: sla/v1
kind: Team
metadata: {name: growth}
spec: {members: [erin]}
---
apiVersion: sla/v1
kind: Team
metadata: {name: data}
spec: {members: [wei]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: req}
spec:
  provider: platform
  consumers: [payments, growth]
  window: 28d
  scope: {repos: [acme/req], labels: [request], exclude_labels: [duplicate]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: req-week}
spec:
  provider: platform
  consumers: [payments]
  window: 7d
  scope: {repos: [acme/req]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: data-req}
spec:
  provider: data
  consumers: [platform]
  window: 28d
  scope: {repos: [acme/data]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
`

// thanksAt is the evaluation instant: the 28-day window starts
// 2026-10-30T09:00:00Z, the 7-day one 2026-11-20T09:00:00Z.
const thanksAt = "2026-11-27T09:00:00Z"

func ts(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

type thanksData struct {
	t    *testing.T
	snap *snapshot.Snapshot
	id   int64
	org  string // the agreements; thanksOrg if empty
}

func (d *thanksData) repo(name string) *snapshot.Repo {
	if r := d.snap.Repo(name); r != nil {
		return r
	}
	r := &snapshot.Repo{Name: name, HTMLURL: "https://github.com/" + name}
	d.snap.Repos = append(d.snap.Repos, r)
	return r
}

// issue adds an issue opened with labels (as labeled events at its
// opening).
func (d *thanksData) issue(repo string, n int, opened string, labels ...string) {
	r := d.repo(repo)
	at := d.ts(opened)
	r.Issues = append(r.Issues, snapshot.Issue{Number: n, Title: "request", Author: "carol", CreatedAt: at, Labels: labels})
	for _, l := range labels {
		r.Events = append(r.Events, snapshot.Event{Issue: n, Kind: snapshot.Labeled, Label: l, Actor: "carol", CreatedAt: at})
	}
}

func (d *thanksData) label(repo string, n int, label, at string) {
	r := d.repo(repo)
	r.Events = append(r.Events, snapshot.Event{Issue: n, Kind: snapshot.Labeled, Label: label, Actor: "alice", CreatedAt: d.ts(at)})
	for i := range r.Issues {
		if r.Issues[i].Number == n {
			r.Issues[i].Labels = append(r.Issues[i].Labels, label)
		}
	}
}

func (d *thanksData) comment(repo string, n int, id int64, author, at string) {
	r := d.repo(repo)
	r.Comments = append(r.Comments, snapshot.Comment{ID: id, Issue: n, Author: author, CreatedAt: d.ts(at)})
}

// react adds a reaction on comment (0: on the issue itself).
func (d *thanksData) react(repo string, n int, comment int64, login, content, at string) {
	d.reactAs(repo, n, comment, login, false, content, at)
}

func (d *thanksData) reactAs(repo string, n int, comment int64, login string, bot bool, content, at string) {
	d.id++
	r := d.repo(repo)
	r.Reactions = append(r.Reactions, snapshot.Reaction{ID: d.id, Issue: n, Comment: comment, Login: login, Bot: bot,
		Content: content, CreatedAt: d.ts(at)})
}

func (d *thanksData) ts(s string) time.Time { return ts(d.t, s) }

// count loads the organisation and counts the thanks in the data as of
// thanksAt, by team or person.
func (d *thanksData) count(by By) []Thanks {
	d.t.Helper()
	org := cmp.Or(d.org, thanksOrg)
	set, diags := agreement.LoadBytes("agreements.yaml", []byte(org))
	if diags = append(diags, validate.Check(set)...); diags.HasErrors() {
		d.t.Fatalf("invalid agreements:\n%v", diags)
	}
	calendars, err := set.BuildCalendars()
	if err != nil {
		d.t.Fatal(err)
	}
	members := map[string][]string{"acme/payments": {"sync[bot]"}, "acme/platform": {"deploy[bot]"}}
	parties, err := newParties(set.Agreements, calendars, compliance.ResolveTeams(set, members))
	if err != nil {
		d.t.Fatal(err)
	}
	return countThanks(parties, d.snap, d.ts(thanksAt), by)
}

// thanksScenario is one request of each kind the rules tell apart, with
// the reactions on its comments. Its expectations are in TestThanks.
func thanksScenario(t *testing.T) *thanksData {
	d := &thanksData{t: t, snap: &snapshot.Snapshot{}, id: 1000}
	// #1, a request in scope: alice (Platform) answers, carol (Payments)
	// writes, Bob (Platform, spelled with a capital) answers again.
	d.issue("acme/req", 1, "2026-11-02T09:00:00Z", "request")
	d.comment("acme/req", 1, 101, "alice", "2026-11-02T10:00:00Z")
	d.comment("acme/req", 1, 102, "carol", "2026-11-02T11:00:00Z")
	d.comment("acme/req", 1, 103, "Bob", "2026-11-03T10:00:00Z")
	d.react("acme/req", 1, 101, "carol", Heart, "2026-11-02T12:00:00Z")             // ✓ a consumer (Payments)
	d.react("acme/req", 1, 101, "erin", Hooray, "2026-11-03T12:00:00Z")             // ✓ a consumer (Growth)
	d.react("acme/req", 1, 101, "DAVE", Heart, "2026-11-03T13:00:00Z")              // ✓ dave, whatever the case
	d.react("acme/req", 1, 101, "dave", "+1", "2026-11-03T13:00:00Z")               // ✗ not a thank-you
	d.react("acme/req", 1, 101, "dave", "rocket", "2026-11-03T13:00:00Z")           // ✗ nor is 🚀
	d.react("acme/req", 1, 101, "oscar", Heart, "2026-11-03T14:00:00Z")             // ✗ in no team
	d.react("acme/req", 1, 101, "bob", Heart, "2026-11-03T14:00:00Z")               // ✗ the provider's own
	d.react("acme/req", 1, 101, "paula", Heart, "2026-11-03T14:00:00Z")             // ✗ Platform too, though in Payments
	d.reactAs("acme/req", 1, 101, "ci-helper", true, Heart, "2026-11-03T14:00:00Z") // ✗ a bot, though listed
	d.react("acme/req", 1, 101, "renovate[bot]", Heart, "2026-11-03T14:00:00Z")     // ✗ a bot by its login
	d.react("acme/req", 1, 101, "sync[bot]", Heart, "2026-11-03T14:00:00Z")         // ✗ a bot by its login, though a member
	d.react("acme/req", 1, 102, "dave", Heart, "2026-11-03T14:00:00Z")              // ✗ on a consumer's comment
	d.react("acme/req", 1, 0, "carol", Heart, "2026-11-03T14:00:00Z")               // ✗ on the request itself
	d.comment("acme/req", 1, 104, "deploy[bot]", "2026-11-03T10:00:00Z")
	d.react("acme/req", 1, 104, "carol", Heart, "2026-11-03T14:00:00Z") // ✗ on a bot's comment, though a member
	// ✓ in both agreements' windows (req 28 days, req-week 7 days): once.
	d.react("acme/req", 1, 103, "carol", Hooray, "2026-11-25T10:00:00Z")
	// The same reaction read twice (the same id): once.
	r := d.repo("acme/req")
	r.Reactions = append(r.Reactions, r.Reactions[len(r.Reactions)-1])

	// #3, in scope, opened before the window: thanks count by when they
	// were given.
	d.issue("acme/req", 3, "2026-10-20T09:00:00Z", "request")
	d.comment("acme/req", 3, 301, "alice", "2026-10-20T10:00:00Z")
	d.react("acme/req", 3, 301, "carol", Heart, "2026-10-30T08:59:59Z")  // ✗ a second before the window
	d.react("acme/req", 3, 301, "dave", Heart, "2026-10-30T09:00:00Z")   // ✓ its first second
	d.react("acme/req", 3, 301, "erin", Hooray, "2026-11-27T09:00:00Z")  // ✗ at the instant: the window ends before it
	d.react("acme/req", 3, 301, "carol", Hooray, "2026-11-28T09:00:00Z") // ✗ after it

	// #2 lacks the label request; #4 was marked duplicate before the
	// instant; #5 after it, so it was in scope then.
	d.issue("acme/req", 2, "2026-11-02T09:00:00Z")
	d.comment("acme/req", 2, 201, "alice", "2026-11-02T10:00:00Z")
	d.react("acme/req", 2, 201, "carol", Heart, "2026-11-05T10:00:00Z") // ✗ out of req's scope; before req-week's window
	d.issue("acme/req", 4, "2026-11-02T09:00:00Z", "request")
	d.label("acme/req", 4, "duplicate", "2026-11-10T09:00:00Z")
	d.comment("acme/req", 4, 401, "alice", "2026-11-02T10:00:00Z")
	d.react("acme/req", 4, 401, "carol", Heart, "2026-11-05T10:00:00Z") // ✗ a duplicate at the instant
	d.issue("acme/req", 5, "2026-11-02T09:00:00Z", "request")
	d.label("acme/req", 5, "duplicate", "2026-11-28T09:00:00Z")
	d.comment("acme/req", 5, 501, "bob", "2026-11-02T10:00:00Z")
	d.react("acme/req", 5, 501, "carol", Heart, "2026-11-05T10:00:00Z") // ✓

	// A repository no agreement measures.
	d.issue("acme/other", 1, "2026-11-02T09:00:00Z", "request")
	d.comment("acme/other", 1, 601, "alice", "2026-11-02T10:00:00Z")
	d.react("acme/other", 1, 601, "carol", Heart, "2026-11-05T10:00:00Z") // ✗

	// Data serves Platform: alice is its consumer there.
	d.issue("acme/data", 7, "2026-11-02T09:00:00Z")
	d.comment("acme/data", 7, 701, "wei", "2026-11-02T10:00:00Z")
	d.react("acme/data", 7, 701, "alice", Heart, "2026-11-05T10:00:00Z") // ✓ for Data
	d.react("acme/data", 7, 701, "carol", Heart, "2026-11-05T10:00:00Z") // ✗ Payments is not Data's consumer
	return d
}

// Every rule of thanks (SPEC §7.3), each a reaction marked ✓ or ✗ in
// thanksScenario. Planting each wrong rule fails this test (checked):
// counting the provider's own members (bob, paula), bots by their type
// or by their login (ci-helper, sync[bot]), anyone in no team (oscar),
// reactions on the request itself, on a consumer's comment or on a bot's
// (deploy[bot]), other reactions than ❤️ and 🎉, the
// instant itself or the second before the window, requests out of scope
// (#2, #4), a reaction once per agreement (#1's 🎉 of Nov 25), or logins
// compared with their case (DAVE).
func TestThanks(t *testing.T) {
	t.Parallel()
	d := thanksScenario(t)
	got := fmt.Sprint(d.count(ByTeam))
	// Platform: on #1 carol ❤️, erin 🎉, DAVE ❤️ (101) and carol 🎉 (103);
	// on #3 dave ❤️ (301); on #5 carol ❤️ (501): ❤️ 4, 🎉 2, from carol,
	// erin and dave (3 people), on 101, 103, 301 and 501 (4 comments).
	// Data: alice ❤️ on 701.
	want := fmt.Sprint([]Thanks{
		{Teams: []agreement.Name{"platform"}, Heart: 4, Hooray: 2, People: 3, Comments: 4},
		{Teams: []agreement.Name{"data"}, Heart: 1, People: 1, Comments: 1},
	})
	if got != want {
		t.Errorf("by team:\n got %s\nwant %s", got, want)
	}
}

// By person, each comment's author is thanked: alice for 101 and 301,
// Bob (as his comment spells him) for 103 and 501, wei for 701.
func TestThanksByPerson(t *testing.T) {
	t.Parallel()
	d := thanksScenario(t)
	got := fmt.Sprint(d.count(ByPerson))
	// alice: carol ❤️, erin 🎉, DAVE ❤️ on 101, dave ❤️ on 301: ❤️ 3, 🎉 1,
	// 3 people, 2 comments. Bob: carol 🎉 on 103 and ❤️ on 501: ❤️ 1, 🎉 1,
	// 1 person, 2 comments. wei: alice ❤️.
	want := fmt.Sprint([]Thanks{
		{Teams: []agreement.Name{"platform"}, Login: "alice", Heart: 3, Hooray: 1, People: 3, Comments: 2},
		{Teams: []agreement.Name{"platform"}, Login: "Bob", Heart: 1, Hooray: 1, People: 1, Comments: 2},
		{Teams: []agreement.Name{"data"}, Login: "wei", Heart: 1, People: 1, Comments: 1},
	})
	if got != want {
		t.Errorf("by person:\n got %s\nwant %s", got, want)
	}
}

// A repository that could not be read has no thanks, and no others are
// invented for it.
func TestThanksSkipUnreadRepositories(t *testing.T) {
	t.Parallel()
	d := thanksScenario(t)
	d.repo("acme/req").Error = "404 Not Found"
	got := fmt.Sprint(d.count(ByTeam))
	want := fmt.Sprint([]Thanks{{Teams: []agreement.Name{"data"}, Heart: 1, People: 1, Comments: 1}})
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// GitHub lets a person give each reaction once on a comment: a consumer's
// ❤️ and 🎉 on one comment are two thanks, and the same reaction read
// twice, with its id or without one, is one. Planting each wrong rule
// fails this test (checked): one thank-you per person per comment
// whatever its kind; reactions without an id counted each time read, or
// told apart by person and comment but not by kind.
func TestThanksOncePerPersonCommentAndKind(t *testing.T) {
	t.Parallel()
	d := &thanksData{t: t, snap: &snapshot.Snapshot{}, id: 1000}
	d.issue("acme/req", 1, "2026-11-02T09:00:00Z", "request")
	d.comment("acme/req", 1, 101, "alice", "2026-11-02T10:00:00Z")
	d.react("acme/req", 1, 101, "carol", Heart, "2026-11-03T12:00:00Z")  // ✓
	d.react("acme/req", 1, 101, "carol", Hooray, "2026-11-03T12:01:00Z") // ✓ carol's second kind
	d.react("acme/req", 1, 101, "alice", Heart, "2026-11-03T12:02:00Z")  // ✗ the author, of the provider
	r := d.repo("acme/req")
	r.Reactions = append(r.Reactions, r.Reactions[0]) // ✗ carol's ❤️ read twice
	noID := func(login, content, at string) {
		r.Reactions = append(r.Reactions, snapshot.Reaction{Issue: 1, Comment: 101, Login: login, Content: content, CreatedAt: d.ts(at)})
	}
	noID("dave", Heart, "2026-11-04T12:00:00Z")  // ✓
	noID("dave", Heart, "2026-11-04T12:00:00Z")  // ✗ read twice
	noID("Dave", Heart, "2026-11-04T12:00:00Z")  // ✗ read twice, spelled otherwise
	noID("dave", Hooray, "2026-11-04T12:00:00Z") // ✓ dave's second kind
	// Platform: ❤️ carol, dave = 2; 🎉 carol, dave = 2; 2 people, 1 comment.
	got := fmt.Sprint(d.count(ByTeam))
	want := fmt.Sprint([]Thanks{{Teams: []agreement.Name{"platform"}, Heart: 2, Hooray: 2, People: 2, Comments: 1}})
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// A thank-you given before the agreement took effect is not counted, though
// in its 28-day window: the window as of the instant starts at 30 Oct
// 09:00 UTC (27 Nov less 28 days), effective_from 10 Nov (no calendar:
// UTC), so thanks count from 10 Nov 00:00 UTC. Planting a window that
// ignores effective_from fails this test (checked).
func TestThanksNotBeforeEffectiveFrom(t *testing.T) {
	t.Parallel()
	d := &thanksData{t: t, snap: &snapshot.Snapshot{}, id: 1000, org: strings.Replace(thanksOrg,
		"  window: 28d\n  scope: {repos: [acme/req], labels:",
		"  window: 28d\n  effective_from: 2026-11-10\n  scope: {repos: [acme/req], labels:", 1)}
	if d.org == thanksOrg {
		t.Fatal("the agreement req was not given effective_from")
	}
	d.issue("acme/req", 1, "2026-11-02T09:00:00Z", "request")
	d.comment("acme/req", 1, 101, "alice", "2026-11-02T10:00:00Z")
	d.react("acme/req", 1, 101, "erin", Heart, "2026-11-09T23:59:59Z")  // ✗ a second before it took effect
	d.react("acme/req", 1, 101, "erin", Hooray, "2026-11-10T00:00:00Z") // ✓ its first second
	// erin is in Growth, a consumer of req alone (not of req-week).
	got := fmt.Sprint(d.count(ByTeam))
	want := fmt.Sprint([]Thanks{{Teams: []agreement.Name{"platform"}, Hooray: 1, People: 1, Comments: 1}})
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
