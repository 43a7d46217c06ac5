package github_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

const token = "ghp_SECRETtoken0123456789abcdefXYZ"

var fetchedAt = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// sample is a small repository: 250 issues over 50 days, 3 comments and 2
// events each, so that every stream spans several pages of 100.
func sample(repos ...string) *snapshot.Snapshot {
	s := &snapshot.Snapshot{FetchedAt: fetchedAt, Since: fetchedAt.Add(-60 * 24 * time.Hour),
		Teams: map[string][]string{"acme/platform": {"alice", "bob"}}}
	for _, name := range repos {
		r := &snapshot.Repo{Name: name, HTMLURL: "https://github.com/" + name}
		for i := 1; i <= 250; i++ {
			opened := fetchedAt.Add(-time.Duration(250-i) * 4 * time.Hour)
			is := snapshot.Issue{Number: i, Title: fmt.Sprintf("Issue %d", i), Author: "carol", CreatedAt: opened, Labels: []string{"request"}}
			r.Events = append(r.Events, snapshot.Event{Issue: i, Kind: snapshot.Labeled, Label: "request", Actor: "carol", CreatedAt: opened})
			for c := 1; c <= 3; c++ {
				r.Comments = append(r.Comments, snapshot.Comment{Issue: i, Author: []string{"alice", "dependabot[bot]", "carol"}[c-1],
					AuthorBot: c == 2, Association: "MEMBER", CreatedAt: opened.Add(time.Duration(c) * 10 * time.Minute)})
			}
			if i%2 == 0 {
				closed := opened.Add(3 * time.Hour)
				is.ClosedAt, is.StateReason = closed, "completed"
				r.Events = append(r.Events, snapshot.Event{Issue: i, Kind: snapshot.Closed, Actor: "alice", CreatedAt: closed})
			}
			r.Issues = append(r.Issues, is)
		}
		s.Repos = append(s.Repos, r)
	}
	return s
}

type fixture struct {
	srv    *githubtest.Server
	client *github.Client
	notes  *bytes.Buffer
	slept  *[]time.Duration
}

