package cli_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

// The same numbers whether the data comes live, from the cache, or
// through a snapshot: the report is byte for byte the example's. Each way
// reads the example from a fake GitHub of its own, side by side with the
// others.
func TestLiveAndSnapshotAgree(t *testing.T) {
	t.Parallel()
	at := "2026-11-27T00:00:00Z" // the test clock's now
	want := run(t, "check", example, "--snapshot", exampleSnapshot, "--at", at, "-o", "json")
	if want.code != 0 {
		t.Fatalf("check on the example: %s", want)
	}

	t.Run("fetched, then updated", func(t *testing.T) {
		t.Parallel()
		srv := liveFake(t)
		dir := t.TempDir()
		cache := filepath.Join(dir, "cache")
		fetched := filepath.Join(dir, "fetched.json.gz")
		if r := runLive(t, srv, cache, "fetch", example, "--out", fetched, "-q"); r.code != 0 {
			t.Fatalf("fetch: %s", r)
		}
		sameReport(t, "fetched snapshot", want, run(t, "check", example, "--snapshot", fetched, "-o", "json"))

		// --update of the fetched snapshot when nothing changed: the same
		// numbers, for one 304 per stream and team (5 repositories × 3
		// streams + 4 teams), and for the check-ins the list of check-in
		// issues and a 304 for each one's comments (2): 22.
		srv.ResetRequests()
		if r := runLive(t, srv, cache, "fetch", example, "--update", fetched, "-q"); r.code != 0 {
			t.Fatalf("update: %s", r)
		}
		if n := len(srv.Requests()); n != 22 {
			t.Errorf("%d requests for an update with nothing changed, want 22", n)
		}
		sameReport(t, "updated snapshot", want, run(t, "check", example, "--snapshot", fetched, "-o", "json"))
		noTokenOnDisk(t, dir)
	})

	t.Run("live, cold cache then warm", func(t *testing.T) {
		t.Parallel()
		srv := liveFake(t)
		cache := t.TempDir()
		sameReport(t, "cold cache", want, runLive(t, srv, cache, "check", example, "-o", "json", "-q", "--at", at))
		srv.ResetRequests()
		sameReport(t, "warm cache", want, runLive(t, srv, cache, "check", example, "-o", "json", "-q", "--at", at))
		// 5 repositories × 3 streams + 4 teams, every one a 304.
		reqs := srv.Requests()
		if len(reqs) != 19 {
			t.Errorf("%d requests on an unchanged re-run, want 19", len(reqs))
		}
		for _, q := range reqs {
			if q.Status != 304 {
				t.Errorf("%d for %s, want 304", q.Status, q.Path)
			}
		}
		noTokenOnDisk(t, cache)
	})
}

// The ways of reading that do not depend on how much there is to read, on
// a sample of the example: without the cache and through faults (two
// 502s, a secondary limit and an exhausted primary limit are ridden out),
// and in three shards joined, the report is that of the data served.
func TestLiveThroughFaultsAndShards(t *testing.T) {
	t.Parallel()
	data := exampleSample(t)
	at := "2026-11-27T00:00:00Z" // the test clock's now
	want := run(t, "check", example, "--snapshot", writeSnapshot(t, data), "--at", at, "-o", "json")
	if want.code != 0 {
		t.Fatalf("check on the data served: %s", want)
	}

	t.Run("no cache, through faults", func(t *testing.T) {
		t.Parallel()
		srv := fakeGitHub(t, data)
		srv.Inject(githubtest.Fault{PathRegexp: `issues/comments`, Times: 2, Status: 502})
		srv.Inject(githubtest.Fault{PathRegexp: `issues/events`, Times: 1, Status: 403, RetryAfter: 30 * time.Second})
		srv.Inject(githubtest.Fault{PathRegexp: `issues$`, Times: 1, Exhaust: true, ResetIn: time.Minute})
		r := runLive(t, srv, t.TempDir(), "check", example, "-o", "json", "--at", at, "--no-cache")
		sameReport(t, "no cache, through faults", want, r)
		if !strings.Contains(r.err, "secondary rate limit") || !strings.Contains(r.err, "rate limit is used up") {
			t.Errorf("the waits were not reported on stderr:\n%s", r.err)
		} else if strings.Contains(r.err, "\x1b") {
			t.Errorf("stderr is not a terminal, yet it has escape codes: %q", r.err)
		}
	})

	t.Run("three shards, joined", func(t *testing.T) {
		t.Parallel()
		srv := fakeGitHub(t, data)
		dir := t.TempDir()
		var parts []string
		for k := 1; k <= 3; k++ {
			part := filepath.Join(dir, fmt.Sprintf("part-%d.json.gz", k))
			if r := runLive(t, srv, t.TempDir(), "fetch", example, "--shard", fmt.Sprintf("%d/3", k), "--out", part, "-q"); r.code != 0 {
				t.Fatalf("shard %d: %s", k, r)
			}
			parts = append(parts, "--snapshot", part)
		}
		sameReport(t, "sharded snapshots", want, run(t, append([]string{"check", example, "-o", "json"}, parts...)...))
		noTokenOnDisk(t, dir)
	})
}

