package cli_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

// checkinAgreement measures acme/good (smallData) and checks in every
// quarter in acme/agreements: two provider promises, one of the consumers.
const checkinAgreement = `apiVersion: sla/v1
kind: Agreement
metadata: {name: requests, title: Requests to Platform}
spec:
  provider: platform
  consumers: [payments]
  calendar: 24x7
  window: 28d
  scope:
    repos: [acme/good]
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
  expectations:
    provider:
      - Answer within 4 hours.
      - Post a weekly status.
    consumers:
      - Use the template.
  checkin: {every: quarter, repo: acme/agreements}
`

// checkinFake serves acme/good (smallData) and an empty acme/agreements.
func checkinFake(t *testing.T) *githubtest.Server {
	t.Helper()
	data := smallData(false)
	data.Repos = append(data.Repos[:1], &snapshot.Repo{Name: "acme/agreements", HTMLURL: "https://github.com/acme/agreements"})
	return fakeGitHub(t, data, githubtest.WithActor("sla-bot"),
		githubtest.WithClock(func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }))
}

// created sums up what the fake was asked to make: "label:201 issue:201 comment:201 …".
func created(srv *githubtest.Server) string {
	var out []string
	for _, c := range srv.Created() {
		out = append(out, fmt.Sprintf("%s:%d", c.Kind, c.Status))
	}
	return strings.Join(out, " ")
}

// TestCheckinOpenTwice: the first run opens one issue, with the label,
// and one comment per expectation; the second writes nothing. A dry run
// before writes nothing either.
func TestCheckinOpenTwice(t *testing.T) {
	t.Parallel()
	dir := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "a.yaml": checkinAgreement})
	srv := checkinFake(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

	// issueData counts the requests for the measured repository's issue
	// data (acme/good) among the requests from the n-th on.
	issueData := func(n int) int {
		count := 0
		for _, r := range srv.Requests()[n:] {
			if strings.HasPrefix(r.Path, "repos/acme/good/") {
				count++
			}
		}
		return count
	}
	dry := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", dir)
	if n := issueData(0); n != 0 {
		t.Errorf("the dry run read %d pages of issue data: it writes no compliance, and needs none", n)
	}
	if dry.code != 0 || created(srv) != "" || !strings.Contains(dry.out, `would open "Check-in: Requests to Platform — 2026-Q4" with 3 expectations to rate`) ||
		!strings.Contains(dry.out, "would create the label sla-checkin") || !strings.Contains(dry.err, "a dry run") {
		t.Fatalf("dry run:\n%s\ncreated: %s", dry, created(srv))
	}
	before := len(srv.Requests())
	first := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", dir)
	if first.code != 0 || created(srv) != "label:201 issue:201 comment:201 comment:201 comment:201" {
		t.Fatalf("first run:\n%s\ncreated: %s", first, created(srv))
	}
	if issueData(before) == 0 {
		t.Error("the first run opened the issue without reading the issue data its compliance so far needs")
	}
	made := srv.Created()
	issue, comments := made[1], made[2:]
	for _, want := range []string{"<!-- sla-checkin agreement=requests period=2026-Q4 -->", "## Requests to Platform (requests)",
		"## Compliance so far", "| requests | first-response |"} {
		if !strings.Contains(issue.Body, want) {
			t.Errorf("the issue's body lacks %q:\n%s", want, issue.Body)
		}
	}
	if issue.Title != "Check-in: Requests to Platform — 2026-Q4" {
		t.Errorf("title %q", issue.Title)
	}
	for i, want := range []struct{ marker, quote, mention string }{
		{"<!-- sla-expectation side=provider n=1 -->", "> Answer within 4 hours.", "@carol: was this promise kept in 2026-Q4?"},
		{"<!-- sla-expectation side=provider n=2 -->", "> Post a weekly status.", "@carol:"},
		{"<!-- sla-expectation side=consumers n=1 -->", "> Use the template.", "@alice @bob:"},
	} {
		if c := comments[i].Body; !strings.Contains(c, want.marker) || !strings.Contains(c, want.quote) || !strings.Contains(c, want.mention) {
			t.Errorf("comment %d lacks %v:\n%s", i+1, want, c)
		}
	}
	before = len(srv.Requests())
	second := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", dir)
	if second.code != 0 || len(srv.Created()) != 5 || !strings.Contains(second.out, "#1 has all 3 expectations: nothing to do") {
		t.Errorf("second run:\n%s\ncreated: %s", second, created(srv))
	}
	if n := issueData(before); n != 0 {
		t.Errorf("the second run, with nothing to open, read %d pages of issue data", n)
	}
	for _, r := range srv.Requests() {
		if r.Method != "GET" && !strings.HasPrefix(r.Path, "repos/acme/agreements/") {
			t.Errorf("a write outside the check-in repository: %s %s", r.Method, r.Path)
		}
	}
}

