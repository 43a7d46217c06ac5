package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// TokenSource names where the client's token came from (an environment
// variable, or `gh auth token`), or is "" when it has none.
func (c *Client) TokenSource() string { return c.tokenSource }

// AddLabel adds a label to an issue or pull request (GitHub creates the
// label in the repository if it has none of that name). Adding a label the
// issue has already changes nothing.
func (c *Client) AddLabel(ctx context.Context, repo string, number int, label string) error {
	owner, name, ok := strings.Cut(repo, "/")
	if !ok {
		return fmt.Errorf("%s is not owner/name", repo)
	}
	_, _, err := c.gh.Issues.AddLabelsToIssue(ctx, url.PathEscape(owner), url.PathEscape(name), number, []string{label})
	if err != nil {
		return c.describeWriteError(err, fmt.Sprintf("adding the label %q to %s#%d", label, repo, number))
	}
	return nil
}

// RemoveLabel removes a label from an issue or pull request. A label the
// issue does not carry (GitHub answers 404 "Label does not exist") is not
// an error: the issue is as asked.
func (c *Client) RemoveLabel(ctx context.Context, repo string, number int, label string) error {
	owner, name, ok := strings.Cut(repo, "/")
	if !ok {
		return fmt.Errorf("%s is not owner/name", repo)
	}
	_, err := c.gh.Issues.RemoveLabelForIssue(ctx, url.PathEscape(owner), url.PathEscape(name), number, url.PathEscape(label))
	var er *gh.ErrorResponse
	if errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound && er.Message == "Label does not exist" {
		return nil
	}
	if err != nil {
		return c.describeWriteError(err, fmt.Sprintf("removing the label %q from %s#%d", label, repo, number))
	}
	return nil
}

// describeWriteError turns an error answer to a change into a sentence
// that says what to do, naming where the token came from but never the
// token.
func (c *Client) describeWriteError(err error, what string) error {
	var er *gh.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	src := c.tokenSource
	switch er.Response.StatusCode {
	case http.StatusUnauthorized:
		if src == "" {
			return &AuthError{fmt.Sprintf("%s: GitHub answered 401 (authentication required): changing labels needs a token with issues: write in GH_TOKEN or GITHUB_TOKEN, or `gh auth login`", what)}
		}
		return &AuthError{fmt.Sprintf("%s: GitHub answered 401 (bad credentials): the token from %s is not valid or has expired", what, src)}
	case http.StatusForbidden:
		if src == "" {
			return &AuthError{fmt.Sprintf("%s: GitHub answered 403 (%s): changing labels needs a token with issues: write in GH_TOKEN or GITHUB_TOKEN", what, er.Message)}
		}
		return &AuthError{fmt.Sprintf("%s: GitHub answered 403 (%s): the token from %s may read issues but not change them: it needs issues: write "+
			"(in a workflow, `permissions: issues: write`; a fine-grained token, Issues: read and write; a classic token, the repo scope)", what, er.Message, src)}
	case http.StatusNotFound:
		if src == "" {
			return fmt.Errorf("%s: not found (GitHub answers 404 for private repositories without a token)", what)
		}
		return fmt.Errorf("%s: not found, or the token from %s cannot see it", what, src)
	case http.StatusGone:
		return fmt.Errorf("%s: GitHub answered 410: issues are disabled in the repository", what)
	}
	return fmt.Errorf("%s: GitHub answered %d: %s", what, er.Response.StatusCode, er.Message)
}
