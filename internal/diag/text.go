package diag

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/sla-dev/sla/internal/text"
)

// Summary counts what a run read, for the closing line of every format.
type Summary struct {
	Files     int
	Documents int
}

// Sources returns the contents of a file named in a diagnostic, or nil when
// it is unknown; the text writer uses it to show the offending line.
type Sources func(file string) []byte

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiGreen  = "\x1b[32m"
	ansiDim    = "\x1b[2m"
)

// WriteText prints each diagnostic as `file:line:col: severity: message [rule]`
// followed by the source line with a caret under the culprit, then one
// closing line. Colour is used only when color is true.
func WriteText(w io.Writer, l List, src Sources, s Summary, color bool) error {
	paint := func(code, text string) string {
		if !color {
			return text
		}
		return code + text + ansiReset
	}
	var b bytes.Buffer
	for _, d := range l {
		sevColor := map[Severity]string{Error: ansiRed, Warning: ansiYellow, Notice: ansiCyan}[d.Severity]
		fmt.Fprintf(&b, "%s: %s: %s %s\n",
			paint(ansiBold, text.Escape(d.Pos.String())), paint(ansiBold+sevColor, d.Severity.String()),
			text.Escape(d.Message), paint(ansiDim, "["+string(d.Rule)+"]"))
		if line, ok := sourceLine(src, d.Pos); ok {
			num := fmt.Sprintf("%d", d.Line)
			gutter := strings.Repeat(" ", len(num))
			fmt.Fprintf(&b, " %s | %s\n", paint(ansiDim, num), line)
			fmt.Fprintf(&b, " %s | %s\n", gutter, paint(ansiGreen, caret(line, d.Col, d.Len)))
		}
	}
	b.WriteString(closingLine(l, s))
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// sourceLine returns the text of the diagnostic's line, if it can be shown:
// a line with characters that would act on the terminal is not, since
// escaping them would move the caret off its column.
func sourceLine(src Sources, p Pos) (string, bool) {
	if src == nil || p.Line < 1 {
		return "", false
	}
	line, ok := LineText(src(p.File), p.Line)
	if !ok || text.EscapeLines(line) != line {
		return "", false
	}
	return line, true
}

// LineText returns the text of a 1-based line, counting lines as YAML
// parsers do: "\r\n", "\r", "\n", and U+0085, U+2028 and U+2029 each end
// one.
func LineText(data []byte, line int) (string, bool) {
	if data == nil {
		return "", false
	}
	n := 1
	start := 0
	for i := 0; i < len(data); {
		size := breakAt(data, i)
		if size == 0 {
			i++
			continue
		}
		if n == line {
			return string(data[start:i]), true
		}
		n++
		i += size
		start = i
	}
	if n == line {
		return string(data[start:]), true
	}
	return "", false
}

// breakAt returns the length of the line break at data[i], or 0.
func breakAt(data []byte, i int) int {
	switch c := data[i]; {
	case c == '\n':
		return 1
	case c == '\r':
		if i+1 < len(data) && data[i+1] == '\n' {
			return 2
		}
		return 1
	case c == 0xC2 && i+1 < len(data) && data[i+1] == 0x85:
		return 2
	case c == 0xE2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9):
		return 3
	}
	return 0
}

// LineCount returns how many lines data has, as LineText counts them.
func LineCount(data []byte) int {
	n := 1
	for i := 0; i < len(data); {
		if size := breakAt(data, i); size > 0 {
			n++
			i += size
			continue
		}
		i++
	}
	return n
}

// caret builds the underline `^~~~` for columns [col, col+n) of line,
// keeping tabs so that it lines up under the text in any terminal.
func caret(line string, col, n int) string {
	var b strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		i++
	}
	for i < col { // a column past the end of the line (e.g. a missing value)
		b.WriteByte(' ')
		i++
	}
	b.WriteByte('^')
	if n > 1 {
		b.WriteString(strings.Repeat("~", n-1))
	}
	return b.String()
}

// closingLine sums up a run in one line, e.g.
// "2 errors, 1 warning in 7 files (14 documents)".
func closingLine(l List, s Summary) string {
	read := fmt.Sprintf("%s (%s)", text.Plural(s.Files, "file"), text.Plural(s.Documents, "document"))
	errs, warns, notes := l.Count()
	if errs+warns+notes == 0 {
		if s.Documents == 0 {
			return read + ": nothing to check"
		}
		return read + ": no problems"
	}
	var parts []string
	if errs > 0 {
		parts = append(parts, text.Plural(errs, "error"))
	}
	if warns > 0 {
		parts = append(parts, text.Plural(warns, "warning"))
	}
	if notes > 0 {
		parts = append(parts, text.Plural(notes, "notice"))
	}
	return strings.Join(parts, ", ") + " in " + read
}

// LineBreak returns the length of the line break at data[i], or 0.
func LineBreak(data []byte, i int) int { return breakAt(data, i) }
