package cli_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The examples of docs/check.md and docs/due.md are what sla prints on the
// example, run from the repository's root as written. A block that leaves
// lines out (a line "…") must show the others in the order sla prints
// them; one without must be the whole output.
func TestDocsExamplesAreTrue(t *testing.T) {
	const snap = " --snapshot internal/demodata/example.json.gz"
	examples := []struct{ page, command string }{
		{"check.md", "check" + snap},
		{"check.md", "check" + snap + " --agreement platform-requests --details"},
		{"check.md", "check" + snap + " --team platform --by consumer"},
		{"check.md", "check" + snap + " --trend 12 --agreement platform-requests"},
		{"check.md", "explain acme/data-requests#26" + snap},
		{"due.md", "due --team platform" + snap + " --at 2026-11-27T09:00:00Z"},
	}
	pages := map[string]string{}
	for _, e := range examples {
		if _, ok := pages[e.page]; !ok {
			md, err := os.ReadFile("../../docs/" + e.page)
			if err != nil {
				t.Fatal(err)
			}
			pages[e.page] = string(md)
		}
	}
	t.Chdir("../..") // where the docs' commands run
	for _, e := range examples {
		t.Run(e.command, func(t *testing.T) {
			t.Parallel()
			m := regexp.MustCompile("(?s)```text\n\\$ sla " + regexp.QuoteMeta(e.command) + "\n(.*?)```").FindStringSubmatch(pages[e.page])
			if m == nil {
				t.Fatalf("docs/%s has no example of `sla %s`", e.page, e.command)
			}
			shown := m[1]
			r := run(t, strings.Fields(e.command)...)
			if r.code != 0 {
				t.Fatalf("exit %d:\n%s", r.code, r)
			}
			if !strings.Contains(shown, "…\n") {
				if r.out != shown {
					t.Errorf("docs/%s shows:\n%s\nsla prints:\n%s", e.page, shown, r.out)
				}
				return
			}
			out := strings.Split(r.out, "\n")
			at := 0
			for line := range strings.Lines(shown) {
				line = strings.TrimSuffix(line, "\n")
				if strings.TrimSpace(line) == "…" {
					continue
				}
				for at < len(out) && out[at] != line {
					at++
				}
				if at == len(out) {
					t.Errorf("docs/%s shows %q, which sla does not print there:\n%s", e.page, line, r.out)
					return
				}
				at++
			}
		})
	}
}
