package cli

import (
	"context"
	"net/url"
	"strings"

	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/text"
	"github.com/spf13/cobra"
)

// ExplainOptions are the flags and arguments of `sla explain`.
type ExplainOptions struct {
	Issue string
	Paths []string
	Data  DataOptions
}

// NewCmdExplain builds `sla explain`.
func NewCmdExplain(env Env) *cobra.Command {
	opts := &ExplainOptions{}
	cmd := &cobra.Command{
		Use:   "explain OWNER/REPO#N [PATH...]",
		Short: "Show how one issue was measured, step by step",
		Long: strings.TrimSpace(`
Explain every clock of one issue under every objective whose repositories
include it: when each clock started, the intervals that counted and their
business time, the pauses and closed periods that did not, what stopped
it, the elapsed time against the objective's within, the verdict and the
due time. It answers "why is this number what it is?".

The issue is OWNER/REPO#N, or its address copied from the browser:
https://github.com/OWNER/REPO/issues/N or .../pull/N, on github.com or the
Enterprise Server of --github-url (with --snapshot, also the host its
addresses name); a #issuecomment-... or a query after it is left aside.`),
		Example: examples(`
  # Why did acme/platform-requests#12 breach?
  sla explain acme/platform-requests#12 --snapshot issues.json.gz

  # ... by its address, as copied from the browser
  sla explain https://github.com/acme/platform-requests/issues/12 --snapshot issues.json.gz

  # As of an earlier instant
  sla explain acme/platform-requests#12 --snapshot issues.json.gz --at 2026-11-20T12:00:00Z`),
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Issue, opts.Paths = args[0], args[1:]
			return runExplain(cmd.Context(), opts, env)
		},
		ValidArgsFunction: completeFirst(func(_ context.Context, prefix string) []cobra.Completion {
			return snapshotIssues(opts.Data.Snapshots, prefix)
		}),
	}
	opts.Data.addFlags(cmd)
	return cmd
}

// snapshotIssues completes explain's first argument: the issues of the
// --snapshot files on the command line whose OWNER/REPO#N begins with
// prefix, each with its title. Without a snapshot it offers nothing:
// reading GitHub is too slow for a key press, and files are no issue.
func snapshotIssues(paths []string, prefix string) []cobra.Completion {
	var parts []*snapshot.Snapshot
	for _, p := range paths {
		s, err := snapshot.ReadFile(p)
		if err != nil {
			cobra.CompDebugln("sla: "+err.Error(), false)
			continue
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return nil
	}
	var out []cobra.Completion
	for _, r := range snapshot.Merge(parts...).Repos {
		for _, is := range r.Issues {
			if ref := (compliance.IssueRef{Repo: r.Name, Number: is.Number}).String(); strings.HasPrefix(ref, prefix) {
				out = append(out, cobra.CompletionWithDesc(ref, text.Escape(is.Title)))
			}
		}
	}
	return out
}

func runExplain(ctx context.Context, opts *ExplainOptions, env Env) error {
	webHost := github.Host(github.BaseURL(opts.Data.GitHub.URL, env.Getenv))
	ref, host, err := parseIssueRef(opts.Issue, webHost)
	if err != nil {
		return usageError("%v", err)
	}
	live := len(opts.Data.Snapshots) == 0
	if live {
		if err := checkIssueHost(opts.Issue, host, webHost); err != nil {
			return err
		}
	}
	// One issue, under every objective: no selection, and whatever period
	// the data covers (docs/check.md).
	ev, err := loadEvaluation(ctx, evaluationRequest{paths: opts.Paths, data: &opts.Data, anyCoverage: true}, env)
	if err != nil {
		return err
	}
	if !live {
		// A snapshot's issues are on the host its addresses name.
		hosts := []string{webHost}
		if r := ev.snap.Repo(ref.Repo); r != nil {
			if u, err := url.Parse(r.HTMLURL); err == nil && u.Host != "" {
				hosts = append(hosts, u.Host)
			}
		}
		if err := checkIssueHost(opts.Issue, host, hosts...); err != nil {
			return err
		}
	}
	hist, tl, xs, err := compliance.Explain(ev.objectives, ev.snap, ref, ev.at)
	if err != nil {
		return failure(err)
	}
	if err := report.WriteExplain(env.Out, hist, tl, xs); err != nil {
		return failure(err)
	}
	return nil
}
