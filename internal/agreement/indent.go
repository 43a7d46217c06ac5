package agreement

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sla-dev/sla/internal/diag"
)

// yaml.v3 reports most syntax errors at the line where the enclosing block
// started, not at the line that broke it, and never with a column: a
// `responders:` dedented on line 29 is reported on line 24, where the list
// of objectives begins. findMisindent reads the lines as YAML nests blocks
// by indentation and finds the first line that none of the open blocks can
// take, so that the message points there and says how to indent it.

// misindent is a line whose indentation YAML cannot accept.
type misindent struct {
	pos  diag.Pos
	rule diag.Rule
	msg  string
}

// block is an open block mapping or sequence.
type block struct {
	indent  int  // column of its entries, from 0
	seq     bool // entries start with "- "
	lastNum int  // line of its latest entry
	lastKey string
}

// entry is what a line of a block holds.
type entry struct {
	item     bool   // it starts with "- " (or is "-")
	key      string // the key, if it has one
	keyCol   int    // column of the key, or of the item's value
	value    valueKind
	valueCol int    // column of the value's text (after the colon or "- ")
	quote    byte   // the quote of a value that goes on over lines
	label    string // how messages name the line: "`responders:`"
	labelLen int    // columns to underline
}

type valueKind int

const (
	valueNone   valueKind = iota // "key:" or "-": a block follows, or null
	valueInline                  // a scalar, alias or closed flow collection
	valueBlockScalar
	valueOpenFlow  // a [ or { that closes on a later line
	valueOpenQuote // a quoted scalar that ends on a later line
)

// scanned is a content line, with what the next line may do.
type scanned struct {
	num, indent int
	e           entry
	popped      []block // blocks this line closed by its dedent
	opened      bool    // it is the first entry of a block
}

// parentCol is the column that what a line opens must go right of: its
// key's, or its "-"'s for an item without one.
func (l *scanned) parentCol() int {
	if l.e.key != "" {
		return l.e.keyCol
	}
	return l.indent
}

// findMisindent returns the first line at or after line from (1-based)
// whose indentation no open block accepts, if the scanner finds one
// before line to (0: the end). It returns false where the file uses YAML
// it does not follow (complex keys, nested "- -" items), so that a guess
// never replaces yaml.v3's own message.
func findMisindent(path string, data []byte, from, to int) (misindent, bool) {
	lines := splitLines(data)
	s := scanner{path: path, lines: lines}
	for i := range lines {
		m, found, ok := s.line(i)
		if !ok {
			return misindent{}, false
		}
		if !found {
			continue
		}
		// A quote that takes in the lines below it is the culprit wherever
		// yaml.v3 noticed something wrong.
		if m.rule != diag.YAMLSyntax && (m.pos.Line < from || (to > 0 && m.pos.Line > to)) {
			return misindent{}, false
		}
		return m, true
	}
	if s.quote != 0 {
		return s.openQuote(0), true
	}
	return misindent{}, false
}

type scanner struct {
	path  string
	lines []string
	stack []block
	prev  *scanned
	// Lines that are not blocks: a block scalar's text (until a line at
	// or left of scalarCol), a flow collection open for flowDepth more
	// brackets, a quoted scalar waiting for its closing quote.
	inScalar  bool
	scalarCol int
	flowDepth int
	quote     byte
	// Where the open quoted scalar starts, and whether it has taken in a
	// line that looks like a key of its own.
	quoteLine, quoteCol int
	quoteTakesKeys      bool
}

// line reads line i. It returns a misindent if the line is one, and
// ok=false if the scanner cannot follow the file.
func (s *scanner) line(i int) (m misindent, found, ok bool) {
	text := s.lines[i]
	num := i + 1
	content := strings.TrimLeft(text, " \t")
	indent := len(text) - len(content)
	switch {
	case s.inScalar:
		if content == "" || indent > s.scalarCol {
			return m, false, true
		}
		s.inScalar = false
	case s.flowDepth > 0:
		s.flowDepth += flowBalance(text)
		return m, false, true
	case s.quote != 0:
		if closesQuote(text, s.quote) {
			if s.quoteTakesKeys {
				return s.openQuote(num), true, true
			}
			s.quote = 0
			return m, false, true
		}
		if e, ok := parseEntry(content, indent); ok && e.key != "" {
			s.quoteTakesKeys = true
		}
		return m, false, true
	}
	if content == "" || content[0] == '#' {
		return m, false, true
	}
	if indent == 0 && (isMarker(content, "---") || isMarker(content, "...")) {
		s.stack, s.prev = nil, nil
		return m, false, true
	}
	if indent == 0 && content[0] == '%' {
		return m, false, true
	}
	e, ok := parseEntry(content, indent)
	if !ok {
		return m, false, false
	}
	if tab := strings.IndexByte(text[:indent], '\t'); tab >= 0 {
		return s.tabMisindent(num, tab, e), true, true
	}
	m, found = s.place(num, indent, e)
	if found {
		return m, true, true
	}
	switch e.value {
	case valueBlockScalar:
		s.inScalar, s.scalarCol = true, indent
		if e.key != "" {
			s.scalarCol = e.keyCol
		}
	case valueOpenFlow:
		s.flowDepth = flowBalance(text)
	case valueOpenQuote:
		s.quote, s.quoteLine, s.quoteTakesKeys = e.quote, num, false
		s.quoteCol = e.valueCol + max(strings.IndexByte(text[e.valueCol:], e.quote), 0)
	}
	return m, false, true
}

