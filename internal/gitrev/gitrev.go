// Package gitrev reads files as they were at a git revision, without a
// checkout: it lists them with `git ls-tree` and reads them with
// `git cat-file`, in the repository that contains the working directory,
// and offers them as an fs.FS.
package gitrev

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrNoGit is returned when the git program cannot be found.
var ErrNoGit = errors.New("git is not installed (or not on PATH): it is needed to read the agreements at a revision")

// Repo is the git repository that contains a working directory.
type Repo struct {
	// Root is the top folder of the working tree, as git reports it.
	Root string
	// Prefix is the working directory relative to Root, with slashes, ""
	// at the top.
	Prefix string
}

// Open finds the repository that contains the working directory.
func Open(ctx context.Context) (*Repo, error) {
	out, err := git(ctx, "", nil, "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && strings.Contains(ge.stderr, "not a git repository") {
			wd, _ := os.Getwd()
			return nil, fmt.Errorf("%s is not in a git repository: run sla in the repository that holds the agreements", wd)
		}
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) == 0 || lines[0] == "" {
		return nil, fmt.Errorf("git rev-parse --show-toplevel printed nothing: is this a bare repository?")
	}
	r := &Repo{Root: lines[0]}
	if len(lines) > 1 {
		r.Prefix = strings.TrimSuffix(lines[1], "/")
	}
	return r, nil
}

