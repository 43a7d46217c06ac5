package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// NewCmdVersion builds `sla version`.
func NewCmdVersion(env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print sla's version, commit and Go platform",
		Long: strings.TrimSpace(`
Print the version of sla: a release's version, the module version that
go install recorded, or the commit it was built from (+dirty when the
work tree had uncommitted changes); then the commit and its time, and the
Go version and platform it was built with. sla --version prints the first
line only. Reports carry the same version (sla check -o json as
"sla_version", the footer of sla report).`),
		Example: examples(`
  sla version
  sla --version`),
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return runVersion(env)
		},
	}
}

func runVersion(env Env) error {
	b := env.Build
	var out strings.Builder
	fmt.Fprintf(&out, "sla %s\n", env.version())
	if b.Commit != "" {
		fmt.Fprintf(&out, "commit %s", b.Commit)
		if b.Modified {
			out.WriteString(" +dirty")
		}
		if b.Time != "" {
			fmt.Fprintf(&out, " (%s)", b.Time)
		}
		out.WriteString("\n")
	}
	if b.GoVersion != "" {
		fmt.Fprintf(&out, "built with %s for %s\n", b.GoVersion, b.Platform)
	}
	_, err := fmt.Fprint(env.Out, out.String())
	return err
}
