package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/text"
)

// statusWords pair each status with a symbol, so that it reads without
// colour (GitHub renders neither ANSI colour nor inline styles).
var statusWords = map[compliance.Status]string{
	compliance.StatusMet:      "✅ met",
	compliance.StatusAtRisk:   "⚠️ at risk",
	compliance.StatusBreached: "❌ breached",
	compliance.StatusNoData:   "➖ no data",
}

// WriteMarkdown prints the report for a GitHub step summary or a pull
// request comment: a summary line, the table, then the breached and
// at-risk issues as links. Text from agreements and issues is escaped
// (text.Markdown).
// With a trend, a Trend column shows it as a sparkline, explained under
// the table.
func WriteMarkdown(w io.Writer, rep *compliance.Report) error {
	var b strings.Builder
	s := rep.Summary()
	fmt.Fprintf(&b, "**%s**: %d met, %d at risk, %d breached, %d without data — as of %s\n\n",
		text.Plural(s.Objectives, "objective"), s.Met, s.AtRisk, s.Breached, s.NoData, rep.At.UTC().Format("2006-01-02 15:04 MST"))
	points := trendOf(rep)
	// trend is the Trend cell, and the separator before it, or nothing.
	trend := func(r *compliance.Result) string {
		if points == nil {
			return ""
		}
		if r == nil {
			return " |"
		}
		// No-break spaces: a Markdown table trims a cell's spaces, which
		// would shift the weeks of a trend that starts without data.
		return " " + Sparkline(r, '\u00a0') + " |"
	}
	head, rule := "| Agreement | Objective | Owner | Within | Target | Met | Breached | Pending | At risk | Budget | Attainment |", "|---|---|---|---|--:|--:|--:|--:|--:|---|--:|"
	if points != nil {
		head, rule = head+" Trend |", rule+"---|"
	}
	b.WriteString(head + " Status |\n" + rule + "---|\n")
	var agreements []string
	last := ""
	for _, r := range rep.Results {
		o := r.Objective
		if name := string(o.Agreement.Metadata.Name); name != last {
			agreements = append(agreements, agreementLine(r, text.Markdown))
			last = name
		}
		status := statusWords[r.Status]
		if !r.Complete {
			status += " (incomplete: " + text.Markdown(strings.Join(r.Missing, ", ")) + " not read)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d | %d | %s | %s | %s | %s |%s %s |\n",
			text.Markdown(string(o.Agreement.Metadata.Name)), text.Markdown(string(o.Def.Name)), string(o.Def.Owner), Within(o),
			Target(o.TargetPPM), r.Met, r.Breached, clockCount(r, r.Pending), clockCount(r, r.AtRisk), budgetCell(r), Attainment(r), trend(r), status)
		for _, g := range r.Groups {
			fmt.Fprintf(&b, "| | ↳ %s | | | | %d | %d | %s | %s | %s | %s |%s %s |\n",
				text.Markdown(g.Key), g.Met, g.Breached, clockCount(g.Result, g.Pending), clockCount(g.Result, g.AtRisk), budgetCell(g.Result),
				Attainment(g.Result), trend(nil), statusWords[g.Status])
		}
	}
	b.WriteString("\n*Within*: biz counts the business hours of the objective's calendar, 24x7 every hour. " +
		"*Budget*: how many more clocks may breach before the target is missed, if every pending clock is met; " +
		"*At risk*: running clocks past half their time. An objective with more clocks at risk than its budget is at risk.\n")
	if ratings := ratingsNotes(rep); len(ratings) > 0 {
		b.WriteString("\n*Satisfaction*: Met and Breached count the requests closed in the window rated 👍 and 👎; " +
			strings.Join(ratings, "; ") + ".\n")
	}
	if len(agreements) > 0 {
		b.WriteString("\n*Windows*: " + strings.Join(agreements, "; ") + ".\n")
	}
	if points != nil {
		fmt.Fprintf(&b, "\n*Trend*: attainment at %d weekly points, oldest first, %s; ▅▆▇█ at or above the target, "+
			"▁▂▃▄ below it, each step a quarter of the distance from the target to 100%%; a blank is a week without samples.\n",
			len(points), trendSpan(points))
	}
	first := true
	for _, r := range rep.Results {
		rows := issueRows(r)
		if len(rows) == 0 {
			continue
		}
		if first {
			b.WriteString("\n### Breached and at-risk issues\n")
			first = false
		}
		how := "within " + Within(r.Objective)
		if rated(r.Objective) {
			how = "rated by " + raterWords(r.Objective)
		}
		fmt.Fprintf(&b, "\n**%s / %s** (%s)\n\n", text.Markdown(string(r.Objective.Agreement.Metadata.Name)),
			text.Markdown(string(r.Objective.Def.Name)), how)
		for _, row := range rows {
			c := row.clock
			used := ""
			if u := row.used(); u != "" {
				used = ", " + u + " used"
			}
			fmt.Fprintf(&b, "- %s %s — %s%s\n", text.MarkdownLink(row.label, c.URL()),
				text.Markdown(c.Issue.Title), text.Markdown(row.note), used)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
