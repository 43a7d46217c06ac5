package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/due"
	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/text"
	"github.com/spf13/cobra"
)

// DueOptions are the flags and arguments of `sla due`.
type DueOptions struct {
	EvaluationOptions
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
each due issue that lacks it, and remove it from the open issues no longer
due where sla added it (the token's account added it last); labels people
added, closed issues and pull requests no objective measures are left
alone. A label any agreement uses is refused. Without --yes it only prints
what it would change; with --yes it changes the labels, with a token that
may write issues (issues: write). Another run changes nothing more.

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
	}
	runWithPaths(cmd, &opts.Paths, func(ctx context.Context) error { return runDue(ctx, opts, env) })
	f := cmd.Flags()
	opts.addEvaluationFlags(cmd, "only the clocks of the agreement with this name",
		"only the clocks this team owns (as provider, or as consumer for objectives the consumers own)")
	f.DurationVar(&opts.Within, "within", 0, "list pending clocks with at most this much business time left, e.g. 2h or 90m (default: half of each objective's within)")
	outputFlag(cmd, &opts.Output, dueFormats, "")
	f.StringVar(&opts.ApplyLabel, "apply-label", "", "add this label to the due issues on GitHub and remove it where sla added it to issues no longer due (a dry run without --yes)")
	f.BoolVar(&opts.Yes, "yes", false, "with --apply-label: change the labels, not only say what would change")
	return cmd
}

func runDue(ctx context.Context, opts *DueOptions, env Env) error {
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
	// A label the agreements use, and a missing token for --yes, are
	// said before fetching anything; so is a token GitHub refuses.
	var labels *labelClient
	req := opts.request()
	if label != "" {
		req.beforeData = func(set *agreement.Set) error {
			if err := refuseUsedLabel(set, label); err != nil {
				return err
			}
			var err error
			labels, err = newLabelClient(ctx, &opts.Data.GitHub, opts.Yes, env)
			return err
		}
	}
	ev, err := loadEvaluation(ctx, req, env)
	if err != nil {
		return err
	}
	defer ev.close() // a snapshot still being read, when the command stops before evaluating
	if label != "" && !ev.at.Equal(ev.snap.FetchedAt) {
		// Labels are as fetched: the due list must be of the same instant.
		return usageError("--apply-label marks the issues due when the data was fetched (%s), not at --at %s",
			ev.snap.FetchedAt.UTC().Format(time.RFC3339), ev.at.UTC().Format(time.RFC3339))
	}
	objectives := ev.objectives
	rep, err := ev.evaluateWhileReading(objectives)
	if err != nil {
		return err
	}
	view := due.NewView(rep, due.Options{Within: opts.Within, Team: opts.Select.Team})
	switch opts.Output {
	case "json":
		err = report.WriteDueJSON(env.Out, view)
	case "markdown":
		err = report.WriteDueMarkdown(env.Out, view)
	default:
		err = report.WriteDueTable(env.Out, view, env.Color())
	}
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if label != "" {
		plan := due.PlanLabels(label, view.Items, objectives, ev.snap)
		if err := labels.applyPlan(ctx, plan, opts.Yes, env); err != nil {
			return err
		}
	}
	return exitFor(rep, failNever, env)
}

// refuseUsedLabel refuses a label that an agreement uses: marking issues
// with it would change what is measured.
func refuseUsedLabel(set *agreement.Set, label string) error {
	uses := due.LabelUses(set, label)
	if len(uses) == 0 {
		return nil
	}
	var where []string
	for _, u := range uses {
		where = append(where, fmt.Sprintf("%s: agreement %s, %s", u.Pos, u.Agreement, u.Field))
	}
	return usageError("--apply-label %q: the agreements use this label, so marking issues with it would change what they measure:\n  %s\nChoose a label no agreement uses, such as sla-due.",
		label, strings.Join(where, "\n  "))
}

// labelClient changes labels, and knows the token's account: only labels
// that account added are removed. Without a token (a dry run), it is nil.
type labelClient struct {
	client  *github.Client
	account string
}

