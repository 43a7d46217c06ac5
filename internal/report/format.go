// Package report is where sla turns data into text: the compliance report
// (table, Markdown, JSON, CSV, and the HTML page), explain's arithmetic,
// the due list (due.View), the changes between two revisions
// (agreementdiff.Result), a baseline (baseline.Report) and the
// description of agreements
// (describe.Document, as Markdown and inside the HTML page). One small
// writer per format and subject, each reading data that the core
// computed; the escaping, plural and colour helpers they share are in
// internal/text.
package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/calendar"
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

// Duration shows a duration in hours and minutes (36h7m, 45m, 30s), the
// one format of every duration sla prints for people: never in days,
// which under a business calendar would be ambiguous, and truncated to the
// minute.
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

// Clock kinds: how an objective's calendar counts time.
const (
	kindBusiness    = "biz"  // the open hours of a Calendar
	kindAroundClock = "24x7" // every hour, in UTC
)

// clockKind says how a calendar counts time: "biz" for business hours,
// "24x7" around the clock.
func clockKind(cal *calendar.Calendar) string {
	if cal.AlwaysOpen() {
		return kindAroundClock
	}
	return kindBusiness
}

// Within shows an objective's within in hours and minutes with how its
// calendar counts them: "4h biz", "1h30m 24x7"; `1d` around the clock
// shows as "24h 24x7", so that a day is never mistaken for a business day.
func Within(o *compliance.Objective) string {
	if rated(o) {
		return "–" // ratings take no time
	}
	return Duration(o.Within) + " " + clockKind(o.Spec.Calendar)
}

// timeWords names the time a calendar counts, for sentences: "business
// time" or "time around the clock".
func timeWords(cal *calendar.Calendar) string {
	if cal.AlwaysOpen() {
		return "time around the clock"
	}
	return "business time"
}

// dueStamp shows when a clock is (or was) due, in its calendar's time
// zone, with the weekday and the zone: "Fri Nov 27 11:42 CET". check
// --details, due and the HTML report all show due times so.
func dueStamp(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon Jan 2 15:04 MST")
}

// Attainment shows an objective's attainment, or "–" without samples.
func Attainment(r *compliance.Result) string {
	if a, ok := r.Attainment(); ok {
		return Percent(a)
	}
	return "–"
}

// sparkBars are the eight heights of a sparkline, lowest first.
var sparkBars = []rune("▁▂▃▄▅▆▇█")

// SparkLevel places an attainment on the eight bars of a sparkline,
// relative to the objective's target: 5–8 (▅▆▇█) at or above the target,
// 1–4 (▁▂▃▄) below it, each step a quarter of the error budget (100% −
// target). With a 90% target: 90–92.4% is ▅ and 97.5–100% is █; 87.5–89.9%
// is ▄ and below 82.5% is ▁. It returns 0 without samples.
func SparkLevel(p *compliance.Point, targetPPM int64) int {
	a, ok := p.Attainment()
	if !ok {
		return 0
	}
	budget := compliance.Million - targetPPM
	if a >= targetPPM {
		if budget == 0 {
			return 8
		}
		return min(5+int((a-targetPPM)*4/budget), 8)
	}
	if budget == 0 {
		return 1 // a 100% target has no budget: any miss is the lowest bar
	}
	return max(4-int((targetPPM-a)*4/budget), 1)
}

// Sparkline draws an objective's trend, oldest point first, one bar per
// point (SparkLevel), and blank where a point has no samples.
func Sparkline(r *compliance.Result, blank rune) string {
	out := make([]rune, len(r.Trend))
	for i := range r.Trend {
		if l := SparkLevel(&r.Trend[i], r.Objective.TargetPPM); l > 0 {
			out[i] = sparkBars[l-1]
		} else {
			out[i] = blank
		}
	}
	return string(out)
}

// trendOf returns the points of the report's trend (those of its first
// result that has one), or nil without a trend.
func trendOf(rep *compliance.Report) []compliance.Point {
	for _, r := range rep.Results {
		if len(r.Trend) > 0 {
			return r.Trend
		}
	}
	return nil
}

// trendSpan names the first and last points of a trend: "11 Sep to 27 Nov
// 2026".
func trendSpan(points []compliance.Point) string {
	first, last := points[0].At.UTC(), points[len(points)-1].At.UTC()
	layout := "2 Jan"
	if first.Year() != last.Year() {
		layout = "2 Jan 2006"
	}
	return first.Format(layout) + " to " + last.Format("2 Jan 2006")
}

// trendLegend says what a sparkline shows, in lines that fit the terminal.
func trendLegend(points []compliance.Point) []string {
	return []string{
		fmt.Sprintf("TREND: attainment at %d weekly points, %s, oldest first.", len(points), trendSpan(points)),
		"▅▆▇█ at or above the target, ▁▂▃▄ below it, each step a quarter of the",
		"distance from the target to 100%; blank: a week without samples.",
	}
}
