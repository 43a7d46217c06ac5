package cli_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/golden"
	"github.com/sla-dev/sla/internal/snapshot"
)

// dueExample runs `sla due` on the example at its fetch time.
func dueExample(t *testing.T, args ...string) result {
	t.Helper()
	return run(t, append([]string{"due", example, "--snapshot", exampleSnapshot, "--at", exampleAt}, args...)...)
}

func TestDueExampleGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"due-example.golden", nil},
		{"due-example-markdown.golden", []string{"-o", "markdown"}},
		{"due-platform.golden", []string{"--team", "platform"}},
		{"due-platform-markdown.golden", []string{"--team", "platform", "-o", "markdown"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			r := dueExample(t, tc.args...)
			if r.code != cli.ExitOK || r.err != "" {
				t.Fatalf("want exit 0 and nothing on stderr:\n%s", r)
			}
			golden.Check(t, tc.golden, []byte(r.out))
			if strings.Contains(r.out, "\x1b[") {
				t.Error("colour on a non-terminal")
			}
		})
	}
}

// dueJSON is the part of `due -o json` these tests read.
type dueJSON struct {
	EvaluatedAt   string  `json:"evaluated_at"`
	Team          *string `json:"team"`
	WithinSeconds *int64  `json:"within_seconds"`
	Summary       struct {
		Clocks, Overdue, Due int
	} `json:"summary"`
	Clocks []struct {
		DueAt            time.Time `json:"due_at"`
		TimeZone         string    `json:"time_zone"`
		RemainingSeconds int64     `json:"remaining_seconds"`
		Overdue          bool      `json:"overdue"`
		Outcome          string    `json:"outcome"`
		Agreement        string    `json:"agreement"`
		Objective        string    `json:"objective"`
		Owner            string    `json:"owner"`
		Teams            []string  `json:"teams"`
		Repo             string    `json:"repo"`
		Number           int       `json:"number"`
		URL              string    `json:"url"`
		ElapsedSeconds   int64     `json:"elapsed_seconds"`
		WithinSeconds    int64     `json:"within_seconds"`
	} `json:"clocks"`
	Incomplete []string `json:"incomplete"`
}

func parseDue(t *testing.T, r result) dueJSON {
	t.Helper()
	var doc dueJSON
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("stdout is not the JSON list: %v\n%s", err, r)
	}
	return doc
}

