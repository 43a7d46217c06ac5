package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/agreementdiff"
	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/gitrev"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/text"
	"github.com/sla-dev/sla/internal/validate"
	"github.com/spf13/cobra"
)

// DiffOptions are the flags and arguments of `sla diff`.
type DiffOptions struct {
	Base   string
	Paths  []string
	Output string
}

var diffFormats = []format[*agreementdiff.Result]{
	{"text", report.WriteDiffText},
	{"markdown", report.WriteDiffMarkdown},
	{"json", report.WriteDiffJSON},
}

// NewCmdDiff builds `sla diff`.
func NewCmdDiff(env Env) *cobra.Command {
	opts := &DiffOptions{}
	cmd := &cobra.Command{
		Use:   "diff BASE [PATH...]",
		Short: "Say what changed in the agreements since a git revision",
		Long: strings.TrimSpace(`
Compare the agreements at the git revision BASE (a branch, tag or commit,
read with git: nothing is checked out) with those in the working tree, and
say per agreement what a reviewer should know: objectives added or removed,
within and target tightened or loosened, parties, calendars, scope and
expectations changed. Values are compared by meaning: 1h30m is 90m, 0.9 is
90%.

PATH may be files or folders, as for sla validate; without PATH, the
agreements/ folder is read. The working tree must be valid; BASE need not
be (it is compared as far as it loads, with a warning).

Exit status: 0 compared (whether or not anything changed); 1 the working
tree's agreements are invalid; 2 usage or git error (not a repository, an
unknown revision).`),
		Example: examples(`
  # What does this branch change, compared with main?
  sla diff main

  # The same as a pull-request comment or a step summary
  sla diff origin/main -o markdown >> "$GITHUB_STEP_SUMMARY"

  # What did the last commit change, for a script?
  sla diff HEAD~1 -o json`),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("missing BASE: name the git revision to compare with, e.g. `sla diff main`")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Base, opts.Paths = args[0], args[1:]
			return runDiff(cmd.Context(), opts, env)
		},
		ValidArgsFunction: completeFirst(revisions),
	}
	outputFlag(cmd, &opts.Output, formatNames(diffFormats), "")
	return cmd
}

// Completing BASE asks git for at most maxCompletedRefs refs, and waits
// at most refsWait for them.
const (
	maxCompletedRefs = 500
	refsWait         = 2 * time.Second
)

// revisions completes diff's BASE: HEAD~1 and HEAD, then the branches and
// tags of the repository the working directory is in, the most recent
// first, those that begin with prefix. Outside a repository, nothing.
func revisions(ctx context.Context, prefix string) []cobra.Completion {
	ctx, cancel := context.WithTimeout(ctx, refsWait)
	defer cancel()
	repo, err := gitrev.Open(ctx)
	if err != nil {
		cobra.CompDebugln("sla: "+err.Error(), false)
		return nil
	}
	refs, err := repo.Refs(ctx, maxCompletedRefs)
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("git did not list the refs within %s", refsWait)
		}
		cobra.CompDebugln("sla: "+err.Error(), false)
	}
	var out []cobra.Completion
	for _, rev := range append([]string{"HEAD~1", "HEAD"}, refs...) {
		if strings.HasPrefix(rev, prefix) {
			out = append(out, rev)
		}
	}
	return out
}

func runDiff(ctx context.Context, opts *DiffOptions, env Env) error {
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{agreement.DefaultPath}
	}

	// The base first: a git error (exit 2) wins over invalid agreements (1).
	repo, err := gitrev.Open(ctx)
	if err != nil {
		return failure(err)
	}
	commit, err := repo.Resolve(ctx, opts.Base)
	if err != nil {
		return failure(err)
	}
	base, atBase, warnings, err := loadRevision(ctx, repo, opts.Base, commit, paths)
	if err != nil {
		return failure(err)
	}

	// The working tree: as sla validate reads it. A path that is gone from
	// the working tree but was there at the base was deleted.
	var present []string
	for i, p := range paths {
		if _, err := os.Stat(p); err == nil {
			present = append(present, p)
		} else if !atBase[i] {
			return failure(fmt.Errorf("%s: no such file or folder, in the working tree or at %s", p, opts.Base))
		}
	}
	head := &agreement.Set{}
	if len(present) > 0 {
		if head, err = validAgreements(present, "nothing was compared: those in the working tree must be valid", env); err != nil {
			return err
		}
	}

	res := &agreementdiff.Result{
		Base:     opts.Base,
		Commit:   commit,
		Changes:  agreementdiff.Compare(base, head),
		Warnings: warnings,
	}
	for _, w := range warnings {
		text.Fprintf(env.ErrOut, "sla: warning: %s\n", w)
	}
	if err := writeFormat(env.Out, diffFormats, opts.Output, res); err != nil {
		return failure(err)
	}
	return nil
}

// loadRevision reads the agreement files under paths at commit, with the
// loader that reads the working tree. It loads what it can: problems
// become one warning, not an error. atBase says, per path, whether the
// revision has anything there.
func loadRevision(ctx context.Context, repo *gitrev.Repo, rev, commit string, paths []string) (set *agreement.Set, atBase []bool, warnings []string, err error) {
	repoPaths := make([]string, len(paths))
	for i, p := range paths {
		if repoPaths[i], err = repo.RepoPath(p); err != nil {
			return nil, nil, nil, err
		}
	}
	tree, err := repo.FS(ctx, commit, repoPaths, agreement.MaxFileSize)
	if err != nil {
		return nil, nil, nil, err
	}
	atBase = make([]bool, len(paths))
	var there []string
	for i, rp := range repoPaths {
		if rp == "" {
			rp = "."
		}
		if _, err := fs.Stat(tree, rp); err == nil {
			atBase[i] = true
			there = append(there, rp)
		}
	}
	set, diags, err := agreement.LoadFS(tree, there, repo.UserPath)
	if err != nil {
		return nil, nil, nil, err
	}
	diags = append(diags, validate.Check(set)...).Sort()
	if errs, _, _ := diags.Count(); errs > 0 {
		first := ""
		for _, d := range diags {
			if d.Severity == diag.Error {
				first = d.String()
				break
			}
		}
		w := fmt.Sprintf("the agreements at %s are not valid (%s; the first: %s): compared as far as they load",
			rev, text.Plural(errs, "error"), first)
		if names := set.Unreadable[agreement.KindAgreement]; len(names) > 0 {
			var s []string
			for _, n := range names {
				s = append(s, string(n))
			}
			w += fmt.Sprintf("; unreadable there: %s", strings.Join(s, ", "))
		}
		warnings = append(warnings, w)
	}
	return set, atBase, warnings, nil
}
