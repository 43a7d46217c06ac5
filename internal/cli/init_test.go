package cli_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/github/githubtest"
)

// listFiles lists the files under dir, relative and sorted.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// In an empty folder, sla init writes the agreements and the workflow;
// sla validate then finds no problem, not even a warning, and sla describe
// describes the agreement.
func TestInitThenValidateAndDescribe(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "agreements")
	r := run(t, "init", dir, "--provider", "search", "--consumer", "checkout", "--repo", "acme/search-requests", "--timezone", "Asia/Tokyo")
	if r.code != 0 || r.err != "" {
		t.Fatalf("sla init: %s", r)
	}
	want := []string{".github/workflows/agreements-pr.yml", "agreements/calendars.yaml", "agreements/search-requests.yaml",
		"agreements/sla-v1.schema.json", "agreements/teams.yaml"}
	if got := listFiles(t, root); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	for _, w := range want {
		if !strings.Contains(r.out, filepath.Join(root, w)) {
			t.Errorf("the output does not name %s:\n%s", w, r.out)
		}
	}
	for _, next := range []string{"sla validate " + dir, "sla describe " + dir, "sla check " + dir} {
		if !strings.Contains(r.out, next) {
			t.Errorf("the output does not say %q:\n%s", next, r.out)
		}
	}
	v := run(t, "validate", dir, "-o", "json")
	var got struct {
		Valid     bool  `json:"valid"`
		Documents int   `json:"documents"`
		Problems  []any `json:"problems"`
	}
	if err := json.Unmarshal([]byte(v.out), &got); err != nil || v.code != 0 || !got.Valid || got.Documents != 4 || len(got.Problems) != 0 {
		t.Fatalf("sla validate: %+v\n%s", got, v)
	}
	d := run(t, "describe", dir)
	if d.code != 0 || !strings.Contains(d.out, "## Requests to search (search-requests)") ||
		!strings.Contains(d.out, "issues in `acme/search-requests`") || !strings.Contains(d.out, "Asia/Tokyo") ||
		!strings.Contains(d.out, "90% of requests get a first response from search within 4 business hours") {
		t.Fatalf("sla describe:\n%s", d)
	}
}

// sla init never overwrites: when any file it would write exists, it
// names it, exits 2 and writes nothing at all.
func TestInitRefusesToOverwrite(t *testing.T) {
	t.Parallel()
	for _, existing := range []string{"agreements/teams.yaml", ".github/workflows/agreements-pr.yml"} {
		root := t.TempDir()
		writeFiles(t, root, map[string]string{existing: "mine\n"})
		r := run(t, "init", filepath.Join(root, "agreements"), "--timezone", "UTC")
		if r.code != 2 || !strings.Contains(r.err, filepath.Join(root, existing)+" exists already: nothing was written") || r.out != "" {
			t.Errorf("%s exists: %s", existing, r)
		}
		if got := listFiles(t, root); !slices.Equal(got, []string{existing}) {
			t.Errorf("%s exists: files now %v", existing, got)
		}
		if b, _ := os.ReadFile(filepath.Join(root, existing)); string(b) != "mine\n" {
			t.Errorf("%s was changed: %q", existing, b)
		}
	}
	// Leaving the workflow out, the agreements can go beside one.
	root := t.TempDir()
	writeFiles(t, root, map[string]string{".github/workflows/agreements-pr.yml": "mine\n"})
	if r := run(t, "init", filepath.Join(root, "agreements"), "--timezone", "UTC", "--no-workflow"); r.code != 0 || len(listFiles(t, root)) != 5 {
		t.Errorf("--no-workflow beside a workflow: %s\n%v", r, listFiles(t, root))
	}
}

func TestInitRefusesBadFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--provider", "Platform Team"}, `--provider "Platform Team": a team's name is lowercase letters`},
		{[]string{"--consumer", "platform"}, "a team is not its own consumer"},
		{[]string{"--repo", "https://github.com/acme/app"}, `--repo "https://github.com/acme/app" is not a repository`},
		{[]string{"--timezone", "CEST"}, `--timezone "CEST" is not a time zone`},
		{[]string{"--timezone", "Local"}, `--timezone "Local" is not a time zone`},
		{[]string{"--from-baseline", "acme"}, `--from-baseline "acme" is not a repository`},
	} {
		root := t.TempDir()
		r := run(t, append([]string{"init", filepath.Join(root, "agreements"), "--timezone", "UTC"}, tc.args...)...)
		if r.code != 2 || !strings.Contains(r.err, tc.msg) {
			t.Errorf("%v: want exit 2 with %q:\n%s", tc.args, tc.msg, r)
		}
		if files := listFiles(t, root); len(files) > 0 {
			t.Errorf("%v: wrote %v", tc.args, files)
		}
	}
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"agreements": "a file\n"})
	if r := run(t, "init", filepath.Join(root, "agreements")); r.code != 2 || !strings.Contains(r.err, "is a file, not a folder") {
		t.Errorf("a file in the way: %s", r)
	}
}

