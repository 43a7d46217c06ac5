package agreementdiff_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/agreementdiff"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/validate"
)

// base is a small valid organisation; each test case edits a copy of it.
const base = `apiVersion: sla/v1
kind: Team
metadata: {name: platform}
spec:
  members: [alice, bob]
  github_team: acme/platform
  contact: "#platform-help"
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec:
  members: [carol]
---
apiVersion: sla/v1
kind: Team
metadata: {name: growth}
spec:
  members: [dave]
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: berlin}
spec:
  timezone: Europe/Berlin
  hours:
    mon-fri: ["09:00-17:00"]
  holidays: [2026-12-24, 2026-12-25]
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: platform-requests}
spec:
  provider: platform
  consumers: [payments]
  calendar: berlin
  window: 28d
  effective_from: 2026-10-01
  scope:
    repos: [acme/requests]
    labels: [platform-request]
    exclude_labels: [duplicate]
  objectives:
    - name: first-response
      metric: first_response
      within: 4h
      target: 90%
    - name: resolution
      metric: resolution
      within: 40h
      target: 80%
      pause_labels: [waiting-on-customer]
    - name: customer-reply
      metric: label_time
      label: waiting-on-customer
      owner: consumers
      within: 16h
      target: 90%
  expectations:
    provider:
      - text: Acknowledge every request within 4 business hours.
        objective: first-response
      - Post a status update at least weekly on every open request.
    consumers:
      - Open requests with the request template and state the business impact.
`

// load reads YAML as one file, and insists that it is valid: the cases
// compare what users could commit.
func load(t *testing.T, src string) *agreement.Set {
	t.Helper()
	set, diags := agreement.LoadBytes("org.yaml", []byte(src))
	diags = append(diags, validate.Check(set)...)
	if diags.HasErrors() {
		t.Fatalf("test YAML is invalid:\n%v\n%s", diags, src)
	}
	return set
}

