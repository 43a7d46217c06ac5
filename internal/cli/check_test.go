package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/golden"
)

// checkExample runs `sla check` on the example with more arguments. Runs
// are remembered: several tests read the same report, and each run on the
// example costs a tenth of a second under the race detector.
func checkExample(t *testing.T, args ...string) result {
	t.Helper()
	key := strings.Join(args, "\x00")
	memo.Lock()
	m := memo.runs[key]
	if m == nil {
		m = &memoRun{}
		memo.runs[key] = m
	}
	memo.Unlock()
	m.once.Do(func() {
		m.r = run(t, append([]string{"check", example, "--snapshot", exampleSnapshot, "--at", exampleAt}, args...)...)
	})
	return m.r
}

type memoRun struct {
	once sync.Once
	r    result
}

var memo = struct {
	sync.Mutex
	runs map[string]*memoRun
}{runs: map[string]*memoRun{}}

// checkJSON is the part of `check -o json` these tests read.
type checkJSON struct {
	EvaluatedAt string `json:"evaluated_at"`
	Agreements  []struct {
		Name       string `json:"name"`
		Objectives []struct {
			Name     string `json:"name"`
			Status   string `json:"status"`
			Complete bool   `json:"complete"`
		} `json:"objectives"`
	} `json:"agreements"`
	Summary struct {
		Objectives int `json:"objectives"`
		Met        int `json:"met"`
		AtRisk     int `json:"at_risk"`
		Breached   int `json:"breached"`
		NoData     int `json:"no_data"`
	} `json:"summary"`
	Incomplete []string `json:"incomplete"`
}

func parseCheck(t *testing.T, r result) checkJSON {
	t.Helper()
	var doc checkJSON
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("stdout is not the JSON report: %v\n%s", err, r)
	}
	return doc
}

func TestCheckExample(t *testing.T) {
	t.Parallel()
	r := checkExample(t)
	if r.code != cli.ExitOK {
		t.Fatalf("want exit 0:\n%s", r)
	}
	if r.err != "" {
		t.Errorf("stderr = %q, want nothing", r.err)
	}
	golden.Check(t, "check-example.golden", []byte(r.out))
	if !strings.HasPrefix(r.out, "AGREEMENT / OBJECTIVE ") ||
		!strings.HasSuffix(r.out, " without data\n(as of 2026-11-27 09:00 UTC)\n") {
		t.Errorf("not the table:\n%s", r.out)
	}
	for _, name := range []string{"data-requests", "payments-integrations", "platform-requests", "security-reviews"} {
		if !strings.Contains(r.out, "\n"+name+": ") {
			t.Errorf("agreement %s missing from the table", name)
		}
	}
	// Not a terminal: no colour.
	if strings.Contains(r.out, "\x1b[") {
		t.Errorf("colour on a non-terminal")
	}

}

// --at is the evaluation instant; without it, the snapshot's fetch time.
// On the small organisation: acme/good#1 was opened at 23:00 the day
// before the fetch and never answered, so at the fetch (10h) it has
// breached 4h, and at midnight (1h) it is pending.
func TestCheckAt(t *testing.T) {
	t.Parallel()
	agreements, snap := smallOrg(t, false)
	statuses := func(args ...string) string {
		t.Helper()
		r := run(t, append([]string{"check", agreements, "--snapshot", snap, "-o", "json", "--agreement", "requests"}, args...)...)
		if r.code != cli.ExitOK {
			t.Fatalf("%v: want exit 0:\n%s", args, r)
		}
		doc := parseCheck(t, r)
		o := doc.Agreements[0].Objectives[0]
		return doc.EvaluatedAt + " " + o.Status
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "2026-11-27T09:00:00Z breached"},
		{[]string{"--at", "2026-11-27T09:00:00Z"}, "2026-11-27T09:00:00Z breached"},
		{[]string{"--at", "2026-11-27T00:00:00Z"}, "2026-11-27T00:00:00Z no_data"}, // 1 pending clock, no samples
		{[]string{"--at", "2026-11-27T01:00:00+01:00"}, "2026-11-27T00:00:00Z no_data"},
	} {
		if got := statuses(tc.args...); got != tc.want {
			t.Errorf("%v: got %q, want %q", tc.args, got, tc.want)
		}
	}
}

