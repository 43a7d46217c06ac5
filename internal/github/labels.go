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
		return c.describeHTTPError(err, fmt.Sprintf("adding the label %q to %s#%d", label, repo, number), writeAccess)
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
		return c.describeHTTPError(err, fmt.Sprintf("removing the label %q from %s#%d", label, repo, number), writeAccess)
	}
	return nil
}
