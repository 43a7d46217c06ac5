// Package githubtest is a fake GitHub REST API for tests and benchmarks: the
// endpoints `sla fetch` reads, served on loopback by httptest, with the JSON
// shapes of GitHub's OpenAPI description (checked in TestResponsesMatchOpenAPI),
// its pagination, ETags and 304s, rate-limit accounting, and injectable faults.
//
// Endpoints (GET; also under /repositories/{id}/ for a repository's lists):
//
//	repos/{owner}/{repo}                          minimal repository; unknown: 404
//	repos/{owner}/{repo}/issues                   issues and PRs; state (default open), sort (created|updated|comments,
//	                                              default created), direction (default desc), since (updated_at ≥), labels
//	repos/{owner}/{repo}/issues/comments          without sort oldest first; with sort, direction defaults to desc; since
//	repos/{owner}/{repo}/issues/events            newest first, each with its issue as it is now; no since
//	repos/{owner}/{repo}/issues/{number}/events   oldest first, without the issue
//	repos/{owner}/{repo}/issues/{number}/reactions, …/issues/comments/{id}/reactions
//	                                              oldest first; content (reactions.go)
//	orgs/{org}/teams/{team_slug}/members          in the order loaded
//	rate_limit                                    free, and answered even when the limit is used up
//
// and, to change labels, POST repos/{owner}/{repo}/issues/{number}/labels and
// DELETE repos/{owner}/{repo}/issues/{number}/labels/{name} (labels.go); and
// to say who the token is, GET user and POST graphql's viewer (user.go).
//
// Lists take per_page (default 30, at most 100) and answer with a Link
// header of absolute URLs, rels in GitHub's order prev, next, last, first,
// query parameters sorted by name; none when everything fits one page. Pages
// 1 to 5 (WithCursorAfterPage) are page=N links on the requested path; the
// next link from page 5 on is a cursor link,
// BASE/repositories/{id}/issues?after=CURSOR&…, rel="last" is left out while
// the last page is past page 5, and page=6 or later is answered 422.
// Cursor pages link rel="prev" (before=) and rel="next" (after=) only. A
// cursor names the last item served, so items added meanwhile do not shift
// it. One issue's events and team members are served by page number
// however deep. WithEventsPageLimit(n) makes the repository-wide events
// list answer 422 "pagination is limited for this resource" past page n,
// as GitHub does for lists it keeps only so much of.
//
// WithTLS serves https. Faults (Inject) also stand for hostile or broken
// servers: redirects (Location), Link headers replaced or left out, answers
// that never come (Delay).
//
// Every answer carries x-ratelimit-{limit,remaining,used,reset,resource}
// and x-github-api-version-selected: 2022-11-28; a 200 carries a weak ETag
// of its body and Authorization header. If-None-Match with it answers 304:
// ETag, rate-limit headers, no body, no Link, no Content-Type (net/http drops
// it), and remaining unchanged. Every other answer uses one request, except
// the 403 "API rate limit exceeded" served once remaining is 0 (until the
// reset, when the limit refills for another hour).
package githubtest

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a running fake GitHub. Its methods are safe for concurrent use.
type Server struct {
	// URL is the API base URL with a trailing slash, e.g.
	// "http://127.0.0.1:PORT/" or, with Enterprise(), ".../api/v3/".
	URL string

	tb          testing.TB
	srv         *httptest.Server
	prefix      string // "/" or "/api/v3/"
	token       string
	latency     time.Duration
	now         func() time.Time
	cursorAfter int
	eventsPages int // 0: no limit
	tls         bool
	done        chan struct{} // closed when the test ends: sleeping handlers return

	mu       sync.Mutex
	repos    []*repo          // by id - 1000
	byName   map[string]*repo // lowercase owner/name
	teams    map[string][]string
	lastID   int64
	faults   []*fault
	limit    int
	left     int // remaining
	reset    time.Time
	requests []*Request
	writes   writes     // labels.go
	created  []Creation // checkin.go
}

// An Option configures a Server.
type Option func(*Server)

