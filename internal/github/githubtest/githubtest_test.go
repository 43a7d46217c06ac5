package githubtest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func h(n float64) time.Time { return t0.Add(time.Duration(n * float64(time.Hour))) }

// fixture is acme/app with issues 1–12 opened at h(n), each labelled
// "request" when opened and answered by alice at h(n+0.5); every fourth is a
// pull request by a bot, every third was closed by alice at h(n+20), issue 7
// also carries P1, and a bot commented on issue 5 at h(40). acme/ops has one
// issue; team acme/platform is alice and bob.
func fixture() *snapshot.Snapshot {
	app := &snapshot.Repo{Name: "acme/app", HTMLURL: "https://github.com/acme/app"}
	for n := 1; n <= 12; n++ {
		is := snapshot.Issue{Number: n, Title: fmt.Sprintf("Request %d", n), Author: "carol",
			Labels: []string{"request"}, CreatedAt: h(float64(n))}
		if n%4 == 0 {
			is.PullRequest, is.Author, is.AuthorBot = true, "dependabot[bot]", true
		}
		app.Events = append(app.Events, snapshot.Event{Issue: n, Kind: snapshot.Labeled, Label: "request",
			Actor: is.Author, ActorBot: is.AuthorBot, CreatedAt: h(float64(n))})
		if n == 7 {
			is.Labels = append(is.Labels, "P1")
			app.Events = append(app.Events, snapshot.Event{Issue: n, Kind: snapshot.Labeled, Label: "P1",
				Actor: "alice", CreatedAt: h(7.25)})
		}
		if n%3 == 0 {
			is.ClosedAt, is.StateReason = h(float64(n+20)), "completed"
			app.Events = append(app.Events, snapshot.Event{Issue: n, Kind: snapshot.Closed, Actor: "alice",
				CreatedAt: is.ClosedAt})
		}
		app.Issues = append(app.Issues, is)
		app.Comments = append(app.Comments, snapshot.Comment{ID: int64(9000 + n), Issue: n, Author: "alice", Association: "MEMBER",
			CreatedAt: h(float64(n) + 0.5)})
	}
	// The requester rates #3 (a bot too), and thanks alice for her comment on it.
	app.Reactions = []snapshot.Reaction{
		{ID: 1, Issue: 3, Login: "carol", Content: "+1", CreatedAt: h(24)},
		{ID: 2, Issue: 3, Login: "rating-bot[bot]", Bot: true, Content: "-1", CreatedAt: h(24.5)},
		{ID: 3, Issue: 3, Comment: 9003, Login: "carol", Content: "heart", CreatedAt: h(24)},
	}
	app.Comments = append(app.Comments, snapshot.Comment{Issue: 5, Author: "github-actions[bot]", AuthorBot: true,
		Association: "NONE", CreatedAt: h(40)})
	ops := &snapshot.Repo{Name: "acme/ops", Issues: []snapshot.Issue{{Number: 1, Title: "Ops", Author: "dave",
		CreatedAt: h(1)}}}
	return &snapshot.Snapshot{FetchedAt: h(50), Since: t0, Repos: []*snapshot.Repo{app, ops},
		Teams: map[string][]string{"acme/platform": {"alice", "bob"}}}
}

// byUpdated is acme/app's issues, most recently updated first: 5 (bot comment
// at h40), then the closed ones at h(n+20): 12 (h32), 9 (h29), 6 (h26), 3
// (h23), then the others at their comment, h(n+0.5).
var byUpdated = []int{5, 12, 9, 6, 3, 11, 10, 8, 7, 4, 2, 1}

func newServer(t *testing.T, opts ...githubtest.Option) *githubtest.Server {
	s := githubtest.New(t, opts...)
	s.Load(fixture())
	return s
}

// get requests a path under the base URL (or an absolute URL), with
// headers given as name, value pairs.
func get(t *testing.T, s *githubtest.Server, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	u := path
	if !strings.HasPrefix(u, "http") {
		u = s.URL + path
	}
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// list decodes a JSON array of objects.
func list(t *testing.T, body []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return out
}

func numbers(t *testing.T, body []byte) []int {
	t.Helper()
	var out []int
	for _, o := range list(t, body) {
		out = append(out, int(o["number"].(float64)))
	}
	return out
}

func message(t *testing.T, body []byte) string {
	t.Helper()
	var e struct{ Message string }
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return e.Message
}

func wantStatus(t *testing.T, resp *http.Response, body []byte, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s: status %d, want %d: %s", resp.Request.URL, resp.StatusCode, want, body)
	}
}

var linkRE = regexp.MustCompile(`<([^>]+)>; rel="(\w+)"`)

// links maps rel to URL.
func links(resp *http.Response) map[string]string {
	out := map[string]string{}
	for _, m := range linkRE.FindAllStringSubmatch(resp.Header.Get("Link"), -1) {
		out[m[2]] = m[1]
	}
	return out
}

