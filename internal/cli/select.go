package cli

import (
	"slices"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/suggest"
	"github.com/spf13/cobra"
)

// Selection is the --agreement and --team flags: which agreements a
// command works on (all when both are empty).
type Selection struct {
	Agreement string
	Team      string
}

// pathsFunc picks the agreement paths out of a command's arguments, for
// completion.
type pathsFunc func(args []string) []string

// allArgs is the paths of a command whose arguments are all paths.
func allArgs(args []string) []string { return args }

// addAgreementFlag defines --agreement on cmd, completed with the names of
// the agreements in the files the command line names.
func (s *Selection) addAgreementFlag(cmd *cobra.Command, paths pathsFunc, usage string) {
	cmd.Flags().StringVar(&s.Agreement, "agreement", "", usage)
	_ = cmd.RegisterFlagCompletionFunc("agreement", completeNames(paths, agreementNames))
}

// addTeamFlag defines --team on cmd, completed with the names of the teams
// in the files the command line names.
func (s *Selection) addTeamFlag(cmd *cobra.Command, paths pathsFunc, usage string) {
	cmd.Flags().StringVar(&s.Team, "team", "", usage)
	_ = cmd.RegisterFlagCompletionFunc("team", completeNames(paths, teamNames))
}

// completeNames completes with names read from the agreement files, as
// far as they load: completion is for files being written, too.
func completeNames(paths pathsFunc, names func(*agreement.Set) []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		set, _, err := agreement.Load(paths(args))
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return names(set), cobra.ShellCompDirectiveNoFileComp
	}
}

// apply returns set with only the chosen agreements: the one named, of
// those where the team is the provider or a consumer. Teams and calendars
// are all kept: the agreements refer to them. A name that is not there is
// a usage error with a hint.
func (s Selection) apply(set *agreement.Set) (*agreement.Set, error) {
	if s.Agreement == "" && s.Team == "" {
		return set, nil
	}
	chosen := *set
	chosen.Agreements = nil
	if s.Agreement != "" {
		names := agreementNames(set)
		if !slices.Contains(names, s.Agreement) {
			return nil, unknownName("agreement", s.Agreement, names, nameHint(s.Agreement, names))
		}
	}
	if s.Team != "" {
		names := teamNames(set)
		if !slices.Contains(names, s.Team) {
			return nil, unknownName("team", s.Team, names, suggest.Hint(s.Team, names))
		}
	}
	for _, a := range set.Agreements {
		if s.Agreement != "" && string(a.Metadata.Name) != s.Agreement {
			continue
		}
		if s.Team != "" && string(a.Spec.Provider) != s.Team && !slices.Contains(a.Spec.Consumers, agreement.Name(s.Team)) {
			continue
		}
		chosen.Agreements = append(chosen.Agreements, a)
	}
	return &chosen, nil
}

// unknownName refuses a name that is not among names, with hint or else
// the names there are.
func unknownName(kind, name string, names []string, hint string) error {
	if hint == "" {
		hint = "; " + kind + "s: " + strings.Join(names, ", ")
		if len(names) == 0 {
			hint = "; the files read hold no " + kind + "s"
		}
	}
	return usageError("no %s named %q%s", kind, name, hint)
}

// nameHint suggests the name a user meant: one close to the whole word, or
// the only one whose beginning is close to it ("platfrom" for
// platform-requests: agreement names are often a team's name and more).
func nameHint(word string, names []string) string {
	if h := suggest.Hint(word, names); h != "" {
		return h
	}
	n := len([]rune(word))
	var match []string
	for _, c := range names {
		r := []rune(c)
		if len(r) <= n {
			continue
		}
		if p := string(r[:n]); strings.EqualFold(p, word) || suggest.Closest(word, []string{p}) != "" {
			match = append(match, c)
		}
	}
	if len(match) == 1 {
		return ` (did you mean "` + match[0] + `"?)`
	}
	return ""
}

// agreementNames lists the names of a set's agreements, in file order.
func agreementNames(set *agreement.Set) []string {
	names := make([]string, 0, len(set.Agreements))
	for _, a := range set.Agreements {
		names = append(names, string(a.Metadata.Name))
	}
	return names
}

// teamNames lists the names of a set's teams, in file order.
func teamNames(set *agreement.Set) []string {
	names := make([]string, 0, len(set.Teams))
	for _, t := range set.Teams {
		names = append(names, string(t.Metadata.Name))
	}
	return names
}