// Enterprise serves the API under /api/v3/, as GitHub Enterprise Server does.
func Enterprise() Option { return func(s *Server) { s.prefix = "/api/v3/" } }

// WithToken requires "Authorization: Bearer TOKEN" (or "token TOKEN");
// anything else is answered 401 Bad credentials.
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithLatency answers each request d after it arrived (the time spent
// preparing the answer included), or later if preparing it takes longer.
func WithLatency(d time.Duration) Option { return func(s *Server) { s.latency = d } }

// WithClock sets the clock rate-limit resets are computed from.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithTLS serves https, with httptest's certificate: use Client's
// transport to trust it.
func WithTLS() Option { return func(s *Server) { s.tls = true } }

// WithEventsPageLimit makes the repository-wide issue events list answer
// 422 "pagination is limited for this resource" for pages past the n-th
// (by number or cursor), as GitHub does where it keeps only so much of a
// list. The n-th page still links to the next.
func WithEventsPageLimit(n int) Option { return func(s *Server) { s.eventsPages = max(n, 1) } }

// WithCursorAfterPage sets the last page (default 5) that lists of issues,
// comments and events serve by page number: its rel="next" link is a cursor
// link, and asking for a later page by number is answered 422.
func WithCursorAfterPage(n int) Option { return func(s *Server) { s.cursorAfter = max(n, 1) } }

// New starts a server on loopback; it is closed when the test ends.
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := &Server{
		tb: tb, prefix: "/", now: time.Now, cursorAfter: 5, done: make(chan struct{}),
		byName: map[string]*repo{}, teams: map[string][]string{}, limit: 5000, left: 5000,
	}
	for _, o := range opts {
		o(s)
	}
	s.reset = s.now().Add(time.Hour)
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve)) // on 127.0.0.1
	scheme := "http://"
	if s.tls {
		scheme = "https://"
	}
	s.URL = scheme + s.srv.Listener.Addr().String() + s.prefix // before any handler reads it
	if s.tls {
		s.srv.StartTLS()
	} else {
		s.srv.Start()
	}
	tb.Cleanup(func() {
		close(s.done)
		s.srv.Close()
	})
	return s
}

// Client returns httptest's client for the server; it is shared, so copy it
// before changing its Timeout.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// RepoID is the id of a loaded repository (as in /repositories/{id}/…), or 0.
func (s *Server) RepoID(name string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.byName[strings.ToLower(name)]; r != nil {
		return r.id
	}
	return 0
}

// Fault makes the next Times requests (0: all) whose path matches PathRegexp
// fail or slow down. The path is matched without the base prefix and without
// the query, e.g. "repos/acme/app/issues". The first matching fault, in
// order of injection, applies.
type Fault struct {
	PathRegexp string
	Times      int
	// Skip lets that many matching requests through before the fault
	// applies (to fail the second of a series, say).
	Skip int
	// Status is the answer: 500, 502, 404, 401, 403, 429, …, with GitHub's
	// message for it. 0 with only Delay answers normally, late.
	Status int
	// RetryAfter sets Retry-After (whole seconds, rounded up). With 403 or
	// 429 (or Status 0) it is a secondary rate limit: "You have exceeded a
	// secondary rate limit...", documentation_url ending in
	// "#about-secondary-rate-limits".
	RetryAfter time.Duration
	// Exhaust answers as if the primary rate limit were used up: 403 (or
	// Status, e.g. 429), x-ratelimit-remaining: 0, x-ratelimit-reset ResetIn
	// (default 1 minute) from now, "API rate limit exceeded for ...". Only the
	// faulted answers say so; the server's own count is unchanged.
	Exhaust bool
	ResetIn time.Duration
	// Delay is extra latency before the answer (for timeout tests).
	Delay time.Duration
	// Secondary, with 403 or 429 and no RetryAfter, is a secondary rate
	// limit that does not say how long to wait.
	Secondary bool
	// Location, with a 3xx Status, is where the answer redirects, as
	// GitHub's 301 for a renamed repository does.
	Location string
	// Link replaces the Link header of a normal answer; NoLink leaves it
	// out (a list that stops early).
	Link   string
	NoLink bool
	// Lost lets the endpoint do its work, then drops the connection
	// without an answer: a write GitHub made whose answer never arrived.
	Lost bool
}

