package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
)

// parseIssueRef reads `sla explain`'s argument, OWNER/REPO#N: a repository
// as agreements name them and a number from 1, written without sign or
// leading zeros.
func parseIssueRef(s string) (compliance.IssueRef, error) {
	repo, num, ok := strings.Cut(s, "#")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n <= 0 || strconv.Itoa(n) != num || !agreement.Repo(repo).Valid() {
		return compliance.IssueRef{}, fmt.Errorf("%q is not an issue: write OWNER/REPO#NUMBER, e.g. acme/platform-requests#12", s)
	}
	return compliance.IssueRef{Repo: repo, Number: n}, nil
}
