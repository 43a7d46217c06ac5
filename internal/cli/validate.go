package cli

import (
	"context"
	"strings"

	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/validate"
	"github.com/spf13/cobra"
)

// ValidateOptions are the flags and arguments of `sla validate`.
type ValidateOptions struct {
	Paths  []string
	Output string
}

var validateFormats = []string{"text", "json", "github"}

// NewCmdValidate builds `sla validate`.
func NewCmdValidate(env Env) *cobra.Command {
	opts := &ValidateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check agreement files for mistakes",
		Long: strings.TrimSpace(`
Validate agreement files: their YAML, their structure against the JSON
Schema, and what they mean (references resolve, names are unique,
objectives make sense). Every problem is reported at once, as
file:line:col with a rule id that docs/format.md explains.

PATH may be files or folders; folders are searched for *.yaml and *.yml.
Without PATH, the agreements/ folder is read.

Exit status: 0 valid (warnings allowed), 1 invalid, 2 a path could not be read.`),
		Example: examples(`
  # Validate ./agreements
  sla validate

  # Validate two files, as JSON for a script
  sla validate -o json teams.yaml platform.yaml

  # In GitHub Actions: annotate the pull request's changed lines
  sla validate -o github agreements/`),
	}
	runWithPaths(cmd, &opts.Paths, func(context.Context) error { return runValidate(opts, env) })
	outputFlag(cmd, &opts.Output, validateFormats, "")
	return cmd
}

func runValidate(opts *ValidateOptions, env Env) error {
	set, diags, err := validate.Run(opts.Paths)
	if err != nil {
		return failure(err)
	}
	summary := diag.Summary{Files: set.Files, Documents: set.Documents}
	switch opts.Output {
	case "json":
		err = diag.WriteJSON(env.Out, diags, summary)
	case "github":
		err = diag.WriteGitHub(env.Out, diags, summary)
	default:
		err = diag.WriteText(env.Out, diags, func(f string) []byte { return set.Sources[f] }, summary, env.Color())
	}
	if err != nil {
		return failure(err)
	}
	if diags.HasErrors() {
		return exitCode(ExitInvalid)
	}
	return nil
}
