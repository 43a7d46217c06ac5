package compliance

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/clock"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Outcome of one clock at the evaluation instant.
type Outcome string

const (
	Met      Outcome = "met"
	Breached Outcome = "breached"
	Pending  Outcome = "pending"
)

// Status of an objective.
type Status string

const (
	StatusMet      Status = "met"
	StatusAtRisk   Status = "at_risk"
	StatusBreached Status = "breached"
	StatusNoData   Status = "no_data"
)

// Million is the parts-per-million of 100%.
const Million = 1_000_000

// ClockResult is one clock of one issue, judged.
type ClockResult struct {
	Repo    *snapshot.Repo
	Issue   *snapshot.Issue
	Clock   clock.Clock
	Outcome Outcome
	// AtRisk marks a pending clock that has used at least half its time.
	AtRisk bool
	// DueAt is when the clock reaches `within`: in the past for a breach;
	// in the future for a running clock; zero when it cannot be known (a
	// met clock, or a paused one).
	DueAt time.Time
}

// URL is the issue's web address.
func (c *ClockResult) URL() string { return c.Repo.IssueURL(c.Issue) }

// Result is an objective evaluated at an instant.
type Result struct {
	Objective                      *Objective
	At                             time.Time
	WindowStart                    time.Time
	Met, Breached, Pending, AtRisk int
	BudgetRemaining                int
	Status                         Status
	P50, P90                       time.Duration
	// Complete is false when a repository of the scope, or the members of
	// a team the figures rest on, could not be read.
	Complete bool
	// Missing names what could not be read: repositories, and "members of
	// org/team".
	Missing []string
	Clocks  []ClockResult
	// Groups break the figures down by consumer or repository, when asked
	// for (Breakdown).
	Groups []Group
	// Trend holds the objective evaluated at weekly points, oldest first,
	// the last at At (EvaluateTrend only).
	Trend []Point
}

// Samples are the clocks with a verdict: met plus breached.
func (r *Result) Samples() int { return r.Met + r.Breached }

// Attainment returns met/samples as parts per million, truncated, and
// false without samples. Comparisons with the target use exact integers
// (see status), not this value.
func (r *Result) Attainment() (int64, bool) {
	if r.Samples() == 0 {
		return 0, false
	}
	return int64(r.Met) * Million / int64(r.Samples()), true
}

// Report is every objective evaluated at one instant.
type Report struct {
	At      time.Time
	Results []*Result
}

// Evaluate judges every objective's clocks at the instant, from the
// snapshot. Each issue's history is rebuilt once and shared by the
// objectives that measure it.
func Evaluate(objectives []*Objective, snap *snapshot.Snapshot, at time.Time) *Report {
	rep := newReport(objectives, at)
	walkIssues(rep, snap, func(repo *snapshot.Repo, hist *clock.History, results []*Result) {
		var tl *clock.Timeline
		for _, r := range results {
			o := r.Objective
			if !o.mightStartInWindow(hist, r.WindowStart) {
				continue
			}
			if tl == nil {
				tl = clock.NewTimeline(hist, at)
			}
			if !o.Filter.Match(hist.Issue, tl) {
				continue
			}
			for _, c := range clock.Clocks(hist, tl, &o.Spec) {
				if c.Start.Before(r.WindowStart) || !c.Start.Before(at) || c.Start.Before(o.EffectiveFrom) {
					continue
				}
				r.add(repo, hist.Issue, c)
			}
		}
	})
	for _, r := range rep.Results {
		r.finish()
	}
	return rep
}

// newReport starts a report with one empty result per objective.
func newReport(objectives []*Objective, at time.Time) *Report {
	rep := &Report{At: at}
	for _, o := range objectives {
		rep.Results = append(rep.Results, &Result{Objective: o, At: at, WindowStart: o.WindowStart(at),
			Complete: len(o.Unread) == 0, Missing: slices.Clone(o.Unread)})
	}
	return rep
}

// walkIssues calls measure for every issue opened by the report's instant
// in a repository some objective measures, with the results of those
// objectives. Repositories that could not be read, or are missing from
// the snapshot, mark their objectives' results incomplete.
func walkIssues(rep *Report, snap *snapshot.Snapshot, measure func(repo *snapshot.Repo, hist *clock.History, results []*Result)) {
	byRepo := map[string][]*Result{} // lowercase repo → results of the objectives that measure it
	measured := map[string][]*Result{}
	for _, r := range rep.Results {
		for repo := range r.Objective.Filter.Repos {
			byRepo[repo] = append(byRepo[repo], r)
			if !r.Objective.Unmeasured {
				measured[repo] = append(measured[repo], r)
			}
		}
	}
	seen := map[string]bool{}
	for _, repo := range snap.Repos {
		key := strings.ToLower(repo.Name)
		results := byRepo[key]
		if len(results) == 0 || seen[key] {
			continue
		}
		seen[key] = true
		if repo.Error != "" {
			for _, r := range results {
				markMissing(r, repo.Name)
			}
			continue
		}
		if len(measured[key]) == 0 {
			continue
		}
		histories := clock.Histories(repo)
		for h := range histories {
			if hist := &histories[h]; !hist.Issue.CreatedAt.After(rep.At) {
				measure(repo, hist, measured[key])
			}
		}
	}
	for repo, results := range byRepo {
		if !seen[repo] {
			for _, r := range results {
				markMissing(r, repo)
			}
		}
	}
}

