package codeowners_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/codeowners"
)

const org = `apiVersion: sla/v1
kind: Team
metadata: {name: platform}
spec: {github_team: acme/platform}
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec: {github_team: acme/Payments}
---
apiVersion: sla/v1
kind: Team
metadata: {name: growth}
spec: {members: [dave]}
`

func agreementYAML(name, provider, consumers string) string {
	return `apiVersion: sla/v1
kind: Agreement
metadata: {name: ` + name + `}
spec:
  provider: ` + provider + `
  consumers: ` + consumers + `
  window: 28d
  scope: {repos: [acme/x]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
`
}

func TestEntries(t *testing.T) {
	set, _ := agreement.LoadBytes("agreements/teams.yaml", []byte(org))
	two, _ := agreement.LoadBytes("agreements/two words.yaml", []byte(
		agreementYAML("a", "platform", "[growth, payments]")+"---\n"+agreementYAML("b", "payments", "[platform, growth]")))
	one, _ := agreement.LoadBytes("agreements/growth.yaml", []byte(agreementYAML("c", "growth", "[growth]")))
	set.Merge(one)
	set.Merge(two)
	entries, err := codeowners.Entries(set, func(f string) (string, error) { return "/" + f, nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []codeowners.Entry{
		// Growth has no github_team: its member, by login.
		{Path: "/agreements/growth.yaml", Owners: []string{"@dave"}},
		// The teams are used by the agreements of all three providers:
		// growth (c), platform (a), payments (b), as the files are read.
		{Path: "/agreements/teams.yaml", Owners: []string{"@dave", "@acme/platform", "@acme/Payments"}},
		// Provider first, then consumers as written; each team once.
		{Path: "/agreements/two words.yaml", Owners: []string{"@acme/platform", "@dave", "@acme/Payments"}},
	}
	if len(entries) != len(want) {
		t.Fatalf("entries = %v, want %v", entries, want)
	}
	for i := range want {
		if entries[i].Path != want[i].Path || !slices.Equal(entries[i].Owners, want[i].Owners) {
			t.Errorf("entry %d = %v, want %v", i, entries[i], want[i])
		}
	}

	var b bytes.Buffer
	if err := codeowners.Write(&b, entries); err != nil {
		t.Fatal(err)
	}
	wantText := codeowners.Header + "\n" +
		"/agreements/growth.yaml @dave\n" +
		"/agreements/teams.yaml @dave @acme/platform @acme/Payments\n" +
		`/agreements/two\ words.yaml @acme/platform @dave @acme/Payments` + "\n"
	if b.String() != wantText {
		t.Errorf("Write:\n%s\nwant:\n%s", b.String(), wantText)
	}
	for _, line := range strings.Split(codeowners.Header, "\n") {
		if !strings.HasPrefix(line, "# ") || len(line) > 80 {
			t.Errorf("header line %q: want a comment of at most 80 columns", line)
		}
	}
	// What Write prints, Parse reads back.
	rules := codeowners.Parse(b.Bytes())
	if len(rules) != 3 || rules[2].Pattern != "/agreements/two words.yaml" || rules[2].Line != 5 ||
		!slices.Equal(rules[2].Owners, []string{"@acme/platform", "@dave", "@acme/Payments"}) {
		t.Errorf("Parse = %+v", rules)
	}
	if p := codeowners.Check(entries, rules); len(p) != 0 {
		t.Errorf("Check of its own output: %+v", p)
	}
}

// A file of Calendars is owned by the providers whose agreements count
// time under one of them, as the agreement's calendar or an objective's;
// a calendar no agreement uses, and the built-in 24x7, make no owner.
func TestEntriesSharedCalendars(t *testing.T) {
	set, _ := agreement.LoadBytes("agreements/teams.yaml", []byte(org))
	cals, _ := agreement.LoadBytes("agreements/calendars.yaml", []byte(`apiVersion: sla/v1
kind: Calendar
metadata: {name: berlin}
spec: {timezone: Europe/Berlin, hours: {mon-fri: ["09:00-17:00"]}}
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: unused}
spec: {timezone: Europe/Berlin, hours: {mon-fri: ["09:00-17:00"]}}
`))
	lone, _ := agreement.LoadBytes("agreements/lone.yaml", []byte(`apiVersion: sla/v1
kind: Calendar
metadata: {name: lonely}
spec: {timezone: Europe/Berlin, hours: {mon-fri: ["09:00-17:00"]}}
`))
	// payments uses berlin on one objective only; growth's agreement is 24x7.
	pay, _ := agreement.LoadBytes("agreements/pay.yaml", []byte(strings.Replace(agreementYAML("p", "payments", "[platform]"),
		"target: 90%}", "target: 90%, calendar: berlin}", 1)))
	plat, _ := agreement.LoadBytes("agreements/plat.yaml", []byte(strings.Replace(agreementYAML("q", "platform", "[growth]"),
		"window: 28d", "window: 28d\n  calendar: berlin", 1)))
	grow, _ := agreement.LoadBytes("agreements/grow.yaml", []byte(agreementYAML("g", "growth", "[platform]")))
	for _, s := range []*agreement.Set{cals, lone, pay, plat, grow} {
		set.Merge(s)
	}
	entries, err := codeowners.Entries(set, func(f string) (string, error) { return "/" + f, nil })
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, e := range entries {
		got[e.Path] = e.Owners
	}
	if want := []string{"@acme/Payments", "@acme/platform"}; !slices.Equal(got["/agreements/calendars.yaml"], want) {
		t.Errorf("calendars.yaml owned by %v, want %v (the providers of p and q, as read)", got["/agreements/calendars.yaml"], want)
	}
	if o, ok := got["/agreements/lone.yaml"]; ok {
		t.Errorf("a file of a calendar no agreement uses has a line, owned by %v", o)
	}
}

func TestParse(t *testing.T) {
	rules := codeowners.Parse([]byte("# comment\n\n*.go @acme/go   # trailing comment\r\n  /docs/ @alice @acme/docs\nlonely\n/a\\#b.yaml @x\n"))
	type r struct {
		line    int
		pattern string
		owners  []string
	}
	want := []r{{3, "*.go", []string{"@acme/go"}}, {4, "/docs/", []string{"@alice", "@acme/docs"}}, {5, "lonely", nil}, {6, "/a#b.yaml", []string{"@x"}}}
	if len(rules) != len(want) {
		t.Fatalf("rules = %+v", rules)
	}
	for i, w := range want {
		if rules[i].Line != w.line || rules[i].Pattern != w.pattern || !slices.Equal(rules[i].Owners, w.owners) {
			t.Errorf("rule %d = %+v, want %+v", i, rules[i], w)
		}
	}
}

func TestMatches(t *testing.T) {
	const file = "/agreements/security/reviews.yaml"
	for pattern, want := range map[string]bool{
		"*":                                 true,
		"*.yaml":                            true,
		"*.yml":                             false,
		"/agreements/":                      true,
		"agreements/":                       true,
		"/agreements":                       true,
		"security/":                         true, // unanchored: a folder anywhere
		"/security/":                        false,
		"agreements/*":                      false, // * stays in one folder
		"agreements/**":                     true,
		"**/reviews.yaml":                   true,
		"/agreements/security/reviews.yaml": true,
		"agreements/security/reviews.yaml":  true,
		"/agreements/security/reviews.yml":  false,
		"/agreements/security/review?.yaml": true,
		"reviews.yaml":                      true,
		"/reviews.yaml":                     false,
		"/agreements/sec":                   false,
	} {
		if got := (codeowners.Rule{Pattern: pattern}).Matches(file); got != want {
			t.Errorf("%q matches %s: %v, want %v", pattern, file, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	entries := []codeowners.Entry{
		{Path: "/agreements/a.yaml", Owners: []string{"@acme/platform", "@acme/payments"}},
		{Path: "/agreements/b.yaml", Owners: []string{"@acme/data"}},
		{Path: "/agreements/c.yaml"}, // no owners: nothing to check
	}
	tests := []struct {
		name  string
		file  string
		kinds []string // of the problems, in order
		lines []int    // the line each problem points at (0: none)
	}{
		{"up to date", "* @acme/admins\n/agreements/a.yaml @acme/platform @acme/payments\n/agreements/b.yaml @acme/data\n", nil, nil},
		{"owners in another order and case", "agreements/a.yaml @ACME/payments @acme/platform\n/agreements/b.yaml @acme/data\n", nil, nil},
		{"a user's own line that says the same", "/agreements/*.yaml @acme/data\n/agreements/a.yaml @acme/platform @acme/payments\n", nil, nil},
		{"missing", "/agreements/a.yaml @acme/platform @acme/payments\n", []string{codeowners.Missing}, []int{0}},
		{"missing, another line decides", "/agreements/ @acme/admins\n/agreements/a.yaml @acme/platform @acme/payments\n", []string{codeowners.Missing}, []int{1}},
		{"different", "/agreements/a.yaml @acme/platform\n/agreements/b.yaml @acme/data\n", []string{codeowners.Different}, []int{1}},
		{"overridden by a later line", "/agreements/a.yaml @acme/platform @acme/payments\n/agreements/b.yaml @acme/data\n*.yaml @acme/admins\n",
			[]string{codeowners.Overridden, codeowners.Overridden}, []int{3, 3}},
		{"different, and a later line decides", "/agreements/a.yaml @acme/platform\n/agreements/b.yaml @acme/data\n/agreements/a.yaml @acme/other\n",
			[]string{codeowners.Different}, []int{3}},
		{"empty file", "", []string{codeowners.Missing, codeowners.Missing}, []int{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := codeowners.Check(entries, codeowners.Parse([]byte(tt.file)))
			var kinds []string
			var lines []int
			for _, p := range problems {
				kinds = append(kinds, p.Kind)
				line := 0
				if p.Found != nil {
					line = p.Found.Line
				}
				lines = append(lines, line)
			}
			if !slices.Equal(kinds, tt.kinds) || !slices.Equal(lines, tt.lines) {
				t.Errorf("problems %v at lines %v, want %v at %v", kinds, lines, tt.kinds, tt.lines)
			}
		})
	}
}

// A file name with a line break would make two lines, the second a rule
// of its own with owners taken from the name: it is refused.
func TestEntriesRefuseLineBreakInName(t *testing.T) {
	set, _ := agreement.LoadBytes("agreements/teams.yaml", []byte(org))
	evil, _ := agreement.LoadBytes("agreements/x\n* @evil/team.yaml", []byte(agreementYAML("a", "platform", "[payments]")))
	set.Merge(evil)
	entries, err := codeowners.Entries(set, func(f string) (string, error) { return "/" + f, nil })
	if err == nil || !strings.Contains(err.Error(), "control character U+000A") {
		t.Fatalf("entries %q, err %v; want the name refused", entries, err)
	}
	var out bytes.Buffer
	if err := codeowners.Write(&out, []codeowners.Entry{{Path: "/x\n* @evil/team.yaml", Owners: []string{"@acme/platform"}}}); err == nil || out.Len() != 0 {
		t.Errorf("Write wrote %q, err %v; want nothing written", out.String(), err)
	}
}

// Lines of any length are read: a rule after a very long line (past the
// 4 MiB a line scanner held) used to be dropped without a word.
func TestParseLongLine(t *testing.T) {
	data := "# " + strings.Repeat("x", 5<<20) + "\n/agreements/a.yaml @acme/platform\n"
	rules := codeowners.Parse([]byte(data))
	if len(rules) != 1 || rules[0].Line != 2 || rules[0].Pattern != "/agreements/a.yaml" {
		t.Errorf("rules = %d, want the one on line 2", len(rules))
	}
}
