package due

import (
	"slices"
	"time"

	"github.com/sla-dev/sla/internal/compliance"
)

// View is what `sla due` shows: the due clocks of a report, and how they
// were chosen. report writes it.
type View struct {
	At    time.Time
	Items []Item
	// Within is --within (zero: half of each objective's within).
	Within time.Duration
	// Team is --team, or "".
	Team string
	// Missing are the repositories that could not be read.
	Missing []string
}

// NewView lists the due clocks of a report.
func NewView(rep *compliance.Report, opts Options) *View {
	v := &View{At: rep.At, Items: List(rep, opts), Within: opts.Within, Team: opts.Team}
	for _, r := range rep.Results {
		for _, m := range r.Missing {
			if !slices.Contains(v.Missing, m) {
				v.Missing = append(v.Missing, m)
			}
		}
	}
	return v
}
