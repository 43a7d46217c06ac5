package gitrev_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sla-dev/sla/internal/gitrev"
)

// git runs git in dir for a test, with no user or system configuration.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// repo makes a repository with one commit of a few files, and returns its
// folder and the commit.
func repo(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	write(t, filepath.Join(dir, "agreements/teams.yaml"), "teams\n")
	write(t, filepath.Join(dir, "agreements/sub/a b.yaml"), "a b\n")
	write(t, filepath.Join(dir, "agreements-old/x.yaml"), "old\n")
	write(t, filepath.Join(dir, "README.md"), strings.Repeat("r", 100))
	if err := os.Symlink("teams.yaml", filepath.Join(dir, "agreements/link.yaml")); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "one")
	return dir, git(t, dir, "rev-parse", "HEAD")
}

func TestFS(t *testing.T) {
	dir, head := repo(t)
	// Changes after the commit are not seen.
	write(t, filepath.Join(dir, "agreements/teams.yaml"), "changed\n")
	t.Chdir(filepath.Join(dir, "agreements"))
	ctx := context.Background()
	r, err := gitrev.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.Prefix != "agreements" {
		t.Errorf("Prefix = %q, want agreements", r.Prefix)
	}
	commit, err := r.Resolve(ctx, "HEAD")
	if err != nil || commit != head {
		t.Fatalf("Resolve(HEAD) = %q, %v; want %s", commit, err, head)
	}
	if c, err := r.Resolve(ctx, "main"); err != nil || c != head {
		t.Errorf("Resolve(main) = %q, %v", c, err)
	}

	rp, err := r.RepoPath(".")
	if err != nil || rp != "agreements" {
		t.Fatalf("RepoPath(.) = %q, %v", rp, err)
	}
	tree, err := r.FS(ctx, commit, []string{rp}, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	// Not agreements-old/ (a name that only starts the same), not the link.
	want := []string{"agreements/sub/a b.yaml=a b\n", "agreements/teams.yaml=teams\n"}
	if got := contents(t, tree); !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
	if err := fstest.TestFS(tree, "agreements/sub/a b.yaml", "agreements/teams.yaml"); err != nil {
		t.Error(err)
	}
	if up := r.UserPath("agreements/sub/a b.yaml"); up != filepath.Join("sub", "a b.yaml") {
		t.Errorf("UserPath = %q", up)
	}

	// The whole tree, with a size limit: README.md is listed with its
	// size, not read.
	all, err := r.FS(ctx, commit, []string{""}, 50)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := fs.Stat(all, "README.md"); err != nil || info.Size() != 100 {
		t.Errorf("README.md over the limit: %v, %v; want its size, 100", info, err)
	}
	if _, err := fs.ReadFile(all, "README.md"); err == nil || !strings.Contains(err.Error(), "larger than was read") {
		t.Errorf("reading README.md over the limit: %v, want an error", err)
	}
	if data, err := fs.ReadFile(all, "agreements-old/x.yaml"); err != nil || string(data) != "old\n" {
		t.Errorf("agreements-old/x.yaml = %q, %v", data, err)
	}
	none, err := r.FS(ctx, commit, []string{"no-such"}, 50)
	if err != nil {
		t.Fatal(err)
	}
	if got := contents(t, none); len(got) != 0 {
		t.Errorf("a path with nothing under it: %q", got)
	}
	if _, err := fs.Stat(none, "no-such"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat of a path with nothing under it: %v, want not found", err)
	}
}

// contents lists the files of fsys as "path=contents", in path order.
func contents(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		out = append(out, p+"="+string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRepoPath(t *testing.T) {
	dir, _ := repo(t)
	t.Chdir(filepath.Join(dir, "agreements", "sub"))
	r, err := gitrev.Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		".":                              "agreements/sub",
		"..":                             "agreements",
		"../teams.yaml":                  "agreements/teams.yaml",
		"../..":                          "",
		filepath.Join(dir, "agreements"): "agreements",
	} {
		if got, err := r.RepoPath(in); err != nil || got != want {
			t.Errorf("RepoPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, outside := range []string{"../../..", os.TempDir()} {
		if _, err := r.RepoPath(outside); err == nil || !strings.Contains(err.Error(), "outside the repository") {
			t.Errorf("RepoPath(%q): %v, want outside the repository", outside, err)
		}
	}
}

func TestRefs(t *testing.T) {
	t.Parallel()
	dir, _ := repo(t)
	git(t, dir, "tag", "v1.0")
	git(t, dir, "checkout", "-q", "-b", "feature")
	git(t, dir, "commit", "-q", "--allow-empty", "-m", "two")
	r := &gitrev.Repo{Root: dir}
	// feature's commit is the newest; main and v1.0 share the first, and
	// then come in the order of their names.
	for max, want := range map[int][]string{10: {"feature", "main", "v1.0"}, 2: {"feature", "main"}} {
		if got, err := r.Refs(context.Background(), max); err != nil || !slices.Equal(got, want) {
			t.Errorf("Refs(%d) = %q, %v; want %q", max, got, err, want)
		}
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("unknown revision", func(t *testing.T) {
		dir, _ := repo(t)
		t.Chdir(dir)
		r, err := gitrev.Open(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, rev := range []string{"no-such-branch", "HEAD~5", "--output=x"} {
			if _, err := r.Resolve(ctx, rev); err == nil || !strings.Contains(err.Error(), `unknown revision "`+rev+`"`) {
				t.Errorf("Resolve(%q): %v", rev, err)
			}
		}
	})
	t.Run("empty repository", func(t *testing.T) {
		dir := t.TempDir()
		git(t, dir, "init", "-q")
		t.Chdir(dir)
		r, err := gitrev.Open(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Resolve(ctx, "HEAD"); err == nil || !strings.Contains(err.Error(), `unknown revision "HEAD"`) {
			t.Errorf("Resolve(HEAD) in a repository without commits: %v", err)
		}
	})
	t.Run("not a repository", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
		if _, err := gitrev.Open(ctx); err == nil || !strings.Contains(err.Error(), "is not in a git repository") {
			t.Errorf("Open outside a repository: %v", err)
		}
	})
	t.Run("git not installed", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		if _, err := gitrev.Open(ctx); !errors.Is(err, gitrev.ErrNoGit) {
			t.Errorf("Open without git: %v, want ErrNoGit", err)
		}
	})
}