type fault struct {
	Fault
	re   *regexp.Regexp
	left int // answers still to fault; 0 with Times 0 means forever
}

// Inject adds a fault.
func (s *Server) Inject(f Fault) {
	re := regexp.MustCompile(f.PathRegexp)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{Fault: f, re: re, left: f.Times})
}

// SetRateLimit sets the primary rate limit: remaining requests of limit,
// refilled resetIn from now (by the server's clock), and every hour after.
func (s *Server) SetRateLimit(limit, remaining int, resetIn time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limit, s.left, s.reset = limit, remaining, s.now().Add(resetIn)
}

// Request is one request as the server saw it.
type Request struct {
	Method        string
	Path          string // without the base prefix, e.g. "repos/acme/app/issues" (outside it: as sent)
	RawQuery      string
	Status        int // 0 if the client went away before the answer
	Authorization string
	IfNoneMatch   string
}

// Requests returns every request received, in order of arrival.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		out[i] = *r
	}
	return out
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// response is an answer before it is written.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path, ok := strings.CutPrefix(r.URL.Path, s.prefix)
	if !ok {
		path = r.URL.Path // outside the API: 404
	}
	rec := &Request{Method: r.Method, Path: path, RawQuery: r.URL.RawQuery,
		Authorization: r.Header.Get("Authorization"), IfNoneMatch: r.Header.Get("If-None-Match")}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	f := s.takeFault(path)
	s.mu.Unlock()

	arrived := time.Now()
	if f != nil && !s.sleep(r.Context(), f.Delay) {
		return
	}

	lost := f != nil && f.Lost
	if lost {
		f = nil
	}
	s.mu.Lock()
	res := s.answer(r, path, ok, f)
	rec.Status = res.status
	s.mu.Unlock()
	// The latency is the whole time to answer, the fake's own work
	// included: a benchmark measures the client, not the fake.
	if !s.sleep(r.Context(), s.latency-time.Since(arrived)) {
		return
	}
	if lost {
		panic(http.ErrAbortHandler) // the server closes the connection, silently
	}

	for k, v := range res.header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.status)
	w.Write(res.body)
}

func (s *Server) takeFault(path string) *Fault {
	for i, f := range s.faults {
		if !f.re.MatchString(path) {
			continue
		}
		if f.Skip > 0 {
			f.Skip--
			return nil
		}
		if f.Times > 0 {
			if f.left--; f.left == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &f.Fault
	}
	return nil
}

// sleep waits d, or less if the client goes away or the test ends; it
// reports whether to answer.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-s.done:
	}
	return false
}

