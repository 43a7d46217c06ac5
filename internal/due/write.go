package due

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter/tw"
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/text"
)

// View is what the writers print: the due clocks of a report, and how they
// were chosen.
type View struct {
	At    time.Time
	Items []Item
	// Within is --within (zero: half of each objective's within).
	Within time.Duration
	// Team is --team, or "".
	Team string
	// Missing are the repositories that could not be read.
	Missing []string
}

// NewView lists the due clocks of a report.
func NewView(rep *compliance.Report, opts Options) *View {
	v := &View{At: rep.At, Items: List(rep, opts), Within: opts.Within, Team: opts.Team}
	for _, r := range rep.Results {
		for _, m := range r.Missing {
			if !slices.Contains(v.Missing, m) {
				v.Missing = append(v.Missing, m)
			}
		}
	}
	return v
}

// Span shows the size of a business time in hours and minutes with a space
// between them (2h 10m, 45m, 30s), without a sign: never in days, which
// under a business calendar would be ambiguous. It truncates to the minute.
func Span(d time.Duration) string { return report.DurationSep(max(d, -d), " ") }

// When says how far off the due time is, in business time: "in 2h 10m",
// "now", or "overdue by 3h" (and "(paused)" while a pause label holds an
// overdue clock).
func (it *Item) When() string { return it.when("") }

// when is When with unit after the span (" business time").
func (it *Item) when(unit string) string {
	switch {
	case it.Overdue():
		s := "overdue by " + Span(it.Remaining) + unit
		if it.Clock.Paused {
			s += " (paused)"
		}
		return s
	case it.Remaining <= 0:
		return "now"
	}
	return "in " + Span(it.Remaining) + unit
}

// DueStamp shows the due time in the objective's calendar's time zone,
// with the weekday: "Fri Nov 27 10:42 CET".
func (it *Item) DueStamp() string {
	return it.DueAt.In(it.Location()).Format("Mon Jan 2 15:04 MST")
}

// Used shows the business time used of the objective's within:
// "2h 17m of 4h".
func (it *Item) Used() string {
	return Span(it.Clock.Elapsed) + " of " + Span(it.Objective.Within)
}

// OwnerText names the owning teams; "consumers" when a consumer-owned clock
// is every consumer team's (its author belongs to none of them, or to all).
func (it *Item) OwnerText() string {
	if it.Objective.Def.Owner == agreement.OwnerConsumers && len(it.Owners) > 1 && len(it.Owners) == len(it.Objective.Consumers) {
		return string(agreement.OwnerConsumers)
	}
	return strings.Join(it.Owners, ", ")
}

// Ref is owner/repo#number.
func (it *Item) Ref() string { return fmt.Sprintf("%s#%d", it.Repo.Name, it.Issue.Number) }

