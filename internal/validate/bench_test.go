package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeOrganisation writes n agreement files, with the teams and calendars
// they refer to, as a large organisation would have them.
func writeOrganisation(tb testing.TB, dir string, n int) {
	tb.Helper()
	var teams strings.Builder
	for i := range 50 {
		fmt.Fprintf(&teams, "---\napiVersion: sla/v1\nkind: Team\nmetadata: {name: team-%d, title: Team %d}\nspec:\n  members: [user-%d-a, user-%d-b, user-%d-c]\n  github_team: acme/team-%d\n  contact: \"#team-%d\"\n", i, i, i, i, i, i, i)
	}
	calendars := `apiVersion: sla/v1
kind: Calendar
metadata: {name: berlin}
spec:
  timezone: Europe/Berlin
  hours:
    mon-thu: ["08:30-12:30", "13:30-17:30"]
    fri: ["08:30-12:30"]
  holidays: [2026-12-24, 2026-12-25, 2026-12-31, 2027-01-01]
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: new-york}
spec:
  timezone: America/New_York
  hours: {mon-fri: ["09:00-17:00"]}
  holidays: [2026-11-26, 2026-12-25]
`
	must := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "teams.yaml"), []byte(teams.String()), 0o644))
	must(os.WriteFile(filepath.Join(dir, "calendars.yaml"), []byte(calendars), 0o644))
	for i := range n {
		provider, c1, c2 := i%50, (i+1)%50, (i+7)%50
		doc := fmt.Sprintf(`# yaml-language-server: $schema=../schema/sla-v1.schema.json
apiVersion: sla/v1
kind: Agreement
metadata:
  name: agreement-%d
  title: Requests to team %d
  description: What team %d promises the teams it serves.
spec:
  provider: team-%d
  consumers: [team-%d, team-%d]
  calendar: berlin
  window: 28d
  effective_from: 2026-10-01
  scope:
    repos: [acme/requests-%d]
    labels: [request]
    exclude_labels: [duplicate, invalid]
  objectives:
    - name: first-response
      metric: first_response
      within: 4h
      target: 90%%
    - name: urgent-first-response
      metric: first_response
      where: {labels: [P1]}
      calendar: 24x7
      within: 1h
      target: 95%%
      responders: anyone
    - name: resolution
      metric: resolution
      within: 40h
      target: 80%%
      pause_labels: [waiting-on-customer]
    - name: customer-reply
      metric: label_time
      label: waiting-on-customer
      owner: consumers
      within: 16h
      target: 0.9
  expectations:
    provider:
      - text: Acknowledge every request within 4 business hours.
        objective: first-response
      - Post a status update at least weekly.
    consumers:
      - text: Answer questions within two business days.
        objective: customer-reply
`, i, i, i, provider, c1, c2, i)
		must(os.WriteFile(filepath.Join(dir, fmt.Sprintf("agreement-%04d.yaml", i)), []byte(doc), 0o644))
	}
}

// BenchmarkValidate1000Files validates 1,000 agreement files with their
// teams and calendars, as `sla validate` does (issue target: under 1 s and
// under 200 MiB peak memory on 2 cores; see `make bench` for the peak).
func BenchmarkValidate1000Files(b *testing.B) {
	dir := b.TempDir()
	writeOrganisation(b, dir, 1000)
	for b.Loop() {
		set, diags, err := Run([]string{dir})
		if err != nil || len(diags) != 0 || len(set.Agreements) != 1000 {
			b.Fatalf("err=%v agreements=%d diagnostics=%v", err, len(set.Agreements), diags)
		}
	}
}

func TestGeneratedOrganisationIsValid(t *testing.T) {
	dir := t.TempDir()
	writeOrganisation(t, dir, 3)
	set, diags, err := Run([]string{dir})
	if err != nil || len(diags) != 0 {
		t.Fatalf("err=%v\n%s", err, render(diags))
	}
	if len(set.Agreements) != 3 || len(set.Teams) != 50 || len(set.Calendars) != 2 {
		t.Fatalf("got %d agreements, %d teams, %d calendars", len(set.Agreements), len(set.Teams), len(set.Calendars))
	}
}
