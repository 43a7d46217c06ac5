package codeowners_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/codeowners"
)

// FuzzParse feeds arbitrary CODEOWNERS files to the parser: it never
// panics, each rule comes from a line of the input, and matching any path
// against any rule never panics.
//
//	go test ./internal/codeowners -run '^$' -fuzz '^FuzzParse$' -fuzztime 1m
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"* @acme/everyone\n/agreements/ @acme/platform\n",
		"# comment\n\n/docs/* @a/b # trailing comment\n",
		"/agreements/two\\ words.yaml @acme/platform @acme/Payments\r\n",
		"/a\\#b.yaml @x/y\n\\#not-a-comment @z/w\n",
		"**/logs @a/b\n/build/**/*.yaml @c/d\n/a/**/b/ @e/f\n",
		"   \t  \n\\\n\\ \n/trailing-backslash\\",
		"[abc]?.yaml @a/b\n/(x)+$.yaml @c/d\n",
		strings.Repeat("*", 200) + " @a/b\n",
		"/" + strings.Repeat("**/", 50) + "x @a/b\n",
	} {
		f.Add([]byte(s), "/agreements/x.yaml")
	}
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, r := range codeowners.Parse(data) {
			if r.Line < 1 || r.Line > lines {
				t.Fatalf("rule on line %d of %d lines: %+v", r.Line, lines, r)
			}
			if r.Pattern == "" || strings.ContainsAny(r.Text, "\n") {
				t.Fatalf("rule %+v", r)
			}
			r.Matches(path)
		}
	})
}

// FuzzEntryRoundTrip holds the lines sla codeowners writes to the parser
// that checks them: whatever file name it accepts comes back as the same
// pattern and owners, one line, and matches the file. A name it cannot
// write as one line is refused, never written.
//
//	go test ./internal/codeowners -run '^$' -fuzz '^FuzzEntryRoundTrip$' -fuzztime 1m
func FuzzEntryRoundTrip(f *testing.F) {
	for _, p := range []string{"/agreements/x.yaml", "/agreements/two words.yaml", "/a#b.yaml", `/back\slash.yaml`,
		"/tab\there.yaml", "/new\nline.yaml", "/agreements/*.yaml", "/[x].yaml", "/q?.yaml", "/trailing ", "/#"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, path string) {
		owners := []string{"@acme/platform", "@acme/payments"}
		var out bytes.Buffer
		err := codeowners.Write(&out, []codeowners.Entry{{Path: path, Owners: owners}})
		if err != nil {
			return // refused: nothing written
		}
		rules := codeowners.Parse(out.Bytes())
		// The header's lines, then the entry's.
		if len(rules) != 1 || strings.Count(out.String(), "\n") != strings.Count(codeowners.Header, "\n")+2 {
			t.Fatalf("%q written as %q, parsed as %d rules", path, out.String(), len(rules))
		}
		r := rules[0]
		if r.Pattern != path || !slices.Equal(r.Owners, owners) {
			t.Fatalf("%q written as %q, read back as pattern %q, owners %q", path, out.String(), r.Pattern, r.Owners)
		}
		if !strings.HasSuffix(path, "/") && !r.Matches(path) {
			t.Fatalf("%q written as %q does not match itself", path, out.String())
		}
	})
}