// TestCheckinOpenAfterAFailure: GitHub fails the second comment (a 502,
// which a creation is not sent again after); the next run adds the two
// comments missing, and nothing twice.
func TestCheckinOpenAfterAFailure(t *testing.T) {
	t.Parallel()
	dir := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "a.yaml": checkinAgreement})
	srv := checkinFake(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/agreements/issues/1/comments$`, Skip: 1, Status: 502, Times: 1})
	first := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", dir)
	if first.code != 2 || !strings.Contains(first.err, "run sla checkin open --yes again") {
		t.Fatalf("first run:\n%s", first)
	}
	second := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", dir)
	if second.code != 0 {
		t.Fatalf("second run:\n%s", second)
	}
	issues, comments := 0, map[string]int{}
	for _, c := range srv.Created() {
		switch {
		case c.Kind == "issue" && c.Status == 201:
			issues++
		case c.Kind == "comment" && c.Status == 201:
			comments[strings.SplitN(c.Body, "\n", 2)[0]]++
		}
	}
	if !strings.Contains(first.out, "added 1 comment") || !strings.Contains(second.out, "#1 has 1 of 3 expectations") ||
		!strings.Contains(second.out, "added 2 comments") {
		t.Errorf("what the runs said:\n%s\n%s", first, second)
	}
	if issues != 1 || len(comments) != 3 {
		t.Fatalf("issues %d, comments %v:\n%s\n%s", issues, comments, first, second)
	}
	for marker, n := range comments {
		if n != 1 {
			t.Errorf("%s made %d times", marker, n)
		}
	}
}

// TestCheckinOpenAfterALostAnswer: GitHub makes the second comment but
// its answer never arrives (the connection drops). The comment is not
// sent again (a creation is not resent after a connection error); the
// next run finds it by its marker and adds only the third.
func TestCheckinOpenAfterALostAnswer(t *testing.T) {
	t.Parallel()
	dir := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "a.yaml": checkinAgreement})
	srv := checkinFake(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/agreements/issues/1/comments$`, Skip: 1, Lost: true, Times: 1})
	first := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", dir)
	if first.code != 2 || !strings.Contains(first.err, "run sla checkin open --yes again") {
		t.Fatalf("first run:\n%s\ncreated: %s", first, created(srv))
	}
	second := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", dir)
	if second.code != 0 || !strings.Contains(second.out, "#1 has 2 of 3 expectations") || !strings.Contains(second.out, "added 1 comment") {
		t.Fatalf("second run:\n%s", second)
	}
	if got := created(srv); got != "label:201 issue:201 comment:201 comment:201 comment:201" {
		t.Errorf("created %s, want the label, one issue and three comments", got)
	}
}

// countedRun runs sla live and returns the paths of the requests it made.
func countedRun(t *testing.T, srv *githubtest.Server, at time.Time, args ...string) (result, []string) {
	t.Helper()
	srv.ResetRequests()
	r := runLiveAt(t, srv, t.TempDir(), at, args...)
	var paths []string
	for _, req := range srv.Requests() {
		paths = append(paths, req.Path)
	}
	return r, paths
}

