package diag_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/golden"
)

// d builds a diagnostic tersely: d("a.yaml", 3, 5, diag.Error, "rule", "message").
func d(file string, line, col int, sev diag.Severity, rule diag.Rule, msg string) diag.Diagnostic {
	n := 0
	if line > 0 {
		n = 1
	}
	return diag.Diagnostic{Pos: diag.Pos{File: file, Line: line, Col: col, Len: n}, Severity: sev, Rule: rule, Message: msg}
}

func TestSort(t *testing.T) {
	// Each entry of want sorts before the next for the reason in its comment;
	// the input is the same list reversed and with exact duplicates mixed in.
	want := diag.List{
		d("a.yaml", 0, 0, diag.Error, "not-utf8", "whole file"),      // line 0 (the whole file) first
		d("a.yaml", 2, 9, diag.Error, "x", "m"),                      // then by line...
		d("a.yaml", 10, 1, diag.Error, "x", "m"),                     // ...numerically, not as text (10 > 2)
		d("a.yaml", 10, 3, diag.Error, "x", "m"),                     // then by column
		d("a.yaml", 10, 3, diag.Warning, "a-rule", "m"),              // then by severity: error, warning...
		d("a.yaml", 10, 3, diag.Notice, "a-rule", "m"),               // ...notice
		d("a.yaml", 10, 4, diag.Error, "duplicate-name", "m"),        // then by rule
		d("a.yaml", 10, 4, diag.Error, "unknown-reference", "a msg"), // then by message
		d("a.yaml", 10, 4, diag.Error, "unknown-reference", "b msg"),
		d("b.yaml", 1, 1, diag.Error, "x", "m"), // files in order, before any line
		d("sub/a.yaml", 1, 1, diag.Error, "x", "m"),
	}
	in := slices.Clone(want)
	slices.Reverse(in)
	in = append(in, want[3], want[0], want[len(want)-1]) // exact duplicates

	got := in.Sort()
	if !slices.Equal(got, want) {
		t.Errorf("Sort:\n got  %s\n want %s", lines(got), lines(want))
	}
}

func TestSortKeepsNearDuplicates(t *testing.T) {
	// Same place and rule, different message: both are problems to report.
	in := diag.List{
		d("a.yaml", 3, 1, diag.Error, "unknown-field", `unknown field "b"`),
		d("a.yaml", 3, 1, diag.Error, "unknown-field", `unknown field "a"`),
		d("a.yaml", 3, 1, diag.Error, "unknown-field", `unknown field "a"`),
	}
	got := in.Sort()
	if len(got) != 2 || got[0].Message != `unknown field "a"` || got[1].Message != `unknown field "b"` {
		t.Errorf("Sort = %s, want the two distinct messages, a before b", lines(got))
	}
}

// TestSortDropsDuplicatesSeparatedByLen: two exact duplicates with a
// diagnostic between them that differs only in Len must end up side by side,
// or slices.Compact keeps both (Sort once ignored Len).
func TestSortDropsDuplicatesSeparatedByLen(t *testing.T) {
	a := d("a.yaml", 3, 1, diag.Error, "unknown-field", "m")
	b := a
	b.Len = 5
	got := diag.List{a, b, a}.Sort()
	if len(got) != 2 {
		t.Errorf("Sort kept %d diagnostics, want 2: the exact duplicate of the first must go%s", len(got), lines(got))
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		name             string
		list             diag.List
		errs, warns, nts int
		hasErrors        bool
	}{
		{"empty", nil, 0, 0, 0, false},
		{"notices only", diag.List{d("a", 0, 0, diag.Notice, "empty-file", "m")}, 0, 0, 1, false},
		{"warnings only", diag.List{
			d("a", 1, 1, diag.Warning, "duplicate-member", "m"),
			d("a", 2, 1, diag.Warning, "duplicate-member", "m"),
		}, 0, 2, 0, false},
		{"one of each, error last", diag.List{
			d("a", 1, 1, diag.Notice, "n", "m"),
			d("a", 1, 1, diag.Warning, "w", "m"),
			d("a", 1, 1, diag.Error, "e", "m"),
		}, 1, 1, 1, true},
		{"three errors", diag.List{
			d("a", 1, 1, diag.Error, "e", "m"),
			d("b", 1, 1, diag.Error, "e", "m"),
			d("c", 0, 0, diag.Error, "e", "m"),
		}, 3, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, w, n := tt.list.Count()
			if e != tt.errs || w != tt.warns || n != tt.nts {
				t.Errorf("Count = %d, %d, %d; want %d, %d, %d", e, w, n, tt.errs, tt.warns, tt.nts)
			}
			if got := tt.list.HasErrors(); got != tt.hasErrors {
				t.Errorf("HasErrors = %v, want %v", got, tt.hasErrors)
			}
		})
	}
}

