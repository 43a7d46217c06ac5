package compliance

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/clock"
	"github.com/sla-dev/sla/internal/snapshot"
)

// The rules of SPEC §3 that Evaluate, Explain and EvaluateTrend share, each
// written once: which issues are in scope, which clocks count in a
// window, a clock's verdict, and how judged clocks are counted.

// A rejection says why an issue is out of a filter's scope; the zero
// rejection says it is in scope.
type rejection struct {
	reason rejectReason
	label  string   // the label it lacks, or has and the scope excludes
	none   []string // the labels of which it has none
	author string   // its author, not a consumer
}

type rejectReason uint8

const (
	inScope rejectReason = iota
	pullRequest
	authorNotConsumer
	lacksLabel
	excludedLabel
	noneOfLabels
)

// reject checks the issue against the filter, with the labels for which
// hasLabel is true, and returns the first reason it fails, if any: the
// issue is in scope when there is no reason not to be.
func (f *Filter) reject(is *snapshot.Issue, hasLabel func(string) bool) rejection {
	if is.PullRequest && !f.IncludePullRequests {
		return rejection{reason: pullRequest}
	}
	if f.Authors != nil && !f.Authors[strings.ToLower(is.Author)] {
		return rejection{reason: authorNotConsumer, author: is.Author}
	}
	for _, l := range f.Labels {
		if !hasLabel(l) {
			return rejection{reason: lacksLabel, label: l}
		}
	}
	for _, l := range f.ExcludeLabels {
		if hasLabel(l) {
			return rejection{reason: excludedLabel, label: l}
		}
	}
	for _, any := range f.AnyLabels {
		if !slices.ContainsFunc(any, hasLabel) {
			return rejection{reason: noneOfLabels, none: any}
		}
	}
	return rejection{}
}

// matches reports whether the issue is in scope when it carries the labels
// for which hasLabel is true.
func (f *Filter) matches(is *snapshot.Issue, hasLabel func(string) bool) bool {
	return f.reject(is, hasLabel).reason == inScope
}

// Match reports whether the issue is in scope at the timeline's instant.
func (f *Filter) Match(is *snapshot.Issue, tl *clock.Timeline) bool {
	return f.matches(is, tl.HasLabel)
}

// String says why the issue is not in scope, or is "" when it is.
func (r rejection) String() string {
	switch r.reason {
	case pullRequest:
		return "it is a pull request, and the scope does not include pull requests"
	case authorNotConsumer:
		return fmt.Sprintf("its author %s is not a member of a consumer team (scope authors: consumers)", r.author)
	case lacksLabel:
		return fmt.Sprintf("it lacks the label %q", r.label)
	case excludedLabel:
		return fmt.Sprintf("it has the excluded label %q", r.label)
	case noneOfLabels:
		return fmt.Sprintf("it has none of the labels %s", strings.Join(r.none, ", "))
	}
	return ""
}

// An exclusion says why a clock does not count in an evaluation; the zero
// exclusion says it counts.
type exclusion uint8

const (
	included exclusion = iota
	notBeforeInstant
	beforeWindow
	beforeEffectiveFrom
)

// exclude says whether a clock that started at start counts in the
// objective's evaluation at the instant, whose window starts at
// windowStart: it counts if it started in [windowStart, at), and not
// before effective_from.
func (o *Objective) exclude(start, windowStart, at time.Time) exclusion {
	if !start.Before(at) {
		return notBeforeInstant
	}
	return o.tooEarly(start, windowStart)
}

// tooEarly says whether a clock that started at start began too early for
// a window that starts at windowStart: before it, or before
// effective_from.
func (o *Objective) tooEarly(start, windowStart time.Time) exclusion {
	switch {
	case start.Before(windowStart):
		return beforeWindow
	case start.Before(o.Period.From):
		return beforeEffectiveFrom
	}
	return included
}

