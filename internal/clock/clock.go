package clock

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Spec says how to measure one objective's clocks.
type Spec struct {
	Metric      agreement.Metric
	Calendar    *calendar.Calendar
	PauseLabels []string
	Label       string // label_time
	Responders  Responders
}

// Responders decides whose comment (or close) is a first response.
type Responders struct {
	Mode agreement.Responders
	// Members are the provider team's logins, lowercased (Mode provider).
	Members map[string]bool
}

// maintainerAssociations are the author_association values of people with
// rights on the repository.
var maintainerAssociations = map[string]bool{"OWNER": true, "MEMBER": true, "COLLABORATOR": true}

// commentResponds reports whether a comment is a response to the issue.
// The issue's author never responds to their own issue, and bots never do.
func (r Responders) commentResponds(c *snapshot.Comment, author string) bool {
	if snapshot.IsBot(c.Author, c.AuthorBot) || strings.EqualFold(c.Author, author) || c.Author == "" {
		return false
	}
	switch r.Mode {
	case agreement.RespondersMaintainers:
		return maintainerAssociations[c.Association]
	case agreement.RespondersAnyone:
		return true
	}
	return r.Members[strings.ToLower(c.Author)]
}

// closeResponds reports whether closing the issue counts as a response.
// Events carry no author_association; closing someone else's issue needs
// triage rights on the repository, so for maintainers any human other than
// the author counts.
func (r Responders) closeResponds(e *snapshot.Event, author string) bool {
	if e.Actor == "" || snapshot.IsBot(e.Actor, e.ActorBot) || strings.EqualFold(e.Actor, author) {
		return false
	}
	if r.Mode == agreement.RespondersMaintainers || r.Mode == agreement.RespondersAnyone {
		return true
	}
	return r.Members[strings.ToLower(e.Actor)]
}

// Clock is one measured interval of an issue.
type Clock struct {
	Start time.Time // when it started, wall clock: decides the window
	// Stop is when it stopped; zero while it runs.
	Stop    time.Time
	Elapsed time.Duration // business time counted, up to Stop or the instant
	// Paused is true when the clock runs but a pause label holds it.
	Paused bool
	// Counted lists the intervals whose business time makes up Elapsed:
	// the gaps between them are pauses or closed periods.
	Counted []Interval
	// StopReason says what stopped it ("comment by alice", "closed by bob",
	// "label removed"), or why it runs.
	StopReason string
}

// Running reports whether the clock had not stopped at the instant.
func (c *Clock) Running() bool { return c.Stop.IsZero() }

// Measure makes the clocks of an issue under a spec, as of the
// timeline's instant: one metric's way of measuring.
type Measure func(h *History, t *Timeline, s *Spec) []Clock

// MeasureOf returns how the spec's metric is measured. A metric that clock
// does not know, or first_response responders it does not know, is an
// error: measuring nothing would report an objective without data.
func MeasureOf(s *Spec) (Measure, error) {
	switch s.Metric {
	case agreement.MetricFirstResponse:
		if !slices.Contains(agreement.AllResponders, s.Responders.Mode) {
			return nil, fmt.Errorf("unknown responders %q: use %s", s.Responders.Mode, oneOf(agreement.AllResponders))
		}
		return firstResponse, nil
	case agreement.MetricResolution:
		return resolution, nil
	case agreement.MetricLabelTime:
		return labelTime, nil
	}
	return nil, fmt.Errorf("unknown metric %q: use %s", s.Metric, oneOf(agreement.Metrics))
}

// Clocks returns the clocks of an issue under a spec, as of the timeline's
// instant, or MeasureOf's error.
func Clocks(h *History, t *Timeline, s *Spec) ([]Clock, error) {
	measure, err := MeasureOf(s)
	if err != nil {
		return nil, err
	}
	return measure(h, t, s), nil
}

// oneOf is "one of a, b, c".
func oneOf[T ~string](names []T) string {
	s := make([]string, len(names))
	for i, n := range names {
		s[i] = string(n)
	}
	return "one of " + strings.Join(s, ", ")
}

