package cli_test

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

// The scenarios the tests share: organisations, issue data, a fake GitHub
// serving them, and sla run against it.

// The example issue data, and the instant `make demo` evaluates it at (its
// fetch time).
const (
	exampleSnapshot = "../demodata/example.json.gz"
	exampleAt       = "2026-11-27T09:00:00Z"
)

// liveToken is the token of the tests' fake GitHub.
const liveToken = "ghp_LIVEtestTOKEN_0123456789abcdef"

// exampleData is the example issue data, read once: tests share it and
// must not change it.
func exampleData(t *testing.T) *snapshot.Snapshot {
	t.Helper()
	exampleRead.once.Do(func() { exampleRead.data, exampleRead.err = snapshot.ReadFile(exampleSnapshot) })
	if exampleRead.err != nil {
		t.Fatal(exampleRead.err)
	}
	return exampleRead.data
}

var exampleRead struct {
	once sync.Once
	data *snapshot.Snapshot
	err  error
}

// exampleSample is an eighth of the example issue data: every eighth issue
// of each repository (by number) and those named in keep ("owner/name#N"),
// with their comments and events, over the same period and teams. The
// example's agreements measure it as they measure the example, over
// several pages of each list of the largest repository, at an eighth of
// the cost of reading it from the fake GitHub.
func exampleSample(t *testing.T, keep ...string) *snapshot.Snapshot {
	t.Helper()
	ex := exampleData(t)
	out := &snapshot.Snapshot{FetchedAt: ex.FetchedAt, Since: ex.Since, Teams: ex.Teams, TeamETags: ex.TeamETags, Checkins: ex.Checkins}
	for _, r := range ex.Repos {
		kept := map[int]bool{}
		s := &snapshot.Repo{Name: r.Name, HTMLURL: r.HTMLURL}
		for _, is := range r.Issues {
			if is.Number%8 == 0 || containsRef(keep, r.Name, is.Number) {
				kept[is.Number] = true
				s.Issues = append(s.Issues, is)
			}
		}
		for _, c := range r.Comments {
			if kept[c.Issue] {
				s.Comments = append(s.Comments, c)
			}
		}
		for _, e := range r.Events {
			if kept[e.Issue] {
				s.Events = append(s.Events, e)
			}
		}
		out.Repos = append(out.Repos, s)
	}
	return out
}

func containsRef(refs []string, repo string, number int) bool {
	return slices.Contains(refs, repo+"#"+strconv.Itoa(number))
}

// writeSnapshot writes issue data to a new file, and returns its path.
func writeSnapshot(t *testing.T, s *snapshot.Snapshot) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "issues.json.gz")
	if err := snapshot.WriteFile(path, s, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// fakeGitHub serves issue data as GitHub would, to liveToken.
func fakeGitHub(t *testing.T, data *snapshot.Snapshot, opts ...githubtest.Option) *githubtest.Server {
	t.Helper()
	srv := githubtest.New(t, append([]githubtest.Option{githubtest.WithToken(liveToken)}, opts...)...)
	if data != nil {
		srv.Load(data)
	}
	return srv
}

// liveFake serves the example organisation's issue data as GitHub would.
func liveFake(t *testing.T) *githubtest.Server {
	t.Helper()
	return fakeGitHub(t, exampleData(t))
}

// runLive runs sla against the fake GitHub, with the token in the variable
// Actions on Enterprise Server would use and a private cache folder.
func runLive(t *testing.T, srv *githubtest.Server, cache string, args ...string) result {
	t.Helper()
	return runLiveAt(t, srv, cache, time.Time{}, args...)
}

// runLiveAt is runLive with the clock at now (zero: the tests' clock).
func runLiveAt(t *testing.T, srv *githubtest.Server, cache string, now time.Time, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := testEnv(&out, &errOut, term{vars: map[string]string{
		"GITHUB_API_URL": srv.URL, "GITHUB_TOKEN": liveToken, "XDG_CACHE_HOME": cache,
	}})
	if !now.IsZero() {
		env.Now = func() time.Time { return now }
	}
	env.Sleep = func(context.Context, time.Duration) error { return nil } // retries and waits, without waiting
	code := cli.Main(args, env)
	r := result{code, out.String(), errOut.String()}
	if strings.Contains(r.out+r.err, liveToken) {
		t.Errorf("the token appears in the output:\n%s", r)
	}
	return r
}

// writeOrg writes agreement files (relative name → contents) into a new
// folder, and returns the folder.
func writeOrg(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return dir
}

// smallAgreements measure acme/good (both) and acme/bad (mixed), 24x7.
const smallAgreements = `apiVersion: sla/v1
kind: Agreement
metadata: {name: requests}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope:
    repos: [acme/good]
  objectives:
    - name: first-response
      metric: first_response
      within: 4h
      target: 90%
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: mixed}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope:
    repos: [acme/good, acme/bad]
  objectives:
    - name: first-response
      metric: first_response
      within: 4h
      target: 90%
`

// smallData is the issue data of the small organisation, fetched at
// 2026-11-27T09:00:00Z, 60 days deep: acme/good holds one issue nobody
// has answered for 10 hours (a breach of 4h, 24x7); acme/bad holds
// nothing, or, if it failed, could not be fetched.
func smallData(failed bool) *snapshot.Snapshot {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	bad := &snapshot.Repo{Name: "acme/bad", HTMLURL: "https://github.com/acme/bad"}
	if failed {
		bad.Error = "403 Forbidden: Resource not accessible by integration"
	}
	return &snapshot.Snapshot{
		FetchedAt: at,
		Since:     at.AddDate(0, 0, -60),
		Teams:     map[string][]string{},
		Repos: []*snapshot.Repo{
			{Name: "acme/good", HTMLURL: "https://github.com/acme/good", Issues: []snapshot.Issue{
				{Number: 1, Title: "Help", Author: "carol", CreatedAt: at.Add(-10 * time.Hour), Labels: []string{}},
			}},
			bad,
		},
	}
}

// smallOrg writes smallAgreements (with the teams of cli_test.go) and
// smallData to a snapshot file.
func smallOrg(t *testing.T, failed bool) (agreements, snap string) {
	t.Helper()
	return writeOrg(t, map[string]string{"teams.yaml": teamsYAML, "agreements.yaml": smallAgreements}), writeSnapshot(t, smallData(failed))
}