const issuesQuery = "repos/acme/app/issues?state=all&sort=updated&direction=desc"

func TestPageLinks(t *testing.T) {
	s := newServer(t)
	q := "?direction=desc&per_page=3&sort=updated&state=all" // 12 issues: 4 pages
	resp, body := get(t, s, "repos/acme/app/issues"+q)
	wantStatus(t, resp, body, 200)
	base := s.URL + "repos/acme/app/issues?direction=desc&"
	want := fmt.Sprintf(`<%spage=2&per_page=3&sort=updated&state=all>; rel="next", `+
		`<%spage=4&per_page=3&sort=updated&state=all>; rel="last"`, base, base)
	if got := resp.Header.Get("Link"); got != want {
		t.Errorf("page 1 Link:\n got %s\nwant %s", got, want)
	}
	resp, _ = get(t, s, "repos/acme/app/issues"+q+"&page=2")
	want = fmt.Sprintf(`<%[1]spage=1&per_page=3&sort=updated&state=all>; rel="prev", `+
		`<%[1]spage=3&per_page=3&sort=updated&state=all>; rel="next", `+
		`<%[1]spage=4&per_page=3&sort=updated&state=all>; rel="last", `+
		`<%[1]spage=1&per_page=3&sort=updated&state=all>; rel="first"`, base)
	if got := resp.Header.Get("Link"); got != want {
		t.Errorf("page 2 Link:\n got %s\nwant %s", got, want)
	}
	resp, body = get(t, s, "repos/acme/app/issues"+q+"&page=4")
	if l := links(resp); l["next"] != "" || l["last"] != "" || l["prev"] == "" {
		t.Errorf("last page links %v", l)
	}
	if got := numbers(t, body); !slices.Equal(got, byUpdated[9:]) {
		t.Errorf("page 4 = %v, want %v", got, byUpdated[9:])
	}
	// One page: no Link at all.
	resp, _ = get(t, s, issuesQuery)
	if l := resp.Header.Get("Link"); l != "" {
		t.Errorf("single page has Link %s", l)
	}
}

func TestCursorPagination(t *testing.T) {
	s := newServer(t, githubtest.WithCursorAfterPage(2))
	// per_page=2: pages 1 and 2 by number, then cursors.
	resp, body := get(t, s, issuesQuery+"&per_page=2")
	wantStatus(t, resp, body, 200)
	if l := links(resp); l["last"] != "" || !strings.Contains(l["next"], "page=2") {
		t.Fatalf("page 1 links %v: the last page (6) is past the threshold, so no rel=last", l)
	}
	var got []int
	next := s.URL + issuesQuery + "&per_page=2"
	var pages []string
	for next != "" {
		pages = append(pages, next)
		resp, body := get(t, s, next)
		wantStatus(t, resp, body, 200)
		got = append(got, numbers(t, body)...)
		next = links(resp)["next"]
		if len(pages) > 10 {
			t.Fatal("too many pages")
		}
	}
	if !slices.Equal(got, byUpdated) {
		t.Errorf("following next: %v, want %v", got, byUpdated)
	}
	if len(pages) != 6 {
		t.Fatalf("%d pages, want 6", len(pages))
	}
	wantCursor := regexp.MustCompile(`^` + regexp.QuoteMeta(s.URL) +
		`repositories/1000/issues\?after=[A-Za-z0-9_-]+&direction=desc&per_page=2&sort=updated&state=all$`)
	if !wantCursor.MatchString(pages[2]) {
		t.Errorf("page 3 URL %s: want a cursor link on repositories/1000", pages[2])
	}
	// A cursor page links back with before=.
	resp, _ = get(t, s, pages[3])
	l := links(resp)
	if l["last"] != "" || l["first"] != "" || !strings.Contains(l["prev"], "before=") {
		t.Errorf("cursor page links %v", l)
	}
	_, body = get(t, s, l["prev"])
	if got := numbers(t, body); !slices.Equal(got, byUpdated[4:6]) {
		t.Errorf("prev of page 4 = %v, want %v", got, byUpdated[4:6])
	}

	// A client computing page numbers fails past the threshold.
	resp, body = get(t, s, issuesQuery+"&per_page=2&page=3")
	wantStatus(t, resp, body, 422)
	if m := message(t, body); !strings.HasPrefix(m, "Pagination with the page parameter is not supported") {
		t.Errorf("deep page message %q", m)
	}
	// Comments and repository events paginate the same way.
	for _, p := range []string{"issues/comments?sort=updated&direction=desc", "issues/events?"} {
		resp, body := get(t, s, "repos/acme/app/"+p+"&per_page=5&page=2")
		wantStatus(t, resp, body, 200)
		if !strings.Contains(links(resp)["next"], "repositories/1000/"+p[:strings.Index(p, "?")]+"?after=") {
			t.Errorf("%s page 2 next = %q, want a cursor link", p, links(resp)["next"])
		}
		resp, body = get(t, s, "repos/acme/app/"+p+"&per_page=5&page=3")
		wantStatus(t, resp, body, 422)
	}
	// One issue's events and team members are never cursor-paginated.
	resp, body = get(t, s, "repos/acme/app/issues/3/events?per_page=1")
	wantStatus(t, resp, body, 200)
	if l := links(resp); !strings.HasSuffix(l["next"], "page=2&per_page=1") || !strings.HasSuffix(l["last"], "page=2&per_page=1") {
		t.Errorf("issue events page 1 links %v", l)
	}
	_, body = get(t, s, "repos/acme/app/issues/3/events?per_page=1&page=3")
	if string(body) != "[]" {
		t.Errorf("past the end: %s, want []", body)
	}
}

