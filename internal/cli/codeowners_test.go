package cli_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/golden"
)

// In the example organisation, Growth and Mobile have no github_team:
// their members own by login, with no warning. The shared teams.yaml and
// calendars.yaml are owned by the providers whose agreements use them.
func TestCodeownersExample(t *testing.T) {
	dir := exampleRepo(t)
	r := runIn(t, dir, "codeowners")
	if r.code != cli.ExitOK || r.err != "" {
		t.Fatalf("want exit 0 and nothing on stderr:\n%s", r)
	}
	golden.Check(t, "codeowners-example.golden", []byte(r.out))
	for _, want := range []string{
		// berlin-office: platform-requests and security-reviews; new-york-office: data-requests.
		"\n/agreements/calendars.yaml @acme/data @acme/platform @acme/security\n",
		// Every team is a party of some provider's agreement: all four providers.
		"\n/agreements/teams.yaml @acme/data @acme/payments @acme/platform @acme/security\n",
		// Growth (amelie-roux, sam-okafor, lucas-ferreira, hana-sato) by login, after the provider.
		"\n/agreements/payments-integrations.yaml @acme/payments @amelie-roux @sam-okafor @lucas-ferreira @hana-sato",
	} {
		if !strings.Contains(r.out, want) {
			t.Errorf("no %q in:\n%s", want, r.out)
		}
	}

	// From a sub-folder, paths are still from the repository root.
	if sub := runIn(t, filepath.Join(dir, "agreements", "security"), "codeowners", ".."); sub.code != cli.ExitOK || sub.out != r.out {
		t.Errorf("from agreements/security with PATH ..: want the same lines:\n%s", sub)
	}
}

func TestCodeownersCheck(t *testing.T) {
	dir := exampleRepo(t)
	block := runIn(t, dir, "codeowners").out
	// The user's own lines around the generated block are theirs.
	writeFiles(t, dir, map[string]string{".github/CODEOWNERS": "# Owners\n* @acme/maintainers\n/docs/ @acme/docs\n\n" + block})

	r := runIn(t, dir, "codeowners", "--check", ".github/CODEOWNERS")
	if r.code != cli.ExitOK || r.out != ".github/CODEOWNERS is up to date: 6 files with the owners the agreements give them\n" ||
		r.err != "" {
		t.Errorf("up to date: want exit 0:\n%s", r)
	}

	// Data becomes a consumer of payments-integrations; security/reviews.yaml
	// moves; Platform's line is edited by hand.
	a := filepath.Join(dir, "agreements")
	editFile(t, filepath.Join(a, "payments-integrations.yaml"), "consumers: [growth, mobile]", "consumers: [growth, mobile, data]")
	gitIn(t, dir, "mv", "agreements/security/reviews.yaml", "agreements/security-reviews.yaml")
	platformLine := regexp.MustCompile(`(?m)^/agreements/platform-requests\.yaml .*$`).FindString(block)
	editFile(t, filepath.Join(a, "..", ".github", "CODEOWNERS"), platformLine, "/agreements/platform-requests.yaml @acme/platform")
	r = runIn(t, dir, "codeowners", "--check", ".github/CODEOWNERS")
	// Growth and Mobile own by their members' logins.
	const growth, mobile = "@amelie-roux @sam-okafor @lucas-ferreira @hana-sato", "@chloe-martin @ravi-iyer @jonas-weber"
	want := `.github/CODEOWNERS is out of date with the agreements (3 problems):
different:  /agreements/payments-integrations.yaml @acme/payments ` + growth + " " + mobile + ` @acme/data
            line 9 has: /agreements/payments-integrations.yaml @acme/payments ` + growth + " " + mobile + `
different:  /agreements/platform-requests.yaml @acme/platform @acme/payments ` + growth + " @acme/data " + mobile + `
            line 10 has: /agreements/platform-requests.yaml @acme/platform
missing:    /agreements/security-reviews.yaml @acme/security @acme/platform @acme/payments ` + growth + " @acme/data " + mobile + `
            now decided by line 2: * @acme/maintainers
Regenerate the block with ` + "`sla codeowners`" + ` and replace the old one.
`
	if r.code != cli.ExitInvalid || r.out != want {
		t.Errorf("stale: want exit 1 and the lines to fix:\n%s\nwant stdout:\n%s", r, want)
	}

	// A later line of the user's that takes the files over.
	dir2 := exampleRepo(t)
	paths := []string{"agreements/data-requests.yaml", "agreements/teams.yaml", "agreements/calendars.yaml"}
	// Two header lines, then calendars.yaml, data-requests.yaml, teams.yaml:
	// the user's line is line 6.
	writeFiles(t, dir2, map[string]string{"CODEOWNERS": runIn(t, dir2, append([]string{"codeowners"}, paths...)...).out + "/agreements/ @acme/sla-admins\n"})
	r = runIn(t, dir2, append([]string{"codeowners", "--check", "CODEOWNERS"}, paths...)...)
	if r.code != cli.ExitInvalid || !strings.Contains(r.out, "(3 problems)") ||
		!strings.Contains(r.out, "overridden: /agreements/data-requests.yaml @acme/data @amelie-roux") ||
		!strings.Contains(r.out, "overridden: /agreements/teams.yaml @acme/data\n") ||
		!strings.Contains(r.out, "line 6 comes later and decides: /agreements/ @acme/sla-admins") ||
		!strings.Contains(r.out, "`sla codeowners agreements/data-requests.yaml agreements/teams.yaml agreements/calendars.yaml`") {
		t.Errorf("overridden: want exit 1 saying which line wins:\n%s", r)
	}
}

func TestCodeownersErrors(t *testing.T) {
	dir := exampleRepo(t)
	t.Run("no such CODEOWNERS", func(t *testing.T) {
		r := runIn(t, dir, "codeowners", "--check", "CODEOWNERS")
		if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, "CODEOWNERS") {
			t.Errorf("want exit 2 naming the file:\n%s", r)
		}
	})
	t.Run("not a repository", func(t *testing.T) {
		outside := t.TempDir()
		writeFiles(t, outside, map[string]string{"agreements/teams.yaml": teamsYAML, "agreements/a.yaml": agreementYAML})
		t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(outside))
		r := runIn(t, outside, "codeowners")
		if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, "not in a git repository") {
			t.Errorf("want exit 2 saying so:\n%s", r)
		}
	})
	t.Run("invalid agreements", func(t *testing.T) {
		writeFiles(t, dir, map[string]string{"agreements/bad.yaml": strings.Replace(referenceYAML, "platform-requests", "bad", 1)})
		r := runIn(t, dir, "codeowners")
		if r.code != cli.ExitInvalid || r.out != "" || !strings.Contains(r.err, `provider "platfrom" is not a Team`) {
			t.Errorf("want exit 1 with the problems on stderr:\n%s", r)
		}
	})
}
