package cli_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/cli"
)

// A flag with a fixed set of values refuses another one while the command
// line is parsed, and an unknown --agreement or --team as soon as the
// agreements are read: nothing is fetched for a command that will fail
// (`check --by bogus` used to fail only after reading GitHub). Each
// refusal is one line naming what there is.
func TestRefusedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--by", "bogus"}, `sla: --by "bogus": use consumer or repo` + "\n"},
		{[]string{"check", "--fail-on", "sometimes"}, `sla: --fail-on "sometimes": use one of never, breached, at_risk` + "\n"},
		{[]string{"check", "-o", "xml"}, `sla: unknown output format "xml": use one of table, markdown, json, csv` + "\n"},
		{[]string{"due", "-o", "csv"}, `sla: unknown output format "csv": use one of table, markdown, json` + "\n"},
		{[]string{"report", "-o", "pdf"}, `sla: unknown output format "pdf": use html (sla check writes table, markdown, json and csv)` + "\n"},
		{[]string{"check", "--agreement", "platfrom"}, `sla: no agreement named "platfrom" (did you mean "platform-requests"?)` + "\n"},
		{[]string{"due", "--team", "platfrom"}, `sla: no team named "platfrom" (did you mean "platform"?)` + "\n"},
		{[]string{"report", "--team", "zzz"}, `sla: no team named "zzz"; teams: platform, payments` + "\n"},
		// The tests' now is 2026-11-27T00:00:00Z: GitHub has nothing later.
		{[]string{"check", "--at", "2026-11-27T00:00:01Z"}, "sla: --at 2026-11-27T00:00:01Z is in the future\n"},
		{[]string{"fetch", "--out", "x.json", "--at", "2026-11-28T00:00:00+01:00"}, "sla: --at 2026-11-27T23:00:00Z is in the future\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Parallel()
			srv := fakeGitHub(t, nil)
			agreements := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "agreement.yaml": agreementYAML})
			r := runLive(t, srv, t.TempDir(), append(append([]string{}, tc.args[0], agreements), tc.args[1:]...)...)
			if r.code != cli.ExitError || r.out != "" || r.err != tc.want {
				t.Errorf("want exit 2, nothing on stdout, stderr %q:\n%s", tc.want, r)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests to GitHub for a command that fails", n)
			}
		})
	}
}

// Invalid agreements stop `due --apply-label` before it asks GitHub whose
// the token is; the agreements are read once, and judged before the label.
func TestDueApplyLabelOnInvalidAgreements(t *testing.T) {
	t.Parallel()
	srv := fakeGitHub(t, nil)
	agreements := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "agreement.yaml": referenceYAML})
	r := runLive(t, srv, t.TempDir(), "due", agreements, "--apply-label", "sla-due", "--yes")
	if r.code != cli.ExitInvalid || !strings.Contains(r.err, "the agreements are invalid: nothing was evaluated") {
		t.Errorf("want exit 1 for the invalid agreements:\n%s", r)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests to GitHub for invalid agreements", n)
	}
}

// The shell completes every enum flag with its values, and every
// --agreement and --team with the names in the files on the command line.
func TestCompletionOfValuesAndNames(t *testing.T) {
	t.Parallel()
	agreements := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "agreement.yaml": agreementYAML})
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"check", "--by", ""}, []string{"consumer", "repo"}},
		{[]string{"check", "--fail-on", ""}, []string{"never", "breached", "at_risk"}},
		{[]string{"check", "-o", ""}, []string{"table", "markdown", "json", "csv"}},
		{[]string{"diff", "-o", ""}, []string{"text", "markdown", "json"}},
		{[]string{"report", "-o", ""}, []string{"html"}},
		{[]string{"check", agreements, "--agreement", ""}, []string{"platform-requests"}},
		{[]string{"due", agreements, "--agreement", ""}, []string{"platform-requests"}},
		{[]string{"report", agreements, "--team", ""}, []string{"platform", "payments"}},
		{[]string{"check", agreements, "--team", ""}, []string{"platform", "payments"}},
		{[]string{"due", agreements, "--team", ""}, []string{"platform", "payments"}},
	} {
		r := run(t, append([]string{"__complete"}, tc.args...)...)
		got := strings.Split(r.out, "\n")
		if r.code != cli.ExitOK || len(got) != len(tc.want)+2 { // the values, the directive, and an empty last line
			t.Errorf("%v: got\n%s", tc.args, r)
			continue
		}
		for i, w := range tc.want {
			if got[i] != w {
				t.Errorf("%v: completion %d is %q, want %q", tc.args, i, got[i], w)
			}
		}
	}
}