func TestRepositoriesForm(t *testing.T) {
	s := newServer(t)
	_, a := get(t, s, issuesQuery)
	_, b := get(t, s, "repositories/1000/issues?state=all&sort=updated&direction=desc")
	if string(a) != string(b) {
		t.Errorf("repositories/1000/issues differs from repos/acme/app/issues")
	}
	for path, want := range map[string]int{
		"repositories/1000": 1000, "repositories/1001": 1001, "repos/ACME/App": 1000, "repos/acme/ops": 1001,
	} {
		resp, body := get(t, s, path)
		wantStatus(t, resp, body, 200)
		var r struct {
			ID       int    `json:"id"`
			FullName string `json:"full_name"`
		}
		json.Unmarshal(body, &r)
		if r.ID != want || !strings.HasPrefix(r.FullName, "acme/") {
			t.Errorf("%s: id %d full_name %q, want id %d", path, r.ID, r.FullName, want)
		}
	}
	for _, path := range []string{"repositories/999", "repositories/1002/issues", "repos/acme/nope",
		"repos/acme/nope/issues", "repos/acme/nope/issues/comments", "repos/acme/app/issues/99/events",
		"orgs/acme/teams/nope/members", "users/alice"} {
		resp, body := get(t, s, path)
		wantStatus(t, resp, body, 404)
		if m := message(t, body); m != "Not Found" {
			t.Errorf("%s: message %q", path, m)
		}
	}
}

func TestPerPage(t *testing.T) {
	s := newServer(t)
	for n := 2; n <= 150; n++ {
		s.AddIssue("acme/ops", snapshot.Issue{Number: n, Title: "more", Author: "dave", CreatedAt: h(float64(n))})
	}
	for query, want := range map[string]int{"": 30, "?per_page=100": 100, "?per_page=500": 100, "?per_page=7": 7} {
		_, body := get(t, s, "repos/acme/ops/issues"+query)
		if got := len(list(t, body)); got != want {
			t.Errorf("per_page %q: %d items, want %d", query, got, want)
		}
	}
}

func TestIssuesFilterAndOrder(t *testing.T) {
	s := newServer(t)
	for _, tc := range []struct {
		query string
		want  []int
	}{
		{"state=all&sort=updated&direction=desc", byUpdated},
		{"state=all&sort=updated&direction=asc", reversed(byUpdated)},
		// Default: open only (not 3, 6, 9, 12), newest created first.
		{"", []int{11, 10, 8, 7, 5, 4, 2, 1}},
		{"state=closed", []int{12, 9, 6, 3}},
		// since is inclusive: 6 was updated at h26 exactly.
		{"state=all&sort=updated&direction=desc&since=" + h(26).Format(time.RFC3339), []int{5, 12, 9, 6}},
		{"state=all&labels=p1,request", []int{7}},
	} {
		resp, body := get(t, s, "repos/acme/app/issues?"+tc.query)
		wantStatus(t, resp, body, 200)
		if got := numbers(t, body); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.query, got, tc.want)
		}
	}
	resp, body := get(t, s, "repos/acme/app/issues?since=yesterday")
	wantStatus(t, resp, body, 422)

	_, body = get(t, s, issuesQuery)
	issues := map[float64]map[string]any{}
	for _, is := range list(t, body) {
		issues[is["number"].(float64)] = is
	}
	pr, plain, closed := issues[4], issues[1], issues[3]
	if pr["pull_request"] == nil || pr["html_url"] != "https://github.com/acme/app/pull/4" ||
		pr["user"].(map[string]any)["type"] != "Bot" {
		t.Errorf("pull request 4: %v", pr)
	}
	if _, ok := plain["pull_request"]; ok || plain["html_url"] != "https://github.com/acme/app/issues/1" ||
		plain["user"].(map[string]any)["type"] != "User" || plain["closed_at"] != nil || plain["state"] != "open" {
		t.Errorf("issue 1: %v", plain)
	}
	if closed["state"] != "closed" || closed["state_reason"] != "completed" ||
		closed["closed_at"] != "2026-11-03T08:00:00Z" || closed["comments"] != 1.0 { // h(23) = 2 Nov 09:00 + 23h
		t.Errorf("issue 3: %v", closed)
	}
	if got := issues[5]["updated_at"]; got != "2026-11-04T01:00:00Z" { // h(40): the bot's comment
		t.Errorf("issue 5 updated_at %v", got)
	}
	if got := issues[7]["labels"].([]any)[1].(map[string]any)["name"]; got != "P1" {
		t.Errorf("issue 7 labels %v", issues[7]["labels"])
	}
}