func TestCheckJSON(t *testing.T) {
	t.Parallel()
	r := checkExample(t, "-o", "json")
	if r.code != cli.ExitOK {
		t.Fatalf("want exit 0:\n%s", r)
	}
	doc := parseCheck(t, r)
	if doc.EvaluatedAt != exampleAt {
		t.Errorf("evaluated_at = %q", doc.EvaluatedAt)
	}
	n := 0
	for _, a := range doc.Agreements {
		n += len(a.Objectives)
	}
	s := doc.Summary
	if len(doc.Agreements) != 4 || n != s.Objectives || s.Objectives != s.Met+s.AtRisk+s.Breached+s.NoData || s.Breached == 0 {
		t.Errorf("%d agreements, %d objectives, summary %+v", len(doc.Agreements), n, s)
	}
}

func TestCheckOneAgreement(t *testing.T) {
	t.Parallel()
	r := checkExample(t, "--agreement", "platform-requests")
	if r.code != cli.ExitOK {
		t.Fatalf("want exit 0:\n%s", r)
	}
	if !strings.Contains(r.out, "\nplatform-requests: ") {
		t.Errorf("platform-requests missing:\n%s", r.out)
	}
	for _, other := range []string{"data-requests", "payments-integrations", "security-reviews"} {
		if strings.Contains(r.out, other) {
			t.Errorf("%s shown with --agreement platform-requests:\n%s", other, r.out)
		}
	}
	if !strings.Contains(r.out, "\n6 objectives: ") {
		t.Errorf("want the 6 objectives of platform-requests:\n%s", r.out)
	}
	// The rows are those of the whole report.
	all := checkExample(t).out
	for _, line := range strings.Split(strings.TrimSpace(r.out), "\n")[1:7] {
		if !strings.Contains(all, "\n"+line+"\n") {
			t.Errorf("row %q differs from the whole report's", line)
		}
	}
}

func TestCheckUnknownAgreement(t *testing.T) {
	t.Parallel()
	r := checkExample(t, "--agreement", "platfrom")
	want := `sla: no agreement named "platfrom" (did you mean "platform-requests"?)` + "\n"
	if r.code != cli.ExitError || r.out != "" || r.err != want {
		t.Errorf("--agreement platfrom: want exit 2, no output, stderr %q:\n%s", want, r)
	}
	// Nothing close: the names there are (on the small organisation).
	agreements, snap := smallOrg(t, false)
	r = run(t, "check", agreements, "--snapshot", snap, "--agreement", "zzz")
	want = `sla: no agreement named "zzz"; agreements: requests, mixed` + "\n"
	if r.code != cli.ExitError || r.out != "" || r.err != want {
		t.Errorf("--agreement zzz: want exit 2, no output, stderr %q:\n%s", want, r)
	}
}

// The example has breached objectives and an at-risk one; --fail-on
// breached counts the breached, at_risk both; never, none.
func TestCheckFailOn(t *testing.T) {
	t.Parallel()
	doc := parseCheck(t, checkExample(t, "-o", "json"))
	s := doc.Summary
	if s.Breached == 0 || s.AtRisk == 0 || s.NoData == 0 {
		t.Fatalf("the example should have breached, at-risk and no-data objectives: %+v", s)
	}
	table := checkExample(t).out
	for _, tc := range []struct {
		failOn  string
		code    int
		message string
	}{
		{"never", cli.ExitOK, ""},
		{"breached", cli.ExitInvalid, fmt.Sprintf("sla: %d objective(s) breached (--fail-on breached)\n", s.Breached)},
		// at_risk trips on breached too; no_data never trips (the count
		// would be one more).
		{"at_risk", cli.ExitInvalid, fmt.Sprintf("sla: %d objective(s) breached or at risk (--fail-on at_risk)\n", s.Breached+s.AtRisk)},
	} {
		t.Run(tc.failOn, func(t *testing.T) {
			t.Parallel()
			r := checkExample(t, "--fail-on", tc.failOn)
			if r.code != tc.code || r.err != tc.message {
				t.Errorf("--fail-on %s: want exit %d and stderr %q:\n%s", tc.failOn, tc.code, tc.message, r)
			}
			// The report is printed either way.
			if r.out != table {
				t.Errorf("--fail-on %s changed the report", tc.failOn)
			}
		})
	}
	if r := checkExample(t, "--fail-on", "sometimes"); r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, `--fail-on "sometimes"`) {
		t.Errorf("--fail-on sometimes:\n%s", r)
	}
}

