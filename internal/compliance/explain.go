package compliance

import (
	"fmt"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/clock"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Explanation is everything one objective did with one issue: whether the
// issue is in scope and why not, and each clock, judged or set aside.
type Explanation struct {
	Objective   *Objective
	WindowStart time.Time
	// NotInScope says why the issue is not measured, or is "" when it is.
	NotInScope string
	Clocks     []ExplainedClock
}

// ExplainedClock is one clock with its verdict, or why it does not count.
type ExplainedClock struct {
	ClockResult
	// Excluded says why the clock is not counted (outside the window,
	// before effective_from), or is "".
	Excluded string
	// Gaps says, for each gap between counted intervals, why time did not
	// count there: "paused (waiting-on-customer)" or "closed".
	Gaps []string
	// Before says why time did not count between the clock's start and its
	// first counted interval, as Gaps does ("closed": an issue whose first
	// event read is a reopening was closed until then), or is "".
	Before string
	// PausedSince is, for a running clock a pause label holds at the
	// instant, when it was last paused: from there on it has not counted.
	// PausedBy names the pause labels the issue carries at the instant.
	PausedSince time.Time
	PausedBy    []string
}

// IssueRef names the issue Explain explains: owner/repo#number.
type IssueRef struct {
	Repo   string
	Number int
}

func (r IssueRef) String() string { return fmt.Sprintf("%s#%d", r.Repo, r.Number) }

// Explain shows how every objective whose repositories include the issue's
// measures it at the instant. It returns the issue's history too, for the
// header of the explanation.
func Explain(objectives []*Objective, snap *snapshot.Snapshot, ref IssueRef, at time.Time) (*clock.History, *clock.Timeline, []Explanation, error) {
	repo := snap.Repo(ref.Repo)
	if repo == nil {
		return nil, nil, nil, fmt.Errorf("the snapshot has no repository %s", ref.Repo)
	}
	if repo.Error != "" {
		return nil, nil, nil, fmt.Errorf("%s could not be read: %s", ref.Repo, repo.Error)
	}
	var hist *clock.History
	for _, h := range clock.Histories(repo) {
		if h.Issue.Number == ref.Number {
			hist = &h
			break
		}
	}
	if hist == nil {
		return nil, nil, nil, fmt.Errorf("the snapshot has no issue %s (it holds issues updated since %s)", ref, snap.Since.UTC().Format("2006-01-02"))
	}
	if hist.Issue.CreatedAt.After(at) {
		return nil, nil, nil, fmt.Errorf("%s was opened at %s, after the evaluation instant %s", ref,
			hist.Issue.CreatedAt.UTC().Format(time.RFC3339), at.UTC().Format(time.RFC3339))
	}
	tl := clock.NewTimeline(hist, at)
	var out []Explanation
	for _, o := range objectives {
		if !o.Filter.Repos[strings.ToLower(repo.Name)] {
			continue
		}
		x := Explanation{Objective: o, WindowStart: o.Period.Start(at), NotInScope: o.Filter.reject(hist.Issue, tl.HasLabel).String()}
		if x.NotInScope == "" {
			for _, c := range o.measure(hist, tl, &o.Spec) {
				ec := ExplainedClock{
					ClockResult: o.judge(hist, c, at),
					Excluded:    o.exclude(c.Start, x.WindowStart, at).why(o.startVerb(), x.WindowStart, o.Period.From),
					Gaps:        gapReasons(tl, &c, o.Spec.PauseLabels),
				}
				ec.Before, ec.PausedSince, ec.PausedBy = endReasons(tl, &c, o.Spec.PauseLabels)
				x.Clocks = append(x.Clocks, ec)
			}
		}
		out = append(out, x)
	}
	return hist, tl, out, nil
}

// why says why a clock does not count, or is "" when it does.
func (e exclusion) why(started string, windowStart, effectiveFrom time.Time) string {
	switch e {
	case notBeforeInstant:
		return started + " at the evaluation instant, where the window ends"
	case beforeWindow:
		return started + " before the window, which starts " + windowStart.UTC().Format(time.RFC3339)
	case beforeEffectiveFrom:
		return started + " before effective_from " + effectiveFrom.UTC().Format(time.RFC3339)
	}
	return ""
}

// startVerb says what the start of the objective's clocks is: a
// satisfaction objective's is the request's close.
func (o *Objective) startVerb() string {
	if !o.Spec.Metric.Clocked() {
		return "closed"
	}
	return "started"
}

// gapReasons says why each gap between a clock's counted intervals did not
// count: the issue was closed, or a pause label held it.
func gapReasons(tl *clock.Timeline, c *clock.Clock, pauseLabels []string) []string {
	var out []string
	for i := 1; i < len(c.Counted); i++ {
		out = append(out, reasonAt(tl, c.Counted[i-1].End, pauseLabels))
	}
	return out
}

// reasonAt says why a clock did not count from an instant on: "closed",
// or "paused (labels)" with the pause labels that held it then.
func reasonAt(tl *clock.Timeline, at time.Time, pauseLabels []string) string {
	if !tl.OpenAt(at) {
		return "closed"
	}
	var held []string
	for _, l := range pauseLabels {
		if clock.AnyHolds(tl.Periods(l), at) {
			held = append(held, l)
		}
	}
	return "paused (" + strings.Join(held, ", ") + ")"
}

// endReasons says what kept a clock from counting at its two ends: before
// its first counted interval (or, with none, up to the instant), and, for
// a running clock paused at the instant, since when a pause has held it
// (after any closed time) and by which labels.
func endReasons(tl *clock.Timeline, c *clock.Clock, pauseLabels []string) (before string, pausedSince time.Time, pausedBy []string) {
	if len(c.Counted) == 0 || c.Counted[0].Start.After(c.Start) {
		before = reasonAt(tl, c.Start, pauseLabels)
	}
	if !c.Running() || !c.Paused {
		return before, time.Time{}, nil
	}
	pausedSince = c.Start
	if n := len(c.Counted); n > 0 {
		pausedSince = c.Counted[n-1].End
	}
	if n := len(tl.Open); tl.IsOpen && n > 0 && tl.Open[n-1].Start.After(pausedSince) {
		// Closed when the clock stopped counting: the pause holds from the
		// reopening that began the present open period.
		pausedSince = tl.Open[n-1].Start
	}
	for _, l := range pauseLabels {
		if tl.HasLabel(l) {
			pausedBy = append(pausedBy, l)
		}
	}
	return before, pausedSince, pausedBy
}
