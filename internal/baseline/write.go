package baseline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter/tw"
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/text"
)

// Report is a baseline: what was measured, how, and the figures.
type Report struct {
	Repos  []string
	Labels []string // issues had to carry all of these (none: every issue)
	At     time.Time
	Weeks  int
	// Calendar names the calendar business time counted under, and
	// Location is its time zone, in which weeks are dated.
	Calendar string
	Location *time.Location
	// Team is the team whose members' comments are responses, or "" for
	// anyone but the author and bots.
	Team string
	// Metrics are first_response, then resolution.
	Metrics []Metric
	// Missing are the repositories that could not be read.
	Missing []string
}

// Metric returns the metric with the name, or nil.
func (r *Report) Metric(name agreement.Metric) *Metric {
	for i := range r.Metrics {
		if r.Metrics[i].Name == name {
			return &r.Metrics[i]
		}
	}
	return nil
}

// Proposal returns the proposal of a metric for a target, and false when
// none was made.
func (r *Report) Proposal(metric agreement.Metric, targetPPM int64) (Proposal, bool) {
	if m := r.Metric(metric); m != nil {
		for _, p := range m.Proposals {
			if p.TargetPPM == targetPPM && p.Within > 0 {
				return p, true
			}
		}
	}
	return Proposal{}, false
}

// Within shows a proposed within as agreement files write it: 30m, 1h30m,
// 40h.
func Within(d time.Duration) string { return report.Duration(d) }

// responders says whose comments are first responses.
func (r *Report) responders() string {
	if r.Team != "" {
		return "a member of " + r.Team
	}
	return "anyone but the author and bots"
}

// intro is the title line and the line that says how it was measured.
func (r *Report) intro(escape func(string) string) (title, how string) {
	scope := escape(strings.Join(r.Repos, ", "))
	if len(r.Labels) > 0 {
		scope += " (issues labelled " + escape(strings.Join(r.Labels, ", ")) + ")"
	}
	title = fmt.Sprintf("Baseline of %s: %d weeks to %s", scope, r.Weeks, r.At.UTC().Format("2006-01-02 15:04 MST"))
	how = fmt.Sprintf("Business time under %s (%s).\nA first response is the first comment, or the close, by %s.",
		escape(r.Calendar), escape(r.Location.String()), escape(r.responders()))
	return title, how
}

const (
	percentileNote = "p50 and p90 count every issue opened in the week; one not yet answered (or still open)\n" +
		"counts its business time so far."
	proposalNote = "Within: the smallest round value (30m steps to 4h, whole hours above) whose weekly\n" +
		"attainment reaches the target in at least half of the weeks with issues."
)

// span shows a percentile, or "–" for a week without clocks.
func span(d time.Duration, clocks int) string {
	if clocks == 0 {
		return "–"
	}
	return report.Duration(d)
}

// weekRows are the rows of the weekly table: the week's first day, then
// per metric the issues, p50, p90 and running clocks.
func (r *Report) weekRows() [][]string {
	fr, res := r.Metric(agreement.MetricFirstResponse), r.Metric(agreement.MetricResolution)
	var rows [][]string
	for i := range res.Weeks {
		a, b := fr.Weeks[i], res.Weeks[i]
		rows = append(rows, []string{
			b.Start.In(r.Location).Format("2006-01-02"), fmt.Sprint(b.Clocks),
			span(a.P50, a.Clocks), span(a.P90, a.Clocks), fmt.Sprint(a.Running),
			span(b.P50, b.Clocks), span(b.P90, b.Clocks), fmt.Sprint(b.Running),
		})
	}
	return rows
}

var weekHeader = []string{"WEEK FROM", "ISSUES", "RESPONSE P50", "RESPONSE P90", "UNANSWERED", "RESOLUTION P50", "RESOLUTION P90", "OPEN"}

// proposalRows are the rows of the proposals table: per target, the
// within and the weeks that reach it, per metric.
func (r *Report) proposalRows() [][]string {
	var rows [][]string
	for i, t := range Targets {
		row := []string{report.Target(t)}
		for _, name := range []agreement.Metric{agreement.MetricFirstResponse, agreement.MetricResolution} {
			p := r.Metric(name).Proposals[i]
			if p.Within == 0 {
				row = append(row, "–", fmt.Sprintf("0 of %d", p.Weeks))
				continue
			}
			row = append(row, Within(p.Within), fmt.Sprintf("%d of %d", p.WeeksMet, p.Weeks))
		}
		rows = append(rows, row)
	}
	return rows
}

var proposalHeader = []string{"TARGET", "FIRST RESPONSE WITHIN", "WEEKS MET", "RESOLUTION WITHIN", "WEEKS MET"}

