package report

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
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

// WriteTable prints one row per objective, grouped under its agreement,
// narrow enough for a 100-column terminal. With Details, each objective's
// breached and at-risk issues follow it on lines of their own, outside the
// table's columns, so that long repository names and due times do not
// widen every row. With a trend, a TREND column shows it as a sparkline,
// explained in a legend under the table, and the OWNER column makes room
// for it (every other format keeps the owner).
func WriteTable(w io.Writer, rep *compliance.Report, opts TableOptions) error {
	var buf bytes.Buffer
	after, rows, err := writeTable(&buf, rep, opts)
	if err != nil {
		return err
	}
	// Issue lines: the issue, its elapsed time and the verdict, aligned
	// across the whole report.
	refW, elW := 0, 0
	for _, rs := range after {
		for _, c := range rs {
			refW, elW = max(refW, len(text.Escape(c.label))), max(elW, len(Duration(c.clock.Clock.Elapsed)))
		}
	}
	// The column padding leaves spaces at the ends of lines (before the
	// reset tablewriter appends to a coloured cell): drop them.
	n := 0
	for line := range strings.Lines(buf.String()) {
		line = strings.TrimRight(line, " \n")
		if l, ok := strings.CutSuffix(line, text.Reset); ok && strings.HasSuffix(l, " ") {
			line = strings.TrimRight(l, " ")
		}
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			return err
		}
		for _, c := range after[n] {
			if _, err := fmt.Fprintf(w, "    %-*s  %*s  %s\n", refW, text.Escape(c.label), elW, Duration(c.clock.Clock.Elapsed), c.note); err != nil {
				return err
			}
		}
		n++
	}
	if n != rows+1 {
		return fmt.Errorf("the table has %d lines for %d rows and a header", n, rows)
	}
	if missing := missingRepos(rep); len(missing) > 0 {
		if _, err := fmt.Fprintf(w, "\n* incomplete: %s could not be read\n", text.Escape(strings.Join(missing, ", "))); err != nil {
			return err
		}
	}
	if points := trendOf(rep); points != nil {
		if _, err := fmt.Fprintf(w, "\n%s\n", strings.Join(trendLegend(points), "\n")); err != nil {
			return err
		}
	}
	s := rep.Summary()
	_, err = fmt.Fprintf(w, "\n%s: %d met, %d at risk, %d breached, %d without data (as of %s)\n",
		text.Plural(s.Objectives, "objective"), s.Met, s.AtRisk, s.Breached, s.NoData, rep.At.UTC().Format("2006-01-02 15:04 MST"))
	return err
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

// writeTable renders the table and returns, by line (0 is the header), the
// issues to list after it, and the number of rows.
func writeTable(w io.Writer, rep *compliance.Report, opts TableOptions) (map[int][]issueRow, int, error) {
	// With a trend, TREND comes before STATUS and OWNER goes (see WriteTable).
	withTrend := trendOf(rep) != nil
	align := tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignRight,
		tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft}
	if withTrend {
		align = tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight,
			tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft, tw.AlignLeft}
	}
	t := NewPlainTable(w, align)
	cols := func(cells ...any) []any {
		if !withTrend {
			return cells[:len(cells)-1]
		}
		status, trend := cells[len(cells)-2], cells[len(cells)-1]
		return append(append(slices.Clone(cells[:1]), cells[2:len(cells)-2]...), trend, status)
	}
	t.Header(cols("AGREEMENT / OBJECTIVE", "OWNER", "WITHIN", "TARGET", "MET", "BREACHED", "PENDING", "ATTAINMENT", "STATUS", "TREND")...)
	rows := 0
	add := func(cells ...any) error {
		rows++
		return t.Append(cols(cells...)...)
	}
	after := map[int][]issueRow{}
	last := ""
	for _, r := range rep.Results {
		o := r.Objective
		if name := string(o.Agreement.Metadata.Name); name != last {
			if err := add(text.Escape(name), "", "", "", "", "", "", "", "", ""); err != nil {
				return nil, 0, err
			}
			last = name
		}
		status := string(r.Status)
		if !r.Complete {
			status += "*"
		}
		status = text.Paint(status, statusColor[r.Status], opts.Color)
		row := []any{"  " + text.Escape(string(o.Def.Name)), text.Escape(string(o.Def.Owner)), text.Escape(o.Def.Within.Raw), Target(o.TargetPPM),
			strconv.Itoa(r.Met), strconv.Itoa(r.Breached), strconv.Itoa(r.Pending), Attainment(r), status, Sparkline(r, ' ')}
		if err := add(row...); err != nil {
			return nil, 0, err
		}
		for _, g := range r.Groups {
			gs := text.Paint(string(g.Status), statusColor[g.Status], opts.Color)
			if err := add("    "+text.Escape(g.Key), "", "", "", strconv.Itoa(g.Met), strconv.Itoa(g.Breached),
				strconv.Itoa(g.Pending), Attainment(g.Result), gs, ""); err != nil {
				return nil, 0, err
			}
		}
		if opts.Details {
			after[rows] = issueRows(r)
		}
	}
	return after, rows, t.Render()
}

type issueRow struct {
	label string
	note  string
	clock *compliance.ClockResult
}

// issueRows lists an objective's breached and at-risk clocks, for --details.
func issueRows(r *compliance.Result) []issueRow {
	var out []issueRow
	for i := range r.Clocks {
		c := &r.Clocks[i]
		if c.Outcome != compliance.Breached && !c.AtRisk {
			continue
		}
		note := string(c.Outcome)
		if c.AtRisk {
			note = "at risk"
			if !c.DueAt.IsZero() {
				note += ", due " + c.DueAt.UTC().Format("Jan 2 15:04 MST")
			}
		}
		out = append(out, issueRow{label: fmt.Sprintf("%s#%d", c.Repo.Name, c.Issue.Number), note: note, clock: c})
	}
	return out
}
