package compliance_test

import (
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

// Rule: displayed percentages are truncated, not rounded, so a breached
// objective never shows its target. (An external test: report imports
// compliance.)
func TestAttainmentDisplayTruncated(t *testing.T) {
	set, diags := agreement.LoadBytes("agreements.yaml", []byte(`
apiVersion: sla/v1
kind: Team
metadata: {name: platform}
spec: {members: [alice]}
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec: {members: [carol]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: req}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/req]}
  objectives:
    - {name: fr, metric: first_response, within: 1h, target: 90%}
`))
	diags = append(diags, validate.Check(set)...)
	if diags.HasErrors() {
		t.Fatalf("invalid agreements:\n%v", diags)
	}
	objectives, err := compliance.Compile(set, compliance.ResolveTeams(set, nil))
	if err != nil {
		t.Fatal(err)
	}
	// 233 issues answered after 30m (met), 26 after 2h (breached), on 24x7.
	repo := &snapshot.Repo{Name: "acme/req", HTMLURL: "https://github.com/acme/req"}
	opened := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	for n := 1; n <= 259; n++ {
		answer := 30 * time.Minute
		if n > 233 {
			answer = 2 * time.Hour
		}
		repo.Issues = append(repo.Issues, snapshot.Issue{Number: n, Author: "carol", CreatedAt: opened})
		repo.Comments = append(repo.Comments, snapshot.Comment{Issue: n, Author: "alice", CreatedAt: opened.Add(answer)})
	}
	rep := compliance.Evaluate(objectives, &snapshot.Snapshot{Repos: []*snapshot.Repo{repo}}, time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
	r := rep.Results[0]
	// 233/259 = 0.8996138…: 899613 ppm, truncated; shown as 89.9%, not
	// the 90.0% that rounding (or %.1f of a float) would print beside
	// "breached".
	ppm, ok := r.Attainment()
	if !ok || ppm != 899_613 {
		t.Fatalf("attainment %d ppm (%v), want 899613", ppm, ok)
	}
	if got := report.Percent(ppm); got != "89.9%" {
		t.Errorf("shown as %q, want 89.9%%", got)
	}
	if r.Status != compliance.StatusBreached {
		t.Errorf("status %s, want breached", r.Status)
	}
	// Exactly the target is shown as the target: 9/10 → 90.0%.
	if got := report.Percent(900_000); got != "90.0%" {
		t.Errorf("900000 ppm shown as %q, want 90.0%%", got)
	}
}
