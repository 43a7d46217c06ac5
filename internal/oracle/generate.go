package oracle

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // the same zones on every machine

	"github.com/sla-dev/sla/internal/snapshot"
)

// Case is a random organisation, a random history of its issues, and the
// instants to measure it at.
type Case struct {
	Seed int64
	// Agreements is the organisation: teams, calendars and agreements, as
	// one YAML text.
	Agreements string
	// History holds every issue, comment and event, as a fetch after all
	// of them (and after the instants) would read them, with the members
	// of the organisation's github_team.
	History *snapshot.Snapshot
	// Instants are the evaluation instants, oldest first.
	Instants []time.Time
}

// SeedsPerOrganisation is how many consecutive seeds share an
// organisation — its agreements and the time of year — so that a run of
// seeds compiles few; each seed has its own history and instants.
const SeedsPerOrganisation = 10

// Generate makes the case of a seed. Histories have what makes figures
// hard to get right: events in the same second (a close and a reopening, a
// label taken off and put back, a pause on and off, an issue opened,
// answered and closed), reopenings by various people, label churn and
// labels added while closed, pauses, comments by bots and by the author,
// pull requests, openings on the edges of windows, and instants on the
// very second of an event. They run across changes of daylight saving
// time and holidays, under calendars whose hours begin and end inside the
// hour a change skips or repeats.
func Generate(seed int64) *Case {
	org := &generator{rng: rand.New(rand.NewPCG(uint64(seed/SeedsPerOrganisation), 0x0a9e_e3e7))}
	anchor := pick(org, []time.Time{
		date(2026, 3, 29, 1), // Europe springs forward at 01:00 UTC
		date(2026, 3, 8, 7),  // America/New_York springs forward
		date(2026, 10, 25, 1),
		date(2026, 11, 1, 6),
		date(2026, 12, 24, 0), // Christmas holidays
		date(2026, 4, 3, 0),   // Good Friday
		date(2026, 7, 1, 0),   // a quarter begins
		date(2026, 1, 1, 0).Add(time.Duration(org.rng.Int64N(360*24)) * time.Hour),
	})
	c := &Case{Seed: seed}
	var effective []time.Time
	c.Agreements, effective = org.organisation(anchor)

	g := &generator{rng: rand.New(rand.NewPCG(uint64(seed), 0x5ec0_3dad)), b: &Builder{Bots: []string{"renovate"}}}
	last := anchor.Add(g.between(-3*24*time.Hour, 12*24*time.Hour))
	c.Instants = []time.Time{last.Add(-g.between(12*24*time.Hour, 30*24*time.Hour)), last.Add(-g.between(time.Hour, 12*24*time.Hour)), last}
	g.start, g.end = last.Add(-60*24*time.Hour), last.Add(2*24*time.Hour)
	g.boundaries = boundaries(c.Instants, effective)
	for _, repo := range []string{"acme/app", "acme/lib"} {
		n := 15 + g.rng.IntN(20)
		for number := 1; number <= n; number++ {
			g.issue(repo, number, c.Instants)
		}
	}
	// Now and then an instant falls on the very second of an event.
	if g.chance(0.4) {
		var times []time.Time
		for _, r := range g.b.repos {
			for _, e := range r.Events {
				if e.CreatedAt.After(c.Instants[0]) && e.CreatedAt.Before(last) {
					times = append(times, e.CreatedAt)
				}
			}
		}
		if len(times) > 0 {
			c.Instants[1] = pick(g, times)
			slices.SortFunc(c.Instants, time.Time.Compare)
		}
	}
	c.History = g.b.Snapshot(g.end)
	c.History.Teams["acme/platform-oncall"] = []string{"oncall-1", "Bob"}
	return c
}

// boundaries are the instants where windows begin: a week, two and four
// before each instant, the first of its month and quarter in each zone,
// and each effective_from in each zone.
func boundaries(instants, effective []time.Time) []time.Time {
	var out []time.Time
	for _, zone := range []string{"UTC", "Europe/Berlin", "America/New_York"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			panic(err) // time/tzdata has them
		}
		for _, at := range instants {
			l := at.In(loc)
			out = append(out, time.Date(l.Year(), l.Month(), 1, 0, 0, 0, 0, loc),
				time.Date(l.Year(), (l.Month()-1)/3*3+1, 1, 0, 0, 0, 0, loc))
		}
		for _, d := range effective {
			out = append(out, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc))
		}
	}
	for _, at := range instants {
		for _, d := range []int{7, 14, 28} {
			out = append(out, at.AddDate(0, 0, -d))
		}
	}
	return out
}

