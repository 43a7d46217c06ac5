package validate

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/diag"
)

// mistake is what a file of testdata/mistakes says about itself in its
// header:
//
//	# responders: moved two spaces left, out of its objective
//	# want 31:5 bad-indentation        the one problem reported: line:column and rule
//	# says indent it 6 spaces          words its message must contain (any number of lines)
//	# replaces platform-requests.yaml  it is that file of the organisation, edited
//	# alone                            it is validated alone, as `sla validate FILE`
type mistake struct {
	line, col int
	rule      diag.Rule
	says      []string
	replaces  string
	alone     bool
}

var (
	mistakeWant     = regexp.MustCompile(`^# want (\d+):(\d+) ([a-z0-9-]+)$`)
	mistakeSays     = regexp.MustCompile(`^# says (.+)$`)
	mistakeReplaces = regexp.MustCompile(`^# replaces (\S+)$`)
)

func parseMistake(t *testing.T, data []byte) mistake {
	t.Helper()
	var m mistake
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "#") {
			break // the header ends where the file's YAML begins
		}
		line = strings.TrimRight(line, "\r")
		switch {
		case mistakeWant.MatchString(line):
			g := mistakeWant.FindStringSubmatch(line)
			m.line, _ = strconv.Atoi(g[1])
			m.col, _ = strconv.Atoi(g[2])
			m.rule = diag.Rule(g[3])
		case mistakeSays.MatchString(line):
			m.says = append(m.says, mistakeSays.FindStringSubmatch(line)[1])
		case mistakeReplaces.MatchString(line):
			m.replaces = mistakeReplaces.FindStringSubmatch(line)[1]
		case line == "# alone":
			m.alone = true
		}
	}
	if m.rule == "" {
		t.Fatal("no `# want LINE:COL RULE` in the header")
	}
	return m
}

// TestMistakes: every file under testdata/mistakes is one mistake that a
// pull request's author makes, with the example organisation
// (testdata/mistakes/org) beside it. Each is reported as one problem, at
// the line and column of the culprit, with its rule, in words that say
// what to do: no second message for the same mistake, and none pointing
// elsewhere.
func TestMistakes(t *testing.T) {
	files, err := filepath.Glob("testdata/mistakes/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 60 {
		t.Errorf("%d mistakes; the corpus has at least 60", len(files))
	}
	org, err := filepath.Glob("testdata/mistakes/org/*.yaml")
	if err != nil || len(org) == 0 {
		t.Fatalf("no organisation: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := parseMistake(t, data)
			in := map[string][]byte{name: data}
			replaced := m.replaces == ""
			for _, o := range org {
				if m.alone {
					break
				}
				if filepath.Base(o) == m.replaces {
					replaced = true
					continue
				}
				if in[filepath.Base(o)], err = os.ReadFile(o); err != nil {
					t.Fatal(err)
				}
			}
			if !replaced {
				t.Fatalf("replaces %s, which the organisation does not have", m.replaces)
			}
			_, diags := loadFiles(in)
			if len(diags) != 1 {
				t.Fatalf("want one problem, at %d:%d %s; got %d:\n%s", m.line, m.col, m.rule, len(diags), render(diags))
			}
			d := diags[0]
			if d.File != name || d.Line != m.line || d.Col != m.col || d.Rule != m.rule {
				t.Errorf("got  %s\nwant %s:%d:%d [%s]", d, name, m.line, m.col, m.rule)
			}
			for _, s := range m.says {
				if !strings.Contains(d.Message, s) {
					t.Errorf("the message does not say %q:\n%s", s, d.Message)
				}
			}
		})
	}
}
