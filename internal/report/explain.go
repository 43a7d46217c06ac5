package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/clock"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/text"
)

// WriteExplain prints, for one issue, every clock of every objective that
// measures it, with the arithmetic behind each number: the intervals that
// counted and their business time, the gaps and why, what stopped the
// clock, the elapsed time against `within`, the verdict and the due time.
func WriteExplain(w io.Writer, hist *clock.History, tl *clock.Timeline, xs []compliance.Explanation) error {
	var b strings.Builder
	is := hist.Issue
	fmt.Fprintf(&b, "%s#%d %q\n", text.Escape(hist.Repo.Name), is.Number, is.Title) // %q escapes the title
	fmt.Fprintf(&b, "%s\n", text.Escape(hist.Repo.IssueURL(is)))
	state := "open"
	if !tl.IsOpen {
		state = "closed"
	}
	labels := text.Escape(strings.Join(tl.CurrentLabels(), ", "))
	if labels == "" {
		labels = "none"
	}
	fmt.Fprintf(&b, "opened %s by %s; as of %s: %s, labels: %s\n",
		stamp(is.CreatedAt, time.UTC), text.Escape(is.Author), stamp(tl.At, time.UTC), state, labels)
	if len(xs) == 0 {
		b.WriteString("\nNo agreement measures this repository.\n")
	}
	for _, x := range xs {
		o := x.Objective
		cal := o.Spec.Calendar
		loc := cal.Location()
		fmt.Fprintf(&b, "\n%s — %s within %s, target %s, calendar %s (%s)\n",
			text.Escape(o.Name()), text.Escape(string(o.Def.Metric)), text.Escape(o.Def.Within.Raw), Target(o.TargetPPM),
			text.Escape(cal.Name()), text.Escape(loc.String()))
		if x.NotInScope != "" {
			fmt.Fprintf(&b, "  not measured: %s\n", text.Escape(x.NotInScope))
			continue
		}
		if len(x.Clocks) == 0 {
			fmt.Fprintf(&b, "  no clock: %s\n", noClockReason(o))
			continue
		}
		for i, c := range x.Clocks {
			fmt.Fprintf(&b, "  clock %d: started %s\n", i+1, stamp(c.Clock.Start, loc))
			if len(c.Clock.Counted) > 0 && c.Clock.Counted[0].Start.After(c.Clock.Start) {
				fmt.Fprintf(&b, "    not counted  %s → %s  paused from the start\n",
					stamp(c.Clock.Start, loc), stamp(c.Clock.Counted[0].Start, loc))
			}
			var sum time.Duration
			for j, p := range c.Clock.Counted {
				if j > 0 {
					fmt.Fprintf(&b, "    not counted  %s → %s  %s\n", stamp(c.Clock.Counted[j-1].End, loc), stamp(p.Start, loc), text.Escape(c.Gaps[j-1]))
				}
				d := cal.Between(p.Start, p.End)
				sum += d
				fmt.Fprintf(&b, "    counted      %s → %s  %s business time (total %s)\n", stamp(p.Start, loc), stamp(p.End, loc), Duration(d), Duration(sum))
			}
			if c.Clock.Running() {
				how := "running"
				if c.Clock.Paused {
					how = "running, paused now"
				}
				fmt.Fprintf(&b, "    %s at %s (%s)\n", how, stamp(tl.At, loc), text.Escape(c.Clock.StopReason))
			} else {
				fmt.Fprintf(&b, "    stopped %s: %s\n", stamp(c.Clock.Stop, loc), text.Escape(c.Clock.StopReason))
			}
			verdict := string(c.Outcome)
			if c.AtRisk {
				verdict += ", at risk (half of within used)"
			}
			fmt.Fprintf(&b, "    elapsed %s of %s → %s", Duration(c.Clock.Elapsed), text.Escape(o.Def.Within.Raw), verdict)
			if !c.DueAt.IsZero() {
				fmt.Fprintf(&b, "; due %s", stamp(c.DueAt, loc))
			}
			b.WriteByte('\n')
			if c.Excluded != "" {
				fmt.Fprintf(&b, "    not counted in the objective: %s\n", text.Escape(c.Excluded))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func noClockReason(o *compliance.Objective) string {
	switch o.Spec.Metric {
	case agreement.MetricFirstResponse:
		return "closed by someone who is not a responder before any response, and not reopened"
	case agreement.MetricLabelTime:
		return fmt.Sprintf("the issue never carried the label %q while open", o.Spec.Label)
	}
	return "the issue was not open before the evaluation instant"
}

// stamp shows an instant in a time zone, to the second only when needed.
func stamp(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Second() != 0 {
		return t.Format("2006-01-02 15:04:05 MST")
	}
	return t.Format("2006-01-02 15:04 MST")
}
