package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// enumValue is a string flag with a fixed set of values, as gh's
// cmdutil.StringEnumFlag: a value outside the set is refused while the
// command line is parsed, before anything is read or fetched, and the
// shell completes the values.
type enumValue struct {
	p       *string
	name    string
	options []string
	hint    string
}

// enumFlag defines the flag --name (and -short, if not "") on cmd, set to
// value unless given, taking one of options; hint, if not "", follows the
// list of options in the message that refuses another value.
func enumFlag(cmd *cobra.Command, p *string, name, short, value string, options []string, usage, hint string) {
	*p = value
	v := &enumValue{p: p, name: name, options: options, hint: hint}
	cmd.Flags().VarP(v, name, short, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(options, cobra.ShellCompDirectiveNoFileComp))
}

// outputFlag is the -o flag of a command that writes these formats, the
// first by default.
func outputFlag(cmd *cobra.Command, p *string, formats []string, hint string) {
	enumFlag(cmd, p, "output", "o", formats[0], formats, "output format: "+strings.Join(formats, ", "), hint)
}

func (v *enumValue) String() string { return *v.p }

// Type is what help shows after the flag's name.
func (v *enumValue) Type() string { return "string" }

func (v *enumValue) Set(s string) error {
	if !slices.Contains(v.options, s) {
		return &enumError{flag: v.name, value: s, options: v.options, hint: v.hint}
	}
	*v.p = s
	return nil
}

// enumError refuses a value that is not one of a flag's options.
type enumError struct {
	flag, value string
	options     []string
	hint        string
}

func (e *enumError) Error() string {
	what := fmt.Sprintf("--%s %q", e.flag, e.value)
	if e.flag == "output" {
		what = fmt.Sprintf("unknown output format %q", e.value)
	}
	msg := what + ": use " + oneOf(e.options)
	if e.hint != "" {
		msg += " " + e.hint
	}
	return msg
}

// oneOf lists the values there are: "html", "consumer or repo", "one of
// table, markdown, json, csv".
func oneOf(values []string) string {
	switch len(values) {
	case 1:
		return values[0]
	case 2:
		return values[0] + " or " + values[1]
	}
	return "one of " + strings.Join(values, ", ")
}