// mightStartInWindow skips issues whose clocks cannot start in the window:
// first response and resolution clocks start when the issue is opened.
func (o *Objective) mightStartInWindow(h *clock.History, windowStart time.Time) bool {
	if o.Spec.Metric == clock.LabelTime {
		return true
	}
	return !h.Issue.CreatedAt.Before(windowStart) && !h.Issue.CreatedAt.Before(o.EffectiveFrom)
}

func markMissing(r *Result, repo string) {
	r.Complete = false
	if !slices.Contains(r.Missing, repo) {
		r.Missing = append(r.Missing, repo)
	}
}

// Match reports whether the issue is in scope at the timeline's instant.
func (f *Filter) Match(is *snapshot.Issue, tl *clock.Timeline) bool {
	return f.matches(is, tl.HasLabel)
}

// matches reports whether the issue is in scope when it carries the labels
// for which hasLabel is true.
func (f *Filter) matches(is *snapshot.Issue, hasLabel func(string) bool) bool {
	if is.PullRequest && !f.IncludePullRequests {
		return false
	}
	if f.Authors != nil && !f.Authors[strings.ToLower(is.Author)] {
		return false
	}
	for _, l := range f.Labels {
		if !hasLabel(l) {
			return false
		}
	}
	for _, l := range f.ExcludeLabels {
		if hasLabel(l) {
			return false
		}
	}
	for _, any := range f.AnyLabels {
		if !slices.ContainsFunc(any, hasLabel) {
			return false
		}
	}
	return true
}

// add judges a clock and counts it.
func (r *Result) add(repo *snapshot.Repo, is *snapshot.Issue, c clock.Clock) {
	within := r.Objective.Within
	cr := ClockResult{Repo: repo, Issue: is, Clock: c}
	switch {
	case c.Elapsed > within:
		cr.Outcome = Breached
		r.Breached++
	case c.Running():
		cr.Outcome = Pending
		r.Pending++
		if 2*c.Elapsed >= within {
			cr.AtRisk = true
			r.AtRisk++
		}
	default:
		cr.Outcome = Met
		r.Met++
	}
	if cr.Outcome != Met {
		cr.DueAt = dueAt(&c, within, r.Objective, r.At) // a met clock has no due time, even at exactly within
	}
	r.Clocks = append(r.Clocks, cr)
}

// count adds a clock judged already (for breakdowns).
func (r *Result) count(cr ClockResult) {
	switch cr.Outcome {
	case Breached:
		r.Breached++
	case Pending:
		r.Pending++
		if cr.AtRisk {
			r.AtRisk++
		}
	default:
		r.Met++
	}
	r.Clocks = append(r.Clocks, cr)
}

// dueAt is when the clock's business time reaches within: found in its
// counted intervals if it already has, else ahead of the instant for a
// running clock that is not paused.
func dueAt(c *clock.Clock, within time.Duration, o *Objective, at time.Time) time.Time {
	cal := o.Spec.Calendar
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

// finish computes the objective's figures once all clocks are in.
func (r *Result) finish() {
	slices.SortFunc(r.Clocks, func(a, b ClockResult) int {
		return cmp.Or(cmp.Compare(a.Repo.Name, b.Repo.Name), cmp.Compare(a.Issue.Number, b.Issue.Number), a.Clock.Start.Compare(b.Clock.Start))
	})
	ppm := r.Objective.TargetPPM
	total := int64(r.Met + r.Breached + r.Pending)
	// floor((1 − target) × total) − breached, in integers.
	r.BudgetRemaining = int((Million-ppm)*total/Million) - r.Breached
	samples := int64(r.Samples())
	switch {
	case samples > 0 && int64(r.Met)*Million < ppm*samples:
		r.Status = StatusBreached
	case r.AtRisk > r.BudgetRemaining:
		r.Status = StatusAtRisk
	case samples == 0:
		r.Status = StatusNoData
	default:
		r.Status = StatusMet
	}
	var elapsed []time.Duration
	for _, c := range r.Clocks {
		if c.Outcome != Pending {
			elapsed = append(elapsed, c.Clock.Elapsed)
		}
	}
	slices.Sort(elapsed)
	r.P50, r.P90 = nearestRank(elapsed, 50), nearestRank(elapsed, 90)
}

// nearestRank is the p-th percentile of sorted values by the nearest-rank
// method: the value at rank ceil(p/100 × n); zero for no values.
func nearestRank(sorted []time.Duration, p int) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := (p*n + 99) / 100
	return sorted[max(rank, 1)-1]
}

// Summary counts objectives by status.
type Summary struct {
	Objectives, Met, AtRisk, Breached, NoData int
}

// Summary counts the report's objectives by status.
func (rep *Report) Summary() Summary {
	var s Summary
	for _, r := range rep.Results {
		s.Objectives++
		switch r.Status {
		case StatusMet:
			s.Met++
		case StatusAtRisk:
			s.AtRisk++
		case StatusBreached:
			s.Breached++
		default:
			s.NoData++
		}
	}
	return s
}