// Invalid agreements stop every command that reads them the same way,
// before any issue data: the problems on stderr, a line saying what was
// not done, exit 1, nothing on stdout.
func TestInvalidAgreementsStopEveryCommand(t *testing.T) {
	t.Parallel()
	srv := fakeGitHub(t, nil)
	agreements := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "agreement.yaml": referenceYAML})
	for _, tc := range []struct {
		args  []string
		stops string
	}{
		{[]string{"check", agreements}, "nothing was evaluated"},
		{[]string{"explain", "acme/requests#1", agreements}, "nothing was evaluated"},
		{[]string{"due", agreements}, "nothing was evaluated"},
		{[]string{"report", agreements}, "nothing was evaluated"},
		{[]string{"fetch", agreements, "--out", filepath.Join(t.TempDir(), "x.json")}, "nothing was fetched"},
		{[]string{"describe", agreements}, "nothing was described"},
	} {
		r := runLive(t, srv, t.TempDir(), tc.args...)
		want := "sla: the agreements are invalid: " + tc.stops + " (see `sla validate`)\n"
		if r.code != cli.ExitInvalid || r.out != "" || !strings.Contains(r.err, `provider "platfrom" is not a Team`) || !strings.HasSuffix(r.err, want) {
			t.Errorf("%s: want exit 1, the problem and %q on stderr:\n%s", tc.args[0], want, r)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests to GitHub for invalid agreements", n)
	}
}

// completed runs `sla __complete args...` and returns the values offered
// and the directive (4: no file names; 0: the shell's default, files).
func completed(t *testing.T, run func(args ...string) result, args ...string) ([]string, string) {
	t.Helper()
	r := run(append([]string{"__complete"}, args...)...)
	lines := strings.Split(strings.TrimSuffix(r.out, "\n"), "\n")
	if r.code != cli.ExitOK || len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], ":") {
		t.Fatalf("__complete %v:\n%s", args, r)
	}
	return lines[:len(lines)-1], lines[len(lines)-1]
}

// explain's issue completes from the snapshots on the command line, with
// each issue's title; without one, with nothing (not file names).
func TestCompletionOfIssues(t *testing.T) {
	t.Parallel()
	agreements, snap := smallOrg(t, false)
	// A second part, as a sharded fetch writes: another repository.
	data := smallData(false)
	data.Repos = data.Repos[:1]
	data.Repos[0].Name = "acme/other"
	data.Repos[0].Issues[0].Number, data.Repos[0].Issues[0].Title = 12, "Tab\there"
	more := writeSnapshot(t, data)
	complete := func(args ...string) result { return run(t, args...) }
	for _, tc := range []struct {
		args      []string
		want      []string
		directive string
	}{
		{[]string{"explain", "--snapshot", snap, ""}, []string{"acme/good#1\tHelp"}, ":4"},
		{[]string{"explain", "--snapshot", snap, "--snapshot", more, "acme/"}, []string{"acme/good#1\tHelp", `acme/other#12` + "\t" + `Tab\there`}, ":4"},
		{[]string{"explain", "--snapshot", snap, "--snapshot", more, "acme/o"}, []string{`acme/other#12` + "\t" + `Tab\there`}, ":4"},
		{[]string{"explain", "--snapshot", snap, "acme/bad"}, nil, ":4"},
		{[]string{"explain", ""}, nil, ":4"},
		{[]string{"explain", "--snapshot", filepath.Join(t.TempDir(), "gone.json"), ""}, nil, ":4"},
		{[]string{"explain", "acme/good#1", "--snapshot", snap, agreements[:len(agreements)-1]}, nil, ":0"}, // PATH...
	} {
		got, directive := completed(t, complete, tc.args...)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") || directive != tc.directive {
			t.Errorf("%q: got %q %s, want %q %s", tc.args, got, directive, tc.want, tc.directive)
		}
	}
}

// diff's BASE completes with HEAD~1, HEAD and the branches and tags of
// the repository sla runs in, the most recent first; outside one, with
// nothing. (It changes the working directory: not parallel.)
func TestCompletionOfRevisions(t *testing.T) {
	dir := exampleRepo(t)
	gitIn(t, dir, "branch", "-M", "main")
	gitIn(t, dir, "tag", "v1.0")
	gitIn(t, dir, "checkout", "-q", "-b", "feature")
	commitAll(t, dir, "a later commit")
	inRepo := func(args ...string) result { return runIn(t, dir, args...) }
	for _, tc := range []struct {
		args      []string
		want      []string
		directive string
	}{
		{[]string{"diff", ""}, []string{"HEAD~1", "HEAD", "feature", "main", "v1.0"}, ":4"},
		{[]string{"diff", "-o", "json", "v"}, []string{"v1.0"}, ":4"},
		{[]string{"diff", "HEAD"}, []string{"HEAD~1", "HEAD"}, ":4"},
		{[]string{"diff", "main", "agr"}, nil, ":0"}, // PATH...
	} {
		got, directive := completed(t, inRepo, tc.args...)
		if !slices.Equal(got, tc.want) || directive != tc.directive {
			t.Errorf("%q: got %q %s, want %q %s", tc.args, got, directive, tc.want, tc.directive)
		}
	}
	t.Setenv("GIT_CEILING_DIRECTORIES", os.TempDir())
	outside := t.TempDir()
	if got, directive := completed(t, func(args ...string) result { return runIn(t, outside, args...) }, "diff", ""); len(got) != 0 || directive != ":4" {
		t.Errorf("outside a repository: got %q %s, want nothing and :4", got, directive)
	}
}
