package githubtest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sla-dev/sla/internal/github/githubtest"
)

// TestCheckinEndpointsMatchOpenAPI: creating a label, an issue and a
// comment, and listing a comment's reactions, answer as GitHub's
// description says, error answers included; what was made is listed
// afterwards, with its body.
func TestCheckinEndpointsMatchOpenAPI(t *testing.T) {
	t.Parallel()
	sch := schemas(t)
	s := newServer(t, githubtest.WithToken("t0ken"), githubtest.WithActor("sla-bot"))
	auth := []string{"Authorization", "Bearer t0ken"}
	check := func(method, path, body string, status int, schema string, header ...string) any {
		t.Helper()
		resp, out := send(t, s, method, path, body, header...)
		wantStatus(t, resp, out, status)
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		items, isList := v.([]any)
		if !isList {
			items = []any{v}
		}
		for _, it := range items {
			if err := sch[schema].Validate(it); err != nil {
				t.Errorf("%s %s against %s.json: %#v", method, path, schema, err)
			}
		}
		return v
	}

	check("POST", "repos/acme/app/labels", `{"name":"sla-checkin","color":"0969da","description":"check-ins"}`, 201, "label", auth...)
	exists := check("POST", "repos/acme/app/labels", `{"name":"SLA-Checkin"}`, 422, "validation-error", auth...)
	if code := exists.(map[string]any)["errors"].([]any)[0].(map[string]any)["code"]; code != "already_exists" {
		t.Errorf("a label that exists: code %v", code)
	}
	issue := check("POST", "repos/acme/app/issues", `{"title":"Check-in","body":"<!-- marker -->","labels":["sla-checkin"]}`, 201, "issue", auth...).(map[string]any)
	if issue["body"] != "<!-- marker -->" || issue["user"].(map[string]any)["login"] != "sla-bot" {
		t.Errorf("the issue made: %v", issue)
	}
	num, _ := issue["number"].(json.Number).Int64()
	comment := check("POST", fmt.Sprintf("repos/acme/app/issues/%d/comments", num), `{"body":"Was it kept?"}`, 201, "issue-comment", auth...).(map[string]any)
	id, _ := comment["id"].(json.Number).Int64()
	s.AddCommentReaction("acme/app", id, "carol", "+1", h(50))
	s.AddCommentReaction("acme/app", id, "dave", "-1", h(51))
	s.AddCommentReaction("acme/app", id, "dave", "heart", h(52))
	check("GET", fmt.Sprintf("repos/acme/app/issues/comments/%d/reactions", id), "", 200, "reaction", auth...)
	listed := check("GET", fmt.Sprintf("repos/acme/app/issues/%d/comments", num), "", 200, "issue-comment", auth...).([]any)
	rollup := listed[0].(map[string]any)["reactions"].(map[string]any)
	if rollup["+1"] != json.Number("1") || rollup["-1"] != json.Number("1") || rollup["heart"] != json.Number("1") || rollup["total_count"] != json.Number("3") {
		t.Errorf("rollup %v", rollup)
	}
	thumbs := check("GET", fmt.Sprintf("repos/acme/app/issues/comments/%d/reactions?content=-1", id), "", 200, "reaction", auth...).([]any)
	if len(thumbs) != 1 || thumbs[0].(map[string]any)["user"].(map[string]any)["login"] != "dave" {
		t.Errorf("content=-1: %v", thumbs)
	}
	labelled := check("GET", "repos/acme/app/issues?labels=sla-checkin&state=all", "", 200, "issue", auth...).([]any)
	if len(labelled) != 1 {
		t.Errorf("issues with the label: %d, want the one made", len(labelled))
	}

	// Errors: no token, no access, no such repository or issue.
	check("POST", "repos/acme/app/issues", `{"title":"x"}`, 401, "basic-error")
	s.Inject(githubtest.Fault{PathRegexp: "^repos/acme/app/issues$", Times: 1, Status: 403})
	check("POST", "repos/acme/app/issues", `{"title":"x"}`, 403, "basic-error", auth...)
	check("POST", "repos/acme/nope/issues", `{"title":"x"}`, 404, "basic-error", auth...)
	check("POST", "repos/acme/app/issues/999/comments", `{"body":"x"}`, 404, "basic-error", auth...)
	check("POST", "repos/acme/app/issues", `{"body":"no title"}`, 422, "validation-error", auth...)

	var kinds []string
	for _, c := range s.Created() {
		kinds = append(kinds, fmt.Sprintf("%s:%d", c.Kind, c.Status))
	}
	want := "[label:201 label:422 issue:201 comment:201 comment:404 issue:422]" // the unknown repository is not one of the fake's
	if got := fmt.Sprint(kinds); got != want {
		t.Errorf("Created: %s, want %s", got, want)
	}
}
