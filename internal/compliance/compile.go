// Package compliance evaluates clocks against objectives (SPEC §3): which
// clocks belong to each objective's window and scope, their outcomes, and
// the objective's attainment, budget and status, exactly. Pure: no I/O and
// no time.Now.
package compliance

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/clock"
)

// Objective is an objective of an agreement, resolved: its calendar built,
// its teams' members known, its scope merged with its `where`.
type Objective struct {
	Agreement *agreement.Agreement
	Def       *agreement.Objective
	Spec      clock.Spec
	Within    time.Duration
	TargetPPM int64
	Window    agreement.Window
	// Zone is the agreement's calendar, whose time zone sets the bounds of
	// month and quarter windows and of effective_from: the same instants
	// for every objective of the agreement, whichever calendar each counts
	// business time under (a 24x7 objective of a Berlin agreement still
	// reports on the Berlin month).
	Zone *calendar.Calendar
	// EffectiveFrom is when clocks begin to count (zero: always).
	EffectiveFrom time.Time
	Filter        Filter
	// Consumers are the agreement's consumer teams with their members, for
	// breakdowns by consumer.
	Consumers []Team
	// Unread names what the figures rest on but could not be read (the
	// members of a github_team): the results are incomplete (MarkUnread).
	Unread []string
	// Unmeasured: no clock can be judged fairly, for want of any known
	// responder; the results show no data.
	Unmeasured bool
}

// Team is a team's name and its members' logins, lowercase.
type Team struct {
	Name    agreement.Name
	Members map[string]bool
}

// Name is "agreement/objective".
func (o *Objective) Name() string {
	return string(o.Agreement.Metadata.Name) + "/" + string(o.Def.Name)
}

// Filter selects the issues an objective measures (SPEC §3: judged on the
// labels the issue has at the evaluation instant).
type Filter struct {
	Repos               map[string]bool // lowercase owner/name
	Labels              []string        // all of these
	AnyLabels           [][]string      // at least one of each list
	ExcludeLabels       []string        // none of these
	IncludePullRequests bool
	// Authors, when set, are the logins (lowercase) whose issues count.
	Authors map[string]bool
}

// Teams resolves team names to member logins (lowercase).
type Teams map[agreement.Name]map[string]bool

// ResolveTeams gathers each team's members: those listed, and those of its
// github_team as fetched (githubTeams maps "org/slug" to logins).
func ResolveTeams(set *agreement.Set, githubTeams map[string][]string) Teams {
	out := Teams{}
	for _, t := range set.Teams {
		m := map[string]bool{}
		for _, l := range t.Spec.Members {
			m[strings.ToLower(string(l))] = true
		}
		if t.Spec.GitHubTeam != "" {
			for _, l := range githubTeams[strings.ToLower(string(t.Spec.GitHubTeam))] {
				m[strings.ToLower(l)] = true
			}
		}
		out[t.Metadata.Name] = m
	}
	return out
}

// Compile resolves every objective of a valid set of agreements.
func Compile(set *agreement.Set, teams Teams) ([]*Objective, error) {
	calendars := map[agreement.Name]*calendar.Calendar{agreement.AlwaysOpen: calendar.AlwaysOpen()}
	for _, c := range set.Calendars {
		cal, err := calendar.New(string(c.Metadata.Name), c.Spec.Timezone.Location, c.Spec.Hours.Week, holidays(c))
		if err != nil {
			return nil, fmt.Errorf("calendar %s: %w", c.Metadata.Name, err)
		}
		calendars[c.Metadata.Name] = cal
	}
	var out []*Objective
	for _, a := range set.Agreements {
		zoneName := a.Spec.Calendar
		if zoneName == "" {
			zoneName = agreement.AlwaysOpen
		}
		zone := calendars[zoneName]
		if zone == nil {
			return nil, fmt.Errorf("agreement %s: no calendar %q", a.Metadata.Name, zoneName)
		}
		for i := range a.Spec.Objectives {
			def := &a.Spec.Objectives[i]
			calName := def.Calendar
			if calName == "" {
				calName = zoneName
			}
			cal := calendars[calName]
			if cal == nil {
				return nil, fmt.Errorf("objective %s/%s: no calendar %q", a.Metadata.Name, def.Name, calName)
			}
			o := &Objective{
				Agreement: a, Def: def, Within: def.Within.D, TargetPPM: def.Target.PPM, Window: a.Spec.Window, Zone: zone,
				Spec: clock.Spec{
					Metric: def.Metric, Calendar: cal, PauseLabels: def.PauseLabels, Label: def.Label,
					Responders: clock.Responders{Mode: def.Responders, Members: teams[a.Spec.Provider]},
				},
				Filter: newFilter(a, def, teams),
			}
			for _, c := range a.Spec.Consumers {
				o.Consumers = append(o.Consumers, Team{Name: c, Members: teams[c]})
			}
			if a.Spec.EffectiveFrom.Set {
				o.EffectiveFrom = zone.StartOf(a.Spec.EffectiveFrom.Date)
			}
			out = append(out, o)
		}
	}
	return out, nil
}

