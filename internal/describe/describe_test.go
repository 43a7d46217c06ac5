package describe

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/golden"
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
			msgs = append(msgs, d.Pos.File+": "+d.Message+" ["+d.Rule+"]")
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

func markdown(t *testing.T, set *agreement.Set) []byte {
	t.Helper()
	out, err := Markdown(set)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
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

// TestOnlyAgreementsOfTheSet: the CLI narrows a set to one agreement by
// copying it; the teams and calendars still resolve.
func TestOnlyAgreementsOfTheSet(t *testing.T) {
	set := load(t, example)
	sub := *set
	sub.Agreements = nil
	for _, a := range set.Agreements {
		if a.Metadata.Name == "platform-requests" {
			sub.Agreements = append(sub.Agreements, a)
		}
	}
	got := string(markdown(t, &sub))
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
	set := load(t, example)
	sub := *set
	sub.Agreements = nil
	for _, a := range set.Agreements {
		if a.Metadata.Name == "platform-requests" {
			sub.Agreements = append(sub.Agreements, a)
		}
	}
	doc, err := os.ReadFile("../../docs/describe.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := "````markdown\n" + string(markdown(t, &sub)) + "````\n"; !strings.Contains(string(doc), want) {
		t.Errorf("docs/describe.md does not show today's output for platform-requests; paste this in:\n%s", want)
	}
}

func TestEmptySet(t *testing.T) {
	got, err := Markdown(&agreement.Set{})
	if err != nil || got != "" {
		t.Errorf("Markdown(empty) = %q, %v; want nothing", got, err)
	}
}

// The wording helpers.

func TestJoinWords(t *testing.T) {
	for _, tc := range []struct {
		items []string
		conj  string
		want  string
	}{
		{nil, "and", ""},
		{[]string{"a"}, "and", "a"},
		{[]string{"a", "b"}, "or", "a or b"},
		{[]string{"a", "b", "c"}, "and", "a, b and c"},
	} {
		if got := joinWords(tc.items, tc.conj); got != tc.want {
			t.Errorf("joinWords(%q, %s) = %q, want %q", tc.items, tc.conj, got, tc.want)
		}
	}
}

func duration(raw string, d time.Duration) agreement.Duration {
	return agreement.Duration{Raw: raw, D: d}
}

func TestDurationWords(t *testing.T) {
	for _, tc := range []struct {
		d                  agreement.Duration
		words, businessHrs string
	}{
		{duration("4h", 4*time.Hour), "4 hours", "4 business hours"},
		{duration("1h", time.Hour), "1 hour", "1 business hour"},
		{duration("16h", 16*time.Hour), "16 hours", "16 business hours"},
		{duration("30m", 30*time.Minute), "30 minutes", "30 business minutes"},
		{duration("1m", time.Minute), "1 minute", "1 business minute"},
		{duration("1h30m", 90*time.Minute), "1 hour 30 minutes", "1 hour 30 minutes of business time"},
		{duration("1d", 24*time.Hour), "1 day", "1 business day"},
		{duration("1w2d", 9*24*time.Hour), "1 week 2 days", "1 week 2 days of business time"},
		// Written as 90m, said as 90 minutes: the words follow the file.
		{duration("90m", 90*time.Minute), "90 minutes", "90 business minutes"},
		// Known by value only: hours and minutes.
		{duration("", 150*time.Minute), "2 hours 30 minutes", "2 hours 30 minutes of business time"},
	} {
		if got := durationWords(tc.d); got != tc.words {
			t.Errorf("durationWords(%q) = %q, want %q", tc.d.Raw, got, tc.words)
		}
		if got := businessWords(tc.d); got != tc.businessHrs {
			t.Errorf("businessWords(%q) = %q, want %q", tc.d.Raw, got, tc.businessHrs)
		}
	}
}

func TestWindowWords(t *testing.T) {
	for _, tc := range []struct {
		w    agreement.Window
		want string
	}{
		{agreement.Window{Raw: "28d", D: 28 * 24 * time.Hour}, "over the last 28 days"},
		{agreement.Window{Raw: "1w", D: 7 * 24 * time.Hour}, "over the last week"},
		{agreement.Window{Raw: "1d", D: 24 * time.Hour}, "over the last day"},
		{agreement.Window{Raw: "2w3d", D: 17 * 24 * time.Hour}, "over the last 2 weeks 3 days"},
		{agreement.Window{Raw: "month", Period: agreement.PeriodMonth}, "per calendar month"},
		{agreement.Window{Raw: "quarter", Period: agreement.PeriodQuarter}, "per calendar quarter"},
	} {
		if got := windowWords(tc.w); got != tc.want {
			t.Errorf("windowWords(%q) = %q, want %q", tc.w.Raw, got, tc.want)
		}
	}
}

func TestDateWords(t *testing.T) {
	if got := dateWords(calendar.Date{Year: 2026, Month: time.October, Day: 1}); got != "1 Oct 2026" {
		t.Errorf("dateWords = %q, want 1 Oct 2026", got)
	}
}

func TestHolidayWords(t *testing.T) {
	d := func(y int, m time.Month, day int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: day} }
	for _, tc := range []struct {
		in   []calendar.Date
		want string
	}{
		{nil, ""},
		{[]calendar.Date{d(2026, 12, 24)}, "24 Dec 2026"},
		{[]calendar.Date{d(2026, 12, 24), d(2026, 12, 25), d(2026, 12, 31), d(2027, 1, 1)}, "24, 25 and 31 Dec 2026; 1 Jan 2027"},
		// The same month of two years is two groups.
		{[]calendar.Date{d(2026, 5, 1), d(2027, 5, 1), d(2027, 5, 8)}, "1 May 2026; 1 and 8 May 2027"},
	} {
		if got := holidayWords(tc.in); got != tc.want {
			t.Errorf("holidayWords(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDaysWords(t *testing.T) {
	// Indexes into weekOrder: 0 = Mon … 6 = Sun.
	for _, tc := range []struct {
		days []int
		want string
	}{
		{[]int{0}, "Mon"},
		{[]int{0, 1}, "Mon and Tue"},
		{[]int{0, 1, 2, 3}, "Mon–Thu"},
		{[]int{0, 1, 2, 3, 4}, "Mon–Fri"},
		{[]int{0, 2, 4}, "Mon, Wed and Fri"},
		{[]int{0, 1, 2, 4, 5}, "Mon–Wed, Fri and Sat"},
		{[]int{0, 1, 2, 4, 5, 6}, "Mon–Wed and Fri–Sun"},
		{[]int{0, 1, 2, 3, 4, 5, 6}, "every day"},
	} {
		if got := daysWords(tc.days); got != tc.want {
			t.Errorf("daysWords(%v) = %q, want %q", tc.days, got, tc.want)
		}
	}
}

// rng parses a range such as "09:00-17:00".
func rng(s string) calendar.Range {
	r, err := calendar.ParseRange(s)
	if err != nil {
		panic(err)
	}
	return r
}

func TestRangesWords(t *testing.T) {
	for _, tc := range []struct {
		in   []calendar.Range
		want string
	}{
		{[]calendar.Range{rng("09:00-17:00")}, "09:00–17:00"},
		{[]calendar.Range{rng("08:30-12:30"), rng("13:30-17:30")}, "08:30–12:30 and 13:30–17:30"},
		{[]calendar.Range{rng("08:00-10:00"), rng("10:30-12:00"), rng("13:00-16:00")}, "08:00–10:00, 10:30–12:00 and 13:00–16:00"},
		{[]calendar.Range{rng("20:00-24:00")}, "20:00–24:00"},
		{[]calendar.Range{rng("00:00-24:00")}, "all day"},
	} {
		if got := rangesWords(tc.in); got != tc.want {
			t.Errorf("rangesWords(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWeekWords(t *testing.T) {
	nine := []calendar.Range{rng("09:00-17:00")}
	early := []calendar.Range{rng("09:00-15:00")}
	var week [7][]calendar.Range
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday} {
		week[d] = nine
	}
	week[time.Friday] = early
	if got, want := weekWords(week), "Mon–Thu 09:00–17:00, Fri 09:00–15:00"; got != want {
		t.Errorf("weekWords = %q, want %q", got, want)
	}
	for d := range week {
		week[d] = []calendar.Range{rng("00:00-24:00")}
	}
	if got, want := weekWords(week), "around the clock"; got != want {
		t.Errorf("weekWords(always) = %q, want %q", got, want)
	}
	if got, want := weekWords([7][]calendar.Range{}), "closed every day"; got != want {
		t.Errorf("weekWords(never) = %q, want %q", got, want)
	}
}

func TestCalendarWords(t *testing.T) {
	if got, want := calendarWords(calendar.AlwaysOpen()), "around the clock (UTC)"; got != want {
		t.Errorf("calendarWords(24x7) = %q, want %q", got, want)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	var week [7][]calendar.Range
	for d := time.Monday; d <= time.Thursday; d++ {
		week[d] = []calendar.Range{rng("09:00-17:00")}
	}
	week[time.Friday] = []calendar.Range{rng("09:00-15:00")}
	holidays := []calendar.Date{{Year: 2026, Month: 12, Day: 31}, {Year: 2026, Month: 12, Day: 24}, {Year: 2026, Month: 12, Day: 25}}
	c, err := calendar.New("berlin", berlin, week, holidays)
	if err != nil {
		t.Fatal(err)
	}
	want := "Mon–Thu 09:00–17:00, Fri 09:00–15:00, Europe/Berlin; closed 24, 25 and 31 Dec 2026"
	if got := calendarWords(c); got != want {
		t.Errorf("calendarWords = %q, want %q", got, want)
	}
}

func TestLabelWords(t *testing.T) {
	for _, tc := range []struct {
		all, anyOf, none []string
		want             string
	}{
		{nil, nil, nil, ""},
		{[]string{"platform-request"}, nil, nil, "labelled `platform-request`"},
		{[]string{"a", "b"}, nil, nil, "labelled `a` and `b`"},
		{nil, []string{"P1", "P2"}, nil, "labelled `P1` or `P2`"},
		{nil, nil, []string{"duplicate", "invalid"}, "not labelled `duplicate` or `invalid`"},
		{[]string{"a"}, []string{"P1", "P2"}, nil, "labelled `a` and either `P1` or `P2`"},
		{[]string{"a"}, []string{"P1"}, nil, "labelled `a` and `P1`"},
		{[]string{"P1"}, nil, []string{"blocked"}, "labelled `P1` but not labelled `blocked`"},
		{nil, []string{"P1", "P2", "P3"}, []string{"x"}, "labelled `P1`, `P2` or `P3` but not labelled `x`"},
	} {
		if got := labelWords(tc.all, tc.anyOf, tc.none); got != tc.want {
			t.Errorf("labelWords(%q, %q, %q) = %q, want %q", tc.all, tc.anyOf, tc.none, got, tc.want)
		}
	}
}

func TestScopeWords(t *testing.T) {
	sc := agreement.Scope{Repos: []agreement.Repo{"acme/a", "acme/b"}, Labels: []string{"req"}, Authors: agreement.AuthorsConsumers, IncludePullRequests: true}
	want := "issues and pull requests in `acme/a` and `acme/b` labelled `req`, opened by members of the consumer teams"
	if got := scopeWords(sc, []string{"Payments", "Growth"}); got != want {
		t.Errorf("scopeWords = %q, want %q", got, want)
	}
	want = "issues and pull requests in `acme/a` and `acme/b` labelled `req`, opened by members of Growth"
	if got := scopeWords(sc, []string{"Growth"}); got != want {
		t.Errorf("scopeWords(one consumer) = %q, want %q", got, want)
	}
	sc = agreement.Scope{Repos: []agreement.Repo{"acme/a"}, Authors: agreement.AuthorsAnyone}
	if got, want := scopeWords(sc, nil), "issues in `acme/a`"; got != want {
		t.Errorf("scopeWords(plain) = %q, want %q", got, want)
	}
}

func TestParagraphs(t *testing.T) {
	got := paragraphs("one\ntwo\n\n  \nthree  four\n")
	if len(got) != 2 || got[0] != "one two" || got[1] != "three four" {
		t.Errorf("paragraphs = %q, want [\"one two\" \"three four\"]", got)
	}
}
