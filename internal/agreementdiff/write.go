package agreementdiff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/sla-dev/sla/internal/text"
)

// Result is what `sla diff` reports: the changes since a revision, and
// warnings about how far the comparison could go.
type Result struct {
	// Base is the revision as the user named it; Commit is its hash.
	Base     string   `json:"base"`
	Commit   string   `json:"commit,omitempty"`
	Changes  []Change `json:"changes"`
	Warnings []string `json:"warnings"`
}

// NoChanges is what the text format says when nothing changed.
const NoChanges = "no changes to agreements"

// WriteText prints one line a change, "agreement: sentence", or
// NoChanges. Warnings are not part of it: they belong on stderr.
func WriteText(w io.Writer, r *Result) error {
	var b strings.Builder
	for _, c := range r.Changes {
		b.WriteString(text.Escape(c.String()))
		b.WriteByte('\n')
	}
	if len(r.Changes) == 0 {
		b.WriteString(NoChanges + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Direction markers in Markdown.
const (
	markTightened = "⬆️"
	markLoosened  = "⬇️"
)

// WriteMarkdown prints a heading for the comparison, the warnings as a
// quote, and a heading per changed agreement with a bullet per change;
// changes to within and target carry an arrow and their direction in bold.
// Everything taken from the files is escaped (text.Markdown): mentions
// included.
func WriteMarkdown(w io.Writer, r *Result) error {
	var b strings.Builder
	b.WriteString("## Changes to agreements since " + text.Markdown(r.Base) + "\n\n")
	for _, warn := range r.Warnings {
		b.WriteString("> **Warning:** " + text.Markdown(warn) + "\n\n")
	}
	if len(r.Changes) == 0 {
		b.WriteString("No changes to agreements.\n")
	} else {
		b.WriteString(summaryLine(r.Changes) + "\n\n")
	}
	last := ""
	for i, c := range r.Changes {
		if i == 0 || c.Agreement != last {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString("### " + text.Markdown(c.Agreement) + "\n\n")
			last = c.Agreement
		}
		b.WriteString("- " + markdownText(c) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// summaryLine counts the changes, the agreements and the directions:
// "12 changes to 3 agreements: 2 promises tightened, 1 loosened."
func summaryLine(changes []Change) string {
	agreements, tightened, loosened := 0, 0, 0
	for i, c := range changes {
		if i == 0 || c.Agreement != changes[i-1].Agreement {
			agreements++
		}
		switch c.Direction {
		case Tightened:
			tightened++
		case Loosened:
			loosened++
		}
	}
	s := text.Plural(len(changes), "change") + " to " + text.Plural(agreements, "agreement")
	switch {
	case tightened > 0 && loosened > 0:
		s += fmt.Sprintf(": %s tightened, %d loosened", text.Plural(tightened, "promise"), loosened)
	case tightened > 0:
		s += ": " + text.Plural(tightened, "promise") + " tightened"
	case loosened > 0:
		s += ": " + text.Plural(loosened, "promise") + " loosened"
	}
	return s + "."
}

// markdownText is the change's sentence, escaped, with the direction of a
// change to within or target called out.
func markdownText(c Change) string {
	if c.Direction == "" {
		return text.MarkdownBlock(c.Text)
	}
	mark := markTightened
	if c.Direction == Loosened {
		mark = markLoosened
	}
	// The sentence is "<objective>: <field> <direction> from <before> to
	// <after>"; objective names have no spaces, so the direction is found.
	i := strings.Index(c.Text, " "+c.Direction+" from ")
	if i < 0 {
		return mark + " " + text.Markdown(c.Text)
	}
	j := i + 1 + len(c.Direction)
	return mark + " " + text.Markdown(c.Text[:i+1]) + "**" + c.Direction + "**" + text.Markdown(c.Text[j:])
}

// WriteJSON prints the result as one JSON object.
func WriteJSON(w io.Writer, r *Result) error {
	out := *r
	if out.Changes == nil {
		out.Changes = []Change{}
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
