package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/golden"
	"github.com/spf13/cobra"
)

// The example organisation that ships with the repository.
const example = "../../agreements"

// result is what one run of sla left behind.
type result struct {
	code     int
	out, err string
}

// term describes the terminal sla runs in: whether stdout is one, and the
// environment variables it sees.
type term struct {
	tty  bool
	vars map[string]string
}

func testEnv(out, errOut *bytes.Buffer, tm term) cli.Env {
	return cli.Env{
		Out:      out,
		ErrOut:   errOut,
		OutIsTTY: tm.tty,
		Getenv:   func(k string) string { return tm.vars[k] },
		Now:      func() time.Time { return time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) },
		// Tests never reach the network: only loopback (the fake GitHub)
		// answers, and the GitHub CLI is never asked for a token.
		HTTP:        loopbackOnly{},
		GHAuthToken: func(context.Context, string) (string, error) { return "", errors.New("no gh in tests") },
		Build:       testBuild,
	}
}

// loopbackOnly refuses every request that is not for this machine.
type loopbackOnly struct{}

func (loopbackOnly) RoundTrip(req *http.Request) (*http.Response, error) {
	if ip := net.ParseIP(req.URL.Hostname()); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("test tried to reach %s: tests use the fake GitHub on loopback only", req.URL.Host)
	}
	return http.DefaultTransport.RoundTrip(req)
}

// runTerm runs sla in-process, as `sla args...` in the given terminal.
func runTerm(t *testing.T, tm term, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Main(args, testEnv(&out, &errOut, tm))
	return result{code, out.String(), errOut.String()}
}

// run runs sla with stdout not a terminal and an empty environment, as in CI.
func run(t *testing.T, args ...string) result {
	t.Helper()
	return runTerm(t, term{}, args...)
}

// runIn runs sla with dir as its working directory, so that the paths it
// prints are the short ones a user sees, and is back in the package folder
// (where golden files live) when it returns.
func runIn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var r result
	t.Run("in dir", func(t *testing.T) {
		t.Chdir(dir)
		r = run(t, args...)
	})
	return r
}

func (r result) String() string {
	return "exit " + strconv.Itoa(r.code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" + r.err
}

// writeFiles creates files (relative name → contents) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Agreement files the tests write. teams and agreement are valid together;
// each of the others has one problem (with teams loaded beside it). The
// agreements name their calendar last, so that the lines of the problems
// stay where they are.
const (
	teamsYAML = `apiVersion: sla/v1
kind: Team
metadata: {name: platform}
spec:
  members: [alice, bob]
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec:
  members: [carol]
`
	agreementYAML = `apiVersion: sla/v1
kind: Agreement
metadata: {name: platform-requests}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope:
    repos: [acme/requests]
  objectives:
    - name: first-response
      metric: first_response
      within: 4h
      target: 90%
  calendar: 24x7
`
	// traget: a typo'd field, line 14.
	typoYAML = `apiVersion: sla/v1
kind: Agreement
metadata: {name: platform-requests}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope:
    repos: [acme/requests]
  objectives:
    - name: first-response
      metric: first_response
      within: 4h
      traget: 90%
  calendar: 24x7
`
	// platfrom: a wrong reference, line 5.
	referenceYAML = `apiVersion: sla/v1
kind: Agreement
metadata: {name: platform-requests}
spec:
  provider: platfrom
  consumers: [payments]
  window: 28d
  scope:
    repos: [acme/requests]
  objectives:
    - name: first-response
      metric: first_response
      within: 4h
      target: 90%
  calendar: 24x7
`
	// A tab in the indentation of line 6.
	tabYAML = "apiVersion: sla/v1\nkind: Team\nmetadata: {name: growth}\nspec:\n  members: [dave]\n\tcontact: \"#growth\"\n"
	// Erin twice: a warning, not an error.
	duplicateMemberYAML = "apiVersion: sla/v1\nkind: Team\nmetadata: {name: mobile}\nspec:\n  members: [erin, Erin]\n"
)

// badDir writes two files with two errors each, on lines (3, 14 and 5, 14)
// that would sort differently as text, plus the teams. The errors are all of
// meaning, not structure: a document with a structural error (an unknown
// field, say) is not checked for meaning, so it would report only that one.
func badDir(t *testing.T) string {
	dir := writeOrg(t, map[string]string{
		"teams.yaml": teamsYAML,
		// b.yaml first in the argument list and in the walk, a.yaml sorts first.
		"zz/b.yaml": strings.Replace(referenceYAML, "target: 90%", "target: 0%", 1),
		"a.yaml": `apiVersion: sla/v1
kind: Agreement
metadata: {name: Bad_Name}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope:
    repos: [acme/requests]
  objectives:
    - name: first-response
      metric: first_response
      within: 4h
      target: 190%
  calendar: 24x7
`,
	})
	return dir
}

func TestValidateExample(t *testing.T) {
	r := run(t, "validate", example)
	if r.code != cli.ExitOK {
		t.Fatalf("the example organisation must be valid:\n%s", r)
	}
	// 6 files (12 documents): no problems — files counted here, so that a
	// run that reads nothing cannot pass.
	var files int
	err := filepath.WalkDir(example, func(path string, d fs.DirEntry, err error) error {
		if ext := filepath.Ext(path); err == nil && !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			files++
		}
		return err
	})
	if err != nil || files == 0 {
		t.Fatalf("no example files: %v", err)
	}
	want := regexp.MustCompile(`^` + strconv.Itoa(files) + ` files \([1-9][0-9]* documents\): no problems\n$`)
	if !want.MatchString(r.out) {
		t.Errorf("stdout = %q, want it to match %s", r.out, want)
	}
	if r.err != "" {
		t.Errorf("stderr = %q, want nothing", r.err)
	}
}