// newLabelClient builds a client for labels, like the one that reads, and
// asks GitHub whose the token is. --yes refuses to go on without a token;
// a dry run without one plans without knowing which labels sla added.
func newLabelClient(ctx context.Context, o *GitHubOptions, yes bool, env Env) (*labelClient, error) {
	a := o.access(ctx, env)
	if a.token == "" {
		if yes {
			return nil, usageError("--apply-label --yes changes labels on GitHub: it needs a token that may write issues (issues: write) " +
				"in GH_TOKEN or GITHUB_TOKEN, or a `gh auth login`")
		}
		return nil, nil
	}
	client, err := clientFor(o, env, a)
	if err != nil {
		return nil, err
	}
	account, err := client.Account(ctx)
	if err != nil {
		return nil, failure(err)
	}
	return &labelClient{client: client, account: account}, nil
}

// applyPlan decides which labels to change (asking GitHub who added the
// label where the data does not say) and prints the plan on stderr, or
// with yes makes the changes one at a time. A refused token or an
// exhausted rate limit stops them; an issue that cannot be changed (gone,
// say) is reported and the others still changed.
func (l *labelClient) applyPlan(ctx context.Context, plan *due.LabelPlan, yes bool, env Env) error {
	account := ""
	if l != nil {
		account = l.account
		for i := range plan.Remove {
			r := &plan.Remove[i]
			if r.AddedBy != "" {
				continue
			}
			by, err := l.client.LabelAddedBy(ctx, r.Repo, r.Number, r.Label)
			if err != nil {
				return failure(err)
			}
			r.AddedBy = by
		}
	}
	label := plan.Label
	changes, kept := plan.Decide(account)
	if len(changes) == 0 {
		if len(kept) == 0 {
			text.Fprintf(env.ErrOut, "sla: the label %q is already on exactly the due issues: nothing to change\n", label)
		} else {
			text.Fprintf(env.ErrOut, "sla: --apply-label %s: nothing to change; %s\n", label, leftAlone(len(kept)))
		}
		if !yes {
			printKept(kept, env)
		}
		return nil
	}
	if !yes {
		text.Fprintf(env.ErrOut, "sla: --apply-label %s would change %s (a dry run: add --yes to change them):\n", label, text.Plural(len(changes), "issue"))
		for _, c := range changes {
			text.Fprintf(env.ErrOut, "  %s\n", describeChange(c, true))
		}
		if len(kept) > 0 {
			text.Fprintf(env.ErrOut, "sla: %s:\n", leftAlone(len(kept)))
			printKept(kept, env)
		}
		return nil
	}
	added, removed, failed := 0, 0, 0
	for _, c := range changes {
		var err error
		if c.Add {
			err = l.client.AddLabel(ctx, c.Repo, c.Number, c.Label)
		} else {
			err = l.client.RemoveLabel(ctx, c.Repo, c.Number, c.Label)
		}
		var auth *github.AuthError
		var limit *github.RateLimitError
		switch {
		case ctx.Err() != nil:
			return failure(fmt.Errorf("interrupted: %s", changed(added, removed)))
		case errors.As(err, &auth) || errors.As(err, &limit):
			if added+removed > 0 {
				text.Fprintf(env.ErrOut, "sla: --apply-label %s stopped: %s\n", label, changed(added, removed))
			}
			return failure(err)
		case err != nil:
			failed++
			text.Fprintf(env.ErrOut, "sla: %v\n", err)
			continue
		}
		if c.Add {
			added++
		} else {
			removed++
		}
		text.Fprintf(env.ErrOut, "sla: %s\n", describeChange(c, false))
	}
	summary := changed(added, removed)
	if len(kept) > 0 {
		summary += "; " + leftAlone(len(kept))
	}
	text.Fprintf(env.ErrOut, "sla: --apply-label %s: %s\n", label, summary)
	if failed > 0 {
		return failure(fmt.Errorf("%s could not be changed", text.Plural(failed, "issue")))
	}
	return nil
}

// leftAlone counts the issues not due that keep the label.
func leftAlone(n int) string {
	return fmt.Sprintf("left on %s not due, as sla removes only the labels it added", text.Plural(n, "issue"))
}

func printKept(kept []due.Kept, env Env) {
	for _, k := range kept {
		text.Fprintf(env.ErrOut, "  leave %s on %s (not due; %s)\n", k.Label, k.Ref(), k.Why)
	}
}

// describeChange says what a change does (plan) or did.
func describeChange(c due.Change, plan bool) string {
	ref := c.Ref()
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
	return fmt.Sprintf("label added to %s, removed from %s", text.Plural(added, "issue"), text.Plural(removed, "issue"))
}