// edit applies replacements (old, new, old, new, ...) to base, each of
// which must apply.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	s := base
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("edit: %q is not in the base YAML", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

const anotherAgreement = `---
apiVersion: sla/v1
kind: Agreement
metadata: {name: growth-requests}
spec:
  provider: growth
  consumers: [platform, payments]
  window: month
  scope:
    repos: [acme/growth]
  objectives:
    - name: first-response
      metric: first_response
      within: 1d
      target: 0.8
`

func TestCompare(t *testing.T) {
	tests := []struct {
		name  string
		edits []string // applied to base to make the head
		want  []string // Change.String() of each change, in order
		kinds []agreementdiff.Kind
	}{
		{
			name:  "nothing",
			edits: nil,
		},
		{
			name:  "within loosened",
			edits: []string{"within: 4h", "within: 8h"},
			want:  []string{"platform-requests: first-response: within loosened from 4h to 8h"},
			kinds: []agreementdiff.Kind{agreementdiff.WithinLoosened},
		},
		{
			name:  "within tightened",
			edits: []string{"within: 40h", "within: 32h"},
			want:  []string{"platform-requests: resolution: within tightened from 40h to 32h"},
			kinds: []agreementdiff.Kind{agreementdiff.WithinTightened},
		},
		{
			// 1h30m < 4h as durations, though "1h30m" > "4h" as strings.
			name:  "within compared as durations",
			edits: []string{"within: 4h", "within: 1h30m"},
			want:  []string{"platform-requests: first-response: within tightened from 4h to 1h30m"},
		},
		{
			name:  "within spelled differently, same length",
			edits: []string{"within: 4h", "within: 240m"},
		},
		{
			name:  "target tightened",
			edits: []string{"target: 90%", "target: 95%"},
			want:  []string{"platform-requests: first-response: target tightened from 90% to 95%"},
			kinds: []agreementdiff.Kind{agreementdiff.TargetTightened},
		},
		{
			name:  "target loosened",
			edits: []string{"target: 80%", "target: 0.755"},
			want:  []string{"platform-requests: resolution: target loosened from 80% to 75.5%"},
			kinds: []agreementdiff.Kind{agreementdiff.TargetLoosened},
		},
		{
			name:  "target spelled differently, same share",
			edits: []string{"target: 90%", "target: 0.9"},
		},
		{
			name: "objective added",
			edits: []string{"  expectations:", `    - name: urgent-first-response
      metric: first_response
      where: {labels: [P1]}
      calendar: 24x7
      within: 1h
      target: 95%
  expectations:`},
			want:  []string{"platform-requests: objective urgent-first-response added: first_response within 1h, target 95%"},
			kinds: []agreementdiff.Kind{agreementdiff.ObjectiveAdded},
		},
		{
			name: "satisfaction objective added",
			edits: []string{"  expectations:", `    - name: satisfaction
      metric: satisfaction
      target: 80%
  expectations:`},
			want:  []string{"platform-requests: objective satisfaction added: satisfaction rated by the author, target 80%, at least 5 ratings"},
			kinds: []agreementdiff.Kind{agreementdiff.ObjectiveAdded},
		},
		{
			name: "objective removed",
			edits: []string{`    - name: resolution
      metric: resolution
      within: 40h
      target: 80%
      pause_labels: [waiting-on-customer]
`, ""},
			want:  []string{"platform-requests: objective resolution removed (was: resolution within 40h, target 80%)"},
			kinds: []agreementdiff.Kind{agreementdiff.ObjectiveRemoved},
		},
		{
			name:  "objective renamed: removed and added",
			edits: []string{"name: customer-reply", "name: customer-answer"},
			want: []string{
				"platform-requests: objective customer-answer added: label_time of waiting-on-customer within 16h, target 90%, owed by the consumers",
				"platform-requests: objective customer-reply removed (was: label_time of waiting-on-customer within 16h, target 90%, owed by the consumers)",
			},
		},
		{
			name:  "provider changed",
			edits: []string{"provider: platform", "provider: growth"},
			want:  []string{"platform-requests: provider changed from platform to growth"},
			kinds: []agreementdiff.Kind{agreementdiff.ProviderChanged},
		},
		{
			name:  "consumer added and removed",
			edits: []string{"consumers: [payments]", "consumers: [growth]"},
			want: []string{
				"platform-requests: consumer added: growth",
				"platform-requests: consumer removed: payments",
			},
			kinds: []agreementdiff.Kind{agreementdiff.ConsumerAdded, agreementdiff.ConsumerRemoved},
		},
		{
			name:  "consumers reordered",
			edits: []string{"consumers: [payments]", "consumers: [growth, payments]", "provider: platform", "provider: platform"},
			want:  []string{"platform-requests: consumer added: growth"},
		},
		{
			name:  "team members, github_team and contact of a party",
			edits: []string{"members: [alice, bob]", "members: [Alice, erin]", "github_team: acme/platform", "github_team: acme/platform-eng", `contact: "#platform-help"`, ""},
			want: []string{
				"platform-requests: team platform: members added erin; removed bob",
				"platform-requests: team platform: github_team changed from acme/platform to acme/platform-eng",
				`platform-requests: team platform: contact removed (was "#platform-help")`,
			},
			kinds: []agreementdiff.Kind{agreementdiff.TeamMembersChanged, agreementdiff.TeamGitHubTeamChanged, agreementdiff.TeamContactChanged},
		},
		{
			name:  "a team that is no party changes: nothing to say",
			edits: []string{"members: [dave]", "members: [dave, erin]"},
		},
		{
			// Every hour counts under 24x7, not only open ones: a tighter
			// promise, whatever the calendar's hours were.
			name:  "calendar removed: the default 24x7, tightened",
			edits: []string{"  calendar: berlin\n", "", "within: 40h", "within: 5d"},
			want: []string{
				"platform-requests: calendar tightened from berlin to 24x7 (the default): every hour counts now, not only open hours",
				"platform-requests: resolution: within loosened from 40h to 5d",
			},
			kinds: []agreementdiff.Kind{agreementdiff.CalendarTightened},
		},
		{
			name: "one business calendar for another: changed, no direction",
			edits: []string{"  calendar: berlin\n", "  calendar: lisbon\n",
				"kind: Calendar\nmetadata: {name: berlin}", "kind: Calendar\nmetadata: {name: lisbon}"},
			want:  []string{"platform-requests: calendar changed from berlin to lisbon"},
			kinds: []agreementdiff.Kind{agreementdiff.CalendarChanged},
		},
		{
			name:  "the calendar's own hours, holidays and time zone",
			edits: []string{"timezone: Europe/Berlin", "timezone: Europe/Lisbon", `mon-fri: ["09:00-17:00"]`, `mon-thu: ["09:00-17:00"]` + "\n    fri: [\"09:00-12:00\", \"13:00-15:00\"]", "holidays: [2026-12-24, 2026-12-25]", "holidays: [2026-12-25, 2026-12-31]"},
			want: []string{
				"platform-requests: calendar berlin: timezone changed from Europe/Berlin to Europe/Lisbon",
				"platform-requests: calendar berlin: fri hours changed from 09:00-17:00 to 09:00-12:00, 13:00-15:00",
				"platform-requests: calendar berlin: holidays added 2026-12-31; removed 2026-12-24",
			},
			kinds: []agreementdiff.Kind{agreementdiff.CalendarTimezoneChanged, agreementdiff.CalendarHoursChanged, agreementdiff.CalendarHolidaysChanged},
		},
		{
			name:  "window changed",
			edits: []string{"window: 28d", "window: quarter"},
			want:  []string{"platform-requests: window changed from 28d to quarter"},
			kinds: []agreementdiff.Kind{agreementdiff.WindowChanged},
		},
		{
			name:  "window spelled differently, same length",
			edits: []string{"window: 28d", "window: 4w"},
		},
		{
			name:  "check-ins asked for",
			edits: []string{"  window: 28d\n", "  window: 28d\n  checkin: {every: quarter, repo: acme/agreements}\n"},
			want:  []string{"platform-requests: checkin.every set to quarter", "platform-requests: checkin.repo set to acme/agreements"},
			kinds: []agreementdiff.Kind{agreementdiff.CheckinChanged, agreementdiff.CheckinChanged},
		},
		{
			name:  "effective_from changed",
			edits: []string{"effective_from: 2026-10-01", "effective_from: 2026-11-01"},
			want:  []string{"platform-requests: effective_from changed from 2026-10-01 to 2026-11-01"},
			kinds: []agreementdiff.Kind{agreementdiff.EffectiveFromChanged},
		},
		{
			name:  "effective_from removed",
			edits: []string{"  effective_from: 2026-10-01\n", ""},
			want:  []string{"platform-requests: effective_from removed (was 2026-10-01)"},
		},
		{
			name: "scope",
			edits: []string{
				"repos: [acme/requests]", "repos: [ACME/Requests, acme/infra]",
				"labels: [platform-request]", "labels: [platform-request, good first issue]\n    any_labels: [infra]\n    authors: consumers\n    include_pull_requests: true",
				"exclude_labels: [duplicate]", "exclude_labels: [Duplicate]",
			},
			want: []string{
				"platform-requests: scope.repos added acme/infra",
				`platform-requests: scope.labels added "good first issue"`,
				"platform-requests: scope.any_labels added infra",
				"platform-requests: scope.authors changed from anyone to consumers",
				"platform-requests: scope.include_pull_requests changed from false to true",
			},
			kinds: []agreementdiff.Kind{agreementdiff.ScopeChanged},
		},
		{
			name: "other fields of objectives",
			edits: []string{
				"target: 90%\n    - name: resolution", "target: 90%\n      responders: anyone\n      where: {exclude_labels: [bot]}\n      calendar: 24x7\n    - name: resolution",
				"pause_labels: [waiting-on-customer]", "pause_labels: [waiting-on-customer, blocked]",
				"label: waiting-on-customer", "label: needs-info",
				"owner: consumers", "owner: provider",
			},
			want: []string{
				// A calendar's direction is listed with the calendars, before
				// the other fields of objectives.
				"platform-requests: first-response: calendar tightened from the agreement's calendar (berlin) to 24x7: every hour counts now, not only open hours",
				"platform-requests: first-response: responders changed from provider to anyone",
				"platform-requests: first-response: where.exclude_labels added bot",
				"platform-requests: resolution: pause_labels added blocked",
				"platform-requests: customer-reply: label changed from waiting-on-customer to needs-info",
				"platform-requests: customer-reply: owner changed from consumers to provider",
			},
			kinds: []agreementdiff.Kind{agreementdiff.ObjectiveChanged, agreementdiff.CalendarTightened},
		},
		{
			name:  "an objective writes down the agreement's calendar: no change",
			edits: []string{"target: 90%\n    - name: resolution", "target: 90%\n      calendar: berlin\n      responders: provider\n    - name: resolution"},
		},
		{
			name:  "metric changed",
			edits: []string{"metric: resolution", "metric: first_response", "pause_labels: [waiting-on-customer]", "responders: maintainers"},
			want: []string{
				"platform-requests: resolution: metric changed from resolution to first_response",
				"platform-requests: resolution: responders set to maintainers",
				"platform-requests: resolution: pause_labels removed waiting-on-customer",
			},
		},
		{
			name: "expectations added, removed, reworded",
			edits: []string{
				"Acknowledge every request within 4 business hours.", "Acknowledge every request within 8 business hours.",
				"      - Post a status update at least weekly on every open request.\n", "",
				"      - Open requests", "      - Close the request yourself if you no longer need it.\n      - Open requests",
			},
			want: []string{
				`platform-requests: consumers expectation added: "Close the request yourself if you no longer need it."`,
				`platform-requests: provider expectation removed: "Post a status update at least weekly on every open request."`,
				`platform-requests: provider expectation reworded from "Acknowledge every request within 4 business hours." to "Acknowledge every request within 8 business hours."`,
			},
			kinds: []agreementdiff.Kind{agreementdiff.ExpectationAdded, agreementdiff.ExpectationRemoved, agreementdiff.ExpectationReworded},
		},
		{
			name: "expectation tied to an objective, and reordered",
			edits: []string{
				"      - text: Acknowledge every request within 4 business hours.\n        objective: first-response\n      - Post a status update at least weekly on every open request.\n",
				"      - Post a status update at least weekly on every open request.\n      - Acknowledge every request within 4 business hours.\n",
			},
			want:  []string{`platform-requests: provider expectation "Acknowledge every request within 4 business hours.": no longer tied to objective first-response`},
			kinds: []agreementdiff.Kind{agreementdiff.ExpectationObjectiveChanged},
		},
		{
			name:  "agreement added",
			edits: []string{"2026-12-25]\n", "2026-12-25]\n" + anotherAgreement},
			want:  []string{"growth-requests: agreement added: provider growth, consumers platform, payments, 1 objective (first-response)"},
			kinds: []agreementdiff.Kind{agreementdiff.AgreementAdded},
		},
		{
			name:  "agreement renamed: removed and added, by name",
			edits: []string{"name: platform-requests", "name: infra-requests"},
			want: []string{
				"infra-requests: agreement added: provider platform, consumers payments, 3 objectives (first-response, resolution, customer-reply)",
				"platform-requests: agreement removed (was: provider platform, consumers payments, 3 objectives (first-response, resolution, customer-reply))",
			},
			kinds: []agreementdiff.Kind{agreementdiff.AgreementRemoved},
		},
		{
			// Listed by kind: within before target before other fields, whatever
			// the order of the objectives.
			name: "several changes, in the order of kinds",
			edits: []string{
				"target: 90%\n    - name: resolution", "target: 85%\n    - name: resolution",
				"within: 40h", "within: 48h",
				"consumers: [payments]", "consumers: [payments, growth]",
				"label: waiting-on-customer", "label: needs-info",
				"window: 28d", "window: month",
			},
			want: []string{
				"platform-requests: consumer added: growth",
				"platform-requests: window changed from 28d to month",
				"platform-requests: resolution: within loosened from 40h to 48h",
				"platform-requests: first-response: target loosened from 90% to 85%",
				"platform-requests: customer-reply: label changed from waiting-on-customer to needs-info",
			},
		},
	}
	seen := map[agreementdiff.Kind]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, after := load(t, base), load(t, edit(t, tt.edits...))
			changes := agreementdiff.Compare(before, after)
			var got []string
			for _, c := range changes {
				got = append(got, c.String())
				seen[c.Kind] = true
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("changes:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			for _, k := range tt.kinds {
				if !slices.ContainsFunc(changes, func(c agreementdiff.Change) bool { return c.Kind == k }) {
					t.Errorf("no change of kind %s", k)
				}
			}
			// And back again: every change is seen from the other side.
			back := agreementdiff.Compare(after, before)
			if len(back) != len(changes) {
				t.Errorf("%d changes one way, %d the other", len(changes), len(back))
			}
			for _, c := range back {
				seen[c.Kind] = true
			}
		})
	}
	for _, k := range agreementdiff.Kinds() {
		if !seen[k] {
			t.Errorf("no test case produces a change of kind %s", k)
		}
	}
}

