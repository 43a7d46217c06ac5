package clock

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/snapshot"
)

// t0 is Mon 2026-11-23 08:00Z (09:00 in Berlin); h(n) is n hours later.
var t0 = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

func h(n float64) time.Time { return t0.Add(time.Duration(n * float64(time.Hour))) }

func iv(a, b float64) Interval { return Interval{h(a), h(b)} }

// show prints intervals as hours after t0, e.g. "[1,3) [4,5)".
func show(list []Interval) string {
	var b strings.Builder
	for i, p := range list {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "[%g,%g)", p.Start.Sub(t0).Hours(), p.End.Sub(t0).Hours())
	}
	return b.String()
}

func ivs(pairs ...float64) []Interval {
	var out []Interval
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, iv(pairs[i], pairs[i+1]))
	}
	return out
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name     string
		in, want []Interval
	}{
		{"empty", nil, nil},
		{"one", ivs(1, 2), ivs(1, 2)},
		{"disjoint, unsorted: sorted", ivs(5, 6, 1, 2), ivs(1, 2, 5, 6)},
		{"overlapping", ivs(1, 4, 3, 6), ivs(1, 6)},
		{"touching are joined", ivs(1, 2, 2, 3), ivs(1, 3)},
		{"contained", ivs(1, 10, 2, 3, 4, 5), ivs(1, 10)},
		{"chain out of order", ivs(7, 9, 1, 3, 2, 5, 5, 6), ivs(1, 6, 7, 9)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			if got := show(merge(in)); got != show(tt.want) {
				t.Errorf("merge(%s) = %s, want %s", show(tt.in), got, show(tt.want))
			}
			if show(in) != show(tt.in) {
				t.Errorf("merge changed its argument: %s", show(in))
			}
		})
	}
}

func TestSubtract(t *testing.T) {
	tests := []struct {
		name           string
		list, cut, out []Interval
	}{
		{"no cut", ivs(1, 5), nil, ivs(1, 5)},
		{"cut inside: two pieces", ivs(1, 5), ivs(2, 3), ivs(1, 2, 3, 5)},
		{"cut over the start", ivs(1, 5), ivs(0, 2), ivs(2, 5)},
		{"cut over the end", ivs(1, 5), ivs(4, 9), ivs(1, 4)},
		{"cut over everything", ivs(1, 5), ivs(0, 9), nil},
		{"cut exactly the interval", ivs(1, 5), ivs(1, 5), nil},
		{"cut touching, outside", ivs(1, 5), ivs(0, 1, 5, 6), ivs(1, 5)},
		{"cuts across several intervals", ivs(0, 4, 6, 10), ivs(1, 2, 3, 7, 9, 12), ivs(0, 1, 2, 3, 7, 9)},
		{"empty list", nil, ivs(1, 2), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(subtract(tt.list, tt.cut)); got != show(tt.out) {
				t.Errorf("subtract(%s, %s) = %s, want %s", show(tt.list), show(tt.cut), got, show(tt.out))
			}
		})
	}
}

func TestClip(t *testing.T) {
	// Open 0–2 and 4–8, clipped at 5: 0–2 and 4–5; at 2 (a close): 0–2.
	if got := show(clip(ivs(0, 2, 4, 8), h(5))); got != "[0,2) [4,5)" {
		t.Errorf("clip at 5 = %s", got)
	}
	if got := show(clip(ivs(0, 2, 4, 8), h(2))); got != "[0,2)" {
		t.Errorf("clip at 2 = %s", got)
	}
}

func TestAnyHoldsAndWithin(t *testing.T) {
	t.Parallel()
	open := ivs(0, 2, 4, 8, 10, 10) // the last lasted no time
	for _, tt := range []struct {
		at           float64
		holds, reach bool
	}{
		{0, true, true},    // a start holds
		{1, true, true},    // inside
		{2, false, true},   // an end does not hold, but within reaches it
		{3, false, false},  // a gap
		{7.5, true, true},  // inside the second
		{10, false, true},  // a period of no time holds nothing
		{11, false, false}, // after them all
	} {
		if got := AnyHolds(open, h(tt.at)); got != tt.holds {
			t.Errorf("AnyHolds(%s, %g) = %v, want %v", show(open), tt.at, got, tt.holds)
		}
		if got := within(open, h(tt.at)); got != tt.reach {
			t.Errorf("within(%s, %g) = %v, want %v", show(open), tt.at, got, tt.reach)
		}
	}
}

