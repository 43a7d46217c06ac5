package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/due"
	"github.com/sla-dev/sla/internal/github"
	"github.com/spf13/cobra"
)

// DueOptions are the flags and arguments of `sla due`.
type DueOptions struct {
	Paths      []string
	Data       DataOptions
	Agreement  string
	Team       string
	Within     time.Duration
	Output     string
	ApplyLabel string
	Yes        bool
}

var dueFormats = []string{"table", "markdown", "json"}

// NewCmdDue builds `sla due`.
func NewCmdDue(env Env) *cobra.Command {
	opts := &DueOptions{}
	cmd := &cobra.Command{
		Use:   "due [PATH...]",
		Short: "List the issues to answer first, and by when",
		Long: strings.TrimSpace(`
List every running clock that is close to breaching its objective — by
default, with half of the objective's within or less left, the clocks
sla check counts as at risk — and every clock that has breached and is
still running, soonest due first. Each shows when it is due, in the time
zone of the objective's calendar, and how much business time is left or
how far overdue it is; the team that owns it; the issue; and the business
time used.

With --team, only the clocks that team owns: those of the objectives it
provides, and for an objective the consumers own, those of issues opened
by its members (an issue opened by none of the consumers' members is
every consumer team's).

With --apply-label LABEL, also mark the due issues on GitHub: add LABEL to
each due issue that lacks it and remove it from every other issue that
carries it in the repositories measured. Without --yes it only prints what
it would change; with --yes it changes the labels, with a token that may
write issues (issues: write). Another run changes nothing more.

Issue data comes live from GitHub, or from --snapshot files, as for sla
check. Exit status: 0 listed; 1 invalid agreements; 2 usage, file or
network error; 3 listed, but a repository could not be read.`),
		Example: examples(`
  # This morning's list for Platform: what to answer first, and by when
  sla due --team platform

  # ... from a snapshot, as of its fetch time
  sla due --team platform --snapshot issues.json.gz

  # Everything with 2 hours of business time or less left
  sla due --within 2h

  # Show which labels would change, then change them
  sla due --apply-label sla-due
  sla due --apply-label sla-due --yes

  # In GitHub Actions: the list as the job's summary
  sla due -o markdown >> "$GITHUB_STEP_SUMMARY"`),
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runDue(cmd.Context(), opts, env)
		},
	}
	f := cmd.Flags()
	opts.Data.addFlags(f)
	f.StringVar(&opts.Agreement, "agreement", "", "only the clocks of the agreement with this name")
	f.StringVar(&opts.Team, "team", "", "only the clocks this team owns (as provider, or as consumer for objectives the consumers own)")
	f.DurationVar(&opts.Within, "within", 0, "list pending clocks with at most this much business time left, e.g. 2h or 90m (default: half of each objective's within)")
	f.StringVarP(&opts.Output, "output", "o", "table", "output format: "+strings.Join(dueFormats, ", "))
	f.StringVar(&opts.ApplyLabel, "apply-label", "", "add this label to the due issues on GitHub and remove it from the others (a dry run without --yes)")
	f.BoolVar(&opts.Yes, "yes", false, "with --apply-label: change the labels, not only say what would change")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(dueFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("snapshot", "json", "gz")
	return cmd
}

func runDue(ctx context.Context, opts *DueOptions, env Env) error {
	if !slices.Contains(dueFormats, opts.Output) {
		return usageError("unknown output format %q: use one of %s", opts.Output, strings.Join(dueFormats, ", "))
	}
	if opts.Within < 0 {
		return usageError("--within %s: give a positive duration such as 2h or 90m", opts.Within)
	}
	label := strings.TrimSpace(opts.ApplyLabel)
	if opts.ApplyLabel != "" && label == "" {
		return usageError("--apply-label needs a label name")
	}
	if opts.Yes && label == "" {
		return usageError("--yes confirms --apply-label: give the label to apply")
	}
	if label != "" && opts.Data.At != "" && len(opts.Data.Snapshots) == 0 {
		return usageError("--apply-label marks the issues that are due now: leave out --at")
	}
	// Changing labels needs a token: say so before fetching anything.
	var writer *github.Client
	if label != "" && opts.Yes {
		var err error
		if writer, err = newLabelClient(ctx, &opts.Data.GitHub, env); err != nil {
			return err
		}
	}
	ev, err := loadEvaluation(ctx, opts.Paths, &opts.Data, env)
	if err != nil {
		return err
	}
	if label != "" && !ev.at.Equal(ev.snap.FetchedAt) {
		// Labels are as fetched: the due list must be of the same instant.
		return usageError("--apply-label marks the issues due when the data was fetched (%s), not at --at %s",
			ev.snap.FetchedAt.UTC().Format(time.RFC3339), ev.at.UTC().Format(time.RFC3339))
	}
	objectives, err := ev.selectObjectives(opts.Agreement, opts.Team)
	if err != nil {
		return err
	}
	rep := compliance.Evaluate(objectives, ev.snap, ev.at)
	view := due.NewView(rep, due.Options{Within: opts.Within, Team: opts.Team})
	switch opts.Output {
	case "json":
		err = due.WriteJSON(env.Out, view)
	case "markdown":
		err = due.WriteMarkdown(env.Out, view)
	default:
		err = due.WriteTable(env.Out, view, due.TableOptions{Color: env.Color()})
	}
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if label != "" {
		changes := due.PlanLabels(label, view.Items, objectives, ev.snap)
		if err := applyLabels(ctx, writer, label, changes, env); err != nil {
			return err
		}
	}
	return checkExit(rep, "never", env)
}

