package demodata

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/snapshot"
)

// ScaleAgreements is an organisation of 5 agreements with 4 objectives
// each (20 objectives) over 10 repositories, for benchmarks at scale.
func ScaleAgreements() string {
	var b strings.Builder
	b.WriteString(`apiVersion: sla/v1
kind: Calendar
metadata: {name: office}
spec:
  timezone: Europe/Berlin
  hours: {mon-fri: ["09:00-17:00"]}
  holidays: [2026-10-03, 2026-12-24, 2026-12-25]
`)
	for t := range 6 {
		fmt.Fprintf(&b, "---\napiVersion: sla/v1\nkind: Team\nmetadata: {name: team-%d}\nspec: {members: [%s]}\n", t, scaleMembers(t))
	}
	for a := range 5 {
		fmt.Fprintf(&b, `---
apiVersion: sla/v1
kind: Agreement
metadata: {name: agreement-%d}
spec:
  provider: team-%d
  consumers: [team-%d, team-5]
  calendar: office
  window: 28d
  scope:
    repos: [acme/repo-%d, acme/repo-%d]
    exclude_labels: [invalid]
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%%}
    - {name: urgent-first-response, metric: first_response, where: {labels: [P1]}, calendar: 24x7, within: 1h, target: 95%%, responders: anyone}
    - {name: resolution, metric: resolution, within: 40h, target: 80%%, pause_labels: [waiting-on-customer]}
    - {name: customer-reply, metric: label_time, label: waiting-on-customer, owner: consumers, within: 16h, target: 90%%}
`, a, a, (a+1)%5, 2*a, 2*a+1)
	}
	return b.String()
}

func scaleMembers(team int) string {
	var m []string
	for i := range 8 {
		m = append(m, fmt.Sprintf("user-%d-%d", team, i))
	}
	return strings.Join(m, ", ")
}

// Scale generates a snapshot of the ScaleAgreements organisation with the
// given numbers of issues, comments and events, spread over 10
// repositories and 150 days before fetchedAt.
func Scale(issues, comments, events int, fetchedAt time.Time) *snapshot.Snapshot {
	rng := rand.New(rand.NewPCG(7, 11))
	since := fetchedAt.Add(-150 * 24 * time.Hour)
	snap := &snapshot.Snapshot{FetchedAt: fetchedAt, Since: since, Teams: map[string][]string{}}
	const repos = 10
	span := fetchedAt.Sub(since)
	labels := []string{"bug", "request", "P1", "waiting-on-customer", "invalid"}
	for r := range repos {
		repo := &snapshot.Repo{Name: fmt.Sprintf("acme/repo-%d", r), HTMLURL: fmt.Sprintf("https://github.com/acme/repo-%d", r)}
		n := issues / repos
		created := make([]time.Time, n)
		for i := range n {
			at := since.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Second)
			created[i] = at
			is := snapshot.Issue{Number: i + 1, Title: fmt.Sprintf("Issue %d", i+1),
				Author: fmt.Sprintf("user-%d-%d", rng.IntN(6), rng.IntN(8)), CreatedAt: at,
				Labels: []string{labels[rng.IntN(2)]}}
			if rng.IntN(10) == 0 {
				is.Labels = append(is.Labels, "P1")
			}
			if rng.IntN(3) > 0 {
				is.ClosedAt = at.Add(time.Duration(rng.Int64N(int64(200 * time.Hour)))).Truncate(time.Second)
				if is.ClosedAt.After(fetchedAt) {
					is.ClosedAt = time.Time{}
				}
			}
			repo.Issues = append(repo.Issues, is)
		}
		for range comments / repos {
			i := rng.IntN(n)
			bot := rng.IntN(10) == 0
			author := fmt.Sprintf("user-%d-%d", rng.IntN(6), rng.IntN(8))
			if bot {
				author = "ci[bot]"
			}
			repo.Comments = append(repo.Comments, snapshot.Comment{Issue: i + 1, Author: author, AuthorBot: bot,
				Association: "MEMBER", CreatedAt: created[i].Add(time.Duration(rng.Int64N(int64(72 * time.Hour)))).Truncate(time.Second)})
		}
		for range events / repos {
			i := rng.IntN(n)
			e := snapshot.Event{Issue: i + 1, Actor: fmt.Sprintf("user-%d-%d", rng.IntN(6), rng.IntN(8)),
				CreatedAt: created[i].Add(time.Duration(rng.Int64N(int64(96 * time.Hour)))).Truncate(time.Second)}
			switch rng.IntN(4) {
			case 0, 1:
				e.Kind, e.Label = snapshot.Labeled, labels[rng.IntN(len(labels))]
			case 2:
				e.Kind, e.Label = snapshot.Unlabeled, labels[rng.IntN(len(labels))]
			default:
				e.Kind = snapshot.Closed
			}
			repo.Events = append(repo.Events, e)
		}
		snap.Repos = append(snap.Repos, repo)
	}
	return snap
}
