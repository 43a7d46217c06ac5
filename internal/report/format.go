// Package report renders a compliance report: one small writer per format
// (table, JSON), all reading the same compliance.Report.
package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/compliance"
)

// Percent shows parts per million as a percentage with one decimal,
// truncated, never rounded: 89.96% shows as 89.9%, so a breached objective
// never shows its target (SPEC §3).
func Percent(ppm int64) string {
	tenths := ppm / 1000 // 0.1% = 1000 ppm
	return fmt.Sprintf("%d.%d%%", tenths/10, tenths%10)
}

// Target shows a target with the precision it was written with.
func Target(ppm int64) string {
	s := fmt.Sprintf("%d.%04d", ppm/10000, ppm%10000)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}

// Duration shows a duration in hours and minutes (36h7m, 45m, 30s): never
// in days, which under a business calendar would be ambiguous.
func Duration(d time.Duration) string {
	if d < 0 {
		return "-" + Duration(-d)
	}
	if d < time.Minute {
		return fmt.Sprintf("%ds", int(d/time.Second))
	}
	h, m := int64(d/time.Hour), int64(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}

// Attainment shows an objective's attainment, or "–" without samples.
func Attainment(r *compliance.Result) string {
	if a, ok := r.Attainment(); ok {
		return Percent(a)
	}
	return "–"
}
