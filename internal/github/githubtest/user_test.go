package githubtest_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sla-dev/sla/internal/github/githubtest"
)

func TestAuthenticatedUser(t *testing.T) {
	t.Parallel()
	sch := schemas(t)
	auth := []string{"Authorization", "Bearer t0ken"}

	person := newServer(t, githubtest.WithToken("t0ken"), githubtest.WithActor("sla-runner"))
	resp, body := get(t, person, "user", auth...)
	wantStatus(t, resp, body, 200)
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch["public-user"].Validate(v); err != nil {
		t.Errorf("GET user against public-user.json: %#v", err)
	}
	if login := v.(map[string]any)["login"]; login != "sla-runner" {
		t.Errorf("login %v, want sla-runner", login)
	}
	resp, body = get(t, person, "user")
	wantStatus(t, resp, body, 401)

	// An installation token (a bot) may not read GET user; GraphQL's
	// viewer names it.
	app := newServer(t, githubtest.WithToken("t0ken"))
	resp, body = get(t, app, "user", auth...)
	wantStatus(t, resp, body, 403)
	if err := sch["basic-error"].Validate(mustJSON(t, body)); err != nil {
		t.Errorf("403 body against basic-error.json: %#v", err)
	}
	resp, body = send(t, app, "POST", "graphql", `{"query": "query { viewer { login } }"}`, auth...)
	wantStatus(t, resp, body, 200)
	var answer struct {
		Data struct {
			Viewer struct{ Login string }
		}
	}
	if err := json.Unmarshal(body, &answer); err != nil || answer.Data.Viewer.Login != "github-actions[bot]" {
		t.Errorf("viewer: %s (%v), want github-actions[bot]", body, err)
	}
	resp, body = send(t, app, "POST", "graphql", `{"query": "{ repository { id } }"}`, auth...)
	wantStatus(t, resp, body, 200)
	if !bytes.Contains(body, []byte(`"errors"`)) {
		t.Errorf("another query: %s, want errors", body)
	}
}

func mustJSON(t *testing.T, body []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
