package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Markdown makes text from outside — agreement files, GitHub's titles and
// names — literal inside a line of GitHub Markdown, and keeps it readable
// as plain text. It is the one escaping policy of every Markdown sla
// writes:
//
//   - whitespace, line breaks included, becomes one space;
//   - a character that would act on a terminal is written as Escape
//     writes it (\x1b), since Markdown is read on terminals too;
//   - a backslash goes before each character that could start markup
//     inside a line: \ ` * [ ] < > | ~ $, a _ unless it joins two letters
//     or digits (snake_case is never emphasis), and an & that could start
//     an entity (&amp;, &#42;);
//   - a backslash goes before the colon of "://" and the dot of "www.", so
//     that no address becomes a link;
//   - an @ that could mention a person or team (one that starts a word, as
//     @alice does and alice@example.com does not) is followed by a
//     zero-width space (&#8203;), so that posting the text notifies nobody.
//
// Other punctuation (. - # + ! : and so on) is left as written: inside a
// line it is not markup. At the start of a paragraph or list item, use
// MarkdownBlock.
func Markdown(s string) string {
	s = Escape(oneLine(s))
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("\\`*[]<>|~$", c) >= 0,
			c == '_' && !(i > 0 && isAlnum(s[i-1]) && i+1 < len(s) && isAlnum(s[i+1])),
			c == '&' && i+1 < len(s) && (isAlnum(s[i+1]) || s[i+1] == '#'),
			c == ':' && strings.HasPrefix(s[i+1:], "//"),
			c == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www"):
			b.WriteByte('\\')
		case c == '@' && (i == 0 || !isWord(s[i-1])) && i+1 < len(s) && isAlnum(s[i+1]):
			b.WriteString("@&#8203;")
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// MarkdownBlock is Markdown for text that begins a paragraph or a list
// item, where a leading #, -, +, = or "1." (or "1)") would start a
// heading, a list or a rule: that character gets a backslash too.
func MarkdownBlock(s string) string {
	s = Markdown(s)
	if s == "" {
		return s
	}
	if strings.IndexByte("#-+=", s[0]) >= 0 {
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// MarkdownCode writes text as a code span, literal whatever it holds (a
// label, a repository): its fence is longer than any run of backticks
// inside. Characters that would act on a terminal are written as Escape
// writes them. Not for a table cell, where a | would still end the cell.
func MarkdownCode(s string) string {
	s = Escape(s)
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	// A span that begins or ends with a backtick needs a space between it
	// and the fence; one that begins and ends with a space loses one of
	// each to Markdown, so it gets one more.
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") ||
		len(s) >= 2 && s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "" {
		s = " " + s + " "
	}
	return fence + s + fence
}

// MarkdownLink writes a link: its label escaped as Markdown escapes text,
// and its address with the characters that would end it early, or split
// it, percent-encoded.
func MarkdownLink(label, url string) string {
	return "[" + Markdown(label) + "](" + linkURL.Replace(url) + ")"
}

var linkURL = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E")

// oneLine replaces each run of whitespace, line breaks included, with one
// space.
func oneLine(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) < 0 && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case !unicode.IsSpace(r):
			b.WriteString(s[i : i+size]) // a byte that is not UTF-8 stays, for Escape
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
		i += size
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isWord reports whether c may come before an @ in a word that GitHub does
// not read as a mention, such as an e-mail address.
func isWord(c byte) bool { return isAlnum(c) || c == '_' }