func TestValidateDefaultFolder(t *testing.T) {
	dir := writeOrg(t, map[string]string{
		"agreements/teams.yaml":     teamsYAML,
		"agreements/sub/sla.yaml":   agreementYAML,
		"elsewhere/broken.yaml":     tabYAML, // not under agreements/: not read
		"agreements/.hidden/x.yaml": tabYAML, // hidden folder: not read
	})
	t.Chdir(dir)
	r := run(t, "validate")
	if r.code != cli.ExitOK || r.out != "2 files (3 documents): no problems\n" {
		t.Fatalf("want agreements/ read (2 files, 3 documents, no problems), got:\n%s", r)
	}

	writeFiles(t, dir, map[string]string{"agreements/bad.yaml": referenceYAML})
	r = run(t, "validate")
	if r.code != cli.ExitInvalid || !strings.HasPrefix(r.out, filepath.Join("agreements", "bad.yaml")+":5:13: error: ") {
		t.Errorf("want the error in agreements/bad.yaml reported, got:\n%s", r)
	}
}

func TestValidateNoDefaultFolder(t *testing.T) {
	t.Chdir(t.TempDir())
	r := run(t, "validate")
	if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, "agreements") {
		t.Errorf("without agreements/, want exit 2 naming the folder on stderr, got:\n%s", r)
	}
}

var header = regexp.MustCompile(`(?m)^(\S+?):(\d+):(\d+): (error|warning|notice): `)

func TestValidateErrorsSortedByFileThenLine(t *testing.T) {
	dir := badDir(t)
	r := run(t, "validate", filepath.Join(dir, "zz"), dir)
	if r.code != cli.ExitInvalid {
		t.Fatalf("want exit 1:\n%s", r)
	}
	if r.err != "" {
		t.Errorf("stderr = %q: problems go to stdout, once", r.err)
	}
	type place struct {
		file string
		line int
	}
	var got []place
	for _, m := range header.FindAllStringSubmatch(r.out, -1) {
		line, _ := strconv.Atoi(m[2])
		got = append(got, place{strings.TrimPrefix(m[1], dir), line})
	}
	sep := string(filepath.Separator)
	want := []place{{sep + "a.yaml", 3}, {sep + "a.yaml", 14}, {sep + "zz" + sep + "b.yaml", 5}, {sep + "zz" + sep + "b.yaml", 14}}
	if !slices.Equal(got, want) {
		t.Errorf("problems at %v, want %v (by file, then line; each once)\n%s", got, want, r)
	}
	if !strings.HasSuffix(r.out, "4 errors in 3 files (4 documents)\n") {
		t.Errorf("closing line: want \"4 errors in 3 files (4 documents)\"\n%s", r)
	}
}