// TestCompareFields checks the values a script reads, for one change of
// each shape.
func TestCompareFields(t *testing.T) {
	before := load(t, base)
	after := load(t, edit(t, "within: 4h", "within: 8h", "labels: [platform-request]", "labels: [platform-request, infra]"))
	changes := agreementdiff.Compare(before, after)
	if len(changes) != 2 {
		t.Fatalf("want 2 changes, got %v", changes)
	}
	scope, within := changes[0], changes[1]
	if scope.Kind != agreementdiff.ScopeChanged || scope.Subject != "scope.labels" || scope.Before != "platform-request" ||
		scope.After != "platform-request, infra" || !slices.Equal(scope.Added, []string{"infra"}) || scope.Removed != nil || scope.Direction != "" {
		t.Errorf("scope change = %+v", scope)
	}
	if within.Kind != agreementdiff.WithinLoosened || within.Subject != "objectives.first-response.within" ||
		within.Before != "4h" || within.After != "8h" || within.Direction != agreementdiff.Loosened || within.Agreement != "platform-requests" {
		t.Errorf("within change = %+v", within)
	}
}

// TestCompareBaseThatDoesNotLoad: a base whose agreement could not be read
// at all still compares; what could not be read shows as added.
func TestCompareBaseThatDoesNotLoad(t *testing.T) {
	broken, _ := agreement.LoadBytes("org.yaml", []byte(strings.Replace(base, "  window: 28d", "  window: 28d\n  bogus: 1", 1)))
	changes := agreementdiff.Compare(broken, load(t, base))
	if len(changes) != 1 || changes[0].Kind != agreementdiff.AgreementAdded {
		t.Errorf("want the unreadable agreement shown as added, got %v", changes)
	}
	// And an empty or missing side.
	if got := agreementdiff.Compare(nil, nil); len(got) != 0 {
		t.Errorf("nil sets: %v", got)
	}
}

