// Package text turns data into text for people. Escape keeps what comes
// from outside — YAML values, GitHub's titles, logins and labels, file
// names, servers' messages — from acting on the terminal that shows it.
package text

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Fprintf is fmt.Fprintf with every string, error and fmt.Stringer
// argument escaped (Escape): the format is the program's own, the
// arguments may come from outside.
func Fprintf(w io.Writer, format string, args ...any) (int, error) {
	safe := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			safe[i] = Escape(v)
		case error:
			safe[i] = Escape(v.Error())
		case fmt.Stringer:
			safe[i] = Escape(v.String())
		default:
			safe[i] = a
		}
	}
	return fmt.Fprintf(w, format, safe...)
}

// Escape returns s with every character that could act on a terminal
// rather than be shown written as a Go escape, as strconv quotes it: the
// C0 controls (\t, \n, \r, \x1b, …), DEL (\x7f), the C1 controls
// (\u009b), the bidirectional overrides and isolates that reorder what is
// shown (\u202e, \u2066–\u2069), the line and paragraph separators
// (\u2028, \u2029), and bytes that are not UTF-8 (\xff). Everything else,
// backslashes included, is left as it is, so ordinary text reads as
// written. For text on one line: a table cell, a title, a message.
func Escape(s string) string { return escape(s, false) }

// EscapeLines is Escape for text of several lines: it keeps line breaks
// (\n) and tabs.
func EscapeLines(s string) string { return escape(s, true) }

func escape(s string, lines bool) string {
	i := unsafeAt(s, lines)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unsafe(r, lines):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRune(r) // '\x1b', '\n', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// unsafeAt is the index of the first character of s to escape, or -1.
func unsafeAt(s string, lines bool) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafe(r, lines) {
			return i
		}
		i += size
	}
	return -1
}

// unsafe reports whether a character acts on a terminal (or, for the bidi
// controls, on the order in which the text around it is shown).
func unsafe(r rune, lines bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !lines
	case r < 0x20 || r == 0x7f: // C0, DEL
		return true
	case r >= 0x80 && r < 0xa0: // C1
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return false
}