func reversed(xs []int) []int {
	out := slices.Clone(xs)
	slices.Reverse(out)
	return out
}

func TestComments(t *testing.T) {
	s := newServer(t)
	issueOf := func(c map[string]any) int {
		u := c["issue_url"].(string)
		n, _ := strconv.Atoi(u[strings.LastIndex(u, "/")+1:])
		return n
	}
	// Comments at h(n+0.5) for n ≥ 10 and the bot's at h(40) on issue 5.
	_, body := get(t, s, "repos/acme/app/issues/comments?sort=updated&direction=desc&since="+h(10).Format(time.RFC3339))
	var got []int
	for _, c := range list(t, body) {
		got = append(got, issueOf(c))
	}
	if want := []int{5, 12, 11, 10}; !slices.Equal(got, want) {
		t.Errorf("comments since h10: issues %v, want %v", got, want)
	}
	// Without sort: oldest first.
	_, body = get(t, s, "repos/acme/app/issues/comments?per_page=2")
	cs := list(t, body)
	if issueOf(cs[0]) != 1 || issueOf(cs[1]) != 2 || cs[0]["issue_url"] != s.URL+"repos/acme/app/issues/1" {
		t.Errorf("unsorted comments %v", cs)
	}
	if cs[0]["author_association"] != "MEMBER" || cs[0]["created_at"] != "2026-11-02T10:30:00Z" {
		t.Errorf("comment %v", cs[0])
	}
}

func TestEvents(t *testing.T) {
	s := newServer(t)
	s.AddOtherEvent("acme/app", 2, "mentioned", "bob", h(45))
	_, body := get(t, s, "repos/acme/app/issues/events?per_page=100")
	evs := list(t, body)
	// 12 "request" labels, one P1, four closes, one mention.
	if len(evs) != 18 {
		t.Fatalf("%d events, want 18", len(evs))
	}
	if evs[0]["event"] != "mentioned" || evs[1]["event"] != "closed" || evs[1]["created_at"] != "2026-11-03T17:00:00Z" {
		t.Errorf("newest events: %v, %v", evs[0], evs[1]) // the mention at h45, then 12's close at h32
	}
	for i, e := range evs {
		if i > 0 && e["created_at"].(string) > evs[i-1]["created_at"].(string) {
			t.Errorf("event %d is newer than the one before", i)
		}
		if e["issue"].(map[string]any)["number"] == nil {
			t.Errorf("event %d has no issue number", i)
		}
		if _, ok := e["label"]; ok != (e["event"] == "labeled") {
			t.Errorf("event %d: %v", i, e)
		}
	}
	// One issue's events: oldest first, without the issue.
	_, body = get(t, s, "repos/acme/app/issues/3/events")
	evs = list(t, body)
	if len(evs) != 2 || evs[0]["event"] != "labeled" || evs[1]["event"] != "closed" || evs[0]["issue"] != nil {
		t.Errorf("issue 3 events %v", evs)
	}
	if l := evs[0]["label"].(map[string]any); l["name"] != "request" || len(l["color"].(string)) != 6 {
		t.Errorf("label %v", l)
	}
	// The mention changed nothing: 2 still last updated by its comment.
	_, body = get(t, s, issuesQuery)
	if got := numbers(t, body); !slices.Equal(got, byUpdated) {
		t.Errorf("after a mention: %v", got)
	}
}

