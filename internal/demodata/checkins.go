package demodata

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/checkin"
	"github.com/sla-dev/sla/internal/checkinmark"
	"github.com/sla-dev/sla/internal/snapshot"
)

// checkinApproval is how likely a rater of each side's promises is to
// give a 👍, this period and the period before: the provider's promises
// are rated a little better than before, the consumers' a little worse.
var checkinApproval = map[string][2]float64{
	checkinmark.SideProvider:  {0.55, 0.75},
	checkinmark.SideConsumers: {0.8, 0.65},
}

// checkins adds, for each agreement with spec.checkin, the check-ins of
// the period containing the fetch and of the one before, with votes from
// the sides asked. They draw on a random source of their own, so that the
// issue data is the same with or without them. The previous period asked
// one provider promise in other words, which results show as new.
func (g *generator) checkins(set *agreement.Set, calendars agreement.Calendars) error {
	rng := rand.New(rand.NewPCG(g.opts.Seed, 0xc4ec1a))
	number := 0
	for _, a := range set.Agreements {
		if !a.Spec.Checkin.Set() {
			continue
		}
		zone, err := calendars.Named(a.Spec.CalendarName())
		if err != nil {
			return err
		}
		current := checkin.PeriodAt(a.Spec.Checkin.Every, zone, g.opts.FetchedAt)
		for i, period := range []checkin.Period{current.Previous(zone), current} {
			number++
			opened := period.Start.Add(9 * time.Hour)
			repo := string(a.Spec.Checkin.Repo)
			c := snapshot.Checkin{Repo: repo, Number: number, URL: fmt.Sprintf("https://github.com/%s/issues/%d", repo, number),
				Agreement: string(a.Metadata.Name), Period: period.Name(), CreatedAt: opened}
			sides := []struct {
				side   string
				list   []agreement.Expectation
				raters []string
			}{
				{checkinmark.SideProvider, a.Spec.Expectations.Provider, g.teamMembers(a.Spec.Consumers...)},
				{checkinmark.SideConsumers, a.Spec.Expectations.Consumers, g.teamMembers(a.Spec.Provider)},
			}
			id := int64(9_000_000 + 100*number)
			for _, s := range sides {
				for n, x := range s.list {
					id++
					text := x.Text
					if i == 0 && s.side == checkinmark.SideProvider && n == len(s.list)-1 {
						text = "Post a status update on open requests when something changes."
					}
					cm := snapshot.CheckinComment{ID: id, Side: s.side, N: n + 1, Text: text, Reactions: snapshot.Rollup{}}
					// Votes come in the first three weeks; none after the fetch.
					end := opened.Add(21 * 24 * time.Hour)
					if end.After(g.opts.FetchedAt) {
						end = g.opts.FetchedAt
					}
					for r, login := range s.raters {
						if rng.Float64() < 0.4 {
							continue // did not vote
						}
						content := "-1"
						if rng.Float64() < checkinApproval[s.side][i] {
							content = "+1"
						}
						at := opened.Add(time.Duration(rng.Int64N(int64(end.Sub(opened)))) + time.Minute).Truncate(time.Second)
						cm.Votes = append(cm.Votes, snapshot.Reaction{ID: id*100 + int64(r), Issue: number, Comment: id,
							Login: login, Content: content, CreatedAt: at})
						cm.Reactions[content]++
						if r == 0 && n == 0 {
							// The first rater of the first promise changes their mind, and leaves both: no vote.
							other := map[string]string{"+1": "-1", "-1": "+1"}[content]
							cm.Votes = append(cm.Votes, snapshot.Reaction{ID: id*100 + 99, Issue: number, Comment: id,
								Login: login, Content: other, CreatedAt: at.Add(time.Hour)})
							cm.Reactions[other]++
						}
					}
					c.Expectations = append(c.Expectations, cm)
				}
			}
			g.snap.Checkins = append(g.snap.Checkins, c)
		}
	}
	return nil
}

// teamMembers are the logins of the teams, in order.
func (g *generator) teamMembers(teams ...agreement.Name) []string {
	var out []string
	for _, t := range teams {
		out = append(out, g.members[t]...)
	}
	return out
}
