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
	// Reactions are those on the issue itself, not on its comments, in
	// the order they were made.
	Reactions []snapshot.Reaction
}

// Histories groups a repository's comments, events and the reactions on
// its issues by issue. Records of issues the snapshot does not hold are
// dropped. The grouping is a
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
	if len(r.Reactions) > 0 {
		reactions := groupBy(r.Reactions, len(out), func(x *snapshot.Reaction) (int32, bool) {
			i, ok := byNumber[x.Issue]
			return i, ok && x.Comment == 0
		}, func(a, b snapshot.Reaction) int {
			return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
		})
		for i, g := range reactions {
			out[i].Reactions = g
		}
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
	// IsOpen is the state at the instant itself.
	IsOpen bool
	// labels holds each label the issue had or has, in the order first
	// met: an issue has few, and a look-up by scanning them costs less than
	// a map.
	labels []labelHistory
}

// labelHistory is one label over an issue's timeline.
type labelHistory struct {
	key  string // lowercased: labels compare case-insensitively, as GitHub names them
	name string // as GitHub spells it, for display
	// periods are the periods the issue carried it; spans those it
	// carried it while open.
	periods []Interval
	spans   []Span
	seen    bool      // some event names it
	on      bool      // carried (at the instant, once the timeline is built)
	since   time.Time // when it was put on, while on
}

// find returns the index of a label by its lowercased key, or -1.
func (t *Timeline) find(key string) int {
	for i := range t.labels {
		if t.labels[i].key == key {
			return i
		}
	}
	return -1
}

// label returns a label's history, added if new; the pointer is good
// until the next label is added.
func (t *Timeline) label(name string) *labelHistory {
	key := strings.ToLower(name)
	if i := t.find(key); i >= 0 {
		return &t.labels[i]
	}
	t.labels = append(t.labels, labelHistory{key: key, name: name})
	return &t.labels[len(t.labels)-1]
}

// HasLabel reports whether the issue carries the label at the timeline's
// instant.
func (t *Timeline) HasLabel(label string) bool {
	i := t.find(strings.ToLower(label))
	return i >= 0 && t.labels[i].on
}

// OpenAt reports whether the issue was open at t, up to the timeline's
// instant: one of its open periods holds t.
func (t *Timeline) OpenAt(at time.Time) bool { return AnyHolds(t.Open, at) }

// Periods returns the periods the issue carried the label.
func (t *Timeline) Periods(label string) []Interval {
	if i := t.find(strings.ToLower(label)); i >= 0 {
		return t.labels[i].periods
	}
	return nil
}

// Spans returns the periods the issue carried the label while it was
// open, in order: label_time's clocks.
func (t *Timeline) Spans(label string) []Span {
	if i := t.find(strings.ToLower(label)); i >= 0 {
		return t.labels[i].spans
	}
	return nil
}

// CurrentLabels returns the labels the issue carries at the timeline's
// instant, sorted.
func (t *Timeline) CurrentLabels() []string {
	var out []string
	for _, l := range t.labels {
		if l.on {
			out = append(out, l.name)
		}
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
	t := &Timeline{At: at, Opened: is.CreatedAt}
	if is.CreatedAt.After(at) {
		return t // not yet opened: no periods at all
	}
	sawClose := false
	var firstState snapshot.EventKind
	for _, e := range h.Events {
		switch e.Kind {
		case snapshot.Labeled, snapshot.Unlabeled:
			if l := t.label(e.Label); !l.seen {
				l.seen = true
				if e.Kind == snapshot.Unlabeled {
					l.on, l.since = true, is.CreatedAt // removed before any labeled event
				}
			}
		case snapshot.Closed, snapshot.Reopened:
			sawClose = sawClose || e.Kind == snapshot.Closed
			if firstState == 0 {
				firstState = e.Kind
			}
		}
	}
	for _, name := range is.Labels {
		l := t.label(name)
		l.name = name // the current spelling wins
		if !l.seen {
			l.on, l.since = true, is.CreatedAt
		}
	}
	w := walk{t: t}
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
		switch e.Kind {
		case snapshot.Labeled:
			w.label(t.label(e.Label), e.CreatedAt)
		case snapshot.Unlabeled:
			w.unlabel(t.label(e.Label), e.CreatedAt)
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
	for i := range t.labels {
		if l := &t.labels[i]; l.on {
			l.periods = append(l.periods, Interval{l.since, at})
			if w.isOpen {
				l.spans = append(l.spans, Span{Interval: Interval{w.spanStart(l), at}})
			}
		}
	}
	return t
}

// walk is an issue's open state while its events are applied in order;
// the labels keep their own.
type walk struct {
	t         *Timeline
	isOpen    bool
	openSince time.Time
}

// spanStart is when a label that is on began to count while open: when it
// was put on, or when the issue was last opened, whichever came later.
func (w *walk) spanStart(l *labelHistory) time.Time { return maxTime(l.since, w.openSince) }

func (w *walk) label(l *labelHistory, at time.Time) {
	if !l.on {
		l.on, l.since = true, at
	}
}

func (w *walk) unlabel(l *labelHistory, at time.Time) {
	if !l.on {
		return
	}
	l.periods = append(l.periods, Interval{l.since, at})
	if w.isOpen {
		l.spans = append(l.spans, Span{Interval{w.spanStart(l), at}, "label removed"})
	}
	l.on = false
}

func (w *walk) close(e snapshot.Event) {
	w.t.Closes = append(w.t.Closes, e)
	if !w.isOpen {
		return
	}
	w.t.Open = append(w.t.Open, Interval{w.openSince, e.CreatedAt})
	for i := range w.t.labels {
		if l := &w.t.labels[i]; l.on {
			l.spans = append(l.spans, Span{Interval{w.spanStart(l), e.CreatedAt}, "issue closed"})
		}
	}
	w.isOpen = false
}

func (w *walk) open(at time.Time) {
	if !w.isOpen {
		w.isOpen, w.openSince = true, at
	}
}
