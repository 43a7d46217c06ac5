package validate

import (
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

func checkTeams(set *agreement.Set, diags *diag.List) {
	for _, t := range set.Teams {
		if len(t.Spec.Members) == 0 && t.Spec.GitHubTeam == "" {
			diags.Add(t.Pos(agreement.Key("spec")), diag.TeamWithoutMembers,
				"team %q has no members: list GitHub logins under members, or name a GitHub team as github_team (e.g. acme/%s)",
				t.Metadata.Name, t.Metadata.Name)
		}
		seen := map[string]int{}
		for i, m := range t.Spec.Members {
			key := strings.ToLower(string(m))
			if first, ok := seen[key]; ok {
				diags.Warn(t.Spec.Pos("members", i), diag.DuplicateMember,
					"%q is listed twice (also as item %d; logins ignore case): remove one", string(m), first+1)
				continue
			}
			seen[key] = i
		}
	}
}