// openQuote explains a quoted value not closed on its line, which then
// takes in the lines below it: up to line closed, or to the end (0).
func (s *scanner) openQuote(closed int) misindent {
	what := "is never closed"
	if closed > 0 {
		what = fmt.Sprintf("is not closed on its line, so it goes on to line %d and takes in the lines between", closed)
	}
	return misindent{
		pos:  diag.Pos{File: s.path, Line: s.quoteLine, Col: utf8.RuneCountInString(s.lines[s.quoteLine-1][:s.quoteCol]) + 1, Len: 1},
		rule: diag.YAMLSyntax, // a quote found open: a syntax error, not one of indentation
		msg:  fmt.Sprintf("invalid YAML: the quoted text that starts here %s: close it with %c at the end of its line", what, s.quote),
	}
}

// place fits a line into the open blocks, or says why it does not fit.
func (s *scanner) place(num, indent int, e entry) (misindent, bool) {
	prev := s.prev
	cur := &scanned{num: num, indent: indent, e: e}
	switch {
	case prev != nil && prev.e.value == valueNone:
		// The line above opened a block: anything deeper starts it, and a
		// list may start at its key's own indentation.
		if parent := prev.parentCol(); indent > parent || (indent == parent && e.item && prev.e.key != "") {
			s.push(block{indent: indent, seq: e.item, lastNum: num, lastKey: e.label})
			cur.opened = true
			s.enter(cur)
			return misindent{}, false
		}
	case prev != nil && prev.e.value != valueNone && indent > prev.e.keyCol:
		if !e.item && e.key == "" {
			return misindent{}, false // a plain scalar going on over lines
		}
		return s.deeperThanValue(cur), true
	}
	var popped []block
	for len(s.stack) > 0 && s.stack[len(s.stack)-1].indent > indent {
		popped = append(popped, s.stack[len(s.stack)-1])
		s.stack = s.stack[:len(s.stack)-1]
	}
	cur.popped = popped
	if len(s.stack) == 0 {
		if prev == nil || len(popped) == 0 {
			// The document's first line: its indentation is the root's.
			s.push(block{indent: indent, seq: e.item, lastNum: num, lastKey: e.label})
			cur.opened = true
			s.enter(cur)
			return misindent{}, false
		}
	}
	if len(s.stack) == 0 || s.top().indent != indent {
		return s.misindent(num, indent, e, "is indented %s, which lines up with no block above: %s",
			spaces(indent), lineUp(popped, s.stack)), true
	}
	if s.top().seq && !e.item {
		// A list written at its key's indentation ends where the mapping
		// goes on.
		if n := len(s.stack); n >= 2 && !s.stack[n-2].seq && s.stack[n-2].indent == indent {
			popped = append(popped, s.stack[n-1])
			s.stack = s.stack[:n-1]
			cur.popped = popped
		} else {
			top := s.top()
			return s.misindent(num, indent, e, "is indented %s, like the list items (%s on line %d), but is not one: %s",
				spaces(indent), top.lastKey, top.lastNum, lineUp(popped, nil)), true
		}
	}
	if !s.top().seq && e.item {
		top := s.top()
		what := "indent it under the key whose value the list is"
		if b, ok := nearestList(popped, s.stack); ok {
			what = fmt.Sprintf("indent it %s to line up with %s on line %d", spaces(b.indent), b.lastKey, b.lastNum)
		}
		return s.misindent(num, indent, e, "is a list item at the indentation of the keys of a mapping (%s on line %d): %s",
			top.lastKey, top.lastNum, what), true
	}
	s.stack[len(s.stack)-1].lastNum, s.stack[len(s.stack)-1].lastKey = num, e.label
	s.enter(cur)
	return misindent{}, false
}

