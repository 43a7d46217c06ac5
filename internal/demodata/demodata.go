// Package demodata generates the example issue data for the organisation
// in agreements/: a deterministic snapshot, shaped so that the example
// report shows objectives that are met, at risk, breached and without data.
package demodata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Options fix everything the generator depends on.
type Options struct {
	Seed      uint64
	FetchedAt time.Time
	Days      int // how far back issues go
}

// DefaultOptions are those of the committed example snapshot.
func DefaultOptions() Options {
	return Options{Seed: 2026, FetchedAt: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC), Days: 150}
}

// profile shapes how one agreement's provider behaves: typical delays in
// business hours (log-normal medians) and how often things happen.
type profile struct {
	perWeek          float64 // issues opened per week per repository
	responseMedian   float64 // business hours to first response
	resolutionMedian float64 // business hours to resolution
	spread           float64 // log-normal sigma
	waitingShare     float64 // share of issues that wait on the customer
	replyMedian      float64 // business hours consumers take to answer
	p1Share          float64
	p1Until          time.Duration // P1s stop this long before the fetch
	backlog          int           // recent issues nobody has answered yet
	// away is a week the provider was short-handed: requests opened then
	// were picked up this much later.
	away away
}

// away is a period when requests waited longer to be picked up.
type away struct {
	from, until time.Time
	late        time.Duration
}

func (a away) delay(opened time.Time) time.Duration {
	if !opened.Before(a.from) && opened.Before(a.until) {
		return a.late
	}
	return 0
}

var profiles = map[string]profile{
	// Platform: answers fast, resolves slowly, consumers answer well.
	"platform-requests": {perWeek: 60, responseMedian: 1.2, resolutionMedian: 26, spread: 0.8, waitingShare: 0.25, replyMedian: 5, p1Share: 0.08},
	// Data: maintainers answer slowly; many requests wait on consumers.
	"data-requests": {perWeek: 30, responseMedian: 3.5, resolutionMedian: 40, spread: 0.9, waitingShare: 0.35, replyMedian: 12, p1Share: 0.1},
	// Payments SDK: fast answers; no P1 in the last month (no data). Half
	// the team was away for a week in August, and requests waited a day
	// longer: its first responses have improved most since.
	"payments-integrations": {perWeek: 25, responseMedian: 5, resolutionMedian: 60, spread: 0.9, waitingShare: 0.15, replyMedian: 8, p1Share: 0.1, p1Until: 40 * 24 * time.Hour,
		away: away{from: time.Date(2026, 8, 14, 9, 0, 0, 0, time.UTC), until: time.Date(2026, 8, 21, 9, 0, 0, 0, time.UTC), late: 20 * time.Hour}},
	// Security: a backlog of unanswered reviews puts first response at risk.
	"security-reviews": {perWeek: 8, responseMedian: 2, resolutionMedian: 20, spread: 0.7, waitingShare: 0.3, replyMedian: 10, backlog: 5},
}

// Generate builds the snapshot for a valid set of agreements.
func Generate(set *agreement.Set, o Options) (*snapshot.Snapshot, error) {
	g := &generator{
		rng:   rand.New(rand.NewPCG(o.Seed, o.Seed^0x5ca1ab1e)),
		opts:  o,
		since: o.FetchedAt.Add(-time.Duration(o.Days) * 24 * time.Hour),
		snap: &snapshot.Snapshot{FetchedAt: o.FetchedAt, Teams: map[string][]string{},
			Since: o.FetchedAt.Add(-time.Duration(o.Days) * 24 * time.Hour)},
		members: map[agreement.Name][]string{},
	}
	for _, t := range set.Teams {
		var logins []string
		for _, m := range t.Spec.Members {
			logins = append(logins, string(m))
		}
		if t.Spec.GitHubTeam != "" {
			// The team's members as GitHub would list them: those written in
			// the file plus a few more.
			extra := []string{string(t.Metadata.Name) + "-oncall-1", string(t.Metadata.Name) + "-oncall-2"}
			gh := append(slices.Clone(logins), extra...)
			g.snap.Teams[strings.ToLower(string(t.Spec.GitHubTeam))] = gh
			logins = gh
		}
		g.members[t.Metadata.Name] = logins
	}
	calendars, err := set.BuildCalendars()
	if err != nil {
		return nil, err
	}
	for _, a := range set.Agreements {
		p, ok := profiles[string(a.Metadata.Name)]
		if !ok {
			p = profiles["platform-requests"]
		}
		cal, err := calendars.Named(a.Spec.CalendarName())
		if err != nil {
			return nil, err
		}
		for _, repo := range a.Spec.Scope.Repos {
			g.repo(a, string(repo), p, cal)
		}
	}
	g.react(set)
	if err := g.checkins(set, calendars); err != nil {
		return nil, err
	}
	return g.snap, nil
}

