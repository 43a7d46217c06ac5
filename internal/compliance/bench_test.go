package compliance

import (
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/demodata"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

// scale is 20 objectives over 100,000 issues, 400,000 comments and
// 200,000 events, decoded already.
func scale(b *testing.B) ([]*Objective, *snapshot.Snapshot, time.Time) {
	b.Helper()
	set, diags := agreement.LoadBytes("org.yaml", []byte(demodata.ScaleAgreements()))
	diags = append(diags, validate.Check(set)...)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	snap := demodata.Scale(100_000, 400_000, 200_000, at)
	objectives, err := Compile(set, ResolveTeams(set, snap.Teams))
	if err != nil {
		b.Fatal(err)
	}
	return objectives, snap, at
}

// BenchmarkEvaluateScale evaluates 20 objectives over 100,000 issues,
// 400,000 comments and 200,000 events, decoded already.
func BenchmarkEvaluateScale(b *testing.B) {
	objectives, snap, at := scale(b)
	for b.Loop() {
		rep := Evaluate(objectives, snap, at)
		if len(rep.Results) != 20 {
			b.Fatal(len(rep.Results))
		}
	}
}

// BenchmarkEvaluateTrendScale is BenchmarkEvaluateScale with a trend of 12
// weekly points (issue target: less than twice a single evaluation).
func BenchmarkEvaluateTrendScale(b *testing.B) {
	objectives, snap, at := scale(b)
	for b.Loop() {
		rep := EvaluateTrend(objectives, snap, at, 12)
		if len(rep.Results) != 20 || len(rep.Results[0].Trend) != 12 {
			b.Fatal(len(rep.Results))
		}
	}
}