func TestHasErrorsIn(t *testing.T) {
	l := diag.List{
		d("a.yaml", 1, 1, diag.Warning, "w", "m"),
		d("b.yaml", 1, 1, diag.Error, "e", "m"),
	}
	if l.HasErrorsIn("a.yaml") {
		t.Error("HasErrorsIn(a.yaml) = true, but a.yaml has only a warning")
	}
	if !l.HasErrorsIn("b.yaml") {
		t.Error("HasErrorsIn(b.yaml) = false, but b.yaml has an error")
	}
}

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		d    diag.Diagnostic
		want string
	}{
		{d("agreements/p.yaml", 12, 7, diag.Error, "unknown-reference", `provider "platfrom" is not a Team`),
			`agreements/p.yaml:12:7: error: provider "platfrom" is not a Team [unknown-reference]`},
		{d("agreements/big.yaml", 0, 0, diag.Error, "file-too-large", "too big"),
			`agreements/big.yaml: error: too big [file-too-large]`},
		{d("t.yaml", 5, 24, diag.Warning, "duplicate-member", "twice"),
			`t.yaml:5:24: warning: twice [duplicate-member]`},
		{d("e.yaml", 0, 0, diag.Notice, "empty-file", "nothing"),
			`e.yaml: notice: nothing [empty-file]`},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// The files that the text goldens point into.
var sources = map[string][]byte{
	"agreements/platform.yaml": []byte(`apiVersion: sla/v1
kind: Agreement
metadata: {name: platform-requests}
spec:
  provider: platfrom
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/requests], lables: [bug]}
  objectives:
    - {name: resolution, metric: resolution, within: 2d, target: 90%}
`),
	"agreements/teams.yaml": []byte("apiVersion: sla/v1\r\nkind: Team\r\nmetadata: {name: mobile}\r\nspec:\r\n  members: [erin, frank, Erin]\r\n"),
	// Tabs before the culprit (inside a flow mapping, where YAML allows them).
	"agreements/tabs.yaml": []byte("apiVersion: sla/v1\nkind: Team\nmetadata: {name: tabs}\nspec: {\tmembers:\t[al ice]}\n"),
	// A key without a value: the culprit is just past the end of its line.
	"agreements/empty.yaml":  []byte("apiVersion: sla/v1\nkind: Team\nmetadata:\n  name:\nspec: {members: [a]}\n"),
	"agreements/binary.yaml": []byte("apiVersion: sla/v1\x00\x01\n"),
}

func src(file string) []byte { return sources[file] }

// mixed is a realistic run: errors, a warning and a notice in three files,
// with Windows line endings in one of them.
var mixed = diag.List{
	{Pos: diag.Pos{File: "agreements/platform.yaml", Line: 5, Col: 13, Len: 8}, Severity: diag.Error,
		Rule: "unknown-reference", Message: `provider "platfrom" is not a Team (did you mean "platform"?)`},
	{Pos: diag.Pos{File: "agreements/platform.yaml", Line: 8, Col: 35, Len: 6}, Severity: diag.Error,
		Rule: "unknown-field", Message: `unknown field "lables" in spec.scope (did you mean "labels"?)`},
	{Pos: diag.Pos{File: "agreements/platform.yaml", Line: 10, Col: 54, Len: 2}, Severity: diag.Error,
		Rule: "business-days-in-within", Message: "within counts business time under a calendar: write hours"},
	{Pos: diag.Pos{File: "agreements/teams.yaml", Line: 5, Col: 26, Len: 4}, Severity: diag.Warning,
		Rule: "duplicate-member", Message: `"Erin" is listed twice in members (logins ignore case)`},
	{Pos: diag.Pos{File: "agreements/zz-empty.yaml"}, Severity: diag.Notice,
		Rule: "empty-file", Message: "file has no YAML documents: nothing to check"},
}

func TestWriteTextGolden(t *testing.T) {
	tests := []struct {
		golden  string
		list    diag.List
		sum     diag.Summary
		colour  bool
		sources diag.Sources
	}{
		{"text.golden", mixed, diag.Summary{Files: 3, Documents: 4}, false, src},
		{"text-color.golden", mixed, diag.Summary{Files: 3, Documents: 4}, true, src},
		{"text-line0.golden", diag.List{
			{Pos: diag.Pos{File: "agreements/huge.yaml"}, Severity: diag.Error, Rule: "file-too-large",
				Message: "file is 1.5 MiB; agreement files may be at most 1.0 MiB: split it into several files"},
		}, diag.Summary{Files: 1}, false, src},
		{"text-tabs.golden", diag.List{
			{Pos: diag.Pos{File: "agreements/tabs.yaml", Line: 4, Col: 19, Len: 6}, Severity: diag.Error,
				Rule: "invalid-login", Message: `"al ice" is not a valid GitHub login`},
		}, diag.Summary{Files: 1, Documents: 1}, false, src},
		{"text-past-eol.golden", diag.List{
			{Pos: diag.Pos{File: "agreements/empty.yaml", Line: 4, Col: 9, Len: 1}, Severity: diag.Error,
				Rule: "empty-value", Message: "metadata.name is empty: give it a value"},
		}, diag.Summary{Files: 1, Documents: 1}, false, src},
		// A line with control characters is not echoed to the terminal.
		{"text-binary.golden", diag.List{
			{Pos: diag.Pos{File: "agreements/binary.yaml", Line: 1, Col: 19, Len: 1}, Severity: diag.Error,
				Rule: "binary-file", Message: "control character U+0000: this looks like binary data, not a YAML agreement file"},
		}, diag.Summary{Files: 1}, false, src},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := diag.WriteText(&b, tt.list, tt.sources, tt.sum, tt.colour); err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(b.String(), "\x1b["); got != tt.colour {
				t.Errorf("ANSI escapes in output = %v, want %v", got, tt.colour)
			}
			golden.Check(t, tt.golden, b.Bytes())
		})
	}
}

