// Package clock turns an issue's history into clocks (SPEC §3): measured
// intervals of business time, with pauses and reopenings, as of an
// evaluation instant. Pure functions: no I/O, no time.Now.
package clock

import (
	"cmp"
	"slices"
	"time"

	"github.com/sla-dev/sla/internal/snapshot"
)

// History is one issue with its comments and events, each sorted by time.
type History struct {
	Repo     *snapshot.Repo
	Issue    *snapshot.Issue
	Comments []snapshot.Comment
	Events   []snapshot.Event
}

// Histories groups a repository's comments and events by issue. Records of
// issues the snapshot does not hold are dropped.
func Histories(r *snapshot.Repo) []History {
	comments := slices.Clone(r.Comments)
	slices.SortStableFunc(comments, func(a, b snapshot.Comment) int {
		return cmp.Or(cmp.Compare(a.Issue, b.Issue), a.CreatedAt.Compare(b.CreatedAt))
	})
	events := slices.Clone(r.Events)
	slices.SortStableFunc(events, func(a, b snapshot.Event) int {
		return cmp.Or(cmp.Compare(a.Issue, b.Issue), a.CreatedAt.Compare(b.CreatedAt))
	})
	out := make([]History, len(r.Issues))
	byNumber := make(map[int]int, len(r.Issues))
	for i := range r.Issues {
		out[i] = History{Repo: r, Issue: &r.Issues[i]}
		byNumber[r.Issues[i].Number] = i
	}
	for lo := 0; lo < len(comments); {
		hi := lo + 1
		for hi < len(comments) && comments[hi].Issue == comments[lo].Issue {
			hi++
		}
		if i, ok := byNumber[comments[lo].Issue]; ok {
			out[i].Comments = comments[lo:hi:hi]
		}
		lo = hi
	}
	for lo := 0; lo < len(events); {
		hi := lo + 1
		for hi < len(events) && events[hi].Issue == events[lo].Issue {
			hi++
		}
		if i, ok := byNumber[events[lo].Issue]; ok {
			out[i].Events = events[lo:hi:hi]
		}
		lo = hi
	}
	return out
}

// Interval is [Start, End).
type Interval struct{ Start, End time.Time }

// Timeline is an issue's state over time as of an instant: when it was
// open and when it carried each label. Intervals are clipped to the
// instant; one that reaches it is still going on.
type Timeline struct {
	At     time.Time
	Opened time.Time
	// Open lists the periods the issue was open, in order.
	Open []Interval
	// Closes lists the close events, in order.
	Closes []snapshot.Event
	// Labels maps each label to the periods the issue carried it.
	Labels map[string][]Interval
	// IsOpen and Current are the state at the instant itself.
	IsOpen  bool
	Current map[string]bool
}

// HasLabel reports whether the issue carries the label at the timeline's
// instant.
func (t *Timeline) HasLabel(label string) bool { return t.Current[label] }

// CurrentLabels returns the labels the issue carries at the timeline's
// instant, sorted.
func (t *Timeline) CurrentLabels() []string {
	out := make([]string, 0, len(t.Current))
	for l := range t.Current {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// NewTimeline rebuilds an issue's open periods and labels from its events,
// ignoring everything after at (SPEC §3 "as of at").
//
// Two fallbacks cover data the events do not hold: a label the issue
// carries now with no labeled event at all is taken to have been there
// since the issue was opened; an issue that is closed now with no closed
// event is taken to have been closed at its closed_at.
func NewTimeline(h *History, at time.Time) *Timeline {
	is := h.Issue
	t := &Timeline{At: at, Opened: is.CreatedAt, Labels: map[string][]Interval{}, Current: map[string]bool{}}
	if is.CreatedAt.After(at) {
		return t // not yet opened: no periods at all
	}
	labelStart := map[string]time.Time{}
	seenLabel := map[string]bool{}
	open, openSince := true, is.CreatedAt
	sawClose := false
	for _, e := range h.Events {
		if e.CreatedAt.After(at) {
			break
		}
		when := maxTime(e.CreatedAt, is.CreatedAt)
		switch e.Kind {
		case snapshot.Labeled:
			seenLabel[e.Label] = true
			if _, on := labelStart[e.Label]; !on {
				labelStart[e.Label] = when
			}
		case snapshot.Unlabeled:
			seenLabel[e.Label] = true
			if s, on := labelStart[e.Label]; on {
				t.Labels[e.Label] = appendInterval(t.Labels[e.Label], s, when)
				delete(labelStart, e.Label)
			}
		case snapshot.Closed:
			sawClose = true
			if open {
				t.Open = appendInterval(t.Open, openSince, when)
				open = false
			}
			t.Closes = append(t.Closes, e)
		case snapshot.Reopened:
			if !open {
				open, openSince = true, when
			}
		}
	}
	if !sawClose && !is.ClosedAt.IsZero() && !is.ClosedAt.After(at) && open {
		t.Open = appendInterval(t.Open, openSince, is.ClosedAt)
		t.Closes = append(t.Closes, snapshot.Event{Issue: is.Number, Kind: snapshot.Closed, CreatedAt: is.ClosedAt})
		open = false
	}
	if open {
		t.IsOpen = true
		t.Open = appendInterval(t.Open, openSince, at)
	}
	for _, l := range is.Labels {
		if !seenLabel[l] {
			if _, on := labelStart[l]; !on {
				labelStart[l] = is.CreatedAt
			}
		}
	}
	for l, s := range labelStart {
		t.Current[l] = true
		t.Labels[l] = appendInterval(t.Labels[l], s, at)
	}
	return t
}

// appendInterval adds [s, e) unless it is empty.
func appendInterval(list []Interval, s, e time.Time) []Interval {
	if !e.After(s) {
		return list
	}
	return append(list, Interval{s, e})
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
