package describe_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/describe"
	"github.com/sla-dev/sla/internal/golden"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/validate"
)

// The example organisation that ships with the repository.
const example = "../../agreements"

// load validates the files under paths and fails the test on any error:
// describe is only ever given a valid set.
func load(t *testing.T, paths ...string) *agreement.Set {
	t.Helper()
	set, diags, err := validate.Run(paths)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		var msgs []string
		for _, d := range diags {
			msgs = append(msgs, d.Pos.File+": "+d.Message+" ["+string(d.Rule)+"]")
		}
		t.Fatalf("the test's agreements are invalid:\n%s", strings.Join(msgs, "\n"))
	}
	return set
}

// loadYAML writes documents to a temporary file, beside the teams every
// case shares, and loads them.
func loadYAML(t *testing.T, docs string) *agreement.Set {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{"teams.yaml": teamsYAML, "case.yaml": docs} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return load(t, dir)
}

// markdown is what `sla describe` prints for the set.
func markdown(t *testing.T, set *agreement.Set) []byte {
	t.Helper()
	doc, err := describe.New(set)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.WriteDescription(&b, doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestExample describes the whole example organisation: the page teams
// will read first. Review its golden file by eye.
func TestExample(t *testing.T) {
	set := load(t, example)
	got := markdown(t, set)
	golden.Check(t, "example.md", got)
	if again := markdown(t, set); string(again) != string(got) {
		t.Error("two runs over the same files differ")
	}
	checkLinks(t, string(got))
}

var (
	anchorRE = regexp.MustCompile(`<a id="([^"]+)"></a>`)
	linkRE   = regexp.MustCompile(`\]\(#([^)]+)\)`)
)

// checkLinks fails if a link to an anchor has no anchor, or an anchor is
// given twice.
func checkLinks(t *testing.T, md string) {
	t.Helper()
	anchors := map[string]bool{}
	for _, m := range anchorRE.FindAllStringSubmatch(md, -1) {
		if anchors[m[1]] {
			t.Errorf("anchor %q is given twice", m[1])
		}
		anchors[m[1]] = true
	}
	links := linkRE.FindAllStringSubmatch(md, -1)
	if len(links) == 0 {
		t.Error("no links to objectives")
	}
	for _, m := range links {
		if !anchors[m[1]] {
			t.Errorf("link to #%s has no anchor", m[1])
		}
	}
}

const teamsYAML = `apiVersion: sla/v1
kind: Team
metadata: {name: platform, title: Platform Engineering}
spec:
  members: [alice, bob]
  github_team: acme/platform
  contact: "#platform-help"
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments, title: Payments}
spec:
  github_team: acme/payments
  contact: "#payments-eng"
---
apiVersion: sla/v1
kind: Team
metadata: {name: growth, title: Growth}
spec:
  members: [carol]
  contact: growth@acme.example
---
apiVersion: sla/v1
kind: Team
metadata: {name: data}
spec:
  members: [dave, erin]
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: berlin, title: Berlin office}
spec:
  timezone: Europe/Berlin
  hours:
    mon-thu: ["09:00-17:00"]
    fri: ["09:00-15:00"]
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: new-york}
spec:
  timezone: America/New_York
  hours:
    mon-fri: ["09:00-17:00"]
`

// Each case is a small organisation (with the teams and calendars above)
// that exercises a few phrases; its golden file is testdata/NAME.md.
var cases = []struct {
	name, yaml string
}{
	// No calendar: 24x7. A calendar month. any_labels, and every
	// responders mode. Durations in days and weeks, as 24x7 allows.
	{"24x7", `apiVersion: sla/v1
kind: Agreement
metadata: {name: sdk-support, title: SDK support}
spec:
  provider: payments
  consumers: [growth, platform]
  window: month
  scope:
    repos: [acme/sdk]
    any_labels: [P1, P2]
  objectives:
    - name: provider-response
      metric: first_response
      within: 1h30m
      target: 95%
      responders: provider
    - name: maintainer-response
      metric: first_response
      within: 4h
      target: 90%
      responders: maintainers
    - name: anyone-response
      metric: first_response
      within: 1d
      target: 99.5%
      responders: anyone
    - name: resolution
      metric: resolution
      within: 1w2d
      target: 0.8
`},
	// Satisfaction, rated by the requester (the default) and by the
	// consumers, with where and with a minimum of one rating.
	{"satisfaction", `apiVersion: sla/v1
kind: Agreement
metadata: {name: sdk-support, title: SDK support}
spec:
  provider: payments
  consumers: [growth, platform]
  calendar: berlin
  window: 28d
  scope:
    repos: [acme/sdk]
  objectives:
    - name: satisfaction
      metric: satisfaction
      target: 80%
    - name: urgent-satisfaction
      metric: satisfaction
      where: {labels: [P1]}
      target: 90%
      rated_by: consumers
      min_ratings: 1
`},
	// Days grouped by their hours: spans of three or more, pairs and lone
	// days, lunch breaks and three ranges a day; holidays across months and
	// years, given out of order and twice.
	{"spans", `apiVersion: sla/v1
kind: Calendar
metadata: {name: workshop, title: Workshop hours}
spec:
  timezone: Europe/Paris
  hours:
    mon: ["08:30-12:30", "13:30-17:30"]
    tue: ["08:30-12:30", "13:30-17:30"]
    wed: ["08:30-12:30", "13:30-17:30"]
    thu: ["08:00-10:00", "10:30-12:00", "13:00-16:00"]
    fri: ["08:30-12:30", "13:30-17:30"]
    sat: ["10:00-12:00", "12:00-14:00"]
  holidays: [2027-01-01, 2026-12-24, 2026-12-25, 2026-12-31, 2027-05-01, 2026-12-25, 2028-01-01]
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: workshop-jobs}
spec:
  provider: platform
  consumers: [data]
  calendar: workshop
  window: 4w
  scope:
    repos: [acme/workshop]
  objectives:
    - name: first-response
      metric: first_response
      within: 30m
      target: 90%
`},
	// Tue and Thu alike, Mon, Wed and Fri alike: days need not be next to
	// each other to share a line. Sunday only, all day. A rolling week.
	{"alternate-days", `apiVersion: sla/v1
kind: Calendar
metadata: {name: alternate}
spec:
  timezone: Asia/Tokyo
  hours:
    mon: ["09:00-12:00"]
    tue: ["13:00-18:00"]
    wed: ["09:00-12:00"]
    thu: ["13:00-18:00"]
    fri: ["09:00-12:00"]
    sun: ["00:00-24:00"]
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: alternate-days}
spec:
  provider: data
  consumers: [growth]
  calendar: alternate
  window: 1w
  scope:
    repos: [acme/alternate]
  objectives:
    - name: resolution
      metric: resolution
      within: 1h
      target: 50%
`},
	// Issues and pull requests from the consumers only, in two repositories,
	// every kind of label condition; pause labels; label_time owned by each
	// side; effective_from with a calendar quarter; objectives with their
	// own calendars (24x7 and another business calendar); expectations on
	// both sides, tied and not.
	{"full", `apiVersion: sla/v1
kind: Agreement
metadata:
  name: platform-requests
  title: Requests to Platform
  description: Everything product teams ask of Platform.
spec:
  provider: platform
  consumers: [payments, growth, data]
  calendar: berlin
  window: quarter
  effective_from: 2026-10-01
  scope:
    repos: [acme/platform-requests, acme/infrastructure]
    labels: [platform-request, triaged]
    any_labels: [P1, P2, P3]
    exclude_labels: [duplicate, invalid, wontfix]
    authors: consumers
    include_pull_requests: true
  objectives:
    - name: first-response
      metric: first_response
      within: 4h
      target: 90%
    - name: urgent-first-response
      metric: first_response
      where:
        labels: [P1]
      calendar: 24x7
      within: 1h30m
      target: 95%
    - name: resolution
      metric: resolution
      where:
        exclude_labels: [P1]
      within: 40h
      target: 80%
      pause_labels: [waiting-on-customer, blocked-on-vendor]
    - name: us-resolution
      metric: resolution
      where:
        labels: [us]
        any_labels: [P2, P3]
        exclude_labels: [P1]
      calendar: new-york
      within: 1h30m
      target: 80%
      pause_labels: [blocked-on-vendor]
    - name: triage
      metric: label_time
      label: needs-triage
      within: 2h
      target: 90%
    - name: customer-reply
      metric: label_time
      label: waiting-on-customer
      owner: consumers
      where:
        labels: [P1]
      within: 16h
      target: 90%
  expectations:
    provider:
      - text: Acknowledge every request within 4 business hours.
        objective: first-response
      - Post a status update at least weekly.
      - text: Triage within two business hours.
        objective: triage
    consumers:
      - text: Answer Platform's questions within two business days.
        objective: customer-reply
      - Use the request template.
`},
	// One consumer, who opens the issues and answers the label_time clock;
	// objectives under the agreement's own calendar named again (no
	// mention), and no expectations on one side.
	{"one-consumer", `apiVersion: sla/v1
kind: Agreement
metadata: {name: growth-data, title: Data for Growth}
spec:
  provider: data
  consumers: [growth]
  calendar: new-york
  window: 30d
  scope:
    repos: [acme/growth-data]
    authors: consumers
  objectives:
    - name: resolution
      metric: resolution
      calendar: new-york
      within: 24h
      target: 80%
    - name: growth-reply
      metric: label_time
      label: waiting-on-growth
      owner: consumers
      within: 8h
      target: 75%
  expectations:
    consumers:
      - text: Answer within a business day.
        objective: growth-reply
`},
	// Open at every hour but closed on holidays: "around the clock" in its
	// time zone, and still business time.
	{"holidays-only", `apiVersion: sla/v1
kind: Calendar
metadata: {name: always-but-christmas, title: "Every day, but Christmas"}
spec:
  timezone: Europe/London
  hours:
    mon-fri: ["00:00-24:00"]
    sat-sun: ["00:00-24:00"]
  holidays: [2026-12-25]
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: on-call}
spec:
  provider: platform
  consumers: [growth]
  calendar: always-but-christmas
  window: 28d
  scope:
    repos: [acme/on-call]
  objectives:
    - name: first-response
      metric: first_response
      within: 15m
      target: 99%
`},
	// Text from the files that Markdown would read as syntax stays literal:
	// emphasis, links, HTML, code, headings and list markers at the start
	// of a line, entities; a literal description keeps its paragraphs.
	{"escaping", `apiVersion: sla/v1
kind: Team
metadata: {name: hostile, title: "*Hostile* <b>Team</b> [x](http://evil)"}
spec:
  members: [mallory]
  contact: "#hostile | _ping_ @mallory &amp; ~~all~~ $x$"
---
apiVersion: sla/v1
kind: Agreement
metadata:
  name: hostile-requests
  title: "# Not a heading ` + "`" + `code` + "`" + `"
  description: |
    - not a list item
    1. nor a numbered one;
    a <script>alert(1)</script> and &copy; stay text.

    Second paragraph, kept.
spec:
  provider: hostile
  consumers: [growth]
  window: 28d
  scope:
    repos: [acme/hostile]
    labels: ["needs` + "`" + `backtick", "` + "`" + `edge"]
  objectives:
    - name: first-response
      metric: first_response
      within: 4h
      target: 90%
  expectations:
    provider:
      - "+ not a list item either"
      - text: "2) nor this [link](#elsewhere)"
        objective: first-response
`},
}

func TestCases(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := markdown(t, loadYAML(t, tc.yaml))
			golden.Check(t, tc.name+".md", got)
		})
	}
}

