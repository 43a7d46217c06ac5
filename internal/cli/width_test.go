package cli_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/text"
)

// Every output of the example meant for reading on a terminal fits 80
// columns, counted as a terminal counts them (text.Width: wide characters
// two, combining marks none): the README's commands that print tables and
// explanations, and the variants the docs show. Not checked: Markdown
// (describe, -o markdown), whose paragraphs are lines a renderer wraps;
// CODEOWNERS rules, each one line however many owners it names; HTML.
func TestExampleOutputsFit80Columns(t *testing.T) {
	const snap = "internal/demodata/example.json.gz"
	var runs [][]string
	for _, c := range readmeBlock(t, "Try every command on the example") {
		switch c.args[0] {
		case "check", "explain", "due", "validate", "diff":
			runs = append(runs, c.args)
		}
	}
	runs = append(runs,
		[]string{"check", "--trend", "12", "--details", "--snapshot", snap},
		[]string{"check", "--by", "repo", "--snapshot", snap},
		[]string{"due", "--snapshot", snap},
		[]string{"due", "--within", "8h", "--snapshot", snap},
		[]string{"explain", "acme/data-requests#27", "--snapshot", snap},     // paused now, at risk
		[]string{"explain", "acme/payments-sdk#29", "--snapshot", snap},      // around the clock
		[]string{"explain", "acme/security-reviews#152", "--snapshot", snap}, // closed and reopened across a DST change
	)
	if len(runs) < 12 {
		t.Fatalf("only %d commands: has the README's try block lost its check, explain and due?", len(runs))
	}
	hasParent := exec.Command("git", "-C", "../..", "rev-parse", "-q", "--verify", "HEAD~1^{commit}").Run() == nil
	t.Chdir("../..") // where the README's commands run
	for _, args := range runs {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			if args[0] == "diff" && !hasParent {
				t.Skip("this clone has no parent commit to compare with")
			}
			r := run(t, args...)
			if r.code != 0 || r.out == "" {
				t.Fatalf("want exit 0 and output:\n%s", r)
			}
			for i, line := range strings.Split(r.out+r.err, "\n") {
				if n := text.Width(line); n > text.Columns {
					t.Errorf("line %d is %d columns wide: %q", i+1, n, line)
				}
			}
		})
	}
}