func TestMutations(t *testing.T) {
	s := newServer(t, githubtest.WithCursorAfterPage(1))
	resp, _ := get(t, s, issuesQuery+"&per_page=3")
	next := links(resp)["next"]

	s.AddIssue("acme/app", snapshot.Issue{Number: 13, Title: "new", Author: "erin", CreatedAt: h(48)})
	s.AddEvent("acme/app", snapshot.Event{Issue: 1, Kind: snapshot.Labeled, Label: "urgent", Actor: "bob", CreatedAt: h(49)})
	s.AddComment("acme/app", snapshot.Comment{Issue: 2, Author: "bob", Association: "MEMBER", CreatedAt: h(50)})
	s.AddEvent("acme/app", snapshot.Event{Issue: 11, Kind: snapshot.Closed, Actor: "bob", CreatedAt: h(51)})
	s.AddEvent("acme/app", snapshot.Event{Issue: 3, Kind: snapshot.Reopened, Actor: "carol", CreatedAt: h(52)})
	s.AddEvent("acme/app", snapshot.Event{Issue: 7, Kind: snapshot.Unlabeled, Label: "P1", Actor: "bob", CreatedAt: h(53)})

	// The cursor taken before the changes (after 9, updated at h29) goes on
	// with what now sorts after 9: 6 (h26), 10 (h10.5), 8 (h8.5); 3 and 11
	// moved above it.
	_, body := get(t, s, next)
	if got := numbers(t, body); !slices.Equal(got, []int{6, 10, 8}) {
		t.Errorf("cursor page after changes = %v, want [6 10 8]", got)
	}

	_, body = get(t, s, issuesQuery)
	issues := map[float64]map[string]any{}
	for _, is := range list(t, body) {
		issues[is["number"].(float64)] = is
	}
	if got := numbers(t, body)[:6]; !slices.Equal(got, []int{7, 3, 11, 2, 1, 13}) {
		t.Errorf("updated order %v, want 7 3 11 2 1 13 (h53, h52, h51, h50, h49, h48)", got)
	}
	if is := issues[1]; len(is["labels"].([]any)) != 2 || is["updated_at"] != "2026-11-04T10:00:00Z" {
		t.Errorf("issue 1 after labeled: %v", is)
	}
	if is := issues[2]; is["comments"] != 2.0 {
		t.Errorf("issue 2 comments %v", is["comments"])
	}
	if is := issues[11]; is["state"] != "closed" || is["state_reason"] != "completed" || is["closed_at"] != "2026-11-04T12:00:00Z" {
		t.Errorf("issue 11 after closed: %v", is)
	}
	if is := issues[3]; is["state"] != "open" || is["state_reason"] != "reopened" || is["closed_at"] != nil {
		t.Errorf("issue 3 after reopened: %v", is)
	}
	if is := issues[7]; len(is["labels"].([]any)) != 1 {
		t.Errorf("issue 7 after unlabeled: %v", is["labels"])
	}
	_, body = get(t, s, "repos/acme/app/issues/7/events")
	if evs := list(t, body); evs[len(evs)-1]["event"] != "unlabeled" {
		t.Errorf("issue 7 events %v", evs)
	}
}

func TestETag(t *testing.T) {
	s := newServer(t)
	resp, body := get(t, s, issuesQuery, "Authorization", "Bearer one")
	wantStatus(t, resp, body, 200)
	tag := resp.Header.Get("ETag")
	if !regexp.MustCompile(`^W/"[0-9a-f]{64}"$`).MatchString(tag) {
		t.Fatalf("ETag %q", tag)
	}
	if got := resp.Header.Get("X-RateLimit-Remaining"); got != "4999" {
		t.Errorf("remaining %s after one request", got)
	}
	resp, body = get(t, s, issuesQuery, "Authorization", "Bearer one", "If-None-Match", tag)
	wantStatus(t, resp, body, 304)
	if len(body) != 0 || resp.Header.Get("ETag") != tag || resp.Header.Get("Link") != "" {
		t.Errorf("304: body %q, ETag %q, Link %q", body, resp.Header.Get("ETag"), resp.Header.Get("Link"))
	}
	if got := resp.Header.Get("X-RateLimit-Remaining"); got != "4999" {
		t.Errorf("a 304 cost a request: remaining %s", got)
	}
	// The same body for another token has another ETag.
	resp, body = get(t, s, issuesQuery, "Authorization", "Bearer two", "If-None-Match", tag)
	wantStatus(t, resp, body, 200)
	if resp.Header.Get("ETag") == tag || resp.Header.Get("X-RateLimit-Remaining") != "4998" {
		t.Errorf("other token: ETag %s remaining %s", resp.Header.Get("ETag"), resp.Header.Get("X-RateLimit-Remaining"))
	}
	s.AddComment("acme/app", snapshot.Comment{Issue: 1, Author: "bob", CreatedAt: h(60)})
	resp, body = get(t, s, issuesQuery, "Authorization", "Bearer one", "If-None-Match", tag)
	wantStatus(t, resp, body, 200)
	reqs := s.Requests()
	if len(reqs) != 4 || reqs[1].IfNoneMatch != tag || reqs[1].Status != 304 || reqs[0].Authorization != "Bearer one" ||
		reqs[0].Path != "repos/acme/app/issues" || reqs[0].RawQuery != "state=all&sort=updated&direction=desc" {
		t.Errorf("requests %+v", reqs)
	}
	s.ResetRequests()
	if len(s.Requests()) != 0 {
		t.Errorf("ResetRequests kept %v", s.Requests())
	}
}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func rateHeaders(resp *http.Response) string {
	return fmt.Sprintf("%s/%s used %s reset %s", resp.Header.Get("X-RateLimit-Remaining"),
		resp.Header.Get("X-RateLimit-Limit"), resp.Header.Get("X-RateLimit-Used"), resp.Header.Get("X-RateLimit-Reset"))
}