// WriteTable prints the baseline for a terminal, narrow enough for 100
// columns: how it was measured, the weeks, then the proposals.
func WriteTable(w io.Writer, r *Report) error {
	var b strings.Builder
	title, how := r.intro(text.Escape)
	fmt.Fprintf(&b, "%s\n%s\n\n", title, how)
	if err := plainTable(&b, weekHeader, r.weekRows()); err != nil {
		return err
	}
	fmt.Fprintf(&b, "%s\n\n", percentileNote)
	if err := plainTable(&b, proposalHeader, r.proposalRows()); err != nil {
		return err
	}
	fmt.Fprintf(&b, "%s\n", proposalNote)
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
	t := report.NewPlainTable(&buf, align)
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

// WriteMarkdown prints the baseline for a step summary or an issue: the
// same two tables. Text from outside (repositories, labels, names) is
// escaped.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	title, how := r.intro(text.Markdown)
	fmt.Fprintf(&b, "**%s**\n\n%s\n\n", title, how)
	markdownTable(&b, weekHeader, r.weekRows())
	fmt.Fprintf(&b, "\n%s\n\n", percentileNote)
	markdownTable(&b, proposalHeader, r.proposalRows())
	fmt.Fprintf(&b, "\n%s\n", proposalNote)
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
		titles[i] = strings.ToUpper(h[:1]) + strings.ToLower(h[1:])
	}
	fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(titles, " | "), strings.Repeat("---|", len(header)))
	for _, row := range rows {
		fmt.Fprintf(b, "| %s |\n", strings.Join(row, " | "))
	}
}

// The JSON layout: durations in seconds, times RFC 3339 UTC.
type jsonReport struct {
	Repos      []string     `json:"repos"`
	Labels     []string     `json:"labels"`
	At         time.Time    `json:"at"`
	Weeks      int          `json:"weeks"`
	Calendar   string       `json:"calendar"`
	TimeZone   string       `json:"time_zone"`
	Responders string       `json:"responders"`
	Team       *string      `json:"team"`
	Metrics    []jsonMetric `json:"metrics"`
	Incomplete []string     `json:"incomplete"`
}

type jsonMetric struct {
	Metric    string         `json:"metric"`
	Weeks     []jsonWeek     `json:"weeks"`
	Proposals []jsonProposal `json:"proposals"`
}

type jsonWeek struct {
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Clocks  int       `json:"clocks"`
	Running int       `json:"running"`
	// P50Seconds and P90Seconds are null for a week without clocks.
	P50Seconds *int64 `json:"p50_seconds"`
	P90Seconds *int64 `json:"p90_seconds"`
}

type jsonProposal struct {
	Target float64 `json:"target"`
	// Within is as agreement files write it ("4h"); it and WithinSeconds
	// are null when no value is proposed.
	Within        *string `json:"within"`
	WithinSeconds *int64  `json:"within_seconds"`
	WeeksMet      int     `json:"weeks_met"`
	Weeks         int     `json:"weeks"`
}

func seconds(d time.Duration) *int64 {
	s := int64(d / time.Second)
	return &s
}

// WriteJSON prints the baseline as JSON.
func WriteJSON(w io.Writer, r *Report) error {
	out := jsonReport{Repos: r.Repos, Labels: append([]string{}, r.Labels...), At: r.At.UTC(), Weeks: r.Weeks,
		Calendar: r.Calendar, TimeZone: r.Location.String(), Responders: "anyone", Incomplete: append([]string{}, r.Missing...)}
	if r.Team != "" {
		out.Responders, out.Team = "team", &r.Team
	}
	for _, m := range r.Metrics {
		jm := jsonMetric{Metric: string(m.Name)}
		for _, wk := range m.Weeks {
			jw := jsonWeek{Start: wk.Start.UTC(), End: wk.End.UTC(), Clocks: wk.Clocks, Running: wk.Running}
			if wk.Clocks > 0 {
				jw.P50Seconds, jw.P90Seconds = seconds(wk.P50), seconds(wk.P90)
			}
			jm.Weeks = append(jm.Weeks, jw)
		}
		for _, p := range m.Proposals {
			jp := jsonProposal{Target: float64(p.TargetPPM) / compliance.Million, WeeksMet: p.WeeksMet, Weeks: p.Weeks}
			if p.Within > 0 {
				s := Within(p.Within)
				jp.Within, jp.WithinSeconds = &s, seconds(p.Within)
			}
			jm.Proposals = append(jm.Proposals, jp)
		}
		out.Metrics = append(out.Metrics, jm)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
