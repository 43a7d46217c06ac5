package github_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

// sleeps records the waits a client asks for, without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// counting counts the requests sent for a path (those that reach the
// server, and those that time out before).
type counting struct {
	base http.RoundTripper
	path string
	mu   sync.Mutex
	n    int
}

func (c *counting) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path == c.path {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
	}
	return c.base.RoundTrip(req)
}

func (c *counting) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// count is how many requests the server received for a path.
func count(srv *githubtest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// repoError fetches one repository back to since (within 10 seconds, so
// that an endless loop fails the test), and says why it could not be read.
func repoError(t *testing.T, client *github.Client, since time.Time, repo string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := client.Fetch(ctx, github.Plan{Repos: []string{repo}, Since: since, Now: fetchedAt}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return got.Repo(repo).Error
}

// A server that accepts a request and never answers: each try gives up
// after the answer timeout, is retried with backoff, and the error says
// what happened.
func TestNoAnswerIsRetriedThenSaid(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(t)
	// No records: the comments and events lists, read beside the issues
	// list, answer at once, well within the timeout, and need no retries.
	srv.Load(&snapshot.Snapshot{Repos: []*snapshot.Repo{{Name: "acme/app", HTMLURL: "https://github.com/acme/app"}}})
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues$`, Delay: time.Hour})
	var slept sleeps
	tries := &counting{base: srv.Client().Transport, path: "/repos/acme/app/issues"}
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, HTTP: tries, AnswerTimeout: 50 * time.Millisecond, Sleep: slept.sleep})
	if err != nil {
		t.Fatal(err)
	}
	if e, want := repoError(t, client, fetchedAt.Add(-time.Hour), "acme/app"), "acme/app: GitHub did not answer GET /repos/acme/app/issues within 50ms (5 tries)"; e != want {
		t.Errorf("error %q, want %q", e, want)
	}
	if n := tries.count(); n != 5 {
		t.Errorf("%d tries, want 5", n)
	}
	if n := len(slept.all()); n != 4 {
		t.Errorf("%d backoffs, want 4", n)
	}
}

// Headers, then a body that stops coming: the read is bounded too.
func TestStalledBodyIsRetriedThenSaid(t *testing.T) {
	t.Parallel()
	tries := 0
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tries++
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		w.Write([]byte("[{"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, BodyTimeout: 50 * time.Millisecond, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	e := repoError(t, client, time.Time{}, "acme/app")
	want := "acme/app: GitHub did not finish sending its answer to GET /repos/acme/app/issues within 50ms (5 tries)"
	if e != want {
		t.Errorf("error %q, want %q", e, want)
	}
	// 5 tries for each of the repository's three lists, read side by side.
	if tries != 15 {
		t.Errorf("%d tries, want 15", tries)
	}
}

// A request waiting out a rate limit holds no in-flight slot: with one
// slot, another request goes through meanwhile.
func TestWaitingRequestsHoldNoSlot(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(t)
	srv.Load(sample("acme/app", "acme/web"))
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app$`, Times: 1, Status: 429, RetryAfter: 70 * time.Second})
	asleep, wake := make(chan struct{}), make(chan struct{})
	tr := &github.Transport{Base: srv.Client().Transport, InFlight: 1, MaxWait: 15 * time.Minute,
		Sleep: func(ctx context.Context, d time.Duration) error {
			close(asleep)
			<-wake
			return nil
		}}
	get := func(ctx context.Context, path string) error {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+path, nil)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("%s: %d", path, resp.StatusCode)
		}
		return nil
	}
	first := make(chan error)
	go func() { first <- get(context.Background(), "repos/acme/app") }()
	<-asleep
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := get(ctx, "repos/acme/web"); err != nil {
		t.Errorf("a request while another waits 70s for a rate limit: %v", err)
	}
	close(wake)
	if err := <-first; err != nil {
		t.Errorf("the waiting request: %v", err)
	}
}

// 429 is retried a bounded number of times, as 5xx are, however often
// GitHub asks for a second.
func TestTooManyRequestsIsBounded(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(t)
	srv.Load(sample("acme/app"))
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues$`, Status: 429, RetryAfter: time.Second})
	var slept sleeps
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, MaxWait: time.Hour, Sleep: slept.sleep})
	if err != nil {
		t.Fatal(err)
	}
	if e := repoError(t, client, fetchedAt.Add(-time.Hour), "acme/app"); !strings.Contains(e, "GitHub's secondary rate limit still refused GET /repos/acme/app/issues after 5 tries") {
		t.Errorf("error %q", e)
	}
	if n := count(srv, "GET", "repos/acme/app/issues"); n != 5 {
		t.Errorf("%d tries, want 5", n)
	}
}

// --max-wait bounds one request's waits for rate limits in all, not each
// of them: three Retry-After: 400 exceed 15 minutes at the third.
func TestMaxWaitBoundsAllWaitsOfARequest(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(t)
	srv.Load(sample("acme/app"))
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues$`, Status: 403, RetryAfter: 400 * time.Second})
	var slept sleeps
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, MaxWait: 15 * time.Minute, Sleep: slept.sleep})
	if err != nil {
		t.Fatal(err)
	}
	e := repoError(t, client, fetchedAt.Add(-time.Hour), "acme/app")
	// 400 s + 400 s = 13m20s waited; a third 400 s would make 20m.
	want := "GitHub asks to wait 6m40s before GET /repos/acme/app/issues after waiting 13m20s already, longer than --max-wait 15m0s allows"
	if !strings.Contains(e, want) {
		t.Errorf("error %q, want %q", e, want)
	}
	if s := slept.all(); len(s) != 2 {
		t.Errorf("waited %v, want two waits of 400s", s)
	}
}