// newLabelClient builds a client for changing labels: like the one that
// reads, but it refuses to go on without a token.
func newLabelClient(ctx context.Context, o *GitHubOptions, env Env) (*github.Client, error) {
	base := github.BaseURL(o.URL, env.Getenv)
	token, source := github.Token(ctx, github.Host(base), env.Getenv, env.GHAuthToken)
	if token == "" {
		return nil, usageError("--apply-label --yes changes labels on GitHub: it needs a token that may write issues (issues: write) " +
			"in GH_TOKEN or GITHUB_TOKEN, or a `gh auth login`")
	}
	return clientFor(o, env, base, token, source)
}

// applyLabels prints the label changes on stderr, and makes them when
// there is a client (--yes), one at a time. A refused token or an
// exhausted rate limit stops them; an issue that cannot be changed (gone,
// say) is reported and the others still changed.
func applyLabels(ctx context.Context, client *github.Client, label string, changes []due.Change, env Env) error {
	if len(changes) == 0 {
		fmt.Fprintf(env.ErrOut, "sla: the label %q is already on exactly the due issues: nothing to change\n", label)
		return nil
	}
	if client == nil {
		fmt.Fprintf(env.ErrOut, "sla: --apply-label %s would change %s (a dry run: add --yes to change them):\n", label, plural(len(changes), "issue"))
		for _, c := range changes {
			fmt.Fprintf(env.ErrOut, "  %s\n", describeChange(c, true))
		}
		return nil
	}
	added, removed, failed := 0, 0, 0
	for _, c := range changes {
		var err error
		if c.Add {
			err = client.AddLabel(ctx, c.Repo, c.Number, c.Label)
		} else {
			err = client.RemoveLabel(ctx, c.Repo, c.Number, c.Label)
		}
		var auth *github.AuthError
		var limit *github.RateLimitError
		switch {
		case ctx.Err() != nil:
			return &exitError{code: ExitError, err: fmt.Errorf("interrupted: %s", changed(added, removed))}
		case errors.As(err, &auth) || errors.As(err, &limit):
			if added+removed > 0 {
				fmt.Fprintf(env.ErrOut, "sla: --apply-label %s stopped: %s\n", label, changed(added, removed))
			}
			return &exitError{code: ExitError, err: err}
		case err != nil:
			failed++
			fmt.Fprintf(env.ErrOut, "sla: %v\n", err)
			continue
		}
		if c.Add {
			added++
		} else {
			removed++
		}
		fmt.Fprintf(env.ErrOut, "sla: %s\n", describeChange(c, false))
	}
	fmt.Fprintf(env.ErrOut, "sla: --apply-label %s: %s\n", label, changed(added, removed))
	if failed > 0 {
		return &exitError{code: ExitError, err: fmt.Errorf("%s could not be changed", plural(failed, "issue"))}
	}
	return nil
}

// describeChange says what a change does (plan) or did.
func describeChange(c due.Change, plan bool) string {
	ref := fmt.Sprintf("%s#%d", c.Repo, c.Number)
	switch {
	case c.Add && plan:
		return fmt.Sprintf("add %s to %s (due)", c.Label, ref)
	case c.Add:
		return fmt.Sprintf("added %s to %s", c.Label, ref)
	case plan:
		return fmt.Sprintf("remove %s from %s (no longer due)", c.Label, ref)
	}
	return fmt.Sprintf("removed %s from %s", c.Label, ref)
}

func changed(added, removed int) string {
	if added+removed == 0 {
		return "no label changed"
	}
	return fmt.Sprintf("label added to %s, removed from %s", plural(added, "issue"), plural(removed, "issue"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
