package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/sla-dev/sla/internal/describe"
	"github.com/sla-dev/sla/internal/text"
)

// WriteDescription writes describe's document as Markdown (`sla
// describe`): per agreement a `## ` heading, its description, the
// parties and terms as a list, then `### ` headings over the objectives
// (each sentence behind an anchor that the promises link to) and the
// promises of each side. Every word from the files is escaped
// (text.Markdown).
func WriteDescription(w io.Writer, doc *describe.Document) error {
	var b strings.Builder
	for i, sec := range doc.Sections {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("## " + markdownText(sec.Heading, false) + "\n")
		for _, block := range sec.Blocks {
			b.WriteString("\n")
			writeMarkdownBlock(&b, block)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeMarkdownBlock writes a block, ending its last line.
func writeMarkdownBlock(b *strings.Builder, block describe.Block) {
	switch {
	case block.Heading != nil:
		b.WriteString("### " + markdownText(block.Heading, false) + "\n")
	case block.Paragraph != nil:
		b.WriteString(markdownText(block.Paragraph, true) + "\n")
	case block.List != nil:
		for _, item := range block.List {
			b.WriteString("- " + markdownText(item.Text, true) + "\n")
			for _, sub := range item.Sub {
				b.WriteString("  - " + markdownText(sub.Text, true) + "\n")
			}
		}
	case block.Objectives != nil:
		for _, o := range block.Objectives {
			fmt.Fprintf(b, "- <a id=\"%s\"></a>**%s** — %s\n", o.Anchor, text.Markdown(string(o.Name)), markdownText(o.Sentence, false))
		}
	}
}

// markdownText writes a run of words; block says it begins a paragraph or
// a list item, where more characters would be read as markup.
func markdownText(t describe.Text, block bool) string {
	var b strings.Builder
	for i, in := range t {
		switch {
		case in.Code:
			b.WriteString(text.MarkdownCode(in.Words))
		case in.Link != "":
			b.WriteString(text.MarkdownLink(in.Words, "#"+in.Link))
		case in.Strong:
			b.WriteString("**" + text.Markdown(in.Words) + "**")
		case i == 0 && block:
			b.WriteString(text.MarkdownBlock(in.Words))
		default:
			b.WriteString(text.Markdown(in.Words))
		}
	}
	return b.String()
}
