//go:build unix

package agreement_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

const teamYAML = "apiVersion: sla/v1\nkind: Team\nmetadata: {name: platform}\nspec: {members: [alice]}\n"

// secret is what lies outside the agreements folder: it must never be read,
// so never shown. It is not valid YAML, so reading it would quote it.
const secret = "GH_TOKEN=ghp_not_for_your_eyes: [\n"

// tree makes a folder: files (name → content), then links (name → target,
// as written in the link).
func tree(t *testing.T, files, links map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range links {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// load runs the loader, failing the test if it takes more than a few
// seconds (a named pipe used to make it wait forever).
func load(t *testing.T, paths ...string) (*agreement.Set, diag.List, error) {
	t.Helper()
	type result struct {
		set   *agreement.Set
		diags diag.List
		err   error
	}
	done := make(chan result, 1)
	go func() {
		set, diags, err := agreement.Load(paths)
		done <- result{set, diags, err}
	}()
	select {
	case r := <-done:
		return r.set, r.diags, r.err
	case <-time.After(10 * time.Second):
		t.Fatal("Load did not return within 10s")
		return nil, nil, nil
	}
}

func sources(set *agreement.Set) []string {
	var names []string
	for name := range set.Sources {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// rules lists the diagnostics as "file: rule" with paths relative to dir.
func rules(dir string, diags diag.List) []string {
	var out []string
	for _, d := range diags {
		rel, _ := filepath.Rel(dir, d.File)
		out = append(out, rel+": "+string(d.Rule))
	}
	slices.Sort(out)
	return out
}

func expect(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// A link inside the folder to a file inside is fine: the file is read
// once, under its own name when the walk finds it too (no duplicate-name
// errors), else under the link's (here, into a hidden folder).
func TestLoadLinksInside(t *testing.T) {
	t.Parallel()
	root := tree(t, map[string]string{
		"agreements/teams.yaml":        teamYAML,
		"agreements/.shared/cal.yaml":  "apiVersion: sla/v1\nkind: Calendar\nmetadata: {name: cal}\nspec: {timezone: UTC, hours: {mon: [\"09:00-17:00\"]}}\n",
		"agreements/sub/readme.txt":    "not an agreement",
		"agreements/sub/more.yaml.txt": "not an agreement",
	}, map[string]string{
		"agreements/current.yaml":  "teams.yaml",
		"agreements/sub/cal.yml":   "../.shared/cal.yaml",
		"agreements/sub/loop-dir":  "..", // a folder inside: not followed, nothing read twice
		"agreements/sub/upper.yml": "../sub/../teams.yaml",
	})
	dir := filepath.Join(root, "agreements")
	set, diags, err := load(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "diagnostics", rules(dir, diags), nil)
	expect(t, "files read", sources(set), []string{filepath.Join(dir, "sub/cal.yml"), filepath.Join(dir, "teams.yaml")})
	if len(set.Teams) != 1 || len(set.Calendars) != 1 {
		t.Errorf("%d teams, %d calendars; want one of each", len(set.Teams), len(set.Calendars))
	}
}

// A link out of the folder is not followed, and nothing of what it points
// to is shown; it used to be read, and its first line printed in a syntax
// error. A link to a folder outside is not followed either.
func TestLoadLinkOutside(t *testing.T) {
	t.Parallel()
	root := tree(t, map[string]string{
		"agreements/teams.yaml": teamYAML,
		"private/secret.txt":    secret,
		"private/more.yaml":     secret,
	}, map[string]string{
		"agreements/secret.yaml": "../private/secret.txt",
		"agreements/private":     "../private",
	})
	dir := filepath.Join(root, "agreements")
	set, diags, err := load(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "diagnostics", rules(dir, diags), []string{"secret.yaml: symlink-outside"})
	expect(t, "files read", sources(set), []string{filepath.Join(dir, "teams.yaml")})
	for _, d := range diags {
		if strings.Contains(d.Message, "ghp_") {
			t.Errorf("a diagnostic shows what the link points to: %s", d)
		}
		if d.Severity != diag.Warning || !strings.Contains(d.Message, "name it or its folder on the command line") {
			t.Errorf("want a warning saying what to do: %s", d)
		}
	}
	// Named on the command line, the file is the user's choice: it is read.
	set, _, err = load(t, dir, filepath.Join(dir, "secret.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Sources) != 2 {
		t.Errorf("files read %q, want the named link too", sources(set))
	}
}

// Links that lead nowhere, or around a loop, are skipped with a warning;
// a loop used to stop the run.
func TestLoadBrokenLinks(t *testing.T) {
	t.Parallel()
	root := tree(t, map[string]string{"agreements/teams.yaml": teamYAML}, map[string]string{
		"agreements/self.yaml":    "self.yaml",
		"agreements/a.yaml":       "b.yaml",
		"agreements/b.yaml":       "a.yaml",
		"agreements/missing.yaml": "nothing-here.yaml",
	})
	dir := filepath.Join(root, "agreements")
	set, diags, err := load(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "diagnostics", rules(dir, diags), []string{
		"a.yaml: broken-symlink", "b.yaml: broken-symlink", "missing.yaml: broken-symlink", "self.yaml: broken-symlink",
	})
	expect(t, "files read", sources(set), []string{filepath.Join(dir, "teams.yaml")})
	for _, d := range diags {
		want := "loop of links"
		if strings.HasSuffix(d.File, "missing.yaml") {
			want = "nothing-here.yaml, which does not exist"
		}
		if !strings.Contains(d.Message, want) {
			t.Errorf("%s: message does not say %q", d, want)
		}
	}
	// Named on the command line, a loop is an error that says so.
	if _, _, err := load(t, filepath.Join(dir, "self.yaml")); err == nil || !strings.Contains(err.Error(), "loop of links") {
		t.Errorf("err = %v, want a loop named", err)
	}
}

// A named pipe with an agreement's name is skipped with a warning: it used
// to make validate wait forever for a writer. Named on the command line,
// it is an error, at once.
func TestLoadNamedPipe(t *testing.T) {
	t.Parallel()
	root := tree(t, map[string]string{"agreements/teams.yaml": teamYAML}, map[string]string{
		"agreements/to-pipe.yaml": "pipe.yaml",
	})
	dir := filepath.Join(root, "agreements")
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	set, diags, err := load(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "diagnostics", rules(dir, diags), []string{"pipe.yaml: not-a-regular-file", "to-pipe.yaml: not-a-regular-file"})
	expect(t, "files read", sources(set), []string{filepath.Join(dir, "teams.yaml")})
	if !strings.Contains(diags[0].Message, "a named pipe (FIFO), not a regular file: skipped") {
		t.Errorf("message: %s", diags[0])
	}
	_, _, err = load(t, filepath.Join(dir, "pipe.yaml"))
	if err == nil || !strings.Contains(err.Error(), "a named pipe (FIFO), not a regular file") {
		t.Errorf("err = %v, want the pipe refused", err)
	}
}

// A folder given as a link to a folder is searched; it used to be
// taken for a file and nothing was read.
func TestLoadFolderGivenAsLink(t *testing.T) {
	t.Parallel()
	root := tree(t, map[string]string{"real/teams.yaml": teamYAML}, map[string]string{"agreements": "real"})
	link := filepath.Join(root, "agreements")
	set, diags, err := load(t, link)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "diagnostics", rules(root, diags), nil)
	expect(t, "files read", sources(set), []string{filepath.Join(link, "teams.yaml")})
}