func TestRateLimit(t *testing.T) {
	c := &clock{t: h(100)}
	s := newServer(t, githubtest.WithClock(c.Now))
	s.SetRateLimit(10, 2, time.Minute)
	reset := c.Now().Add(time.Minute).Unix()
	for i, want := range []string{"1/10 used 9", "0/10 used 10"} {
		resp, body := get(t, s, "repos/acme/app")
		wantStatus(t, resp, body, 200)
		if got := rateHeaders(resp); got != fmt.Sprintf("%s reset %d", want, reset) {
			t.Errorf("request %d: %s", i, got)
		}
		if resp.Header.Get("X-RateLimit-Resource") != "core" || resp.Header.Get("X-GitHub-Api-Version-Selected") != "2022-11-28" ||
			resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("headers %v", resp.Header)
		}
	}
	resp, body := get(t, s, "repos/acme/app")
	wantStatus(t, resp, body, 403)
	if m := message(t, body); !strings.HasPrefix(m, "API rate limit exceeded for ") || rateHeaders(resp) != fmt.Sprintf("0/10 used 10 reset %d", reset) {
		t.Errorf("exhausted: %q %s", m, rateHeaders(resp))
	}
	// rate_limit is free and still answers.
	resp, body = get(t, s, "rate_limit")
	wantStatus(t, resp, body, 200)
	var rl struct {
		Rate struct{ Limit, Remaining, Used int }
	}
	json.Unmarshal(body, &rl)
	if rl.Rate.Limit != 10 || rl.Rate.Remaining != 0 || rl.Rate.Used != 10 {
		t.Errorf("rate_limit %s", body)
	}
	c.Add(61 * time.Second)
	resp, body = get(t, s, "repos/acme/app")
	wantStatus(t, resp, body, 200)
	// The next window starts with the first request after the reset.
	if got, want := rateHeaders(resp), fmt.Sprintf("9/10 used 1 reset %d", c.Now().Add(time.Hour).Unix()); got != want {
		t.Errorf("after reset: %s, want %s", got, want)
	}
}

func TestFaults(t *testing.T) {
	c := &clock{t: h(100)}
	for _, tc := range []struct {
		name   string
		fault  githubtest.Fault
		status int
		check  func(t *testing.T, resp *http.Response, body []byte)
	}{
		{"500", githubtest.Fault{Status: 500}, 500, nil},
		{"502", githubtest.Fault{Status: 502}, 502, nil},
		{"404", githubtest.Fault{Status: 404}, 404, func(t *testing.T, _ *http.Response, body []byte) {
			if message(t, body) != "Not Found" {
				t.Errorf("body %s", body)
			}
		}},
		{"401", githubtest.Fault{Status: 401}, 401, func(t *testing.T, _ *http.Response, body []byte) {
			if message(t, body) != "Bad credentials" {
				t.Errorf("body %s", body)
			}
		}},
		{"403 forbidden", githubtest.Fault{Status: 403}, 403, func(t *testing.T, resp *http.Response, body []byte) {
			if resp.Header.Get("Retry-After") != "" || resp.Header.Get("X-RateLimit-Remaining") == "0" ||
				strings.Contains(string(body), "rate limit") {
				t.Errorf("plain 403: %v %s", resp.Header, body)
			}
		}},
		{"403 secondary", githubtest.Fault{Status: 403, RetryAfter: 1500 * time.Millisecond}, 403,
			func(t *testing.T, resp *http.Response, body []byte) {
				var e struct {
					Message          string
					DocumentationURL string `json:"documentation_url"`
				}
				json.Unmarshal(body, &e)
				if resp.Header.Get("Retry-After") != "2" || !strings.HasPrefix(e.Message, "You have exceeded a secondary rate limit") ||
					!strings.HasSuffix(e.DocumentationURL, "secondary-rate-limits") {
					t.Errorf("secondary: Retry-After %q, %s", resp.Header.Get("Retry-After"), body)
				}
			}},
		{"429", githubtest.Fault{Status: 429, RetryAfter: 3 * time.Second}, 429, func(t *testing.T, resp *http.Response, body []byte) {
			if resp.Header.Get("Retry-After") != "3" {
				t.Errorf("429 Retry-After %q", resp.Header.Get("Retry-After"))
			}
		}},
		{"exhaust", githubtest.Fault{Exhaust: true, ResetIn: 30 * time.Second}, 403, func(t *testing.T, resp *http.Response, body []byte) {
			want := fmt.Sprintf("0/5000 used 5000 reset %d", c.Now().Add(30*time.Second).Unix())
			if got := rateHeaders(resp); got != want || !strings.HasPrefix(message(t, body), "API rate limit exceeded for ") {
				t.Errorf("exhaust: %s, want %s; %s", got, want, body)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, githubtest.WithClock(c.Now))
			f := tc.fault
			f.PathRegexp, f.Times = `^repos/acme/app/issues$`, 2
			s.Inject(f)
			// Other paths are not affected.
			resp, body := get(t, s, "repos/acme/app/issues/comments")
			wantStatus(t, resp, body, 200)
			for range 2 {
				resp, body = get(t, s, issuesQuery)
				wantStatus(t, resp, body, tc.status)
				if tc.check != nil {
					tc.check(t, resp, body)
				}
			}
			resp, body = get(t, s, issuesQuery)
			wantStatus(t, resp, body, 200)
			if resp.Header.Get("Retry-After") != "" || resp.Header.Get("X-RateLimit-Remaining") == "0" {
				t.Errorf("after the fault: %v", resp.Header)
			}
		})
	}
}

