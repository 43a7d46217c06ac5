package agreement

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/diag"
	"gopkg.in/yaml.v3"
)

// TestMisindentPointsAtTheCulprit: the indentation mistakes of hand
// editing, each reported at the line that breaks its block with how to
// indent it, where yaml.v3 names the line the block began on.
func TestMisindentPointsAtTheCulprit(t *testing.T) {
	const objectives = "spec:\n" + // 1
		"  scope:\n" + // 2
		"    repos: [acme/requests]\n" + // 3
		"    labels: [request]\n" + // 4
		"    authors: anyone\n" + // 5
		"  objectives:\n" + // 6
		"    - name: first-response\n" + // 7
		"      within: 4h\n" + // 8
		"      target: 90%\n" + // 9
		"      responders: provider\n" + // 10
		"    - name: resolution\n" + // 11
		"      within: 40h\n" // 12
	tests := []struct {
		name, old, new string
		line, col      int
		rule           diag.Rule
		says           string
	}{
		{"a key at the items' column", "      responders", "    responders", 10, 5, "bad-indentation",
			"`responders:` is indented 4 spaces, like the list items (`- name:` on line 7), but is not one: indent it 6 spaces to line up with `target:` on line 9"},
		{"a key between two blocks", "      responders", "     responders", 10, 6, "bad-indentation",
			"`responders:` is indented 5 spaces, which lines up with no block above: indent it 6 spaces to line up with `target:` on line 9"},
		{"a key deeper than the one above", "      responders", "        responders", 10, 9, "bad-indentation",
			"`responders:` is indented 8 spaces, deeper than `target:` on line 9, which already has a value: indent it 6 spaces to line up with it"},
		// labels: moved left is a key of spec, valid until the line after it
		// returns to scope's column.
		{"a key moved left, the block goes on", "    labels", "  labels", 4, 3, "bad-indentation",
			"`labels:` is indented 2 spaces, less than the lines around it: indent it 4 spaces to line up with `repos:` on line 3"},
		{"the first item moved left", "    - name: first", "  - name: first", 7, 3, "bad-indentation",
			"`- name:` is indented 2 spaces, but the lines of its block below are at 6 (`within:` on line 8): indent it 4 spaces"},
		{"an item at the keys' column", "    - name: resolution", "      - name: resolution", 11, 7, "bad-indentation",
			"`- name:` is a list item at the indentation of the keys of a mapping (`responders:` on line 10): indent it 4 spaces to line up with `- name:` on line 7"},
		{"a tab", "      within: 4h", "\twithin: 4h", 8, 1, "tab-indentation",
			"tab character in indentation: YAML indents with spaces only; indent `within:` with 6 spaces, like `name:` on line 7"},
		{"spaces then a tab", "      within: 4h", "    \twithin: 4h", 8, 5, "tab-indentation", "indent `within:` with 6 spaces"},
		{"a tab below a key that opens a block", "    repos", "\trepos", 3, 1, "tab-indentation",
			"indent `repos:` with 4 spaces, 2 more than `scope:` on line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(objectives, tt.old) {
				t.Fatalf("%q is not in the file", tt.old)
			}
			data := []byte(strings.Replace(objectives, tt.old, tt.new, 1))
			_, diags := LoadBytes("a.yaml", data)
			if len(diags) != 1 {
				t.Fatalf("want one problem, got:\n%v", diags)
			}
			d := diags[0]
			if d.Line != tt.line || d.Col != tt.col || d.Rule != tt.rule || !strings.Contains(d.Message, tt.says) {
				t.Errorf("got  %s\nwant %d:%d %s saying %q", d, tt.line, tt.col, tt.rule, tt.says)
			}
		})
	}
}

// TestMisindentFindsNothingInValidYAML: the scanner follows every file
// that parses, so that it never blames a line of a file whose error is
// elsewhere. The example organisation and every test file that parses
// are its cases.
func TestMisindentFindsNothingInValidYAML(t *testing.T) {
	var files []string
	for _, root := range []string{"../../agreements", "../validate/testdata", "../cli/testdata"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	parsed := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !parses(data) {
			continue
		}
		parsed++
		if m, ok := findMisindent(f, data, 1, 0); ok {
			t.Errorf("%s parses, but the scanner blames it: %s: %s", f, m.pos, m.msg)
		}
	}
	if parsed < 50 {
		t.Errorf("only %d files parsed: the test reads the wrong folders", parsed)
	}
}

func parses(data []byte) bool {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// TestMisindentLeavesOtherErrorsAlone: errors that are not of indentation
// keep yaml.v3's message, with the hint and the position sla adds; a
// quote left open is found where it opens.
func TestMisindentLeavesOtherErrorsAlone(t *testing.T) {
	tests := []struct {
		data      string
		line, col int
		says      string
	}{
		{"spec:\n  members: [alice, bob\n  contact: x\n", 2, 12, "the list opened with [ here is not closed"},
		{"spec:\n  title: Identity: login\n", 2, 18, "quote the value if it contains a colon: `title: \"Identity: login\"`"},
		{"spec:\n  members: [@alice]\n", 2, 13, "quote the value"},
		// A quote left open: at its opening, whether it runs to the end or
		// takes in lines that were meant as keys of their own.
		{"spec:\n  description: >-\n    text\n      more: text\n  contact: \"#x\n", 5, 12,
			`the quoted text that starts here is never closed: close it with " at the end of its line`},
		{"spec:\n  title: 'Requests to Platform\n  members: [alice]\n  contact: Platform's channel\n  x: [\n", 2, 10,
			"the quoted text that starts here is not closed on its line, so it goes on to line 4 and takes in the lines between: close it with '"},
	}
	for _, tt := range tests {
		_, diags := LoadBytes("a.yaml", []byte(tt.data))
		if len(diags) != 1 || diags[0].Rule != "yaml-syntax" || diags[0].Line != tt.line || diags[0].Col != tt.col ||
			!strings.Contains(diags[0].Message, tt.says) {
			t.Errorf("%q:\n got  %v\n want %d:%d yaml-syntax saying %q", tt.data, diags, tt.line, tt.col, tt.says)
		}
	}
}
