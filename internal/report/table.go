package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/sla-dev/sla/internal/compliance"
)

// TableOptions shape the terminal table.
type TableOptions struct {
	Color   bool // colour the status (on a terminal only)
	Details bool // list the breaching and at-risk issues under each objective
}

var statusColor = map[compliance.Status]string{
	compliance.StatusMet:      "\x1b[32m",
	compliance.StatusAtRisk:   "\x1b[33m",
	compliance.StatusBreached: "\x1b[31m",
	compliance.StatusNoData:   "\x1b[2m",
}

// WriteTable prints one row per objective, grouped under its agreement,
// narrow enough for a 100-column terminal.
func WriteTable(w io.Writer, rep *compliance.Report, opts TableOptions) error {
	var buf bytes.Buffer
	if err := writeTable(&buf, rep, opts); err != nil {
		return err
	}
	// The column padding leaves spaces at the ends of lines: drop them.
	for line := range strings.Lines(buf.String()) {
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
			return err
		}
	}
	s := rep.Summary()
	_, err := fmt.Fprintf(w, "\n%d objectives: %d met, %d at risk, %d breached, %d without data (as of %s)\n",
		s.Objectives, s.Met, s.AtRisk, s.Breached, s.NoData, rep.At.UTC().Format("2006-01-02 15:04 MST"))
	return err
}

func writeTable(w io.Writer, rep *compliance.Report, opts TableOptions) error {
	t := tablewriter.NewTable(w,
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
		tablewriter.WithAlignment(tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignRight,
			tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft}),
	)
	t.Header("AGREEMENT / OBJECTIVE", "OWNER", "WITHIN", "TARGET", "MET", "BREACHED", "PENDING", "ATTAINMENT", "STATUS")
	last := ""
	for _, r := range rep.Results {
		o := r.Objective
		if name := string(o.Agreement.Metadata.Name); name != last {
			if err := t.Append(name, "", "", "", "", "", "", "", ""); err != nil {
				return err
			}
			last = name
		}
		status := string(r.Status)
		if !r.Complete {
			status += " (incomplete)"
		}
		if opts.Color {
			status = statusColor[r.Status] + status + "\x1b[0m"
		}
		row := []any{"  " + string(o.Def.Name), o.Def.Owner, o.Def.Within.Raw, Target(o.TargetPPM),
			strconv.Itoa(r.Met), strconv.Itoa(r.Breached), strconv.Itoa(r.Pending), Attainment(r), status}
		if err := t.Append(row...); err != nil {
			return err
		}
		for _, g := range r.Groups {
			gs := string(g.Status)
			if opts.Color {
				gs = statusColor[g.Status] + gs + "\x1b[0m"
			}
			if err := t.Append("    "+g.Key, "", "", "", strconv.Itoa(g.Met), strconv.Itoa(g.Breached),
				strconv.Itoa(g.Pending), Attainment(g.Result), gs); err != nil {
				return err
			}
		}
		if opts.Details {
			for _, c := range issueRows(r) {
				if err := t.Append("    "+c.label, "", Duration(c.clock.Clock.Elapsed), "", "", "", "", "", c.note); err != nil {
					return err
				}
			}
		}
	}
	return t.Render()
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
				note += ", due " + c.DueAt.UTC().Format("Jan 2 15:04")
			}
		}
		out = append(out, issueRow{label: fmt.Sprintf("%s#%d", c.Repo.Name, c.Issue.Number), note: note, clock: c})
	}
	return out
}