func TestBusinessTimeUntilAndReach(t *testing.T) {
	t.Parallel()
	// [7, 25) is Mon 16:00 → Tue 10:00 in Berlin: 1h on Monday (16–17) and
	// 1h on Tuesday (09–10), 2h of business time in all.
	list := ivs(7, 25)
	for _, tt := range []struct {
		until float64
		want  time.Duration
	}{
		{7, 0},                   // nothing before its start
		{9, time.Hour},           // Mon 16–17; 17–18 is closed
		{24.5, 90 * time.Minute}, // Mon 16–17 + Tue 09:00–09:30
		{40, 2 * time.Hour},      // the whole interval
	} {
		if got := BusinessTimeUntil(berlin(), list, h(tt.until)); got != tt.want {
			t.Errorf("BusinessTimeUntil(%s, %g) = %v, want %v", show(list), tt.until, got, tt.want)
		}
	}
	if got := BusinessTime(berlin(), list); got != 2*time.Hour {
		t.Errorf("BusinessTime = %v, want 2h", got)
	}
	// 90m: 1h on Monday, then 30m from Tue 09:00 → Tue 09:30 = h(24.5).
	if got, ok := Reach(berlin(), list, 90*time.Minute); !ok || !got.Equal(h(24.5)) {
		t.Errorf("Reach 90m = %v, %v, want %v", got, ok, h(24.5))
	}
	// Exactly all of it: Tue 10:00 = h(25).
	if got, ok := Reach(berlin(), list, 2*time.Hour); !ok || !got.Equal(h(25)) {
		t.Errorf("Reach 2h = %v, %v, want %v", got, ok, h(25))
	}
	if got, ok := Reach(berlin(), list, 3*time.Hour); ok {
		t.Errorf("Reach 3h = %v, want not reached (2h in all)", got)
	}
}

// history builds an issue opened at t0 by carol, with events in order.
func history(labels []string, closedAt time.Time, events ...snapshot.Event) *History {
	r := &snapshot.Repo{Name: "acme/req"}
	r.Issues = []snapshot.Issue{{Number: 1, Author: "carol", CreatedAt: t0, Labels: labels, ClosedAt: closedAt}}
	r.Events = events
	hs := Histories(r)
	return &hs[0]
}

func ev(kind snapshot.EventKind, label string, at float64) snapshot.Event {
	return snapshot.Event{Issue: 1, Kind: kind, Label: label, Actor: "bob", CreatedAt: h(at)}
}

