package cli

import (
	"fmt"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/describe"
	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/validate"
	"github.com/spf13/cobra"
)

// DescribeOptions are the flags and arguments of `sla describe`.
type DescribeOptions struct {
	Paths     []string
	Agreement string
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
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Paths = args
			return runDescribe(opts, env)
		},
	}
	cmd.Flags().StringVar(&opts.Agreement, "agreement", "", "describe only the agreement with this name")
	_ = cmd.RegisterFlagCompletionFunc("agreement", func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		set, _, err := validate.Run(args)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return agreementNames(set), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runDescribe(opts *DescribeOptions, env Env) error {
	set, diags, err := validate.Run(opts.Paths)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if diags.HasErrors() {
		src := func(f string) []byte { return set.Sources[f] }
		_ = diag.WriteText(env.ErrOut, diags, src, diag.Summary{Files: set.Files, Documents: set.Documents}, false)
		return &exitError{code: ExitInvalid, err: fmt.Errorf("the agreements are invalid: nothing was described (see `sla validate`)")}
	}
	if opts.Agreement != "" {
		sub := *set
		sub.Agreements = nil
		for _, a := range set.Agreements {
			if string(a.Metadata.Name) == opts.Agreement {
				sub.Agreements = append(sub.Agreements, a)
			}
		}
		if len(sub.Agreements) == 0 {
			names := agreementNames(set)
			hint := nameHint(opts.Agreement, names)
			if hint == "" {
				hint = "; agreements: " + strings.Join(names, ", ")
				if len(names) == 0 {
					hint = "; the files read hold no agreements"
				}
			}
			return usageError("no agreement named %q%s", opts.Agreement, hint)
		}
		set = &sub
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

// agreementNames lists the names of a set's agreements, in file order.
func agreementNames(set *agreement.Set) []string {
	names := make([]string, 0, len(set.Agreements))
	for _, a := range set.Agreements {
		names = append(names, string(a.Metadata.Name))
	}
	return names
}
