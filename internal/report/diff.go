package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/sla-dev/sla/internal/agreementdiff"
	"github.com/sla-dev/sla/internal/text"
)

// noChanges is what the text of `sla diff` says when nothing changed.
const noChanges = "no changes to agreements"

// WriteDiffText prints `sla diff`'s changes, one a line, "agreement:
// sentence", or that nothing changed; a change longer than the terminal's
// 80 columns goes on, indented, on the lines after it. Warnings are not
// part of it: they belong on stderr.
func WriteDiffText(w io.Writer, r *agreementdiff.Result) error {
	var b strings.Builder
	for _, c := range r.Changes {
		for _, line := range wrap(text.Escape(c.String()), text.Columns) {
			b.WriteString(line + "\n")
		}
	}
	if len(r.Changes) == 0 {
		b.WriteString(noChanges + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Direction markers in Markdown.
const (
	markTightened = "⬆️"
	markLoosened  = "⬇️"
)

// WriteDiffMarkdown prints `sla diff`'s changes: a heading for the
// comparison, the warnings as a quote, and a heading per changed agreement
// with a bullet per change; changes to within and target carry an arrow
// and their direction in bold. Everything taken from the files is escaped
// (text.Markdown): mentions included.
func WriteDiffMarkdown(w io.Writer, r *agreementdiff.Result) error {
	var b strings.Builder
	b.WriteString("## Changes to agreements since " + text.Markdown(r.Base) + "\n\n")
	for _, warn := range r.Warnings {
		b.WriteString("> **Warning:** " + text.Markdown(warn) + "\n\n")
	}
	if len(r.Changes) == 0 {
		b.WriteString("No changes to agreements.\n")
	} else {
		b.WriteString(diffSummary(r.Changes) + "\n\n")
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
		b.WriteString("- " + diffMarkdown(c) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// diffSummary counts the changes, the agreements and the directions: "12
// changes to 3 agreements: 2 promises tightened, 1 loosened."
func diffSummary(changes []agreementdiff.Change) string {
	agreements, tightened, loosened := 0, 0, 0
	for i, c := range changes {
		if i == 0 || c.Agreement != changes[i-1].Agreement {
			agreements++
		}
		switch c.Direction {
		case agreementdiff.Tightened:
			tightened++
		case agreementdiff.Loosened:
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

// diffMarkdown is a change's sentence, escaped, with the direction of a
// change to within or target called out: "⬆️ resolution: target
// **tightened** from 80% to 85%".
func diffMarkdown(c agreementdiff.Change) string {
	if c.Direction == "" {
		return text.MarkdownBlock(c.Text)
	}
	mark := markTightened
	if c.Direction == agreementdiff.Loosened {
		mark = markLoosened
	}
	rest := strings.TrimPrefix(c.Text, c.Field+" "+c.Direction+" ")
	return mark + " " + text.Markdown(c.Field) + " **" + c.Direction + "** " + text.Markdown(rest)
}

// WriteDiffJSON prints `sla diff`'s result as one JSON object, its lists
// never null.
func WriteDiffJSON(w io.Writer, r *agreementdiff.Result) error {
	out := *r
	if out.Changes == nil {
		out.Changes = []agreementdiff.Change{}
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	return writeJSON(w, out)
}
