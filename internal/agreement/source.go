package agreement

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sla-dev/sla/internal/diag"
	"gopkg.in/yaml.v3"
)

// Limits on hostile input. Real agreement files are a few kilobytes with
// shallow nesting; these are far above that and far below harm.
const (
	MaxFileSize = 1 << 20 // bytes
	// MaxExpandedNodes bounds a document's size with its aliases expanded,
	// which is what stops a "billion laughs" file.
	MaxExpandedNodes = 100_000
	MaxDepth         = 64
)

// source is one parsed file: its bytes and its YAML documents.
type source struct {
	path string
	data []byte
	docs []*yaml.Node // each a document's root value (a mapping when valid)
	// incomplete is set when some of the file could not be read as
	// documents at all: after a syntax error, or a document that is not a
	// mapping.
	incomplete bool
}

// parseSource parses a file's bytes into documents, refusing what is not
// UTF-8 YAML text of a sane size. Problems go to diags; whatever documents
// parsed before a syntax error are kept.
func parseSource(path string, data []byte, diags *diag.List) *source {
	src := &source{path: path, data: data}
	file := diag.Pos{File: path}
	if len(data) > MaxFileSize {
		diags.Add(file, diag.FileTooLarge,
			"file is %s; agreement files may be at most %s: split it into several files",
			byteSize(int64(len(data))), byteSize(MaxFileSize))
		src.incomplete = true
		return src
	}
	if !checkText(path, data, diags) {
		src.incomplete = true
		return src
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			pos, rule, msg := syntaxProblem(path, data, err)
			diags.Add(pos, rule, "%s", msg)
			src.incomplete = true
			break
		}
		if len(doc.Content) == 0 || isNull(doc.Content[0]) {
			continue // an empty document, e.g. between two `---`
		}
		root := doc.Content[0]
		if !checkShape(path, root, diags) {
			src.incomplete = true
			continue
		}
		src.docs = append(src.docs, root)
	}
	if len(src.docs) == 0 && !diags.HasErrorsIn(path) {
		diags.Note(file, diag.EmptyFile, "file has no YAML documents: nothing to check")
	}
	return src
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// checkText refuses binary data and text that is not UTF-8, pointing at the
// first offending byte.
func checkText(path string, data []byte, diags *diag.List) bool {
	for _, bom := range [][]byte{{0xFF, 0xFE}, {0xFE, 0xFF}} {
		if bytes.HasPrefix(data, bom) {
			diags.Add(diag.Pos{File: path, Line: 1, Col: 1, Len: 1}, diag.NotUTF8,
				"file is UTF-16 encoded; save it as UTF-8")
			return false
		}
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		pos := diag.Pos{File: path, Line: line, Col: col, Len: 1}
		switch {
		case r == utf8.RuneError && size == 1:
			diags.Add(pos, diag.NotUTF8,
				"byte 0x%02X is not UTF-8: save the file as UTF-8 (it may be Latin-1 or Windows-1252)", data[i])
			return false
		case r == 0 || (r < ' ' && r != '\t' && r != '\n' && r != '\r') || r == 0x7F:
			diags.Add(pos, diag.BinaryFile,
				"control character U+%04X: this looks like binary data, not a YAML agreement file", r)
			return false
		}
		if b := diag.LineBreak(data, i); b > 0 {
			line, col = line+1, 1
			i += b
			continue
		}
		col++
		i += size
	}
	return true
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxProblem turns a yaml.v3 parse error, which has a line but no column,
// into a diagnostic that points as closely as it can and says what to do.
func syntaxProblem(path string, data []byte, err error) (diag.Pos, diag.Rule, string) {
	msg := err.Error()
	pos := diag.Pos{File: path}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if strings.Contains(msg, "exceeded max depth") {
		return pos, diag.NestingTooDeep, fmt.Sprintf("nesting is deeper than %d levels; agreement files need a handful", MaxDepth)
	}
	// yaml.v3 numbers the lines of parser (not scanner) errors from 0.
	if parserErrors[msg] && pos.Line > 0 {
		pos.Line++
	}
	// Indentation is the commonest cause of a syntax error, and yaml.v3
	// reports a parser error at the line where the enclosing block began,
	// a scanner error at the line of the problem or the one before: find
	// the line itself.
	if pos.Line > 0 {
		to := pos.Line + 1
		if contextErrors[msg] {
			to = 0
		}
		if m, ok := findMisindent(path, data, pos.Line-2, to); ok {
			return m.pos, m.rule, m.msg
		}
	}
	for _, l := range []int{pos.Line, pos.Line - 1} {
		if col := indentTab(data, l); col > 0 {
			return diag.Pos{File: path, Line: l, Col: col, Len: 1}, diag.TabIndentation,
				"tab character in indentation: YAML indents with spaces only; replace the tab with spaces"
		}
	}
	if pos.Line == 0 {
		return pos, diag.YAMLSyntax, "invalid YAML: " + msg
	}
	text := lineText(data, pos.Line)
	trimmed := strings.TrimLeft(text, " ")
	pos.Col = utf8.RuneCountInString(text) - utf8.RuneCountInString(trimmed) + 1
	pos.Len = max(utf8.RuneCountInString(strings.TrimRight(trimmed, " \r")), 1)
	if hint, ok := syntaxHints[msg]; ok {
		if hint.mark != nil {
			if i := hint.mark(text); i >= 0 {
				pos.Col, pos.Len = utf8.RuneCountInString(text[:i])+1, 1
			}
		}
		fix := hint.text
		if msg == "mapping values are not allowed in this context" {
			if quoted := quotedValue(trimmed); quoted != "" {
				fix += fmt.Sprintf(": `%s`", quoted)
			}
		}
		msg += ": " + fix
	}
	return pos, diag.YAMLSyntax, "invalid YAML: " + msg
}

// parserErrors are the yaml.v3 messages that come from its parser, whose
// line numbers are one too small.
var parserErrors = map[string]bool{
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"did not find expected <document start>": true,
}

// contextErrors are the yaml.v3 messages whose line is where the block
// that failed began, which can be many lines above the culprit.
var contextErrors = map[string]bool{
	"did not find expected key":           true,
	"did not find expected '-' indicator": true,
}

// syntaxHints say what to do about the commonest syntax errors, and where
// on the reported line to point (mark returns a byte index, or -1).
var syntaxHints = map[string]struct {
	mark func(line string) int
	text string
}{
	"did not find expected ',' or ']'":               {first("["), "the list opened with [ here is not closed; add the missing ] (or a missing comma)"},
	"did not find expected ',' or '}'":               {first("{"), "the mapping opened with { here is not closed; add the missing } (or a missing comma)"},
	"did not find expected key":                      {nil, "a line inside this mapping is not a `key: value` at its indentation; check the indentation of the lines below"},
	"did not find expected '-' indicator":            {nil, "an item of this list is not indented like the others; check the lines below"},
	"mapping values are not allowed in this context": {secondColon, "a second `: ` on this line; quote the value if it contains a colon"},
	"found character that cannot start any token":    {first("@`"), "a value cannot start with this character (@ or ` for example); quote the value, or write a GitHub login or team without its @"},
	"could not find expected ':'":                    {nil, "a line where a `key: value` was expected has no colon"},
	"did not find expected node content":             {nil, "a value is missing here"},
	"found unexpected end of stream":                 {nil, "a quoted string is not closed"},
}

// quotedValue rewrites "key: a: b" as `key: "a: b"`, or returns "".
func quotedValue(line string) string {
	key, value, ok := strings.Cut(line, ": ")
	value = strings.TrimSpace(stripComment(value))
	if !ok || value == "" || strings.ContainsAny(value[:1], `"'[{`) || strings.ContainsAny(key, `"'`) {
		return ""
	}
	return key + ": " + strconv.Quote(value)
}

// first points at the first of the characters.
func first(chars string) func(string) int {
	return func(line string) int { return strings.IndexAny(line, chars) }
}

// secondColon points at the `: ` after the one that ends the key.
func secondColon(line string) int {
	i := strings.Index(line, ": ")
	if i < 0 {
		return -1
	}
	if j := strings.Index(line[i+2:], ": "); j >= 0 {
		return i + 2 + j
	}
	return i
}

// indentTab returns the 1-based column of a tab in the leading white space of
// the given line, or 0.
func indentTab(data []byte, line int) int {
	for i, r := range lineText(data, line) {
		switch r {
		case '\t':
			return i + 1
		case ' ':
			continue
		}
		return 0
	}
	return 0
}

// lineText returns the text of a 1-based line, or "".
func lineText(data []byte, line int) string {
	text, _ := diag.LineText(data, line)
	return text
}

// checkShape requires a document to be a mapping of bounded depth whose
// aliases do not expand past MaxExpandedNodes.
func checkShape(path string, root *yaml.Node, diags *diag.List) bool {
	if root.Kind != yaml.MappingNode {
		what := map[yaml.Kind]string{yaml.SequenceNode: "a list", yaml.ScalarNode: "a single value", yaml.AliasNode: "an alias"}[root.Kind]
		diags.Add(nodePos(path, root), diag.NotAMapping,
			"a document must be a mapping with apiVersion, kind, metadata and spec, not %s", what)
		return false
	}
	m := measurer{memo: map[*yaml.Node]int{}, onPath: map[*yaml.Node]bool{}}
	size := m.size(root, 0)
	switch {
	case m.deep != nil:
		diags.Add(nodePos(path, m.deep), diag.NestingTooDeep,
			"nesting is deeper than %d levels; agreement files need a handful", MaxDepth)
		return false
	case m.cycle != nil:
		diags.Add(nodePos(path, m.cycle), diag.AliasLimit, "alias %s refers to a value that contains it", m.cycle.Value)
		return false
	case size > MaxExpandedNodes:
		diags.Add(nodePos(path, root), diag.AliasLimit,
			"with its aliases expanded this document would have more than %d values; use fewer or smaller aliases",
			MaxExpandedNodes)
		return false
	}
	return true
}

// measurer computes a document's size with aliases expanded, memoised per
// node so that the cost is linear in the file, not in the expansion.
type measurer struct {
	memo   map[*yaml.Node]int
	onPath map[*yaml.Node]bool
	deep   *yaml.Node
	cycle  *yaml.Node
}

func (m *measurer) size(n *yaml.Node, depth int) int {
	if m.deep != nil || m.cycle != nil {
		return 0
	}
	if depth > MaxDepth {
		m.deep = n
		return 0
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil || m.onPath[n.Alias] {
			m.cycle = n
			return 0
		}
		return m.size(n.Alias, depth)
	}
	if s, ok := m.memo[n]; ok {
		return s
	}
	m.onPath[n] = true
	total := 1
	for _, c := range n.Content {
		total += m.size(c, depth+1)
		if total > MaxExpandedNodes {
			break
		}
	}
	delete(m.onPath, n)
	m.memo[n] = total
	return total
}

func byteSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