// sameReport fails the test unless r printed the report want printed.
func sameReport(t *testing.T, how string, want, r result) {
	t.Helper()
	if r.code != 0 || r.out != want.out {
		t.Fatalf("%s: the report differs (exit %d):\n%s", how, r.code, r.err)
	}
}

// noTokenOnDisk checks that no snapshot or cache file under dir holds the
// token.
func noTokenOnDisk(t *testing.T, dir string) {
	t.Helper()
	_ = filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		s, rerr := snapshot.ReadFile(path)
		if rerr != nil {
			t.Errorf("%s: %v", path, rerr)
			return nil
		}
		var buf bytes.Buffer
		_ = snapshot.Write(&buf, s)
		if strings.Contains(buf.String(), liveToken) {
			t.Errorf("%s holds the token", path)
		}
		return nil
	})
}

// A repository GitHub will not show is named, the rest evaluated, exit 3.
func TestLiveIncomplete(t *testing.T) {
	t.Parallel()
	agreements, _ := smallOrg(t, false)
	srv := fakeGitHub(t, smallData(false))
	srv.Inject(githubtest.Fault{PathRegexp: `repos/acme/bad/`, Status: 404})
	r := runLive(t, srv, t.TempDir(), "check", agreements, "--at", "2026-11-27T00:00:00Z", "-q", "--no-cache")
	if r.code != cli.ExitIncomplete {
		t.Fatalf("exit %d, want 3:\n%s", r.code, r)
	}
	if !strings.Contains(r.err, "acme/bad: not found, or the token from GITHUB_TOKEN cannot see it") {
		t.Errorf("stderr does not name the repository and the variable:\n%s", r.err)
	}
	if !strings.Contains(r.out, "incomplete") {
		t.Errorf("the table does not mark the incomplete objectives:\n%s", r.out)
	}
}

// Without a token: said once, and public data is still read.
func TestLiveWithoutToken(t *testing.T) {
	t.Parallel()
	agreements, _ := smallOrg(t, false)
	srv := githubtest.New(t)
	srv.Load(smallData(false))
	var out, errOut bytes.Buffer
	env := testEnv(&out, &errOut, term{vars: map[string]string{"GITHUB_API_URL": srv.URL}})
	code := cli.Main([]string{"check", agreements, "--at", "2026-11-27T00:00:00Z", "--no-cache"}, env)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, errOut.String())
	}
	if n := strings.Count(errOut.String(), "no GitHub token"); n != 1 {
		t.Errorf("the no-token notice appears %d times:\n%s", n, errOut.String())
	}
	if !strings.Contains(errOut.String(), "60 requests an hour") {
		t.Error("the notice does not say what it means")
	}
	if len(srv.Requests()) == 0 || !strings.Contains(out.String(), "requests") {
		t.Errorf("nothing was read without a token:\n%s", out.String())
	}
}

