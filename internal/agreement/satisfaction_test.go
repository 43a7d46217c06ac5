package agreement_test

import (
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
)

// A satisfaction objective is rated by its requesters and needs 5
// ratings unless it says otherwise; other metrics have neither.
func TestSatisfactionDefaults(t *testing.T) {
	t.Parallel()
	set, diags := agreement.LoadBytes("a.yaml", []byte(`apiVersion: sla/v1
kind: Agreement
metadata: {name: a}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/requests]}
  objectives:
    - {name: default, metric: satisfaction, target: 80%}
    - {name: written, metric: satisfaction, target: 80%, rated_by: consumers, min_ratings: 12}
    - {name: clock, metric: resolution, within: 4h, target: 80%}
`))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	o := set.Agreements[0].Spec.Objectives
	for i, want := range []struct {
		ratedBy agreement.RatedBy
		min     int
		clocked bool
	}{{agreement.RatedByAuthor, 5, false}, {agreement.RatedByConsumers, 12, false}, {"", 0, true}} {
		if o[i].RatedBy != want.ratedBy || o[i].MinRatings != want.min || o[i].Metric.Clocked() != want.clocked || o[i].Owner != agreement.OwnerProvider {
			t.Errorf("%s: rated_by %q, min_ratings %d, clocked %v, owner %s; want %q, %d, %v, provider",
				o[i].Name, o[i].RatedBy, o[i].MinRatings, o[i].Metric.Clocked(), o[i].Owner, want.ratedBy, want.min, want.clocked)
		}
	}
}
