package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/cli"
)

// readmeCommand is one line of a README block: sla's arguments, and the
// file its output is redirected to ("" for none).
type readmeCommand struct {
	line     string
	args     []string
	redirect string
}

// readmeBlock returns the commands of the first sh block under a README
// heading. A command is `sla ARGS... [> FILE] [# comment]`: anything a
// shell would read differently from words split at spaces (quotes,
// variables, pipes) fails the test, so that what runs here is what the
// README says.
func readmeBlock(t *testing.T, heading string) []readmeCommand {
	t.Helper()
	md, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)\n## " + regexp.QuoteMeta(heading) + "\n.*?```sh\n(.*?)```").FindSubmatch(md)
	if m == nil {
		t.Fatalf("README.md has no sh block under %q", heading)
	}
	var out []readmeCommand
	for line := range strings.Lines(string(m[1])) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := readmeCommand{line: line}
		words := strings.Fields(line)
		for i := 0; i < len(words); i++ {
			w := words[i]
			switch {
			case strings.HasPrefix(w, "#"):
				i = len(words)
			case w == ">" && i+1 < len(words):
				c.redirect = words[i+1]
				i++
			case strings.ContainsAny(w, "'\"$`|&;<>(){}*?\\"):
				t.Fatalf("README %q: %q is more than a word; keep the block's commands plain so this test runs them as written", heading, line)
			default:
				c.args = append(c.args, w)
			}
		}
		if len(c.args) == 0 || c.args[0] != "sla" {
			t.Fatalf("README %q: %q does not run sla", heading, line)
		}
		c.args = c.args[1:]
		out = append(out, c)
	}
	return out
}

// Every command of the README's "Try every command on the example" runs
// offline (tests cannot reach GitHub: see testEnv), as written, from the
// repository's root, and exits 0 with output. The block keeps a command
// for each thing the README promises to show.
func TestReadmeTryBlock(t *testing.T) {
	commands := readmeBlock(t, "Try every command on the example")
	for _, want := range []string{"check", "check --details", "check --by consumer", "check --trend 12", "explain", "due", "kudos",
		"describe", "report -o html", "diff", "codeowners", "baseline"} {
		found := false
		for _, c := range commands {
			found = found || strings.HasPrefix(strings.Join(c.args, " ")+" ", want+" ")
		}
		if !found {
			t.Errorf("the README's try block has no `sla %s`", want)
		}
	}
	hasParent := exec.Command("git", "-C", "../..", "rev-parse", "-q", "--verify", "HEAD~1^{commit}").Run() == nil
	t.Chdir("../..") // where a reader of the README runs them
	for _, c := range commands {
		t.Run(strings.Join(c.args[:min(2, len(c.args))], " "), func(t *testing.T) {
			t.Parallel() // with each other, in the folder their parent moved to
			if c.args[0] == "diff" && !hasParent {
				t.Skipf("%s: this clone has no parent commit to compare with (a shallow clone?)", c.line)
			}
			var out, errOut bytes.Buffer
			code := cli.Main(c.args, testEnv(&out, &errOut, term{}))
			if code != 0 || out.Len() == 0 {
				t.Errorf("%s: exit %d, %d bytes of output\n%s", c.line, code, out.Len(), errOut.String())
			}
			if c.redirect == "report.html" && !bytes.HasPrefix(bytes.ToLower(out.Bytes()), []byte("<!doctype html>")) {
				t.Errorf("%s: not an HTML page", c.line)
			}
		})
	}
}
