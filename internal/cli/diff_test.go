package cli_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/golden"
)

// gitIn runs git in dir for a test, away from the user's and the system's
// configuration, and returns its output.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// exampleRepo makes a git repository holding a copy of the example
// organisation in agreements/, committed, and returns its folder.
func exampleRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "config", "user.name", "Test")
	gitIn(t, dir, "config", "user.email", "test@example.com")
	gitIn(t, dir, "config", "commit.gpgsign", "false")
	err := filepath.WalkDir(example, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(example, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		writeFiles(t, dir, map[string]string{filepath.Join("agreements", rel): string(data)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	commitAll(t, dir, "the example organisation")
	return dir
}

func commitAll(t *testing.T, dir, msg string) {
	t.Helper()
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "--allow-empty", "-m", msg)
}

// editFile replaces text in a file (old, new, old, new, ...); each old
// text must be there.
func editFile(t *testing.T, path string, pairs ...string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("%s does not contain %q", path, pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// changeExample makes, in the working tree, one change of many kinds to
// the example organisation, the way a pull request would.
func changeExample(t *testing.T, dir string) {
	t.Helper()
	a := filepath.Join(dir, "agreements")
	editFile(t, filepath.Join(a, "platform-requests.yaml"),
		// within loosened (4h → 8h), target tightened (80% → 85%)
		"      within: 4h\n", "      within: 8h\n",
		"      within: 40h\n      target: 80%", "      within: 40h\n      target: 85%",
		// a scope label added, and one only re-cased (no change)
		"exclude_labels: [duplicate, invalid]", "exclude_labels: [Duplicate, invalid, wontfix]",
		// an expectation reworded, one added
		"Acknowledge every request within 4 business hours.", "Acknowledge every request within 8 business hours.",
		"      - Close the request yourself if you no longer need it.\n",
		"      - Close the request yourself if you no longer need it.\n      - Say by when you need it, and why.\n")
	editFile(t, filepath.Join(a, "payments-integrations.yaml"),
		// a consumer removed, a target loosened, the same within spelled otherwise
		"consumers: [growth, mobile]", "consumers: [growth]",
		"      within: 30m\n      target: 95%", "      within: 30m\n      target: 90%",
		"      within: 1d\n", "      within: 24h\n")
	editFile(t, filepath.Join(a, "data-requests.yaml"),
		// an objective added, the window changed, within tightened
		"    - name: customer-reply", "    - name: urgent-first-response\n      metric: first_response\n      where: {labels: [P1]}\n      within: 2h\n      target: 95%\n      responders: maintainers\n    - name: customer-reply",
		"window: month", "window: quarter",
		"      within: 80h\n", "      within: 64h\n")
	editFile(t, filepath.Join(a, "security", "reviews.yaml"),
		// an objective removed (and the expectation that named it untied)
		"    - name: customer-reply\n      metric: label_time\n      label: waiting-on-customer\n      owner: consumers\n      within: 24h\n      target: 0.8\n", "",
		"      - text: Answer the reviewer's questions within three business days.\n        objective: customer-reply\n",
		"      - Answer the reviewer's questions within three business days.\n")
	editFile(t, filepath.Join(a, "calendars.yaml"),
		// the Berlin calendar's Friday and a holiday
		`fri: ["08:30-12:30", "13:30-15:30"]`, `fri: ["08:30-12:30", "13:30-16:30"]`,
		"    - 2026-12-31 # Silvester (company day off)\n", "")
	editFile(t, filepath.Join(a, "teams.yaml"),
		// a member of Security leaves, one joins
		"    - erik-jansen\n", "    - lena-vogel\n")
}

func TestDiffExample(t *testing.T) {
	dir := exampleRepo(t)
	changeExample(t, dir)

	r := runIn(t, dir, "diff", "HEAD")
	if r.code != cli.ExitOK || r.err != "" {
		t.Fatalf("want exit 0 and nothing on stderr:\n%s", r)
	}
	// The kinds of change made above, each as a reviewer reads it.
	for _, want := range []string{
		"platform-requests: first-response: within loosened from 4h to 8h\n",
		"platform-requests: resolution: target tightened from 80% to 85%\n",
		"payments-integrations: urgent-first-response: target loosened from 95% to 90%\n",
		"data-requests: resolution: within tightened from 80h to 64h\n",
		"payments-integrations: consumer removed: mobile\n",
		"data-requests: objective urgent-first-response added: first_response within 2h, target 95%\n",
		"security-reviews: objective customer-reply removed (was: label_time of waiting-on-customer within 24h, target 80%, owed by the consumers)\n",
		"data-requests: window changed from month to quarter\n",
		"platform-requests: scope.exclude_labels added wontfix\n",
		"platform-requests: calendar berlin-office: fri hours changed from 08:30-12:30, 13:30-15:30 to 08:30-12:30, 13:30-16:30\n",
		"security-reviews: calendar berlin-office: holidays removed 2026-12-31\n",
		"security-reviews: team security: members added lena-vogel; removed erik-jansen\n",
		`platform-requests: provider expectation reworded from "Acknowledge every request within 4 business hours." to "Acknowledge every request within 8 business hours."` + "\n",
		`platform-requests: consumers expectation added: "Say by when you need it, and why."` + "\n",
		`security-reviews: consumers expectation "Answer the reviewer's questions within three business days.": no longer tied to objective customer-reply` + "\n",
	} {
		if !strings.Contains(unwrapped(r.out), want) {
			t.Errorf("missing from the output: %s", want)
		}
	}
	// Spelled otherwise, the same: 1d is 24h under 24x7; Duplicate is duplicate.
	for _, not := range []string{"first-response: within", "duplicate"} {
		if strings.Contains(r.out, "payments-integrations: "+not) || strings.Contains(r.out, "added Duplicate") {
			t.Errorf("the output reports a change that is none (%s):\n%s", not, r.out)
		}
	}
	golden.Check(t, "diff-example.golden", []byte(r.out))

	md := runIn(t, dir, "diff", "HEAD", "-o", "markdown")
	if md.code != cli.ExitOK || md.err != "" {
		t.Fatalf("markdown: want exit 0:\n%s", md)
	}
	golden.Check(t, "diff-example-markdown.golden", []byte(md.out))

	js := runIn(t, dir, "diff", "HEAD", "-o", "json")
	if js.code != cli.ExitOK {
		t.Fatalf("json: want exit 0:\n%s", js)
	}
	var got struct {
		Base     string
		Commit   string
		Warnings []string
		Changes  []map[string]any
	}
	if err := json.Unmarshal([]byte(js.out), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, js.out)
	}
	if got.Base != "HEAD" || got.Commit != gitIn(t, dir, "rev-parse", "HEAD") || got.Warnings == nil || len(got.Warnings) != 0 {
		t.Errorf("base %q, commit %q, warnings %v: want HEAD, its commit and []", got.Base, got.Commit, got.Warnings)
	}
	if n := strings.Count(unwrapped(r.out), "\n"); len(got.Changes) != n {
		t.Errorf("%d changes in JSON, %d in the text", len(got.Changes), n)
	}
	i := slices.IndexFunc(got.Changes, func(c map[string]any) bool { return c["kind"] == "within-loosened" })
	if i < 0 {
		t.Fatalf("no within-loosened change in %v", got.Changes)
	}
	want := map[string]any{"agreement": "platform-requests", "kind": "within-loosened", "subject": "objectives.first-response.within",
		"before": "4h", "after": "8h", "direction": "loosened", "text": "first-response: within loosened from 4h to 8h"}
	for k, v := range want {
		if got.Changes[i][k] != v {
			t.Errorf("change %s = %v, want %v", k, got.Changes[i][k], v)
		}
	}

	// From a sub-folder, naming the folder as ".", it is the same diff.
	if sub := runIn(t, filepath.Join(dir, "agreements"), "diff", "HEAD", "."); sub.code != cli.ExitOK || sub.out != r.out {
		t.Errorf("from agreements/ with PATH .: want the same output:\n%s", sub)
	}

	// Committed, the working tree is the same as HEAD; HEAD~1 is the old one.
	commitAll(t, dir, "change the agreements")
	if r := runIn(t, dir, "diff", "HEAD"); r.code != cli.ExitOK || r.out != "no changes to agreements\n" || r.err != "" {
		t.Errorf("no changes: want exit 0 and \"no changes to agreements\":\n%s", r)
	}
	if again := runIn(t, dir, "diff", "HEAD~1"); again.code != cli.ExitOK || again.out != r.out {
		t.Errorf("diff HEAD~1 after the commit: want the same output as before:\n%s", again)
	}
	md = runIn(t, dir, "diff", "HEAD", "-o", "markdown")
	if md.out != "## Changes to agreements since HEAD\n\nNo changes to agreements.\n" {
		t.Errorf("markdown without changes:\n%s", md)
	}
}

func TestDiffAddedAndDeletedFiles(t *testing.T) {
	dir := exampleRepo(t)
	a := filepath.Join(dir, "agreements")
	if err := os.RemoveAll(filepath.Join(a, "security")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(a, "payments-integrations.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// A copy under another name in a new file, and in a hidden folder (not read).
	writeFiles(t, a, map[string]string{
		"new/mobile.yml":    strings.Replace(string(data), "name: payments-integrations", "name: mobile-integrations", 1),
		".drafts/x.yaml":    "not: [valid",
		"README.md":         "# not an agreement file",
		"payments-old.yaml": "# moved to payments-integrations.yaml\n",
	})
	r := runIn(t, dir, "diff", "HEAD")
	want := "mobile-integrations: agreement added: provider payments, consumers growth, mobile, 3 objectives (first-response, urgent-first-response, resolution)\n" +
		"security-reviews: agreement removed (was: provider security, consumers platform, payments, growth, data, mobile, 3 objectives (first-response, review-completed, customer-reply))\n"
	if r.code != cli.ExitOK || unwrapped(r.out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", r, want)
	}
	// A folder that is gone from the working tree was deleted; one that is
	// nowhere is a mistake.
	r = runIn(t, dir, "diff", "HEAD", "agreements/teams.yaml", "agreements/security")
	if r.code != cli.ExitOK || !strings.HasPrefix(r.out, "security-reviews: agreement removed") {
		t.Errorf("a deleted folder: want the agreement removed:\n%s", r)
	}
	r = runIn(t, dir, "diff", "HEAD", "agreements/nowhere")
	if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, "agreements/nowhere") {
		t.Errorf("a path that is nowhere: want exit 2 naming it:\n%s", r)
	}
}

func TestDiffInvalidBase(t *testing.T) {
	dir := exampleRepo(t)
	a := filepath.Join(dir, "agreements")
	// Commit a mistake: a typo'd field makes platform-requests unreadable,
	// and a within that is not a duration.
	editFile(t, filepath.Join(a, "platform-requests.yaml"), "  window: 28d\n", "  widow: 28d\n")
	editFile(t, filepath.Join(a, "data-requests.yaml"), "      within: 6h\n", "      within: 6 hours\n")
	commitAll(t, dir, "oops")
	gitIn(t, dir, "checkout", "-q", "HEAD~1", "--", "agreements")

	r := runIn(t, dir, "diff", "HEAD")
	if r.code != cli.ExitOK {
		t.Fatalf("an invalid base is still compared: want exit 0:\n%s", r)
	}
	want := "data-requests: first-response: within changed from 6 hours to 6h\n" +
		"platform-requests: agreement added: provider platform, consumers payments, growth, data, mobile, 6 objectives (first-response, urgent-first-response, resolution, urgent-resolution, customer-reply, satisfaction)\n"
	if unwrapped(r.out) != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.out, want)
	}
	if !strings.HasPrefix(r.err, "sla: warning: the agreements at HEAD are not valid (2 errors; the first: agreements/data-requests.yaml:") ||
		!strings.HasSuffix(r.err, "compared as far as they load; unreadable there: platform-requests\n") || strings.Count(r.err, "\n") != 1 {
		t.Errorf("stderr: want one warning line:\n%s", r.err)
	}
	md := runIn(t, dir, "diff", "HEAD", "-o", "markdown")
	if !strings.Contains(md.out, "\n> **Warning:** the agreements at HEAD are not valid") {
		t.Errorf("markdown: want the warning in the output too:\n%s", md.out)
	}
}

func TestDiffErrors(t *testing.T) {
	dir := exampleRepo(t)
	t.Run("unknown revision", func(t *testing.T) {
		r := runIn(t, dir, "diff", "no-such-branch")
		if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, `unknown revision "no-such-branch"`) {
			t.Errorf("want exit 2 naming the revision:\n%s", r)
		}
	})
	t.Run("not a repository", func(t *testing.T) {
		outside := t.TempDir()
		writeFiles(t, outside, map[string]string{"agreements/teams.yaml": teamsYAML})
		t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(outside))
		r := runIn(t, outside, "diff", "HEAD")
		if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, "not in a git repository") {
			t.Errorf("want exit 2 saying so:\n%s", r)
		}
	})
	t.Run("git not installed", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		r := runIn(t, dir, "diff", "HEAD")
		if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, "git is not installed") {
			t.Errorf("want exit 2 saying so:\n%s", r)
		}
	})
	t.Run("no revision", func(t *testing.T) {
		r := runIn(t, dir, "diff")
		if r.code != cli.ExitError || !strings.Contains(r.err, "BASE") {
			t.Errorf("want exit 2 asking for BASE:\n%s", r)
		}
	})
	t.Run("unknown format", func(t *testing.T) {
		r := runIn(t, dir, "diff", "HEAD", "-o", "html")
		if r.code != cli.ExitError || !strings.Contains(r.err, "text, markdown, json") {
			t.Errorf("want exit 2 listing the formats:\n%s", r)
		}
	})
	t.Run("outside the repository", func(t *testing.T) {
		r := runIn(t, dir, "diff", "HEAD", t.TempDir())
		if r.code != cli.ExitError || !strings.Contains(r.err, "outside the repository") {
			t.Errorf("want exit 2:\n%s", r)
		}
	})
	t.Run("invalid working tree", func(t *testing.T) {
		editFile(t, filepath.Join(dir, "agreements", "platform-requests.yaml"), "provider: platform", "provider: platfrom")
		defer gitIn(t, dir, "checkout", "-q", "--", "agreements")
		r := runIn(t, dir, "diff", "HEAD")
		if r.code != cli.ExitInvalid || r.out != "" || !strings.Contains(r.err, `provider "platfrom" is not a Team`) {
			t.Errorf("want exit 1 with the problems on stderr:\n%s", r)
		}
		// A git error wins over invalid agreements.
		if r := runIn(t, dir, "diff", "no-such-branch"); r.code != cli.ExitError {
			t.Errorf("unknown revision and invalid agreements: exit %d, want 2", r.code)
		}
	})
}

// unwrapped joins the lines of `sla diff`'s text back into one line a
// change: a change wider than 80 columns goes on, indented by two spaces,
// on the lines after it.
func unwrapped(out string) string { return strings.ReplaceAll(out, "\n  ", " ") }
