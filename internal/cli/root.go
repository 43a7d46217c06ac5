// Package cli holds the sla commands: one file per command, each with an
// Options struct filled by flags and a run function that takes it.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/sla-dev/sla/internal/text"
	"github.com/spf13/cobra"
)

// Exit codes (SPEC §5).
const (
	ExitOK         = 0
	ExitInvalid    = 1 // invalid agreements, or --fail-on tripped
	ExitError      = 2 // usage, I/O or network error: nothing evaluated
	ExitIncomplete = 3 // evaluated, but some data could not be fetched
)

// exitError carries an exit code; its message, if any, has not been printed.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// exitCode is an error that only sets the exit code: output already said why.
func exitCode(code int) error { return &exitError{code: code} }

// usageError is a mistake on the command line.
func usageError(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...)}
}

// failure is an error that stopped a command (exit 2): a file or git
// that could not be read, GitHub, an output that could not be written.
func failure(err error) error { return &exitError{code: ExitError, err: err} }

// Main runs sla with args and returns the process exit code. It prints any
// error once, to env.ErrOut.
func Main(args []string, env Env) int {
	root := NewCmdRoot(env)
	root.SetArgs(args)
	// Ctrl-C cancels the context: a fetch stops at once, and snapshot and
	// cache files, written whole or not at all, stay consistent.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(env.ErrOut, "sla: %s\n", text.EscapeLines(ee.err.Error()))
		}
		return ee.code
	}
	// Anything else is cobra's own: an unknown command or flag, bad arguments.
	fmt.Fprintf(env.ErrOut, "sla: %s\nRun 'sla --help' for usage.\n", text.EscapeLines(err.Error()))
	return ExitError
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(env Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "sla",
		Short: "Service-level agreements between teams, as code",
		Long: strings.TrimSpace(`
sla validates service-level agreements written as YAML, measures every
promise against GitHub issues in business hours, and reports compliance.

Agreement files are read from the agreements/ folder unless paths are given.`),
		Example: examples(`
  # Check the agreement files in ./agreements
  sla validate

  # Measure them against GitHub now (token from GH_TOKEN, GITHUB_TOKEN or gh auth login)
  sla check

  # Why is this number what it is?
  sla explain acme/platform-requests#12

  # What to answer first today, and by when
  sla due --team platform

  # Each agreement in plain English
  sla describe`),
		Version:       env.version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(env.Out)
	root.SetErr(env.ErrOut)
	root.SetVersionTemplate("sla {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		var enum *enumError
		if errors.As(err, &enum) {
			return usageError("%v", enum) // it names the values there are
		}
		return usageError("%v\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	for _, newCmd := range []func(Env) *cobra.Command{
		NewCmdInit, NewCmdValidate, NewCmdCheck, NewCmdExplain, NewCmdFetch, NewCmdDescribe,
		NewCmdDiff, NewCmdCodeowners, NewCmdDue, NewCmdReport, NewCmdKudos, NewCmdBaseline, NewCmdCheckin, NewCmdVersion,
	} {
		root.AddCommand(newCmd(env))
	}

	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Example = examples(`
  # Load completions in the current bash session
  source <(sla completion bash)

  # Install them for zsh
  sla completion zsh > "${fpath[1]}/_sla"`)
			for _, sub := range c.Commands() {
				sub.Example = fmt.Sprintf("  sla completion %s --help", sub.Name())
			}
		}
	}
	return root
}

// examples trims the blank lines around a command's examples but keeps the
// indentation of the first one, which cobra prints as written.
func examples(s string) string { return strings.Trim(s, "\n") }
