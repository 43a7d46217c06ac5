package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/sla-dev/sla/internal/describe"
	"github.com/sla-dev/sla/internal/report"
	"github.com/spf13/cobra"
)

// DescribeOptions are the flags and arguments of `sla describe`.
type DescribeOptions struct {
	Paths  []string
	Select Selection
}

// NewCmdDescribe builds `sla describe`.
func NewCmdDescribe(env Env) *cobra.Command {
	opts := &DescribeOptions{}
	cmd := &cobra.Command{
		Use:   "describe [PATH...]",
		Short: "Describe agreements in plain English, as Markdown",
		Long: strings.TrimSpace(`
Validate the agreements, then write each one as plain-English Markdown:
the provider and consumers with their contacts, the business hours, which
issues count, every objective as a sentence, and what each side promises,
each promise linked to the objective that measures it.

PATH may be files or folders; folders are searched for *.yaml and *.yml.
Without PATH, the agreements/ folder is read. Read the whole folder even
for one agreement (pick it with --agreement): the teams and calendars it
names must be among the files read. Agreements come in the order of their
files, sorted by path; docs/describe.md explains the wording.

Exit status: 0 described; 1 invalid agreements (the problems are printed
on standard error, nothing is described); 2 a path could not be read, or
no agreement has the name given to --agreement.`),
		Example: examples(`
  # Describe every agreement in ./agreements
  sla describe

  # One agreement, as a page for the team wiki
  sla describe --agreement platform-requests > platform-requests.md

  # In GitHub Actions: the agreements in the job's summary
  sla describe agreements/ >> "$GITHUB_STEP_SUMMARY"`),
	}
	runWithPaths(cmd, &opts.Paths, func(context.Context) error { return runDescribe(opts, env) })
	opts.Select.addAgreementFlag(cmd, allArgs, "describe only the agreement with this name")
	return cmd
}

func runDescribe(opts *DescribeOptions, env Env) error {
	set, err := validAgreements(opts.Paths, "nothing was described", env)
	if err != nil {
		return err
	}
	if set, err = opts.Select.apply(set); err != nil {
		return err
	}
	if len(set.Agreements) == 0 {
		fmt.Fprintln(env.ErrOut, "sla: the files read hold no agreements: nothing to describe")
		return nil
	}
	doc, err := describe.New(set)
	if err == nil {
		err = report.WriteDescription(env.Out, doc)
	}
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	return nil
}
