package compliance

import (
	"cmp"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/clock"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Outcome of one clock at the evaluation instant.
type Outcome string

const (
	Met      Outcome = "met"
	Breached Outcome = "breached"
	Pending  Outcome = "pending"
	// Unrated is a request closed in a satisfaction objective's window
	// that its raters did not rate (SPEC §7.1): no sample.
	Unrated Outcome = "unrated"
)

// Status of an objective.
type Status string

const (
	StatusMet      Status = "met"
	StatusAtRisk   Status = "at_risk"
	StatusBreached Status = "breached"
	StatusNoData   Status = "no_data"
)

// Million is the parts-per-million of 100%, in which targets are held and
// attainment is given.
const Million = agreement.Million

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
	// Rating is how the request was rated, for a satisfaction objective
	// (whose clock starts and stops at the request's last close); nil
	// for the other metrics.
	Rating *Rating
}

// URL is the issue's web address.
func (c *ClockResult) URL() string { return c.Repo.IssueURL(c.Issue) }

// Result is an objective evaluated at an instant.
type Result struct {
	Objective                      *Objective
	At                             time.Time
	WindowStart                    time.Time
	Met, Breached, Pending, AtRisk int
	// Unrated counts the requests closed in the window without a rating
	// (satisfaction only).
	Unrated         int
	BudgetRemaining int
	Status          Status
	// P50 and P90 are percentiles of elapsed time (zero for satisfaction,
	// which measures none).
	P50, P90 time.Duration
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
func (r *Result) Samples() int { return r.tally().samples() }

// Attainment returns met/samples as parts per million, truncated, and
// false without samples. Comparisons with the target use exact integers
// (see standing), not this value.
func (r *Result) Attainment() (int64, bool) { return r.tally().attainment() }

// Report is every objective evaluated at one instant.
type Report struct {
	At      time.Time
	Results []*Result
}

// Evaluate judges every objective's clocks at the instant, from the
// snapshot. Each issue's history is rebuilt once and shared by the
// objectives that measure it.
func Evaluate(objectives []*Objective, snap *snapshot.Snapshot, at time.Time) *Report {
	return evaluate(objectives, slices.Values(snap.Repos), at)
}

// EvaluateRepos is Evaluate, or EvaluateTrend with n weekly points when
// n > 0, reading the repositories as repos yields them: a snapshot's, or
// those of a snapshot still being read (snapshot.Stream).
func EvaluateRepos(objectives []*Objective, repos iter.Seq[*snapshot.Repo], at time.Time, n int) *Report {
	if n > 0 {
		return evaluateTrend(objectives, repos, at, n, nil)
	}
	return evaluate(objectives, repos, at)
}

func evaluate(objectives []*Objective, repos iter.Seq[*snapshot.Repo], at time.Time) *Report {
	rep := newReport(objectives, at)
	var timeline clock.Timeline // one issue's at a time, in the same memory
	walkIssues(rep, repos, func(hist *clock.History, results []*Result) {
		var tl *clock.Timeline
		for _, r := range results {
			o := r.Objective
			if !o.mightStartInWindow(hist, r.WindowStart) {
				continue
			}
			if tl == nil {
				timeline.Rebuild(hist, at)
				tl = &timeline
			}
			if o.Filter.Match(hist.Issue, tl) {
				r.addInWindow(hist, o.measure(hist, tl, &o.Spec))
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
		rep.Results = append(rep.Results, &Result{Objective: o, At: at, WindowStart: o.Period.Start(at),
			Complete: len(o.Unread) == 0, Missing: slices.Clone(o.Unread)})
	}
	return rep
}

// walkIssues calls measure for every issue opened by the report's instant
// in a repository some objective measures, with the results of those
// objectives; the history is good until measure returns. Repositories that could not be read, or are missing from
// the snapshot, mark their objectives' results incomplete.
func walkIssues(rep *Report, repos iter.Seq[*snapshot.Repo], measure func(hist *clock.History, results []*Result)) {
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
	var grouping clock.Grouping // one repository's histories at a time, in the same memory
	for repo := range repos {
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
		histories := grouping.Histories(repo)
		for h := range histories {
			if hist := &histories[h]; !hist.Issue.CreatedAt.After(rep.At) {
				measure(hist, measured[key])
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
// label_time clocks start whenever the label is put on, and satisfaction's
// when the request is closed.
func (o *Objective) mightStartInWindow(h *clock.History, windowStart time.Time) bool {
	if o.Spec.Metric == agreement.MetricLabelTime || o.Spec.Metric == agreement.MetricSatisfaction {
		return true
	}
	return o.tooEarly(h.Issue.CreatedAt, windowStart) == included
}

func markMissing(r *Result, repo string) {
	r.Complete = false
	if !slices.Contains(r.Missing, repo) {
		r.Missing = append(r.Missing, repo)
	}
}

// addInWindow judges and counts the issue's clocks that count in the
// result's window.
func (r *Result) addInWindow(hist *clock.History, clocks []clock.Clock) {
	for _, c := range clocks {
		if r.Objective.exclude(c.Start, r.WindowStart, r.At) == included {
			r.count(r.Objective.judge(hist, c, r.At))
		}
	}
}

// count adds a judged clock.
func (r *Result) count(cr ClockResult) {
	r.tally().add(cr.Outcome, cr.AtRisk)
	r.Clocks = append(r.Clocks, cr)
}

// finish computes the objective's figures once all clocks are in.
func (r *Result) finish() {
	slices.SortFunc(r.Clocks, func(a, b ClockResult) int {
		return cmp.Or(cmp.Compare(a.Repo.Name, b.Repo.Name), cmp.Compare(a.Issue.Number, b.Issue.Number), a.Clock.Start.Compare(b.Clock.Start))
	})
	r.BudgetRemaining, r.Status = r.Objective.standing(r.tally())
	if !r.Objective.Spec.Metric.Clocked() {
		return
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