func TestDueJSON(t *testing.T) {
	t.Parallel()
	all := parseDue(t, dueExample(t, "-o", "json"))
	platform := parseDue(t, dueExample(t, "-o", "json", "--team", "platform"))
	if all.EvaluatedAt != exampleAt || all.Team != nil || all.WithinSeconds != nil || platform.Team == nil || *platform.Team != "platform" {
		t.Errorf("header: %s team %v within %v; platform team %v", all.EvaluatedAt, all.Team, all.WithinSeconds, platform.Team)
	}
	if len(platform.Clocks) == 0 || len(platform.Clocks) >= len(all.Clocks) {
		t.Fatalf("%d clocks for platform of %d", len(platform.Clocks), len(all.Clocks))
	}
	for name, doc := range map[string]dueJSON{"all": all, "platform": platform} {
		overdue := 0
		for i, c := range doc.Clocks {
			// Those that can still be met first, then the overdue; each
			// part by due time.
			if i > 0 && c.Overdue == doc.Clocks[i-1].Overdue && c.DueAt.Before(doc.Clocks[i-1].DueAt) {
				t.Errorf("%s: clock %d due %s before the one above it", name, i, c.DueAt)
			}
			if i > 0 && !c.Overdue && doc.Clocks[i-1].Overdue {
				t.Errorf("%s: clock %d, due soon, after an overdue one", name, i)
			}
			// Overdue exactly when breached, and then the remaining time is
			// negative; otherwise at most half of within is left.
			if c.Overdue != (c.Outcome == "breached") || c.Overdue != (c.RemainingSeconds < 0) ||
				c.RemainingSeconds != c.WithinSeconds-c.ElapsedSeconds || (!c.Overdue && 2*c.RemainingSeconds > c.WithinSeconds) {
				t.Errorf("%s: %s#%d %s: overdue %v, outcome %s, remaining %ds of %ds", name, c.Repo, c.Number, c.Objective,
					c.Overdue, c.Outcome, c.RemainingSeconds, c.WithinSeconds)
			}
			if c.Overdue {
				overdue++
			}
			if name == "platform" && !slices.Contains(c.Teams, "platform") {
				t.Errorf("platform's list holds %s#%d owned by %v", c.Repo, c.Number, c.Teams)
			}
			if !strings.HasPrefix(c.URL, "https://github.com/"+c.Repo+"/") {
				t.Errorf("url %s for %s", c.URL, c.Repo)
			}
		}
		if doc.Summary.Clocks != len(doc.Clocks) || doc.Summary.Overdue != overdue || doc.Summary.Due != len(doc.Clocks)-overdue {
			t.Errorf("%s: summary %+v for %d clocks, %d overdue", name, doc.Summary, len(doc.Clocks), overdue)
		}
	}

	// --within: a fixed amount of business time left, for every objective.
	within := parseDue(t, dueExample(t, "-o", "json", "--within", "2h"))
	if within.WithinSeconds == nil || *within.WithinSeconds != 7200 {
		t.Errorf("within_seconds %v, want 7200", within.WithinSeconds)
	}
	for _, c := range within.Clocks {
		if !c.Overdue && c.RemainingSeconds > 7200 {
			t.Errorf("%s#%d has %ds left, more than --within 2h", c.Repo, c.Number, c.RemainingSeconds)
		}
	}
}

// A consumer-owned objective with several consumers: a team owns the
// clocks of issues its members opened.
func TestDueConsumerTeam(t *testing.T) {
	t.Parallel()
	doc := parseDue(t, dueExample(t, "-o", "json", "--team", "growth"))
	if len(doc.Clocks) == 0 {
		t.Fatal("nothing due for growth: the example has a customer-reply clock of a Growth member due")
	}
	for _, c := range doc.Clocks {
		if c.Owner != "consumers" || !slices.Contains(c.Teams, "growth") {
			t.Errorf("%s#%d %s/%s owned by %s %v: growth provides nothing", c.Repo, c.Number, c.Agreement, c.Objective, c.Owner, c.Teams)
		}
	}
}

func TestDueRefuses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args    []string
		mention string
	}{
		{[]string{"--team", "platfrom"}, `no team named "platfrom" (did you mean "platform"?)`},
		{[]string{"--agreement", "platfrom"}, `did you mean "platform-requests"?`},
		{[]string{"-o", "csv"}, `"csv"`},
		{[]string{"--within", "-2h"}, "--within"},
		{[]string{"--within", "2d"}, "--within"},
		{[]string{"--yes"}, "--apply-label"},
		{[]string{"--apply-label", " "}, "--apply-label"},
		{[]string{"--apply-label", "sla-due", "--at", "2026-11-27T08:00:00Z"}, "when the data was fetched"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			args := append([]string{"due", example, "--snapshot", exampleSnapshot}, tc.args...)
			if !slices.Contains(tc.args, "--at") {
				args = append(args, "--at", exampleAt)
			}
			r := run(t, args...)
			if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, tc.mention) {
				t.Errorf("want exit 2, nothing on stdout and %q on stderr:\n%s", tc.mention, r)
			}
		})
	}
	// Live, --at and --apply-label cannot go together: said before any request.
	r := run(t, "due", example, "--at", "2026-11-26T00:00:00Z", "--apply-label", "sla-due")
	if r.code != cli.ExitError || !strings.Contains(r.err, "leave out --at") {
		t.Errorf("live --at with --apply-label:\n%s", r)
	}
}

