package cli

import (
	"context"
	"strings"

	"github.com/sla-dev/sla/internal/compliance"
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
due time. It answers "why is this number what it is?".`),
		Example: examples(`
  # Why did acme/platform-requests#12 breach?
  sla explain acme/platform-requests#12 --snapshot issues.json.gz

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
	ref, err := parseIssueRef(opts.Issue)
	if err != nil {
		return usageError("%v", err)
	}
	// One issue, under every objective: no selection, and whatever period
	// the data covers (docs/check.md).
	ev, err := loadEvaluation(ctx, evaluationRequest{paths: opts.Paths, data: &opts.Data, anyCoverage: true}, env)
	if err != nil {
		return err
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
