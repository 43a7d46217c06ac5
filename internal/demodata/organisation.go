package demodata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteOrganisation writes n agreement files into dir, with the teams and
// calendars they refer to, as a large organisation would have them: the
// files `sla validate` is measured on (make bench).
func WriteOrganisation(dir string, n int) error {
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
	if err := os.WriteFile(filepath.Join(dir, "teams.yaml"), []byte(teams.String()), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "calendars.yaml"), []byte(calendars), 0o644); err != nil {
		return err
	}
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
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("agreement-%04d.yaml", i)), []byte(doc), 0o644); err != nil {
			return err
		}
	}
	return nil
}
