package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter/tw"
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/baseline"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/text"
)

// baselineResponders says whose comments are first responses.
func baselineResponders(r *baseline.Report) string {
	if r.Team != "" {
		return "a member of " + r.Team
	}
	return "anyone but the author and bots"
}

// baselineIntro is the title line and the line that says how it was
// measured.
func baselineIntro(r *baseline.Report, escape func(string) string) (title, how string) {
	scope := escape(strings.Join(r.Repos, ", "))
	if len(r.Labels) > 0 {
		scope += " (issues labelled " + escape(strings.Join(r.Labels, ", ")) + ")"
	}
	title = fmt.Sprintf("Baseline of %s: %d weeks to %s", scope, r.Weeks, r.At.UTC().Format("2006-01-02 15:04 MST"))
	how = fmt.Sprintf("Business time under %s (%s).\nA first response is the first comment, or the close,\nby %s.",
		escape(r.Calendar), escape(r.Location.String()), escape(baselineResponders(r)))
	return title, how
}

const (
	baselinePercentileNote = "p50 and p90 count every issue opened in the week; one not yet answered\n" +
		"(or still open) counts its business time so far."
	baselineProposalNote = "Within: the smallest round value (30m steps to 4h, whole hours above) whose\n" +
		"weekly attainment reaches the target in at least half of the weeks with issues."
)

// percentile shows a percentile, or "–" for a week without clocks.
func percentile(d time.Duration, clocks int) string {
	if clocks == 0 {
		return "–"
	}
	return Duration(d)
}

// baselineWeekRows are the rows of the weekly table: the week's first
// day, then per metric the issues, p50, p90 and running clocks.
func baselineWeekRows(r *baseline.Report) [][]string {
	fr, res := r.Metric(agreement.MetricFirstResponse), r.Metric(agreement.MetricResolution)
	var rows [][]string
	for i := range res.Weeks {
		a, b := fr.Weeks[i], res.Weeks[i]
		rows = append(rows, []string{
			b.Start.In(r.Location).Format("2006-01-02"), fmt.Sprint(b.Clocks),
			percentile(a.P50, a.Clocks), percentile(a.P90, a.Clocks), fmt.Sprint(a.Running),
			percentile(b.P50, b.Clocks), percentile(b.P90, b.Clocks), fmt.Sprint(b.Running),
		})
	}
	return rows
}

// baselineWeekHeader names each percentile under its metric, on two
// lines, so that the table fits 80 columns.
var baselineWeekHeader = []string{"WEEK FROM", "ISSUES", "RESPONSE\nP50", "RESPONSE\nP90", "UNANSWERED", "RESOLUTION\nP50", "RESOLUTION\nP90", "OPEN"}

// baselineProposalRows are the rows of the proposals table: per target,
// the within and the weeks that reach it, per metric.
func baselineProposalRows(r *baseline.Report) [][]string {
	var rows [][]string
	for i, t := range baseline.Targets {
		row := []string{Target(t)}
		for _, name := range []agreement.Metric{agreement.MetricFirstResponse, agreement.MetricResolution} {
			p := r.Metric(name).Proposals[i]
			if p.Within == 0 {
				row = append(row, "–", fmt.Sprintf("0 of %d", p.Weeks))
				continue
			}
			row = append(row, Duration(p.Within), fmt.Sprintf("%d of %d", p.WeeksMet, p.Weeks))
		}
		rows = append(rows, row)
	}
	return rows
}

var baselineProposalHeader = []string{"TARGET", "FIRST RESPONSE WITHIN", "WEEKS MET", "RESOLUTION WITHIN", "WEEKS MET"}

