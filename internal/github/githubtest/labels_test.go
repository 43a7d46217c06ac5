package githubtest_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sla-dev/sla/internal/github/githubtest"
)

// send makes a request with a method and a JSON body ("" for none).
func send(t *testing.T, s *githubtest.Server, method, path, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
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
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, out
}

// labelNames reads an array of label objects.
func labelNames(t *testing.T, body []byte) []string {
	t.Helper()
	var out []string
	for _, l := range list(t, body) {
		out = append(out, l["name"].(string))
	}
	return out
}

// issueLabels reads an issue's labels from the issues list, and its place
// in it (most recently updated first).
func issueLabels(t *testing.T, s *githubtest.Server, number int) (labels []string, rank int) {
	t.Helper()
	_, body := get(t, s, issuesQuery+"&per_page=100", "Authorization", "Bearer t0ken")
	for i, is := range list(t, body) {
		if int(is["number"].(float64)) != number {
			continue
		}
		for _, l := range is["labels"].([]any) {
			labels = append(labels, l.(map[string]any)["name"].(string))
		}
		return labels, i
	}
	t.Fatalf("no issue %d", number)
	return nil, 0
}

func TestLabelWrites(t *testing.T) {
	sch := schemas(t)
	now := h(60)
	s := newServer(t, githubtest.WithToken("t0ken"), githubtest.WithClock(func() time.Time { return now }),
		githubtest.WithActor("sla-bot"))
	auth := []string{"Authorization", "Bearer t0ken"}
	validLabels := func(body []byte) {
		t.Helper()
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range v.([]any) {
			if err := sch["label"].Validate(l); err != nil {
				t.Errorf("against label.json: %#v", err)
			}
		}
	}

	// go-github sends a bare array; the documented object form works too.
	resp, body := send(t, s, "POST", "repos/acme/app/issues/2/labels", `["sla-due"]`, auth...)
	wantStatus(t, resp, body, 200)
	validLabels(body)
	if got := labelNames(t, body); !slices.Equal(got, []string{"request", "sla-due"}) {
		t.Errorf("POST answered %v, want the issue's labels [request sla-due]", got)
	}
	resp, body = send(t, s, "POST", "repos/acme/app/issues/5/labels", `{"labels":["sla-due","P2"]}`, auth...)
	wantStatus(t, resp, body, 200)
	if got := labelNames(t, body); !slices.Equal(got, []string{"request", "sla-due", "P2"}) {
		t.Errorf("POST answered %v", got)
	}
	// Again, in another case: nothing changes, and no event.
	resp, body = send(t, s, "POST", "repos/acme/app/issues/2/labels", `{"labels":[{"name":"SLA-DUE"}]}`, auth...)
	wantStatus(t, resp, body, 200)
	if got := labelNames(t, body); !slices.Equal(got, []string{"request", "sla-due"}) {
		t.Errorf("adding again: %v", got)
	}
	// Later reads see the label, and the issue as just updated.
	if labels, rank := issueLabels(t, s, 2); !slices.Equal(labels, []string{"request", "sla-due"}) || rank > 1 {
		t.Errorf("issue 2 in the list: labels %v at place %d, want sla-due and among the first two", labels, rank)
	}

	// Remove, with the name in any case and escaped.
	resp, body = send(t, s, "DELETE", "repos/acme/app/issues/2/labels/Sla-Due", "", auth...)
	wantStatus(t, resp, body, 200)
	validLabels(body)
	if got := labelNames(t, body); !slices.Equal(got, []string{"request"}) {
		t.Errorf("DELETE answered %v, want the labels left [request]", got)
	}
	resp, body = send(t, s, "POST", "repos/acme/app/issues/3/labels", `["needs triage/ops"]`, auth...)
	wantStatus(t, resp, body, 200)
	resp, body = send(t, s, "DELETE", "repos/acme/app/issues/3/labels/needs%20triage%2Fops", "", auth...)
	wantStatus(t, resp, body, 200)
	if labels, _ := issueLabels(t, s, 3); !slices.Equal(labels, []string{"request"}) {
		t.Errorf("issue 3 labels %v after removing %q", labels, "needs triage/ops")
	}
	// A label the issue does not carry: 404, as GitHub answers.
	resp, body = send(t, s, "DELETE", "repos/acme/app/issues/2/labels/sla-due", "", auth...)
	wantStatus(t, resp, body, 404)
	if m := message(t, body); m != "Label does not exist" {
		t.Errorf("message %q", m)
	}

	// The events list shows each change once, by the acting login, now.
	_, body = get(t, s, "repos/acme/app/issues/events?per_page=100", auth...)
	var changes []string
	for _, e := range list(t, body) {
		if at, _ := time.Parse(time.RFC3339, e["created_at"].(string)); !at.Equal(now) {
			continue
		}
		is := e["issue"].(map[string]any)
		changes = append(changes, fmt.Sprintf("%s %s %s %v", e["event"], e["label"].(map[string]any)["name"],
			e["actor"].(map[string]any)["login"], is["number"]))
	}
	slices.Sort(changes)
	want := []string{"labeled P2 sla-bot 5", "labeled needs triage/ops sla-bot 3", "labeled sla-due sla-bot 2",
		"labeled sla-due sla-bot 5", "unlabeled needs triage/ops sla-bot 3", "unlabeled sla-due sla-bot 2"}
	if !slices.Equal(changes, want) {
		t.Errorf("events now:\n  %s\nwant:\n  %s", strings.Join(changes, "\n  "), strings.Join(want, "\n  "))
	}
	_, body = get(t, s, "repos/acme/app/issues/2/events", auth...)
	kinds := []string{}
	for _, e := range list(t, body) {
		kinds = append(kinds, e["event"].(string))
	}
	if !slices.Equal(kinds, []string{"labeled", "labeled", "unlabeled"}) {
		t.Errorf("issue 2 events %v, want its opening label, then sla-due labeled and unlabeled", kinds)
	}

	// Every write is recorded.
	var log []string
	for _, w := range s.LabelWrites() {
		log = append(log, strings.Join([]string{w.Method, w.Repo, strings.Join(w.Added, ","), strings.Join(w.Removed, ","),
			http.StatusText(w.Status)}, " "))
	}
	wantLog := []string{"POST acme/app sla-due  OK", "POST acme/app sla-due,P2  OK", "POST acme/app   OK",
		"DELETE acme/app  sla-due OK", "POST acme/app needs triage/ops  OK", "DELETE acme/app  needs triage/ops OK",
		"DELETE acme/app   Not Found"}
	if !slices.Equal(log, wantLog) {
		t.Errorf("LabelWrites:\n  %s\nwant:\n  %s", strings.Join(log, "\n  "), strings.Join(wantLog, "\n  "))
	}

	// Errors.
	for _, tc := range []struct {
		method, path, body string
		header             []string
		status             int
		schema             string
	}{
		{"POST", "repos/acme/app/issues/99/labels", `["x"]`, auth, 404, "basic-error"},
		{"POST", "repos/acme/nope/issues/1/labels", `["x"]`, auth, 404, "basic-error"},
		{"POST", "repos/acme/app/issues/1/labels", `[]`, auth, 422, "validation-error"},
		{"POST", "repos/acme/app/issues/1/labels", `{"labels":[1]}`, auth, 422, "validation-error"},
		{"POST", "repos/acme/app/issues/1/labels", `not json`, auth, 422, "validation-error"},
		{"POST", "repos/acme/app/issues/1/labels", `["x"]`, nil, 401, "basic-error"},
		{"PUT", "repos/acme/app/issues/1/labels", `["x"]`, auth, 404, "basic-error"},
		{"DELETE", "repos/acme/app/issues/1/labels", ``, auth, 404, "basic-error"},
	} {
		resp, body := send(t, s, tc.method, tc.path, tc.body, tc.header...)
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s %s: %d, want %d", tc.method, tc.path, tc.body, resp.StatusCode, tc.status)
			continue
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch[tc.schema].Validate(v); err != nil {
			t.Errorf("%s %s: against %s.json: %#v", tc.method, tc.path, tc.schema, err)
		}
	}
	if labels, _ := issueLabels(t, s, 1); !slices.Equal(labels, []string{"request"}) {
		t.Errorf("issue 1 changed by refused writes: %v", labels)
	}
}