func holidays(c *agreement.Calendar) []calendar.Date {
	out := make([]calendar.Date, 0, len(c.Spec.Holidays))
	for _, h := range c.Spec.Holidays {
		out = append(out, h.Date)
	}
	return out
}

func newFilter(a *agreement.Agreement, o *agreement.Objective, teams Teams) Filter {
	s := &a.Spec.Scope
	f := Filter{Repos: map[string]bool{}, IncludePullRequests: s.IncludePullRequests}
	for _, r := range s.Repos {
		f.Repos[strings.ToLower(string(r))] = true
	}
	f.Labels = append(append(f.Labels, s.Labels...), o.Where.Labels...)
	f.ExcludeLabels = append(append(f.ExcludeLabels, s.ExcludeLabels...), o.Where.ExcludeLabels...)
	for _, any := range [][]string{s.AnyLabels, o.Where.AnyLabels} {
		if len(any) > 0 {
			f.AnyLabels = append(f.AnyLabels, any)
		}
	}
	if s.Authors == agreement.AuthorsConsumers {
		f.Authors = map[string]bool{}
		for _, c := range a.Spec.Consumers {
			for l := range teams[c] {
				f.Authors[l] = true
			}
		}
	}
	return f
}

// WindowStart returns when the objective's window begins for an evaluation
// at the instant: at minus a rolling window, or the start of the calendar
// month or quarter containing at, in the time zone of the agreement's
// calendar.
func (o *Objective) WindowStart(at time.Time) time.Time {
	return windowStart(o.Window, o.Zone, at)
}

func windowStart(w agreement.Window, cal *calendar.Calendar, at time.Time) time.Time {
	switch w.Period {
	case agreement.PeriodMonth, agreement.PeriodQuarter:
		d := cal.DateOf(at)
		d.Day = 1
		if w.Period == agreement.PeriodQuarter {
			d.Month -= (d.Month - 1) % 3
		}
		return cal.StartOf(d)
	}
	return at.Add(-w.D)
}

// MarkUnread marks the objectives whose figures rest on the members of a
// team that could not be read in full (unread maps a team to what is
// missing, such as "members of acme/platform"): the provider team of a
// first response answered by the provider, the consumer teams of a scope
// limited to consumers' issues. Their results are incomplete. A first
// response objective whose provider has no member known at all is not
// measured: every clock would breach for want of a responder.
func MarkUnread(objectives []*Objective, unread map[agreement.Name]string) {
	for _, o := range objectives {
		spec := &o.Agreement.Spec
		if m, ok := unread[spec.Provider]; ok && o.Spec.Metric == clock.FirstResponse &&
			o.Spec.Responders.Mode != agreement.RespondersMaintainers && o.Spec.Responders.Mode != agreement.RespondersAnyone {
			o.Unread = append(o.Unread, m)
			o.Unmeasured = len(o.Spec.Responders.Members) == 0
		}
		if spec.Scope.Authors == agreement.AuthorsConsumers {
			for _, c := range spec.Consumers {
				if m, ok := unread[c]; ok && !slices.Contains(o.Unread, m) {
					o.Unread = append(o.Unread, m)
				}
			}
		}
	}
}
