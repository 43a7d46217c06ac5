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
func Histories(r *snapshot.Repo) []History { return new(Grouping).Histories(r) }

// Grouping is the memory Histories groups records in, kept to group the
// next repository's without allocating it again: the histories of one
// repository are good until the next is grouped in the same Grouping.
type Grouping struct {
	histories []History
	byNumber  map[int]int32
	comments  groups[snapshot.Comment]
	events    groups[snapshot.Event]
	reactions groups[snapshot.Reaction]
}

// Histories is the package's Histories, in g's memory.
func (g *Grouping) Histories(r *snapshot.Repo) []History {
	out := resize(g.histories, len(r.Issues))
	g.histories = out
	if g.byNumber == nil {
		g.byNumber = make(map[int]int32, len(r.Issues))
	}
	clear(g.byNumber)
	for i := range r.Issues {
		out[i] = History{Repo: r, Issue: &r.Issues[i]}
		g.byNumber[r.Issues[i].Number] = int32(i)
	}
	g.comments.group(r.Comments, len(out), func(c *snapshot.Comment) (int32, bool) {
		i, ok := g.byNumber[c.Issue]
		return i, ok
	}, func(a, b snapshot.Comment) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	}, func(i int, g []snapshot.Comment) { out[i].Comments = g })
	g.events.group(r.Events, len(out), func(e *snapshot.Event) (int32, bool) {
		i, ok := g.byNumber[e.Issue]
		return i, ok
	}, func(a, b snapshot.Event) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	}, func(i int, g []snapshot.Event) { out[i].Events = g })
	if len(r.Reactions) > 0 {
		g.reactions.group(r.Reactions, len(out), func(x *snapshot.Reaction) (int32, bool) {
			i, ok := g.byNumber[x.Issue]
			return i, ok && x.Comment == 0
		}, func(a, b snapshot.Reaction) int {
			return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
		}, func(i int, g []snapshot.Reaction) { out[i].Reactions = g })
	}
	return out
}

// resize returns s with n elements, reusing its array when it holds them.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// groups is the memory of a grouping by key: each record's key, where
// each group starts, and the records placed group after group.
type groups[T any] struct {
	keys  []int32
	start []int
	all   []T
}

// group places records into n groups by key, keeping their order, sorts
// each group with cmp unless it is sorted already, and gives each group
// that is not empty to found. The groups share one backing array.
func (g *groups[T]) group(records []T, n int, key func(*T) (int32, bool), cmp func(a, b T) int, found func(i int, group []T)) {
	keys := resize(g.keys, len(records))
	start := resize(g.start, n+1)
	clear(start)
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
	all := resize(g.all, start[n])
	for i, k := range keys { // start[k] is where k's next record goes, for now
		if k >= 0 {
			all[start[k]] = records[i]
			start[k]++
		}
	}
	for i := n; i > 0; i-- { // start[i-1] has reached where group i starts: back one group
		start[i] = start[i-1]
	}
	start[0] = 0
	for i := range n {
		grp := all[start[i]:start[i+1]:start[i+1]]
		if len(grp) == 0 {
			continue
		}
		if !slices.IsSortedFunc(grp, cmp) {
			slices.SortStableFunc(grp, cmp)
		}
		found(i, grp)
	}
	g.keys, g.start, g.all = keys, start, all
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
	// lowered remembers label names and their lowercase keys from one
	// build to the next (a repository has few labels), so that looking a
	// name up allocates nothing.
	lowered []loweredName
}

type loweredName struct{ name, key string }

// maxLowered bounds the names a timeline remembers lowered.
const maxLowered = 64

// lower returns a label name's key: lowercased, as labels compare.
func (t *Timeline) lower(name string) string {
	for _, l := range t.lowered {
		if l.name == name {
			return l.key
		}
	}
	key := strings.ToLower(name)
	if len(t.lowered) < maxLowered {
		t.lowered = append(t.lowered, loweredName{name, key})
	}
	return key
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

// find returns the index of a label, compared case-insensitively, or -1.
// A name spelled as the label's is found without lowering it.
func (t *Timeline) find(name string) int {
	for i := range t.labels {
		if t.labels[i].name == name {
			return i
		}
	}
	key := t.lower(name)
	for i := range t.labels {
		if t.labels[i].key == key {
			return i
		}
	}
	return -1
}

// label returns a label's history, added if new; the pointer is good
// until the next label is added. An entry left by an earlier build is
// used again, with the memory of its periods.
func (t *Timeline) label(name string) *labelHistory {
	if i := t.find(name); i >= 0 {
		return &t.labels[i]
	}
	n := len(t.labels)
	if n == cap(t.labels) {
		t.labels = append(t.labels, labelHistory{})
	}
	t.labels = t.labels[:n+1]
	l := &t.labels[n]
	*l = labelHistory{key: t.lower(name), name: name, periods: l.periods[:0], spans: l.spans[:0]}
	return l
}

// HasLabel reports whether the issue carries the label at the timeline's
// instant.
func (t *Timeline) HasLabel(label string) bool {
	i := t.find(label)
	return i >= 0 && t.labels[i].on
}

// OpenAt reports whether the issue was open at t, up to the timeline's
// instant: one of its open periods holds t.
func (t *Timeline) OpenAt(at time.Time) bool { return AnyHolds(t.Open, at) }

// Periods returns the periods the issue carried the label.
func (t *Timeline) Periods(label string) []Interval {
	if i := t.find(label); i >= 0 {
		return t.labels[i].periods
	}
	return nil
}

// Spans returns the periods the issue carried the label while it was
// open, in order: label_time's clocks.
func (t *Timeline) Spans(label string) []Span {
	if i := t.find(label); i >= 0 {
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
	t := new(Timeline)
	t.Rebuild(h, at)
	return t
}

// Rebuild makes t the timeline of h as of at, as NewTimeline does, in the
// memory t holds from an earlier build: what t said before is gone, and
// so are the slices its methods returned.
func (t *Timeline) Rebuild(h *History, at time.Time) {
	is := h.Issue
	*t = Timeline{At: at, Opened: is.CreatedAt, Open: t.Open[:0], Closes: t.Closes[:0], labels: t.labels[:0], lowered: t.lowered}
	if is.CreatedAt.After(at) {
		return // not yet opened: no periods at all
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
