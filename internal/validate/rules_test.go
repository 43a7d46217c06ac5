package validate

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

// A rule case is a YAML file under testdata/rules, loaded together with
// testdata/base.yaml. Comments in it say which diagnostics must come out of
// it, and no others:
//
//	  provider: platfrom
//	#           ^ unknown-reference      (line above, column of the caret)
//	# want 5:1 team-without-members      (explicit line and column)
//	# want-file empty-file               (a problem of the whole file)
var (
	caretWant = regexp.MustCompile(`^\s*#(\s*)\^ ([a-z0-9-]+)`)
	posWant   = regexp.MustCompile(`^# want (\d+):(\d+) ([a-z0-9-]+)`)
	fileWant  = regexp.MustCompile(`^# want-file ([a-z0-9-]+)`)
)

type want struct {
	line, col int
	rule      diag.Rule
}

func (w want) String() string { return fmt.Sprintf("%d:%d %s", w.line, w.col, w.rule) }

func parseWants(t *testing.T, data []byte) []want {
	t.Helper()
	var wants []want
	lastCode := 0
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		if m := caretWant.FindStringSubmatch(line); m != nil {
			col := strings.Index(line, "^") + 1
			wants = append(wants, want{lastCode, col, diag.Rule(m[2])})
			continue
		}
		if m := posWant.FindStringSubmatch(line); m != nil {
			l, _ := strconv.Atoi(m[1])
			c, _ := strconv.Atoi(m[2])
			wants = append(wants, want{l, c, diag.Rule(m[3])})
			continue
		}
		if m := fileWant.FindStringSubmatch(line); m != nil {
			wants = append(wants, want{0, 0, diag.Rule(m[1])})
			continue
		}
		lastCode = n
	}
	return wants
}

// checkCase loads a case file with the base organisation and compares the
// diagnostics in the case file with what it wants.
func checkCase(t *testing.T, name string, data []byte) {
	t.Helper()
	base, err := os.ReadFile("testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, diags := loadFiles(map[string][]byte{"base.yaml": base, name: data})
	_ = set
	var got []want
	for _, d := range diags {
		if d.File != name {
			t.Errorf("unexpected diagnostic outside the case: %s", d)
			continue
		}
		if !isRule(d.Rule) {
			t.Errorf("diagnostic with an unregistered rule id: %s", d)
		}
		got = append(got, want{d.Line, d.Col, d.Rule})
	}
	wants := parseWants(t, data)
	if len(wants) == 0 && len(got) == 0 {
		t.Fatalf("%s wants nothing: a case must want at least one diagnostic", name)
	}
	sortWants(wants)
	sortWants(got)
	if !slices.Equal(got, wants) {
		t.Errorf("%s:\n got  %v\n want %v\ndiagnostics:\n%s", name, got, wants, render(diags))
	}
}

func sortWants(w []want) {
	slices.SortFunc(w, func(a, b want) int {
		if a.line != b.line {
			return a.line - b.line
		}
		if a.col != b.col {
			return a.col - b.col
		}
		return cmp.Compare(a.rule, b.rule)
	})
}

func render(l diag.List) string {
	var b bytes.Buffer
	for _, d := range l {
		fmt.Fprintln(&b, d)
	}
	return b.String()
}

// loadFiles loads in-memory files as one run would load them from disk.
func loadFiles(files map[string][]byte) (*agreement.Set, diag.List) {
	var all diag.List
	merged := &agreement.Set{Sources: map[string][]byte{}}
	for _, name := range slices.Sorted(mapsKeys(files)) {
		set, diags := agreement.LoadBytes(name, files[name])
		all = append(all, diags...)
		merged.Merge(set)
	}
	all = append(all, Check(merged)...)
	return merged, all.Sort()
}

func mapsKeys(m map[string][]byte) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func isRule(id diag.Rule) bool {
	return slices.ContainsFunc(Rules, func(r Rule) bool { return r.ID == id })
}

func TestRuleCases(t *testing.T) {
	files, err := filepath.Glob("testdata/rules/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule cases: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkCase(t, filepath.Base(f), data)
		})
	}
}

// TestEveryRuleHasACase holds the registry, the cases and the generated
// hostile inputs to each other: a rule without a test fails here.
func TestEveryRuleHasACase(t *testing.T) {
	covered := map[diag.Rule]bool{}
	files, _ := filepath.Glob("testdata/rules/*.yaml")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for _, w := range parseWants(t, data) {
			covered[w.rule] = true
		}
	}
	for _, c := range generatedCases() {
		covered[c.rule] = true
	}
	for _, c := range fileSystemCases {
		covered[c.rule] = true
	}
	seen := map[diag.Rule]bool{}
	for _, r := range Rules {
		if seen[r.ID] {
			t.Errorf("rule %s is registered twice", r.ID)
		}
		seen[r.ID] = true
		if !covered[r.ID] {
			t.Errorf("rule %s has no case in testdata/rules and no generated case", r.ID)
		}
	}
}

// TestEveryRuleIsDocumented holds docs/format.md to the registry: each rule
// id has its own section there, and the doc names no rule that does not
// exist.
func TestEveryRuleIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	headings := regexp.MustCompile("(?m)^### `([a-z0-9-]+)`").FindAllSubmatch(doc, -1)
	documented := map[diag.Rule]bool{}
	for _, h := range headings {
		documented[diag.Rule(h[1])] = true
	}
	for _, r := range Rules {
		if !documented[r.ID] {
			t.Errorf("rule %s has no section \"### `%s`\" in docs/format.md", r.ID, r.ID)
		}
	}
	for id := range documented {
		if !isRule(id) {
			t.Errorf("docs/format.md documents rule %s, which does not exist", id)
		}
	}
}
