// Package kudos finds what deserves recognition (SPEC §7.3): the
// objectives kept week after week (streaks), those whose attainment rose
// most (most improved), and the ❤️ and 🎉 consumers gave the provider's
// people on their comments (thanks). Pure: it reads an evaluated report
// with its weekly trend and the issue data, and returns data, which report
// writes.
package kudos

import (
	"cmp"
	"slices"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/snapshot"
)

// By says whom thanks are counted for.
type By string

// The ways to count thanks: per provider team (the default: leads choose
// whether individual recognition fits their culture), or per person.
const (
	ByTeam   By = "team"
	ByPerson By = "person"
)

// Kudos is everything recognised as of one instant.
type Kudos struct {
	At time.Time
	// Weeks is how far back the report looked: its trend has Weeks+1
	// weekly points, the first at From.
	Weeks int
	From  time.Time
	By    By
	// Streaks are the objectives met now and at each weekly point before,
	// MinStreak points or more in a row, the longest first.
	Streaks []Streak
	// Improved are the objectives whose attainment rose by ImprovedPPM or
	// more since From, the largest rise first.
	Improved []Improvement
	// Thanks are per provider team, or per person, the most thanked first.
	Thanks []Thanks
	// Titles are the teams' titles, or their names where they have none,
	// for words about them.
	Titles map[agreement.Name]string
	// Missing names what could not be read (repositories, members of
	// teams): the objectives resting on it are left out of streaks and
	// most improved, whose figures would lack it, and thanks in it are not
	// counted.
	Missing []string
}

// Input is what Find reads besides the evaluated report.
type Input struct {
	// Set holds the agreements, whose calendars place their windows.
	Set *agreement.Set
	// Teams are the teams' members (compliance.ResolveTeams).
	Teams    compliance.Teams
	Snapshot *snapshot.Snapshot
	By       By
}

// Find recognises, as of the report's instant, the streaks and
// improvements of its objectives (from their trends: EvaluateTrend with
// the weeks to look back plus one points) and the thanks given in the
// agreements they belong to.
func Find(rep *compliance.Report, in Input) (*Kudos, error) {
	k := &Kudos{At: rep.At, From: rep.At, By: in.By, Titles: map[agreement.Name]string{}}
	for _, t := range in.Set.Teams {
		k.Titles[t.Metadata.Name] = cmp.Or(t.Metadata.Title, string(t.Metadata.Name))
	}
	if k.By == "" {
		k.By = ByTeam
	}
	var agreements []*agreement.Agreement
	for _, r := range rep.Results {
		if n := len(r.Trend); n > 0 {
			k.Weeks, k.From = n-1, r.Trend[0].At
		}
		for _, m := range r.Missing {
			if !slices.Contains(k.Missing, m) {
				k.Missing = append(k.Missing, m)
			}
		}
		if !slices.Contains(agreements, r.Objective.Agreement) {
			agreements = append(agreements, r.Objective.Agreement)
		}
	}
	k.Streaks = Streaks(rep)
	k.Improved = MostImproved(rep)
	calendars, err := in.Set.BuildCalendars()
	if err != nil {
		return nil, err
	}
	parties, err := newParties(agreements, calendars, in.Teams)
	if err != nil {
		return nil, err
	}
	k.Thanks = countThanks(parties, in.Snapshot, rep.At, k.By)
	return k, nil
}

// Keepers are the teams whose promise an objective is, and For those it
// is made to: the provider and the consumers, or for an objective the
// consumers own, the other way round.
func Keepers(o *compliance.Objective) (keepers, forTeams []agreement.Name) {
	spec := &o.Agreement.Spec
	if o.Def.Owner == agreement.OwnerConsumers {
		return spec.Consumers, []agreement.Name{spec.Provider}
	}
	return []agreement.Name{spec.Provider}, spec.Consumers
}