type generator struct {
	rng     *rand.Rand
	opts    Options
	since   time.Time
	snap    *snapshot.Snapshot
	members map[agreement.Name][]string
}

var outsiders = []string{"octo-intern", "contractor-kim", "qa-lena"}

var bots = []string{"triage-bot[bot]", "github-actions[bot]"}

var titles = []string{
	"Access to %s for the new on-call engineers", "Increase quota for %s", "%s returns 502 since this morning",
	"New environment for the %s migration", "Review the %s integration", "Certificate for %s expires soon",
	"Question about %s limits", "Flaky %s job blocks releases", "Export of %s for the quarterly review",
}

var subjects = []string{"staging", "checkout", "data-lake", "CI runners", "DNS", "ledger-service", "Kafka", "mobile-api"}

// lognormal draws business hours around a median.
func (g *generator) lognormal(median, sigma float64) time.Duration {
	h := median * math.Exp(sigma*g.rng.NormFloat64())
	return time.Duration(h * float64(time.Hour)).Round(time.Minute)
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *generator) repo(a *agreement.Agreement, name string, p profile, cal *calendar.Calendar) {
	r := g.snap.Repo(name)
	if r == nil {
		r = &snapshot.Repo{Name: name, HTMLURL: "https://github.com/" + name}
		g.snap.Repos = append(g.snap.Repos, r)
	}
	number := len(r.Issues) + 1
	provider := g.members[a.Spec.Provider]
	var consumers []string
	for _, c := range a.Spec.Consumers {
		consumers = append(consumers, g.members[c]...)
	}
	weeks := float64(g.opts.Days) / 7
	n := int(p.perWeek * weeks)
	for i := 0; i < n; i++ {
		// Issues arrive in business hours mostly, spread over the period.
		opened := g.since.Add(time.Duration(g.rng.Float64() * float64(g.opts.FetchedAt.Sub(g.since))))
		if g.rng.Float64() < 0.85 {
			opened = cal.NextOpen(opened)
		}
		if !opened.Before(g.opts.FetchedAt) {
			continue
		}
		g.issue(r, a, number, opened.Truncate(time.Second), p, cal, provider, consumers, false)
		number++
	}
	for i := 0; i < p.backlog; i++ {
		// Recent requests nobody has looked at yet.
		back := time.Duration(20+g.rng.IntN(40)) * time.Hour
		opened := g.opts.FetchedAt.Add(-back)
		g.issue(r, a, number, opened.Truncate(time.Minute), p, cal, provider, consumers, true)
		number++
	}
}

