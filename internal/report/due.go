package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter/tw"
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/due"
	"github.com/sla-dev/sla/internal/text"
)

// WriteDueTable prints `sla due`'s list for a terminal, within 80
// columns, in two sections: first the clocks due soon, which can still be
// met, the soonest due first; then the overdue ones, in a section of their own,
// the longest overdue first. Each clock is a row — its due time in its
// objective's calendar's zone, the time of its within left (or over, in
// yellow or red with color), the objective and the owning teams — and
// under it the issue's address and title (dueIssueLines).
func WriteDueTable(w io.Writer, v *due.View, color bool) error {
	var b strings.Builder
	saved, overdue := due.Split(v.Items)
	align := tw.Alignment{tw.AlignLeft, tw.AlignRight, tw.AlignLeft, tw.AlignLeft}
	for _, sec := range []struct {
		title, when string
		items       []due.Item
	}{
		{dueSoonTitle(v) + ":", "LEFT", saved},
		{"Overdue, the longest overdue first:", "OVER BY", overdue},
	} {
		if len(sec.items) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(sec.title + "\n")
		var rows []tableLine
		for i := range sec.items {
			it := &sec.items[i]
			colour := text.Yellow
			if it.Overdue() {
				colour = text.Red
			}
			rows = append(rows, tableLine{
				cells: []any{dueStamp(it.DueAt, it.Location()), text.Paint(dueLeft(it), colour, color),
					text.Escape(it.Objective.Name()), text.Escape(dueOwners(it))},
				after: dueIssueLines(it),
			})
		}
		if err := writeLines(&b, align, []any{"DUE AT", sec.when, "OBJECTIVE", "OWNER"}, rows); err != nil {
			return err
		}
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	if len(v.Missing) > 0 {
		fmt.Fprintf(&b, "* incomplete: %s could not be read\n\n", text.Escape(strings.Join(v.Missing, ", ")))
	}
	fmt.Fprintf(&b, "%s (as of %s)\n", dueHeadline(v, text.Escape), v.At.UTC().Format("2006-01-02 15:04 MST"))
	if len(v.Items) > 0 {
		b.WriteString(dueLegend + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteDueMarkdown prints `sla due`'s list for a GitHub step summary or an
// issue comment: a headline, then the clocks due soon and the overdue
// ones, each in a table of its own with the issues as links. Text
// from agreements and issues is escaped (text.Markdown).
func WriteDueMarkdown(w io.Writer, v *due.View) error {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — as of %s\n", dueHeadline(v, text.Markdown), v.At.UTC().Format("2006-01-02 15:04 MST"))
	if len(v.Missing) > 0 {
		fmt.Fprintf(&b, "\nIncomplete: %s could not be read.\n", text.Markdown(strings.Join(v.Missing, ", ")))
	}
	saved, overdue := due.Split(v.Items)
	for _, sec := range []struct {
		title, when string
		items       []due.Item
	}{
		{dueSoonTitle(v), "⏳ Left", saved},
		{"Overdue, the longest overdue first", "❌ Over by", overdue},
	} {
		if len(sec.items) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n", sec.title)
		fmt.Fprintf(&b, "| Due at | %s | Within | Agreement | Objective | Owner | Issue | Title |\n", sec.when)
		b.WriteString("|---|--:|--:|---|---|---|---|---|\n")
		for i := range sec.items {
			it := &sec.items[i]
			// Due times, spans and zone names need no escaping: letters,
			// digits, spaces, colons, and + or - inside a cell.
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
				dueStamp(it.DueAt, it.Location()), dueLeft(it), Within(it.Objective),
				text.Markdown(string(it.Objective.Agreement.Metadata.Name)), text.Markdown(string(it.Objective.Def.Name)),
				text.Markdown(dueOwners(it)), text.MarkdownLink(fmt.Sprintf("%s#%d", it.Repo.Name, it.Issue.Number), it.URL()),
				text.Markdown(it.Issue.Title))
		}
	}
	if len(v.Items) > 0 {
		b.WriteString("\n" + dueLegend + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// dueIssueLines show an issue under its row: its address (which
// terminals make a link) and its title on one line, or on two when they
// do not fit 80 columns together; a title too long for a line of its own
// is cut.
func dueIssueLines(it *due.Item) []string {
	url, title := "    "+text.Escape(it.URL()), text.Escape(it.Issue.Title)
	if line := url + "  " + title; text.Width(line) <= text.Columns {
		return []string{line}
	}
	return []string{url, text.Truncate("    "+title, text.Columns)}
}

// dueLegend says how the times left and over are counted.
const dueLegend = "Left and over by: time of within, in its calendar's hours (24x7: every hour)."

// dueLeft says how much of the objective's within is left, or how far
// over it the clock is: "1h42m", "now", "107h30m", and "paused" while a
// pause label holds an overdue clock.
func dueLeft(it *due.Item) string {
	if !it.Overdue() && it.Remaining <= 0 {
		return "now" // exactly within used, not yet over
	}
	s := Duration(max(it.Remaining, -it.Remaining))
	if it.Overdue() && it.Clock.Paused {
		s += ", paused"
	}
	return s
}

// dueOwners names the owning teams; "consumers" when a consumer-owned
// clock is every consumer team's (its author belongs to none of them, or
// to all).
func dueOwners(it *due.Item) string {
	if it.Objective.Def.Owner == agreement.OwnerConsumers && len(it.Owners) > 1 && len(it.Owners) == len(it.Objective.Consumers) {
		return string(agreement.OwnerConsumers)
	}
	return strings.Join(it.Owners, ", ")
}

// dueHeadline says what was listed, for the closing line of the table and
// the first line of the Markdown: "platform: 29 clocks, 16 due soon, 13
// overdue".
func dueHeadline(v *due.View, escape func(string) string) string {
	s := due.Summarize(v.Items)
	head := text.Plural(len(v.Items), "clock")
	if v.Team != "" {
		head = escape(v.Team) + ": " + head
	}
	return fmt.Sprintf("%s, %d due soon, %d overdue", head, s.Due, s.Overdue)
}

// dueSoonTitle heads the clocks that can still be met, saying which are
// listed: "Due soon, the soonest first (at most half their time left):".
func dueSoonTitle(v *due.View) string {
	left := "at most half their time left"
	if v.Within > 0 {
		left = "at most " + Duration(v.Within) + " of business time left"
	}
	return "Due soon, the soonest first (" + left + ")"
}

// The JSON layout of `sla due`: durations in seconds, times RFC 3339 UTC.
type jsonDueView struct {
	EvaluatedAt time.Time `json:"evaluated_at"`
	Team        *string   `json:"team"`
	// WithinSeconds is --within, or null for half of each objective's.
	WithinSeconds *int64         `json:"within_seconds"`
	Summary       jsonDueSummary `json:"summary"`
	Clocks        []jsonDueItem  `json:"clocks"`
	Incomplete    []string       `json:"incomplete"`
}

type jsonDueSummary struct {
	Clocks  int `json:"clocks"`
	Overdue int `json:"overdue"`
	Due     int `json:"due"`
}

type jsonDueItem struct {
	DueAt    time.Time `json:"due_at"`
	TimeZone string    `json:"time_zone"`
	// RemainingSeconds is the business time left, negative when overdue.
	RemainingSeconds int64     `json:"remaining_seconds"`
	Overdue          bool      `json:"overdue"`
	Outcome          string    `json:"outcome"`
	Paused           bool      `json:"paused"`
	Agreement        string    `json:"agreement"`
	Objective        string    `json:"objective"`
	Metric           string    `json:"metric"`
	Owner            string    `json:"owner"`
	Teams            []string  `json:"teams"`
	Repo             string    `json:"repo"`
	Number           int       `json:"number"`
	Title            string    `json:"title"`
	URL              string    `json:"url"`
	StartedAt        time.Time `json:"started_at"`
	ElapsedSeconds   int64     `json:"elapsed_seconds"`
	WithinSeconds    int64     `json:"within_seconds"`
}

// WriteDueJSON prints `sla due`'s list as JSON.
func WriteDueJSON(w io.Writer, v *due.View) error {
	s := due.Summarize(v.Items)
	out := jsonDueView{EvaluatedAt: v.At.UTC(), Summary: jsonDueSummary{len(v.Items), s.Overdue, s.Due},
		Clocks: []jsonDueItem{}, Incomplete: []string{}}
	if v.Team != "" {
		out.Team = &v.Team
	}
	if v.Within > 0 {
		secs := int64(v.Within / time.Second)
		out.WithinSeconds = &secs
	}
	out.Incomplete = append(out.Incomplete, v.Missing...)
	for i := range v.Items {
		it := &v.Items[i]
		o := it.Objective
		out.Clocks = append(out.Clocks, jsonDueItem{
			DueAt: it.DueAt.UTC(), TimeZone: it.Location().String(), RemainingSeconds: int64(it.Remaining / time.Second),
			Overdue: it.Overdue(), Outcome: string(it.Outcome), Paused: it.Clock.Paused,
			Agreement: string(o.Agreement.Metadata.Name), Objective: string(o.Def.Name), Metric: string(o.Def.Metric),
			Owner: string(o.Def.Owner), Teams: it.Owners, Repo: it.Repo.Name, Number: it.Issue.Number, Title: it.Issue.Title,
			URL: it.URL(), StartedAt: it.Clock.Start.UTC(), ElapsedSeconds: int64(it.Clock.Elapsed / time.Second),
			WithinSeconds: int64(o.Within / time.Second),
		})
	}
	return writeJSON(w, out)
}