// Without --timezone, the zone is the machine's when $TZ names one.
func TestInitTimezoneFromTZ(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "agreements")
	r := runTerm(t, term{vars: map[string]string{"TZ": ":America/Sao_Paulo"}}, "init", dir, "--no-workflow")
	if r.code != 0 || !strings.Contains(r.out, "Business hours are in America/Sao_Paulo, this machine's time zone") {
		t.Fatalf("sla init: %s", r)
	}
	b, err := os.ReadFile(filepath.Join(dir, "calendars.yaml"))
	if err != nil || !strings.Contains(string(b), "timezone: America/Sao_Paulo\n") {
		t.Errorf("calendars.yaml:\n%s", b)
	}
}

// --from-baseline writes the 90% row of sla baseline, measured under the
// calendar it writes, from a snapshot or live.
func TestInitFromBaseline(t *testing.T) {
	t.Parallel()
	_, snap := writeBaselineData(t)
	root := t.TempDir()
	dir := filepath.Join(root, "agreements")
	r := run(t, "init", dir, "--from-baseline", "acme/app", "--timezone", "Europe/Berlin", "--weeks", "2", "--snapshot", snap)
	if r.code != 0 {
		t.Fatalf("sla init: %s", r)
	}
	b, err := os.ReadFile(filepath.Join(dir, "platform-requests.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The calendar written is TestBaselineHandComputed's office (weekdays
	// 09:00-17:00, Berlin): its proposals at 90% are 2h30m and 19h.
	for _, want := range []string{
		"repos: [acme/app]\n",
		"      # sla baseline of acme/app, 2 weeks to 2026-11-27: 90% met within 2h30m in 1 of 2 weeks\n      within: 2h30m # business time\n      target: 90%\n",
		"      # sla baseline of acme/app, 2 weeks to 2026-11-27: 90% met within 19h in 1 of 2 weeks\n      within: 19h # business time, from opening to the last close\n      target: 90%\n",
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the agreement lacks %q:\n%s", want, b)
		}
	}
	if !strings.Contains(r.out, "sla baseline acme/app --calendar platform-hours "+dir+" --weeks 2 --snapshot "+snap) {
		t.Errorf("the output does not say how to see the baseline:\n%s", r.out)
	}
	if v := run(t, "validate", dir); v.code != 0 || !strings.Contains(v.out, "no problems") {
		t.Errorf("sla validate: %s", v)
	}

	// Live, the same files.
	srv := githubtest.New(t, githubtest.WithToken(liveToken))
	srv.Load(baselineSnapshot())
	liveRoot := t.TempDir()
	live := runLiveAt(t, srv, filepath.Join(liveRoot, "cache"), baselineAt,
		"init", filepath.Join(liveRoot, "agreements"), "--from-baseline", "acme/app", "--timezone", "Europe/Berlin", "--weeks", "2", "-q")
	if live.code != 0 {
		t.Fatalf("live: %s", live)
	}
	if lb, _ := os.ReadFile(filepath.Join(liveRoot, "agreements", "platform-requests.yaml")); string(lb) != string(b) {
		t.Errorf("live:\n%s\nsnapshot:\n%s", lb, b)
	}

	// Nothing is fetched, and nothing written, when a file is in the way.
	srv.ResetRequests()
	again := runLiveAt(t, srv, filepath.Join(liveRoot, "cache"), baselineAt,
		"init", filepath.Join(liveRoot, "agreements"), "--from-baseline", "acme/app", "--timezone", "Europe/Berlin", "-q")
	if again.code != 2 || len(srv.Requests()) != 0 {
		t.Errorf("over existing files: %s\n%d requests", again, len(srv.Requests()))
	}
}

// docs/adopt.md shows sla init as it prints, run in an empty folder.
func TestInitDocsExample(t *testing.T) {
	args, want := docsExample(t, "adopt.md", "init")
	if r := runIn(t, t.TempDir(), args...); r.code != 0 || r.out != want {
		t.Errorf("docs/adopt.md shows:\n%s\nsla prints:\n%s", want, r)
	}
}

// Without an IANA name for the machine's zone, the hours are in UTC, and
// the output says how to choose. (Not parallel: it changes where sla
// looks for the machine's zone.)
func TestInitTimezoneUnknown(t *testing.T) {
	root := t.TempDir()
	cli.SetLocalTimeFile(t, filepath.Join(root, "no-localtime"))
	dir := filepath.Join(root, "agreements")
	r := runTerm(t, term{vars: map[string]string{"TZ": "CET-1CEST"}}, "init", dir, "--no-workflow")
	if r.code != 0 || !strings.Contains(r.out, "Business hours are in UTC: this machine's time zone has no IANA name. Choose one with --timezone") {
		t.Fatalf("sla init: %s", r)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "calendars.yaml")); !strings.Contains(string(b), "timezone: UTC\n") {
		t.Errorf("calendars.yaml:\n%s", b)
	}
}

// The flags of --from-baseline are refused without it: nothing would
// read them.
func TestInitBaselineFlagsNeedFromBaseline(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	r := run(t, "init", filepath.Join(root, "agreements"), "--timezone", "UTC", "--snapshot", "x.json.gz")
	if r.code != 2 || !strings.Contains(r.err, "--snapshot is for --from-baseline") || len(listFiles(t, root)) != 0 {
		t.Errorf("--snapshot without --from-baseline: %s", r)
	}
}
