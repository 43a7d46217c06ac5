// Package oracle is a second, deliberately simple reading of SPEC §3, for
// tests only: it measures agreements against issue histories without the
// code `sla check` measures them with — it imports neither internal/clock
// nor internal/compliance, and calls nothing of internal/calendar, whose
// types only come with internal/agreement's model — so that a test can
// compare the two on random histories (Generate) and a disagreement
// points at a rule one of them gets wrong. It replays each issue's events
// one by one and counts business time minute by minute; it is slow, and it
// reads only complete histories (it has no fallbacks for missing events).
package oracle

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Figures are one objective measured at an instant.
type Figures struct {
	Agreement, Objective           string
	WindowStart                    time.Time
	Met, Breached, Pending, AtRisk int
	BudgetRemaining                int
	Status                         string
	P50, P90                       time.Duration
	// Clocks are the clocks counted, by repository, issue and start.
	Clocks []Clock
}

// Name is "agreement/objective".
func (f *Figures) Name() string { return f.Agreement + "/" + f.Objective }

// Clock is one counted clock, judged.
type Clock struct {
	Repo    string
	Issue   int
	Start   time.Time
	Elapsed time.Duration
	Outcome string // met, breached or pending
	AtRisk  bool
}

// Evaluate measures every objective of the agreements at the instant.
// github_team members come from the snapshot's Teams.
func Evaluate(set *agreement.Set, snap *snapshot.Snapshot, at time.Time) []Figures {
	calendars := map[agreement.Name]*hours{agreement.AlwaysOpen: alwaysOpen()}
	for _, c := range set.Calendars {
		calendars[c.Metadata.Name] = hoursOf(c)
	}
	members := map[agreement.Name]map[string]bool{}
	for _, t := range set.Teams {
		m := map[string]bool{}
		for _, l := range t.Spec.Members {
			m[strings.ToLower(string(l))] = true
		}
		for _, l := range snap.Teams[strings.ToLower(string(t.Spec.GitHubTeam))] {
			m[strings.ToLower(l)] = true
		}
		members[t.Metadata.Name] = m
	}
	repos := histories(snap, at)
	var out []Figures
	for _, a := range set.Agreements {
		zone := calendars[cmp.Or(a.Spec.Calendar, agreement.AlwaysOpen)]
		from := windowStart(a.Spec.Window, zone.loc, at)
		if a.Spec.EffectiveFrom.Set {
			d := a.Spec.EffectiveFrom.Date
			from = maxTime(from, time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, zone.loc))
		}
		for i := range a.Spec.Objectives {
			o := &a.Spec.Objectives[i]
			m := measure{o: o, at: at, cal: calendars[cmp.Or(o.Calendar, a.Spec.Calendar, agreement.AlwaysOpen)],
				provider: members[a.Spec.Provider]}
			f := Figures{Agreement: string(a.Metadata.Name), Objective: string(o.Name), WindowStart: windowStart(a.Spec.Window, zone.loc, at)}
			for _, r := range repos {
				if !slices.ContainsFunc(a.Spec.Scope.Repos, func(s agreement.Repo) bool { return strings.EqualFold(string(s), r.name) }) {
					continue
				}
				for _, h := range r.issues {
					if h.issue.CreatedAt.After(at) || !inScope(a, o, h.issue, members, h.steps) {
						continue
					}
					for _, c := range m.clocks(r.name, h) {
						if !c.Start.Before(from) && c.Start.Before(at) {
							f.Clocks = append(f.Clocks, c)
						}
					}
				}
			}
			f.finish(o)
			out = append(out, f)
		}
	}
	return out
}

// windowStart: a rolling window reaches back its length from at; a month
// or quarter starts on its first day at 00:00 in the zone.
func windowStart(w agreement.Window, loc *time.Location, at time.Time) time.Time {
	local := at.In(loc)
	switch w.Period {
	case agreement.PeriodMonth:
		return time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, loc)
	case agreement.PeriodQuarter:
		q := (local.Month()-1)/3*3 + 1
		return time.Date(local.Year(), q, 1, 0, 0, 0, 0, loc)
	}
	return at.Add(-w.D)
}

// step is the issue's state after one event (or its opening).
type step struct {
	at     time.Time
	event  *snapshot.Event // nil for the opening
	open   bool
	labels map[string]bool // lowercase
}

// history is one issue with its events and comments, and its states up
// to the instant.
type history struct {
	issue    *snapshot.Issue
	events   []*snapshot.Event // in the order of time, then id
	comments []*snapshot.Comment
	steps    []step
}