// TestWriteTextCaretUnderCulprit checks the caret arithmetic itself, so that
// a wrong golden file cannot hide a misplaced caret: with tabs expanded the
// same way in both lines, the caret sits under the culprit's first character
// and the underline is as long as the culprit.
func TestWriteTextCaretUnderCulprit(t *testing.T) {
	tests := []struct {
		name, line, culprit string
	}{
		{"spaces", "  provider: platfrom", "platfrom"},
		{"tabs before the culprit", "spec: {\tmembers:\t[al ice]}", "al ice"},
		{"tab first", "\tmembers: [alice]", "\t"},
		{"non-ASCII before the culprit", "  title: Zahlungsverkehr – Ärger, target: 9O%", "9O%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := strings.Index(tt.line, tt.culprit)
			col := len([]rune(tt.line[:i])) + 1 // columns count characters, not bytes
			n := len([]rune(tt.culprit))
			l := diag.List{{Pos: diag.Pos{File: "f.yaml", Line: 2, Col: col, Len: n}, Severity: diag.Error, Rule: "r", Message: "m"}}
			file := []byte("first: line\n" + tt.line + "\nlast: line\n")
			var b bytes.Buffer
			if err := diag.WriteText(&b, l, func(string) []byte { return file }, diag.Summary{Files: 1, Documents: 1}, false); err != nil {
				t.Fatal(err)
			}
			out := strings.Split(b.String(), "\n")
			if len(out) != 5 {
				t.Fatalf("want header, source, caret, closing line; got:\n%s", b.String())
			}
			srcLine, caretLine := strings.TrimPrefix(out[1], " 2 | "), strings.TrimPrefix(out[2], "   | ")
			if srcLine != tt.line {
				t.Fatalf("source line = %q, want %q", out[1], " 2 | "+tt.line)
			}
			expand := func(s string) []rune { // a terminal with 8-column tabs
				var r []rune
				for _, c := range s {
					if c == '\t' {
						for len(r)%8 != 7 {
							r = append(r, ' ')
						}
						c = ' '
					}
					r = append(r, c)
				}
				return r
			}
			indent := len(expand(tt.line[:i]))
			want := strings.Repeat(" ", indent) + "^" + strings.Repeat("~", n-1)
			if got := string(expand(caretLine)); got != want {
				t.Errorf("caret line (tabs expanded):\n%s\n%s\nwant\n%s", string(expand(srcLine)), got, want)
			}
		})
	}
}