// TestCheckinResultsLiveAndFromASnapshot: after the check-in is opened and
// rated, results read live and from a snapshot written by sla fetch say
// the same; live, they cost one list, one comments request per check-in
// issue, and one reactions request per comment with a 👍 or 👎.
func TestCheckinResultsLiveAndFromASnapshot(t *testing.T) {
	t.Parallel()
	dir := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "a.yaml": checkinAgreement})
	srv := checkinFake(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	if r := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", dir); r.code != 0 {
		t.Fatal(r)
	}
	var ids []int64
	for _, c := range srv.Created() {
		if c.Kind == "comment" {
			ids = append(ids, c.ID)
		}
	}
	// provider 1: carol 👍 → 100%; provider 2: carol 👍 and 👎 (no vote), alice 👍 (the provider's own: not asked) → –;
	// consumers 1: alice 👎, bob 👍, a bot 👍 → 1 / 2 = 50%; a 🎉 from bob is no vote.
	srv.AddCommentReaction("acme/agreements", ids[0], "carol", "+1", at.Add(-time.Hour))
	srv.AddCommentReaction("acme/agreements", ids[1], "carol", "+1", at.Add(-time.Hour))
	srv.AddCommentReaction("acme/agreements", ids[1], "carol", "-1", at.Add(-time.Hour))
	srv.AddCommentReaction("acme/agreements", ids[1], "alice", "+1", at.Add(-time.Hour))
	srv.AddCommentReaction("acme/agreements", ids[2], "alice", "-1", at.Add(-time.Hour))
	srv.AddCommentReaction("acme/agreements", ids[2], "bob", "+1", at.Add(-time.Hour))
	srv.AddCommentReaction("acme/agreements", ids[2], "bob", "hooray", at.Add(-time.Hour))
	srv.AddCommentReaction("acme/agreements", ids[2], "helper[bot]", "+1", at.Add(-time.Hour))

	live, paths := countedRun(t, srv, at, "checkin", "results", dir, "-o", "json")
	// One list, one comments list, three comments with a 👍 or 👎.
	wantPaths := fmt.Sprintf("[repos/acme/agreements/issues repos/acme/agreements/issues/1/comments "+
		"repos/acme/agreements/issues/comments/%d/reactions repos/acme/agreements/issues/comments/%d/reactions repos/acme/agreements/issues/comments/%d/reactions]",
		ids[0], ids[1], ids[2])
	if fmt.Sprint(paths) != wantPaths {
		t.Errorf("requests %v\nwant %s", paths, wantPaths)
	}
	var got struct {
		Agreements []struct {
			PreviousPeriod string `json:"previous_period"`
			Expectations   []struct {
				Side     string
				N, Up    int
				Down     int
				Raters   []struct{ Login, Vote string }
				Approval *float64
			}
		}
	}
	if err := json.Unmarshal([]byte(live.out), &got); err != nil || len(got.Agreements) != 1 {
		t.Fatalf("%v:\n%s", err, live)
	}
	var rows []string
	for _, x := range got.Agreements[0].Expectations {
		approval := "null"
		if x.Approval != nil {
			approval = fmt.Sprint(*x.Approval)
		}
		rows = append(rows, fmt.Sprintf("%s/%d %d-%d %v %s", x.Side, x.N, x.Up, x.Down, x.Raters, approval))
	}
	want := "[provider/1 1-0 [{carol +1}] 1 provider/2 0-0 [{carol none}] null consumers/1 1-1 [{alice -1} {bob +1}] 0.5]"
	if fmt.Sprint(rows) != want || got.Agreements[0].PreviousPeriod != "2026-Q3" {
		t.Errorf("live results %v, want %s:\n%s", rows, want, live)
	}
	snap := t.TempDir() + "/issues.json.gz"
	if r := runLiveAt(t, srv, t.TempDir(), at, "fetch", dir, "--out", snap); r.code != 0 {
		t.Fatal(r)
	}
	offline := run(t, "checkin", "results", dir, "--snapshot", snap, "-o", "json")
	if offline.code != 0 || offline.out != live.out {
		t.Errorf("from the snapshot:\n%s\nlive:\n%s", offline, live)
	}
	table := run(t, "checkin", "results", dir, "--snapshot", snap)
	for _, want := range []string{"requests — 2026-Q4 (before: 2026-Q3)", "provider 1", "100.0%", "carol (both: none)", "50.0%"} {
		if !strings.Contains(table.out, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if r := run(t, "checkin", "results", dir, "--snapshot", snap, "--period", "2026-11"); r.code != 2 || !strings.Contains(r.err, "checks in every quarter") {
		t.Errorf("a month for a quarterly check-in:\n%s", r)
	}
	if r := run(t, "checkin", "results", dir, "--snapshot", snap, "--period", "2026-Q3"); r.code != 0 || !strings.Contains(r.out, "no check-in issue for requests in 2026-Q3") {
		t.Errorf("a quarter without a check-in:\n%s", r)
	}
}

// TestReportShowsTheLatestCheckin: the HTML report shows the example's
// 2026-Q4 check-in after platform-requests' promises, and no other
// agreement has one.
func TestReportShowsTheLatestCheckin(t *testing.T) {
	t.Parallel()
	r := run(t, "report", example, "--snapshot", exampleSnapshot)
	if r.code != 0 {
		t.Fatal(r)
	}
	section := r.out[strings.Index(r.out, `id="agreement-platform-requests"`):]
	section = section[:strings.Index(section, "</section>")]
	promises, latest := strings.Index(section, "promise</h3>"), strings.Index(section, "Latest check-in: 2026-Q4")
	if promises < 0 || latest < promises {
		t.Errorf("the check-in is not after the promises (at %d, promises at %d)", latest, promises)
	}
	// Provider 1, hand-computed from the example's votes (sla checkin results): 8 kept, 1 not → 88.8%; Q3 45.4%.
	if !strings.Contains(section, `<td class="num">8</td><td class="num">1</td><td class="num">88.8%</td><td class="num before">45.4%</td><td class="num">&#43;43.4 pts</td>`) {
		t.Errorf("provider 1's row is not there:\n%s", section[latest:])
	}
	if strings.Count(r.out, "Latest check-in") != 1 {
		t.Errorf("%d check-ins shown, want 1", strings.Count(r.out, "Latest check-in"))
	}
}

// TestCheckinResultsReadsOnlyTwoPeriods: with check-ins of 2026-Q2, Q3 and
// Q4, results live read the comments of the period's issue and the one
// before only, and the reactions only of the comments that have a 👍 or
// 👎; the results are those from a snapshot of every check-in.
func TestCheckinResultsReadsOnlyTwoPeriods(t *testing.T) {
	t.Parallel()
	dir := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "a.yaml": checkinAgreement})
	srv := checkinFake(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	for _, opened := range []time.Time{at.AddDate(0, -6, 0), at.AddDate(0, -3, 0), at} { // #1 2026-Q2, #2 Q3, #3 Q4
		if r := runLiveAt(t, srv, t.TempDir(), opened, "checkin", "open", "--yes", dir); r.code != 0 {
			t.Fatal(r)
		}
	}
	// Carol 👍 on the first comment of each issue; the other two have none.
	comments := map[int][]int64{}
	for _, c := range srv.Created() {
		if c.Kind == "comment" {
			comments[c.Number] = append(comments[c.Number], c.ID)
		}
	}
	for issue := 1; issue <= 3; issue++ {
		srv.AddCommentReaction("acme/agreements", comments[issue][0], "carol", "+1", at.Add(-time.Hour))
	}
	live, paths := countedRun(t, srv, at, "checkin", "results", dir, "-o", "json")
	// 5 requests: the list, Q4's and Q3's comments, and one reactions list for each one's rated comment;
	// Q2's #1 is not read, nor are the four comments without a vote.
	want := fmt.Sprintf("[repos/acme/agreements/issues repos/acme/agreements/issues/3/comments "+
		"repos/acme/agreements/issues/comments/%d/reactions repos/acme/agreements/issues/2/comments repos/acme/agreements/issues/comments/%d/reactions]",
		comments[3][0], comments[2][0])
	if live.code != 0 || fmt.Sprint(paths) != want {
		t.Errorf("requests %v\nwant %s\n%s", paths, want, live)
	}
	snap := t.TempDir() + "/issues.json.gz"
	if r := runLiveAt(t, srv, t.TempDir(), at, "fetch", dir, "--out", snap); r.code != 0 {
		t.Fatal(r)
	}
	if offline := run(t, "checkin", "results", dir, "--snapshot", snap, "-o", "json"); offline.out != live.out {
		t.Errorf("from a snapshot of every check-in:\n%s\nlive:\n%s", offline, live)
	}
	if r, paths := countedRun(t, srv, at, "checkin", "results", dir, "--period", "2026-Q3", "-o", "json"); r.code != 0 ||
		!strings.Contains(r.out, `"previous_period": "2026-Q2"`) || len(paths) != 5 {
		t.Errorf("--period 2026-Q3: requests %v\n%s", paths, r)
	}
}

