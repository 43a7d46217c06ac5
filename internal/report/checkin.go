package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter/tw"
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/checkin"
	"github.com/sla-dev/sla/internal/checkinmark"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/describe"
	"github.com/sla-dev/sla/internal/text"
)

// MaxIssueBody is the most a check-in issue's body holds: GitHub refuses
// bodies of more than 65,536 characters.
const MaxIssueBody = 65_000

// CheckinIssueBody is the body of a check-in issue: its hidden marker, what
// the check-in asks, the agreement in plain English (sec, as sla describe
// writes it) and its compliance so far (rep, as sla check -o markdown
// writes it, cut where the body would be too long for GitHub).
func CheckinIssueBody(p *checkin.Plan, sec describe.Section, rep *compliance.Report) (string, error) {
	var b strings.Builder
	b.WriteString(p.Marker() + "\n")
	fmt.Fprintf(&b, "Once a %s, each side of this agreement says whether the other kept its promises. "+
		"Each comment below quotes one promise: if you are asked, react with 👍 if it was kept in %s, with 👎 if it was not. "+
		"One vote per person (both count as none); `sla checkin results` counts them.\n\n",
		p.Agreement.Spec.Checkin.Every, p.Period.Name())
	if err := WriteDescription(&b, &describe.Document{Sections: []describe.Section{sec}}); err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "\n## Compliance so far\n\nEach objective over its own window, as of %s:\n\n", rep.At.UTC().Format("2006-01-02 15:04 MST"))
	var table bytes.Buffer
	if err := WriteMarkdown(&table, rep); err != nil {
		return "", err
	}
	body := b.String() + table.String()
	if utf8.RuneCountInString(body) <= MaxIssueBody {
		return body, nil
	}
	const cut = "\n*(Cut here: the rest is longer than an issue holds. `sla check` shows it all.)*\n"
	var out strings.Builder
	for line := range strings.Lines(body) {
		if utf8.RuneCountInString(out.String())+utf8.RuneCountInString(line)+utf8.RuneCountInString(cut) > MaxIssueBody {
			break
		}
		out.WriteString(line)
	}
	return out.String() + cut, nil
}

// CheckinComment is the comment that asks about one expectation: its
// markers, the promise quoted, and the side asked, mentioned.
func CheckinComment(p *checkin.Plan, ask checkin.Ask, teams map[agreement.Name]*agreement.Team) string {
	var b strings.Builder
	b.WriteString(ask.Marker() + "\n")
	promised := []agreement.Name{p.Agreement.Spec.Provider}
	if ask.Side == checkinmark.SideConsumers {
		promised = p.Agreement.Spec.Consumers
	}
	var names []string
	for _, n := range promised {
		names = append(names, text.Markdown(teamTitle(teams[n], n)))
	}
	fmt.Fprintf(&b, "**%s promised:**\n\n> %s\n\n", joinAnd(names), text.MarkdownBlock(ask.Text))
	var mentions []string
	for _, t := range ask.Raters {
		mentions = append(mentions, Mentions(t)...)
	}
	fmt.Fprintf(&b, "%s: was this promise kept in %s? React with 👍 if it was, with 👎 if it was not. One vote per person: both count as none.\n",
		strings.Join(mentions, " "), p.Period.Name())
	return b.String()
}

// Mentions are how a comment asks a team: @org/team where it has a
// github_team, else each member's @login. Both are checked names, which
// need no escaping.
func Mentions(t *agreement.Team) []string {
	if t == nil {
		return nil
	}
	if t.Spec.GitHubTeam != "" {
		return []string{"@" + string(t.Spec.GitHubTeam)}
	}
	var out []string
	for _, m := range t.Spec.Members {
		out = append(out, "@"+string(m))
	}
	return out
}

func teamTitle(t *agreement.Team, n agreement.Name) string {
	if t == nil {
		return string(n)
	}
	return cmp.Or(t.Metadata.Title, string(n))
}

func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// CheckinStep is one thing `sla checkin open` did or would do.
type CheckinStep struct {
	Plan *checkin.Plan
	// Done says it was done; otherwise it is planned (a dry run).
	Done bool
	// Issue is the check-in issue's number and address, once known.
	Issue int
	URL   string
	// Added counts the comments added (or to add).
	Added int
	// Label says the label was (or is to be) created.
	Label bool
}