func TestFaultOrderAndForever(t *testing.T) {
	s := newServer(t)
	s.Inject(githubtest.Fault{PathRegexp: `issues`, Times: 1, Status: 502})
	s.Inject(githubtest.Fault{PathRegexp: `issues$`, Status: 500})
	for i, want := range []int{502, 500, 500, 500} {
		resp, body := get(t, s, "repos/acme/app/issues")
		if resp.StatusCode != want {
			t.Errorf("request %d: %d, want %d: %s", i, resp.StatusCode, want, body)
		}
	}
}

func TestFaultDelay(t *testing.T) {
	s := newServer(t)
	s.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app$`, Times: 1, Delay: 5 * time.Second})
	client := *s.Client()
	client.Timeout = 100 * time.Millisecond
	start := time.Now()
	if _, err := client.Get(s.URL + "repos/acme/app"); err == nil {
		t.Fatal("no timeout")
	}
	resp, err := client.Get(s.URL + "repos/acme/app")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || time.Since(start) > 2*time.Second {
		t.Errorf("after the delay: %d in %v", resp.StatusCode, time.Since(start))
	}
	// The abandoned request is recorded with status 0 (the handler may still
	// be noticing that the client left).
	deadline := time.Now().Add(2 * time.Second)
	for reqs := s.Requests(); len(reqs) != 2 || reqs[0].Status != 0 || reqs[1].Status != 200; reqs = s.Requests() {
		if time.Now().After(deadline) {
			t.Fatalf("requests %+v", reqs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestToken(t *testing.T) {
	s := newServer(t, githubtest.WithToken("s3cret"))
	for _, tc := range []struct {
		auth   string
		status int
	}{{"", 401}, {"Bearer wrong", 401}, {"s3cret", 401}, {"Bearer s3cret", 200}, {"token s3cret", 200}} {
		var hdr []string
		if tc.auth != "" {
			hdr = []string{"Authorization", tc.auth}
		}
		resp, body := get(t, s, "repos/acme/app", hdr...)
		wantStatus(t, resp, body, tc.status)
		if tc.status == 401 && message(t, body) != "Bad credentials" {
			t.Errorf("%q: %s", tc.auth, body)
		}
	}
}

func TestEnterprise(t *testing.T) {
	s := newServer(t, githubtest.Enterprise())
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+/api/v3/$`).MatchString(s.URL) {
		t.Fatalf("URL %s", s.URL)
	}
	resp, body := get(t, s, issuesQuery+"&per_page=5")
	wantStatus(t, resp, body, 200)
	if next := links(resp)["next"]; !strings.HasPrefix(next, s.URL+"repos/acme/app/issues?") {
		t.Errorf("next %s", next)
	}
	if u := list(t, body)[0]["url"].(string); !strings.HasPrefix(u, s.URL+"repos/acme/app/issues/") {
		t.Errorf("issue url %s", u)
	}
	resp, body = get(t, s, strings.TrimSuffix(s.URL, "api/v3/")+"repos/acme/app")
	wantStatus(t, resp, body, 404)
	if reqs := s.Requests(); reqs[0].Path != "repos/acme/app/issues" {
		t.Errorf("recorded path %q", reqs[0].Path)
	}
}

func TestTeamMembers(t *testing.T) {
	s := newServer(t)
	resp, body := get(t, s, "orgs/ACME/teams/platform/members?per_page=100")
	wantStatus(t, resp, body, 200)
	var logins []string
	for _, u := range list(t, body) {
		if u["type"] != "User" {
			t.Errorf("member %v", u)
		}
		logins = append(logins, u["login"].(string))
	}
	if !slices.Equal(logins, []string{"alice", "bob"}) {
		t.Errorf("members %v", logins)
	}
}