func TestValidateJSON(t *testing.T) {
	dir := badDir(t)
	r := run(t, "validate", "-o", "json", dir)
	if r.code != cli.ExitInvalid {
		t.Fatalf("want exit 1:\n%s", r)
	}
	// Decode into generic values, so that field names and types are checked
	// exactly as a script would see them (SPEC §5).
	var got map[string]any
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatalf("stdout is not one JSON value: %v\n%s", err, r)
	}
	if got["valid"] != false || got["files"] != 3.0 || got["documents"] != 4.0 {
		t.Errorf("valid, files, documents = %v, %v, %v; want false, 3, 4", got["valid"], got["files"], got["documents"])
	}
	problems, ok := got["problems"].([]any)
	if !ok || len(problems) != 4 {
		t.Fatalf("problems = %v, want an array of 4", got["problems"])
	}
	var places []string
	for i, p := range problems {
		p, ok := p.(map[string]any)
		if !ok {
			t.Fatalf("problem %d is %T, want an object", i, problems[i])
		}
		for key, kind := range map[string]string{"file": "string", "line": "number", "column": "number",
			"severity": "string", "rule": "string", "message": "string"} {
			switch v := p[key].(type) {
			case string:
				if kind != "string" || v == "" {
					t.Errorf("problem %d: %s = %q, want a non-empty %s", i, key, v, kind)
				}
			case float64:
				if kind != "number" || v < 1 || v != float64(int(v)) {
					t.Errorf("problem %d: %s = %v, want a positive whole %s", i, key, v, kind)
				}
			default:
				t.Errorf("problem %d: %s = %v (%T), want a %s", i, key, v, v, kind)
			}
		}
		if s := p["severity"]; s != "error" && s != "warning" && s != "notice" {
			t.Errorf("problem %d: severity %v", i, s)
		}
		file, _ := p["file"].(string)
		line, _ := p["line"].(float64)
		places = append(places, strings.TrimPrefix(filepath.ToSlash(file), filepath.ToSlash(dir))+":"+strconv.Itoa(int(line)))
	}
	if want := []string{"/a.yaml:3", "/a.yaml:14", "/zz/b.yaml:5", "/zz/b.yaml:14"}; !slices.Equal(places, want) {
		t.Errorf("problems at %v, want %v", places, want)
	}
	ref := problems[2].(map[string]any)
	if ref["rule"] != "unknown-reference" || ref["column"] != 13.0 || ref["severity"] != "error" ||
		ref["message"] != `provider "platfrom" is not a Team (did you mean "platform"?)` {
		t.Errorf("problem 2 = %v, want the unknown-reference at 5:13", ref)
	}

	r = run(t, "validate", "-o", "json", example)
	if r.code != cli.ExitOK {
		t.Fatalf("example: want exit 0:\n%s", r)
	}
	var ok2 struct {
		Valid    bool            `json:"valid"`
		Problems json.RawMessage `json:"problems"`
	}
	if err := json.Unmarshal([]byte(r.out), &ok2); err != nil || !ok2.Valid || string(ok2.Problems) != "[]" {
		t.Errorf("example as JSON: want valid true and problems [], got (%v):\n%s", err, r.out)
	}
}