// Refusals: exit 2, one line on stderr, nothing on stdout. They run on
// the small organisation of smallOrg (its data from 2026-09-28T09:00:00Z
// to 2026-11-27T09:00:00Z), where they cost nothing.
func TestCheckRefuses(t *testing.T) {
	t.Parallel()
	agreements, snap := smallOrg(t, false)
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.json.gz")
	if err := os.WriteFile(corrupt, []byte("\x1f\x8b\x08\x00garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	damaged := damagedAtItsEnd(t, snap)
	notJSON := filepath.Join(dir, "notes.json")
	if err := os.WriteFile(notJSON, []byte("issues: many\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want []string // on stderr
	}{
		{"at after the fetch", []string{"--snapshot", snap, "--at", "2026-11-27T09:00:01Z"},
			[]string{"--at 2026-11-27T09:00:01Z is after the snapshot was fetched (2026-11-27T09:00:00Z)"}},
		{"at a date", []string{"--snapshot", snap, "--at", "2026-11-27"},
			[]string{`--at "2026-11-27" is not an RFC 3339 time`}},
		{"at without zone", []string{"--snapshot", snap, "--at", "2026-11-27T09:00:00"},
			[]string{"is not an RFC 3339 time"}},
		// A 28-day window and no effective_from: 2026-10-10 − 28d =
		// 2026-09-12, before the data.
		{"window before since", []string{"--snapshot", snap, "--at", "2026-10-10T00:00:00Z"},
			[]string{"requests/first-response needs data from 2026-09-12T00:00:00Z", "only from 2026-09-28T09:00:00Z", "fetch with --since 2026-09-12"}},
		{"missing snapshot", []string{"--snapshot", filepath.Join(dir, "none.json.gz")}, []string{"none.json.gz", "no such file"}},
		{"corrupt snapshot", []string{"--snapshot", corrupt}, []string{corrupt + ": ", "not a readable snapshot", "gzip"}},
		{"not a snapshot", []string{"--snapshot", notJSON}, []string{notJSON + ": ", "not a readable snapshot"}},
		{"damaged at its end", []string{"--snapshot", damaged}, []string{damaged + ": ", "not a readable snapshot", "gzip: invalid checksum"}},
		{"damaged at its end, in JSON", []string{"--snapshot", damaged, "-o", "json"}, []string{damaged + ": ", "gzip: invalid checksum"}},
		{"unknown format", []string{"--snapshot", snap, "-o", "xml"}, []string{`unknown output format "xml"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, append([]string{"check", agreements}, tc.args...)...)
			if r.code != cli.ExitError {
				t.Errorf("exit %d, want 2", r.code)
			}
			if r.out != "" {
				t.Errorf("stdout = %q, want nothing (nothing evaluated)", r.out)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.err, w) {
					t.Errorf("stderr does not say %q:\n%s", w, r.err)
				}
			}
			if strings.Count(r.err, "\n") != 1 || !strings.HasPrefix(r.err, "sla: ") {
				t.Errorf("stderr should be one line:\n%s", r.err)
			}
		})
	}
	// The same instant as the fetch is fine: the data are complete to it.
	if r := run(t, "check", agreements, "--snapshot", snap, "--at", "2026-11-27T09:00:00Z"); r.code != cli.ExitOK {
		t.Errorf("--at the fetch time:\n%s", r)
	}
}

// Invalid agreements: exit 1, problems on stderr, nothing evaluated (the
// snapshot is a good one).
func TestCheckInvalidAgreements(t *testing.T) {
	t.Parallel()
	dir := writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "agreement.yaml": referenceYAML})
	r := run(t, "check", dir, "--snapshot", exampleSnapshot, "--at", exampleAt)
	if r.code != cli.ExitInvalid {
		t.Errorf("exit %d, want 1", r.code)
	}
	if r.out != "" {
		t.Errorf("stdout = %q, want nothing evaluated", r.out)
	}
	for _, w := range []string{"agreement.yaml:5:", `"platfrom"`, "nothing was evaluated"} {
		if !strings.Contains(r.err, w) {
			t.Errorf("stderr does not say %q:\n%s", w, r.err)
		}
	}
	// Even with a corrupt snapshot the agreements are judged first (exit 1,
	// not 2: the snapshot is never read).
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "check", dir, "--snapshot", bad); r.code != cli.ExitInvalid || r.out != "" {
		t.Errorf("invalid agreements and a corrupt snapshot:\n%s", r)
	}
}

// A repository that could not be fetched: its objectives are evaluated,
// marked incomplete, exit 3; --fail-on trips (exit 1) only on a complete
// objective (precedence 2, then 1, then 3: SPEC §5).
func TestCheckIncomplete(t *testing.T) {
	t.Parallel()
	agreements, snap := smallOrg(t, true)
	check := func(args ...string) result {
		return run(t, append([]string{"check", agreements, "--snapshot", snap}, args...)...)
	}

	r := check()
	if r.code != cli.ExitIncomplete {
		t.Errorf("exit %d, want 3:\n%s", r.code, r)
	}
	if !strings.Contains(r.err, "some repositories could not be read") {
		t.Errorf("stderr does not say the result is incomplete:\n%s", r.err)
	}
	// requests: 1 breached of 1, complete; mixed: the same clock, but
	// acme/bad is missing.
	lines := strings.Split(r.out, "\n")
	var mixed, requests string
	for i, l := range lines {
		if strings.HasPrefix(l, "mixed: ") && i+1 < len(lines) {
			mixed = lines[i+1]
		}
		if strings.HasPrefix(l, "requests: ") && i+1 < len(lines) {
			requests = lines[i+1]
		}
	}
	if !strings.HasSuffix(mixed, " breached*") || !strings.HasSuffix(requests, " breached") {
		t.Errorf("want mixed marked incomplete, requests not:\n%s", r.out)
	}
	if !strings.Contains(r.out, "* incomplete: acme/bad could not be read") {
		t.Errorf("no footnote naming acme/bad:\n%s", r.out)
	}

	j := parseCheck(t, check("-o", "json"))
	complete := map[string]bool{}
	for _, a := range j.Agreements {
		complete[a.Name] = a.Objectives[0].Complete
	}
	if !complete["requests"] || complete["mixed"] || len(complete) != 2 {
		t.Errorf("complete = %v, want requests only", complete)
	}
	if len(j.Incomplete) != 1 || j.Incomplete[0] != "acme/bad" {
		t.Errorf("incomplete = %q", j.Incomplete)
	}

	// requests is breached and complete: --fail-on trips, 1 before 3.
	if r := check("--fail-on", "breached"); r.code != cli.ExitInvalid || !strings.Contains(r.err, "1 objective(s) breached") {
		t.Errorf("--fail-on breached with a complete breached objective: want exit 1:\n%s", r)
	}
	// mixed alone is breached but incomplete: it does not trip.
	if r := check("--fail-on", "breached", "--agreement", "mixed"); r.code != cli.ExitIncomplete {
		t.Errorf("--fail-on breached on an incomplete objective: want exit 3:\n%s", r)
	}
	// requests alone is complete: no incompleteness to report.
	if r := check("--agreement", "requests"); r.code != cli.ExitOK {
		t.Errorf("--agreement requests: want exit 0:\n%s", r)
	}
	// The same data with acme/bad read: complete, exit 0 (1 with --fail-on).
	agreements, snap = smallOrg(t, false)
	if r := check(); r.code != cli.ExitOK || strings.Contains(r.out, "*") {
		t.Errorf("acme/bad read: want exit 0 and nothing incomplete:\n%s", r)
	}
	if r := check("--fail-on", "breached", "--agreement", "mixed"); r.code != cli.ExitInvalid {
		t.Errorf("acme/bad read, --fail-on breached: want exit 1:\n%s", r)
	}
	agreements, snap = smallOrg(t, true)
	// A usage error beats both: 2.
	if r := check("--fail-on", "breached", "--at", "2026-11-28T00:00:00Z"); r.code != cli.ExitError {
		t.Errorf("--at after the fetch with an incomplete snapshot: want exit 2:\n%s", r)
	}
}

// explainExample runs `sla explain REF` on the example.
func explainExample(t *testing.T, ref string, args ...string) result {
	t.Helper()
	return run(t, append([]string{"explain", ref, example, "--snapshot", exampleSnapshot}, args...)...)
}

// Three issues that together show what explain is for: a reopen and a
// breach with its due time (#818), a pause while waiting on the customer
// and an objective at risk with its due time (#463), a P1 measured around
// the clock and kept out of the business-hours resolution (#1); each has
// objectives that do not measure it, and says why.
func TestExplainGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n    int
		want []string
	}{
		{818, []string{"  closed\n", "stopped Fri Nov 20 14:39:02 CET: closed by", "→ breached\n    was due Fri Nov 20 09:58:02 CET\n", `not measured: it lacks the label "P1"`}},
		{463, []string{"  paused (waiting-on-customer)\n", "at risk (half of within used)\n    due ", "label removed", `not measured: it lacks the label "P1"`}},
		{1, []string{`not measured: it has the excluded label "P1"`, "24x7: every hour counts; times in UTC", "no clock: the issue never carried the label"}},
	} {
		ref := fmt.Sprintf("acme/platform-requests#%d", tc.n)
		t.Run(ref, func(t *testing.T) {
			t.Parallel()
			r := explainExample(t, ref, "--at", exampleAt)
			if r.code != cli.ExitOK || r.err != "" {
				t.Fatalf("want exit 0 and no stderr:\n%s", r)
			}
			golden.Check(t, fmt.Sprintf("explain-platform-requests-%d.golden", tc.n), []byte(r.out))
			for _, w := range tc.want {
				if !strings.Contains(r.out, w) {
					t.Errorf("explanation does not show %q", w)
				}
			}
		})
	}
}

// An issue's address, as a lead copies it from the browser, explains the
// issue as OWNER/REPO#N does, when it is on the GitHub whose data sla
// reads; an address elsewhere is refused before anything is read.
func TestExplainAddresses(t *testing.T) {
	t.Parallel()
	agreements, snap := smallOrg(t, false)
	data := smallData(false)
	data.Repos[0].HTMLURL = "https://ghe.example.com/acme/good"
	enterprise := writeSnapshot(t, data)
	for _, tc := range []struct {
		args   []string
		refuse string // "": explained as acme/good#1
	}{
		{[]string{"https://github.com/acme/good/issues/1#issuecomment-7", "--snapshot", snap}, ""},
		{[]string{"https://github.com/acme/good/pull/1/files", "--snapshot", snap}, ""},
		{[]string{"https://ghe.example.com/acme/good/issues/1", "--snapshot", snap, "--github-url", "https://ghe.example.com/api/v3"}, ""},
		// A snapshot's issues are where its addresses say.
		{[]string{"https://ghe.example.com/acme/good/issues/1", "--snapshot", enterprise}, ""},
		{[]string{"https://gitlab.com/acme/good/issues/1", "--snapshot", enterprise},
			"https://gitlab.com/acme/good/issues/1 is an address on gitlab.com, but the issues sla reads are on github.com or ghe.example.com"},
		{[]string{"https://ghe.example.com/acme/good/issues/1", "--snapshot", snap},
			"is an address on ghe.example.com, but the issues sla reads are on github.com: give the issue as OWNER/REPO#NUMBER or by its address there; " +
				"for a GitHub Enterprise Server on ghe.example.com, give its API: --github-url https://ghe.example.com/api/v3 (or GITHUB_API_URL)"},
		// Live, it is refused before any request (tests reach nothing but
		// loopback, and would say so).
		{[]string{"https://ghe.example.com/acme/good/issues/1", "--no-cache"}, "is an address on ghe.example.com, but the issues sla reads are on github.com"},
		{[]string{"https://github.com/acme/good/tree/main", "--snapshot", snap},
			`"https://github.com/acme/good/tree/main" is not an issue: write OWNER/REPO#NUMBER, e.g. acme/platform-requests#12, ` +
				"or the address of the issue or pull request, https://github.com/OWNER/REPO/issues/NUMBER"},
	} {
		r := run(t, append([]string{"explain", tc.args[0], agreements}, tc.args[1:]...)...)
		if tc.refuse != "" {
			if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, tc.refuse) || strings.Contains(r.err, "test tried to reach") {
				t.Errorf("%v: want exit 2 saying %q, and no request:\n%s", tc.args, tc.refuse, r)
			}
			continue
		}
		if want := run(t, append([]string{"explain", "acme/good#1", agreements}, tc.args[1:]...)...); r.code != cli.ExitOK || r.out != want.out || r.err != "" {
			t.Errorf("%v: want what acme/good#1 gives:\n%s\n%s", tc.args, r, want)
		}
	}
	// Live, the address is on the host of the API sla reads.
	srv := fakeGitHub(t, smallData(false))
	host := strings.TrimPrefix(strings.TrimSuffix(srv.URL, "/"), "http://")
	live := runLive(t, srv, t.TempDir(), "explain", "acme/good#1", agreements)
	if r := runLive(t, srv, t.TempDir(), "explain", "http://"+host+"/acme/good/issues/1", agreements); r.code != cli.ExitOK || live.code != cli.ExitOK || r.out != live.out {
		t.Errorf("live, an address on the API's host:\n%s\nwant what acme/good#1 gives:\n%s", r, live)
	}
}

func TestExplainRefuses(t *testing.T) {
	t.Parallel()
	agreements, snap := smallOrg(t, false)
	for _, tc := range []struct {
		ref  string
		want string
	}{
		{"acme/good#2", "the snapshot has no issue acme/good#2"},
		{"acme/elsewhere#1", "the snapshot has no repository acme/elsewhere"},
		{"acme#1", `"acme#1" is not an issue: write OWNER/REPO#NUMBER`},
		{"acme/x#0", `"acme/x#0" is not an issue`},
		{"acme/x", `"acme/x" is not an issue`},
		{"acme/x#-3", `"acme/x#-3" is not an issue`},
		{"acme/x#1x", `"acme/x#1x" is not an issue`},
		{"a/b/c#1", `"a/b/c#1" is not an issue`},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			r := run(t, "explain", tc.ref, agreements, "--snapshot", snap)
			if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, tc.want) {
				t.Errorf("want exit 2, no output, stderr with %q:\n%s", tc.want, r)
			}
		})
	}
	// The issue that is there, and check's refusals, shared.
	if r := run(t, "explain", "acme/good#1", agreements, "--snapshot", snap); r.code != cli.ExitOK ||
		!strings.HasPrefix(r.out, `acme/good#1 "Help"`) {
		t.Errorf("acme/good#1:\n%s", r)
	}
	if r := run(t, "explain", "acme/good#1", agreements, "--snapshot", snap, "--at", "2026-12-01T00:00:00Z"); r.code != cli.ExitError ||
		!strings.Contains(r.err, "after the snapshot was fetched") {
		t.Errorf("--at after the fetch:\n%s", r)
	}
	// Without --snapshot it reads GitHub; where GitHub cannot be reached,
	// it says which repository and why, and explains nothing.
	if r := run(t, "explain", "acme/good#1", agreements, "--no-cache"); r.code != cli.ExitError || r.out != "" ||
		!strings.Contains(r.err, "sla: acme/good: test tried to reach api.github.com") {
		t.Errorf("no --snapshot, no GitHub:\n%s", r)
	}
}