func TestNewTimeline(t *testing.T) {
	// Events, in hours after t0: opened with "bug" (a labeled event at 0),
	// "wait" added at 1 and removed at 3, closed at 4, reopened at 6,
	// "wait" added at 7, closed at 10 and "bug" removed at 11. The issue
	// as fetched: closed, with "wait".
	events := []snapshot.Event{
		ev(snapshot.Labeled, "bug", 0),
		ev(snapshot.Labeled, "wait", 1),
		ev(snapshot.Unlabeled, "wait", 3),
		ev(snapshot.Closed, "", 4),
		ev(snapshot.Reopened, "", 6),
		ev(snapshot.Labeled, "wait", 7),
		ev(snapshot.Closed, "", 10),
		ev(snapshot.Unlabeled, "bug", 11),
	}
	hist := history([]string{"wait"}, h(10), events...)
	tests := []struct {
		at        float64
		open      string
		isOpen    bool
		closes    int
		wait, bug string
		current   []string
	}{
		// At 2: open since 0, "wait" on since 1; the close at 4 and the
		// rest have not happened.
		{at: 2, open: "[0,2)", isOpen: true, wait: "[1,2)", bug: "[0,2)", current: []string{"bug", "wait"}},
		// At 5: closed at 4; "wait" was on 1–3.
		{at: 5, open: "[0,4)", closes: 1, wait: "[1,3)", bug: "[0,5)", current: []string{"bug"}},
		// At 8: reopened at 6, "wait" on again since 7.
		{at: 8, open: "[0,4) [6,8)", isOpen: true, closes: 1, wait: "[1,3) [7,8)", bug: "[0,8)", current: []string{"bug", "wait"}},
		// At 12: everything, "bug" removed at 11 (after the last close).
		{at: 12, open: "[0,4) [6,10)", closes: 2, wait: "[1,3) [7,12)", bug: "[0,11)", current: []string{"wait"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("at %g", tt.at), func(t *testing.T) {
			tl := NewTimeline(hist, h(tt.at))
			if got := show(tl.Open); got != tt.open {
				t.Errorf("open %s, want %s", got, tt.open)
			}
			if tl.IsOpen != tt.isOpen || len(tl.Closes) != tt.closes {
				t.Errorf("IsOpen %v with %d closes, want %v with %d", tl.IsOpen, len(tl.Closes), tt.isOpen, tt.closes)
			}
			if got := show(tl.Periods("wait")); got != tt.wait {
				t.Errorf("wait %s, want %s", got, tt.wait)
			}
			if got := show(tl.Periods("bug")); got != tt.bug {
				t.Errorf("bug %s, want %s", got, tt.bug)
			}
			if got := tl.CurrentLabels(); !slices.Equal(got, tt.current) {
				t.Errorf("current labels %v, want %v", got, tt.current)
			}
		})
	}
}

func TestNewTimelineFallbacks(t *testing.T) {
	t.Run("a label with no event at all was there since the opening", func(t *testing.T) {
		tl := NewTimeline(history([]string{"bug"}, time.Time{}), h(5))
		if got := show(tl.Periods("bug")); got != "[0,5)" || !tl.HasLabel("bug") {
			t.Errorf("bug %s (current %v), want [0,5) and current", got, tl.HasLabel("bug"))
		}
	})
	t.Run("a label first added after the instant was not there at it", func(t *testing.T) {
		// The issue carries "bug" now, but it was added at 7: at 5 it had
		// no "bug". Reading the current labels would put it there since 0.
		tl := NewTimeline(history([]string{"bug"}, time.Time{}, ev(snapshot.Labeled, "bug", 7)), h(5))
		if tl.HasLabel("bug") || len(tl.Periods("bug")) != 0 {
			t.Errorf("bug %s (current %v), want none", show(tl.Periods("bug")), tl.HasLabel("bug"))
		}
	})
	t.Run("a label first removed was there since the opening", func(t *testing.T) {
		// No labeled event (it was lost), removed at 7: at 5 it is on
		// since 0; at 9 it was on 0–7.
		hist := history(nil, time.Time{}, ev(snapshot.Unlabeled, "bug", 7))
		if tl := NewTimeline(hist, h(5)); show(tl.Periods("bug")) != "[0,5)" || !tl.HasLabel("bug") {
			t.Errorf("at 5: bug %s (current %v), want [0,5) and current", show(tl.Periods("bug")), tl.HasLabel("bug"))
		}
		if tl := NewTimeline(hist, h(9)); show(tl.Periods("bug")) != "[0,7)" || tl.HasLabel("bug") {
			t.Errorf("at 9: bug %s (current %v), want [0,7) and not current", show(tl.Periods("bug")), tl.HasLabel("bug"))
		}
	})
	t.Run("closed with no closed event: closed at closed_at", func(t *testing.T) {
		hist := history(nil, h(3))
		tl := NewTimeline(hist, h(5))
		if show(tl.Open) != "[0,3)" || tl.IsOpen || len(tl.Closes) != 1 || !tl.Closes[0].CreatedAt.Equal(h(3)) {
			t.Errorf("open %s, IsOpen %v, closes %v; want [0,3), closed at 3", show(tl.Open), tl.IsOpen, tl.Closes)
		}
		// Before closed_at it is still open.
		if tl := NewTimeline(hist, h(2)); show(tl.Open) != "[0,2)" || !tl.IsOpen || len(tl.Closes) != 0 {
			t.Errorf("at 2: open %s, IsOpen %v, want [0,2) and open", show(tl.Open), tl.IsOpen)
		}
	})
	t.Run("closed events win over closed_at", func(t *testing.T) {
		// Closed at 1, reopened at 2, closed at 4 (closed_at 4); at 3 it
		// is open again.
		hist := history(nil, h(4), ev(snapshot.Closed, "", 1), ev(snapshot.Reopened, "", 2), ev(snapshot.Closed, "", 4))
		if tl := NewTimeline(hist, h(3)); show(tl.Open) != "[0,1) [2,3)" || !tl.IsOpen {
			t.Errorf("open %s, IsOpen %v; want [0,1) [2,3) and open", show(tl.Open), tl.IsOpen)
		}
	})
	t.Run("not yet opened", func(t *testing.T) {
		tl := NewTimeline(history([]string{"bug"}, time.Time{}), h(-1))
		if len(tl.Open) != 0 || tl.IsOpen || len(tl.CurrentLabels()) != 0 {
			t.Errorf("open %s, IsOpen %v, labels %v; want nothing", show(tl.Open), tl.IsOpen, tl.CurrentLabels())
		}
	})
	t.Run("events stamped before the opening count from it", func(t *testing.T) {
		// A labeled event a second before created_at (clock skew).
		tl := NewTimeline(history([]string{"bug"}, time.Time{}, snapshot.Event{Issue: 1, Kind: snapshot.Labeled, Label: "bug", CreatedAt: t0.Add(-time.Second)}), h(1))
		if got := show(tl.Periods("bug")); got != "[0,1)" {
			t.Errorf("bug %s, want [0,1)", got)
		}
	})
}

// berlin is Mon–Fri 09:00–17:00 in Europe/Berlin.
var berlin = sync.OnceValue(func() *calendar.Calendar {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	var week [7][]calendar.Range
	for d := time.Monday; d <= time.Friday; d++ {
		week[d] = []calendar.Range{{Start: 9 * 60, End: 17 * 60}}
	}
	c, err := calendar.New("berlin", loc, week, nil)
	if err != nil {
		panic(err)
	}
	return c
})

// mustClocks is Clocks for a spec that clock knows.
func mustClocks(t testing.TB, h *History, tl *Timeline, s *Spec) []Clock {
	t.Helper()
	cs, err := Clocks(h, tl, s)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// An unknown metric, or unknown responders of a first response, is an
// error: it would otherwise make no clocks, and its objective would show
// no data as if nothing had happened.
func TestUnknownMetricIsAnError(t *testing.T) {
	t.Parallel()
	hist := history(nil, time.Time{})
	tl := NewTimeline(hist, h(3))
	for _, tt := range []struct {
		spec Spec
		want string
	}{
		{Spec{Metric: "first_reponse", Calendar: calendar.AlwaysOpen()},
			`unknown metric "first_reponse": use one of first_response, resolution, label_time, satisfaction`},
		{Spec{Metric: "", Calendar: calendar.AlwaysOpen()}, `unknown metric ""`},
		{Spec{Metric: agreement.MetricFirstResponse, Calendar: calendar.AlwaysOpen(), Responders: Responders{Mode: "maintainer"}},
			`unknown responders "maintainer": use one of provider, maintainers, anyone`},
	} {
		cs, err := Clocks(hist, tl, &tt.spec)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Clocks(%+v) = %v, %v; want the error %q", tt.spec, cs, err, tt.want)
		}
	}
	// Resolution does not read responders.
	if cs := mustClocks(t, hist, tl, &Spec{Metric: agreement.MetricResolution, Calendar: calendar.AlwaysOpen()}); len(cs) != 1 {
		t.Errorf("resolution: %d clocks, want 1", len(cs))
	}
}

func TestClocksLabelTime(t *testing.T) {
	// t0 is Mon 09:00 in Berlin. "wait" on 1–3 (10:00–12:00), the issue
	// closed at 4 with "wait" added again at 3.5 (12:30), reopened at 30
	// (Tue 15:00) with "wait" still on, which is then removed at 49 (Wed
	// 10:00). Each period the issue was open with the label is a clock:
	//   [1,3)      2h, label removed
	//   [3.5,4)    30m, issue closed
	//   [30,49)    Tue 15:00–17:00 2h + Wed 09:00–10:00 1h = 3h, label removed
	// At 31 (Tue 16:00) the third runs: 1h, label still on.
	hist := history(nil, time.Time{},
		ev(snapshot.Labeled, "wait", 1), ev(snapshot.Unlabeled, "wait", 3),
		ev(snapshot.Labeled, "wait", 3.5), ev(snapshot.Closed, "", 4),
		ev(snapshot.Reopened, "", 30), ev(snapshot.Unlabeled, "wait", 49))
	spec := &Spec{Metric: agreement.MetricLabelTime, Label: "wait", Calendar: berlin()}
	type want struct {
		start   float64
		stop    float64 // -1: running
		elapsed time.Duration
		reason  string
	}
	check := func(at float64, wants []want) {
		t.Helper()
		got := mustClocks(t, hist, NewTimeline(hist, h(at)), spec)
		if len(got) != len(wants) {
			t.Fatalf("at %g: %d clocks, want %d", at, len(got), len(wants))
		}
		for i, w := range wants {
			c := got[i]
			stop := -1.0
			if !c.Running() {
				stop = c.Stop.Sub(t0).Hours()
			}
			if !c.Start.Equal(h(w.start)) || stop != w.stop || c.Elapsed != w.elapsed || c.StopReason != w.reason {
				t.Errorf("at %g: clock %d starts %g, stops %g, %v (%s); want %g, %g, %v (%s)", at, i,
					c.Start.Sub(t0).Hours(), stop, c.Elapsed, c.StopReason, w.start, w.stop, w.elapsed, w.reason)
			}
		}
	}
	check(50, []want{
		{1, 3, 2 * time.Hour, "label removed"},
		{3.5, 4, 30 * time.Minute, "issue closed"},
		{30, 49, 3 * time.Hour, "label removed"},
	})
	check(31, []want{
		{1, 3, 2 * time.Hour, "label removed"},
		{3.5, 4, 30 * time.Minute, "issue closed"},
		{30, -1, time.Hour, "label still on"},
	})
	// At 2 the removal at 3 and all that follows have not happened.
	check(2, []want{{1, -1, time.Hour, "label still on"}})
}

func TestClocksPauseMergesOverlappingLabels(t *testing.T) {
	// Resolution on 24x7 with two pause labels whose periods overlap:
	// "wait" 1–4 and "vendor" 3–6 pause 1–6 once, not 1–4 plus 3–6. Closed
	// at 10: counted 0–1 and 6–10 = 5h. Subtracting each label on its own
	// would take 6h off (10 − 6 = 4h); not merging would count 3–4 twice.
	hist := history(nil, h(10),
		ev(snapshot.Labeled, "wait", 1), ev(snapshot.Labeled, "vendor", 3),
		ev(snapshot.Unlabeled, "wait", 4), ev(snapshot.Unlabeled, "vendor", 6), ev(snapshot.Closed, "", 10))
	spec := &Spec{Metric: agreement.MetricResolution, Calendar: calendar.AlwaysOpen(), PauseLabels: []string{"wait", "vendor"}}
	cs := mustClocks(t, hist, NewTimeline(hist, h(12)), spec)
	if len(cs) != 1 {
		t.Fatalf("%d clocks, want 1", len(cs))
	}
	if c := cs[0]; c.Elapsed != 5*time.Hour || show(c.Counted) != "[0,1) [6,10)" || !c.Stop.Equal(h(10)) {
		t.Errorf("elapsed %v, counted %s, stop %v; want 5h, [0,1) [6,10), stop at 10", c.Elapsed, show(c.Counted), c.Stop)
	}
	// At 5 the clock runs, paused ("vendor" still on): 1h so far.
	cs = mustClocks(t, hist, NewTimeline(hist, h(5)), spec)
	if c := cs[0]; !c.Running() || !c.Paused || c.Elapsed != time.Hour {
		t.Errorf("at 5: running %v, paused %v, elapsed %v; want running, paused, 1h", c.Running(), c.Paused, c.Elapsed)
	}
}

// GitHub label names are unique regardless of case, so an agreement's
// "p1" must match an issue's "P1".
func TestLabelsIgnoreCase(t *testing.T) {
	opened := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	at := opened.Add(10 * time.Hour)
	h := &History{Issue: &snapshot.Issue{Number: 1, CreatedAt: opened, Labels: []string{"P1"}},
		Events: []snapshot.Event{
			{Issue: 1, Kind: snapshot.Labeled, Label: "P1", CreatedAt: opened},
			{Issue: 1, Kind: snapshot.Labeled, Label: "Waiting-On-Customer", CreatedAt: opened.Add(time.Hour)},
			{Issue: 1, Kind: snapshot.Unlabeled, Label: "waiting-on-customer", CreatedAt: opened.Add(3 * time.Hour)},
		}}
	tl := NewTimeline(h, at)
	if !tl.HasLabel("p1") || !tl.HasLabel("P1") {
		t.Errorf("p1 not found in %v", tl.CurrentLabels())
	}
	// Added as Waiting-On-Customer, removed as waiting-on-customer: one
	// period of 2h, and not current.
	if p := tl.Periods("WAITING-on-customer"); len(p) != 1 || p[0].End.Sub(p[0].Start) != 2*time.Hour {
		t.Errorf("periods = %v, want one of 2h", p)
	}
	if tl.HasLabel("waiting-on-customer") {
		t.Error("label removed in other case still current")
	}
}

// fetched builds an issue opened at t0 by carol from events listed newest
// first, as the repository-wide events list gives them, with ids growing
// with time as GitHub's do.
func fetched(labels []string, closedAt time.Time, comments []snapshot.Comment, oldestFirst ...snapshot.Event) *History {
	events := slices.Clone(oldestFirst)
	for i := range events {
		events[i].ID = int64(100 + i)
	}
	slices.Reverse(events)
	r := &snapshot.Repo{Name: "acme/req", Comments: comments, Events: events}
	r.Issues = []snapshot.Issue{{Number: 1, Author: "carol", CreatedAt: t0, Labels: labels, ClosedAt: closedAt}}
	hs := Histories(r)
	return &hs[0]
}

// SPEC §3 "Order within a second": events of one second apply in id
// order, whatever the order of the list they were read from.
func TestSameSecondEventsApplyInIDOrder(t *testing.T) {
	t.Run("closed and reopened in one second: open", func(t *testing.T) {
		// Closed at 1 and reopened at 1; at 3 open since 0, closed for no
		// time at 1. Applied newest first, the close would come last and
		// leave the issue closed since 1.
		hist := fetched(nil, time.Time{}, nil, ev(snapshot.Closed, "", 1), ev(snapshot.Reopened, "", 1))
		tl := NewTimeline(hist, h(3))
		if !tl.IsOpen || show(tl.Open) != "[0,1) [1,3)" {
			t.Errorf("IsOpen %v, open %s; want open, [0,1) [1,3)", tl.IsOpen, show(tl.Open))
		}
		c := mustClocks(t, hist, tl, &Spec{Metric: agreement.MetricResolution, Calendar: calendar.AlwaysOpen()})[0]
		if !c.Running() || c.Elapsed != 3*time.Hour || show(c.Counted) != "[0,3)" {
			t.Errorf("resolution running %v, %v over %s; want running, 3h over [0,3)", c.Running(), c.Elapsed, show(c.Counted))
		}
	})
	t.Run("label removed and added back in one second: carried", func(t *testing.T) {
		hist := fetched([]string{"bug"}, time.Time{}, nil,
			ev(snapshot.Labeled, "bug", 0), ev(snapshot.Unlabeled, "bug", 1), ev(snapshot.Labeled, "bug", 1))
		if tl := NewTimeline(hist, h(3)); !tl.HasLabel("bug") || show(tl.Periods("bug")) != "[0,1) [1,3)" {
			t.Errorf("bug current %v, periods %s; want current, [0,1) [1,3)", tl.HasLabel("bug"), show(tl.Periods("bug")))
		}
	})
	t.Run("pause added and removed in one second: no pause", func(t *testing.T) {
		hist := fetched(nil, time.Time{}, nil, ev(snapshot.Labeled, "wait", 1), ev(snapshot.Unlabeled, "wait", 1))
		c := mustClocks(t, hist, NewTimeline(hist, h(3)), &Spec{Metric: agreement.MetricResolution, Calendar: calendar.AlwaysOpen(), PauseLabels: []string{"wait"}})[0]
		if c.Paused || c.Elapsed != 3*time.Hour {
			t.Errorf("paused %v, elapsed %v; want not paused, 3h", c.Paused, c.Elapsed)
		}
	})
	t.Run("opened, answered and closed in one second: a response of 0s", func(t *testing.T) {
		comments := []snapshot.Comment{{ID: 50, Issue: 1, Author: "alice", CreatedAt: t0}}
		hist := fetched(nil, t0, comments, ev(snapshot.Closed, "", 0))
		hist.Events[0].Actor = "carol" // closed by its author: not a response
		tl := NewTimeline(hist, h(3))
		if show(tl.Open) != "[0,0)" {
			t.Errorf("open %s, want the period of no time [0,0)", show(tl.Open))
		}
		spec := &Spec{Metric: agreement.MetricFirstResponse, Calendar: calendar.AlwaysOpen(), Responders: Responders{Mode: agreement.RespondersProvider, Members: map[string]bool{"alice": true}}}
		cs := mustClocks(t, hist, tl, spec)
		if len(cs) != 1 || cs[0].Running() || cs[0].Elapsed != 0 || cs[0].StopReason != "first response: comment by alice" {
			t.Fatalf("clocks %+v, want one stopped by alice's comment after 0s", cs)
		}
	})
	t.Run("a label on for no time while open is a clock of 0s", func(t *testing.T) {
		hist := fetched(nil, time.Time{}, nil, ev(snapshot.Labeled, "wait", 1), ev(snapshot.Unlabeled, "wait", 1))
		cs := mustClocks(t, hist, NewTimeline(hist, h(3)), &Spec{Metric: agreement.MetricLabelTime, Label: "wait", Calendar: calendar.AlwaysOpen()})
		if len(cs) != 1 || !cs[0].Start.Equal(h(1)) || !cs[0].Stop.Equal(h(1)) || cs[0].StopReason != "label removed" {
			t.Errorf("clocks %+v, want one from 1 to 1, label removed", cs)
		}
	})
	t.Run("closed and reopened in one second with a label on: two label clocks", func(t *testing.T) {
		hist := fetched([]string{"wait"}, time.Time{}, nil,
			ev(snapshot.Labeled, "wait", 0), ev(snapshot.Closed, "", 1), ev(snapshot.Reopened, "", 1))
		cs := mustClocks(t, hist, NewTimeline(hist, h(3)), &Spec{Metric: agreement.MetricLabelTime, Label: "wait", Calendar: calendar.AlwaysOpen()})
		if len(cs) != 2 || cs[0].StopReason != "issue closed" || !cs[1].Start.Equal(h(1)) || !cs[1].Running() {
			t.Errorf("clocks %+v, want [0,1) issue closed and one running from 1", cs)
		}
	})
}

// SPEC §3 "Independent of fetch depth": what an event implies counts when
// the event it implies was not read.
func TestStateImpliedByEvents(t *testing.T) {
	labelTime := &Spec{Metric: agreement.MetricLabelTime, Label: "wait", Calendar: calendar.AlwaysOpen()}
	t.Run("a reopening first: closed until then", func(t *testing.T) {
		// Opened at 0, closed before the events read begin; "wait" added at
		// 2 while closed, the issue reopened at 5. Its label clock starts at
		// the reopening, as it does with the close read.
		hist := fetched([]string{"wait"}, time.Time{}, nil, ev(snapshot.Labeled, "wait", 2), ev(snapshot.Reopened, "", 5))
		tl := NewTimeline(hist, h(8))
		if show(tl.Open) != "[5,8)" {
			t.Errorf("open %s, want [5,8)", show(tl.Open))
		}
		cs := mustClocks(t, hist, tl, labelTime)
		if len(cs) != 1 || !cs[0].Start.Equal(h(5)) || cs[0].Elapsed != 3*time.Hour {
			t.Errorf("clocks %+v, want one from 5, 3h", cs)
		}
		// As of 4 the reopening has not happened: closed, no clock.
		if tl := NewTimeline(hist, h(4)); tl.IsOpen || len(mustClocks(t, hist, tl, labelTime)) != 0 {
			t.Errorf("as of 4: open %v with clocks %+v, want closed and none", tl.IsOpen, mustClocks(t, hist, tl, labelTime))
		}
		res := mustClocks(t, hist, NewTimeline(hist, h(4)), &Spec{Metric: agreement.MetricResolution, Calendar: calendar.AlwaysOpen()})
		if len(res) != 1 || res[0].Running() || res[0].Elapsed != 0 {
			t.Errorf("resolution as of 4: %+v, want stopped with nothing counted", res)
		}
	})
	t.Run("the same close read twice changes nothing", func(t *testing.T) {
		hist := fetched([]string{"wait"}, h(2), nil,
			ev(snapshot.Labeled, "wait", 0), ev(snapshot.Closed, "", 2), ev(snapshot.Closed, "", 2))
		tl := NewTimeline(hist, h(3))
		if show(tl.Open) != "[0,2)" || len(mustClocks(t, hist, tl, labelTime)) != 1 {
			t.Errorf("open %s, label clocks %+v; want [0,2) and one", show(tl.Open), mustClocks(t, hist, tl, labelTime))
		}
	})
}
