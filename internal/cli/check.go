package cli

import (
	"context"
	"strings"

	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/report"
	"github.com/spf13/cobra"
)

// CheckOptions are the flags and arguments of `sla check`.
type CheckOptions struct {
	EvaluationOptions
	Output  string
	Details bool
	FailOn  string
	By      string
}

// The values of --fail-on.
const (
	failNever    = "never"
	failBreached = "breached"
	failAtRisk   = "at_risk"
)

var (
	checkFormats = []string{"table", "markdown", "json", "csv"}
	failOnValues = []string{failNever, failBreached, failAtRisk}
	byValues     = []string{compliance.ByConsumer, compliance.ByRepo}
)

// NewCmdCheck builds `sla check`.
func NewCmdCheck(env Env) *cobra.Command {
	opts := &CheckOptions{}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Measure every objective against issue data",
		Long: strings.TrimSpace(`
Validate the agreements, then measure each objective against the issues of
its repositories: which clocks met their promise, which breached it, which
are still running, and whether each objective meets its target. Time counts
in business hours under each objective's calendar.

Issue data comes live from GitHub (token from GH_TOKEN or GITHUB_TOKEN, or
the GitHub CLI's login), revalidated against a cache of earlier runs so
that a re-run costs a few requests, or from --snapshot files written by
sla fetch. The evaluation instant is --at, else now, or with a snapshot the
time it was fetched.

Exit status: 0 evaluated; 1 invalid agreements, or --fail-on tripped;
2 usage or file error (nothing evaluated); 3 evaluated, but a repository
could not be read (its objectives are marked incomplete).`),
		Example: examples(`
  # Measure the agreements in ./agreements against GitHub, now
  sla check

  # ... or against a snapshot written by sla fetch
  sla check --snapshot issues.json.gz

  # Each objective's weekly attainment over the last 12 weeks, as a sparkline
  sla check --snapshot issues.json.gz --trend 12

  # How does Platform serve each of its consumers?
  sla check --snapshot issues.json.gz --team platform --by consumer

  # As of the end of October, one agreement, with the issues behind each number
  sla check --snapshot issues.json.gz --at 2026-10-31T23:59:59Z --agreement platform-requests --details

  # In CI: fail when any objective is breached, keep the JSON
  sla check --snapshot issues.json.gz --fail-on breached -o json > compliance.json

  # In GitHub Actions: the report as the job's summary
  sla check --snapshot issues.json.gz -o markdown >> "$GITHUB_STEP_SUMMARY"`),
	}
	runWithPaths(cmd, &opts.Paths, func(ctx context.Context) error { return runCheck(ctx, opts, env) })
	f := cmd.Flags()
	opts.addEvaluationFlags(cmd, "evaluate only the agreement with this name", "only the agreements where this team is the provider or a consumer")
	outputFlag(cmd, &opts.Output, checkFormats, "")
	f.BoolVar(&opts.Details, "details", false, "list the issues behind each number (in JSON and CSV: every clock)")
	enumFlag(cmd, &opts.FailOn, "fail-on", "", failNever, failOnValues, "exit 1 when an objective is: "+strings.Join(failOnValues, ", "), "")
	enumFlag(cmd, &opts.By, "by", "", "", byValues, "break each objective down by consumer (team of the issue's author) or repo", "")
	f.IntVar(&opts.Data.Trend, "trend", 0, "also evaluate each objective at N weekly points ending at --at, each with its own window, and show the trend")
	return cmd
}

func runCheck(ctx context.Context, opts *CheckOptions, env Env) error {
	ev, err := loadEvaluation(ctx, opts.request(), env)
	if err != nil {
		return err
	}
	defer ev.close() // a snapshot still being read, when the command stops before evaluating
	rep, err := ev.evaluateWhileReading(ev.objectives)
	if err != nil {
		return err
	}
	ev.snap.DropHistories() // the report shows issues and figures only
	if opts.By != "" {
		if err := compliance.Breakdown(rep, opts.By); err != nil {
			return usageError("%v", err)
		}
	}
	switch opts.Output {
	case "json":
		err = report.WriteJSON(env.Out, rep, report.JSONOptions{Details: opts.Details, Version: env.version()})
	case "markdown":
		err = report.WriteMarkdown(env.Out, rep)
	case "csv":
		err = report.WriteCSV(env.Out, rep, opts.Details)
	default:
		err = report.WriteTable(env.Out, rep, report.TableOptions{Color: env.Color(), Details: opts.Details})
	}
	if err != nil {
		return failure(err)
	}
	return exitFor(rep, opts.FailOn, env)
}