func date(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

type generator struct {
	rng        *rand.Rand
	b          *Builder
	start, end time.Time
	// boundaries are instants where windows and effective_from begin.
	boundaries []time.Time
}

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// between is a whole number of seconds in [lo, hi).
func (g *generator) between(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(g.rng.Int64N(int64((hi-lo)/time.Second)))*time.Second
}

func pick[T any](g *generator, list []T) T { return list[g.rng.IntN(len(list))] }

// The organisation's fixed part: Platform (alice, bob, and the github_team
// acme/platform-oncall, whose members the history's Teams hold) serves
// Payments (carol, dave) and Growth (carol, erin). Calendars: Berlin and
// New York office hours with holidays, and "nights", whose Sunday hours
// begin and end inside the hour Berlin skips in spring and repeats in
// autumn.
const fixedOrganisation = `apiVersion: sla/v1
kind: Team
metadata: {name: platform}
spec: {members: [alice, bob], github_team: acme/platform-oncall}
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec: {members: [carol, dave]}
---
apiVersion: sla/v1
kind: Team
metadata: {name: growth}
spec: {members: [carol, erin]}
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: berlin}
spec:
  timezone: Europe/Berlin
  hours: {mon-fri: ["09:00-17:00"]}
  holidays: [2026-04-03, 2026-04-06, 2026-10-26, 2026-12-24, 2026-12-25, 2026-12-31]
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: newyork}
spec:
  timezone: America/New_York
  hours: {mon-fri: ["09:00-17:00"]}
  holidays: [2026-03-09, 2026-11-26, 2026-11-27, 2026-12-25]
---
apiVersion: sla/v1
kind: Calendar
metadata: {name: nights}
spec:
  timezone: Europe/Berlin
  hours:
    mon-fri: ["07:00-09:00", "18:00-20:30"]
    sat: ["22:00-24:00"]
    sun: ["00:30-02:15", "02:45-03:30"]
`

// organisation writes the agreements: two or three, each with its own
// calendar, window, scope and objectives. It returns the effective_from
// dates it wrote too.
func (g *generator) organisation(anchor time.Time) (string, []time.Time) {
	var b strings.Builder
	var effective []time.Time
	b.WriteString(fixedOrganisation)
	for i, name := range []string{"alpha", "beta", "gamma"}[:2+g.rng.IntN(2)] {
		fmt.Fprintf(&b, "---\napiVersion: sla/v1\nkind: Agreement\nmetadata: {name: %s}\nspec:\n  provider: platform\n", name)
		fmt.Fprintf(&b, "  consumers: %s\n", pick(g, []string{"[payments]", "[growth]", "[payments, growth]"}))
		cal := pick(g, []string{"berlin", "newyork", "nights", ""})
		if cal != "" {
			fmt.Fprintf(&b, "  calendar: %s\n", cal)
		}
		window := pick(g, []string{"28d", "14d", "7d", "month", "quarter"})
		fmt.Fprintf(&b, "  window: %s\n", window)
		if g.chance(0.25) {
			from := anchor.AddDate(0, 0, 5-g.rng.IntN(45))
			fmt.Fprintf(&b, "  effective_from: %s\n", from.Format(time.DateOnly))
			effective = append(effective, from)
		}
		b.WriteString("  scope:\n")
		fmt.Fprintf(&b, "    repos: %s\n", pick(g, []string{"[acme/app]", "[acme/lib]", "[acme/app, acme/lib]"}))
		if g.chance(0.4) {
			b.WriteString("    labels: [request]\n")
		}
		if g.chance(0.25) {
			b.WriteString("    any_labels: [bug, feature]\n")
		}
		if g.chance(0.4) {
			b.WriteString("    exclude_labels: [duplicate]\n")
		}
		if g.chance(0.3) {
			b.WriteString("    authors: consumers\n")
		}
		if g.chance(0.5) {
			b.WriteString("    include_pull_requests: true\n")
		}
		b.WriteString("  objectives:\n")
		for j := range 2 + g.rng.IntN(3) {
			// A week of the nights calendar holds 27h: longer promises would
			// not fit its window.
			b.WriteString("    - " + g.objective(fmt.Sprintf("o%d-%d", i+1, j+1), window == "7d") + "\n")
		}
	}
	return b.String(), effective
}

func (g *generator) objective(name string, shortWindow bool) string {
	target := pick(g, []string{"50%", "80%", "90%", "95%", `"0.75"`, "99.5%"})
	var fields []string
	switch g.rng.IntN(3) {
	case 0:
		fields = append(fields, "metric: first_response", "within: "+pick(g, []string{"30m", "1h", "2h", "4h", "8h"}))
		if r := pick(g, []string{"", "provider", "maintainers", "anyone"}); r != "" {
			fields = append(fields, "responders: "+r)
		}
		if g.chance(0.3) {
			fields = append(fields, "pause_labels: [waiting]")
		}
	case 1:
		within := []string{"4h", "8h", "16h", "40h"}
		if shortWindow {
			within = within[:3]
		}
		fields = append(fields, "metric: resolution", "within: "+pick(g, within))
		if g.chance(0.5) {
			fields = append(fields, "pause_labels: [waiting, blocked]")
		}
	default:
		fields = append(fields, "metric: label_time", "within: "+pick(g, []string{"1h", "4h", "16h"}),
			pick(g, []string{"label: waiting, owner: consumers", "label: triage, owner: provider"}))
	}
	if g.chance(0.3) {
		fields = append(fields, "where: "+pick(g, []string{"{labels: [P1]}", "{exclude_labels: [P1]}", "{any_labels: [bug, triage]}"}))
	}
	if g.chance(0.2) {
		fields = append(fields, "calendar: "+pick(g, []string{"24x7", "berlin", "nights"}))
	}
	return fmt.Sprintf("{name: %s, %s, target: %s}", name, strings.Join(fields, ", "), target)
}

// People, and the author_association GitHub shows with their comments.
var people = map[string]string{
	"alice": "MEMBER", "bob": "MEMBER", "Bob": "MEMBER", // provider members (Bob: the same login, as GitHub spells it)
	"oncall-1": "NONE", // in the provider's github_team, its membership private
	"mallory":  "COLLABORATOR", "acme-admin": "OWNER",
	"carol": "CONTRIBUTOR", "dave": "NONE", "erin": "NONE", "frank": "NONE",
	"dependabot[bot]": "NONE", "github-actions[bot]": "MEMBER", "renovate": "COLLABORATOR",
}

var (
	actors  = []string{"alice", "bob", "Bob", "oncall-1", "mallory", "acme-admin", "carol", "dave", "erin", "frank", "dependabot[bot]", "github-actions[bot]", "renovate"}
	authors = []string{"carol", "carol", "dave", "erin", "frank", "alice", "mallory", "dependabot[bot]", "renovate"}
	labels  = []string{"waiting", "waiting", "blocked", "P1", "request", "bug", "feature", "duplicate", "triage", "triage"}
)

// issue writes one issue's history: its opening, then up to a dozen
// things happening, some in the same second.
func (g *generator) issue(repo string, n int, instants []time.Time) {
	var at time.Time
	switch {
	case g.chance(0.2): // on the edge of a window
		at = pick(g, g.boundaries).Add(g.between(-90*time.Minute, 90*time.Minute))
		if g.chance(0.3) {
			at = pick(g, g.boundaries)
		}
	case g.chance(0.1): // on the very second of an instant
		at = pick(g, instants)
	default:
		at = g.start.Add(g.between(0, g.end.Sub(g.start)))
	}
	at = at.Truncate(time.Second)
	if at.Before(g.start) || at.After(g.end) {
		at = g.start.Add(g.between(0, g.end.Sub(g.start)))
	}
	author := pick(g, authors)
	var initial []string
	for _, l := range []struct {
		name string
		p    float64
	}{{"request", 0.6}, {"bug", 0.3}, {"feature", 0.25}, {"P1", 0.15}, {"duplicate", 0.05}, {"waiting", 0.1}, {"triage", 0.3}} {
		if g.chance(l.p) {
			initial = append(initial, l.name)
		}
	}
	if repo == "acme/lib" && g.chance(0.3) {
		g.b.PullRequest(repo, n, author, at, initial...)
	} else {
		g.b.Open(repo, n, author, at, initial...)
	}
	if g.chance(0.1) { // opened, answered and closed in one second
		g.comment(repo, n, pick(g, actors), at)
		g.b.Close(repo, n, pick(g, []string{author, "alice", "frank"}), at)
	}
	for range g.rng.IntN(13) {
		at = at.Add(g.gap())
		if at.After(g.end) {
			return
		}
		actor := pick(g, actors)
		if g.chance(0.15) {
			actor = author
		}
		label := pick(g, labels)
		switch k := g.rng.IntN(100); {
		case k < 35:
			g.comment(repo, n, actor, at)
		case k < 50:
			if g.b.IsOpen(repo, n) {
				g.b.Close(repo, n, actor, at)
			} else {
				g.b.Reopen(repo, n, actor, at)
			}
		case k < 58: // closed and reopened in one second
			if g.b.IsOpen(repo, n) {
				g.b.Close(repo, n, actor, at)
				g.b.Reopen(repo, n, pick(g, actors), at)
			}
		case k < 80:
			g.toggle(repo, n, actor, at, label)
		case k < 90: // taken off and put back, or on and off, in one second
			g.toggle(repo, n, actor, at, label)
			g.toggle(repo, n, actor, at, label)
		default: // a label and a comment in the second of a close or a reopening
			g.toggle(repo, n, actor, at, label)
			if g.b.IsOpen(repo, n) {
				g.b.Close(repo, n, actor, at)
			} else {
				g.b.Reopen(repo, n, actor, at)
			}
			g.comment(repo, n, pick(g, actors), at)
		}
	}
}

func (g *generator) comment(repo string, n int, author string, at time.Time) {
	g.b.Comment(repo, n, author, people[author], at)
}

func (g *generator) toggle(repo string, n int, actor string, at time.Time, label string) {
	if g.b.HasLabel(repo, n, label) {
		g.b.Unlabel(repo, n, actor, at, label)
	} else {
		g.b.Label(repo, n, actor, at, label)
	}
}

// gap is the time to the next thing that happens to an issue: often
// nothing (the same second), often seconds or minutes, sometimes days.
func (g *generator) gap() time.Duration {
	switch k := g.rng.IntN(100); {
	case k < 25:
		return 0
	case k < 35:
		return g.between(time.Second, time.Minute)
	case k < 65:
		return g.between(time.Minute, 3*time.Hour)
	default:
		return g.between(3*time.Hour, 5*24*time.Hour)
	}
}