func TestValidateMissingPath(t *testing.T) {
	dir := writeOrg(t, map[string]string{"bad.yaml": referenceYAML})
	missing := filepath.Join(dir, "no-such-folder")
	for _, args := range [][]string{
		{"validate", missing},
		{"validate", "-o", "json", missing},
		{"validate", "-o", "github", missing},
		// A path that cannot be read wins over invalid files (exit 2 before 1).
		{"validate", filepath.Join(dir, "bad.yaml"), missing},
	} {
		t.Run(strings.Join(args[1:len(args)-1], " "), func(t *testing.T) {
			r := run(t, args...)
			if r.code != cli.ExitError {
				t.Errorf("exit %d, want 2", r.code)
			}
			if r.out != "" {
				t.Errorf("stdout must be empty (nothing was checked), got %q", r.out)
			}
			if !strings.Contains(r.err, missing) || strings.Count(r.err, "\n") != 1 {
				t.Errorf("stderr = %q, want one line naming %s", r.err, missing)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args    []string
		mention string // what stderr must name
	}{
		{[]string{"validate", "--bogus"}, "--bogus"},
		{[]string{"--bogus"}, "--bogus"},
		{[]string{"validate", "-x"}, "-x"},
		{[]string{"validate", "-o", "xml", example}, `"xml"`},
		{[]string{"validate", "--output=yaml"}, `"yaml"`},
		{[]string{"validate", "-o"}, "-o"},
		{[]string{"bogus"}, `"bogus"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := run(t, tt.args...)
			if r.code != cli.ExitError {
				t.Errorf("exit %d, want 2", r.code)
			}
			if r.out != "" {
				t.Errorf("stdout = %q, want nothing", r.out)
			}
			if !strings.HasPrefix(r.err, "sla: ") || !strings.Contains(r.err, tt.mention) {
				t.Errorf("stderr = %q, want a message starting \"sla: \" naming %s", r.err, tt.mention)
			}
			for _, noise := range []string{"goroutine ", "panic", "Usage:", "Flags:", "Examples:"} {
				if strings.Contains(r.err, noise) {
					t.Errorf("stderr contains %q (a stack trace or usage dump):\n%s", noise, r.err)
				}
			}
			if n := strings.Count(r.err, "\n"); n > 2 {
				t.Errorf("stderr has %d lines, want a short message:\n%s", n, r.err)
			}
		})
	}
	// The unknown format names the ones there are.
	if r := run(t, "validate", "-o", "xml"); !strings.Contains(r.err, "text, json, github") {
		t.Errorf("stderr = %q, want the valid formats listed", r.err)
	}
}

func TestValidateWarningsOnly(t *testing.T) {
	dir := writeOrg(t, map[string]string{"mobile.yaml": duplicateMemberYAML})
	for _, format := range []string{"text", "json", "github"} {
		t.Run(format, func(t *testing.T) {
			r := run(t, "validate", "-o", format, dir)
			if r.code != cli.ExitOK {
				t.Errorf("warnings never change the exit code: exit %d, want 0\n%s", r.code, r)
			}
			if !strings.Contains(r.out, "duplicate-member") || !strings.Contains(r.out, "warning") {
				t.Errorf("want the duplicate-member warning reported:\n%s", r)
			}
		})
	}
}

func TestColour(t *testing.T) {
	dir := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "ref.yaml": referenceYAML, "mobile.yaml": duplicateMemberYAML})
	term256 := map[string]string{"TERM": "xterm-256color"}
	tests := []struct {
		name   string
		tm     term
		format string
		want   bool
	}{
		{"terminal", term{tty: true, vars: term256}, "text", true},
		{"terminal without TERM", term{tty: true}, "text", true},
		{"NO_COLOR", term{tty: true, vars: map[string]string{"TERM": "xterm-256color", "NO_COLOR": "1"}}, "text", false},
		{"TERM=dumb", term{tty: true, vars: map[string]string{"TERM": "dumb"}}, "text", false},
		{"not a terminal", term{tty: false, vars: term256}, "text", false},
		{"json on a terminal", term{tty: true, vars: term256}, "json", false},
		{"github on a terminal", term{tty: true, vars: term256}, "github", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runTerm(t, tt.tm, "validate", "-o", tt.format, dir)
			if r.code != cli.ExitInvalid {
				t.Fatalf("want exit 1:\n%s", r)
			}
			if got := strings.Contains(r.out+r.err, "\x1b["); got != tt.want {
				t.Errorf("ANSI escapes = %v, want %v:\n%q", got, tt.want, r.out)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	r := run(t, "--version")
	if r.code != cli.ExitOK || !regexp.MustCompile(`^sla [^\s]+\n$`).MatchString(r.out) || r.err != "" {
		t.Errorf("want `sla <version>` on stdout:\n%s", r)
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"validate", "--help"}, {"help", "validate"}, {"completion", "--help"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := run(t, args...)
			if r.code != cli.ExitOK || !strings.Contains(r.out, "\nExamples:\n") || !strings.Contains(r.out, "  sla ") {
				t.Errorf("want help with an Examples section on stdout:\n%s", r)
			}
		})
	}
}

func TestCompletion(t *testing.T) {
	r := run(t, "completion", "bash")
	if r.code != cli.ExitOK || r.err != "" {
		t.Fatalf("completion bash:\n%s", r)
	}
	if !strings.Contains(r.out, "complete -o default -F __start_sla sla") {
		t.Errorf("the bash script does not register completion for sla:\n%.400s", r.out)
	}
	for _, shell := range []string{"zsh", "fish", "powershell"} {
		if r := run(t, "completion", shell); r.code != cli.ExitOK || !strings.Contains(r.out, "sla") {
			t.Errorf("completion %s: exit %d, %d bytes", shell, r.code, len(r.out))
		}
	}
	// The dynamic completion that the scripts call: -o's values.
	r = run(t, "__complete", "validate", "-o", "")
	for _, f := range []string{"text", "json", "github"} {
		if !strings.Contains(r.out, f+"\n") {
			t.Errorf("completing -o does not offer %s:\n%s", f, r)
		}
	}
}

func TestEveryCommandHasAnExample(t *testing.T) {
	var out, errOut bytes.Buffer
	root := cli.NewCmdRoot(testEnv(&out, &errOut, term{}))
	var seen []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		seen = append(seen, c.CommandPath())
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%q has no Example", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, want := range []string{"sla", "sla validate", "sla completion", "sla completion bash"} {
		if !slices.Contains(seen, want) {
			t.Errorf("%q not found in the command tree %v", want, seen)
		}
	}
}

// TestValidateTextGolden shows exactly what a user sees for the commonest
// mistakes, each alone in a file beside a valid teams file.
func TestValidateTextGolden(t *testing.T) {
	dir := writeOrg(t, map[string]string{
		"teams.yaml":     teamsYAML,
		"typo.yaml":      typoYAML,
		"reference.yaml": referenceYAML,
		"tab.yaml":       tabYAML,
	})
	for _, name := range []string{"typo", "reference", "tab"} {
		t.Run(name, func(t *testing.T) {
			r := runIn(t, dir, "validate", "teams.yaml", name+".yaml")
			if r.code != cli.ExitInvalid || r.err != "" {
				t.Errorf("want exit 1 and nothing on stderr:\n%s", r)
			}
			golden.Check(t, "validate-"+name+".golden", []byte(r.out))
		})
	}
}

func TestValidateNothingToCheck(t *testing.T) {
	tests := []struct {
		name, data string
	}{
		{"empty.yaml", ""},
		{"comments.yaml", "# The platform agreement moves here next quarter.\n# yaml-language-server: $schema=x\n"},
		{"separators.yaml", "---\n# nothing\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeOrg(t, map[string]string{tt.name: tt.data})
			r := run(t, "validate", dir)
			if r.code != cli.ExitOK {
				t.Errorf("exit %d, want 0", r.code)
			}
			if !regexp.MustCompile(`(?m)^\S+` + regexp.QuoteMeta(tt.name) + `: notice: .*nothing to check`).MatchString(r.out) {
				t.Errorf("want a notice that there was nothing to check:\n%s", r)
			}
			if !strings.HasSuffix(r.out, "1 notice in 1 file (0 documents)\n") {
				t.Errorf("closing line: want \"1 notice in 1 file (0 documents)\"\n%s", r)
			}
		})
	}
	// A folder without agreement files at all.
	r := run(t, "validate", t.TempDir())
	if r.code != cli.ExitOK || r.out != "0 files (0 documents): nothing to check\n" {
		t.Errorf("empty folder: want exit 0 and \"nothing to check\":\n%s", r)
	}
}

// TestValidateLineBreaksAsYAMLCountsThem: a U+2028 LINE SEPARATOR pasted
// into a quoted description (it comes with text copied from web pages) ends
// a line for YAML, so positions count it; the source line shown under the
// problem must be the one its position names, not the line before or an
// empty line past the end. FuzzLoad found the mismatch with a lone CR
// (testdata/fuzz/FuzzLoad/345ed437356be7bf, "\r\r0").
func TestValidateLineBreaksAsYAMLCountsThem(t *testing.T) {
	dir := writeOrg(t, map[string]string{
		"ls.yaml": "apiVersion: sla/v1\nkind: Team\nmetadata:\n  name: growth\n" +
			"  description: \"Onboarding\u2028and experiments\"\nspec:\n  members: [dave]\n  contcat: x\n",
		"cr.yaml": "apiVersion: sla/v1\r\rkind: Team\rmetadata: {name: mobile}\rspec:\r  members: [erin]\r  contcat: x\r",
	})
	// ls.yaml: 8 lines by '\n', 9 as YAML counts them (the description is
	// lines 5 and 6), so contcat is on line 9. cr.yaml: line 1, an empty
	// line 2, contcat on line 7.
	r := runIn(t, dir, "validate", "ls.yaml", "cr.yaml")
	want := `cr.yaml:7:3: error: unknown field "contcat" in spec (did you mean "contact"?) [unknown-field]
 7 |   contcat: x
   |   ^~~~~~~
ls.yaml:9:3: error: unknown field "contcat" in spec (did you mean "contact"?) [unknown-field]
 9 |   contcat: x
   |   ^~~~~~~
2 errors in 2 files (2 documents)
`
	if r.code != cli.ExitInvalid || r.out != want {
		t.Errorf("got:\n%s\nwant:\n%s", r.out, want)
	}
}
