package cli_test

import (
	"os"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/cli"
)

// The example organisation described, as internal/describe's golden file
// has it: the command adds nothing to the package's Markdown.
func TestDescribeExample(t *testing.T) {
	t.Parallel()
	want, err := os.ReadFile("../describe/testdata/example.md")
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, "describe", example)
	if r.code != cli.ExitOK || r.err != "" {
		t.Fatalf("want exit 0 and nothing on stderr:\n%s", r)
	}
	if r.out != string(want) {
		t.Errorf("stdout differs from ../describe/testdata/example.md:\n%s", r)
	}
}

func TestDescribeOneAgreement(t *testing.T) {
	t.Parallel()
	r := run(t, "describe", example, "--agreement", "platform-requests")
	if r.code != cli.ExitOK || r.err != "" {
		t.Fatalf("want exit 0:\n%s", r)
	}
	if !strings.HasPrefix(r.out, "## Requests to Platform Engineering (platform-requests)\n") || strings.Count(r.out, "\n## ") != 0 {
		t.Errorf("want platform-requests alone:\n%s", r)
	}
	// The teams and calendar of the other files still resolve.
	for _, w := range []string{"Platform Engineering (platform;", "Berlin office hours (berlin-office): Mon–Thu"} {
		if !strings.Contains(r.out, w) {
			t.Errorf("stdout does not say %q:\n%s", w, r.out)
		}
	}
}

func TestDescribeUnknownAgreement(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, want string }{
		{"platfrom", `no agreement named "platfrom" (did you mean "platform-requests"?)`},
		{"data-request", `(did you mean "data-requests"?)`},
		{"zzz", "agreements: data-requests, payments-integrations, platform-requests, security-reviews"},
	} {
		r := run(t, "describe", example, "--agreement", tc.name)
		if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, tc.want) {
			t.Errorf("--agreement %s: want exit 2, nothing on stdout and %q on stderr:\n%s", tc.name, tc.want, r)
		}
	}
}

// Invalid agreements: exit 1, the problems on stderr, nothing described.
func TestDescribeInvalid(t *testing.T) {
	t.Parallel()
	dir := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "agreement.yaml": referenceYAML})
	r := run(t, "describe", dir)
	if r.code != cli.ExitInvalid || r.out != "" {
		t.Errorf("want exit 1 and nothing on stdout:\n%s", r)
	}
	for _, w := range []string{"agreement.yaml:5:13: error:", `"platfrom"`, "nothing was described"} {
		if !strings.Contains(r.err, w) {
			t.Errorf("stderr does not say %q:\n%s", w, r.err)
		}
	}
	// Invalid files are reported before an unknown --agreement.
	if r := run(t, "describe", dir, "--agreement", "nope"); r.code != cli.ExitInvalid {
		t.Errorf("invalid files and an unknown agreement: want exit 1:\n%s", r)
	}
}

func TestDescribeDefaultFolderAndWarnings(t *testing.T) {
	dir := writeOrg(t, map[string]string{
		"agreements/teams.yaml": teamsYAML + "---\n" + duplicateMemberYAML, // a warning: still described
		"agreements/sla.yaml":   agreementYAML,
	})
	r := runIn(t, dir, "describe")
	if r.code != cli.ExitOK || r.err != "" {
		t.Fatalf("want exit 0, warnings not printed:\n%s", r)
	}
	want := "## platform-requests\n\n- **Provider:** platform (2 members)\n- **Consumer:** payments (1 member)\n"
	if !strings.HasPrefix(r.out, want) {
		t.Errorf("stdout does not start with %q:\n%s", want, r)
	}
}

func TestDescribeNothingToDescribe(t *testing.T) {
	t.Parallel()
	dir := writeOrg(t, map[string]string{"teams.yaml": teamsYAML})
	r := run(t, "describe", dir)
	if r.code != cli.ExitOK || r.out != "" || !strings.Contains(r.err, "no agreements") {
		t.Errorf("want exit 0, nothing on stdout and a note on stderr:\n%s", r)
	}
	if r := run(t, "describe", dir, "--agreement", "x"); r.code != cli.ExitError || !strings.Contains(r.err, "hold no agreements") {
		t.Errorf("--agreement without agreements: want exit 2 saying there are none:\n%s", r)
	}
}

func TestDescribeMissingPath(t *testing.T) {
	t.Parallel()
	r := run(t, "describe", "no/such/folder")
	if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, "no/such/folder") {
		t.Errorf("want exit 2 naming the path:\n%s", r)
	}
}

func TestDescribeHelp(t *testing.T) {
	t.Parallel()
	r := run(t, "describe", "--help")
	for _, w := range []string{"Examples:", "sla describe --agreement platform-requests", "--agreement string"} {
		if r.code != cli.ExitOK || !strings.Contains(r.out, w) {
			t.Errorf("help does not say %q:\n%s", w, r)
		}
	}
	// --agreement completes with the names in the files given.
	r = run(t, "__complete", "describe", example, "--agreement", "")
	for _, n := range []string{"data-requests", "platform-requests", "security-reviews"} {
		if !strings.Contains(r.out, n+"\n") {
			t.Errorf("completing --agreement does not offer %s:\n%s", n, r)
		}
	}
}
