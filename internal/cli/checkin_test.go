package cli_test

import (
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

	dry := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", dir)
	if dry.code != 0 || created(srv) != "" || !strings.Contains(dry.out, `would open "Check-in: Requests to Platform — 2026-Q4" with 3 expectations to rate`) ||
		!strings.Contains(dry.out, "would create the label sla-checkin") || !strings.Contains(dry.err, "a dry run") {
		t.Fatalf("dry run:\n%s\ncreated: %s", dry, created(srv))
	}
	first := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", dir)
	if first.code != 0 || created(srv) != "label:201 issue:201 comment:201 comment:201 comment:201" {
		t.Fatalf("first run:\n%s\ncreated: %s", first, created(srv))
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
	second := runLiveAt(t, srv, t.TempDir(), at, "checkin", "open", "--yes", dir)
	if second.code != 0 || len(srv.Created()) != 5 || !strings.Contains(second.out, "#1 has all 3 expectations: nothing to do") {
		t.Errorf("second run:\n%s\ncreated: %s", second, created(srv))
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