// TestCheckinOpenWithoutAccess: a token that may not write the check-in
// repository (GitHub's 403) or cannot see it (404) is told what it needs,
// and nothing is made.
func TestCheckinOpenWithoutAccess(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	dir := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "a.yaml": checkinAgreement})
	srv := checkinFake(t)
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/agreements/labels$`, Status: 403})
	r := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", dir)
	for _, want := range []string{"403", "creating the label sla-checkin in acme/agreements", "issues: write"} {
		if r.code != 2 || !strings.Contains(r.err, want) {
			t.Errorf("no write access: lacks %q:\n%s", want, r)
		}
	}
	if !strings.Contains(r.out, `did not open "Check-in: Requests to Platform — 2026-Q4"`) || strings.Contains(r.out, "opened") ||
		strings.Contains(r.err, "again") {
		t.Errorf("no write access: says it opened the issue, or to run again:\n%s", r)
	}
	hidden := writeOrg(t, map[string]string{"teams.yaml": teamsYAML,
		"a.yaml": strings.Replace(checkinAgreement, "repo: acme/agreements", "repo: acme/hidden", 1)})
	r = runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", hidden)
	for _, want := range []string{"listing the check-in issues of acme/hidden", "not found, or the token from GITHUB_TOKEN cannot see it"} {
		if r.code == 0 || !strings.Contains(r.err, want) {
			t.Errorf("no such repository, or not visible: lacks %q:\n%s", want, r)
		}
	}
	if got := created(srv); got != "" {
		t.Errorf("created %s", got)
	}
}
