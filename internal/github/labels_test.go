package github_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

// labelled is acme/app with three open issues, #2 labelled sla-due.
func labelled() *snapshot.Snapshot {
	r := &snapshot.Repo{Name: "acme/app", HTMLURL: "https://github.com/acme/app"}
	for n := 1; n <= 3; n++ {
		is := snapshot.Issue{Number: n, Title: "Issue", Author: "carol", CreatedAt: fetchedAt.Add(-time.Duration(n) * time.Hour)}
		if n == 2 {
			is.Labels = []string{"sla-due"}
		}
		r.Issues = append(r.Issues, is)
	}
	return &snapshot.Snapshot{FetchedAt: fetchedAt, Repos: []*snapshot.Repo{r}}
}

// writes lists the label changes the server made: "+label #n", "-label #n".
func writes(srv *githubtest.Server) []string {
	var out []string
	for _, w := range srv.LabelWrites() {
		for _, l := range w.Added {
			out = append(out, "+"+l+" #"+strconv.Itoa(w.Number))
		}
		for _, l := range w.Removed {
			out = append(out, "-"+l+" #"+strconv.Itoa(w.Number))
		}
	}
	return out
}

func methods(srv *githubtest.Server, method string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method {
			n++
		}
	}
	return n
}

func TestAddAndRemoveLabels(t *testing.T) {
	f := newFixture(t)
	f.srv.Load(labelled())
	ctx := context.Background()
	if err := f.client.AddLabel(ctx, "acme/app", 1, "sla-due"); err != nil {
		t.Fatal(err)
	}
	if err := f.client.RemoveLabel(ctx, "acme/app", 2, "sla-due"); err != nil {
		t.Fatal(err)
	}
	// Once more: adding changes nothing, and removing a label the issue no
	// longer carries (404 "Label does not exist") is no error.
	if err := f.client.AddLabel(ctx, "acme/app", 1, "sla-due"); err != nil {
		t.Fatal(err)
	}
	if err := f.client.RemoveLabel(ctx, "acme/app", 2, "sla-due"); err != nil {
		t.Errorf("removing an absent label: %v, want no error", err)
	}
	if got, want := writes(f.srv), []string{"+sla-due #1", "-sla-due #2"}; !slices.Equal(got, want) {
		t.Errorf("changes %v, want %v", got, want)
	}
	// A fetch afterwards sees them.
	got, err := f.client.Fetch(ctx, github.Plan{Repos: []string{"acme/app"}, Since: fetchedAt.Add(-24 * time.Hour), Now: fetchedAt}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range got.Repo("acme/app").Issues {
		if has := slices.Contains(is.Labels, "sla-due"); has != (is.Number == 1) {
			t.Errorf("#%d labels %v after the changes", is.Number, is.Labels)
		}
	}
}

func TestLabelWriteRetries(t *testing.T) {
	ctx := context.Background()
	t.Run("5xx: the body is sent again", func(t *testing.T) {
		srv := githubtest.New(t, githubtest.WithToken(token))
		srv.Load(labelled())
		// Each attempt reads the whole body, as a server that answers after
		// reading it would (the fake's faults answer before).
		client, err := github.NewClient(github.Config{BaseURL: srv.URL, Token: token, TokenSource: "GH_TOKEN",
			HTTP: readWholeBody{srv.Client().Transport}, MaxWait: time.Minute,
			Sleep: func(context.Context, time.Duration) error { return nil }})
		if err != nil {
			t.Fatal(err)
		}
		srv.Inject(githubtest.Fault{PathRegexp: `issues/1/labels$`, Times: 2, Status: 502})
		if err := client.AddLabel(ctx, "acme/app", 1, "sla-due"); err != nil {
			t.Fatal(err)
		}
		if n := methods(srv, "POST"); n != 3 {
			t.Errorf("%d POSTs, want 3 (two 502s, then the change)", n)
		}
		// The third POST reached the endpoint with its body intact.
		if got := writes(srv); !slices.Equal(got, []string{"+sla-due #1"}) {
			t.Errorf("changes %v", got)
		}
	})
	t.Run("429 with Retry-After", func(t *testing.T) {
		f := newFixture(t)
		f.srv.Load(labelled())
		f.srv.Inject(githubtest.Fault{PathRegexp: `issues/2/labels/`, Times: 1, Status: 429, RetryAfter: 7 * time.Second})
		if err := f.client.RemoveLabel(ctx, "acme/app", 2, "sla-due"); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(*f.slept, 7*time.Second) || methods(f.srv, "DELETE") != 2 {
			t.Errorf("waited %v over %d DELETEs, want 7s and 2", *f.slept, methods(f.srv, "DELETE"))
		}
	})
	t.Run("connection lost after sending: not sent again", func(t *testing.T) {
		srv := githubtest.New(t, githubtest.WithToken(token))
		srv.Load(labelled())
		lossy := &loseAnswers{base: srv.Client().Transport}
		client, err := github.NewClient(github.Config{BaseURL: srv.URL, Token: token, TokenSource: "GH_TOKEN", HTTP: lossy,
			Sleep: func(context.Context, time.Duration) error { return nil }})
		if err != nil {
			t.Fatal(err)
		}
		lossy.lose(1)
		if err := client.AddLabel(ctx, "acme/app", 1, "sla-due"); err == nil {
			t.Fatal("want the lost answer as an error")
		}
		if n := methods(srv, "POST"); n != 1 {
			t.Errorf("%d POSTs, want 1: a write whose answer was lost may have been applied", n)
		}
		// A read is sent again after the same fault.
		lossy.lose(1)
		if _, err := client.Fetch(ctx, github.Plan{Repos: []string{"acme/app"}, Since: fetchedAt, Now: fetchedAt}, nil); err != nil {
			t.Errorf("fetch after a lost answer: %v, want it retried", err)
		}
	})
}

// readWholeBody reads a request's body to its end before sending it on.
type readWholeBody struct{ base http.RoundTripper }

func (r readWholeBody) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil {
		return r.base.RoundTrip(req)
	}
	b, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	out := req.Clone(req.Context())
	out.Body, out.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
	return r.base.RoundTrip(out)
}

