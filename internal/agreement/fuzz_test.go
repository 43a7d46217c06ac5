package agreement_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

// FuzzLoad feeds arbitrary bytes to the loader. Whatever the input, it must
// not panic, and every diagnostic must be printable: a rule id, a message,
// and a position that is the whole file (line 0) or a line of the input (or
// the one just past its end, for a problem at end of file).
//
// The crasher kept in testdata/fuzz/FuzzLoad ("\r\r0", reported on line 3)
// was found when this target counted only '\n' as a line break, which the
// text output then did too; both now count lines as YAML does.
//
//	go test ./internal/agreement -run '^$' -fuzz '^FuzzLoad$' -fuzztime 3m
func FuzzLoad(f *testing.F) {
	for _, seed := range seedFiles(f) {
		f.Add(seed)
	}
	for _, seed := range hostileSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		set, diags := agreement.LoadBytes("fuzz.yaml", data)
		if set == nil {
			t.Fatal("LoadBytes returned a nil set")
		}
		// Lines as YAML counts them (LF, CRLF, CR, NEL, LS, PS end one), as
		// the positions and the text output's source lines do.
		lines := diag.LineCount(data)
		for _, d := range diags {
			if d.Rule == "" || d.Message == "" {
				t.Errorf("diagnostic without a rule or message: %#v", d)
			}
			if d.File != "fuzz.yaml" {
				t.Errorf("diagnostic names file %q, want fuzz.yaml: %s", d.File, d)
			}
			if d.Line < 0 || d.Col < 0 {
				t.Errorf("negative position: %s", d)
			}
			if d.Line > lines+1 {
				t.Errorf("line %d is past the end of the input (%d lines): %s", d.Line, lines, d)
			}
		}
	})
}

// seedFiles returns the rule cases of the validator and the example
// organisation: realistic files, each near some rule's edge.
func seedFiles(f *testing.F) [][]byte {
	f.Helper()
	paths, err := filepath.Glob("../validate/testdata/rules/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	err = filepath.WalkDir("../../agreements", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	if len(paths) < 10 {
		f.Fatalf("only %d seed files found: are the paths right?", len(paths))
	}
	var seeds [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	return seeds
}

// hostileSeeds are inputs built to hurt a YAML loader.
func hostileSeeds() [][]byte {
	var bomb strings.Builder // a "billion laughs": 9^9 values once expanded
	bomb.WriteString("a: &a [x, x, x, x, x, x, x, x, x]\n")
	for c := 'b'; c <= 'i'; c++ {
		prev := string(c - 1)
		bomb.WriteString(string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+", ", 8) + "*" + prev + "]\n")
	}
	var deepBlock strings.Builder
	deepBlock.WriteString("apiVersion: sla/v1\nkind: Team\nmetadata: {name: deep}\nspec:\n")
	for i := 1; i <= 80; i++ {
		deepBlock.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	return [][]byte{
		[]byte(bomb.String()),
		[]byte("a: &a\n  b: *a\n"), // an alias inside the value it names
		[]byte("*nothing\n"),       // an alias to no anchor
		[]byte(strings.Repeat("[", 200) + strings.Repeat("]", 200)),
		[]byte(strings.Repeat("{a: ", 100) + "1" + strings.Repeat("}", 100)),
		[]byte(deepBlock.String()),
		[]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
		[]byte("apiVersion: sla/v1\x00\n"),
		[]byte("apiVersion: sla/v1\nkind: Team\nmetadata: {name: caf\xe9}\n"), // Latin-1
		[]byte("\xff\xfea\x00:\x00 \x001\x00"),                                // UTF-16
		[]byte("\xef\xbb\xbfapiVersion: sla/v1\nkind: Team\n"),                // UTF-8 BOM
		[]byte("apiVersion: sla/v1\nkind: Team\nmetadata:\n\tname: tabs\n"),
		[]byte("apiVersion: sla/v1\r\nkind: Team\r\nmetadata: {name: crlf}\r\nspec: {members: [a]}\r\n"),
		[]byte("apiVersion: sla/v1\rkind: Team\rmetadata: {name: cr}\r"),
		[]byte("a: \"unterminated\n"),
		[]byte("a: [1, 2\nb: 3\n"),
		[]byte("--- !!binary\nAAAA\n"),
		[]byte("? [complex, key]\n: value\n"),
		[]byte("apiVersion: sla/v1\napiVersion: sla/v1\n"),
		[]byte("---\n---\n---\n"),
		[]byte(""),
		[]byte("%YAML 1.1\n%TAG ! tag:x,2000:\n--- !foo\na: 1\n"),
		[]byte("kind: Agreement\nmetadata: {name: x}\nspec:\n  objectives:\n    - {within: 99999999999999999999h, target: 1e400%}\n"),
	}
}
