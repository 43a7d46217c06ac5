package checkin

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/checkinmark"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Ask is one question of a check-in: was this expectation kept?
type Ask struct {
	Side string // whose promise it is: checkinmark.SideProvider or SideConsumers
	N    int    // its place among the side's expectations, from 1
	Text string
	// Raters are the teams asked to rate it: the consumers for the
	// provider's promises, the provider for the consumers'.
	Raters []*agreement.Team
}

// Marker is the hidden marker of the comment that asks it.
func (a Ask) Marker() string { return checkinmark.Expectation(a.Side, a.N, a.Text) }

// Plan is what `sla checkin open` does for one agreement in one period:
// open the issue unless it exists, and add the comments it lacks.
type Plan struct {
	Agreement *agreement.Agreement
	Repo      string
	Period    Period
	Title     string
	// Issue is the check-in issue found, with the expectations' comments
	// it has; nil when it is to be opened.
	Issue *snapshot.Checkin
	// Asks are all the agreement's expectations; Missing, those whose
	// comment the issue lacks (all of them for an issue to be opened).
	Asks, Missing []Ask
}

// Marker is the hidden marker of the check-in issue.
func (p *Plan) Marker() string {
	return checkinmark.Issue(string(p.Agreement.Metadata.Name), p.Period.Name())
}

// Title is a check-in issue's title: "Check-in: Requests to Platform —
// 2026-Q4", with the agreement's name where it has no title.
func Title(a *agreement.Agreement, p Period) string {
	return fmt.Sprintf("Check-in: %s — %s", cmp.Or(a.Metadata.Title, string(a.Metadata.Name)), p.Name())
}

// Asks lists an agreement's expectations as questions, the provider's
// first, with the teams asked to rate each (teams maps names to Teams).
func Asks(a *agreement.Agreement, teams map[agreement.Name]*agreement.Team) []Ask {
	var consumers []*agreement.Team
	for _, c := range a.Spec.Consumers {
		consumers = append(consumers, teams[c])
	}
	provider := []*agreement.Team{teams[a.Spec.Provider]}
	var out []Ask
	for i, x := range a.Spec.Expectations.Provider {
		out = append(out, Ask{Side: checkinmark.SideProvider, N: i + 1, Text: x.Text, Raters: consumers})
	}
	for i, x := range a.Spec.Expectations.Consumers {
		out = append(out, Ask{Side: checkinmark.SideConsumers, N: i + 1, Text: x.Text, Raters: provider})
	}
	return out
}

// NewPlan decides what to do for an agreement with a check-in in a
// period, given the check-in issue found for it (nil when none was) with
// its expectations' comments. A comment counts as there when one with its
// marker (side and place) is, whatever its text says now: a run after a
// failure adds only what is missing.
func NewPlan(a *agreement.Agreement, period Period, teams map[agreement.Name]*agreement.Team, found *snapshot.Checkin) Plan {
	p := Plan{Agreement: a, Repo: string(a.Spec.Checkin.Repo), Period: period, Title: Title(a, period), Issue: found,
		Asks: Asks(a, teams)}
	for _, ask := range p.Asks {
		if found == nil || !slices.ContainsFunc(found.Expectations, func(c snapshot.CheckinComment) bool {
			return c.Side == ask.Side && c.N == ask.N
		}) {
			p.Missing = append(p.Missing, ask)
		}
	}
	return p
}

// Find returns the check-in issue of an agreement for a period among
// those read (the first opened, if a race opened two), or nil.
func Find(checkins []snapshot.Checkin, agreementName agreement.Name, period Period) *snapshot.Checkin {
	var out *snapshot.Checkin
	for i := range checkins {
		c := &checkins[i]
		if c.Agreement == string(agreementName) && c.Period == period.Name() && (out == nil || c.Number < out.Number) {
			out = c
		}
	}
	return out
}