// The dry run on a snapshot prints the plan and needs no network.
func TestDueApplyLabelDryRunOnSnapshot(t *testing.T) {
	t.Parallel()
	r := run(t, "due", example, "--snapshot", exampleSnapshot, "--team", "platform", "--apply-label", "sla-due")
	if r.code != cli.ExitOK {
		t.Fatalf("exit %d:\n%s", r.code, r)
	}
	table := dueExample(t, "--team", "platform")
	if r.out != table.out {
		t.Errorf("the dry run changed the list")
	}
	if !strings.Contains(r.err, "--apply-label sla-due would change 29 issues (a dry run: add --yes to change them):\n") ||
		!strings.Contains(r.err, "\n  add sla-due to acme/platform-requests#4 (due)\n") {
		t.Errorf("no plan on stderr:\n%s", r.err)
	}
}

// labelData is the sample of the example that the label tests read: the
// issues they name, and a quarter of the others.
func labelData(t *testing.T) *snapshot.Snapshot {
	t.Helper()
	return exampleSample(t, "acme/platform-requests#1", "acme/platform-requests#4", "acme/platform-requests#121",
		"acme/platform-requests#174", "acme/data-requests#26")
}

// The issues of labelData, served by a fake GitHub whose clock is the
// tests' now and whose token belongs to account, with sla-due on
//
//	platform-requests#4     due; added by mlindqvist, a person: stays
//	platform-requests#121   open, not due; added by account 12 hours ago: removed
//	platform-requests#174   open, not due; added by mlindqvist: left alone
//	platform-requests#1     closed; added by account: never touched
//	platform-requests#2001  open for 90 days (no clock in the window); added by
//	                        account 60 days ago, before the data read: its own
//	                        events say so, and it is removed
//	platform-requests#2002  a pull request, which the agreement does not
//	                        measure; added by account: untouched
//	data-requests#26        another team's repository: untouched
func labelFake(t *testing.T, account string, opts ...githubtest.Option) *githubtest.Server {
	t.Helper()
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) // testEnv's
	srv := fakeGitHub(t, labelData(t), append([]githubtest.Option{
		githubtest.WithClock(func() time.Time { return now }), githubtest.WithActor(account)}, opts...)...)
	const pr = "acme/platform-requests"
	srv.AddIssue(pr, snapshot.Issue{Number: 2001, Title: "Old request", Author: "ops", CreatedAt: now.AddDate(0, 0, -90)})
	srv.AddIssue(pr, snapshot.Issue{Number: 2002, Title: "A pull request", Author: "ops", CreatedAt: now.AddDate(0, 0, -1), PullRequest: true})
	before := now.Add(-12 * time.Hour)
	for _, e := range []struct {
		repo string
		n    int
		by   string
		at   time.Time
	}{
		{pr, 4, "mlindqvist", before},
		{pr, 121, account, before},
		{pr, 174, "mlindqvist", before},
		{pr, 1, account, before},
		{pr, 2001, account, now.AddDate(0, 0, -60)},
		{pr, 2002, account, before},
		{"acme/data-requests", 26, account, before},
	} {
		srv.AddEvent(e.repo, snapshot.Event{Issue: e.n, Kind: snapshot.Labeled, Label: "sla-due", Actor: e.by,
			ActorBot: strings.HasSuffix(e.by, "[bot]"), CreatedAt: e.at})
	}
	// A comment brings #2001 into the data; its labeled event stays older.
	srv.AddComment(pr, snapshot.Comment{Issue: 2001, Author: "ops", Association: "MEMBER", CreatedAt: now.Add(-2 * time.Hour)})
	return srv
}

// changes lists the label changes the fake made.
func changes(srv *githubtest.Server) []string {
	var out []string
	for _, w := range srv.LabelWrites() {
		for _, l := range w.Added {
			out = append(out, fmt.Sprintf("+%s %s#%d by %s", l, w.Repo, w.Number, w.Actor))
		}
		for _, l := range w.Removed {
			out = append(out, fmt.Sprintf("-%s %s#%d by %s", l, w.Repo, w.Number, w.Actor))
		}
	}
	return out
}

