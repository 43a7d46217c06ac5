package baseline

import (
	"time"

	"github.com/sla-dev/sla/internal/agreement"
)

// Report is a baseline: what was measured, how, and the figures
// (report.WriteBaselineTable, …Markdown and …JSON write it).
type Report struct {
	Repos  []string
	Labels []string // issues had to carry all of these (none: every issue)
	At     time.Time
	Weeks  int
	// Calendar names the calendar business time counted under, and
	// Location is its time zone, in which weeks are dated.
	Calendar string
	Location *time.Location
	// Team is the team whose members' comments are responses, or "" for
	// anyone but the author and bots.
	Team string
	// Metrics are first_response, then resolution.
	Metrics []Metric
	// Missing are the repositories that could not be read.
	Missing []string
}

// Metric returns the metric with the name, or nil.
func (r *Report) Metric(name agreement.Metric) *Metric {
	for i := range r.Metrics {
		if r.Metrics[i].Name == name {
			return &r.Metrics[i]
		}
	}
	return nil
}

// Proposal returns the proposal of a metric for a target, and false when
// none was made.
func (r *Report) Proposal(metric agreement.Metric, targetPPM int64) (Proposal, bool) {
	if m := r.Metric(metric); m != nil {
		for _, p := range m.Proposals {
			if p.TargetPPM == targetPPM && p.Within > 0 {
				return p, true
			}
		}
	}
	return Proposal{}, false
}