// TestWriteTextMissingSource: when the writer has no source for a file (the
// Sources func returns nil: "unknown"), only the header line may be printed;
// an empty source line with a caret under nothing is noise (sourceLine once
// treated a nil source as a file with one empty line).
func TestWriteTextMissingSource(t *testing.T) {
	for _, line := range []int{1, 7} {
		t.Run(fmt.Sprint("line ", line), func(t *testing.T) {
			l := diag.List{{Pos: diag.Pos{File: "gone.yaml", Line: line, Col: 3, Len: 4}, Severity: diag.Error,
				Rule: "unknown-field", Message: `unknown field "nmae"`}}
			var b bytes.Buffer
			if err := diag.WriteText(&b, l, src, diag.Summary{Files: 1, Documents: 1}, false); err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("gone.yaml:%d:3: error: unknown field \"nmae\" [unknown-field]\n1 error in 1 file (1 document)\n", line)
			if b.String() != want {
				t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
			}
		})
	}
}

func TestWriteTextNoSources(t *testing.T) {
	// A nil Sources func: headers only.
	var b bytes.Buffer
	if err := diag.WriteText(&b, mixed[:1], nil, diag.Summary{Files: 1, Documents: 1}, false); err != nil {
		t.Fatal(err)
	}
	want := "agreements/platform.yaml:5:13: error: provider \"platfrom\" is not a Team (did you mean \"platform\"?) [unknown-reference]\n" +
		"1 error in 1 file (1 document)\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteTextLineBeyondEndOfFile(t *testing.T) {
	l := diag.List{{Pos: diag.Pos{File: "agreements/platform.yaml", Line: 40, Col: 1, Len: 1}, Severity: diag.Error, Rule: "r", Message: "m"}}
	var b bytes.Buffer
	if err := diag.WriteText(&b, l, src, diag.Summary{Files: 1, Documents: 1}, false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), " | ") {
		t.Errorf("a line past the end of the file has no source to show, got:\n%s", b.String())
	}
}