// inWindow reports whether a clock that started at start counts at the
// point.
func (o *Objective) inWindow(start time.Time, p *Point) bool {
	return o.exclude(start, p.WindowStart, p.At) == included
}

// verdict judges a clock by the business time it has counted: breached
// once past within; else pending while it runs, at risk once it has used
// half of within; else met.
func verdict(elapsed time.Duration, running bool, within time.Duration) (Outcome, bool) {
	switch {
	case elapsed > within:
		return Breached, false
	case running:
		return Pending, 2*elapsed >= within
	}
	return Met, false
}

// judge gives a clock of an issue its verdict at the instant, and the
// time it is or was due; a satisfaction objective's clock, its rating.
func (o *Objective) judge(hist *clock.History, c clock.Clock, at time.Time) ClockResult {
	cr := ClockResult{Repo: hist.Repo, Issue: hist.Issue, Clock: c}
	if !o.Spec.Metric.Clocked() {
		cr.Outcome, cr.Rating = o.rate(hist, at)
		return cr
	}
	cr.Outcome, cr.AtRisk = verdict(c.Elapsed, c.Running(), o.Within)
	if cr.Outcome != Met {
		cr.DueAt = dueAt(&c, o.Within, o.Spec.Calendar, at) // a met clock has no due time, even at exactly within
	}
	return cr
}

// dueAt is when the clock's business time reaches within: found in its
// counted intervals if it already has, else ahead of the instant for a
// running clock that is not paused.
func dueAt(c *clock.Clock, within time.Duration, cal *calendar.Calendar, at time.Time) time.Time {
	if c.Elapsed >= within {
		if due, ok := clock.Reach(cal, c.Counted, within); ok {
			return due
		}
	}
	if c.Running() && !c.Paused {
		return cal.Add(at, within-c.Elapsed)
	}
	return time.Time{}
}

// A tally counts judged clocks into the counters of a Result or a Point.
type tally struct{ met, breached, pending, atRisk, unrated *int }

func (r *Result) tally() tally { return tally{&r.Met, &r.Breached, &r.Pending, &r.AtRisk, &r.Unrated} }

func (p *Point) tally() tally { return tally{&p.Met, &p.Breached, &p.Pending, &p.AtRisk, &p.Unrated} }

// add counts one judged clock.
func (t tally) add(o Outcome, atRisk bool) {
	switch o {
	case Breached:
		*t.breached++
	case Pending:
		*t.pending++
		if atRisk {
			*t.atRisk++
		}
	case Unrated:
		*t.unrated++
	default:
		*t.met++
	}
}

// samples are the clocks with a verdict: met plus breached.
func (t tally) samples() int { return *t.met + *t.breached }

// attainment is met/samples as parts per million, truncated, and false
// without samples. Comparisons with the target use exact integers (see
// standing), not this value.
func (t tally) attainment() (int64, bool) {
	if t.samples() == 0 {
		return 0, false
	}
	return int64(*t.met) * Million / int64(t.samples()), true
}

// standing is the objective's error budget left and its status, from the
// counts: by the rules of satisfaction for a satisfaction objective, else
// by those of clocks.
func (o *Objective) standing(t tally) (int, Status) {
	if !o.Spec.Metric.Clocked() {
		return standingOfRatings(t, o.TargetPPM, o.MinRatings)
	}
	return t.standing(o.TargetPPM)
}

// standing is a clocked objective's error budget left and its status,
// from the counts and the target in parts per million.
func (t tally) standing(targetPPM int64) (int, Status) {
	total := int64(*t.met + *t.breached + *t.pending)
	// floor((1 − target) × total) − breached, in integers.
	budget := int((Million-targetPPM)*total/Million) - *t.breached
	switch {
	case BelowTarget(*t.met, t.samples(), targetPPM):
		return budget, StatusBreached
	case *t.atRisk > budget:
		return budget, StatusAtRisk
	case t.samples() == 0:
		return budget, StatusNoData
	}
	return budget, StatusMet
}