// writeRequests counts the requests to change labels.
func writeRequests(srv *githubtest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method != "GET" && strings.Contains(r.Path, "/labels") {
			n++
		}
	}
	return n
}

// The label marks exactly the due issues, and sla removes it only where
// its token's account added it: a person's token (GET /user names it) or
// an app's (GraphQL's viewer does).
func TestDueApplyLabel(t *testing.T) {
	t.Parallel()
	// The issues due for Platform at the tests' now, 2026-11-27 00:00 UTC,
	// as a snapshot of the data served sees them.
	want := parseDue(t, run(t, "due", example, "--snapshot", writeSnapshot(t, labelData(t)), "--at", "2026-11-27T00:00:00Z", "--team", "platform", "-o", "json"))
	var dueIssues []string
	for _, c := range want.Clocks {
		if ref := fmt.Sprintf("%s#%d", c.Repo, c.Number); !slices.Contains(dueIssues, ref) {
			dueIssues = append(dueIssues, ref)
		}
	}
	for _, ref := range []string{"#1", "#121", "#174"} {
		if slices.Contains(dueIssues, "acme/platform-requests"+ref) {
			t.Fatalf("the data changed: %s is due", ref)
		}
	}
	if len(dueIssues) < 3 || !slices.Contains(dueIssues, "acme/platform-requests#4") {
		t.Fatalf("the data changed: due issues %v, want #4 and at least 2 others", dueIssues)
	}
	for _, account := range []string{"sla-bot", "github-actions[bot]"} {
		t.Run(account, func(t *testing.T) {
			t.Parallel()
			srv := labelFake(t, account)
			cache := t.TempDir()
			args := []string{"due", example, "--team", "platform", "--apply-label", "sla-due", "-q"}

			// Dry run: the plan, and nothing changed.
			dry := runLive(t, srv, cache, args...)
			if dry.code != cli.ExitOK {
				t.Fatalf("dry run: %s", dry)
			}
			if n := writeRequests(srv); n != 0 {
				t.Fatalf("the dry run sent %d writes", n)
			}
			// Every due issue but #4, which has the label, plus #121 and
			// #2001, which lose it.
			wantPlan := fmt.Sprintf("sla: --apply-label sla-due would change %d issues", len(dueIssues)-1+2)
			for _, line := range []string{
				wantPlan,
				"\n  remove sla-due from acme/platform-requests#121 (no longer due)\n",
				"\n  remove sla-due from acme/platform-requests#2001 (no longer due)\n",
				"\nsla: left on 1 issue not due, as sla removes only the labels it added:\n" +
					"  leave sla-due on acme/platform-requests#174 (not due; added by mlindqvist, not by sla's " + account + ")\n",
			} {
				if !strings.Contains(dry.err, line) {
					t.Errorf("plan: want %q in:\n%s", line, dry.err)
				}
			}
			for _, untouched := range []string{"platform-requests#4 ", "platform-requests#1 ", "#2002", "data-requests"} {
				if strings.Contains(dry.err, untouched) {
					t.Errorf("plan mentions %s:\n%s", untouched, dry.err)
				}
			}

			// Applied: each due issue but #4 gets the label once; #121 and
			// #2001 lose it; #174 (mlindqvist's), closed #1, pull request
			// #2002 and data-requests#26 keep it.
			applied := runLive(t, srv, cache, append(args, "--yes")...)
			if applied.code != cli.ExitOK {
				t.Fatalf("--yes: %s", applied)
			}
			if applied.out != dry.out {
				t.Errorf("the list differs between the dry run and --yes")
			}
			var wantChanges []string
			for _, ref := range dueIssues {
				if ref != "acme/platform-requests#4" {
					wantChanges = append(wantChanges, "+sla-due "+ref+" by "+account)
				}
			}
			wantChanges = append(wantChanges, "-sla-due acme/platform-requests#121 by "+account,
				"-sla-due acme/platform-requests#2001 by "+account)
			got := changes(srv)
			slices.Sort(got)
			slices.Sort(wantChanges)
			if !slices.Equal(got, wantChanges) {
				t.Errorf("changes:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(wantChanges, "\n  "))
			}
			if n := writeRequests(srv); n != len(wantChanges) {
				t.Errorf("%d writes for %d changes", n, len(wantChanges))
			}
			wantCount := fmt.Sprintf("sla: --apply-label sla-due: label added to %d issues, removed from 2 issues; "+
				"left on 1 issue not due, as sla removes only the labels it added\n", len(wantChanges)-2)
			if !strings.Contains(applied.err, wantCount) {
				t.Errorf("closing count: want %q in\n%s", wantCount, applied.err)
			}

			// Again, through the cache (which must see the changes): nothing to do.
			srv.ResetRequests()
			again := runLive(t, srv, cache, append(args, "--yes")...)
			if again.code != cli.ExitOK || !strings.Contains(again.err, "nothing to change") {
				t.Fatalf("second run: %s", again)
			}
			if n := writeRequests(srv); n != 0 {
				t.Errorf("the second run sent %d writes", n)
			}
			if again.out != dry.out {
				t.Errorf("the list differs on the second run")
			}
		})
	}
}

// A label an agreement uses is refused before anything is read: marking
// issues with it would change what is measured (here, the scope label
// would put every due issue in scope, and taking it off would drop them).
func TestDueApplyLabelRefusesAgreementLabels(t *testing.T) {
	t.Parallel()
	srv := labelFake(t, "sla-bot")
	for _, tc := range []struct{ label, where string }{
		{"platform-request", "agreements/platform-requests.yaml:20:14: agreement platform-requests, scope.labels"},
		{"Waiting-On-Customer", "agreements/platform-requests.yaml:44:22: agreement platform-requests, objectives[resolution].pause_labels"},
		{"DUPLICATE", "scope.exclude_labels"},
	} {
		r := runLive(t, srv, t.TempDir(), "due", example, "--apply-label", tc.label, "--yes", "-q")
		if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, tc.where) ||
			!strings.Contains(r.err, "would change what they measure") {
			t.Errorf("--apply-label %s: want exit 2 naming %q:\n%s", tc.label, tc.where, r)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests: a refused label is refused before any", n)
	}
}

// A token that may read but not write: the 403 names the variable the
// token came from and what it lacks, never the token.
func TestDueApplyLabelForbidden(t *testing.T) {
	srv := labelFake(t, "github-actions[bot]")
	srv.Inject(githubtest.Fault{PathRegexp: `/labels`, Status: 403})
	r := runLive(t, srv, t.TempDir(), "due", example, "--team", "platform", "--apply-label", "sla-due", "--yes", "-q", "--no-cache")
	if r.code != cli.ExitError {
		t.Fatalf("exit %d, want 2:\n%s", r.code, r)
	}
	for _, want := range []string{"403", "the token from GITHUB_TOKEN", "issues: write"} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr does not say %q:\n%s", want, r.err)
		}
	}
	if n := writeRequests(srv); n != 1 {
		t.Errorf("%d writes: the first refusal must stop the rest", n)
	}
	if len(srv.LabelWrites()) != 0 {
		t.Error("a label changed")
	}
}

// Without a token, --yes stops before reading anything.
func TestDueApplyLabelWithoutToken(t *testing.T) {
	srv := labelFake(t, "sla-bot")
	r := run(t, "due", example, "--apply-label", "sla-due", "--yes", "--github-url", srv.URL)
	if r.code != cli.ExitError || !strings.Contains(r.err, "needs a token that may write issues (issues: write)") {
		t.Errorf("want exit 2 asking for a token:\n%s", r)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests without a token", n)
	}
}
