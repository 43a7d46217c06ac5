package github

import (
	"cmp"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// UnreachableError means GitHub could not be reached at all: the same
// cause for every repository and team, so its message names none.
type UnreachableError struct {
	msg string
}

func (e *UnreachableError) Error() string { return e.msg }

// describeFailure turns a request that got no answer into a sentence:
// without Go's `Get "URL":` prefix, and for a GitHub that cannot be
// reached, what to check.
func (c *Client) describeFailure(err error, what string) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if reason, ok := unreachable(err); ok {
		from := ""
		if c.baseSource != "" {
			from = " (from " + c.baseSource + ")"
		}
		return &UnreachableError{fmt.Sprintf("cannot reach GitHub at %s%s: %s — check the network, or set GITHUB_API_URL / --github-url",
			strings.TrimSuffix(c.base.String(), "/"), from, reason)}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// unreachable reports whether a request failed before any connection was
// made (no such host, connection refused), and why, in the system's words.
func unreachable(err error) (string, bool) {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return cmp.Or(dns.Err, "no such host"), true
	}
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "dial" {
		return "", false
	}
	var sys *os.SyscallError
	if errors.As(op.Err, &sys) {
		return sys.Err.Error(), true
	}
	return op.Err.Error(), true
}

// describeTeamError says why a team's members could not be listed, and
// what the token needs for it.
func (c *Client) describeTeamError(err error, team string) error {
	var er *gh.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil ||
		(er.Response.StatusCode != http.StatusNotFound && er.Response.StatusCode != http.StatusForbidden) {
		return c.describeHTTPError(err, "team "+team, readAccess)
	}
	if isSecondaryLimit(er.Message, er.DocumentationURL) {
		return c.describeHTTPError(err, "team "+team, readAccess)
	}
	needs := "organisation Members: read (a fine-grained token or GitHub App), or read:org (a classic token)"
	if c.tokenSource == "" {
		return fmt.Errorf("cannot list the members of %s: GitHub answered %d without a token; listing them needs a token with %s",
			team, er.Response.StatusCode, needs)
	}
	msg := fmt.Sprintf("cannot list the members of %s: GitHub answered %d to the token from %s (the team does not exist, or the token cannot see it); listing them needs %s",
		team, er.Response.StatusCode, c.tokenSource, needs)
	if c.tokenSource == "GITHUB_TOKEN" {
		msg += "; the GITHUB_TOKEN of a workflow cannot — see docs/ci.md"
	}
	return errors.New(msg)
}
