package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/compliance"
)

// WriteCSV prints one row per objective, or with details one row per
// clock, for spreadsheets and scripts. Durations are in seconds and times
// RFC 3339 UTC, as in JSON. The columns of satisfaction (unrated,
// response_rate; a request's ratings) come last, empty for the other
// metrics.
func WriteCSV(w io.Writer, rep *compliance.Report, details bool) error {
	cw := csv.NewWriter(w)
	if details {
		_ = cw.Write([]string{"agreement", "objective", "metric", "owner", "repo", "number", "title", "url",
			"outcome", "at_risk", "started_at", "stopped_at", "elapsed_seconds", "within_seconds", "paused", "due_at", "ratings"})
		for _, r := range rep.Results {
			o := r.Objective
			for i := range r.Clocks {
				c := &r.Clocks[i]
				_ = cw.Write([]string{string(o.Agreement.Metadata.Name), string(o.Def.Name), string(o.Def.Metric), string(o.Def.Owner),
					c.Repo.Name, strconv.Itoa(c.Issue.Number), safeText(c.Issue.Title), c.URL(),
					string(c.Outcome), strconv.FormatBool(c.AtRisk), stampUTC(c.Clock.Start), stampUTC(c.Clock.Stop),
					seconds(c.Clock.Elapsed), withinCSV(o), strconv.FormatBool(c.Clock.Paused), stampUTC(c.DueAt), ratingsCSV(c)})
			}
		}
	} else {
		// One row per objective; with a breakdown, one more per group, named
		// in the group column (empty on the objective's own row).
		_ = cw.Write([]string{"agreement", "objective", "group", "metric", "owner", "within_seconds", "target", "window_start",
			"samples", "met", "breached", "pending", "at_risk", "attainment", "status", "budget_remaining",
			"p50_seconds", "p90_seconds", "complete", "unrated", "response_rate"})
		for _, r := range rep.Results {
			_ = cw.Write(objectiveRow(r, ""))
			for _, g := range r.Groups {
				_ = cw.Write(objectiveRow(g.Result, g.Key))
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func objectiveRow(r *compliance.Result, group string) []string {
	o := r.Objective
	attainment, p50, p90, unrated, responseRate := "", "", "", "", ""
	if r.Samples() > 0 {
		attainment = strconv.FormatFloat(float64(r.Met)/float64(r.Samples()), 'f', -1, 64)
		if !rated(o) {
			p50, p90 = seconds(r.P50), seconds(r.P90)
		}
	}
	if rated(o) {
		unrated = strconv.Itoa(r.Unrated)
		if closed := r.Samples() + r.Unrated; closed > 0 {
			responseRate = strconv.FormatFloat(float64(r.Samples())/float64(closed), 'f', -1, 64)
		}
	}
	return []string{string(o.Agreement.Metadata.Name), string(o.Def.Name), group, string(o.Def.Metric), string(o.Def.Owner),
		withinCSV(o), strconv.FormatFloat(float64(o.TargetPPM)/compliance.Million, 'f', -1, 64),
		stampUTC(r.WindowStart), strconv.Itoa(r.Samples()), strconv.Itoa(r.Met), strconv.Itoa(r.Breached),
		strconv.Itoa(r.Pending), strconv.Itoa(r.AtRisk), attainment, string(r.Status),
		strconv.Itoa(r.BudgetRemaining), p50, p90, strconv.FormatBool(r.Complete), unrated, responseRate}
}

// withinCSV is an objective's within in seconds; empty for satisfaction.
func withinCSV(o *compliance.Objective) string {
	if rated(o) {
		return ""
	}
	return seconds(o.Within)
}

// ratingsCSV lists the 👍 and 👎 that rated a request: "+1 carol
// 2026-11-20T14:02:00Z; -1 dave 2026-11-21T09:00:00Z"; empty for a clock.
func ratingsCSV(c *compliance.ClockResult) string {
	if c.Rating == nil {
		return ""
	}
	var parts []string
	for _, x := range c.Rating.Counted {
		parts = append(parts, x.Content+" "+x.Login+" "+stampUTC(x.CreatedAt))
	}
	return strings.Join(parts, "; ")
}

func seconds(d time.Duration) string { return strconv.FormatInt(int64(d/time.Second), 10) }

func stampUTC(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// safeText keeps a spreadsheet from reading free text (an issue title) as
// a formula.
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
