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

// Duration shows a duration compactly: 1w2d, 3h20m, 45m, 30s.
func Duration(d time.Duration) string {
	if d < 0 {
		return "-" + Duration(-d)
	}
	if d < time.Minute {
		return fmt.Sprintf("%ds", int(d/time.Second))
	}
	d = d.Truncate(time.Minute)
	var b strings.Builder
	for _, u := range []struct {
		unit string
		d    time.Duration
	}{{"w", 7 * 24 * time.Hour}, {"d", 24 * time.Hour}, {"h", time.Hour}, {"m", time.Minute}} {
		if n := d / u.d; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.unit)
			d -= n * u.d
		}
	}
	return b.String()
}

// Attainment shows an objective's attainment, or "–" without samples.
func Attainment(r *compliance.Result) string {
	if a, ok := r.Attainment(); ok {
		return Percent(a)
	}
	return "–"
}
