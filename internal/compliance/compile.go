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
	// Period bounds the clocks that count: the agreement's window, in the
	// time zone of the agreement's calendar, and its effective_from.
	Period agreement.Period
	Filter Filter
	// Consumers are the agreement's consumer teams with their members, for
	// breakdowns by consumer.
	Consumers []Team
	// Unread names what the figures rest on but could not be read (the
	// members of a github_team): the results are incomplete (MarkUnread).
	Unread []string
	// Unmeasured: no clock can be judged fairly, for want of any known
	// responder; the results show no data.
	Unmeasured bool
	// RatedBy, MinRatings and Raters are a satisfaction objective's: whose
	// 👍 and 👎 count, how many ratings it needs, and, rated by consumers,
	// the consumer teams' members (lowercase).
	RatedBy    agreement.RatedBy
	MinRatings int
	Raters     map[string]bool
	// measure makes the objective's clocks: clock.MeasureOf its Spec.
	measure clock.Measure
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

// Compile resolves every objective of a valid set of agreements. A
// calendar it cannot find, or a metric or responders clock does not know,
// is an error.
func Compile(set *agreement.Set, teams Teams) ([]*Objective, error) {
	calendars, err := set.BuildCalendars()
	if err != nil {
		return nil, err
	}
	var out []*Objective
	for _, a := range set.Agreements {
		period, err := calendars.Period(a)
		if err != nil {
			return nil, err
		}
		for i := range a.Spec.Objectives {
			def := &a.Spec.Objectives[i]
			o := &Objective{Agreement: a, Def: def, Within: def.Within.D, TargetPPM: def.Target.PPM, Period: period,
				Filter: newFilter(a, def, teams)}
			cal, err := calendars.Named(a.Spec.ObjectiveCalendar(def))
			if err != nil {
				return nil, fmt.Errorf("objective %s: %w", o.Name(), err)
			}
			o.Spec = clock.Spec{
				Metric: def.Metric, Calendar: cal, PauseLabels: def.PauseLabels, Label: def.Label,
				Responders: clock.Responders{Mode: def.Responders, Members: teams[a.Spec.Provider]},
			}
			for _, c := range a.Spec.Consumers {
				o.Consumers = append(o.Consumers, Team{Name: c, Members: teams[c]})
			}
			if def.Metric == agreement.MetricSatisfaction {
				o.measure, o.RatedBy, o.MinRatings = lastClose, def.RatedBy, max(def.MinRatings, 1)
				o.Raters = consumerMembers(a, teams)
			} else if o.measure, err = clock.MeasureOf(&o.Spec); err != nil {
				return nil, fmt.Errorf("objective %s: %w", o.Name(), err)
			}
			out = append(out, o)
		}
	}
	return out, nil
}

// ScopeFilter selects the requests the agreement covers: its scope alone,
// without any objective's where.
func ScopeFilter(a *agreement.Agreement, teams Teams) Filter {
	return newFilter(a, &agreement.Objective{}, teams)
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
		f.Authors = consumerMembers(a, teams)
	}
	return f
}

// consumerMembers are the logins (lowercase) of the members of the
// agreement's consumer teams.
func consumerMembers(a *agreement.Agreement, teams Teams) map[string]bool {
	out := map[string]bool{}
	for _, c := range a.Spec.Consumers {
		for l := range teams[c] {
			out[l] = true
		}
	}
	return out
}

// MarkUnread marks the objectives whose figures rest on the members of a
// team that could not be read in full (unread maps a team to what is
// missing, such as "members of acme/platform"): the provider team of a
// first response answered by the provider, the consumer teams of a scope
// limited to consumers' issues or of ratings by the consumers. Their results are incomplete. A first
// response objective whose provider has no member known at all is not
// measured: every clock would breach for want of a responder.
func MarkUnread(objectives []*Objective, unread map[agreement.Name]string) {
	for _, o := range objectives {
		spec := &o.Agreement.Spec
		if m, ok := unread[spec.Provider]; ok && o.Spec.Metric == agreement.MetricFirstResponse &&
			o.Spec.Responders.Mode == agreement.RespondersProvider {
			o.Unread = append(o.Unread, m)
			o.Unmeasured = len(o.Spec.Responders.Members) == 0
		}
		if spec.Scope.Authors == agreement.AuthorsConsumers || o.RatedBy == agreement.RatedByConsumers {
			for _, c := range spec.Consumers {
				if m, ok := unread[c]; ok && !slices.Contains(o.Unread, m) {
					o.Unread = append(o.Unread, m)
				}
			}
		}
	}
}
