package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/snapshot"
)

// fetchSmallOrg runs `sla fetch ARGS...` for smallOrg's agreements against
// a fake GitHub serving smallOrg's data.
func fetchSmallOrg(t *testing.T, args ...string) result {
	t.Helper()
	agreements, _ := smallOrg(t, false)
	srv := fakeGitHub(t, smallData(false))
	return runLive(t, srv, filepath.Join(t.TempDir(), "cache"), append([]string{"fetch", agreements, "-q"}, args...)...)
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

// `sla fetch --out` over a private (0600) snapshot keeps it private; it
// used to make it 0644.
func TestFetchOutKeepsMode(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	out := filepath.Join(t.TempDir(), "issues.json.gz")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := fetchSmallOrg(t, "--out", out); r.code != 0 {
		t.Fatalf("fetch: %s", r)
	}
	if _, err := snapshot.ReadFile(out); err != nil {
		t.Fatalf("not replaced by a snapshot: %v", err)
	}
	if m := mode(t, out); m != 0o600 {
		t.Errorf("mode %o, want the file's own 600", m)
	}
}

// A new snapshot gets the mode any new file gets under the umask (not a
// fixed 0644), and nothing is left beside it.
func TestFetchOutNewFollowsUmask(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	dir := t.TempDir()
	ref := filepath.Join(dir, "reference")
	f, err := os.OpenFile(ref, os.O_CREATE|os.O_WRONLY, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := filepath.Join(dir, "issues.json.gz")
	if r := fetchSmallOrg(t, "--out", out); r.code != 0 {
		t.Fatalf("fetch: %s", r)
	}
	if got, want := mode(t, out), mode(t, ref); got != want {
		t.Errorf("mode %o; a file created with the same umask has %o", got, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d entries, want the snapshot and the reference only", len(entries))
	}
}

// An issue a snapshot holds twice (a list that shifted while it was read)
// is counted once, with a warning; it used to be two breached samples.
func TestCheckSnapshotCountsDuplicatesOnce(t *testing.T) {
	t.Parallel()
	agreements, _ := smallOrg(t, false)
	data := smallData(false)
	good := data.Repos[0]
	good.Issues = append(good.Issues, good.Issues[0])
	snap := writeSnapshot(t, data)
	r := run(t, "check", agreements, "--snapshot", snap, "--agreement", "requests", "-o", "json")
	if r.code != 0 {
		t.Fatalf("check: %s", r)
	}
	var doc struct {
		Agreements []struct {
			Objectives []struct{ Samples, Breached int } `json:"objectives"`
		} `json:"agreements"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatal(err)
	}
	// One issue unanswered for 10 hours against within 4h: one breach.
	if o := doc.Agreements[0].Objectives[0]; o.Samples != 1 || o.Breached != 1 {
		t.Errorf("samples %d, breached %d; want the one issue once", o.Samples, o.Breached)
	}
	if want := "sla: warning: " + snap + ": acme/good: 1 issue read twice, counted once\n"; r.err != want {
		t.Errorf("stderr %q, want %q", r.err, want)
	}
}

// A snapshot written before reactions were kept (layout 1) still reads,
// but a satisfaction objective would find every request unrated in it:
// sla says so, and how to fetch it again; without one it says nothing.
func TestSatisfactionOnASnapshotWithoutReactions(t *testing.T) {
	t.Parallel()
	src, err := snapshot.ReadFile(exampleSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	var plain bytes.Buffer
	if err := snapshot.Write(&plain, src); err != nil {
		t.Fatal(err)
	}
	old := strings.Replace(plain.String(), fmt.Sprintf(`"version":%d,`, snapshot.Version), `"version":1,`, 1)
	snap := filepath.Join(t.TempDir(), "layout1.json")
	if err := os.WriteFile(snap, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	const warning = "sla: warning: the snapshot was written before sla kept reactions (layout 1)"
	r := run(t, "check", example, "--snapshot", snap, "--at", exampleAt, "--agreement", "platform-requests")
	if r.code != cli.ExitOK || !strings.Contains(r.err, warning) || !strings.Contains(r.err, "sla fetch --out FILE") {
		t.Errorf("platform-requests (a satisfaction objective) on layout 1: want the warning:\n%s", r)
	}
	r = run(t, "check", example, "--snapshot", snap, "--at", exampleAt, "--agreement", "data-requests")
	if r.code != cli.ExitOK || strings.Contains(r.err, "reactions") {
		t.Errorf("data-requests (no satisfaction objective) on layout 1: want no warning:\n%s", r)
	}
}
