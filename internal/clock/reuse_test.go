package clock

import (
	"testing"

	"github.com/sla-dev/sla/internal/snapshot"
)

// A timeline rebuilt in the memory of an earlier one allocates nothing,
// and says what a new one says, whatever the issue before it held.
func TestRebuildAllocatesNothing(t *testing.T) {
	busy := history([]string{"wait", "P1"}, h(10),
		ev(snapshot.Labeled, "P1", 0), ev(snapshot.Labeled, "wait", 1), ev(snapshot.Unlabeled, "wait", 3),
		ev(snapshot.Closed, "", 4), ev(snapshot.Reopened, "", 6), ev(snapshot.Labeled, "wait", 7), ev(snapshot.Closed, "", 10))
	quiet := history([]string{"bug"}, h(2), ev(snapshot.Labeled, "bug", 0))
	var tl Timeline
	tl.Rebuild(busy, h(12))
	if n := testing.AllocsPerRun(100, func() {
		tl.Rebuild(quiet, h(12))
		tl.HasLabel("P1") // a label spelled in capitals, not on the issue
		tl.Rebuild(busy, h(12))
		tl.HasLabel("P1")
	}); n != 0 {
		t.Errorf("%v allocations a rebuild, want none", n/2)
	}
	for _, hist := range []*History{quiet, busy} {
		tl.Rebuild(hist, h(8))
		fresh := NewTimeline(hist, h(8))
		if show(tl.Open) != show(fresh.Open) || tl.IsOpen != fresh.IsOpen || len(tl.Closes) != len(fresh.Closes) ||
			show(tl.Periods("wait")) != show(fresh.Periods("wait")) || show(tl.Periods("bug")) != show(fresh.Periods("bug")) ||
			len(tl.Spans("wait")) != len(fresh.Spans("wait")) || tl.HasLabel("p1") != fresh.HasLabel("p1") {
			t.Errorf("issue %v: rebuilt open %s, wait %s; new open %s, wait %s", hist.Issue.Labels,
				show(tl.Open), show(tl.Periods("wait")), show(fresh.Open), show(fresh.Periods("wait")))
		}
	}
}

// Grouping a repository in the memory of one as large allocates nothing,
// and groups as Histories does.
func TestGroupingAllocatesNothing(t *testing.T) {
	repo := func(name string) *snapshot.Repo {
		r := &snapshot.Repo{Name: name}
		for i := 1; i <= 50; i++ {
			r.Issues = append(r.Issues, snapshot.Issue{Number: i, CreatedAt: h(0)})
			for j := range 3 { // newest first, as GitHub lists them
				r.Comments = append(r.Comments, snapshot.Comment{ID: int64(100*i + 3 - j), Issue: i, CreatedAt: h(float64(3 - j))})
				r.Events = append(r.Events, snapshot.Event{ID: int64(100*i + 3 - j), Issue: i, Kind: snapshot.Closed, CreatedAt: h(float64(3 - j))})
			}
		}
		return r
	}
	a, b := repo("acme/a"), repo("acme/b")
	var g Grouping
	g.Histories(a)
	if n := testing.AllocsPerRun(20, func() { g.Histories(b); g.Histories(a) }); n != 0 {
		t.Errorf("%v allocations a grouping, want none", n/2)
	}
	got, want := g.Histories(b), Histories(b)
	for i := range want {
		if got[i].Issue != want[i].Issue || len(got[i].Comments) != 3 || len(got[i].Events) != 3 ||
			got[i].Comments[0].ID != want[i].Comments[0].ID || got[i].Events[2] != want[i].Events[2] ||
			got[i].Comments[0].ID > got[i].Comments[2].ID {
			t.Fatalf("issue %d: grouped %+v, want %+v", want[i].Issue.Number, got[i], want[i])
		}
	}
}
