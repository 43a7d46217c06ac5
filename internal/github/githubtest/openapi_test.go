package githubtest_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sla-dev/sla/internal/github/githubtest"
)

// schemas compiles testdata/openapi/*.json (see its README), asserting
// formats (date-time, uri) too.
func schemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	files, err := filepath.Glob("testdata/openapi/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no schemas: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	out := map[string]*jsonschema.Schema{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		name := filepath.Base(f)
		if err := c.AddResource(name, doc); err != nil {
			t.Fatal(err)
		}
		if out[name[:len(name)-len(".json")]], err = c.Compile(name); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	return out
}

func TestResponsesMatchOpenAPI(t *testing.T) {
	sch := schemas(t)
	s := newServer(t, githubtest.WithToken("t0ken"), githubtest.WithCursorAfterPage(1))
	s.AddOtherEvent("acme/app", 2, "mentioned", "bob", h(45))
	s.AddOtherEvent("acme/app", 4, "subscribed", "alice", h(46))
	auth := []string{"Authorization", "Bearer t0ken"}

	validate := func(t *testing.T, schema string, v any) {
		t.Helper()
		if err := sch[schema].Validate(v); err != nil {
			t.Errorf("against %s.json: %#v", schema, err)
		}
	}
	check := func(path string, status int, schema string, array bool, header ...string) []any {
		t.Helper()
		resp, body := get(t, s, path, header...)
		wantStatus(t, resp, body, status)
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !array {
			validate(t, schema, v)
			return nil
		}
		items, ok := v.([]any)
		if !ok || len(items) == 0 {
			t.Fatalf("%s: want a non-empty array, got %s", path, body)
		}
		for i, it := range items {
			t.Run(fmt.Sprintf("%s[%d]", path, i), func(t *testing.T) { validate(t, schema, it) })
		}
		return items
	}

	check("repos/acme/app", 200, "full-repository", false, auth...)
	check("repositories/1001", 200, "full-repository", false, auth...)
	resp, _ := get(t, s, issuesQuery+"&per_page=5", auth...)
	cursor := links(resp)["next"] // repositories/1000/issues?after=…
	for _, path := range []string{issuesQuery + "&per_page=100", cursor} {
		for _, is := range check(path, 200, "issue", true, auth...) {
			for _, l := range is.(map[string]any)["labels"].([]any) {
				validate(t, "label", l)
			}
		}
	}
	check("repos/acme/app/issues/comments?sort=updated&direction=desc&per_page=100", 200, "issue-comment", true, auth...)
	check("repos/acme/app/issues/events?per_page=100", 200, "issue-event", true, auth...)
	check("repos/acme/app/issues/1/comments", 200, "issue-comment", true, auth...)
	check("repos/acme/app/issues/3/reactions", 200, "reaction", true, auth...)
	check("repos/acme/app/issues/3/reactions?content=%2B1&per_page=1", 200, "reaction", true, auth...)
	comment := check("repos/acme/app/issues/3/comments", 200, "issue-comment", true, auth...)[0].(map[string]any)
	check(fmt.Sprintf("repos/acme/app/issues/comments/%v/reactions", comment["id"]), 200, "reaction", true, auth...)
	for n := 1; n <= 12; n++ {
		check(fmt.Sprintf("repos/acme/app/issues/%d/events", n), 200, "issue-event-for-issue", true, auth...)
	}
	check("orgs/acme/teams/platform/members", 200, "team-member", true, auth...)
	check("orgs/acme/teams/platform/members", 200, "simple-user", true, auth...)
	check("rate_limit", 200, "rate-limit-overview", false, auth...)

	// Errors.
	check("repos/acme/nope", 404, "basic-error", false, auth...)
	check("repos/acme/app", 401, "basic-error", false)
	check(issuesQuery+"&page=2", 422, "validation-error", false, auth...)
	check("repos/acme/app/issues?since=soon", 422, "validation-error", false, auth...)
	check("repos/acme/app/issues/3/reactions?content=thumbsup", 422, "validation-error", false, auth...)
	check("repos/acme/app/issues/99/reactions", 404, "basic-error", false, auth...)
	check("repos/acme/app/issues/comments/1/reactions", 404, "basic-error", false, auth...)
	s.Inject(githubtest.Fault{PathRegexp: "^repos/acme/ops$", Times: 1, Status: 403, RetryAfter: time.Second})
	s.Inject(githubtest.Fault{PathRegexp: "^repos/acme/ops$", Times: 1, Exhaust: true})
	s.Inject(githubtest.Fault{PathRegexp: "^repos/acme/ops$", Times: 1, Status: 502})
	for _, status := range []int{403, 403, 502} {
		check("repos/acme/ops", status, "basic-error", false, auth...)
	}

	// A list paged deeper than GitHub serves it.
	deep := githubtest.New(t, githubtest.WithEventsPageLimit(1))
	deep.Load(fixture())
	check(deep.URL+"repos/acme/app/issues/events?per_page=5&page=2", 422, "validation-error", false)
	// A redirect, as for a renamed repository.
	s.Inject(githubtest.Fault{PathRegexp: "^repos/acme/renamed$", Times: 1, Status: 301, Location: s.URL + "repositories/1000"})
	noFollow := *s.Client()
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	req, _ := http.NewRequest(http.MethodGet, s.URL+"repos/acme/renamed", nil)
	req.Header.Set(auth[0], auth[1])
	moved, err := noFollow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Body.Close()
	if v, err := jsonschema.UnmarshalJSON(moved.Body); err != nil || moved.StatusCode != 301 {
		t.Errorf("301: status %d, %v", moved.StatusCode, err)
	} else {
		validate(t, "basic-error", v)
	}

	// 304: no body at all.
	resp, _ = get(t, s, "repos/acme/app", auth...)
	resp, body := get(t, s, "repos/acme/app", append(auth, "If-None-Match", resp.Header.Get("ETag"))...)
	wantStatus(t, resp, body, 304)
	if len(body) != 0 {
		t.Errorf("304 with a body: %q", body)
	}
}
