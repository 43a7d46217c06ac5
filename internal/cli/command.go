package cli

import (
	"context"
	"io"

	"github.com/spf13/cobra"
)

// runWithPaths makes cmd a command whose arguments are all agreement
// files and folders (PATH...): any number, stored in *paths before run
// runs with the command's context.
func runWithPaths(cmd *cobra.Command, paths *[]string, run func(context.Context) error) {
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		*paths = args
		return run(cmd.Context())
	}
}

// completeFirst completes the first argument of a command such as
// `explain ISSUE [PATH...]` with what first offers for the word typed so
// far (no file names), and the arguments after it with files and folders.
func completeFirst(first func(ctx context.Context, prefix string) []cobra.Completion) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return first(cmd.Context(), toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// A format is one value of a command's -o and the writer of it: declared
// together, a format cannot be offered without a writer.
type format[T any] struct {
	name  string
	write func(io.Writer, T) error
}

// formatNames are the values of -o, the first the default.
func formatNames[T any](formats []format[T]) []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// writeFormat writes v in the format named (one of formats: -o refused
// any other while the command line was parsed).
func writeFormat[T any](w io.Writer, formats []format[T], name string, v T) error {
	for _, f := range formats {
		if f.name == name {
			return f.write(w, v)
		}
	}
	return formats[0].write(w, v)
}