// A team's title that begins an entry of a nested list is escaped as
// the start of a line: "# Ops" would be a heading there, "1. QA" a list.
func TestTitlesAtTheStartOfNestedItems(t *testing.T) {
	set := loadYAML(t, `apiVersion: sla/v1
kind: Team
metadata: {name: ops, title: "# Ops"}
spec: {members: [olga]}
---
apiVersion: sla/v1
kind: Team
metadata: {name: qa, title: "1. QA"}
spec: {members: [quinn]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: tooling}
spec:
  provider: platform
  consumers: [ops, qa]
  window: 28d
  scope: {repos: [acme/tooling]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
`)
	got := string(markdown(t, set))
	for _, want := range []string{"\n  - \\# Ops (ops; 1 member)\n", "\n  - 1\\. QA (qa; 1 member)\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in:\n%s", want, got)
		}
	}
}

// only narrows a set to one agreement, as the CLI does: a copy of the set
// with that agreement alone.
func only(set *agreement.Set, name agreement.Name) *agreement.Set {
	sub := *set
	sub.Agreements = nil
	for _, a := range set.Agreements {
		if a.Metadata.Name == name {
			sub.Agreements = append(sub.Agreements, a)
		}
	}
	return &sub
}

// TestOnlyAgreementsOfTheSet: the CLI narrows a set to one agreement by
// copying it; the teams and calendars still resolve.
func TestOnlyAgreementsOfTheSet(t *testing.T) {
	set := load(t, example)
	got := string(markdown(t, only(set, "platform-requests")))
	if strings.Count(got, "\n## ") != 0 || !strings.HasPrefix(got, "## Requests to Platform Engineering (platform-requests)\n") {
		t.Errorf("want the one agreement, got:\n%s", got)
	}
	if !strings.Contains(got, "Berlin office hours (berlin-office): Mon–Thu 08:30–12:30 and 13:30–17:30") {
		t.Errorf("the calendar is not described:\n%s", got)
	}
	full := string(markdown(t, set))
	if !strings.Contains(full, got) {
		t.Error("an agreement described alone differs from the same agreement described with the others")
	}
}

// TestDocsExcerpt keeps the excerpt in docs/describe.md true: it must be
// what the command prints for platform-requests today.
func TestDocsExcerpt(t *testing.T) {
	sub := only(load(t, example), "platform-requests")
	doc, err := os.ReadFile("../../docs/describe.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := "````markdown\n" + string(markdown(t, sub)) + "````\n"; !strings.Contains(string(doc), want) {
		t.Errorf("docs/describe.md does not show today's output for platform-requests; paste this in:\n%s", want)
	}
}

func TestEmptySet(t *testing.T) {
	if got := markdown(t, &agreement.Set{}); len(got) != 0 {
		t.Errorf("an empty set is described as %q; want nothing", got)
	}
}