func (g *generator) issue(r *snapshot.Repo, a *agreement.Agreement, number int, opened time.Time, p profile,
	cal *calendar.Calendar, provider, consumers []string, unanswered bool) {
	author := g.pick(consumers)
	if g.rng.Float64() < 0.07 {
		author = g.pick(outsiders)
	}
	isPR := a.Spec.Scope.IncludePullRequests && g.rng.Float64() < 0.3
	labels := slices.Clone(a.Spec.Scope.Labels)
	if len(a.Spec.Scope.AnyLabels) > 0 {
		labels = append(labels, g.pick(a.Spec.Scope.AnyLabels))
	}
	if p.p1Share > 0 && g.rng.Float64() < p.p1Share && opened.Before(g.opts.FetchedAt.Add(-p.p1Until)) {
		labels = append(labels, "P1")
	}
	if g.rng.Float64() < 0.03 {
		labels = append(labels, g.pick([]string{"duplicate", "invalid"}))
	}
	is := snapshot.Issue{Number: number, Title: fmt.Sprintf(g.pick(titles), g.pick(subjects)), Author: author,
		CreatedAt: opened, PullRequest: isPR}
	ev := func(kind snapshot.EventKind, label, actor string, at time.Time) bool {
		if !at.Before(g.opts.FetchedAt) {
			return false
		}
		r.Events = append(r.Events, snapshot.Event{Issue: number, Kind: kind, Label: label, Actor: actor, ActorBot: snapshot.IsBot(actor, false), CreatedAt: at})
		return true
	}
	comment := func(who, assoc string, at time.Time) bool {
		if !at.Before(g.opts.FetchedAt) {
			return false
		}
		r.Comments = append(r.Comments, snapshot.Comment{Issue: number, Author: who, AuthorBot: snapshot.IsBot(who, false), Association: assoc, CreatedAt: at})
		return true
	}
	current := map[string]bool{}
	for _, l := range labels {
		ev(snapshot.Labeled, l, author, opened)
		current[l] = true
	}
	// Bots and the author often comment first; they never count.
	if g.rng.Float64() < 0.4 {
		comment(g.pick(bots), "NONE", opened.Add(time.Duration(1+g.rng.IntN(5))*time.Minute))
	}
	if g.rng.Float64() < 0.3 {
		comment(author, "CONTRIBUTOR", opened.Add(time.Duration(10+g.rng.IntN(50))*time.Minute))
	}
	if g.rng.Float64() < 0.1 {
		comment(g.pick(outsiders), "CONTRIBUTOR", cal.Add(opened, g.lognormal(p.responseMedian/2, 0.5)))
	}
	if unanswered {
		is.Labels = labels
		r.Issues = append(r.Issues, is)
		return
	}
	responder := g.pick(provider)
	respondMedian, workMedian := p.responseMedian, p.resolutionMedian
	if slices.Contains(labels, "P1") {
		// P1s go to the on-call, around the clock.
		cal = calendar.AlwaysOpen()
		respondMedian, workMedian = 0.5, 10
	}
	respondedAt := cal.Add(opened, g.lognormal(respondMedian, p.spread)+p.away.delay(opened)).Truncate(time.Second)
	comment(responder, "MEMBER", respondedAt)
	// Work, with periods waiting on the customer.
	t := respondedAt
	work := g.lognormal(workMedian, p.spread)
	if g.rng.Float64() < p.waitingShare {
		t = cal.Add(t, work/3)
		if ev(snapshot.Labeled, "waiting-on-customer", responder, t) {
			current["waiting-on-customer"] = true
			reply := cal.Add(t, g.lognormal(p.replyMedian, p.spread))
			if comment(author, "CONTRIBUTOR", reply) && ev(snapshot.Unlabeled, "waiting-on-customer", responder, reply.Add(5*time.Minute)) {
				delete(current, "waiting-on-customer")
				t = reply.Add(5 * time.Minute)
			} else {
				t = g.opts.FetchedAt
			}
		}
		work = work * 2 / 3
	}
	closedAt := cal.Add(t, work).Truncate(time.Second)
	if closedAt.Before(g.opts.FetchedAt) && t.Before(g.opts.FetchedAt) {
		ev(snapshot.Closed, "", responder, closedAt)
		is.ClosedAt, is.StateReason = closedAt, "completed"
		// Some come back.
		if g.rng.Float64() < 0.06 {
			reopened := cal.Add(closedAt, g.lognormal(6, 0.5))
			if ev(snapshot.Reopened, "", author, reopened) {
				is.ClosedAt, is.StateReason = time.Time{}, "reopened"
				again := cal.Add(reopened, g.lognormal(p.resolutionMedian/4, p.spread))
				if ev(snapshot.Closed, "", responder, again) {
					is.ClosedAt, is.StateReason = again, "completed"
				}
			}
		}
	}
	for l := range current {
		is.Labels = append(is.Labels, l)
	}
	slices.Sort(is.Labels)
	r.Issues = append(r.Issues, is)
}