// Without a token set on the server, a write still needs one; the default
// actor is github-actions[bot], a bot.
func TestLabelWritesNeedAuthorization(t *testing.T) {
	s := newServer(t)
	resp, body := send(t, s, "POST", "repos/acme/app/issues/1/labels", `["x"]`)
	wantStatus(t, resp, body, 401)
	if m := message(t, body); m != "Requires authentication" {
		t.Errorf("message %q", m)
	}
	resp, body = send(t, s, "POST", "repos/acme/app/issues/1/labels", `["x"]`, "Authorization", "Bearer any")
	wantStatus(t, resp, body, 200)
	_, body = get(t, s, "repos/acme/app/issues/1/events")
	events := list(t, body)
	last := events[len(events)-1]
	if actor := last["actor"].(map[string]any); actor["login"] != "github-actions[bot]" || actor["type"] != "Bot" {
		t.Errorf("actor %v, want github-actions[bot], a Bot", actor)
	}
	// Faults apply to writes too (a token without issues: write).
	s.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues/\d+/labels`, Status: 403})
	resp, body = send(t, s, "POST", "repos/acme/app/issues/1/labels", `["y"]`, "Authorization", "Bearer any")
	wantStatus(t, resp, body, 403)
	if m := message(t, body); m != "Resource not accessible by integration" {
		t.Errorf("message %q", m)
	}
	if n := len(s.LabelWrites()); n != 1 {
		t.Errorf("%d writes recorded, want 1 (the faulted one never reached the endpoint)", n)
	}
}
