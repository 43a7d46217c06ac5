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
// counted and the time counted in each, the gaps and why, what stopped
// the clock (or since when and by which label it is paused), the elapsed
// time against `within`, the verdict and the due time. Times are in the
// objective's calendar's time zone, and time is named as the calendar
// counts it: business hours (biz), or around the clock (24x7). Lines
// longer than the terminal's 80 columns wrap at a space.
func WriteExplain(w io.Writer, hist *clock.History, tl *clock.Timeline, xs []compliance.Explanation) error {
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	is := hist.Issue
	add("%s#%d %q", text.Escape(hist.Repo.Name), is.Number, is.Title) // %q escapes the title
	add("%s", text.Escape(hist.Repo.IssueURL(is)))
	state := "open"
	if !tl.IsOpen {
		state = "closed"
	}
	labels := text.Escape(strings.Join(tl.CurrentLabels(), ", "))
	if labels == "" {
		labels = "none"
	}
	add("opened %s by %s", stamp(is.CreatedAt, time.UTC), text.Escape(is.Author))
	add("as of %s: %s, labels: %s", stamp(tl.At, time.UTC), state, labels)
	if len(xs) == 0 {
		add("")
		add("No agreement measures this repository.")
	}
	for _, x := range xs {
		o := x.Objective
		cal := o.Spec.Calendar
		loc := cal.Location()
		add("")
		add("%s", text.Escape(o.Name()))
		if rated(o) {
			lines = append(lines, ratingExplanation(x, tl.IsOpen)...)
			continue
		}
		add("  %s within %s, target %s", text.Escape(string(o.Def.Metric)), Within(o), Target(o.TargetPPM))
		if cal.AlwaysOpen() {
			add("  24x7: every hour counts; times in UTC")
		} else {
			add("  biz: business hours of %s; times in %s", text.Escape(cal.Name()), text.Escape(loc.String()))
		}
		if x.NotInScope != "" {
			add("  not measured: %s", text.Escape(x.NotInScope))
			continue
		}
		if len(x.Clocks) == 0 {
			add("  no clock: %s", noClockReason(o))
			continue
		}
		for i, c := range x.Clocks {
			add("  clock %d: started %s", i+1, longStamp(c.Clock.Start, loc))
			year := c.Clock.Start.In(loc).Year()
			lines = append(lines, intervalLines(c, cal.Between, loc, tl.At)...)
			if c.Clock.Running() {
				add("    running at %s: %s", dayStamp(tl.At, loc, year), text.Escape(c.Clock.StopReason))
				if c.Clock.Paused {
					add("    paused since %s by %s", dayStamp(c.PausedSince, loc, year), text.Escape(strings.Join(c.PausedBy, ", ")))
				}
			} else {
				add("    stopped %s: %s", dayStamp(c.Clock.Stop, loc, year), text.Escape(c.Clock.StopReason))
			}
			verdict := string(c.Outcome)
			if c.AtRisk {
				verdict += ", at risk (half of within used)"
			}
			add("    elapsed %s of %s → %s", Duration(c.Clock.Elapsed), Within(o), verdict)
			if c.Clock.Running() && c.Clock.Paused && c.DueAt.IsZero() {
				add("    no due time while the pause holds")
			}
			if !c.DueAt.IsZero() {
				if c.Outcome == compliance.Breached {
					add("    was due %s", dayStamp(c.DueAt, loc, year))
				} else {
					add("    due %s", dayStamp(c.DueAt, loc, year))
				}
			}
			if c.Excluded != "" {
				add("    not counted in the objective: %s", text.Escape(c.Excluded))
			}
		}
	}
	var b strings.Builder
	for _, l := range lines {
		for _, part := range wrap(l, text.Columns) {
			b.WriteString(part + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// intervalLines lays out a clock's intervals: each one it counted, with
// the time counted in it and the running total, and each gap, with why
// it did not count — before the first counted interval (closed, or
// paused from the start), between two, and, for a clock paused now, from
// the last to the instant.
func intervalLines(c compliance.ExplainedClock, between func(a, b time.Time) time.Duration, loc *time.Location, at time.Time) []string {
	type row struct {
		from, to time.Time
		counted  time.Duration
		reason   string // why the gap did not count; "" for a counted interval
	}
	var rows []row
	counted := c.Clock.Counted
	if c.Before != "" {
		end := at
		if len(counted) > 0 {
			end = counted[0].Start
		} else if !c.Clock.Running() {
			end = c.Clock.Stop
		}
		rows = append(rows, row{from: c.Clock.Start, to: end, reason: c.Before})
	}
	for j, p := range counted {
		if j > 0 {
			rows = append(rows, row{from: counted[j-1].End, to: p.Start, reason: c.Gaps[j-1]})
		}
		rows = append(rows, row{from: p.Start, to: p.End, counted: between(p.Start, p.End)})
	}
	if c.Clock.Running() && c.Clock.Paused && len(counted) > 0 {
		if last := counted[len(counted)-1].End; c.PausedSince.After(last) {
			rows = append(rows, row{from: last, to: c.PausedSince, reason: "closed"})
		}
		rows = append(rows, row{from: c.PausedSince, to: at, reason: "paused (" + strings.Join(c.PausedBy, ", ") + ")"})
	}
	if len(rows) == 0 {
		return nil
	}
	year := c.Clock.Start.In(loc).Year()
	fromW, toW := len("FROM"), len("TO")
	for _, r := range rows {
		fromW, toW = max(fromW, len(shortStamp(r.from, loc, year))), max(toW, len(shortStamp(r.to, loc, year)))
	}
	out := []string{strings.TrimRight(fmt.Sprintf("    %-*s  %-*s  %7s  %s", fromW, "FROM", toW, "TO", "COUNTED", "TOTAL"), " ")}
	var sum time.Duration
	for _, r := range rows {
		head := fmt.Sprintf("    %-*s  %-*s  ", fromW, shortStamp(r.from, loc, year), toW, shortStamp(r.to, loc, year))
		if r.reason != "" {
			out = append(out, head+text.Escape(r.reason))
			continue
		}
		sum += r.counted
		out = append(out, head+fmt.Sprintf("%7s  %s", Duration(r.counted), Duration(sum)))
	}
	return out
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

// stamp shows an instant in a time zone, to the second only when needed:
// "2026-11-06 11:27:48 EST".
func stamp(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Second() != 0 {
		return t.Format("2006-01-02 15:04:05 MST")
	}
	return t.Format("2006-01-02 15:04 MST")
}

// shortStamp shows an instant of a clock that started in the year, in a
// time zone, without the year when it is that year: "Nov 25 16:17:20 EST".
func shortStamp(t time.Time, loc *time.Location, year int) string {
	t = t.In(loc)
	layout := "Jan 2 15:04"
	if t.Year() != year {
		layout = "2006 Jan 2 15:04"
	}
	if t.Second() != 0 {
		layout += ":05"
	}
	return t.Format(layout + " MST")
}

// dayStamp is shortStamp with the weekday, which business time depends
// on: "Wed Nov 25 16:17:20 EST".
func dayStamp(t time.Time, loc *time.Location, year int) string {
	return t.In(loc).Format("Mon ") + shortStamp(t, loc, year)
}

// longStamp is stamp with the weekday, which business time depends on:
// "Fri 2026-11-06 11:27:48 EST".
func longStamp(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon ") + stamp(t, loc)
}

// wrap breaks a line longer than width columns at its last space that
// fits, and again in what is left, each further part indented two columns
// more than the line. A word longer than the width stays whole.
func wrap(line string, width int) []string {
	indent := strings.Repeat(" ", len(line)-len(strings.TrimLeft(line, " "))+2)
	var out []string
	for text.Width(line) > width {
		cut := -1
		for i := len(line) - 1; i > len(indent)-2; i-- {
			if line[i] == ' ' && text.Width(line[:i]) <= width {
				cut = i
				break
			}
		}
		if cut < 0 || strings.TrimSpace(line[:cut]) == "" {
			break
		}
		out = append(out, strings.TrimRight(line[:cut], " "))
		line = indent + strings.TrimLeft(line[cut:], " ")
	}
	return append(out, line)
}