func TestWriteTextClosingLine(t *testing.T) {
	e := d("a.yaml", 1, 1, diag.Error, "e", "m")
	w := d("a.yaml", 1, 1, diag.Warning, "w", "m")
	n := d("a.yaml", 0, 0, diag.Notice, "n", "m")
	tests := []struct {
		list diag.List
		sum  diag.Summary
		want string
	}{
		{nil, diag.Summary{Files: 6, Documents: 12}, "6 files (12 documents): no problems"},
		{nil, diag.Summary{Files: 1, Documents: 1}, "1 file (1 document): no problems"},
		{nil, diag.Summary{}, "0 files (0 documents): nothing to check"},
		{diag.List{n}, diag.Summary{Files: 1}, "1 notice in 1 file (0 documents)"},
		{diag.List{e}, diag.Summary{Files: 1, Documents: 2}, "1 error in 1 file (2 documents)"},
		{diag.List{e, e, w}, diag.Summary{Files: 2, Documents: 2}, "2 errors, 1 warning in 2 files (2 documents)"},
		{diag.List{w, w, n, n}, diag.Summary{Files: 2, Documents: 3}, "2 warnings, 2 notices in 2 files (3 documents)"},
		{diag.List{n, w, e}, diag.Summary{Files: 1, Documents: 1}, "1 error, 1 warning, 1 notice in 1 file (1 document)"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := diag.WriteText(&b, tt.list, nil, tt.sum, false); err != nil {
			t.Fatal(err)
		}
		out := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if got := out[len(out)-1]; got != tt.want {
			t.Errorf("closing line = %q, want %q", got, tt.want)
		}
	}
}

func TestWriteJSONGolden(t *testing.T) {
	tests := []struct {
		golden string
		list   diag.List
		sum    diag.Summary
		valid  bool
	}{
		{"json-valid.golden", nil, diag.Summary{Files: 6, Documents: 12}, true},
		{"json-warnings.golden", mixed[3:], diag.Summary{Files: 2, Documents: 1}, true},
		{"json-invalid.golden", mixed, diag.Summary{Files: 3, Documents: 4}, false},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := diag.WriteJSON(&b, tt.list, tt.sum); err != nil {
				t.Fatal(err)
			}
			var got struct {
				Valid     *bool `json:"valid"`
				Files     int   `json:"files"`
				Documents int   `json:"documents"`
				Errors    *int  `json:"errors"`
				Warnings  *int  `json:"warnings"`
				Notices   *int  `json:"notices"`
				Problems  []struct {
					File     string `json:"file"`
					Line     int    `json:"line"`
					Column   int    `json:"column"`
					Severity string `json:"severity"`
					Rule     string `json:"rule"`
					Message  string `json:"message"`
				} `json:"problems"`
			}
			if err := json.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, b.String())
			}
			if got.Valid == nil || *got.Valid != tt.valid {
				t.Errorf("valid = %v, want %v", got.Valid, tt.valid)
			}
			if got.Files != tt.sum.Files || got.Documents != tt.sum.Documents {
				t.Errorf("files, documents = %d, %d; want %d, %d", got.Files, got.Documents, tt.sum.Files, tt.sum.Documents)
			}
			e, w, n := tt.list.Count()
			if got.Errors == nil || got.Warnings == nil || got.Notices == nil ||
				*got.Errors != e || *got.Warnings != w || *got.Notices != n {
				t.Errorf("errors, warnings, notices = %v, %v, %v; want %d, %d, %d",
					deref(got.Errors), deref(got.Warnings), deref(got.Notices), e, w, n)
			}
			if got.Problems == nil {
				t.Errorf("problems must be an array, even when empty: %s", b.String())
			}
			if len(got.Problems) != len(tt.list) {
				t.Fatalf("%d problems, want %d", len(got.Problems), len(tt.list))
			}
			for i, p := range got.Problems {
				want := tt.list[i]
				if p.File != want.File || p.Line != want.Line || p.Column != want.Col ||
					p.Severity != want.Severity.String() || p.Rule != string(want.Rule) || p.Message != want.Message {
					t.Errorf("problem %d = %+v, want %s", i, p, want)
				}
			}
			golden.Check(t, tt.golden, b.Bytes())
		})
	}
}

func TestWriteJSONEmptyProblemsIsArray(t *testing.T) {
	for _, l := range []diag.List{nil, {}} {
		var b bytes.Buffer
		if err := diag.WriteJSON(&b, l, diag.Summary{Files: 1, Documents: 1}); err != nil {
			t.Fatal(err)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b.Bytes(), &raw); err != nil {
			t.Fatal(err)
		}
		if got := string(raw["problems"]); got != "[]" {
			t.Errorf("problems = %s, want []", got)
		}
		if got := string(raw["valid"]); got != "true" {
			t.Errorf("valid = %s, want true", got)
		}
	}
}

func TestWriteGitHubGolden(t *testing.T) {
	hostile := diag.List{
		{Pos: diag.Pos{File: "agreements/odd,name:v2.yaml", Line: 3, Col: 5, Len: 4}, Severity: diag.Error,
			Rule: "unknown-field", Message: "100% sure:\r\nline two, with a comma"},
		{Pos: diag.Pos{File: "agreements/huge.yaml"}, Severity: diag.Error,
			Rule: "file-too-large", Message: "file is 1.5 MiB; agreement files may be at most 1.0 MiB"},
	}
	var many diag.List
	for i := range 11 {
		many = append(many, diag.Diagnostic{Pos: diag.Pos{File: "agreements/a.yaml", Line: i + 1, Col: 3, Len: 2},
			Severity: diag.Error, Rule: "invalid-login", Message: fmt.Sprintf(`"x%d" is not a valid GitHub login`, i)})
	}
	many = append(many, d("agreements/b.yaml", 2, 1, diag.Warning, "duplicate-member", `"Erin" is listed twice`))

	tests := []struct {
		golden string
		list   diag.List
		sum    diag.Summary
	}{
		{"github.golden", mixed, diag.Summary{Files: 3, Documents: 4}},
		{"github-escaping.golden", hostile, diag.Summary{Files: 2, Documents: 1}},
		{"github-many.golden", many, diag.Summary{Files: 2, Documents: 2}},
		{"github-valid.golden", nil, diag.Summary{Files: 6, Documents: 12}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := diag.WriteGitHub(&b, tt.list, tt.sum); err != nil {
				t.Fatal(err)
			}
			out := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if len(out) != len(tt.list)+1 {
				t.Errorf("%d lines, want one per problem and a closing line:\n%s", len(out), b.String())
			}
			for i, line := range out[:len(out)-1] {
				if want := "::" + tt.list[i].Severity.String() + " "; !strings.HasPrefix(line, want) {
					t.Errorf("line %d = %q, want it to start with %q", i+1, line, want)
				}
			}
			golden.Check(t, tt.golden, b.Bytes())
		})
	}
}

