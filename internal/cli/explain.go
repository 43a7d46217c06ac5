package cli

import (
	"context"
	"net/url"
	"strings"

	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/report"
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
	}
	opts.Data.addFlags(cmd)
	return cmd
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
