package report

import (
	"strings"
)

// The HTML report shows each agreement as `sla describe` words it. describe
// writes Markdown; the few constructs it uses are read back here into
// blocks and inline pieces, which the page's template turns into HTML,
// escaping every piece of text. Nothing from the Markdown reaches the page
// as markup: a construct not listed below stays text.
//
// Blocks: `## ` and `### ` headings, paragraphs, list items (`- `) and
// items nested under them (`  - `). Inline: backslash escapes of ASCII
// punctuation, code spans of any number of backticks, `**strong**`,
// links `[text](#anchor)` and the anchors `<a id="…"></a>` in front of
// objectives.

// mdBlock is a heading, a paragraph or a list.
type mdBlock struct {
	Heading int // 2 or 3 for a heading, 0 otherwise
	Inlines []mdInline
	Items   []mdItem // a list, when not nil
}

// mdItem is a list item, with the items nested under it.
type mdItem struct {
	Inlines []mdInline
	Sub     []mdItem
}

// mdInline is a run of text, code, a link or an anchor.
type mdInline struct {
	Text     string
	Code     bool
	Strong   bool
	Href     string     // a link, around Children
	Children []mdInline // the link's text
	Anchor   string     // an anchor: <a id="Anchor"></a>
}

// mdSection is one `## ` heading and the blocks under it: one agreement.
type mdSection struct {
	Heading []mdInline
	Blocks  []mdBlock
}

// parseMarkdown reads what describe writes into sections, one per `## `
// heading (text before the first is dropped).
func parseMarkdown(md string) []mdSection {
	var out []mdSection
	var cur *mdSection
	var para []string
	endPara := func() {
		if len(para) > 0 && cur != nil {
			cur.Blocks = append(cur.Blocks, mdBlock{Inlines: parseInline(strings.Join(para, " "))})
		}
		para = nil
	}
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			endPara()
			out = append(out, mdSection{Heading: parseInline(line[3:])})
			cur = &out[len(out)-1]
		case cur == nil:
		case strings.HasPrefix(line, "### "):
			endPara()
			cur.Blocks = append(cur.Blocks, mdBlock{Heading: 3, Inlines: parseInline(line[4:])})
		case strings.HasPrefix(line, "- "):
			endPara()
			item := mdItem{Inlines: parseInline(line[2:])}
			if n := len(cur.Blocks); n > 0 && cur.Blocks[n-1].Items != nil {
				cur.Blocks[n-1].Items = append(cur.Blocks[n-1].Items, item)
			} else {
				cur.Blocks = append(cur.Blocks, mdBlock{Items: []mdItem{item}})
			}
		case strings.HasPrefix(line, "  - "):
			endPara()
			sub := mdItem{Inlines: parseInline(line[4:])}
			if n := len(cur.Blocks); n > 0 && len(cur.Blocks[n-1].Items) > 0 {
				items := cur.Blocks[n-1].Items
				items[len(items)-1].Sub = append(items[len(items)-1].Sub, sub)
			} else {
				cur.Blocks = append(cur.Blocks, mdBlock{Items: []mdItem{sub}})
			}
		case strings.TrimSpace(line) == "":
			endPara()
		default:
			para = append(para, strings.TrimSpace(line))
		}
	}
	endPara()
	return out
}

// parseInline reads one line of inline Markdown.
func parseInline(s string) []mdInline {
	var out []mdInline
	var text strings.Builder
	strong := false
	flush := func() {
		if text.Len() > 0 {
			out = append(out, mdInline{Text: text.String(), Strong: strong})
			text.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case strings.HasPrefix(s[i:], "&#8203;"): // after an @, so that it mentions nobody
			text.WriteString("\u200b")
			i += len("&#8203;")
		case c == '\\' && i+1 < len(s) && isPunct(s[i+1]):
			text.WriteByte(s[i+1])
			i += 2
		case c == '`':
			n := run(s[i:], '`')
			end := closingFence(s, i+n, n)
			if end < 0 {
				text.WriteString(s[i : i+n]) // no closing fence: literal backticks
				i += n
				continue
			}
			flush()
			code := s[i+n : end]
			if len(code) >= 2 && code[0] == ' ' && code[len(code)-1] == ' ' && strings.Trim(code, " ") != "" {
				code = code[1 : len(code)-1]
			}
			out = append(out, mdInline{Text: code, Code: true, Strong: strong})
			i = end + n
		case strings.HasPrefix(s[i:], "**"):
			flush()
			strong = !strong
			i += 2
		case c == '[':
			label, href, n, ok := link(s[i:])
			if !ok {
				text.WriteByte(c)
				i++
				continue
			}
			flush()
			out = append(out, mdInline{Href: href, Strong: strong, Children: parseInline(label)})
			i += n
		case strings.HasPrefix(s[i:], `<a id="`):
			rest := s[i+len(`<a id="`):]
			end := strings.Index(rest, `"></a>`)
			if end < 0 || strings.ContainsAny(rest[:end], `"<>`) {
				text.WriteByte(c)
				i++
				continue
			}
			flush()
			out = append(out, mdInline{Anchor: rest[:end]})
			i += len(`<a id="`) + end + len(`"></a>`)
		default:
			text.WriteByte(c)
			i++
		}
	}
	flush()
	return out
}

// isPunct reports whether a byte is ASCII punctuation, which a backslash
// makes literal (CommonMark).
func isPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// run counts the bytes c at the start of s.
func run(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// closingFence finds, from i on, a run of exactly n backticks, or -1.
func closingFence(s string, i, n int) int {
	for i < len(s) {
		j := strings.IndexByte(s[i:], '`')
		if j < 0 {
			return -1
		}
		j += i
		if m := run(s[j:], '`'); m == n {
			return j
		} else {
			i = j + m
		}
	}
	return -1
}

// link reads `[label](href)` at the start of s, where the label may hold
// escaped brackets and the href no spaces or parentheses.
func link(s string) (label, href string, n int, ok bool) {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			return "", "", 0, false
		case ']':
			if i+1 >= len(s) || s[i+1] != '(' {
				return "", "", 0, false
			}
			end := strings.IndexByte(s[i+2:], ')')
			if end < 0 {
				return "", "", 0, false
			}
			href = s[i+2 : i+2+end]
			if href == "" || strings.ContainsAny(href, " ()<>\"") {
				return "", "", 0, false
			}
			return s[1:i], href, i + 2 + end + 1, true
		}
	}
	return "", "", 0, false
}

// plainText is what inline pieces say, without markup.
func plainText(list []mdInline) string {
	var b strings.Builder
	for _, in := range list {
		b.WriteString(in.Text)
		b.WriteString(plainText(in.Children))
	}
	return b.String()
}
