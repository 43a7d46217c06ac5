package validate

import (
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

// checkCheckin judges an agreement's check-in: it asks about the
// expectations, so there must be some, and results match them across
// periods by their text, so a side may not write one twice.
func checkCheckin(a *agreement.Agreement, diags *diag.List) {
	s := &a.Spec
	if !s.Checkin.Set() {
		return
	}
	if len(s.Expectations.Provider)+len(s.Expectations.Consumers) == 0 {
		diags.Add(s.Pos(agreement.Key("checkin")), diag.CheckinWithoutExpectations,
			"agreement %q asks for check-ins, but it has no expectations to ask about: write spec.expectations, or remove checkin",
			a.Metadata.Name)
	}
	for _, side := range []struct {
		name string
		list []agreement.Expectation
	}{{"provider", s.Expectations.Provider}, {"consumers", s.Expectations.Consumers}} {
		first := map[string]int{}
		for i, x := range side.list {
			j, ok := first[x.Text]
			if !ok {
				first[x.Text] = i
				continue
			}
			diags.Add(s.Expectations.Pos(side.name, i), diag.DuplicateExpectation,
				"this %s expectation is written twice (also as item %d): check-ins match expectations across periods by their text, so remove one or reword it",
				side.name, j+1)
		}
	}
}