// WriteCheckinSteps says, one agreement a paragraph, what `sla checkin
// open` did, or would do in a dry run.
func WriteCheckinSteps(w io.Writer, steps []CheckinStep) error {
	var b strings.Builder
	for _, s := range steps {
		p := s.Plan
		fmt.Fprintf(&b, "%s, %s, in %s:\n", p.Agreement.Metadata.Name, p.Period.Name(), p.Repo)
		verb := func(done, planned string) string {
			if s.Done {
				return done
			}
			return planned
		}
		if s.Label {
			fmt.Fprintf(&b, "  %s the label %s\n", verb("created", "would create"), checkinmark.Label)
		}
		switch {
		case p.Issue == nil && s.Issue == 0 && s.Done:
			fmt.Fprintf(&b, "  did not open %q: the error says why\n", text.Escape(p.Title))
			continue
		case p.Issue == nil && s.Issue == 0:
			fmt.Fprintf(&b, "  %s %q with %s to rate\n", verb("opened", "would open"), text.Escape(p.Title), text.Plural(len(p.Asks), "expectation"))
		case p.Issue == nil:
			fmt.Fprintf(&b, "  %s #%d %q (%s)\n", verb("opened", "would open"), s.Issue, text.Escape(p.Title), text.Escape(s.URL))
		case len(p.Missing) == 0:
			fmt.Fprintf(&b, "  #%d has all %s: nothing to do (%s)\n", p.Issue.Number, text.Plural(len(p.Asks), "expectation"), text.Escape(p.Issue.URL))
			continue
		default:
			fmt.Fprintf(&b, "  #%d has %d of %s (%s)\n", p.Issue.Number, len(p.Asks)-len(p.Missing), text.Plural(len(p.Asks), "expectation"), text.Escape(p.Issue.URL))
		}
		n := len(p.Missing)
		if s.Done {
			n = s.Added
		}
		fmt.Fprintf(&b, "  %s %s, one per expectation not yet asked\n", verb("added", "would add"), text.Plural(n, "comment"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// CheckinResultsFormats are the formats of `sla checkin results`.
var CheckinResultsFormats = []string{"table", "markdown", "json"}

// WriteCheckinResults writes check-in results in a format: table,
// markdown or json.
func WriteCheckinResults(w io.Writer, results []checkin.Results, at time.Time, format string) error {
	switch format {
	case "markdown":
		return writeCheckinMarkdown(w, results)
	case "json":
		return writeCheckinJSON(w, results, at)
	}
	return writeCheckinTable(w, results)
}

// Approval shows a share, or "–" without votes.
func Approval(s checkin.Share) string {
	if !s.Known {
		return "–"
	}
	return Percent(s.PPM)
}

// Change shows a row's change since the previous period, in points
// truncated towards zero, "new" for an expectation the previous check-in
// did not ask, "–" when either period has no votes.
func Change(r checkin.Row) string {
	if r.New {
		return "new"
	}
	d, ok := r.Change()
	if !ok {
		return "–"
	}
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	tenths := d / 1000
	return fmt.Sprintf("%s%d.%d pts", sign, tenths/10, tenths%10)
}

// voteWords writes the raters, each with their vote: "carol 👍, dave (both: none)".
func voteWords(votes []checkin.Vote) string {
	return votesIn(votes, " 👍", " 👎")
}

// votesIn writes the raters with the words given for 👍 and 👎.
func votesIn(votes []checkin.Vote, up, down string) string {
	var out []string
	for _, v := range votes {
		switch v.Content {
		case "+1":
			out = append(out, v.Login+up)
		case "-1":
			out = append(out, v.Login+down)
		default:
			out = append(out, v.Login+" (both: none)")
		}
	}
	return strings.Join(out, ", ")
}

// writeList writes items after a lead, separated by commas, on lines of
// at most text.Columns columns, each further line indented four: an item
// is never cut (one longer than a line has a line of its own).
func writeList(b *bytes.Buffer, lead string, items []string) {
	line := lead
	for i, item := range items {
		if i < len(items)-1 {
			item += ","
		}
		switch {
		case i == 0:
			line += item
		case text.Width(line)+1+text.Width(item) > text.Columns:
			b.WriteString(line + "\n")
			line = "    " + item
		default:
			line += " " + item
		}
	}
	b.WriteString(line + "\n")
}

// noCheckin says why an agreement has no rows.
func noCheckin(r checkin.Results) string {
	return fmt.Sprintf("no check-in issue for %s in %s: open it with `sla checkin open`", r.Agreement.Metadata.Name, r.Period.Name())
}

func sideWords(side string, n int) string { return fmt.Sprintf("%s %d", side, n) }

// clip shortens text for a table cell.
func clip(s string, n int) string {
	s = text.Escape(strings.Join(strings.Fields(s), " "))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func writeCheckinTable(w io.Writer, results []checkin.Results) error {
	var b bytes.Buffer
	for i, r := range results {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s — %s (before: %s)\n", r.Agreement.Metadata.Name, r.Period.Name(), r.Previous.Name())
		if r.Issue == nil {
			fmt.Fprintf(&b, "  %s\n", noCheckin(r))
			continue
		}
		t := NewPlainTable(&b, tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight})
		t.Header("  EXPECTATION", "PROMISE", "👍", "👎", "APPROVAL", "BEFORE", "CHANGE")
		for _, row := range r.Rows {
			if err := t.Append("  "+sideWords(row.Side, row.N), clip(row.Text, 28), fmt.Sprint(row.Up), fmt.Sprint(row.Down),
				Approval(row.Approval), Approval(row.Before), Change(row)); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		// The raters on lines of their own, so that long lists do not
		// widen every row, wrapped to fit a terminal.
		for _, row := range r.Rows {
			if len(row.Votes) > 0 {
				writeList(&b, "  "+sideWords(row.Side, row.N)+": ", strings.Split(text.Escape(voteWords(row.Votes)), ", "))
			}
		}
		fmt.Fprintf(&b, "  %s\n", text.Escape(r.Issue.URL))
	}
	var out strings.Builder
	for line := range strings.Lines(b.String()) {
		out.WriteString(strings.TrimRight(line, " \n") + "\n")
	}
	_, err := io.WriteString(w, out.String())
	return err
}

func writeCheckinMarkdown(w io.Writer, results []checkin.Results) error {
	var b strings.Builder
	for i, r := range results {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "### Check-in: %s — %s\n\n", text.Markdown(string(r.Agreement.Metadata.Name)), r.Period.Name())
		if r.Issue == nil {
			fmt.Fprintf(&b, "%s\n", text.Markdown(noCheckin(r)))
			continue
		}
		fmt.Fprintf(&b, "[%s#%d](%s), votes as 👍 and 👎 reactions; before: %s.\n\n", text.Markdown(r.Issue.Repo), r.Issue.Number, r.Issue.URL, r.Previous.Name())
		b.WriteString("| Expectation | Promise | 👍 | 👎 | Approval | Before | Change | Raters |\n|---|---|--:|--:|--:|--:|--:|---|\n")
		for _, row := range r.Rows {
			fmt.Fprintf(&b, "| %s | %s | %d | %d | %s | %s | %s | %s |\n", sideWords(row.Side, row.N), text.Markdown(row.Text),
				row.Up, row.Down, Approval(row.Approval), Approval(row.Before), Change(row), text.Markdown(voteWords(row.Votes)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type checkinJSON struct {
	EvaluatedAt string               `json:"evaluated_at"`
	Agreements  []checkinAgreementJS `json:"agreements"`
}

type checkinAgreementJS struct {
	Name           string           `json:"name"`
	Period         string           `json:"period"`
	PreviousPeriod string           `json:"previous_period"`
	Issue          string           `json:"issue,omitempty"` // its address; absent when none was opened
	PreviousIssue  string           `json:"previous_issue,omitempty"`
	Expectations   []checkinRowJSON `json:"expectations"`
}

type checkinRowJSON struct {
	Side     string     `json:"side"`
	N        int        `json:"n"`
	Text     string     `json:"text"`
	Up       int        `json:"up"`
	Down     int        `json:"down"`
	Raters   []voteJSON `json:"raters"`
	Approval *float64   `json:"approval"`
	Previous *float64   `json:"previous_approval"`
	Change   *float64   `json:"change"`
	New      bool       `json:"new"`
}

type voteJSON struct {
	Login string `json:"login"`
	Vote  string `json:"vote"` // +1, -1, or none (both given)
}

func fraction(s checkin.Share) *float64 {
	if !s.Known {
		return nil
	}
	v := float64(s.PPM) / agreement.Million
	return &v
}

func writeCheckinJSON(w io.Writer, results []checkin.Results, at time.Time) error {
	out := checkinJSON{EvaluatedAt: at.UTC().Format(time.RFC3339), Agreements: []checkinAgreementJS{}}
	for _, r := range results {
		a := checkinAgreementJS{Name: string(r.Agreement.Metadata.Name), Period: r.Period.Name(), PreviousPeriod: r.Previous.Name(),
			Expectations: []checkinRowJSON{}}
		if r.Issue != nil {
			a.Issue = r.Issue.URL
		}
		if r.PreviousIssue != nil {
			a.PreviousIssue = r.PreviousIssue.URL
		}
		for _, row := range r.Rows {
			j := checkinRowJSON{Side: row.Side, N: row.N, Text: row.Text, Up: row.Up, Down: row.Down, Raters: []voteJSON{},
				Approval: fraction(row.Approval), Previous: fraction(row.Before), New: row.New}
			if d, ok := row.Change(); ok {
				v := float64(d) / agreement.Million
				j.Change = &v
			}
			for _, v := range row.Votes {
				j.Raters = append(j.Raters, voteJSON{Login: v.Login, Vote: cmp.Or(v.Content, "none")})
			}
			a.Expectations = append(a.Expectations, j)
		}
		out.Agreements = append(out.Agreements, a)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