// A secondary limit on a write that does not say how long: waited out
// (a minute, then twice as long each time), never taken for a missing
// permission.
func TestSecondaryLimitOnAWrite(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(t, githubtest.WithToken(token))
	srv.Load(sample("acme/app"))
	var slept sleeps
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, Token: token, TokenSource: "GH_TOKEN", MaxWait: 15 * time.Minute, Sleep: slept.sleep})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues/1/labels$`, Times: 1, Status: 403, Secondary: true})
	if err := client.AddLabel(ctx, "acme/app", 1, "sla-due"); err != nil {
		t.Fatalf("after one secondary limit: %v", err)
	}
	if s := slept.all(); len(s) != 1 || s[0] != time.Minute {
		t.Errorf("waited %v, want a minute", s)
	}

	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues/2/labels$`, Status: 403, Secondary: true})
	err = client.AddLabel(ctx, "acme/app", 2, "sla-due")
	var auth *github.AuthError
	if err == nil || errors.As(err, &auth) || strings.Contains(err.Error(), "issues: write") || !strings.Contains(err.Error(), "secondary rate limit") {
		t.Errorf("err = %v, want a secondary rate limit, not a missing permission", err)
	}
	// 1 + 2 + 4 + 8 minutes = 15, all of --max-wait; then no fifth wait.
	if s := slept.all()[1:]; fmt.Sprint(s) != "[1m0s 2m0s 4m0s 8m0s]" {
		t.Errorf("waited %v, want 1m, 2m, 4m, 8m", s)
	}
}

// A reset days away is said with its date.
func TestResetDaysAwayHasADate(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(t)
	srv.Load(sample("acme/app"))
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues$`, Exhaust: true, ResetIn: 50 * time.Hour})
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, MaxWait: 15 * time.Minute, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.Fetch(context.Background(), plan(fetchedAt.Add(-time.Hour), "acme/app"), nil)
	var rl *github.RateLimitError
	if !errors.As(err, &rl) {
		t.Fatalf("err = %v, want a rate limit error", err)
	}
	if day := rl.Reset.Local().Format("Mon 2 Jan"); !strings.Contains(err.Error(), "until "+day) {
		t.Errorf("%q does not say the day, %s", err, day)
	}
}

// A next link back to a page read already ends the list with an error.
func TestRepeatedNextLinkEndsTheList(t *testing.T) {
	t.Parallel()
	srv := githubtest.New(t)
	srv.Load(sample("acme/app"))
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues$`,
		Link: "<" + srv.URL + "repos/acme/app/issues?direction=desc&page=2&per_page=100&sort=updated&state=all>; rel=\"next\""})
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	if e := repoError(t, client, sample().Since, "acme/app"); !strings.Contains(e, "leads back to a page read already") {
		t.Errorf("error %q", e)
	}
	if n := count(srv, "GET", "repos/acme/app/issues"); n != 2 {
		t.Errorf("%d pages read, want 2", n)
	}
}

// A list that never ends, each page with a new next link, stops at the
// page cap.
func TestEndlessListStopsAtThePageCap(t *testing.T) {
	t.Parallel()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var page int
		fmt.Sscan(r.URL.Query().Get("page"), &page)
		w.Header().Set("Link", fmt.Sprintf("<%s%s?page=%d>; rel=\"next\"", srv.URL, r.URL.Path, page+1))
		w.Write([]byte("[]"))
	}))
	defer srv.Close()
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	github.SetMaxPages(client, 20)
	if e := repoError(t, client, time.Time{}, "acme/app"); !strings.Contains(e, "GitHub served 20 pages of /repos/acme/app/issues and offers more: stopped") {
		t.Errorf("error %q", e)
	}
}

// A gzip bomb: about a megabyte that decompresses to a gigabyte of
// whitespace. The read stops at the cap, with little memory spent.
func TestDecompressionBombIsCut(t *testing.T) {
	// 1 MiB of spaces compresses to about 1 KiB; a thousand such gzip
	// members back to back are one valid stream of 1 GiB.
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(bytes.Repeat([]byte(" "), 1<<20))
	zw.Close()
	bomb := bytes.Repeat(member.Bytes(), 1024)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path != "/repos/acme/app/issues" { // the other lists, read beside it: empty
			w.Write([]byte("[]"))
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	}))
	defer srv.Close()
	client, err := github.NewClient(github.Config{BaseURL: srv.URL, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	github.SetMaxBody(client, 4<<20) // 64 MiB by default: the same stop, sooner
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	e := repoError(t, client, time.Time{}, "acme/app")
	runtime.ReadMemStats(&after)
	if !strings.Contains(e, "GitHub's answer to GET /repos/acme/app/issues is larger than 4 MiB") {
		t.Errorf("error %q (gzip of %d bytes)", e, len(bomb))
	}
	// Reading up to the cap allocates about twice it as the buffer grows
	// (and the server's side of the test, its own copy of the bomb).
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("%d MiB allocated for an answer cut at 4 MiB", alloc>>20)
	}
}
