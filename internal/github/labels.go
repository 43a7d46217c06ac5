package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

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

// Account returns the login of the token's account: the author of the
// label events its changes record, which is how `sla due --apply-label`
// knows the labels it added. GET /user names a person's token (classic or
// fine-grained); GitHub answers it 403 for a GitHub App installation token
// (a workflow's GITHUB_TOKEN among them), whose account GraphQL's viewer
// names instead: the app's bot, such as github-actions[bot].
func (c *Client) Account(ctx context.Context) (string, error) {
	const what = "finding the token's account (GET /user)"
	u, _, err := c.gh.Users.Get(ctx, "")
	var er *gh.ErrorResponse
	if errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusForbidden {
		return c.viewer(ctx)
	}
	if err != nil {
		return "", c.describeHTTPError(err, what, readAccess)
	}
	if u.GetLogin() == "" {
		return "", fmt.Errorf("%s: GitHub answered without a login", what)
	}
	return u.GetLogin(), nil
}

// viewer asks GitHub's GraphQL API for the token's login.
func (c *Client) viewer(ctx context.Context) (string, error) {
	const what = "finding the token's account (GraphQL viewer, as GET /user is closed to app tokens)"
	req, err := c.gh.NewRequest(http.MethodPost, c.graphQLURL(), map[string]string{"query": "query { viewer { login } }"})
	if err != nil {
		return "", err
	}
	var out struct {
		Data struct {
			Viewer struct {
				Login string `json:"login"`
			} `json:"viewer"`
		} `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if _, err := c.gh.Do(ctx, req, &out); err != nil {
		return "", c.describeHTTPError(err, what, readAccess)
	}
	if out.Data.Viewer.Login == "" {
		msg := "no login in the answer"
		if len(out.Errors) > 0 {
			msg = out.Errors[0].Message
		}
		return "", fmt.Errorf("%s: %s", what, msg)
	}
	return out.Data.Viewer.Login, nil
}

// graphQLURL is the GraphQL endpoint beside the REST API's base:
// https://api.github.com/graphql, or https://HOST/api/graphql for
// Enterprise Server's https://HOST/api/v3/.
func (c *Client) graphQLURL() string {
	u := *c.base
	if p, ok := strings.CutSuffix(u.Path, "/api/v3/"); ok {
		u.Path = p + "/api/graphql"
	} else {
		u.Path += "graphql"
	}
	return u.String()
}

// LabelAddedBy returns who last added the label (ignoring case, as GitHub
// matches names) to an issue, from the issue's own events list, oldest
// first: the login of its latest labeled event for that label, or "" when
// no event there added it.
func (c *Client) LabelAddedBy(ctx context.Context, repo string, number int, label string) (string, error) {
	owner, name, ok := strings.Cut(repo, "/")
	if !ok {
		return "", fmt.Errorf("%s is not owner/name", repo)
	}
	first := fmt.Sprintf("repos/%s/%s/issues/%d/events?per_page=100", url.PathEscape(owner), url.PathEscape(name), number)
	got, err := listPages(ctx, c, stream[gh.IssueEvent]{first: first,
		key: func(*gh.IssueEvent) time.Time { return time.Time{} }, maxPages: maxIssuePages}, func(int) {})
	if err != nil {
		return "", c.describeHTTPError(err, fmt.Sprintf("reading the events of %s#%d", repo, number), readAccess)
	}
	by := ""
	for _, e := range got.items {
		if e.GetEvent() == "labeled" && strings.EqualFold(e.GetLabel().GetName(), label) {
			by = e.GetActor().GetLogin()
		}
	}
	return by, nil
}
