package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter/tw"
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/due"
	"github.com/sla-dev/sla/internal/text"
)

// WriteDueTable prints `sla due`'s list, one row per clock, soonest due
// first, narrow enough for a 100-column terminal: the due time in the
// objective's calendar's zone, the business time left (or overdue, in
// yellow or red with color), the objective, the owning teams and the time
// used. Under each row, the issue's address (which terminals make a link)
// and its title.
func WriteDueTable(w io.Writer, v *due.View, color bool) error {
	var buf bytes.Buffer
	if len(v.Items) > 0 {
		t := NewPlainTable(&buf, tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft})
		t.Header("DUE AT", "BUSINESS TIME", "AGREEMENT / OBJECTIVE", "OWNER", "USED")
		for i := range v.Items {
			it := &v.Items[i]
			colour := text.Yellow
			if it.Overdue() {
				colour = text.Red
			}
			when := text.Paint(dueWhen(it, ""), colour, color)
			if err := t.Append(dueStamp(it), when, text.Escape(it.Objective.Name()), text.Escape(dueOwners(it)), dueUsed(it)); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	var b strings.Builder
	n := 0
	for line := range strings.Lines(buf.String()) {
		b.WriteString(strings.TrimRight(line, " \n") + "\n")
		if n > 0 {
			it := &v.Items[n-1]
			fmt.Fprintf(&b, "    %s  %s\n", text.Escape(it.URL()), text.Escape(it.Issue.Title))
		}
		n++
	}
	if len(v.Items) > 0 && n != len(v.Items)+1 {
		return fmt.Errorf("the table has %d lines for %d clocks and a header", n, len(v.Items))
	}
	if len(v.Items) > 0 {
		b.WriteString("\n")
	}
	if len(v.Missing) > 0 {
		fmt.Fprintf(&b, "* incomplete: %s could not be read\n\n", text.Escape(strings.Join(v.Missing, ", ")))
	}
	fmt.Fprintf(&b, "%s (as of %s)\n", dueHeadline(v, text.Escape), v.At.UTC().Format("2006-01-02 15:04 MST"))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteDueMarkdown prints `sla due`'s list for a GitHub step summary or an
// issue comment: a headline, then a table with the issues as links. Text
// from agreements and issues is escaped (text.Markdown).
func WriteDueMarkdown(w io.Writer, v *due.View) error {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — as of %s\n\n", dueHeadline(v, text.Markdown), v.At.UTC().Format("2006-01-02 15:04 MST"))
	if len(v.Missing) > 0 {
		fmt.Fprintf(&b, "Incomplete: %s could not be read.\n\n", text.Markdown(strings.Join(v.Missing, ", ")))
	}
	if len(v.Items) > 0 {
		b.WriteString("| Due at | When | Agreement | Objective | Owner | Issue | Title | Used |\n")
		b.WriteString("|---|---|---|---|---|---|---|--:|\n")
		for i := range v.Items {
			it := &v.Items[i]
			// Due times, spans and zone names need no escaping: letters,
			// digits, spaces, colons, and + or - inside a cell.
			when := "⏳ " + dueWhen(it, " business time")
			if it.Overdue() {
				when = "❌ " + dueWhen(it, " business time")
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
				dueStamp(it), when,
				text.Markdown(string(it.Objective.Agreement.Metadata.Name)), text.Markdown(string(it.Objective.Def.Name)),
				text.Markdown(dueOwners(it)), text.MarkdownLink(fmt.Sprintf("%s#%d", it.Repo.Name, it.Issue.Number), it.URL()),
				text.Markdown(it.Issue.Title), dueUsed(it))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// dueSpan shows the size of a business time in hours and minutes with a
// space between them (2h 10m, 45m, 30s), without a sign: never in days,
// which under a business calendar would be ambiguous. It truncates to the
// minute.
func dueSpan(d time.Duration) string { return DurationSep(max(d, -d), " ") }

// dueWhen says how far off the due time is, in business time, with unit
// after the span: "in 2h 10m", "now", or "overdue by 3h" (and "(paused)"
// while a pause label holds an overdue clock).
func dueWhen(it *due.Item, unit string) string {
	switch {
	case it.Overdue():
		s := "overdue by " + dueSpan(it.Remaining) + unit
		if it.Clock.Paused {
			s += " (paused)"
		}
		return s
	case it.Remaining <= 0:
		return "now"
	}
	return "in " + dueSpan(it.Remaining) + unit
}

// dueStamp shows the due time in the time zone of the objective's
// calendar, with the weekday: "Fri Nov 27 10:42 CET".
func dueStamp(it *due.Item) string {
	return it.DueAt.In(it.Location()).Format("Mon Jan 2 15:04 MST")
}

// dueUsed shows the business time used of the objective's within: "2h 17m
// of 4h".
func dueUsed(it *due.Item) string {
	return dueSpan(it.Clock.Elapsed) + " of " + dueSpan(it.Objective.Within)
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
// the first line of the Markdown: "platform: 29 clocks, 13 overdue, 16 with
// at most half their time left".
func dueHeadline(v *due.View, escape func(string) string) string {
	s := due.Summarize(v.Items)
	left := "at most half their time left"
	if v.Within > 0 {
		left = "at most " + dueSpan(v.Within) + " of business time left"
	}
	if v.Team != "" {
		return fmt.Sprintf("%s: %s, %d overdue, %d with %s", escape(v.Team), text.Plural(len(v.Items), "clock"), s.Overdue, s.Due, left)
	}
	return fmt.Sprintf("%s: %d overdue, %d with %s", text.Plural(len(v.Items), "clock"), s.Overdue, s.Due, left)
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
