// Package due lists the clocks that need an answer soon: the pending clocks
// of a compliance report that are close to their objective's `within`, and
// the breached ones still running, in the order they fall (or fell) due,
// each with the team that owns it. It also plans the labels that mark those
// issues on GitHub. Pure: no I/O and no time.Now; it returns data, which
// report writes (WriteDueTable, WriteDueMarkdown, WriteDueJSON).
package due

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
)

// Options select the clocks to list.
type Options struct {
	// Within lists the pending clocks with at most this much business time
	// left; zero means half of each objective's within (the clocks that
	// `sla check` counts as at risk).
	Within time.Duration
	// Team, when set, keeps only the clocks that team owns (see Owners).
	Team string
}

// Item is one clock that is due or overdue.
type Item struct {
	Objective *compliance.Objective
	compliance.ClockResult
	// Owners are the teams expected to act: the provider, or for an
	// objective owned by the consumers, the consumer teams of the issue's
	// author (see Owners).
	Owners []string
	// Remaining is the business time left before the clock breaches:
	// within minus elapsed, negative once it has (then its magnitude is how
	// far overdue the clock is, in business time).
	Remaining time.Duration
}

// Overdue reports whether the clock has breached already.
func (it *Item) Overdue() bool { return it.Outcome == compliance.Breached }

// Location is the time zone of the objective's calendar, in which its due
// time is shown.
func (it *Item) Location() *time.Location { return it.Objective.Spec.Calendar.Location() }

// List returns the report's clocks that are due: pending, not paused, with
// at most the threshold of business time left; and breached but still
// running (paused or not: the breach stands and the issue is still open).
// The clocks that can still be met come first, soonest due first: what an
// answer now can still save. The overdue follow, the longest overdue
// (the earliest due) first. Ties go by agreement, objective, repository
// and issue. A paused pending clock is left out: it cannot come due while
// the pause holds.
func List(rep *compliance.Report, opts Options) []Item {
	var out []Item
	for _, r := range rep.Results {
		o := r.Objective
		threshold := opts.Within
		if threshold <= 0 {
			threshold = o.Within / 2
		}
		for _, c := range r.Clocks {
			if !c.Clock.Running() || c.DueAt.IsZero() {
				continue
			}
			remaining := o.Within - c.Clock.Elapsed
			if c.Outcome == compliance.Pending && (c.Clock.Paused || remaining > threshold) {
				continue
			}
			owners := Owners(o, c.Issue.Author)
			if opts.Team != "" && !slices.Contains(owners, opts.Team) {
				continue
			}
			out = append(out, Item{Objective: o, ClockResult: c, Owners: owners, Remaining: remaining})
		}
	}
	slices.SortStableFunc(out, func(a, b Item) int {
		return cmp.Or(compareBool(a.Overdue(), b.Overdue()), a.DueAt.Compare(b.DueAt),
			cmp.Compare(a.Objective.Agreement.Metadata.Name, b.Objective.Agreement.Metadata.Name),
			cmp.Compare(a.Objective.Def.Name, b.Objective.Def.Name),
			cmp.Compare(a.Repo.Name, b.Repo.Name),
			cmp.Compare(a.Issue.Number, b.Issue.Number),
			a.Clock.Start.Compare(b.Clock.Start))
	})
	return out
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Owners are the teams that own an objective's clock on an issue by
// author: the provider for an objective the provider owns. For one the
// consumers own, the only consumer if there is one; else the consumer
// teams the author belongs to (each of them, when several), and every
// consumer team when the author belongs to none — nobody else can answer,
// so the clock is shown to all of them rather than to none.
func Owners(o *compliance.Objective, author string) []string {
	if o.Def.Owner != agreement.OwnerConsumers {
		return []string{string(o.Agreement.Spec.Provider)}
	}
	var all, mine []string
	login := strings.ToLower(author)
	for _, c := range o.Consumers {
		all = append(all, string(c.Name))
		if c.Members[login] {
			mine = append(mine, string(c.Name))
		}
	}
	if len(mine) == 0 {
		return all
	}
	return mine
}

// Summary counts the items.
type Summary struct {
	Overdue, Due int
}

// Summarize counts the overdue items and the others.
func Summarize(items []Item) Summary {
	var s Summary
	for i := range items {
		if items[i].Overdue() {
			s.Overdue++
		} else {
			s.Due++
		}
	}
	return s
}

// Split parts a list in the order List sorts it: the clocks that can
// still be met, then the overdue ones.
func Split(items []Item) (dueSoon, overdue []Item) {
	i := slices.IndexFunc(items, func(it Item) bool { return it.Overdue() })
	if i < 0 {
		return items, nil
	}
	return items[:i], items[i:]
}