func TestWriteGitHubEscaping(t *testing.T) {
	l := diag.List{{Pos: diag.Pos{File: "dir,1/a:b%.yaml", Line: 3, Col: 5, Len: 4}, Severity: diag.Error,
		Rule: "unknown-field", Message: "100% sure:\r\nnext, line"}}
	var b bytes.Buffer
	if err := diag.WriteGitHub(&b, l, diag.Summary{Files: 1, Documents: 1}); err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(b.String(), "\n")
	// endColumn = col + len = 5 + 4; in the message only %, CR and LF are
	// escaped; in properties also : and ,.
	want := "::error file=dir%2C1/a%3Ab%25.yaml,line=3,col=5,endColumn=9,title=unknown-field::100%25 sure:%0D%0Anext, line"
	if first != want {
		t.Errorf("got\n%s\nwant\n%s", first, want)
	}
}

func TestWriteGitHubShownNote(t *testing.T) {
	note := "GitHub shows only the first 10"
	tests := []struct {
		name   string
		errors int
		warns  int
		want   bool
	}{
		{"10 errors", 10, 0, false},
		{"11 errors", 11, 0, true},
		{"10 errors and 10 warnings", 10, 10, false}, // the limit is per severity
		{"11 warnings", 0, 11, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			for i := range tt.errors {
				l = append(l, d("a.yaml", i+1, 1, diag.Error, "e", "m"))
			}
			for i := range tt.warns {
				l = append(l, d("a.yaml", i+1, 1, diag.Warning, "w", "m"))
			}
			var b bytes.Buffer
			if err := diag.WriteGitHub(&b, l, diag.Summary{Files: 1, Documents: 1}); err != nil {
				t.Fatal(err)
			}
			out := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			closing := out[len(out)-1]
			if strings.HasPrefix(closing, "::") {
				t.Fatalf("no closing line after the annotations:\n%s", b.String())
			}
			if got := strings.Contains(closing, note); got != tt.want {
				t.Errorf("closing line %q: contains %q = %v, want %v", closing, note, got, tt.want)
			}
		})
	}
}

func deref(p *int) any {
	if p == nil {
		return "missing"
	}
	return *p
}

func TestLineText(t *testing.T) {
	// YAML's line breaks: LF, CRLF, a lone CR, NEL (U+0085), LS (U+2028)
	// and PS (U+2029); a tab or U+00A0 is not one.
	data := []byte("one\ntwo\r\nthree\rfour\u0085five\u2028six\u2029seven\tstill\u00a0seven\n")
	want := []string{"one", "two", "three", "four", "five", "six", "seven\tstill\u00a0seven", ""}
	if n := diag.LineCount(data); n != len(want) {
		t.Errorf("LineCount = %d, want %d", n, len(want))
	}
	for i, w := range want {
		got, ok := diag.LineText(data, i+1)
		if !ok || got != w {
			t.Errorf("LineText(%d) = %q, %v; want %q, true", i+1, got, ok, w)
		}
	}
	for _, line := range []int{0, -1, len(want) + 1} {
		if got, ok := diag.LineText(data, line); ok {
			t.Errorf("LineText(%d) = %q, true; want no such line", line, got)
		}
	}
	if _, ok := diag.LineText(nil, 1); ok {
		t.Error("LineText(nil, 1) found a line in a missing source")
	}
	if n := diag.LineCount([]byte("no break")); n != 1 {
		t.Errorf("LineCount(no break) = %d, want 1", n)
	}
}

func lines(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("\n  " + d.String())
	}
	return b.String()
}
