package schema_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/validate"
	"github.com/sla-dev/sla/schema"
)

// messages returns every message the schema gives editors
// (patternErrorMessage, errorMessage), by the JSON pointer of the schema
// object that holds it.
func messages(t *testing.T) map[string]string {
	t.Helper()
	var doc any
	if err := json.Unmarshal(schema.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var walk func(pointer string, v any)
	walk = func(pointer string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				if s, ok := c.(string); ok && (k == "patternErrorMessage" || k == "errorMessage") {
					out[pointer] = s
					continue
				}
				walk(pointer+"/"+k, c)
			}
		case []any:
			for i, c := range v {
				walk(fmt.Sprintf("%s/%d", pointer, i), c)
			}
		}
	}
	walk("", doc)
	return out
}

const teams = `apiVersion: sla/v1
kind: Team
metadata: {name: platform}
spec: {members: [alice]}
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec: {members: [bob]}
`

// agreementWith is a valid agreement with one line replaced.
func agreementWith(old, new string) string {
	const a = `apiVersion: sla/v1
kind: Agreement
metadata: {name: requests}
spec:
  provider: platform
  consumers: [payments]
  calendar: 24x7
  window: 28d
  scope: {repos: [acme/requests]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
`
	if !strings.Contains(a, old) {
		panic(old)
	}
	return strings.Replace(a, old, new, 1)
}

func calendarWith(line string) string {
	return "apiVersion: sla/v1\nkind: Calendar\nmetadata: {name: office}\nspec:\n  timezone: Europe/Berlin\n  hours: {mon-fri: [\"09:00-17:00\"]}\n" + line
}

// TestEditorsGetValidatesWords: each message the schema gives an editor
// for a value it refuses is what `sla validate` says about that value, so
// that a pull request's author reads the same words in the editor and in
// CI. A message added to the schema without a case here fails.
func TestEditorsGetValidatesWords(t *testing.T) {
	cases := map[string]struct {
		file string
		rule diag.Rule
	}{
		"/$defs/name":                            {"apiVersion: sla/v1\nkind: Team\nmetadata: {name: Data_Science}\nspec: {members: [alice]}\n", "invalid-name"},
		"/$defs/calendarRef":                     {agreementWith("calendar: 24x7", "calendar: Berlin Office"), "invalid-name"},
		"/$defs/login":                           {"apiVersion: sla/v1\nkind: Team\nmetadata: {name: design}\nspec: {members: [-alice]}\n", "invalid-login"},
		"/$defs/duration":                        {agreementWith("within: 4h", "within: soon"), "invalid-duration"},
		"/$defs/date":                            {calendarWith("  holidays: [Christmas]\n"), "invalid-date"},
		"/$defs/teamSpec/properties/github_team": {"apiVersion: sla/v1\nkind: Team\nmetadata: {name: design}\nspec: {github_team: design}\n", "invalid-github-team"},
		"/$defs/calendarSpec/properties/hours/propertyNames":              {strings.Replace(calendarWith(""), "mon-fri", "weekdays", 1), "invalid-day"},
		"/$defs/calendarSpec/properties/hours/additionalProperties/items": {strings.Replace(calendarWith(""), "09:00-17:00", "9 to 5", 1), "invalid-hours"},
		"/$defs/agreementSpec/properties/window":                          {agreementWith("window: 28d", "window: forever"), "invalid-window"},
		"/$defs/repo":                                                     {agreementWith("repos: [acme/requests]", "repos: [requests]"), "invalid-repo"},
		"/$defs/target":                                                   {agreementWith("target: 90%", "target: ninety"), "invalid-target"},
		"/$defs/target/then/else":                                         {agreementWith("target: 90%", "target: 90"), "invalid-target"},
	}
	for pointer, message := range messages(t) {
		c, ok := cases[pointer]
		if !ok {
			t.Errorf("%s: the message %q has no case in this test", pointer, message)
			continue
		}
		delete(cases, pointer)
		set, diags := agreement.LoadBytes("case.yaml", []byte(c.file))
		teamsSet, _ := agreement.LoadBytes("teams.yaml", []byte(teams))
		set.Merge(teamsSet)
		diags = append(diags, validate.Check(set)...)
		if len(diags) != 1 || diags[0].Rule != c.rule || !strings.Contains(diags[0].Message, message) {
			t.Errorf("%s: want one %s containing the schema's %q, got %v", pointer, c.rule, message, diags)
		}
	}
	for pointer := range cases {
		t.Errorf("%s: the schema has no message there", pointer)
	}
}

// TestObjectivesOfferTheirMetricsFields: the fields an editor offers inside
// an objective are those its metric takes.
func TestObjectivesOfferTheirMetricsFields(t *testing.T) {
	var doc struct {
		Defs map[string]struct {
			Properties map[string]any `json:"properties"`
			AllOf      []struct {
				If struct {
					Properties struct {
						Metric struct {
							Const string `json:"const"`
						} `json:"metric"`
					} `json:"properties"`
				} `json:"if"`
				Then struct {
					Properties map[string]any `json:"properties"`
				} `json:"then"`
			} `json:"allOf"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	common := []string{"metric", "name", "target", "where"}
	offered := map[string][]string{}
	for _, branch := range doc.Defs["objective"].AllOf {
		var fields []string
		for k, v := range branch.Then.Properties {
			// A field described by a schema of its own is offered; one that is
			// `true` is the base's, and one with doNotSuggest is allowed but
			// not offered (owner: provider, the default).
			if s, ok := v.(map[string]any); ok && s["doNotSuggest"] != true {
				fields = append(fields, k)
			}
		}
		slices.Sort(fields)
		offered[branch.If.Properties.Metric.Const] = fields
	}
	want := map[string][]string{
		"first_response": {"calendar", "pause_labels", "responders", "within"},
		"resolution":     {"calendar", "pause_labels", "within"},
		"label_time":     {"calendar", "label", "owner", "within"},
		"satisfaction":   {"min_ratings", "rated_by"},
		"":               nil, // no metric yet, or none of the four: nothing but the base
	}
	for metric, fields := range want {
		if got := offered[metric]; !slices.Equal(got, fields) {
			t.Errorf("metric %q: offered %v besides the base, want %v", metric, got, fields)
		}
	}
	var base []string
	for k := range doc.Defs["objective"].Properties {
		base = append(base, k)
	}
	slices.Sort(base)
	if !slices.Equal(base, common) {
		t.Errorf("base fields of an objective: %v, want %v", base, common)
	}
}
