package github_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/github/githubtest"
)

func noSleep(context.Context, time.Duration) error { return nil }

// origin is a fake's scheme://host:port, as messages name it.
func origin(srv *githubtest.Server) string {
	u := strings.TrimSuffix(srv.URL, "/")
	return strings.TrimSuffix(u, "/api/v3")
}

// The token goes to the API's origin only. A second server, serving the
// same data and accepting anything, stands for another host: whether
// GitHub's next-page link or a redirect points there, over http from an
// https API included, it receives nothing at all, and the repository's
// error names both origins.
func TestTokenStaysWithTheAPI(t *testing.T) {
	t.Parallel()
	link := func(to string) githubtest.Fault {
		return githubtest.Fault{PathRegexp: `^repos/acme/app/issues$`, Times: 1,
			Link: "<" + to + "repos/acme/app/issues?direction=desc&page=2&per_page=100&sort=updated&state=all>; rel=\"next\""}
	}
	redirect := func(status int) func(to string) githubtest.Fault {
		return func(to string) githubtest.Fault {
			return githubtest.Fault{PathRegexp: `^repos/acme/app/issues$`, Times: 1, Status: status, Location: to + "repos/acme/app/issues"}
		}
	}
	for _, tc := range []struct {
		name  string
		https bool // the API on https, the other server on http: a downgrade
		fault func(other string) githubtest.Fault
	}{
		{"Link", false, link},
		{"301", false, redirect(301)},
		{"302", false, redirect(302)},
		{"307", false, redirect(307)},
		{"308", false, redirect(308)},
		{"Link from https to http", true, link},
		{"301 from https to http", true, redirect(301)},
		{"308 from https to http", true, redirect(308)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			other := githubtest.New(t)
			other.Load(sample("acme/app"))
			opts := []githubtest.Option{githubtest.WithToken(token)}
			if tc.https {
				opts = append(opts, githubtest.WithTLS())
			}
			api := githubtest.New(t, opts...)
			api.Load(sample("acme/app"))
			api.Inject(tc.fault(other.URL))
			client, err := github.NewClient(github.Config{BaseURL: api.URL, Token: token, TokenSource: "GH_TOKEN",
				HTTP: api.Client().Transport, Sleep: noSleep})
			if err != nil {
				t.Fatal(err)
			}
			got, err := client.Fetch(context.Background(), plan(sample().Since, "acme/app"), nil) // back far enough to need page 2
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range other.Requests() {
				t.Errorf("the other server received %s %s (Authorization %q)", r.Method, r.Path, r.Authorization)
			}
			e := got.Repo("acme/app").Error
			if !strings.Contains(e, origin(other)) || !strings.Contains(e, origin(api)) || !strings.Contains(e, "not followed") {
				t.Errorf("error %q, want it to name %s and %s", e, origin(other), origin(api))
			}
			if strings.Contains(e, token) {
				t.Error("the token is in the error")
			}
		})
	}
}

// Within the API's origin, redirects are followed as GitHub documents
// (a renamed repository answers 301), with the token; a write follows only
// a redirect that sends it again as itself.
func TestRedirectsWithinTheAPI(t *testing.T) {
	t.Parallel()
	api := githubtest.New(t, githubtest.WithToken(token))
	api.Load(sample("acme/app"))
	moved := api.URL + "repositories/1000/"
	for _, list := range []string{"issues", "issues/comments", "issues/events"} {
		api.Inject(githubtest.Fault{PathRegexp: `^repos/acme/old/` + list + `$`, Status: 301, Location: moved + list + "?per_page=100"})
	}
	client, err := github.NewClient(github.Config{BaseURL: api.URL, Token: token, TokenSource: "GH_TOKEN", MaxWait: time.Minute, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Fetch(context.Background(), plan(fetchedAt.Add(-5*24*time.Hour), "acme/old"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := got.Repo("acme/old"); r.Error != "" || len(r.Issues) == 0 || len(r.Comments) == 0 || len(r.Events) == 0 {
		t.Fatalf("the renamed repository was not read through its redirect: %+v", r.Error)
	}

	ctx := context.Background()
	api.Inject(githubtest.Fault{PathRegexp: `^repos/acme/old/issues/1/labels$`, Times: 1, Status: 307, Location: api.URL + "repos/acme/app/issues/1/labels"})
	if err := client.AddLabel(ctx, "acme/old", 1, "sla-due"); err != nil {
		t.Errorf("a write redirected with 307: %v", err)
	}
	api.Inject(githubtest.Fault{PathRegexp: `^repos/acme/old/issues/2/labels$`, Times: 1, Status: 301, Location: api.URL + "repos/acme/app/issues/2/labels"})
	if err := client.AddLabel(ctx, "acme/old", 2, "sla-due"); err == nil || !strings.Contains(err.Error(), "would send it again as a GET") {
		t.Errorf("a write redirected with 301: %v, want it refused (it would become a GET)", err)
	}
	var posts []string
	for _, r := range api.Requests() {
		if r.Method == "POST" {
			posts = append(posts, r.Path)
		}
	}
	if strings.Join(posts, " ") != "repos/acme/old/issues/1/labels repos/acme/app/issues/1/labels repos/acme/old/issues/2/labels" {
		t.Errorf("POSTs %v", posts)
	}
}

// The Link header parser never panics, finds what it returns in the
// header, and finds a next link whatever its URL holds (commas too) and
// wherever it stands among the others.
func FuzzNextLink(f *testing.F) {
	for _, seed := range []struct{ header, prev, next string }{
		{`<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=9>; rel="last"`,
			"https://api.github.com/x?page=1", "https://api.github.com/x?page=3"},
		{`<https://api.github.com/x?labels=a,b&page=2>; rel="next"`, "a", "https://api.github.com/x?labels=a,b&page=2"},
		{`<a>; rel="prev next"`, "", "b"},
		{`<a>; title="x, y"; rel=next`, "c;d", "e"},
		{"", "", ""},
		{`<>; rel=`, `"`, `\`},
	} {
		f.Add(seed.header, seed.prev, seed.next)
	}
	f.Fuzz(func(t *testing.T, header, prev, next string) {
		if got := github.NextLink(header); got != "" && !strings.Contains(header, "<"+got+">") {
			t.Errorf("NextLink(%q) = %q, which is not a link target in it", header, got)
		}
		if next == "" || strings.ContainsAny(prev+next, "<>") {
			return
		}
		built := "<" + prev + `>; rel="prev", <` + next + `>; rel="next", <` + prev + `>; rel="last"`
		if got := github.NextLink(built); got != next {
			t.Errorf("NextLink(%q) = %q, want %q", built, got, next)
		}
	})
}