type repoHistories struct {
	name   string
	issues []history
}

func histories(snap *snapshot.Snapshot, at time.Time) []repoHistories {
	var out []repoHistories
	for _, r := range snap.Repos {
		byNumber := map[int]*history{}
		rh := repoHistories{name: r.Name, issues: make([]history, len(r.Issues))}
		for i := range r.Issues {
			rh.issues[i].issue = &r.Issues[i]
			byNumber[r.Issues[i].Number] = &rh.issues[i]
		}
		for i := range r.Events {
			if h := byNumber[r.Events[i].Issue]; h != nil {
				h.events = append(h.events, &r.Events[i])
			}
		}
		for i := range r.Comments {
			if h := byNumber[r.Comments[i].Issue]; h != nil {
				h.comments = append(h.comments, &r.Comments[i])
			}
		}
		for i := range rh.issues {
			h := &rh.issues[i]
			slices.SortStableFunc(h.events, func(a, b *snapshot.Event) int {
				return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
			})
			h.steps = replay(h, at)
		}
		out = append(out, rh)
	}
	return out
}

// replay applies the issue's events up to at one by one, in the order of
// time and then id.
func replay(h *history, at time.Time) []step {
	steps := []step{{at: h.issue.CreatedAt, open: true, labels: map[string]bool{}}}
	for _, e := range h.events {
		if e.CreatedAt.After(at) {
			break
		}
		s := steps[len(steps)-1]
		s.at, s.event, s.labels = e.CreatedAt, e, cloneSet(s.labels)
		switch e.Kind {
		case snapshot.Labeled:
			s.labels[strings.ToLower(e.Label)] = true
		case snapshot.Unlabeled:
			delete(s.labels, strings.ToLower(e.Label))
		case snapshot.Closed:
			s.open = false
		case snapshot.Reopened:
			s.open = true
		}
		steps = append(steps, s)
	}
	return steps
}