func newFixture(t *testing.T, opts ...githubtest.Option) *fixture {
	t.Helper()
	srv := githubtest.New(t, append([]githubtest.Option{githubtest.WithToken(token)}, opts...)...)
	notes := &bytes.Buffer{}
	var mu sync.Mutex
	slept := &[]time.Duration{}
	client, err := github.NewClient(github.Config{
		BaseURL: srv.URL, Token: token, TokenSource: "GH_TOKEN", MaxWait: 15 * time.Minute,
		Notify: func(s string) { mu.Lock(); notes.WriteString(s + "\n"); mu.Unlock() },
		// Waits are recorded, not slept: tests stay fast and exact.
		Sleep: func(_ context.Context, d time.Duration) error {
			mu.Lock()
			*slept = append(*slept, d)
			mu.Unlock()
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{srv: srv, client: client, notes: notes, slept: slept}
}

func plan(since time.Time, repos ...string) github.Plan {
	return github.Plan{Repos: repos, Teams: []string{"acme/platform"}, Since: since, Now: fetchedAt}
}

// records flattens what a fetch holds from since on, in a stable order,
// for comparison with the source data.
func records(s *snapshot.Snapshot, since time.Time) []string {
	var out []string
	for _, r := range s.Repos {
		for _, is := range r.Issues {
			if !is.CreatedAt.Before(since) {
				out = append(out, fmt.Sprintf("%s issue %d %s %v %v %s %v", r.Name, is.Number, is.Author, is.CreatedAt.Unix(), is.ClosedAt.Unix(), is.StateReason, is.Labels))
			}
		}
		for _, c := range r.Comments {
			if !c.CreatedAt.Before(since) {
				out = append(out, fmt.Sprintf("%s comment %d %s %v %s %d", r.Name, c.Issue, c.Author, c.AuthorBot, c.Association, c.CreatedAt.Unix()))
			}
		}
		for _, e := range r.Events {
			if !e.CreatedAt.Before(since) {
				out = append(out, fmt.Sprintf("%s event %d %s %s %s %d", r.Name, e.Issue, e.Kind, e.Label, e.Actor, e.CreatedAt.Unix()))
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestFetchReadsEverythingSinceWithFewRequests(t *testing.T) {
	f := newFixture(t)
	src := sample("acme/app", "acme/web")
	f.srv.Load(src)
	since := fetchedAt.Add(-20 * 24 * time.Hour) // 120 of the 250 issues
	got, err := f.client.Fetch(context.Background(), plan(since, "acme/app", "acme/web"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if w, g := records(src, since), records(got.Snapshot, since); !slices.Equal(w, g) {
		t.Fatalf("fetched %d records, want %d; first difference near %v", len(g), len(w), firstDiff(w, g))
	}
	if got.Teams["acme/platform"] == nil || !slices.Equal(got.Teams["acme/platform"], []string{"alice", "bob"}) {
		t.Errorf("team members = %v", got.Teams)
	}
	// Per repository, since the cutoff (20 days = 480 h, an issue every
	// 4 h): 121 issues, 363 comments, 121 labeled + 60 or 61 closed events.
	// Pages of 100, newest first, stopping at the page that reaches back
	// past the cutoff: issues 2 pages, comments 4, events 2 — 8 per
	// repository, plus 1 for the team: 17.
	reqs := f.srv.Requests()
	if len(reqs) != 2*8+1 {
		t.Errorf("%d requests, want 17:\n%v", len(reqs), paths(reqs))
	}
	for _, r := range reqs {
		if strings.Contains(r.Path, "/issues/") && !strings.HasSuffix(r.Path, "/issues/comments") && !strings.HasSuffix(r.Path, "/issues/events") {
			t.Errorf("a per-issue request %s: the repository-wide lists cover it", r.Path)
		}
	}
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return "want " + a[i] + " / got " + b[i]
		}
	}
	return "the end"
}

func paths(reqs []githubtest.Request) string {
	var b strings.Builder
	for _, r := range reqs {
		fmt.Fprintf(&b, "%d %s?%s\n", r.Status, r.Path, r.RawQuery)
	}
	return b.String()
}

// Deep pages switch to cursors under /repositories/{id}/…: the client must
// follow the Link URLs, not count pages (page=6 answers 422).
func TestFetchFollowsCursorLinks(t *testing.T) {
	f := newFixture(t, githubtest.WithCursorAfterPage(1))
	src := sample("acme/app")
	f.srv.Load(src)
	since := src.Since
	got, err := f.client.Fetch(context.Background(), plan(since, "acme/app"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if w, g := records(src, since), records(got.Snapshot, since); !slices.Equal(w, g) {
		t.Fatalf("fetched %d records, want %d", len(g), len(w))
	}
	cursor := 0
	for _, r := range f.srv.Requests() {
		if strings.HasPrefix(r.Path, "repositories/") && strings.Contains(r.RawQuery, "after=") {
			cursor++
		}
		if r.Status != 200 {
			t.Errorf("%d for %s?%s", r.Status, r.Path, r.RawQuery)
		}
	}
	if cursor == 0 {
		t.Error("no cursor page was requested")
	}
}

func TestRefetchWithETagsCostsOne304PerStream(t *testing.T) {
	f := newFixture(t)
	f.srv.Load(sample("acme/app", "acme/web"))
	p := plan(fetchedAt.Add(-20*24*time.Hour), "acme/app", "acme/web")
	first, err := f.client.Fetch(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	f.srv.ResetRequests()
	p.AddPrevious(first.Snapshot)
	p.Now = fetchedAt.Add(time.Hour)
	again, err := f.client.Fetch(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.srv.Requests()
	// 3 streams × 2 repositories + 1 team, every one a 304.
	if len(reqs) != 7 {
		t.Fatalf("%d requests, want 7:\n%s", len(reqs), paths(reqs))
	}
	for _, r := range reqs {
		if r.Status != 304 || r.IfNoneMatch == "" {
			t.Errorf("%d for %s (If-None-Match %q), want 304", r.Status, r.Path, r.IfNoneMatch)
		}
	}
	if w, g := records(first.Snapshot, time.Time{}), records(again.Snapshot, time.Time{}); !slices.Equal(w, g) {
		t.Error("an unchanged re-fetch changed the data")
	}
}

func TestUpdateReadsOnlyWhatChanged(t *testing.T) {
	f := newFixture(t)
	src := sample("acme/app")
	f.srv.Load(src)
	p := plan(fetchedAt.Add(-20*24*time.Hour), "acme/app")
	first, err := f.client.Fetch(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	// An hour later: a comment on an old issue, a label on another, and a
	// new issue.
	later := fetchedAt.Add(time.Hour)
	f.srv.AddComment("acme/app", snapshot.Comment{Issue: 240, Author: "bob", Association: "MEMBER", CreatedAt: later.Add(-30 * time.Minute)})
	f.srv.AddEvent("acme/app", snapshot.Event{Issue: 241, Kind: snapshot.Labeled, Label: "P1", Actor: "bob", CreatedAt: later.Add(-20 * time.Minute)})
	f.srv.AddIssue("acme/app", snapshot.Issue{Number: 251, Title: "New", Author: "dave", CreatedAt: later.Add(-10 * time.Minute)})
	f.srv.ResetRequests()
	p.AddPrevious(first.Snapshot)
	p.Now = later
	got, err := f.client.Fetch(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.srv.Requests()); n > 4 {
		t.Errorf("%d requests for an update, want one page per stream and the team:\n%s", n, paths(f.srv.Requests()))
	}
	r := got.Repo("acme/app")
	if len(r.Issues) != len(first.Repo("acme/app").Issues)+1 {
		t.Errorf("issues: %d, want one more than %d", len(r.Issues), len(first.Repo("acme/app").Issues))
	}
	var p1 bool
	for _, is := range r.Issues {
		if is.Number == 241 {
			p1 = slices.Contains(is.Labels, "P1")
		}
	}
	if !p1 {
		t.Error("issue 241 lost its new label")
	}
	if n := len(r.Comments) - len(first.Repo("acme/app").Comments); n != 1 {
		t.Errorf("%d comments added, want 1 (no duplicates from the overlap)", n)
	}
	if n := len(r.Events) - len(first.Repo("acme/app").Events); n != 1 {
		t.Errorf("%d events added, want 1", n)
	}
}

func TestFaults(t *testing.T) {
	since := fetchedAt.Add(-5 * 24 * time.Hour)
	for _, tc := range []struct {
		name  string
		fault githubtest.Fault
		check func(t *testing.T, f *fixture, got *github.Fetched, err error)
	}{
		{"5xx retried", githubtest.Fault{PathRegexp: `issues/comments`, Times: 2, Status: 502},
			func(t *testing.T, f *fixture, got *github.Fetched, err error) {
				if err != nil || got.Repo("acme/app").Error != "" {
					t.Fatalf("err %v / %s", err, got.Repo("acme/app").Error)
				}
				if len(*f.slept) != 2 {
					t.Errorf("waited %v, want two backoffs", *f.slept)
				}
			}},
		{"secondary limit waited out", githubtest.Fault{PathRegexp: `issues/events`, Times: 1, Status: 403, RetryAfter: 42 * time.Second},
			func(t *testing.T, f *fixture, got *github.Fetched, err error) {
				if err != nil || got.Repo("acme/app").Error != "" {
					t.Fatalf("err %v", err)
				}
				if !slices.Contains(*f.slept, 42*time.Second) {
					t.Errorf("waited %v, want 42s as Retry-After asked", *f.slept)
				}
			}},
		{"429 with Retry-After", githubtest.Fault{PathRegexp: `issues$`, Times: 1, Status: 429, RetryAfter: 3 * time.Second},
			func(t *testing.T, f *fixture, got *github.Fetched, err error) {
				if err != nil || !slices.Contains(*f.slept, 3*time.Second) {
					t.Fatalf("err %v, waited %v", err, *f.slept)
				}
			}},
		{"primary limit within max-wait", githubtest.Fault{PathRegexp: `issues$`, Times: 1, Exhaust: true, ResetIn: 2 * time.Minute},
			func(t *testing.T, f *fixture, got *github.Fetched, err error) {
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(f.notes.String(), "rate limit is used up: waiting until") {
					t.Errorf("no notice of the wait:\n%s", f.notes)
				}
			}},
		{"primary limit beyond max-wait", githubtest.Fault{PathRegexp: `issues$`, Times: 1, Exhaust: true, ResetIn: 2 * time.Hour},
			func(t *testing.T, f *fixture, got *github.Fetched, err error) {
				var rl *github.RateLimitError
				if !errors.As(err, &rl) || !strings.Contains(err.Error(), "--max-wait") {
					t.Fatalf("err = %v, want a rate limit error naming --max-wait", err)
				}
			}},
		{"404 repository", githubtest.Fault{PathRegexp: `repos/acme/gone/`, Status: 404},
			func(t *testing.T, f *fixture, got *github.Fetched, err error) {
				if err != nil {
					t.Fatal(err)
				}
				if e := got.Repo("acme/gone").Error; !strings.Contains(e, "not found") || !strings.Contains(e, "GH_TOKEN") {
					t.Errorf("error = %q, want not found naming GH_TOKEN", e)
				}
				if got.Repo("acme/app").Error != "" || len(got.Repo("acme/app").Issues) == 0 {
					t.Error("the other repository was not fetched")
				}
			}},
		{"401", githubtest.Fault{PathRegexp: `.`, Status: 401},
			func(t *testing.T, f *fixture, got *github.Fetched, err error) {
				var auth *github.AuthError
				if !errors.As(err, &auth) || !strings.Contains(err.Error(), "GH_TOKEN") {
					t.Fatalf("err = %v, want an auth error naming GH_TOKEN", err)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.srv.Load(sample("acme/app", "acme/gone"))
			f.srv.Inject(tc.fault)
			got, err := f.client.Fetch(context.Background(), plan(since, "acme/app", "acme/gone"), nil)
			tc.check(t, f, got, err)
			for _, s := range []string{f.notes.String(), fmt.Sprint(err)} {
				if strings.Contains(s, token) {
					t.Errorf("the token appears in %q", s)
				}
			}
			if got != nil {
				var buf bytes.Buffer
				if err := snapshot.Write(&buf, got.Snapshot); err != nil {
					t.Fatal(err)
				}
				if strings.Contains(buf.String(), token) {
					t.Error("the token appears in the snapshot")
				}
			}
		})
	}
}

func TestCacheKeepsNoToken(t *testing.T) {
	f := newFixture(t)
	f.srv.Load(sample("acme/app"))
	p := plan(fetchedAt.Add(-5*24*time.Hour), "acme/app")
	got, err := f.client.Fetch(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	cache := &github.Cache{Dir: t.TempDir()}
	if err := cache.Store(f.srv.URL, got.Snapshot); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(cache.Dir, "*"))
	if len(files) != 2 { // the repository and the teams
		t.Fatalf("cache files %v", files)
	}
	for _, name := range files {
		info, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", name, info.Mode().Perm())
		}
		s, err := snapshot.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		_ = snapshot.Write(&buf, s)
		if strings.Contains(buf.String(), token) {
			t.Errorf("%s holds the token", name)
		}
	}
	reloaded := plan(p.Since, "acme/app")
	cache.Load(f.srv.URL, &reloaded)
	if prev := reloaded.Previous["acme/app"]; prev.Repo == nil || len(prev.Repo.Issues) != len(got.Repo("acme/app").Issues) {
		t.Error("the cache did not give back the repository")
	}
}

func TestTokenLookup(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	noGH := func(context.Context, string) (string, error) { return "", errors.New("no gh") }
	for _, tc := range []struct {
		host    string
		vars    map[string]string
		gh      func(context.Context, string) (string, error)
		want    string
		wantSrc string
	}{
		{"github.com", map[string]string{"GH_TOKEN": "a", "GITHUB_TOKEN": "b"}, noGH, "a", "GH_TOKEN"},
		{"github.com", map[string]string{"GITHUB_TOKEN": "b", "GH_ENTERPRISE_TOKEN": "e"}, noGH, "b", "GITHUB_TOKEN"},
		{"ghe.acme.example", map[string]string{"GITHUB_TOKEN": "b", "GH_ENTERPRISE_TOKEN": "e"}, noGH, "e", "GH_ENTERPRISE_TOKEN"},
		{"ghe.acme.example", map[string]string{"GITHUB_ENTERPRISE_TOKEN": "f", "GH_TOKEN": "a"}, noGH, "f", "GITHUB_ENTERPRISE_TOKEN"},
		{"github.com", nil, func(_ context.Context, host string) (string, error) { return "from-gh-" + host, nil }, "from-gh-github.com", "`gh auth token --hostname github.com`"},
		{"github.com", nil, noGH, "", ""},
	} {
		tok, src := github.Token(context.Background(), tc.host, env(tc.vars), tc.gh)
		if tok != tc.want || src != tc.wantSrc {
			t.Errorf("%s %v: got %q from %q, want %q from %q", tc.host, tc.vars, tok, src, tc.want, tc.wantSrc)
		}
	}
	if got := github.BaseURL("", env(map[string]string{"GITHUB_API_URL": "https://ghe.acme.example/api/v3"})); got != "https://ghe.acme.example/api/v3/" {
		t.Errorf("BaseURL = %q", got)
	}
	if got := github.Host("https://api.github.com/"); got != "github.com" {
		t.Errorf("Host = %q", got)
	}
}

func TestEnterprisePaths(t *testing.T) {
	f := newFixture(t, githubtest.Enterprise())
	src := sample("acme/app")
	f.srv.Load(src)
	since := fetchedAt.Add(-3 * 24 * time.Hour)
	got, err := f.client.Fetch(context.Background(), plan(since, "acme/app"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(f.srv.URL, "/api/v3/") {
		t.Fatalf("URL %s", f.srv.URL)
	}
	if w, g := records(src, since), records(got.Snapshot, since); !slices.Equal(w, g) {
		t.Fatalf("fetched %d records, want %d", len(g), len(w))
	}
}

// Ctrl-C: a cancelled context stops the fetch with an error, and nothing
// half-done is returned to be written.
func TestFetchStopsWhenCancelled(t *testing.T) {
	f := newFixture(t, githubtest.WithLatency(20*time.Millisecond))
	f.srv.Load(sample("acme/app", "acme/web"))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	got, err := f.client.Fetch(ctx, plan(sample().Since, "acme/app", "acme/web"), nil)
	if err == nil || got != nil {
		t.Fatalf("got %v, %v; want no snapshot and an error", got, err)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v to stop", d)
	}
}

// afterFirstPage calls a hook once, after the first page of a list (by
// path) is served, to change the data while the list is being read.
type afterFirstPage struct {
	base  http.RoundTripper
	mu    sync.Mutex
	hooks map[string]func()
}

func (a *afterFirstPage) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := a.base.RoundTrip(req)
	if err == nil && !req.URL.Query().Has("page") && !req.URL.Query().Has("after") {
		a.mu.Lock()
		hook := a.hooks[req.URL.Path]
		delete(a.hooks, req.URL.Path)
		a.mu.Unlock()
		if hook != nil {
			hook()
		}
	}
	return resp, err
}

// Lists are read newest first while issues change: a change moves an item
// to the front and shifts the pages after it, so that the item at the end
// of a page read comes again at the start of the next. Nothing is kept
// twice: issues by number, comments and events by id.
func TestFetchCountsNothingTwice(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(t)
	srv.Load(sample("acme/app"))
	later := fetchedAt.Add(time.Minute)
	shift := &afterFirstPage{base: srv.Client().Transport, hooks: map[string]func(){
		"/repos/acme/app/issues": func() {
			srv.AddComment("acme/app", snapshot.Comment{Issue: 1, Author: "bob", CreatedAt: later})
		},
		"/repos/acme/app/issues/comments": func() {
			srv.AddComment("acme/app", snapshot.Comment{Issue: 2, Author: "bob", CreatedAt: later})
		},
		"/repos/acme/app/issues/events": func() {
			srv.AddEvent("acme/app", snapshot.Event{Issue: 3, Kind: snapshot.Labeled, Label: "P1", Actor: "bob", CreatedAt: later})
		},
	}}
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, HTTP: shift})
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Fetch(context.Background(), plan(sample().Since, "acme/app"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(shift.hooks) != 0 {
		t.Fatalf("lists not read: %v", shift.hooks)
	}
	r := got.Repo("acme/app")
	seen := map[string]bool{}
	twice := func(kind string, key int64) {
		k := fmt.Sprint(kind, key)
		if seen[k] {
			t.Errorf("%s %d twice", kind, key)
		}
		seen[k] = true
	}
	for _, is := range r.Issues {
		twice("issue", int64(is.Number))
	}
	for _, c := range r.Comments {
		twice("comment", c.ID)
	}
	for _, e := range r.Events {
		twice("event", e.ID)
	}
	// The three lists are read side by side, so what each change moves
	// depends on how far the other lists had got. Issue 1 moved to the
	// page read already, and issues 2 and 3 too if the issues list was
	// still being read when they changed: 247 to 249 issues. 750 comments,
	// and the one added after the issues' first page if the comments list
	// had not yet read its own; the comment and the event added while
	// their own lists were read went to pages read already: 750 or 751
	// comments, 375 events. Either way, nothing twice (above).
	if n, c := len(r.Issues), len(r.Comments); n < 247 || n > 249 || c < 750 || c > 751 || len(r.Events) != 375 {
		t.Errorf("%d issues, %d comments, %d events: want 247 to 249, 750 or 751, and 375", n, c, len(r.Events))
	}
}

// An update keeps one record per issue, even from an earlier snapshot
// that held two.
func TestUpdateKeepsOneRecordPerIssue(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.srv.Load(sample("acme/app"))
	p := plan(fetchedAt.Add(-20*24*time.Hour), "acme/app")
	first, err := f.client.Fetch(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := first.Repo("acme/app")
	r.Issues = append(r.Issues, r.Issues[0])
	p.AddPrevious(first.Snapshot)
	p.Now = fetchedAt.Add(time.Hour)
	again, err := f.client.Fetch(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, is := range again.Repo("acme/app").Issues {
		if is.Number == r.Issues[0].Number {
			n++
		}
	}
	if n != 1 {
		t.Errorf("issue %d %d times after the update, want once", r.Issues[0].Number, n)
	}
}

// perIssue lists the per-issue requests among reqs.
func perIssue(reqs []githubtest.Request) []string {
	var out []string
	for _, r := range reqs {
		if strings.HasPrefix(r.Path, "repos/acme/app/issues/") && strings.HasSuffix(r.Path, "/events") && r.Path != "repos/acme/app/issues/events" {
			out = append(out, r.Path)
		}
	}
	return out
}

// A repository whose older issues carry no events: its events list ends
// on a partial page, before it reaches back to the cutoff, and is complete
// all the same. No issue's own events are asked for.
func TestEventsListEndingNaturallyNeedsNoPerIssueRequests(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	src := sample("acme/app")
	// Issues 1-100: opened without a label, never closed, so no events.
	r := src.Repos[0]
	for i := range 100 {
		r.Issues[i].Labels, r.Issues[i].ClosedAt, r.Issues[i].StateReason = nil, time.Time{}, ""
	}
	r.Events = slices.DeleteFunc(r.Events, func(e snapshot.Event) bool { return e.Issue <= 100 })
	f.srv.Load(src)
	got, err := f.client.Fetch(context.Background(), plan(src.Since, "acme/app"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if w, g := records(src, src.Since), records(got.Snapshot, src.Since); !slices.Equal(w, g) {
		t.Fatalf("fetched %d records, want %d; first difference near %v", len(g), len(w), firstDiff(w, g))
	}
	if p := perIssue(f.srv.Requests()); len(p) != 0 {
		t.Errorf("%d per-issue requests, want none:\n%v", len(p), p)
	}
	// 250 issues: 3 pages; 750 comments: 8; 150 labels and 75 closes
	// (issues 101-250): 3 pages, the last of 25; and the team: 15.
	if n := len(f.srv.Requests()); n != 15 {
		t.Errorf("%d requests, want 15:\n%s", n, paths(f.srv.Requests()))
	}
}

// Where GitHub stops serving the events list before the cutoff — a 422 on
// a deeper page, or a full page without a next one — each issue that
// could have events in the gap has its own list read: opened before the
// oldest event read, and updated since the cutoff.
func TestTruncatedEventsListFallsBackPerIssue(t *testing.T) {
	t.Parallel()
	// Issue i opens at T-4(250-i)h with a label; even issues close 3h later.
	// Newest first, issues 250 down to 185 give 99 events (3 for every two
	// issues), and the 100th is issue 184's close, at its opening + 3h:
	// the oldest read. Issues 51-250 are read (the second page of issues
	// reaches back past the cutoff, T-480h). Of those opened before the
	// oldest event, the ones updated since the cutoff are 130-184: an even
	// issue is updated at its close, opening + 3h, at or after T-480h from
	// i = 130 (4 × 120 = 480 ≤ 483); an odd one at its last comment,
	// opening + 30m, from i = 131 (4 × 119 = 476 ≤ 480.5). 55 issues.
	since := fetchedAt.Add(-20 * 24 * time.Hour)
	want := 55
	for _, tc := range []struct {
		name string
		opts []githubtest.Option
		cut  githubtest.Fault
		// requests: issues 2 pages, comments 4 (363 since the cutoff),
		// events, 55 per issue, and the team.
		requests int
	}{
		{"422 past page 1", []githubtest.Option{githubtest.WithEventsPageLimit(1)}, githubtest.Fault{}, 2 + 4 + 2 + 55 + 1},
		{"full page without next", nil, githubtest.Fault{PathRegexp: `^repos/acme/app/issues/events$`, Times: 1, NoLink: true}, 2 + 4 + 1 + 55 + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, tc.opts...)
			src := sample("acme/app")
			f.srv.Load(src)
			if tc.cut.PathRegexp != "" {
				f.srv.Inject(tc.cut)
			}
			got, err := f.client.Fetch(context.Background(), plan(since, "acme/app"), nil)
			if err != nil {
				t.Fatal(err)
			}
			if e := got.Repo("acme/app").Error; e != "" {
				t.Fatal(e)
			}
			if w, g := records(src, since), records(got.Snapshot, since); !slices.Equal(w, g) {
				t.Fatalf("fetched %d records, want %d; first difference near %v", len(g), len(w), firstDiff(w, g))
			}
			var asked []int
			for _, path := range perIssue(f.srv.Requests()) {
				var n int
				fmt.Sscanf(path, "repos/acme/app/issues/%d/events", &n)
				asked = append(asked, n)
			}
			slices.Sort(asked)
			if len(asked) != want || asked[0] != 130 || asked[len(asked)-1] != 184 {
				t.Errorf("per-issue requests for %v, want %d: 130 to 184", asked, want)
			}
			if n := len(f.srv.Requests()); n != tc.requests {
				t.Errorf("%d requests, want %d:\n%s", n, tc.requests, paths(f.srv.Requests()))
			}
		})
	}
}

// A team whose members GitHub will not list is said, with what listing
// them needs, and the fetch goes on.
func TestTeamThatCannotBeRead(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ token, source, want string }{
		{token, "GITHUB_TOKEN", "cannot list the members of acme/platform: GitHub answered 404 to the token from GITHUB_TOKEN " +
			"(the team does not exist, or the token cannot see it); listing them needs organisation Members: read " +
			"(a fine-grained token or GitHub App), or read:org (a classic token); the GITHUB_TOKEN of a workflow cannot — see docs/ci.md"},
		{"", "", "cannot list the members of acme/platform: GitHub answered 404 without a token; listing them needs a token with " +
			"organisation Members: read (a fine-grained token or GitHub App), or read:org (a classic token)"},
	} {
		srv := githubtest.New(t)
		srv.Load(sample("acme/app"))
		srv.Inject(githubtest.Fault{PathRegexp: `^orgs/acme/teams/platform/members$`, Status: 404})
		client, err := github.NewClient(github.Config{BaseURL: srv.URL, Token: tc.token, TokenSource: tc.source})
		if err != nil {
			t.Fatal(err)
		}
		got, err := client.Fetch(context.Background(), plan(fetchedAt.Add(-24*time.Hour), "acme/app"), nil)
		if err != nil {
			t.Fatalf("a team that cannot be read stopped the fetch: %v", err)
		}
		if e := got.TeamErrors["acme/platform"]; e == nil || e.Error() != tc.want {
			t.Errorf("team error %v, want %s", e, tc.want)
		}
		if _, ok := got.Teams["acme/platform"]; ok || got.Repo("acme/app").Error != "" {
			t.Errorf("teams %v, repository error %q", got.Teams, got.Repo("acme/app").Error)
		}
	}
}

// inFlight records how many requests are on the wire at once, each held
// for a while so that requests made side by side meet.
type inFlight struct {
	base  http.RoundTripper
	hold  time.Duration
	mu    sync.Mutex
	now   int
	most  int
	order []string // paths with their query, in the order they began
}

func (f *inFlight) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	f.now++
	f.most = max(f.most, f.now)
	f.order = append(f.order, req.URL.RequestURI())
	f.mu.Unlock()
	time.Sleep(f.hold)
	resp, err := f.base.RoundTrip(req)
	f.mu.Lock()
	f.now--
	f.mu.Unlock()
	return resp, err
}

// One repository's three lists are read side by side, within the
// transport's 4 requests in flight. Read one after another, at most one
// request was in flight.
func TestRepoStreamsSideBySide(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(t)
	srv.Load(sample("acme/app"))
	wire := &inFlight{base: srv.Client().Transport, hold: 20 * time.Millisecond}
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, HTTP: wire})
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Fetch(context.Background(), github.Plan{Repos: []string{"acme/app"}, Since: sample().Since, Now: fetchedAt}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := got.Repo("acme/app"); len(r.Issues) != 250 || len(r.Comments) != 750 || len(r.Events) != 375 {
		t.Fatalf("read %d issues, %d comments, %d events; want 250, 750, 375", len(r.Issues), len(r.Comments), len(r.Events))
	}
	wire.mu.Lock()
	defer wire.mu.Unlock()
	// 3 pages of issues, 8 of comments, 4 of events (100 a page).
	if len(wire.order) != 15 {
		t.Errorf("%d requests, want 15:\n%s", len(wire.order), strings.Join(wire.order, "\n"))
	}
	if wire.most < 2 || wire.most > 4 {
		t.Errorf("at most %d requests in flight, want 2 to 4 (the streams side by side, within the transport's cap)", wire.most)
	}
}

// A token GitHub refuses, whether on a repository or on a team, stops the
// whole fetch at once: the requests under way are abandoned (the
// repositories' answers come late here, and are never waited for) and no
// request is sent after the refusal. Which request the scheduler lets
// through first is not fixed, so the refusal is GitHub's answer to the
// first request for a repository, whichever it is; the team's request
// goes first only when every request has a slot of its own (InFlight 32
// for 1 + 8×3 requests), else it could queue behind the late answers.
func TestFetchStopsOnAFatalError(t *testing.T) {
	t.Parallel()
	repos := []string{"acme/r1", "acme/r2", "acme/r3", "acme/r4", "acme/r5", "acme/r6", "acme/r7", "acme/r8"}
	data := sample(repos...)
	for _, tc := range []struct {
		name     string
		refused  githubtest.Fault
		inFlight int
	}{
		// 4 slots: the refused request and at most 3 beside it.
		{"401 on a repository", githubtest.Fault{PathRegexp: `^repos/`, Times: 1, Status: 401}, 4},
		{"401 on a team", githubtest.Fault{PathRegexp: `^orgs/acme/teams/platform/members$`, Status: 401}, 32},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := githubtest.New(t, githubtest.WithToken(token))
			srv.Load(data)
			srv.Inject(tc.refused)
			const late = 2 * time.Second
			srv.Inject(githubtest.Fault{PathRegexp: `^repos/`, Delay: late})
			client, err := github.NewClient(github.Config{BaseURL: srv.URL, Token: token, TokenSource: "GH_TOKEN", InFlight: tc.inFlight, Sleep: noSleep})
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			got, err := client.Fetch(context.Background(), plan(fetchedAt.Add(-5*24*time.Hour), repos...), nil)
			var auth *github.AuthError
			if got != nil || !errors.As(err, &auth) {
				t.Fatalf("got %v, err %v; want no snapshot and the 401", got, err)
			}
			if d := time.Since(start); d >= late {
				t.Errorf("took %v: the requests under way were waited for", d)
			}
			var sent []string
			repoRequests := 0
			for _, r := range srv.Requests() {
				sent = append(sent, fmt.Sprintf("%s %d", r.Path, r.Status))
				if strings.HasPrefix(r.Path, "repos/") {
					repoRequests++
					if r.Status != 0 && r.Status != 401 {
						t.Errorf("%s was answered %d: it was waited for", r.Path, r.Status)
					}
				}
			}
			if repoRequests > tc.inFlight {
				t.Errorf("%d requests for repositories, want at most %d (one per slot):\n%s", repoRequests, tc.inFlight, strings.Join(sent, "\n"))
			}
		})
	}
}
