// Package clock turns an issue's history into clocks (SPEC §3): measured
// intervals of business time, with pauses and reopenings, as of an
// evaluation instant. Pure functions: no I/O, no time.Now.
package clock

import (
	"slices"
	"strings"
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
// issues the snapshot does not hold are dropped. The grouping is a
// counting sort by issue (linear, and stable), then each issue's few
// records are sorted by time if they are not already.
func Histories(r *snapshot.Repo) []History {
	out := make([]History, len(r.Issues))
	byNumber := make(map[int]int32, len(r.Issues))
	for i := range r.Issues {
		out[i] = History{Repo: r, Issue: &r.Issues[i]}
		byNumber[r.Issues[i].Number] = int32(i)
	}
	comments := groupBy(r.Comments, len(out), func(c *snapshot.Comment) (int32, bool) {
		i, ok := byNumber[c.Issue]
		return i, ok
	}, func(a, b snapshot.Comment) int { return a.CreatedAt.Compare(b.CreatedAt) })
	for i, g := range comments {
		out[i].Comments = g
	}
	events := groupBy(r.Events, len(out), func(e *snapshot.Event) (int32, bool) {
		i, ok := byNumber[e.Issue]
		return i, ok
	}, func(a, b snapshot.Event) int { return a.CreatedAt.Compare(b.CreatedAt) })
	for i, g := range events {
		out[i].Events = g
	}
	return out
}

// groupBy places records into n groups by key, keeping their order, and
// sorts each group with cmp unless it is sorted already. The groups share
// one backing array.
func groupBy[T any](records []T, n int, key func(*T) (int32, bool), cmp func(a, b T) int) [][]T {
	keys := make([]int32, len(records))
	start := make([]int, n+1)
	for i := range records {
		k, ok := key(&records[i])
		if !ok {
			k = -1
		}
		keys[i] = k
		if ok {
			start[k+1]++
		}
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	all := make([]T, start[n])
	next := slices.Clone(start[:n])
	for i, k := range keys {
		if k >= 0 {
			all[next[k]] = records[i]
			next[k]++
		}
	}
	groups := make([][]T, n)
	for i := range n {
		g := all[start[i]:start[i+1]:start[i+1]]
		if !slices.IsSortedFunc(g, cmp) {
			slices.SortStableFunc(g, cmp)
		}
		if len(g) > 0 {
			groups[i] = g
		}
	}
	return groups
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
	// Labels maps each label, lowercased, to the periods the issue carried it.
	Labels map[string][]Interval
	// IsOpen and Current are the state at the instant itself.
	IsOpen  bool
	Current map[string]bool
	// names keeps each label as GitHub spells it, for display.
	names map[string]string
}

// HasLabel reports whether the issue carries the label at the timeline's
// instant.
// Labels compare case-insensitively, as GitHub names them.
func (t *Timeline) HasLabel(label string) bool { return t.Current[strings.ToLower(label)] }

// Periods returns the periods the issue carried the label.
func (t *Timeline) Periods(label string) []Interval { return t.Labels[strings.ToLower(label)] }

// CurrentLabels returns the labels the issue carries at the timeline's
// instant, sorted.
func (t *Timeline) CurrentLabels() []string {
	out := make([]string, 0, len(t.Current))
	for l := range t.Current {
		if name, ok := t.names[l]; ok {
			l = name
		}
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// NewTimeline rebuilds an issue's open periods and labels from its events,
// ignoring everything after at (SPEC §3 "as of at").
//
// Fallbacks cover data the events do not hold: a label whose first event
// is its removal, or that the issue carries now with no event at all, is
// taken to have been there since the issue was opened; an issue that is
// closed now with no closed event is taken to have been closed at its
// closed_at. The fallbacks look at every event, those after at included: a
// label first added after at is one the issue did not carry at at, even
// though it carries it now.
func NewTimeline(h *History, at time.Time) *Timeline {
	is := h.Issue
	t := &Timeline{At: at, Opened: is.CreatedAt, Labels: map[string][]Interval{}, Current: map[string]bool{}, names: map[string]string{}}
	if is.CreatedAt.After(at) {
		return t // not yet opened: no periods at all
	}
	labelStart := map[string]time.Time{}
	seenLabel := map[string]bool{}
	sawClose := false
	for _, e := range h.Events {
		switch e.Kind {
		case snapshot.Labeled, snapshot.Unlabeled:
			label := strings.ToLower(e.Label)
			if _, ok := t.names[label]; !ok {
				t.names[label] = e.Label
			}
			if !seenLabel[label] && e.Kind == snapshot.Unlabeled {
				labelStart[label] = is.CreatedAt // removed before any labeled event
			}
			seenLabel[label] = true
		case snapshot.Closed:
			sawClose = true
		}
	}
	for _, name := range is.Labels {
		l := strings.ToLower(name)
		t.names[l] = name // the current spelling wins
		if !seenLabel[l] {
			labelStart[l] = is.CreatedAt
		}
	}
	open, openSince := true, is.CreatedAt
	for _, e := range h.Events {
		if e.CreatedAt.After(at) {
			break
		}
		when := maxTime(e.CreatedAt, is.CreatedAt)
		label := strings.ToLower(e.Label) // labels compare case-insensitively
		switch e.Kind {
		case snapshot.Labeled:
			if _, on := labelStart[label]; !on {
				labelStart[label] = when
			}
		case snapshot.Unlabeled:
			if s, on := labelStart[label]; on {
				t.Labels[label] = appendInterval(t.Labels[label], s, when)
				delete(labelStart, label)
			}
		case snapshot.Closed:
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
