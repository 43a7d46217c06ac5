package checkin_test

import (
	"fmt"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/checkin"
	"github.com/sla-dev/sla/internal/snapshot"
)

// TestPlanAddsOnlyWhatIsMissing: without an issue, every expectation is
// to be asked; with one, only those whose marker is not on a comment,
// whatever the comments' text says now.
func TestPlanAddsOnlyWhatIsMissing(t *testing.T) {
	t.Parallel()
	a, _ := resultsAgreement()
	a.Metadata.Title = "Requests to Platform"
	a.Spec.Expectations.Provider = []agreement.Expectation{{Text: "Answer within 4 hours."}, {Text: "Post a weekly status."}}
	a.Spec.Expectations.Consumers = []agreement.Expectation{{Text: "Use the template."}}
	teams := map[agreement.Name]*agreement.Team{}
	for _, n := range []agreement.Name{"platform", "payments", "growth"} {
		teams[n] = &agreement.Team{}
		teams[n].Metadata.Name = n
	}
	q4 := checkin.PeriodAt("quarter", berlin(t), utc("2026-11-02T12:00:00Z"))
	missing := func(p checkin.Plan) string {
		var out []string
		for _, m := range p.Missing {
			var raters []agreement.Name
			for _, r := range m.Raters {
				raters = append(raters, r.Metadata.Name)
			}
			out = append(out, fmt.Sprintf("%s/%d by %v", m.Side, m.N, raters))
		}
		return fmt.Sprint(out)
	}
	p := checkin.NewPlan(a, q4, teams, nil)
	if p.Title != "Check-in: Requests to Platform — 2026-Q4" || p.Marker() != "<!-- sla-checkin agreement=requests period=2026-Q4 -->" {
		t.Errorf("title %q, marker %q", p.Title, p.Marker())
	}
	if got, want := missing(p), "[provider/1 by [payments growth] provider/2 by [payments growth] consumers/1 by [platform]]"; got != want {
		t.Errorf("no issue: %s, want %s", got, want)
	}
	found := &snapshot.Checkin{Number: 3, Agreement: "requests", Period: "2026-Q4", Expectations: []snapshot.CheckinComment{
		{ID: 1, Side: "provider", N: 1, Text: "Answer within 4 hours."},
		{ID: 2, Side: "consumers", N: 1, Text: "an older wording"},
	}}
	if got, want := missing(checkin.NewPlan(a, q4, teams, found)), "[provider/2 by [payments growth]]"; got != want {
		t.Errorf("after a failure: %s, want %s", got, want)
	}
	found.Expectations = append(found.Expectations, snapshot.CheckinComment{ID: 3, Side: "provider", N: 2})
	if p := checkin.NewPlan(a, q4, teams, found); len(p.Missing) != 0 || p.Issue != found {
		t.Errorf("complete: %s", missing(p))
	}
	list := []snapshot.Checkin{{Number: 8, Agreement: "requests", Period: "2026-Q4"}, *found, {Number: 2, Agreement: "requests", Period: "2026-Q3"}}
	if f := checkin.Find(list, "requests", q4); f == nil || f.Number != 3 {
		t.Errorf("Find: %v, want #3, the first opened", f)
	}
}
