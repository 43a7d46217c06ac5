package compliance

import (
	"iter"
	"slices"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/clock"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Point is an objective evaluated at one point of a trend: the figures
// Evaluate gives at that instant, without the clocks behind them.
type Point struct {
	At          time.Time
	WindowStart time.Time
	// Met, Breached, Pending, AtRisk and Unrated count clocks as Result
	// does.
	Met, Breached, Pending, AtRisk, Unrated int
	BudgetRemaining                         int
	Status                                  Status
}

// Samples are the clocks with a verdict: met plus breached.
func (p *Point) Samples() int { return p.tally().samples() }

// Attainment is met/samples in parts per million, as Result.Attainment.
func (p *Point) Attainment() (int64, bool) { return p.tally().attainment() }

// EvaluateTrend evaluates every objective as Evaluate does at the instant,
// and also at the n−1 weekly points before it, each with its own window:
// each result's Trend holds the n points, oldest first, the last being the
// result itself. The results are those Evaluate returns; every point's
// figures are those Evaluate returns at that point's instant.
//
// It reads the data once. Each issue's history is rebuilt once, as of the
// latest instant, and each objective's clocks are measured once on it; an
// earlier point takes those clocks as they stood at its instant:
//
//   - scope and `where` are judged on the labels the issue carried at the
//     point: a label was on at instant t if one of its periods [s, e) of
//     the latest timeline has s ≤ t < e (a period reaching past t is one
//     that had not ended at t);
//   - the issue was open at t likewise if one of its open periods holds t;
//   - a clock's elapsed time at t is the business time of its counted
//     intervals clipped at t: the timeline as of t is the latest one cut at
//     t, and cutting commutes with taking pauses and closed periods out;
//   - a satisfaction objective counts a request closed at t, by its last
//     close up to t (a close is an event, and the timeline keeps them),
//     rated by the reactions made up to t;
//   - a clock that had stopped by t (at t included: events at an instant
//     count as of it) stood then as it stands now; one that had not was
//     running at t — a resolution clock if the issue was open at t, a
//     label_time clock always (its period of the latest timeline holds
//     t), and a first-response clock if the issue was open at t. A
//     first-response clock that does not exist now (the issue was closed
//     without a response) ran at t if the issue was open then, over the
//     open time less the pauses, which is what a resolution clock under
//     the same pause labels counts.
//
// Nothing needs rebuilding as of a point: the timeline keeps the periods
// that lasted no time, so that one cut at t says what a timeline as of t
// says, a first response in the very second of t included.
// TestTrendEqualsEvaluate checks every point against Evaluate, clock by
// clock.
func EvaluateTrend(objectives []*Objective, snap *snapshot.Snapshot, at time.Time, n int) *Report {
	return evaluateTrend(objectives, slices.Values(snap.Repos), at, n, nil)
}

// pointClock is one clock as judged at one point of a trend, for tests.
type pointClock struct {
	result, point int
	repo          string
	issue         int
	start         time.Time
	elapsed       time.Duration
	outcome       Outcome
	atRisk        bool
}

// evaluateTrend is EvaluateTrend, calling record (when not nil) with every
// clock it counts at a point before the latest.
func evaluateTrend(objectives []*Objective, repos iter.Seq[*snapshot.Repo], at time.Time, n int, record func(pointClock)) *Report {
	instants := agreement.TrendPoints(at, n)
	n = len(instants)
	rep := newReport(objectives, at)
	index := map[*Result]int{}
	for i, r := range rep.Results {
		index[r] = i
		r.Trend = make([]Point, n)
		for j, t := range instants {
			r.Trend[j] = Point{At: t, WindowStart: r.Objective.Period.Start(t)}
		}
	}
	var it issueTrend
	it.hasLabel = it.labelAtWhen
	walkIssues(rep, repos, func(hist *clock.History, results []*Result) {
		it.reset(hist)
		for _, r := range results {
			it.measure(r, index[r], record)
		}
	})
	for _, r := range rep.Results {
		r.finish()
		last := &r.Trend[n-1]
		last.Met, last.Breached, last.Pending, last.AtRisk, last.Unrated = r.Met, r.Breached, r.Pending, r.AtRisk, r.Unrated
		for j := range r.Trend {
			p := &r.Trend[j]
			p.BudgetRemaining, p.Status = r.Objective.standing(p.tally())
		}
	}
	return rep
}

// issueTrend is one issue as the trend measures it: its timeline as of the
// latest instant, built once for all its objectives.
type issueTrend struct {
	hist *clock.History
	tl   *clock.Timeline // built for the issue, or nil
	// timeline is the memory tl is built in, from one issue to the next.
	timeline clock.Timeline
	// labels remembers the periods of the labels scopes ask about, so that
	// each point's scope costs no map look-ups.
	labels []labelPeriods
	// when is the point hasLabel (it.labelAtWhen) answers for.
	when     time.Time
	hasLabel func(string) bool
}

type labelPeriods struct {
	label   string
	periods []clock.Interval
}

// reset starts on another issue.
func (it *issueTrend) reset(h *clock.History) {
	it.hist, it.tl, it.labels = h, nil, it.labels[:0]
}

// labelAtWhen reports whether the issue carried the label at it.when.
func (it *issueTrend) labelAtWhen(label string) bool {
	for _, l := range it.labels {
		if l.label == label {
			return clock.AnyHolds(l.periods, it.when)
		}
	}
	periods := it.tl.Periods(label)
	it.labels = append(it.labels, labelPeriods{label, periods})
	return clock.AnyHolds(periods, it.when)
}

// measure counts the issue's clocks under one objective at every point of
// the result's trend.
func (it *issueTrend) measure(r *Result, ri int, record func(pointClock)) {
	o := r.Objective
	n := len(r.Trend)
	hist := it.hist
	// The oldest window starts first: an issue that cannot start a clock in
	// it cannot start one in any.
	if !o.mightStartInWindow(hist, r.Trend[0].WindowStart) {
		return
	}
	if it.tl == nil {
		it.timeline.Rebuild(hist, r.At)
		it.tl = &it.timeline
	}
	tl := it.tl
	var clocks []clock.Clock // as of the latest instant, measured when first needed
	measured := false
	measure := func() []clock.Clock {
		if !measured {
			clocks, measured = o.measure(hist, tl, &o.Spec), true
		}
		return clocks
	}
	var openLessPauses []clock.Interval // first_response without a clock now: see EvaluateTrend
	openLessPausesDone := false

	for j := range r.Trend {
		p := &r.Trend[j]
		if hist.Issue.CreatedAt.After(p.At) {
			continue
		}
		if !o.mightStartInWindow(hist, p.WindowStart) {
			break // windows only start later at later points
		}
		// First response and resolution clocks start at the opening, which
		// mightStartInWindow has placed; label_time clocks start anywhere.
		if o.Spec.Metric == agreement.MetricLabelTime && !slices.ContainsFunc(measure(), func(c clock.Clock) bool { return o.inWindow(c.Start, p) }) {
			continue
		}
		if j == n-1 { // the latest point: exactly as Evaluate
			if o.Filter.Match(hist.Issue, tl) {
				r.addInWindow(hist, measure())
			}
			continue
		}
		if it.when = p.At; !o.Filter.matches(hist.Issue, it.hasLabel) {
			continue
		}
		judged := func(start time.Time, elapsed time.Duration, outcome Outcome, atRisk bool) {
			p.tally().add(outcome, atRisk)
			if record != nil {
				record(pointClock{result: ri, point: j, repo: hist.Repo.Name, issue: hist.Issue.Number,
					start: start, elapsed: elapsed, outcome: outcome, atRisk: atRisk})
			}
		}
		count := func(start time.Time, elapsed time.Duration, running bool) {
			outcome, atRisk := verdict(elapsed, running, o.Within)
			judged(start, elapsed, outcome, atRisk)
		}
		cal := o.Spec.Calendar
		switch o.Spec.Metric {
		case agreement.MetricLabelTime:
			for _, c := range measure() {
				switch {
				case !o.inWindow(c.Start, p):
				case !c.Counted[0].End.After(p.At):
					count(c.Start, c.Elapsed, false) // stopped by the point
				default:
					count(c.Start, clock.BusinessTimeUntil(cal, c.Counted, p.At), true) // the issue was open and labelled throughout
				}
			}
		case agreement.MetricResolution:
			for _, c := range measure() { // one, started at the opening
				if !o.inWindow(c.Start, p) {
					continue
				}
				if !c.Running() && !c.Stop.After(p.At) {
					count(c.Start, c.Elapsed, false) // closed for good by the point
				} else {
					count(c.Start, clock.BusinessTimeUntil(cal, c.Counted, p.At), tl.OpenAt(p.At))
				}
			}
		case agreement.MetricSatisfaction:
			// Closed at the point, and closed last in its window; rated by
			// the reactions made by then.
			if closed, ok := closedAt(tl, p.At); ok && o.inWindow(closed, p) {
				outcome, _ := o.rate(hist, p.At)
				judged(closed, 0, outcome, false)
			}
		case agreement.MetricFirstResponse:
			start := hist.Issue.CreatedAt
			if !o.inWindow(start, p) {
				continue
			}
			clocks := measure()
			switch {
			case len(clocks) == 1 && !clocks[0].Stop.IsZero() && !clocks[0].Stop.After(p.At):
				count(start, clocks[0].Elapsed, false) // answered by the point
			case !tl.OpenAt(p.At):
				// Closed without a response at the point: no sample.
			case len(clocks) == 1:
				count(start, clock.BusinessTimeUntil(cal, clocks[0].Counted, p.At), true)
			default:
				if !openLessPausesDone {
					openLessPauses = tl.OpenUnpaused(o.Spec.PauseLabels)
					openLessPausesDone = true
				}
				count(start, clock.BusinessTimeUntil(cal, openLessPauses, p.At), true)
			}
		}
	}
}

// ForConsumer narrows an objective to the issues opened by members of one
// of its consumer teams: how that team alone keeps a promise the consumers
// share, as `--by consumer` splits it. Evaluated alongside the others
// (EvaluateTrend), it costs no extra pass over the data.
func (o *Objective) ForConsumer(team Team) *Objective {
	c := *o
	c.Filter.Authors = map[string]bool{}
	for l := range team.Members {
		if o.Filter.Authors == nil || o.Filter.Authors[l] {
			c.Filter.Authors[l] = true
		}
	}
	return &c
}