// loseAnswers sends requests, then loses the next n answers as if the
// connection broke.
type loseAnswers struct {
	base http.RoundTripper
	mu   sync.Mutex
	n    int
}

func (l *loseAnswers) lose(n int) {
	l.mu.Lock()
	l.n = n
	l.mu.Unlock()
}

func (l *loseAnswers) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := l.base.RoundTrip(req)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err == nil && l.n > 0 {
		l.n--
		resp.Body.Close()
		return nil, io.ErrUnexpectedEOF
	}
	return resp, err
}

func TestLabelWriteRefused(t *testing.T) {
	f := newFixture(t)
	f.srv.Load(labelled())
	f.srv.Inject(githubtest.Fault{PathRegexp: `/labels`, Status: 403})
	err := f.client.AddLabel(context.Background(), "acme/app", 1, "sla-due")
	var auth *github.AuthError
	if !errors.As(err, &auth) {
		t.Fatalf("err = %v, want an AuthError", err)
	}
	for _, want := range []string{"403", "GH_TOKEN", "issues: write", "acme/app#1"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not name %s", err, want)
		}
	}
	if strings.Contains(err.Error(), token) {
		t.Error("the token appears in the error")
	}
	if n := methods(f.srv, "POST"); n != 1 {
		t.Errorf("%d POSTs, want 1: a plain 403 is not retried", n)
	}
}

// A body that cannot be read again is sent once, whatever the answer.
func TestTransportSendsABodyWithoutGetBodyOnce(t *testing.T) {
	srv := githubtest.New(t)
	srv.Load(labelled())
	srv.Inject(githubtest.Fault{PathRegexp: `labels$`, Status: 502})
	tr := &github.Transport{Base: srv.Client().Transport, Sleep: func(context.Context, time.Duration) error { return nil }}
	req, err := http.NewRequest("POST", srv.URL+"repos/acme/app/issues/1/labels", io.NopCloser(strings.NewReader(`["x"]`)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer x")
	if req.GetBody != nil {
		t.Fatal("the test needs a body without GetBody")
	}
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 502 || methods(srv, "POST") != 1 {
		t.Errorf("status %d after %d POSTs, want the 502 after one", resp.StatusCode, methods(srv, "POST"))
	}
}

// The token's account: GET /user for a person's token; GraphQL's viewer
// for an app installation token, which GET /user answers 403.
func TestAccount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	person := newFixture(t, githubtest.WithActor("sla-runner"))
	if login, err := person.client.Account(ctx); err != nil || login != "sla-runner" {
		t.Errorf("person: %q, %v; want sla-runner", login, err)
	}
	app := newFixture(t) // the fake's default actor, github-actions[bot]
	login, err := app.client.Account(ctx)
	if err != nil || login != "github-actions[bot]" {
		t.Errorf("app: %q, %v; want github-actions[bot]", login, err)
	}
	var paths []string
	for _, r := range app.srv.Requests() {
		paths = append(paths, r.Method+" "+r.Path)
	}
	if want := []string{"GET user", "POST graphql"}; !slices.Equal(paths, want) {
		t.Errorf("requests %v, want %v", paths, want)
	}
	// A bad token is said as such, and stops.
	bad, err := github.NewClient(github.Config{BaseURL: person.srv.URL, Token: "wrong", TokenSource: "GH_TOKEN",
		Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	var auth *github.AuthError
	if _, err := bad.Account(ctx); !errors.As(err, &auth) || !strings.Contains(err.Error(), "GH_TOKEN") {
		t.Errorf("bad token: %v, want an AuthError naming GH_TOKEN", err)
	}
}

// Who last added a label, from the issue's own events, matching the name
// as GitHub does (ignoring case).
func TestLabelAddedBy(t *testing.T) {
	t.Parallel()
	f := newFixture(t, githubtest.WithActor("sla-bot"))
	f.srv.Load(labelled())
	ctx := context.Background()
	for _, e := range []struct {
		kind  snapshot.EventKind
		label string
		actor string
		hours int
	}{
		{snapshot.Labeled, "sla-due", "alice", 1}, // #2: alice, then sla-bot
		{snapshot.Unlabeled, "sla-due", "bob", 2},
		{snapshot.Labeled, "SLA-Due", "sla-bot", 3},
		{snapshot.Labeled, "bug", "carol", 4},
	} {
		f.srv.AddEvent("acme/app", snapshot.Event{Issue: 2, Kind: e.kind, Label: e.label, Actor: e.actor,
			CreatedAt: fetchedAt.Add(time.Duration(e.hours) * time.Minute)})
	}
	if by, err := f.client.LabelAddedBy(ctx, "acme/app", 2, "sla-due"); err != nil || by != "sla-bot" {
		t.Errorf("#2: %q, %v; want sla-bot (the latest labeled event)", by, err)
	}
	if by, err := f.client.LabelAddedBy(ctx, "acme/app", 1, "sla-due"); err != nil || by != "" {
		t.Errorf("#1: %q, %v; want nobody", by, err)
	}
}