// firstResponse runs from the opening to the first response: a comment by
// a responder, or a close by one. A close by anyone else stops counting; a
// comment while the issue is closed is no response; if the issue is
// reopened the clock goes on, and if it is still closed at the instant
// there is no sample (SPEC §3).
func firstResponse(h *History, t *Timeline, s *Spec) []Clock {
	if h.Issue.CreatedAt.After(t.At) {
		return nil
	}
	author := h.Issue.Author
	var stop time.Time
	var reason string
	for i := range h.Comments {
		c := &h.Comments[i]
		if c.CreatedAt.After(t.At) {
			break
		}
		if s.Responders.commentResponds(c, author) && within(t.Open, c.CreatedAt) {
			stop, reason = maxTime(c.CreatedAt, h.Issue.CreatedAt), "first response: comment by "+c.Author
			break
		}
	}
	for i := range t.Closes {
		e := &t.Closes[i]
		if !stop.IsZero() && !e.CreatedAt.Before(stop) {
			break // a comment in the second of a close came before it
		}
		if s.Responders.closeResponds(e, author) {
			stop, reason = e.CreatedAt, "first response: closed by "+e.Actor
			break
		}
	}
	periods := t.Open
	switch {
	case !stop.IsZero():
		periods = clip(t.Open, stop)
	case !t.IsOpen:
		return nil // closed by someone else and not reopened
	}
	c := Clock{Start: h.Issue.CreatedAt, Stop: stop, StopReason: reason}
	c.Counted = counted(periods, pauses(t, s.PauseLabels))
	c.Elapsed = BusinessTime(s.Calendar, c.Counted)
	if stop.IsZero() {
		c.Paused = pausedNow(t, s.PauseLabels)
		c.StopReason = "no response yet"
	}
	return []Clock{c}
}

// resolution runs while the issue is open, from its opening to its last
// close: reopening resumes it.
func resolution(_ *History, t *Timeline, s *Spec) []Clock {
	if t.Opened.After(t.At) {
		return nil
	}
	c := Clock{Start: t.Opened}
	c.Counted = t.OpenUnpaused(s.PauseLabels)
	c.Elapsed = BusinessTime(s.Calendar, c.Counted)
	if t.IsOpen {
		c.Paused = pausedNow(t, s.PauseLabels)
		c.StopReason = "still open"
		return []Clock{c}
	}
	if len(t.Closes) == 0 {
		// Closed since its opening as far as the data tells: it is reopened
		// after the instant, and its close was not read.
		c.Stop, c.StopReason = t.Opened, "closed (the close was not read)"
		return []Clock{c}
	}
	last := t.Closes[len(t.Closes)-1]
	c.Stop = last.CreatedAt
	c.StopReason = "closed"
	if last.Actor != "" {
		c.StopReason = "closed by " + last.Actor
	}
	return []Clock{c}
}

// labelTime makes one clock per period the issue carried the label while
// open: removing the label or closing the issue stops it. A period that
// began and ended in one second is a clock of no time.
func labelTime(_ *History, t *Timeline, s *Spec) []Clock {
	spans := t.Spans(s.Label)
	out := make([]Clock, 0, len(spans))
	for _, p := range spans {
		c := Clock{Start: p.Start, Counted: []Interval{p.Interval}, Elapsed: s.Calendar.Between(p.Start, p.End)}
		if p.Ended == "" {
			c.StopReason = "label still on"
		} else {
			c.Stop, c.StopReason = p.End, p.Ended
		}
		out = append(out, c)
	}
	return out
}

// OpenUnpaused returns the periods the issue was open and carried none of
// the pause labels, as a resolution clock counts them.
func (t *Timeline) OpenUnpaused(pauseLabels []string) []Interval {
	return counted(t.Open, pauses(t, pauseLabels))
}

// pauses returns the periods the issue carried any of the labels, merged.
func pauses(t *Timeline, labels []string) []Interval {
	var all []Interval
	for _, l := range labels {
		all = append(all, t.Periods(l)...)
	}
	return merge(all)
}

func pausedNow(t *Timeline, labels []string) bool {
	return slices.ContainsFunc(labels, t.HasLabel)
}
