package describe

import (
	"slices"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
)

// Document is what describe says about a set of agreements: one Section
// per agreement. report writes it as Markdown (`sla describe`) and as
// HTML (`sla report`).
type Document struct {
	Sections []Section
}

// Section describes one agreement.
type Section struct {
	Agreement *agreement.Agreement
	// Heading names the agreement: "Requests to Platform (platform-requests)".
	Heading Text
	Blocks  []Block
}

// Block is one part of a section. Exactly one of its fields is set.
type Block struct {
	// Heading opens a part: "Objectives", "What Platform promises".
	Heading Text
	// Paragraph is a paragraph of the agreement's description.
	Paragraph Text
	// List is a list: the parties and terms, or the promises of one side.
	List []Item
	// Objectives are the agreement's objectives, each a sentence that the
	// promises can link to.
	Objectives []Objective
}

// Item is an entry of a list, with the entries nested under it.
type Item struct {
	Text Text
	Sub  []Item
}

// Objective says in a sentence what an objective promises.
type Objective struct {
	// Anchor is the id of the objective's sentence, which links name:
	// Anchor(agreement, Name).
	Anchor   string
	Name     agreement.Name
	Sentence Text
}

// Text is a run of words. Its pieces follow each other without spaces
// added.
type Text []Inline

// Inline is a piece of Text. Its words are as the files or sla wrote
// them, on one line: whoever renders them escapes them.
type Inline struct {
	Words string
	// Code marks a name to show literally: a label, a repository, a
	// GitHub team.
	Code bool
	// Strong marks a term that the words after it explain: "Provider:".
	Strong bool
	// Link is the Anchor of the objective the words name, or "".
	Link string
}

// String is the words of the text without their marks.
func (t Text) String() string {
	var b strings.Builder
	for _, in := range t {
		b.WriteString(in.Words)
	}
	return b.String()
}

// plain is words without marks.
func plain(s string) Text { return Text{{Words: s}} }

// code is a name shown literally.
func code(s string) Text { return Text{{Words: s, Code: true}} }

// strong is a term the words after it explain.
func strong(s string) Text { return Text{{Words: s, Strong: true}} }

// link is words that link to the objective with the anchor.
func link(s, anchor string) Text { return Text{{Words: s, Link: anchor}} }

// cat joins texts into one, merging plain neighbours (and strong ones), so
// that a renderer sees each run of words whole.
func cat(parts ...Text) Text {
	var out Text
	for _, p := range parts {
		for _, in := range p {
			if in.Words == "" {
				continue
			}
			if n := len(out); n > 0 && mergeable(out[n-1], in) {
				out[n-1].Words += in.Words
				continue
			}
			out = append(out, in)
		}
	}
	return slices.Clip(out)
}

func mergeable(a, b Inline) bool {
	return !a.Code && !b.Code && a.Link == "" && b.Link == "" && a.Strong == b.Strong
}

// join joins texts as in prose: "a", "a and b", "a, b and c" (conj is
// "and" or "or").
func join(items []Text, conj string) Text {
	parts := make([]Text, 0, 2*len(items))
	for i, it := range items {
		switch {
		case i == 0:
		case i == len(items)-1:
			parts = append(parts, plain(" "+conj+" "))
		default:
			parts = append(parts, plain(", "))
		}
		parts = append(parts, it)
	}
	return cat(parts...)
}

// literal is text from the files as it is shown: its words, separated by
// one space.
func literal(s string) string { return strings.Join(strings.Fields(s), " ") }