// enter records a placed line; an item with a key opens the mapping that
// the key starts.
func (s *scanner) enter(cur *scanned) {
	if cur.e.item && cur.e.key != "" {
		s.push(block{indent: cur.e.keyCol, lastNum: cur.num, lastKey: "`" + cur.e.key + ":`"})
	}
	s.prev = cur
}

func (s *scanner) push(b block) { s.stack = append(s.stack, b) }

func (s *scanner) top() block { return s.stack[len(s.stack)-1] }

// deeperThanValue explains a key or item more indented than the line
// above, whose key already has a value. Usually that line is the one out
// of place, but not when it broke its own block: a line dedented by
// mistake (the lines after it return to where the block was), or the
// first line of a block that the lines below it do not line up with.
func (s *scanner) deeperThanValue(cur *scanned) misindent {
	prev := s.prev
	for _, b := range prev.popped {
		if b.indent == cur.indent {
			return s.misindent(prev.num, prev.indent, prev.e, "is indented %s, less than the lines around it: indent it %s to line up with %s on line %d",
				spaces(prev.indent), spaces(prev.indent+cur.indent-prev.e.keyCol), b.lastKey, b.lastNum)
		}
	}
	if prev.opened && s.nextIndent(cur.num) == cur.indent {
		return s.misindent(prev.num, prev.indent, prev.e, "is indented %s, but the lines of its block below are at %d (%s on line %d): indent it %s",
			spaces(prev.indent), cur.indent, cur.e.label, cur.num, spaces(prev.indent+cur.indent-prev.e.keyCol))
	}
	return s.misindent(cur.num, cur.indent, cur.e, "is indented %s, deeper than %s on line %d, which already has a value: indent it %s to line up with it",
		spaces(cur.indent), prev.e.label, prev.num, spaces(prev.e.keyCol))
}

// nextIndent is the indentation of the next line with content after line
// num, or -1.
func (s *scanner) nextIndent(num int) int {
	for _, text := range s.lines[num:] {
		content := strings.TrimLeft(text, " ")
		if content != "" && content[0] != '#' {
			return len(text) - len(content)
		}
	}
	return -1
}

func (s *scanner) tabMisindent(num, tab int, e entry) misindent {
	what := "replace the tab with spaces"
	if prev := s.prev; prev != nil {
		switch {
		case prev.e.value == valueNone:
			what = fmt.Sprintf("indent %s with %s, 2 more than %s on line %d", e.label, spaces(prev.parentCol()+2), prev.e.label, prev.num)
		case prev.e.item && prev.e.key == "":
			what = fmt.Sprintf("indent %s with spaces, like %s on line %d", e.label, prev.e.label, prev.num)
		default:
			what = fmt.Sprintf("indent %s with %s, like %s on line %d", e.label, spaces(prev.e.keyCol), "`"+prev.e.key+":`", prev.num)
		}
	}
	return misindent{
		pos:  diag.Pos{File: s.path, Line: num, Col: tab + 1, Len: 1},
		rule: diag.TabIndentation,
		msg:  "tab character in indentation: YAML indents with spaces only; " + what,
	}
}

func (s *scanner) misindent(num, indent int, e entry, format string, args ...any) misindent {
	return misindent{
		pos:  diag.Pos{File: s.path, Line: num, Col: indent + 1, Len: e.labelLen},
		rule: diag.BadIndentation,
		msg:  e.label + " " + fmt.Sprintf(format, args...),
	}
}

// nearestList is the list an item out of place most likely belongs to:
// the shallowest of the lists its line closed, else the innermost list
// still open.
func nearestList(popped, open []block) (block, bool) {
	for i := len(popped) - 1; i >= 0; i-- {
		if popped[i].seq {
			return popped[i], true
		}
	}
	for i := len(open) - 1; i >= 0; i-- {
		if open[i].seq {
			return open[i], true
		}
	}
	return block{}, false
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}

// lineUp says where a line belongs among the blocks it dedented out of:
// the shallowest of them, the one it most likely still belongs to; or,
// when it closed none, the innermost block still open.
func lineUp(popped, open []block) string {
	var b block
	switch {
	case len(popped) > 0:
		b = popped[len(popped)-1]
	case len(open) > 0:
		b = open[len(open)-1]
	default:
		return "indent it like the lines of the block it belongs to"
	}
	return fmt.Sprintf("indent it %s to line up with %s on line %d", spaces(b.indent), b.lastKey, b.lastNum)
}