// headline says what was listed, for the closing line of the table and
// the first line of the Markdown: "platform: 29 clocks, 13 overdue, 16 with
// at most half their time left".
func (v *View) headline(escape func(string) string) string {
	s := Summarize(v.Items)
	left := "at most half their time left"
	if v.Within > 0 {
		left = "at most " + Span(v.Within) + " of business time left"
	}
	if v.Team != "" {
		return fmt.Sprintf("%s: %s, %d overdue, %d with %s", escape(v.Team), plural(len(v.Items), "clock"), s.Overdue, s.Due, left)
	}
	return fmt.Sprintf("%s: %d overdue, %d with %s", plural(len(v.Items), "clock"), s.Overdue, s.Due, left)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// TableOptions shape the terminal table.
type TableOptions struct {
	Color bool // colour the time left (on a terminal only)
}

const (
	reset  = "\x1b[0m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
)

// WriteTable prints one row per clock, soonest due first, narrow enough for
// a 100-column terminal: the due time in the objective's calendar's zone,
// the business time left (or overdue), the objective, the owning teams and
// the time used. Under each row, the issue's address (which terminals make
// a link) and its title.
func WriteTable(w io.Writer, v *View, opts TableOptions) error {
	var buf bytes.Buffer
	if len(v.Items) > 0 {
		t := report.NewPlainTable(&buf, tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft, tw.AlignLeft})
		t.Header("DUE AT", "BUSINESS TIME", "AGREEMENT / OBJECTIVE", "OWNER", "USED")
		for i := range v.Items {
			it := &v.Items[i]
			when := it.When()
			if opts.Color {
				color := yellow
				if it.Overdue() {
					color = red
				}
				when = color + when + reset
			}
			if err := t.Append(it.DueStamp(), when, text.Escape(it.Objective.Name()), text.Escape(it.OwnerText()), it.Used()); err != nil {
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
	fmt.Fprintf(&b, "%s (as of %s)\n",
		v.headline(text.Escape), v.At.UTC().Format("2006-01-02 15:04 MST"))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown prints the due clocks for a GitHub step summary or an
// issue comment: a headline, then a table with the issues as links. Text
// from agreements and issues is escaped.
func WriteMarkdown(w io.Writer, v *View) error {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — as of %s\n\n", v.headline(report.Escape), v.At.UTC().Format("2006-01-02 15:04 MST"))
	if len(v.Missing) > 0 {
		fmt.Fprintf(&b, "Incomplete: %s could not be read.\n\n", report.Escape(strings.Join(v.Missing, ", ")))
	}
	if len(v.Items) > 0 {
		b.WriteString("| Due at | When | Agreement | Objective | Owner | Issue | Title | Used |\n")
		b.WriteString("|---|---|---|---|---|---|---|--:|\n")
		for i := range v.Items {
			it := &v.Items[i]
			// Due times, spans and zone names need no escaping: letters,
			// digits, spaces, colons, and + or - inside a cell.
			when := "⏳ " + it.when(" business time")
			if it.Overdue() {
				when = "❌ " + it.when(" business time")
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | [%s](%s) | %s | %s |\n",
				it.DueStamp(), when,
				report.Escape(string(it.Objective.Agreement.Metadata.Name)), report.Escape(string(it.Objective.Def.Name)),
				report.Escape(it.OwnerText()), report.Escape(it.Ref()), linkURL(it.URL()),
				report.Escape(it.Issue.Title), it.Used())
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// linkURL keeps a URL from ending a Markdown link early.
func linkURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}

// The JSON layout: durations in seconds, times RFC 3339 UTC.
type jsonView struct {
	EvaluatedAt time.Time `json:"evaluated_at"`
	Team        *string   `json:"team"`
	// WithinSeconds is --within, or null for half of each objective's.
	WithinSeconds *int64      `json:"within_seconds"`
	Summary       jsonSummary `json:"summary"`
	Clocks        []jsonItem  `json:"clocks"`
	Incomplete    []string    `json:"incomplete"`
}

type jsonSummary struct {
	Clocks  int `json:"clocks"`
	Overdue int `json:"overdue"`
	Due     int `json:"due"`
}

type jsonItem struct {
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

// WriteJSON prints the due clocks as JSON.
func WriteJSON(w io.Writer, v *View) error {
	s := Summarize(v.Items)
	out := jsonView{EvaluatedAt: v.At.UTC(), Summary: jsonSummary{len(v.Items), s.Overdue, s.Due},
		Clocks: []jsonItem{}, Incomplete: []string{}}
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
		out.Clocks = append(out.Clocks, jsonItem{
			DueAt: it.DueAt.UTC(), TimeZone: it.Location().String(), RemainingSeconds: int64(it.Remaining / time.Second),
			Overdue: it.Overdue(), Outcome: string(it.Outcome), Paused: it.Clock.Paused,
			Agreement: string(o.Agreement.Metadata.Name), Objective: string(o.Def.Name), Metric: string(o.Def.Metric),
			Owner: string(o.Def.Owner), Teams: it.Owners, Repo: it.Repo.Name, Number: it.Issue.Number, Title: it.Issue.Title,
			URL: it.URL(), StartedAt: it.Clock.Start.UTC(), ElapsedSeconds: int64(it.Clock.Elapsed / time.Second),
			WithinSeconds: int64(o.Within / time.Second),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // titles keep their & and <>
	return enc.Encode(out)
}
