package report

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/text"
)

// TableOptions shape the terminal table.
type TableOptions struct {
	Color   bool // colour the status (on a terminal only)
	Details bool // list the breaching and at-risk issues under each objective
}

var statusColor = map[compliance.Status]string{
	compliance.StatusMet:      text.Green,
	compliance.StatusAtRisk:   text.Yellow,
	compliance.StatusBreached: text.Red,
	compliance.StatusNoData:   text.Dim,
}

// NewPlainTable starts a borderless table, like kubectl's: headers as
// written, columns two spaces apart, aligned as asked, never wrapped.
func NewPlainTable(w io.Writer, align tw.Alignment) *tablewriter.Table {
	return tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenRows: tw.Off, BetweenColumns: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off},
			},
		})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithPadding(tw.Padding{Left: "", Right: "  ", Overwrite: true}),
		tablewriter.WithAlignment(align),
	)
}

// tableLine is a row of a plain table, with the lines to print before it
// and after it outside its columns.
type tableLine struct {
	before []string
	cells  []any
	after  []string
}

// writeLines renders a plain table and prints each row's lines around it.
// The column padding leaves spaces at the ends of lines (before the reset
// tablewriter appends to a coloured cell): they are dropped.
func writeLines(w io.Writer, align tw.Alignment, header []any, rows []tableLine) error {
	var buf bytes.Buffer
	t := NewPlainTable(&buf, align)
	t.Header(header...)
	for _, r := range rows {
		if err := t.Append(r.cells...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	var b strings.Builder
	n := 0
	for line := range strings.Lines(buf.String()) {
		line = strings.TrimRight(line, " \n")
		if l, ok := strings.CutSuffix(line, text.Reset); ok && strings.HasSuffix(l, " ") {
			line = strings.TrimRight(l, " ") // the coloured cell has its own reset
		}
		if n > 0 && n <= len(rows) {
			for _, s := range rows[n-1].before {
				b.WriteString(s + "\n")
			}
		}
		b.WriteString(line + "\n")
		if n > 0 && n <= len(rows) {
			for _, s := range rows[n-1].after {
				b.WriteString(s + "\n")
			}
		}
		n++
	}
	if n != len(rows)+1 {
		return fmt.Errorf("the table has %d lines for %d rows and a header", n, len(rows))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteTable prints the report for a terminal, within 80 columns. Each
// agreement gets a line that says which clocks its figures count (its
// window) and under which hours; under it, each objective gets a row —
// its within, labelled biz (business hours) or 24x7 (around the clock),
// target, attainment and status — and a line of the figures behind the
// status: its clocks met, breached and pending, how many are at risk, and
// how many more may breach (the budget), marked "consumers:" when it is a
// promise of the consumers. A legend under the table says
// what those words mean. With Details, each objective's breached and
// at-risk issues follow, in columns aligned across the whole report. With
// a trend, a TREND column shows it as a sparkline, explained in the
// legend.
func WriteTable(w io.Writer, rep *compliance.Report, opts TableOptions) error {
	withTrend := trendOf(rep) != nil
	header := []any{"AGREEMENT / OBJECTIVE", "WITHIN", "TARGET", "ATTAINMENT", "STATUS"}
	align := tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignLeft}
	if withTrend {
		header = []any{"AGREEMENT / OBJECTIVE", "WITHIN", "TARGET", "ATTAINMENT", "TREND", "STATUS"}
		align = tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignLeft, tw.AlignLeft}
	}
	var rows []tableLine
	var issues [][]issueRow // by row, for Details
	last := ""
	for _, r := range rep.Results {
		o := r.Objective
		row := tableLine{cells: []any{"  " + text.Escape(string(o.Def.Name)), Within(o), Target(o.TargetPPM), Attainment(r)}}
		if name := string(o.Agreement.Metadata.Name); name != last {
			row.before = []string{agreementLine(r, text.Escape)}
			last = name
		}
		if withTrend {
			row.cells = append(row.cells, Sparkline(r, ' '))
		}
		row.cells = append(row.cells, statusCell(r, opts.Color))
		row.after = []string{"    " + ownerMark(o) + statusFigures(r)}
		rows = append(rows, row)
		issues = append(issues, nil)
		if opts.Details {
			issues[len(issues)-1] = issueRows(r)
		}
		for _, g := range r.Groups {
			cells := []any{"    " + text.Escape(g.Key), "", "", Attainment(g.Result)}
			if withTrend {
				cells = append(cells, "")
			}
			cells = append(cells, text.Paint(string(g.Status), statusColor[g.Status], opts.Color))
			rows = append(rows, tableLine{cells: cells, after: []string{"      " + statusFigures(g.Result)}})
			issues = append(issues, nil)
		}
	}
	if opts.Details {
		lines := issueLines(issues)
		for i := range rows {
			rows[i].after = append(rows[i].after, lines[i]...)
		}
	}
	if err := writeLines(w, align, header, rows); err != nil {
		return err
	}
	var b strings.Builder
	if missing := missingRepos(rep); len(missing) > 0 {
		fmt.Fprintf(&b, "\n* incomplete: %s could not be read\n", text.Escape(strings.Join(missing, ", ")))
	}
	if len(rep.Results) > 0 {
		fmt.Fprintf(&b, "\n%s\n", strings.Join(tableLegend(rep), "\n"))
	}
	s := rep.Summary()
	// The instant on a line of its own keeps the summary within 80 columns.
	fmt.Fprintf(&b, "\n%s: %d met, %d at risk, %d breached, %d without data\n(as of %s)\n",
		text.Plural(s.Objectives, "objective"), s.Met, s.AtRisk, s.Breached, s.NoData, rep.At.UTC().Format("2006-01-02 15:04 MST"))
	_, err := io.WriteString(w, b.String())
	return err
}

// statusCell is an objective's status, marked * when incomplete, in its
// colour when colour is on.
func statusCell(r *compliance.Result, color bool) string {
	status := string(r.Status)
	if !r.Complete {
		status += "*"
	}
	return text.Paint(status, statusColor[r.Status], color)
}

// agreementLine heads an agreement's objectives: which clocks its figures
// count, and whose hours its calendar keeps: "platform-requests: 28 days
// from 30 Oct 09:00 UTC, berlin-office business hours". escape makes the
// names from the agreement files safe where the line goes.
func agreementLine(r *compliance.Result, escape func(string) string) string {
	o := r.Objective
	zone := o.Period.Zone
	hours := "around the clock (24x7)"
	if !zone.AlwaysOpen() {
		hours = escape(zone.Name()) + " business hours"
	}
	return fmt.Sprintf("%s: %s, %s", escape(string(o.Agreement.Metadata.Name)), windowWords(r), hours)
}

// windowWords says which clocks an objective's figures count, those that
// started from when: "28 days from 30 Oct 09:00 UTC", "month from 1 Nov"
// (the calendar month of the agreement's calendar, from its first
// midnight), "quarter from 1 Oct"; and "counted from 16 Nov" when
// effective_from starts counting later than the window.
func windowWords(r *compliance.Result) string {
	o := r.Objective
	w := o.Agreement.Spec.Window
	loc := o.Period.Zone.Location()
	var s string
	switch {
	case w.Period != "":
		s = w.Period + " from " + r.WindowStart.In(loc).Format("2 Jan")
	case w.D%(24*time.Hour) == 0:
		s = text.Plural(int(w.D/(24*time.Hour)), "day") + " from " + r.WindowStart.UTC().Format("2 Jan 15:04 MST")
	default:
		s = Duration(w.D) + " from " + r.WindowStart.UTC().Format("2 Jan 15:04 MST")
	}
	if from := o.Period.From; from.After(r.WindowStart) {
		s += ", counted from " + from.In(loc).Format("2 Jan") + " (effective_from)"
	}
	return s
}

// ownerMark marks the figures of a promise the consumers keep (owner:
// consumers): "consumers: "; the provider's are not marked.
func ownerMark(o *compliance.Objective) string {
	if o.Def.Owner == agreement.OwnerConsumers {
		return string(agreement.OwnerConsumers) + ": "
	}
	return ""
}

// statusFigures says what an objective's status rests on: "62 met, 10
// breached, 33 pending; 10 at risk, 5 more may breach". The budget is
// said in words: how many more clocks may breach before the target is
// missed ("none may breach"), or by how many it has been overrun ("16
// breaches too many").
func statusFigures(r *compliance.Result) string {
	if rated(r.Objective) {
		return ratingFigures(r)
	}
	if r.Met+r.Breached+r.Pending == 0 {
		return "no clocks in the window"
	}
	s := fmt.Sprintf("%d met, %d breached, %d pending; ", r.Met, r.Breached, r.Pending)
	if r.AtRisk > 0 {
		s += fmt.Sprintf("%d at risk, ", r.AtRisk)
	}
	return s + budgetWords(r.BudgetRemaining)
}

// budgetCell says an objective's budget in words: of clocks, or of 👎.
func budgetCell(r *compliance.Result) string {
	if rated(r.Objective) {
		return ratingBudgetWords(r)
	}
	return budgetWords(r.BudgetRemaining)
}

// budgetWords says a budget: "5 more may breach", "none may breach", "16
// breaches too many".
func budgetWords(budget int) string {
	switch {
	case budget > 0:
		return fmt.Sprintf("%d more may breach", budget)
	case budget == 0:
		return "none may breach"
	}
	return text.Plural(-budget, "breach") + " too many"
}

// tableLegend explains the words of the table, and its trend if it has
// one, in lines that fit the terminal.
func tableLegend(rep *compliance.Report) []string {
	lines := []string{
		"biz: business hours of the objective's calendar; 24x7: around the clock.",
		"N more may breach (the budget): the breaches the target still allows, if",
		"every pending clock is met. at risk: running clocks past half their time;",
		"an objective with more clocks at risk than may breach is at_risk.",
	}
	if slices.ContainsFunc(rep.Results, func(r *compliance.Result) bool { return ownerMark(r.Objective) != "" }) {
		lines = append(lines, "consumers: a promise the consumer teams keep (owner: consumers).")
	}
	lines = append(lines, ratingsLegend(rep)...)
	if points := trendOf(rep); points != nil {
		lines = append(lines, trendLegend(points)...)
	}
	return lines
}

// missingRepos are the repositories that could not be read, in the order
// the objectives name them.
func missingRepos(rep *compliance.Report) []string {
	var out []string
	for _, r := range rep.Results {
		for _, m := range r.Missing {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	return out
}

type issueRow struct {
	label string
	note  string
	clock *compliance.ClockResult
}

// used is the time a row's clock used; none for a rating.
func (row issueRow) used() string {
	if row.clock.Rating != nil {
		return ""
	}
	return Duration(row.clock.Clock.Elapsed)
}

// issueRows lists an objective's breached and at-risk clocks, for --details.
func issueRows(r *compliance.Result) []issueRow {
	var out []issueRow
	for i := range r.Clocks {
		c := &r.Clocks[i]
		if c.Outcome != compliance.Breached && !c.AtRisk {
			continue
		}
		out = append(out, issueRow{label: fmt.Sprintf("%s#%d", c.Repo.Name, c.Issue.Number), note: clockNote(r.Objective, c), clock: c})
	}
	return out
}

// clockNote says where a breached or at-risk clock stands: "breached", "at
// risk, due Fri Nov 27 11:42 CET" (in its calendar's time zone), "at risk,
// paused: no due time", "breached, paused".
func clockNote(o *compliance.Objective, c *compliance.ClockResult) string {
	switch {
	case rated(o):
		return ratingNote(o, c)
	case c.Outcome == compliance.Breached && c.Clock.Paused:
		return "breached, paused"
	case c.Outcome == compliance.Breached:
		return "breached"
	case c.Clock.Paused:
		return "at risk, paused: no due time"
	case c.DueAt.IsZero():
		return "at risk"
	}
	return "at risk, due " + dueStamp(c.DueAt, o.Spec.Calendar.Location())
}

// issueLines lays out the issues of each row under a header of its own,
// in columns of the same widths across the report, so that they line up
// from one objective to the next whatever the issue numbers.
func issueLines(issues [][]issueRow) [][]string {
	refW, usedW := len("ISSUE"), len("USED")
	for _, rs := range issues {
		for _, c := range rs {
			refW, usedW = max(refW, text.Width(text.Escape(c.label))), max(usedW, len(c.used()))
		}
	}
	line := func(ref, used, note string) string {
		return strings.TrimRight(fmt.Sprintf("      %s  %*s  %s", pad(ref, refW), usedW, used, note), " ")
	}
	out := make([][]string, len(issues))
	for i, rs := range issues {
		if len(rs) == 0 {
			continue
		}
		out[i] = append(out[i], line("ISSUE", "USED", "OUTCOME"))
		for _, c := range rs {
			out[i] = append(out[i], line(text.Escape(c.label), c.used(), c.note))
		}
	}
	return out
}

// pad fills s with spaces to width columns.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(width-text.Width(s), 0))
}