func TestWriteMarkdown(t *testing.T) {
	before := load(t, base)
	after := load(t, edit(t, "within: 4h", "within: 8h", "target: 80%", "target: 85%",
		"Post a status update at least weekly", "Post a *status* update <b>at least</b> weekly (ask @acme/platform)"))
	res := &agreementdiff.Result{Base: "origin/main", Changes: agreementdiff.Compare(before, after),
		Warnings: []string{"the agreements at origin/main are not valid"}}
	var b bytes.Buffer
	if err := report.WriteDiffMarkdown(&b, res); err != nil {
		t.Fatal(err)
	}
	want := `## Changes to agreements since origin/main

> **Warning:** the agreements at origin/main are not valid

3 changes to 1 agreement: 1 promise tightened, 1 loosened.

### platform-requests

- ⬇️ first-response: within **loosened** from 4h to 8h
- ⬆️ resolution: target **tightened** from 80% to 85%
- provider expectation reworded from "Post a status update at least weekly on every open request." to "Post a \*status\* update \<b\>at least\</b\> weekly (ask @&#8203;acme/platform) on every open request."
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	_ = report.WriteDiffMarkdown(&b, &agreementdiff.Result{Base: "HEAD"})
	if b.String() != "## Changes to agreements since HEAD\n\nNo changes to agreements.\n" {
		t.Errorf("no changes: %q", b.String())
	}
}

func TestWriteTextAndJSON(t *testing.T) {
	var b bytes.Buffer
	_ = report.WriteDiffText(&b, &agreementdiff.Result{Base: "HEAD"})
	if b.String() != "no changes to agreements\n" {
		t.Errorf("text without changes = %q", b.String())
	}
	b.Reset()
	_ = report.WriteDiffJSON(&b, &agreementdiff.Result{Base: "HEAD"})
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if c, ok := got["changes"].([]any); !ok || len(c) != 0 {
		t.Errorf("changes = %v, want []", got["changes"])
	}
	if w, ok := got["warnings"].([]any); !ok || len(w) != 0 {
		t.Errorf("warnings = %v, want []", got["warnings"])
	}
}

// TestCompareCalendarDirection: leaving 24x7 for a business calendar
// loosens every promise it governs (only open hours count), and the way
// back tightens them, at the agreement and at one objective.
func TestCompareCalendarDirection(t *testing.T) {
	business := load(t, base)
	allHours := load(t, edit(t, "  calendar: berlin\n", "", "within: 40h", "within: 5d"))
	loosened := agreementdiff.Compare(allHours, business)
	if len(loosened) != 2 {
		t.Fatalf("want the calendar and within, got %v", loosened)
	}
	c := loosened[0]
	if c.Kind != agreementdiff.CalendarLoosened || c.Direction != agreementdiff.Loosened || c.Subject != "calendar" ||
		c.Before != "" || c.After != "berlin" ||
		c.Text != "calendar loosened from 24x7 (the default) to berlin: only open hours count now, not every hour" {
		t.Errorf("agreement's calendar: %+v", c)
	}
	own := load(t, edit(t, "within: 4h", "within: 4h\n      calendar: 24x7"))
	tightened := agreementdiff.Compare(business, own)
	if len(tightened) != 1 || tightened[0].Kind != agreementdiff.CalendarTightened ||
		tightened[0].Subject != "objectives.first-response.calendar" || tightened[0].Direction != agreementdiff.Tightened {
		t.Errorf("objective's calendar: %+v", tightened)
	}
	var md bytes.Buffer
	if err := report.WriteDiffMarkdown(&md, &agreementdiff.Result{Base: "main", Changes: tightened}); err != nil {
		t.Fatal(err)
	}
	if want := "1 change to 1 agreement: 1 promise tightened."; !strings.Contains(md.String(), want) ||
		!strings.Contains(md.String(), "⬆️ first-response: calendar **tightened** from the agreement's calendar (berlin) to 24x7: every hour counts now") {
		t.Errorf("markdown:\n%s\nwant %q and the direction in bold", md.String(), want)
	}
}

// A satisfaction objective's raters and minimum of ratings are compared
// like the other fields.
func TestCompareSatisfaction(t *testing.T) {
	t.Parallel()
	withSatisfaction := edit(t, "  expectations:", `    - name: satisfaction
      metric: satisfaction
      target: 80%
  expectations:`)
	changed := strings.Replace(withSatisfaction, "      metric: satisfaction\n", "      metric: satisfaction\n      rated_by: consumers\n      min_ratings: 10\n", 1)
	var got []string
	for _, c := range agreementdiff.Compare(load(t, withSatisfaction), load(t, changed)) {
		got = append(got, c.String())
	}
	want := []string{
		"platform-requests: satisfaction: rated_by changed from author to consumers",
		"platform-requests: satisfaction: min_ratings changed from 5 to 10",
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes\n got %q\nwant %q", got, want)
	}
}
