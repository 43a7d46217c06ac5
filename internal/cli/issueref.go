package cli

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
)

// pullRequestTabs are the tabs of a pull request's page, whose addresses
// a lead may copy as well as the conversation's: /pull/N/files.
var pullRequestTabs = []string{"files", "commits", "checks"}

// parseIssueRef reads `sla explain`'s argument: OWNER/REPO#N, a
// repository as agreements name it and a number from 1 written without
// sign or leading zeros; or the issue's or pull request's address as a
// browser shows it, http(s)://HOST/OWNER/REPO/issues/N or …/pull/N (a
// trailing slash, a query or a fragment such as #issuecomment-1 left
// aside; for a pull request, also a tab: …/pull/N/files). host is the
// address's host, lowercase ("" for OWNER/REPO#N): the caller holds it to
// the GitHub it reads. webHost, that GitHub's, is only for the message.
func parseIssueRef(s, webHost string) (ref compliance.IssueRef, host string, err error) {
	notAnIssue := fmt.Errorf("%q is not an issue: write OWNER/REPO#NUMBER, e.g. acme/platform-requests#12, "+
		"or the address of the issue or pull request, https://%s/OWNER/REPO/issues/NUMBER", s, webHost)
	scheme, _, isURL := strings.Cut(s, "://")
	if !isURL || strings.ContainsAny(scheme, "/#") {
		repo, num, ok := strings.Cut(s, "#")
		n, numOK := issueNumber(num)
		if !ok || !numOK || !agreement.Repo(repo).Valid() {
			return compliance.IssueRef{}, "", notAnIssue
		}
		return compliance.IssueRef{Repo: repo, Number: n}, "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return compliance.IssueRef{}, "", notAnIssue
	}
	parts := strings.Split(strings.TrimPrefix(u.EscapedPath(), "/"), "/")
	if len(parts) > 4 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1] // a trailing slash
	}
	if len(parts) < 4 || len(parts) > 5 {
		return compliance.IssueRef{}, "", notAnIssue
	}
	repo, kind := parts[0]+"/"+parts[1], parts[2]
	n, numOK := issueNumber(parts[3])
	switch {
	case !numOK || !agreement.Repo(repo).Valid(),
		kind != "issues" && kind != "pull",
		len(parts) == 5 && (kind != "pull" || !slices.Contains(pullRequestTabs, parts[4])):
		return compliance.IssueRef{}, "", notAnIssue
	}
	return compliance.IssueRef{Repo: repo, Number: n}, strings.ToLower(u.Host), nil
}

// issueNumber reads an issue's number: from 1, without sign or leading
// zeros.
func issueNumber(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0 && strconv.Itoa(n) == s
}

// checkIssueHost refuses an issue's address (host not "") on a host that
// is none of hosts, where the issues sla reads are: its data says nothing
// of issues elsewhere.
func checkIssueHost(arg, host string, hosts ...string) error {
	if host == "" || slices.ContainsFunc(hosts, func(h string) bool { return strings.EqualFold(h, host) }) {
		return nil
	}
	var where []string
	for _, h := range hosts {
		if !slices.ContainsFunc(where, func(w string) bool { return strings.EqualFold(w, h) }) {
			where = append(where, h)
		}
	}
	return usageError("%s is an address on %s, but the issues sla reads are on %s: give the issue as OWNER/REPO#NUMBER or by its address there; "+
		"for a GitHub Enterprise Server on %s, give its API: --github-url https://%s/api/v3 (or GITHUB_API_URL)",
		arg, host, strings.Join(where, " or "), host, host)
}