// WriteBaselineTable prints a baseline for a terminal, narrow enough for
// 80 columns: how it was measured, the weeks, then the proposals.
func WriteBaselineTable(w io.Writer, r *baseline.Report) error {
	var b strings.Builder
	title, how := baselineIntro(r, text.Escape)
	fmt.Fprintf(&b, "%s\n%s\n\n", title, how)
	if err := plainTable(&b, baselineWeekHeader, baselineWeekRows(r)); err != nil {
		return err
	}
	fmt.Fprintf(&b, "%s\n\n", baselinePercentileNote)
	if err := plainTable(&b, baselineProposalHeader, baselineProposalRows(r)); err != nil {
		return err
	}
	fmt.Fprintf(&b, "%s\n", baselineProposalNote)
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, "\n* incomplete: %s could not be read\n", text.Escape(strings.Join(r.Missing, ", ")))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// plainTable renders rows under a header, numbers and times left-aligned
// as in the other tables, without the spaces the padding leaves at the
// ends of lines.
func plainTable(b *strings.Builder, header []string, rows [][]string) error {
	var buf bytes.Buffer
	align := make(tw.Alignment, len(header))
	for i := range align {
		align[i] = tw.AlignLeft
	}
	t := NewPlainTable(&buf, align)
	t.Header(header)
	for _, row := range rows {
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	for line := range strings.Lines(buf.String()) {
		b.WriteString(strings.TrimRight(line, " \n") + "\n")
	}
	b.WriteString("\n")
	return nil
}

// WriteBaselineMarkdown prints a baseline for a step summary or an issue:
// the same two tables. Text from outside (repositories, labels, names) is
// escaped.
func WriteBaselineMarkdown(w io.Writer, r *baseline.Report) error {
	var b strings.Builder
	title, how := baselineIntro(r, text.Markdown)
	fmt.Fprintf(&b, "**%s**\n\n%s\n\n", title, how)
	markdownTable(&b, baselineWeekHeader, baselineWeekRows(r))
	fmt.Fprintf(&b, "\n%s\n\n", baselinePercentileNote)
	markdownTable(&b, baselineProposalHeader, baselineProposalRows(r))
	fmt.Fprintf(&b, "\n%s\n", baselineProposalNote)
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, "\nIncomplete: %s could not be read.\n", text.Markdown(strings.Join(r.Missing, ", ")))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownTable writes a table whose cells are the program's own (dates,
// counts, durations): nothing in them needs escaping.
func markdownTable(b *strings.Builder, header []string, rows [][]string) {
	titles := make([]string, len(header))
	for i, h := range header {
		h = strings.ReplaceAll(h, "\n", " ") // a table's two-line header is one line here
		titles[i] = strings.ToUpper(h[:1]) + strings.ToLower(h[1:])
	}
	fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(titles, " | "), strings.Repeat("---|", len(header)))
	for _, row := range rows {
		fmt.Fprintf(b, "| %s |\n", strings.Join(row, " | "))
	}
}

// The JSON layout of a baseline: durations in seconds, times RFC 3339 UTC.
type jsonBaseline struct {
	Repos      []string             `json:"repos"`
	Labels     []string             `json:"labels"`
	At         time.Time            `json:"at"`
	Weeks      int                  `json:"weeks"`
	Calendar   string               `json:"calendar"`
	TimeZone   string               `json:"time_zone"`
	Responders string               `json:"responders"`
	Team       *string              `json:"team"`
	Metrics    []jsonBaselineMetric `json:"metrics"`
	Incomplete []string             `json:"incomplete"`
}

type jsonBaselineMetric struct {
	Metric    string                 `json:"metric"`
	Weeks     []jsonBaselineWeek     `json:"weeks"`
	Proposals []jsonBaselineProposal `json:"proposals"`
}

type jsonBaselineWeek struct {
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Clocks  int       `json:"clocks"`
	Running int       `json:"running"`
	// P50Seconds and P90Seconds are null for a week without clocks.
	P50Seconds *int64 `json:"p50_seconds"`
	P90Seconds *int64 `json:"p90_seconds"`
}

type jsonBaselineProposal struct {
	Target float64 `json:"target"`
	// Within is as agreement files write it ("4h"); it and WithinSeconds
	// are null when no value is proposed.
	Within        *string `json:"within"`
	WithinSeconds *int64  `json:"within_seconds"`
	WeeksMet      int     `json:"weeks_met"`
	Weeks         int     `json:"weeks"`
}

func secondsOf(d time.Duration) *int64 {
	s := int64(d / time.Second)
	return &s
}

// WriteBaselineJSON prints a baseline as JSON.
func WriteBaselineJSON(w io.Writer, r *baseline.Report) error {
	out := jsonBaseline{Repos: r.Repos, Labels: append([]string{}, r.Labels...), At: r.At.UTC(), Weeks: r.Weeks,
		Calendar: r.Calendar, TimeZone: r.Location.String(), Responders: "anyone", Incomplete: append([]string{}, r.Missing...)}
	if r.Team != "" {
		out.Responders, out.Team = "team", &r.Team
	}
	for _, m := range r.Metrics {
		jm := jsonBaselineMetric{Metric: string(m.Name)}
		for _, wk := range m.Weeks {
			jw := jsonBaselineWeek{Start: wk.Start.UTC(), End: wk.End.UTC(), Clocks: wk.Clocks, Running: wk.Running}
			if wk.Clocks > 0 {
				jw.P50Seconds, jw.P90Seconds = secondsOf(wk.P50), secondsOf(wk.P90)
			}
			jm.Weeks = append(jm.Weeks, jw)
		}
		for _, p := range m.Proposals {
			jp := jsonBaselineProposal{Target: float64(p.TargetPPM) / compliance.Million, WeeksMet: p.WeeksMet, Weeks: p.Weeks}
			if p.Within > 0 {
				s := Duration(p.Within)
				jp.Within, jp.WithinSeconds = &s, secondsOf(p.Within)
			}
			jm.Proposals = append(jm.Proposals, jp)
		}
		out.Metrics = append(out.Metrics, jm)
	}
	return writeJSON(w, out)
}