// Resolve returns the commit that rev names, or an error that says rev is
// unknown.
func (r *Repo) Resolve(ctx context.Context, rev string) (string, error) {
	if rev == "" {
		return "", fmt.Errorf("no revision given")
	}
	out, err := git(ctx, r.Root, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && ge.code == 1 {
			return "", fmt.Errorf("unknown revision %q: no branch, tag or commit of that name in %s "+
				"(a shallow clone, as actions/checkout makes by default, has only the commit checked out: fetch the base first, e.g. `git fetch --depth=1 origin main`)",
				rev, r.Root)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Refs lists at most max of the repository's branches, tags and
// remote-tracking branches by the short names a revision may be written
// with (main, v1.2.0, origin/main), those of the most recent commits
// first.
func (r *Repo) Refs(ctx context.Context, max int) ([]string, error) {
	out, err := git(ctx, r.Root, nil, "for-each-ref", "--count="+strconv.Itoa(max), "--sort=-committerdate",
		"--format=%(refname:short)", "refs/heads", "refs/tags", "refs/remotes")
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(out)), nil
}

// RepoPath turns a path as a user gave it (relative to the working
// directory, or absolute) into one relative to the repository root, with
// slashes; "" is the root itself.
func (r *Repo) RepoPath(p string) (string, error) {
	if !filepath.IsAbs(p) {
		rel := path.Clean(path.Join(r.Prefix, filepath.ToSlash(p)))
		if rel == ".." || strings.HasPrefix(rel, "../") {
			return "", fmt.Errorf("%s is outside the repository %s", p, r.Root)
		}
		if rel == "." {
			rel = ""
		}
		return rel, nil
	}
	rel, err := filepath.Rel(r.Root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		// The root git reports has its symbolic links resolved; p may not.
		if real, err2 := filepath.EvalSymlinks(p); err2 == nil {
			rel, err = filepath.Rel(r.Root, real)
		}
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "", fmt.Errorf("%s is outside the repository %s", p, r.Root)
		}
	}
	if rel = filepath.ToSlash(rel); rel == "." {
		rel = ""
	}
	return rel, nil
}

// UserPath turns a path relative to the repository root into one relative
// to the working directory, as the user would write it.
func (r *Repo) UserPath(p string) string {
	if r.Prefix == "" {
		return filepath.FromSlash(p)
	}
	rel, err := filepath.Rel(filepath.FromSlash(r.Prefix), filepath.FromSlash(p))
	if err != nil {
		return filepath.FromSlash(p)
	}
	return rel
}

// FS returns the files under the given paths (relative to the
// repository root, with slashes; "" for all) as they are at commit, as a
// read-only file system whose paths are relative to the root. Symbolic
// links and submodules are left out. Blobs up to maxSize bytes are read,
// with one git process; a larger one is listed with its size, and reading
// it fails.
func (r *Repo) FS(ctx context.Context, commit string, paths []string, maxSize int64) (fs.FS, error) {
	args := []string{"ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--"}
	for _, p := range paths {
		if p == "" {
			p = "."
		}
		args = append(args, p)
	}
	out, err := git(ctx, r.Root, nil, args...)
	if err != nil {
		return nil, err
	}
	tree := newTree()
	var read []*blob
	var ids []string
	for _, rec := range strings.Split(string(out), "\x00") {
		if rec == "" {
			continue
		}
		// <mode> SP <type> SP <object> SP+ <size> TAB <path>
		meta, name, ok := strings.Cut(rec, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 4 {
			return nil, fmt.Errorf("git ls-tree: unexpected output %q", rec)
		}
		if fields[1] != "blob" || fields[0] == "120000" { // not a submodule or a symbolic link
			continue
		}
		size, err := strconv.ParseInt(fields[3], 10, 64)
		if err != nil || !fs.ValidPath(name) {
			return nil, fmt.Errorf("git ls-tree: unexpected output %q", rec)
		}
		b := tree.add(name, size)
		if size <= maxSize {
			read = append(read, b)
			ids = append(ids, fields[2])
		}
	}
	if err := r.readBlobs(ctx, ids, read); err != nil {
		return nil, err
	}
	return tree, nil
}

// readBlobs reads the blobs named by ids into blobs, with one git process.
func (r *Repo) readBlobs(ctx context.Context, ids []string, blobs []*blob) error {
	if len(ids) == 0 {
		return nil
	}
	in := strings.NewReader(strings.Join(ids, "\n") + "\n")
	cmd := command(ctx, r.Root, in, "cat-file", "--batch")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return startError(err)
	}
	readErr := func() error {
		br := bufio.NewReader(stdout)
		for _, b := range blobs {
			header, err := br.ReadString('\n')
			if err != nil {
				return fmt.Errorf("git cat-file: %s: %v", b.path, err)
			}
			// <object> SP <type> SP <size> LF <contents> LF, or <object> SP missing LF
			fields := strings.Fields(header)
			if len(fields) != 3 || fields[1] != "blob" {
				return fmt.Errorf("git cat-file: cannot read %s: %s", b.path, strings.TrimSpace(header))
			}
			size, err := strconv.ParseInt(fields[2], 10, 64)
			if err != nil || size != b.size {
				return fmt.Errorf("git cat-file: unexpected header %q for %s", header, b.path)
			}
			b.data = make([]byte, size)
			if _, err = io.ReadFull(br, b.data); err == nil {
				_, err = br.Discard(1) // the LF after the contents
			}
			if err != nil {
				return fmt.Errorf("git cat-file: %s: %v", b.path, err)
			}
		}
		return nil
	}()
	if readErr != nil {
		_ = cmd.Process.Kill()
	}
	_, _ = io.Copy(io.Discard, stdout) // let git finish writing before Wait closes the pipe
	waitErr := cmd.Wait()
	if readErr != nil {
		return readErr
	}
	if waitErr != nil {
		return commandError([]string{"cat-file", "--batch"}, waitErr, stderr.String())
	}
	return nil
}

// gitError is a git command that ran and failed.
type gitError struct {
	args   []string
	code   int
	stderr string
}

func (e *gitError) Error() string {
	msg := strings.TrimSpace(e.stderr)
	msg = strings.TrimPrefix(msg, "fatal: ")
	if msg == "" {
		msg = fmt.Sprintf("exit status %d", e.code)
	}
	return fmt.Sprintf("git %s: %s", e.args[0], msg)
}

// git runs git with args in dir and returns its standard output.
func git(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := command(ctx, dir, stdin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, commandError(args, err, stderr.String())
	}
	return stdout.Bytes(), nil
}

func command(ctx context.Context, dir string, stdin io.Reader, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	// Messages in English, so that they can be recognised; paths as given,
	// never read as patterns.
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANGUAGE=C", "GIT_LITERAL_PATHSPECS=1")
	return cmd
}

func commandError(args []string, err error, stderr string) error {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return &gitError{args: args, code: exit.ExitCode(), stderr: stderr}
	}
	return startError(err)
}

func startError(err error) error {
	if errors.Is(err, exec.ErrNotFound) {
		return ErrNoGit
	}
	return fmt.Errorf("running git: %w", err)
}