// parseEntry reads a line's content (after its indentation): an item, a
// key and the kind of value. ok is false for YAML the scanner does not
// follow.
func parseEntry(content string, indent int) (entry, bool) {
	e := entry{keyCol: indent}
	rest := content
	if rest == "-" || strings.HasPrefix(rest, "- ") {
		e.item = true
		after := strings.TrimLeft(rest[1:], " ")
		e.keyCol = indent + len(rest) - len(after)
		rest = after
		if rest == "-" || strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "? ") {
			return e, false
		}
	}
	if rest == "?" || strings.HasPrefix(rest, "? ") {
		return e, false
	}
	value := rest
	if key, after, ok := splitKey(rest); ok {
		e.key = key
		value = after
	}
	e.valueCol = indent + len(content) - len(value)
	e.value, e.quote = kindOf(value)
	switch {
	case e.item && e.key != "":
		e.label, e.labelLen = "`- "+e.key+":`", 2+utf8.RuneCountInString(e.key)
	case e.item:
		shown := strings.TrimSpace(stripComment(rest))
		if len(shown) > 20 {
			shown = shown[:17] + "..."
		}
		e.label, e.labelLen = "`- "+shown+"`", 1
	case e.key != "":
		e.label, e.labelLen = "`"+e.key+":`", utf8.RuneCountInString(e.key)
	default:
		e.label, e.labelLen = "this line", 1
	}
	return e, true
}

// splitKey splits "key: value" at the colon that ends a (possibly quoted)
// key, returning the key and what follows the colon.
func splitKey(s string) (key, rest string, ok bool) {
	end := 0
	switch {
	case s == "":
		return "", "", false
	case s[0] == '"' || s[0] == '\'':
		i := strings.IndexByte(s[1:], s[0])
		if i < 0 {
			return "", "", false
		}
		end = i + 2
	case strings.ContainsRune("[{&*!|>#%@`", rune(s[0])):
		return "", "", false
	}
	for i := end; i < len(s); i++ {
		switch {
		case s[i] == '#' && i > 0 && s[i-1] == ' ':
			return "", "", false
		case s[i] == ':' && (i+1 == len(s) || s[i+1] == ' '):
			return strings.Trim(s[:i], `"' `), s[i+1:], true
		}
	}
	return "", "", false
}

// kindOf says what a value is, from its text after the colon or "- ",
// and for a quoted scalar that goes on over lines, its quote.
func kindOf(value string) (valueKind, byte) {
	v := strings.TrimSpace(stripComment(value))
	// Anchors and tags before a block belong to it.
	for v != "" && (v[0] == '&' || v[0] == '!') {
		i := strings.IndexByte(v, ' ')
		if i < 0 {
			v = ""
			break
		}
		v = strings.TrimSpace(v[i:])
	}
	switch {
	case v == "":
		return valueNone, 0
	case v[0] == '|' || v[0] == '>':
		return valueBlockScalar, 0
	case v[0] == '[' || v[0] == '{':
		if flowBalance(v) > 0 {
			return valueOpenFlow, 0
		}
	case v[0] == '"' || v[0] == '\'':
		if !closesQuote(v[1:], v[0]) {
			return valueOpenQuote, v[0]
		}
	}
	return valueInline, 0
}

// stripComment removes a comment: " #" outside quotes.
func stripComment(s string) string { return s[:unquoted(s, func(byte) {})] }

// flowBalance counts the brackets a line opens minus those it closes,
// outside quotes and comments.
func flowBalance(s string) int {
	n := 0
	unquoted(s, func(c byte) {
		switch c {
		case '[', '{':
			n++
		case ']', '}':
			n--
		}
	})
	return n
}

// unquoted calls fn with each byte of s that is outside quotes, up to a
// comment, and returns where the comment starts (len(s) without one).
func unquoted(s string, fn func(c byte)) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return i
		default:
			fn(c)
		}
	}
	return len(s)
}

// closesQuote reports whether text holds the quote that ends a quoted
// scalar ("" escapes are read as a backslash before the quote, ” as two).
func closesQuote(text string, quote byte) bool {
	for i := 0; i < len(text); i++ {
		switch {
		case quote == '"' && text[i] == '\\':
			i++
		case text[i] == quote && quote == '\'' && i+1 < len(text) && text[i+1] == '\'':
			i++
		case text[i] == quote:
			return true
		}
	}
	return false
}

func isMarker(content, marker string) bool {
	return strings.HasPrefix(content, marker) && (len(content) == 3 || content[3] == ' ' || content[3] == '\t')
}

// splitLines splits a file into lines as YAML counts them.
func splitLines(data []byte) []string {
	var lines []string
	start := 0
	for i := 0; i < len(data); {
		if b := diag.LineBreak(data, i); b > 0 {
			lines = append(lines, string(data[start:i]))
			i += b
			start = i
			continue
		}
		i++
	}
	return append(lines, string(data[start:]))
}
