package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/sla-dev/sla/internal/codeowners"
	"github.com/sla-dev/sla/internal/gitrev"
	"github.com/sla-dev/sla/internal/text"
	"github.com/spf13/cobra"
)

// CodeownersOptions are the flags and arguments of `sla codeowners`.
type CodeownersOptions struct {
	Paths []string
	Check string
}

// NewCmdCodeowners builds `sla codeowners`.
func NewCmdCodeowners(env Env) *cobra.Command {
	opts := &CodeownersOptions{}
	cmd := &cobra.Command{
		Use:   "codeowners [PATH...]",
		Short: "Print CODEOWNERS lines that ask each agreement's teams to review it",
		Long: strings.TrimSpace(`
Print a block of CODEOWNERS lines, one per agreement file, that makes the
GitHub teams (github_team) of the agreement's provider and consumers its
code owners: GitHub asks them for a review of every pull request that
changes the file. Paths are from the repository root. Teams without a
github_team are named on stderr: their members cannot be asked.

With --check FILE, compare the committed CODEOWNERS instead: for each
agreement file, the line that decides its owners (the last that matches)
must name these teams. Lines for other files are yours and left alone.

PATH may be files or folders, as for sla validate; without PATH, the
agreements/ folder is read.

Exit status: 0 printed, or up to date; 1 out of date (the lines to fix are
listed), or the agreements are invalid; 2 usage, file or git error.`),
		Example: examples(`
  # Print the block, to paste at the end of .github/CODEOWNERS
  sla codeowners

  # In CI: fail when CODEOWNERS no longer matches the agreements
  sla codeowners --check .github/CODEOWNERS`),
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runCodeowners(cmd.Context(), opts, env)
		},
	}
	cmd.Flags().StringVar(&opts.Check, "check", "", "compare with this CODEOWNERS file; exit 1 when it is out of date")
	_ = cmd.MarkFlagFilename("check")
	return cmd
}

func runCodeowners(ctx context.Context, opts *CodeownersOptions, env Env) error {
	repo, err := gitrev.Open(ctx)
	if err != nil {
		return failure(err)
	}
	var committed []byte
	if opts.Check != "" {
		if committed, err = os.ReadFile(opts.Check); err != nil {
			return failure(err)
		}
	}
	set, err := validAgreements(opts.Paths, "no CODEOWNERS lines were made", env)
	if err != nil {
		return err
	}
	entries, err := codeowners.Entries(set, func(file string) (string, error) {
		p, err := repo.RepoPath(file)
		return "/" + p, err
	})
	if err != nil {
		return failure(err)
	}
	if len(entries) == 0 {
		fmt.Fprintln(env.ErrOut, "sla: warning: no agreements found: no CODEOWNERS lines to make")
	}
	if opts.Check == "" {
		if err := codeowners.Write(env.Out, entries); err != nil {
			return failure(err)
		}
		return nil
	}

	problems := codeowners.Check(entries, codeowners.Parse(committed))
	if len(problems) == 0 {
		text.Fprintf(env.Out, "%s is up to date: %s with the owners the agreements give them\n", opts.Check, text.Plural(len(entries), "file"))
		return nil
	}
	var b bytes.Buffer
	text.Fprintf(&b, "%s is out of date with the agreements (%s):\n", opts.Check, text.Plural(len(problems), "problem"))
	const indent = "            "
	for _, p := range problems {
		switch p.Kind {
		case codeowners.Missing:
			text.Fprintf(&b, "missing:    %s\n", p.Want)
			if p.Found != nil {
				text.Fprintf(&b, "%snow decided by line %d: %s\n", indent, p.Found.Line, strings.TrimSpace(p.Found.Text))
			}
		case codeowners.Different:
			text.Fprintf(&b, "different:  %s\n%sline %d has: %s\n", p.Want, indent, p.Found.Line, strings.TrimSpace(p.Found.Text))
		case codeowners.Overridden:
			text.Fprintf(&b, "overridden: %s\n%sline %d comes later and decides: %s (keep the generated block at the end of the file)\n",
				p.Want, indent, p.Found.Line, strings.TrimSpace(p.Found.Text))
		}
	}
	text.Fprintf(&b, "Regenerate the block with `sla codeowners%s` and replace the old one.\n", pathArgs(opts.Paths))
	if _, err := env.Out.Write(b.Bytes()); err != nil {
		return failure(err)
	}
	return exitCode(ExitInvalid)
}

// pathArgs repeats the paths given, for a command to copy.
func pathArgs(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	return " " + strings.Join(paths, " ")
}
