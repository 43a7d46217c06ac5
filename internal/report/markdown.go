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
// at-risk issues as links. Text from agreements and issues is escaped.
// With a trend, a Trend column shows it as a sparkline, explained under
// the table.
func WriteMarkdown(w io.Writer, rep *compliance.Report) error {
	var b strings.Builder
	s := rep.Summary()
	fmt.Fprintf(&b, "**%d objectives**: %d met, %d at risk, %d breached, %d without data — as of %s\n\n",
		s.Objectives, s.Met, s.AtRisk, s.Breached, s.NoData, rep.At.UTC().Format("2006-01-02 15:04 MST"))
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
	if points != nil {
		b.WriteString("| Agreement | Objective | Owner | Within | Target | Met | Breached | Pending | Attainment | Trend | Status |\n")
		b.WriteString("|---|---|---|--:|--:|--:|--:|--:|--:|---|---|\n")
	} else {
		b.WriteString("| Agreement | Objective | Owner | Within | Target | Met | Breached | Pending | Attainment | Status |\n")
		b.WriteString("|---|---|---|--:|--:|--:|--:|--:|--:|---|\n")
	}
	for _, r := range rep.Results {
		o := r.Objective
		status := statusWords[r.Status]
		if !r.Complete {
			status += " (incomplete: " + cell(strings.Join(r.Missing, ", ")) + " not read)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d | %d | %d | %s |%s %s |\n",
			cell(string(o.Agreement.Metadata.Name)), cell(string(o.Def.Name)), o.Def.Owner, cell(o.Def.Within.Raw),
			Target(o.TargetPPM), r.Met, r.Breached, r.Pending, Attainment(r), trend(r), status)
		for _, g := range r.Groups {
			fmt.Fprintf(&b, "| | ↳ %s | | | | %d | %d | %d | %s |%s %s |\n",
				cell(g.Key), g.Met, g.Breached, g.Pending, Attainment(g.Result), trend(nil), statusWords[g.Status])
		}
	}
	if points != nil {
		fmt.Fprintf(&b, "\n*Trend*: attainment at %d weekly points, oldest first, %s; ▅▆▇█ at or above the target, "+
			"▁▂▃▄ below it, a step being a quarter of the budget (100%% − target); a blank is a week without samples.\n",
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
		fmt.Fprintf(&b, "\n**%s / %s** (within %s)\n\n", Escape(string(r.Objective.Agreement.Metadata.Name)),
			Escape(string(r.Objective.Def.Name)), Escape(r.Objective.Def.Within.Raw))
		for _, row := range rows {
			c := row.clock
			fmt.Fprintf(&b, "- [%s#%d](%s) %s — %s, %s used\n", Escape(c.Repo.Name), c.Issue.Number, linkURL(c.URL()),
				Escape(c.Issue.Title), Escape(row.note), Duration(c.Clock.Elapsed))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Escape makes text literal in Markdown: every ASCII punctuation character
// that Markdown or HTML could read as syntax gets a backslash (CommonMark
// allows one before any ASCII punctuation), and line breaks become spaces.
// The colon is escaped too, so that a URL in a title is not autolinked.
// Other control characters are written as text.Escape writes them (\x1b),
// so that Markdown shown on a terminal is as inert as a table.
func Escape(s string) string {
	s = text.Escape(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune("\\`*_{}[]<>()#+-.!|~&\"'=:", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cell escapes text for a table cell.
func cell(s string) string { return Escape(s) }

// linkURL keeps a URL from ending the link early.
func linkURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}