// answer decides the response, in GitHub's order: faults (standing for
// failures in front of the API), credentials, the rate limit, then the
// endpoint. Every answer but a 304 or a rate-limit 403 uses one request of
// the limit; GET rate_limit is free.
func (s *Server) answer(r *http.Request, path string, inAPI bool, f *Fault) response {
	now := s.now()
	if !now.Before(s.reset) {
		s.left, s.reset = s.limit, now.Add(time.Hour)
	}
	var res response
	limited := false
	switch {
	case f != nil && f.Exhaust:
		res, limited = s.exhausted(), true
		if f.Status != 0 {
			res.status = f.Status
		}
	case f != nil && (f.Status != 0 || f.RetryAfter > 0):
		res = faultResponse(f)
	case s.token != "" && !s.authorized(r.Header.Get("Authorization")):
		res = errorResponse(http.StatusUnauthorized, "Bad credentials", docs)
	case s.left <= 0 && path != "rate_limit":
		res, limited = s.exhausted(), true
	case !inAPI:
		res = notFound()
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		res = s.routeWrite(r, path) // labels.go
	default:
		res = s.route(r, path)
	}
	if res.header == nil {
		res.header = http.Header{}
	}
	h := res.header
	if res.status == http.StatusOK {
		tag := etag(r.Header.Get("Authorization"), res.body)
		h.Set("ETag", tag)
		h.Set("Cache-Control", "private, max-age=60, s-maxage=60")
		if matches(r.Header.Get("If-None-Match"), tag) {
			res.status, res.body = http.StatusNotModified, nil
			h.Del("Link")
		}
	}
	if res.status != http.StatusNotModified && !limited && path != "rate_limit" && s.left > 0 {
		s.left--
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")
	h.Set("X-GitHub-Api-Version-Selected", "2022-11-28")
	h.Set("X-GitHub-Media-Type", "github.v3; format=json")
	remaining, reset := s.left, s.reset
	if f != nil && f.Exhaust {
		remaining, reset = 0, now.Add(cmp.Or(max(f.ResetIn, 0), time.Minute))
	}
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Used", strconv.Itoa(s.limit-remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(ceilUnix(reset), 10))
	h.Set("X-RateLimit-Resource", "core")
	if f != nil && f.RetryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(int(math.Ceil(f.RetryAfter.Seconds()))))
	}
	if f != nil && f.Location != "" {
		h.Set("Location", f.Location)
	}
	if f != nil && res.status == http.StatusOK && (f.NoLink || f.Link != "") {
		h.Del("Link")
		if f.Link != "" {
			h.Set("Link", f.Link)
		}
	}
	return res
}

func (s *Server) authorized(header string) bool {
	scheme, cred, _ := strings.Cut(header, " ")
	return (strings.EqualFold(scheme, "bearer") || strings.EqualFold(scheme, "token")) && cred == s.token
}

func ceilUnix(t time.Time) int64 {
	if t.Nanosecond() > 0 {
		return t.Unix() + 1
	}
	return t.Unix()
}

const (
	docs          = "https://docs.github.com/rest"
	primaryDocs   = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits"
	secondaryDocs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
)

func (s *Server) exhausted() response {
	return errorResponse(http.StatusForbidden, "API rate limit exceeded for user ID 1. If you reach out to "+
		"GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.", primaryDocs)
}

func faultResponse(f *Fault) response {
	st := f.Status
	if st == 0 {
		st = http.StatusForbidden // Status 0 with RetryAfter
	}
	switch {
	case (f.RetryAfter > 0 || f.Secondary) && (st == http.StatusForbidden || st == http.StatusTooManyRequests):
		return errorResponse(st, "You have exceeded a secondary rate limit. Please wait a few minutes before "+
			"you try again. If you reach out to GitHub Support for help, please include the request ID "+
			"0000:0000:0000000:0000000:00000000.", secondaryDocs)
	case st >= 300 && st < 400:
		// GitHub's redirect body: message, the new URL, documentation.
		res := jsonResponse(st, obj{"message": http.StatusText(st), "url": f.Location,
			"documentation_url": "https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects"})
		return res
	case st == http.StatusUnauthorized:
		return errorResponse(st, "Bad credentials", docs)
	case st == http.StatusForbidden:
		return errorResponse(st, "Resource not accessible by integration", docs)
	case st == http.StatusNotFound:
		return notFound()
	case st == http.StatusUnprocessableEntity:
		return errorResponse(st, "Validation Failed", docs)
	case st >= 500:
		return errorResponse(st, "Server Error", "")
	default:
		return errorResponse(st, http.StatusText(st), docs)
	}
}

func notFound() response { return errorResponse(http.StatusNotFound, "Not Found", docs) }

// errorResponse is GitHub's error body: {"message", "documentation_url", "status"}.
func errorResponse(status int, message, documentation string) response {
	o := obj{"message": message, "status": strconv.Itoa(status)}
	if documentation != "" {
		o["documentation_url"] = documentation
	}
	return jsonResponse(status, o)
}

func jsonResponse(status int, v any) response {
	body, err := marshal(v)
	if err != nil {
		panic(fmt.Sprintf("githubtest: %v", err))
	}
	return response{status: status, header: http.Header{}, body: body}
}