// Notices from requests under way (retries here) and the progress line
// come from many goroutines at once: they share stderr under one lock
// (go test -race catches a write outside it), and on a terminal each
// notice first clears the progress line it interrupts.
func TestNoticesAndProgressShareStderr(t *testing.T) {
	t.Parallel()
	agreements, _ := smallOrg(t, false)
	srv := fakeGitHub(t, smallData(false))
	for _, repo := range []string{"good", "bad"} { // read side by side
		for _, list := range []string{"issues", "issues/comments", "issues/events"} {
			srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/` + repo + `/` + list + `$`, Times: 2, Status: 502})
		}
	}
	var out, errOut bytes.Buffer
	env := testEnv(&out, &errOut, term{vars: map[string]string{"GITHUB_API_URL": srv.URL, "GITHUB_TOKEN": liveToken}})
	env.ErrIsTTY = true
	env.Sleep = func(context.Context, time.Duration) error { return nil }
	if code := cli.Main([]string{"check", agreements, "--at", "2026-11-27T00:00:00Z", "--no-cache"}, env); code != 0 {
		t.Fatalf("exit %d:\n%s", code, errOut.String())
	}
	stderr := errOut.String()
	if n := strings.Count(stderr, "; retrying"); n != 12 {
		t.Errorf("%d retry notices, want 12:\n%q", n, stderr)
	}
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if i := strings.Index(line, "sla: GitHub answered 502"); i > 0 && !strings.HasSuffix(line[:i], "\r\x1b[K") {
			t.Errorf("a notice written over the progress line: %q", line)
		}
	}
}

// One team GitHub will not list and one repository it will not show: the
// rest is evaluated and printed, each cause said once on stderr with what
// the token lacks, and the run exits 3. A team with no members of its own
// makes the objectives that need its members no_data, incomplete; the
// objectives that do not need them are measured as ever.
func TestLiveDegradesOnAnUnreadableTeamAndRepository(t *testing.T) {
	t.Parallel()
	srv := fakeGitHub(t, exampleSample(t))
	srv.Inject(githubtest.Fault{PathRegexp: `^orgs/acme/teams/payments/members$`, Status: 404})
	srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/platform-requests/`, Status: 404})
	r := runLive(t, srv, t.TempDir(), "check", example, "--at", "2026-11-27T00:00:00Z", "--no-cache", "-o", "json")
	if r.code != cli.ExitIncomplete {
		t.Fatalf("exit %d, want 3:\n%s", r.code, r)
	}
	for _, want := range []string{
		"fetched: 5 repositories: 4 read, 1 failed; 4 teams: 3 read, 1 failed;",
		"sla: acme/platform-requests: not found, or the token from GITHUB_TOKEN cannot see it\n",
		"sla: cannot list the members of acme/payments: GitHub answered 404 to the token from GITHUB_TOKEN " +
			"(the team does not exist, or the token cannot see it); listing them needs organisation Members: read " +
			"(a fine-grained token or GitHub App), or read:org (a classic token); the GITHUB_TOKEN of a workflow cannot — see docs/ci.md\n",
		"sla: some repositories and the members of some teams could not be read: the results are incomplete\n",
	} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	j := parseCheck(t, r)
	got := map[string]string{}
	for _, a := range j.Agreements {
		for _, o := range a.Objectives {
			got[a.Name+"/"+o.Name] = fmt.Sprintf("%s complete=%v", o.Status, o.Complete)
		}
	}
	for name, want := range map[string]string{
		// Payments answers as "provider", and none of its members is known.
		"payments-integrations/urgent-first-response": "no_data complete=false",
		// Anyone answers; resolution needs no one's membership.
		"payments-integrations/first-response": "complete=true",
		"payments-integrations/resolution":     "complete=true",
		// Only consumers' issues count, and Payments is a consumer.
		"data-requests/first-response": "complete=false",
	} {
		if !strings.HasSuffix(got[name], want) {
			t.Errorf("%s: %s, want %s", name, got[name], want)
		}
	}
	if !slices.Equal(j.Incomplete, []string{"members of acme/payments", "acme/platform-requests"}) &&
		!slices.Equal(j.Incomplete, []string{"acme/platform-requests", "members of acme/payments"}) {
		t.Errorf("incomplete = %q", j.Incomplete)
	}
}

// GitHub cannot be reached at all: one line says so (not one per
// repository), nothing is printed on stdout, and the run exits 2. A fetch
// writes no file.
func TestLiveUnreachable(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close() // nothing listens there now: connections are refused
	dir := t.TempDir()
	out := filepath.Join(dir, "issues.json.gz")
	for _, args := range [][]string{
		{"check", example, "--no-cache", "-o", "markdown"},
		{"fetch", example, "--out", out},
	} {
		var stdout, stderr bytes.Buffer
		env := testEnv(&stdout, &stderr, term{vars: map[string]string{"GITHUB_API_URL": closed, "GITHUB_TOKEN": liveToken}})
		code := cli.Main(args, env)
		if code != cli.ExitError || stdout.Len() != 0 {
			t.Errorf("%s: exit %d, stdout %q; want 2 and nothing", args[0], code, stdout.String())
		}
		want := "sla: cannot reach GitHub at " + closed + " (from GITHUB_API_URL): connection refused — check the network, or set GITHUB_API_URL / --github-url\n"
		if n := strings.Count(stderr.String(), "sla: "); n != 1 || !strings.Contains(stderr.String(), want) {
			t.Errorf("%s: stderr\n%s\nwant one line: %s", args[0], stderr.String(), want)
		}
		if !strings.Contains(stderr.String(), "fetched: 5 repositories: 0 read, 5 failed; 4 teams: 0 read, 4 failed;") {
			t.Errorf("%s: no summary of what failed:\n%s", args[0], stderr.String())
		}
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("fetch wrote %s: %v", out, err)
	}
}