func TestConcurrent(t *testing.T) {
	s := newServer(t, githubtest.WithLatency(time.Millisecond))
	paths := []string{issuesQuery + "&per_page=5", "repos/acme/app/issues/comments?per_page=5",
		"repos/acme/app/issues/events?per_page=5", "repos/acme/app/issues/3/events", "orgs/acme/teams/platform/members",
		"repositories/1000/issues?state=all", "rate_limit"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				resp, err := s.Client().Get(s.URL + paths[(g+i)%len(paths)])
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("%s: %d", resp.Request.URL, resp.StatusCode)
				}
			}
		})
	}
	wg.Go(func() {
		for i := range 20 {
			s.AddComment("acme/app", snapshot.Comment{Issue: 1 + i%12, Author: "bob", CreatedAt: h(float64(60 + i))})
			s.AddEvent("acme/app", snapshot.Event{Issue: 1 + i%12, Kind: snapshot.Labeled, Label: "x", Actor: "bob", CreatedAt: h(float64(60 + i))})
			s.Inject(githubtest.Fault{PathRegexp: "^nowhere$", Times: 1, Status: 500})
			s.SetRateLimit(5000, 5000, time.Hour)
			_ = s.Requests()
		}
	})
	wg.Wait()
	if n := len(s.Requests()); n != 160 {
		t.Errorf("%d requests recorded, want 160", n)
	}
}

// The faults a client's bounds are tested against: redirects, a Link
// header replaced or left out, a secondary limit that does not say how
// long to wait.
func TestFaultRedirectsAndLinks(t *testing.T) {
	s := newServer(t)
	noFollow := *s.Client()
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	to := s.URL + "repositories/1000/issues?state=all"
	s.Inject(githubtest.Fault{PathRegexp: `^repos/acme/old/issues$`, Times: 1, Status: 301, Location: to})
	resp, err := noFollow.Get(s.URL + "repos/acme/old/issues?state=all")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var moved struct{ Message, URL string }
	json.Unmarshal(body, &moved)
	if resp.StatusCode != 301 || resp.Header.Get("Location") != to || moved.Message != "Moved Permanently" || moved.URL != to {
		t.Errorf("301: %d Location %q, %s", resp.StatusCode, resp.Header.Get("Location"), body)
	}

	elsewhere := `<http://elsewhere.example/repos/acme/app/issues?page=2>; rel="next"`
	s.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues$`, Times: 1, Link: elsewhere})
	s.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues$`, Times: 1, NoLink: true})
	for _, want := range []string{elsewhere, "", `rel="next"`} {
		resp, body := get(t, s, issuesQuery+"&per_page=2")
		wantStatus(t, resp, body, 200)
		if got := resp.Header.Get("Link"); !strings.Contains(got, want) || (want == "" && got != "") {
			t.Errorf("Link %q, want %q", got, want)
		}
		if len(numbers(t, body)) != 2 {
			t.Errorf("the page itself changed: %s", body)
		}
	}

	s.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues$`, Times: 1, Status: 403, Secondary: true})
	resp, body = get(t, s, issuesQuery)
	wantStatus(t, resp, body, 403)
	if resp.Header.Get("Retry-After") != "" || !strings.Contains(message(t, body), "secondary rate limit") {
		t.Errorf("secondary limit without Retry-After: %v %s", resp.Header, body)
	}
}

// GitHub serves the repository-wide events list only so deep: past it,
// 422 "pagination is limited", by page number or cursor alike.
func TestEventsPageLimit(t *testing.T) {
	for _, cursorAfter := range []int{5, 1} { // pages by number; by cursor from the second
		s := newServer(t, githubtest.WithEventsPageLimit(2), githubtest.WithCursorAfterPage(cursorAfter))
		// 17 events, 5 a page: pages 1 and 2 served, the second still
		// linking to a third, which is refused.
		next := s.URL + "repos/acme/app/issues/events?per_page=5"
		var got int
		for range 2 {
			resp, body := get(t, s, next)
			wantStatus(t, resp, body, 200)
			got += len(list(t, body))
			next = links(resp)["next"]
		}
		if got != 10 || next == "" {
			t.Fatalf("%d events in two pages, next %q: want 10, and a link to more", got, next)
		}
		resp, body := get(t, s, next)
		wantStatus(t, resp, body, 422)
		if m := message(t, body); !strings.Contains(m, "pagination is limited for this resource") {
			t.Errorf("%s: %q", next, m)
		}
		if cursorAfter == 5 { // other lists are not limited
			resp, body = get(t, s, "repos/acme/app/issues/comments?per_page=5&page=3")
			wantStatus(t, resp, body, 200)
		}
	}
}
