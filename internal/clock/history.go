// Package clock turns an issue's history into clocks (SPEC §3): measured
// intervals of business time, with pauses and reopenings, as of an
// evaluation instant. Pure functions: no I/O, no time.Now.
package clock

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/snapshot"
)

// History is one issue with its comments and events, each in the order
// they happened: by time, and within a second by GitHub's id, which grows
// with time (SPEC §3 "Order within a second"). Records without an id
// (files written by hand) keep their order in the file within a second.
type History struct {
	Repo     *snapshot.Repo
	Issue    *snapshot.Issue
	Comments []snapshot.Comment
	Events   []snapshot.Event
}

// Histories groups a repository's comments and events by issue. Records of
// issues the snapshot does not hold are dropped. The grouping is a
// counting sort by issue (linear, and stable), then each issue's few
// records are sorted if they are not already: the events list is read
// newest first.
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
	}, func(a, b snapshot.Comment) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	for i, g := range comments {
		out[i].Comments = g
	}
	events := groupBy(r.Events, len(out), func(e *snapshot.Event) (int32, bool) {
		i, ok := byNumber[e.Issue]
		return i, ok
	}, func(a, b snapshot.Event) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
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

// Interval is [Start, End). Start may equal End: a period that began and
// ended in the same second still happened (SPEC §3 "Order within a
// second").
type Interval struct{ Start, End time.Time }

// Empty reports whether the interval lasts no time.
func (i Interval) Empty() bool { return !i.End.After(i.Start) }

// Span is a period the issue carried a label while it was open: one
// label_time clock.
type Span struct {
	Interval
	// Ended says what ended it, "label removed" or "issue closed", or is
	// "" when it goes on at the instant.
	Ended string
}

// Timeline is an issue's state over time as of an instant: when it was
// open and when it carried each label. Intervals are clipped to the
// instant; one that reaches it is still going on. Periods that lasted no
// time are kept: an issue opened and closed in one second was open, for no
// time, and a comment in that second was made while it was open.
type Timeline struct {
	At     time.Time
	Opened time.Time
	// Open lists the periods the issue was open, in order.
	Open []Interval
	// Closes lists the close events, in order.
	Closes []snapshot.Event
	// Labels maps each label, lowercased, to the periods the issue carried it.
	Labels map[string][]Interval
	// Spans maps each label, lowercased, to the periods the issue carried
	// it while open, in order.
	Spans map[string][]Span
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
// applied one by one in their order, ignoring everything after at (SPEC §3
// "as of at").
//
// What the events imply counts even where the events that would say it
// were not read (SPEC §3 "Independent of fetch depth"): the issue was in
// the state its first close or reopening leaves — before a reopened event
// it was closed, since its opening as far as the data tells; before a
// closed event, open. The other fallbacks cover data the events do not
// hold: a label whose first event is its removal, or that the issue
// carries now with no event at all, is taken to have been there since the
// issue was opened; an issue that is closed now with no closed event is
// taken to have been closed at its closed_at. A close of a closed issue or
// a reopening of an open one (the same event read twice) changes nothing.
// The fallbacks look at every event, those after at included, so that
// every instant reads the same story: a label first added after at is one
// the issue did not carry at at, even though it carries it now.
func NewTimeline(h *History, at time.Time) *Timeline {
	is := h.Issue
	t := &Timeline{At: at, Opened: is.CreatedAt, Labels: map[string][]Interval{}, Spans: map[string][]Span{},
		Current: map[string]bool{}, names: map[string]string{}}
	if is.CreatedAt.After(at) {
		return t // not yet opened: no periods at all
	}
	w := walk{t: t, labelSince: map[string]time.Time{}, spanSince: map[string]time.Time{}}
	seenLabel := map[string]bool{}
	sawClose := false
	var firstState snapshot.EventKind
	for _, e := range h.Events {
		switch e.Kind {
		case snapshot.Labeled, snapshot.Unlabeled:
			label := strings.ToLower(e.Label)
			if _, ok := t.names[label]; !ok {
				t.names[label] = e.Label
			}
			if !seenLabel[label] && e.Kind == snapshot.Unlabeled {
				w.labelSince[label] = is.CreatedAt // removed before any labeled event
			}
			seenLabel[label] = true
		case snapshot.Closed, snapshot.Reopened:
			sawClose = sawClose || e.Kind == snapshot.Closed
			if firstState == 0 {
				firstState = e.Kind
			}
		}
	}
	for _, name := range is.Labels {
		l := strings.ToLower(name)
		t.names[l] = name // the current spelling wins
		if !seenLabel[l] {
			w.labelSince[l] = is.CreatedAt
		}
	}
	if firstState != snapshot.Reopened {
		w.open(is.CreatedAt)
	}
	// An issue closed now without a closed event closed at closed_at, after
	// whatever else happened in that second.
	fallbackClose := !sawClose && !is.ClosedAt.IsZero() && !is.ClosedAt.After(at)
	for _, e := range h.Events {
		if e.CreatedAt.After(at) {
			break
		}
		if fallbackClose && e.CreatedAt.After(is.ClosedAt) {
			w.close(snapshot.Event{Issue: is.Number, Kind: snapshot.Closed, CreatedAt: is.ClosedAt})
			fallbackClose = false
		}
		e.CreatedAt = maxTime(e.CreatedAt, is.CreatedAt) // an event stamped before the opening happened at it
		label := strings.ToLower(e.Label)                // labels compare case-insensitively
		switch e.Kind {
		case snapshot.Labeled:
			w.label(label, e.CreatedAt)
		case snapshot.Unlabeled:
			w.unlabel(label, e.CreatedAt)
		case snapshot.Closed:
			w.close(e)
		case snapshot.Reopened:
			w.open(e.CreatedAt)
		}
	}
	if fallbackClose {
		w.close(snapshot.Event{Issue: is.Number, Kind: snapshot.Closed, CreatedAt: is.ClosedAt})
	}
	if w.isOpen {
		t.IsOpen = true
		t.Open = append(t.Open, Interval{w.openSince, at})
	}
	for l, s := range w.labelSince {
		t.Current[l] = true
		t.Labels[l] = append(t.Labels[l], Interval{s, at})
		if w.isOpen {
			t.Spans[l] = append(t.Spans[l], Span{Interval: Interval{w.spanSince[l], at}})
		}
	}
	return t
}

// walk is the state of an issue while its events are applied in order.
type walk struct {
	t          *Timeline
	isOpen     bool
	openSince  time.Time
	labelSince map[string]time.Time // labels on, since when
	spanSince  map[string]time.Time // labels on while open, since when
}

func (w *walk) label(l string, at time.Time) {
	if _, on := w.labelSince[l]; on {
		return
	}
	w.labelSince[l] = at
	if w.isOpen {
		w.spanSince[l] = at
	}
}

func (w *walk) unlabel(l string, at time.Time) {
	s, on := w.labelSince[l]
	if !on {
		return
	}
	w.t.Labels[l] = append(w.t.Labels[l], Interval{s, at})
	delete(w.labelSince, l)
	if w.isOpen {
		w.t.Spans[l] = append(w.t.Spans[l], Span{Interval{w.spanSince[l], at}, "label removed"})
		delete(w.spanSince, l)
	}
}

func (w *walk) close(e snapshot.Event) {
	w.t.Closes = append(w.t.Closes, e)
	if !w.isOpen {
		return
	}
	w.t.Open = append(w.t.Open, Interval{w.openSince, e.CreatedAt})
	for l, s := range w.spanSince {
		w.t.Spans[l] = append(w.t.Spans[l], Span{Interval{s, e.CreatedAt}, "issue closed"})
		delete(w.spanSince, l)
	}
	w.isOpen = false
}

func (w *walk) open(at time.Time) {
	if w.isOpen {
		return
	}
	w.isOpen, w.openSince = true, at
	for l := range w.labelSince {
		w.spanSince[l] = at
	}
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