func cloneSet(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// inScope judges the issue on its labels at the instant: the last step.
func inScope(a *agreement.Agreement, o *agreement.Objective, is *snapshot.Issue, members map[agreement.Name]map[string]bool, steps []step) bool {
	s := &a.Spec.Scope
	if is.PullRequest && !s.IncludePullRequests {
		return false
	}
	if s.Authors == agreement.AuthorsConsumers && !slices.ContainsFunc(a.Spec.Consumers, func(c agreement.Name) bool {
		return members[c][strings.ToLower(is.Author)]
	}) {
		return false
	}
	has := func(l string) bool { return steps[len(steps)-1].labels[strings.ToLower(l)] }
	for _, l := range slices.Concat(s.Labels, o.Where.Labels) {
		if !has(l) {
			return false
		}
	}
	for _, l := range slices.Concat(s.ExcludeLabels, o.Where.ExcludeLabels) {
		if has(l) {
			return false
		}
	}
	for _, any := range [][]string{s.AnyLabels, o.Where.AnyLabels} {
		if len(any) > 0 && !slices.ContainsFunc(any, has) {
			return false
		}
	}
	return true
}

// measure makes one objective's clocks.
type measure struct {
	o        *agreement.Objective
	at       time.Time
	cal      *hours
	provider map[string]bool
}

func (m *measure) clocks(repo string, h history) []Clock {
	is, steps := h.issue, h.steps
	var out []Clock
	add := func(start, stop time.Time, elapsed time.Duration) {
		c := Clock{Repo: repo, Issue: is.Number, Start: start, Elapsed: elapsed}
		within := m.o.Within.D
		switch {
		case elapsed > within:
			c.Outcome = "breached"
		case stop.IsZero():
			c.Outcome, c.AtRisk = "pending", 2*elapsed >= within
		default:
			c.Outcome = "met"
		}
		out = append(out, c)
	}
	switch m.o.Metric {
	case agreement.MetricResolution:
		var stop time.Time // the last close, if the issue is closed at the instant
		if !steps[len(steps)-1].open {
			for _, s := range steps {
				if s.event != nil && s.event.Kind == snapshot.Closed {
					stop = s.at
				}
			}
		}
		add(is.CreatedAt, stop, m.counted(steps, m.at))
	case agreement.MetricFirstResponse:
		stop, ok := m.firstResponse(h, steps)
		switch {
		case ok:
			add(is.CreatedAt, stop, m.counted(steps, stop))
		case steps[len(steps)-1].open:
			add(is.CreatedAt, time.Time{}, m.counted(steps, m.at))
		}
	case agreement.MetricLabelTime:
		label := strings.ToLower(m.o.Label)
		var start time.Time
		on := false
		for _, s := range steps {
			now := s.open && s.labels[label]
			switch {
			case now && !on:
				start = s.at
			case !now && on:
				add(start, s.at, m.cal.between(start, s.at))
			}
			on = now
		}
		if on {
			add(start, time.Time{}, m.cal.between(start, m.at))
		}
	}
	return out
}

// counted is the business time the issue was open and not paused from its
// opening to end.
func (m *measure) counted(steps []step, end time.Time) time.Duration {
	var d time.Duration
	for i, s := range steps {
		next := m.at
		if i+1 < len(steps) {
			next = steps[i+1].at
		}
		next = minTime(next, end)
		if s.open && !slices.ContainsFunc(m.o.PauseLabels, func(l string) bool { return s.labels[strings.ToLower(l)] }) {
			d += m.cal.between(s.at, next)
		}
	}
	return d
}

// firstResponse finds the first response: a responder's comment made while
// the issue was open — in its second, after an opening or a reopening and
// before a close — or a close by a responder.
func (m *measure) firstResponse(h history, steps []step) (time.Time, bool) {
	is := h.issue
	var first time.Time
	found := false
	consider := func(t time.Time) {
		if !found || t.Before(first) {
			first, found = t, true
		}
	}
	for _, c := range h.comments {
		if c.CreatedAt.After(m.at) || !m.responder(c.Author, c.AuthorBot, is, c.Association, false) {
			continue
		}
		if openDuring(steps, c.CreatedAt) {
			consider(c.CreatedAt)
		}
	}
	for _, s := range steps {
		if e := s.event; e != nil && e.Kind == snapshot.Closed && m.responder(e.Actor, e.ActorBot, is, "", true) {
			consider(e.CreatedAt)
		}
	}
	return first, found
}

// openDuring reports whether the issue was open at some moment of the
// second t: before the first event of that second, or after one of them.
func openDuring(steps []step, t time.Time) bool {
	before := false
	for _, s := range steps {
		switch {
		case s.at.Before(t):
			before = s.open
		case s.at.Equal(t) && s.open:
			return true
		}
	}
	return before
}

// responder reports whether a comment, or a close, by the login answers
// for the objective. A close carries no association: under maintainers,
// any human's close counts.
func (m *measure) responder(login string, bot bool, is *snapshot.Issue, association string, isClose bool) bool {
	if login == "" || bot || strings.HasSuffix(strings.ToLower(login), "[bot]") || strings.EqualFold(login, is.Author) {
		return false
	}
	switch cmp.Or(m.o.Responders, agreement.RespondersProvider) {
	case agreement.RespondersAnyone:
		return true
	case agreement.RespondersMaintainers:
		return isClose || association == "OWNER" || association == "MEMBER" || association == "COLLABORATOR"
	}
	return m.provider[strings.ToLower(login)]
}

// finish counts the clocks and works out the objective's figures.
func (f *Figures) finish(o *agreement.Objective) {
	slices.SortFunc(f.Clocks, func(a, b Clock) int {
		return cmp.Or(cmp.Compare(a.Repo, b.Repo), cmp.Compare(a.Issue, b.Issue), a.Start.Compare(b.Start))
	})
	var samples []time.Duration
	for _, c := range f.Clocks {
		switch c.Outcome {
		case "met":
			f.Met++
		case "breached":
			f.Breached++
		default:
			f.Pending++
			if c.AtRisk {
				f.AtRisk++
			}
		}
		if c.Outcome != "pending" {
			samples = append(samples, c.Elapsed)
		}
	}
	const million = 1_000_000
	ppm := o.Target.PPM
	f.BudgetRemaining = int((million-ppm)*int64(f.Met+f.Breached+f.Pending)/million) - f.Breached
	n := len(samples)
	switch {
	case n > 0 && int64(f.Met)*million < ppm*int64(n):
		f.Status = "breached"
	case f.AtRisk > f.BudgetRemaining:
		f.Status = "at_risk"
	case n == 0:
		f.Status = "no_data"
	default:
		f.Status = "met"
	}
	slices.Sort(samples)
	rank := func(p int) time.Duration { // nearest rank: ⌈p/100 × n⌉
		if n == 0 {
			return 0
		}
		return samples[max((p*n+99)/100, 1)-1]
	}
	f.P50, f.P90 = rank(50), rank(90)
}
