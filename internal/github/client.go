package github

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// DefaultBaseURL is GitHub's API.
const DefaultBaseURL = "https://api.github.com/"

// Config says where and how to reach GitHub.
type Config struct {
	BaseURL string // API base URL; Enterprise Server: https://HOST/api/v3/
	// BaseURLSource names where BaseURL came from (--github-url,
	// GITHUB_API_URL; "" for the default), for messages.
	BaseURLSource string
	Token         string
	// TokenSource names where the token came from (an environment
	// variable, or `gh auth token`), for messages: never the token.
	TokenSource string
	// HTTP is the transport under ours (tests use the fake GitHub's).
	HTTP     http.RoundTripper
	InFlight int
	MaxWait  time.Duration
	// AnswerTimeout and BodyTimeout bound each try (0: the defaults).
	AnswerTimeout time.Duration
	BodyTimeout   time.Duration
	Notify        func(string)
	Now           func() time.Time
	Sleep         func(ctx context.Context, d time.Duration) error
}

// Client reads issues, comments, events and team members.
type Client struct {
	gh          *gh.Client
	transport   *Transport
	tokenSource string
	base        *url.URL
	baseSource  string
	origin      string // of base: the only one that gets the token
	maxPages    int    // of a repository's stream
}

// NewClient builds a client for the API at cfg.BaseURL.
func NewClient(cfg Config) (*Client, error) {
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("GitHub API URL %q is not an http(s) URL such as %s", cfg.BaseURL, DefaultBaseURL)
	}
	origin := originOf(u)
	tr := &Transport{Base: cfg.HTTP, InFlight: cfg.InFlight, MaxWait: cfg.MaxWait, Notify: cfg.Notify, Now: cfg.Now, Sleep: cfg.Sleep,
		AnswerTimeout: cfg.AnswerTimeout, BodyTimeout: cfg.BodyTimeout, token: cfg.Token, origin: origin}
	// No overall timeout: each try is bounded in the transport, and waits
	// for rate limits by MaxWait.
	client := gh.NewClient(&http.Client{Transport: tr, CheckRedirect: redirectPolicy(origin)})
	client.BaseURL = u
	return &Client{gh: client, transport: tr, tokenSource: cfg.TokenSource, base: u, baseSource: cfg.BaseURLSource, origin: origin,
		maxPages: maxStreamPages}, nil
}

// Stats reports the requests made so far.
func (c *Client) Stats() Stats { return c.transport.Stats() }

// Host is the web host of the API: github.com for api.github.com, else the
// Enterprise Server's host.
func Host(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" {
		return "github.com"
	}
	if strings.EqualFold(u.Hostname(), "api.github.com") {
		return "github.com"
	}
	return u.Host
}

// BaseURL picks the API URL: the flag, else GITHUB_API_URL, else GitHub's.
func BaseURL(flag string, getenv func(string) string) string {
	u, _ := LocateAPI(flag, getenv)
	return u
}

// LocateAPI is BaseURL, and where it came from: "--github-url",
// "GITHUB_API_URL", or "" for GitHub's.
func LocateAPI(flag string, getenv func(string) string) (baseURL, source string) {
	for _, c := range []struct{ v, source string }{{flag, "--github-url"}, {getenv("GITHUB_API_URL"), "GITHUB_API_URL"}} {
		if v := strings.TrimSpace(c.v); v != "" {
			return strings.TrimRight(v, "/") + "/", c.source
		}
	}
	return DefaultBaseURL, ""
}

// Token finds a token the way the GitHub CLI does: GH_TOKEN, then
// GITHUB_TOKEN for github.com; GH_ENTERPRISE_TOKEN, then
// GITHUB_ENTERPRISE_TOKEN for another host (then GH_TOKEN and GITHUB_TOKEN,
// which is what Actions provides on Enterprise Server); else
// `gh auth token --hostname HOST` when gh is installed. It returns the
// token and where it came from; "" when there is none.
func Token(ctx context.Context, host string, getenv func(string) string, ghAuthToken func(ctx context.Context, host string) (string, error)) (token, source string) {
	vars := []string{"GH_TOKEN", "GITHUB_TOKEN"}
	if host != "github.com" {
		vars = append([]string{"GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"}, vars...)
	}
	for _, v := range vars {
		if t := strings.TrimSpace(getenv(v)); t != "" {
			return t, v
		}
	}
	if ghAuthToken == nil {
		ghAuthToken = GHAuthToken
	}
	if t, err := ghAuthToken(ctx, host); err == nil && t != "" {
		return t, "`gh auth token --hostname " + host + "`"
	}
	return "", ""
}

// GHAuthToken asks the GitHub CLI for its token, if gh is installed.
func GHAuthToken(ctx context.Context, host string) (string, error) {
	path, err := exec.LookPath("gh")
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "auth", "token", "--hostname", host).Output()
	if err != nil {
		return "", errors.New("gh auth token failed")
	}
	return strings.TrimSpace(string(out)), nil
}

// access says what a kind of request needs of the token, for messages.
type access struct {
	// write: a 403 means the token may read but not change, and stops the
	// run like a 401.
	write bool
	// noToken and needs complete "GitHub answered 401/403: …".
	noToken, needs string
}

var (
	readAccess = access{
		noToken: "without a token only public repositories can be read",
		needs:   "needs read access to issues (Issues: read, or the repo scope), and members: read for teams",
	}
	writeAccess = access{write: true,
		noToken: "changing labels needs a token with issues: write in GH_TOKEN or GITHUB_TOKEN",
		needs: "may read issues but not change them: it needs issues: write " +
			"(in a workflow, `permissions: issues: write`; a fine-grained token, Issues: read and write; a classic token, the repo scope)",
	}
)

// describeHTTPError turns an error answer into a sentence that says what
// to do, naming where the token came from but never the token.
func (c *Client) describeHTTPError(err error, what string, a access) error {
	var er *gh.ErrorResponse
	var abuse *gh.AbuseRateLimitError
	switch {
	case errors.As(err, &abuse):
		return fmt.Errorf("%s: GitHub's secondary rate limit (%s): try again in a few minutes", what, abuse.Message)
	case !errors.As(err, &er) || er.Response == nil:
		return c.describeFailure(err, what)
	}
	src := c.tokenSource
	switch er.Response.StatusCode {
	case http.StatusUnauthorized:
		if src == "" {
			return &AuthError{fmt.Sprintf("%s: GitHub answered 401 (authentication required): set GH_TOKEN or GITHUB_TOKEN, or log in with `gh auth login`", what)}
		}
		return &AuthError{fmt.Sprintf("%s: GitHub answered 401 (bad credentials): the token from %s is not valid or has expired", what, src)}
	case http.StatusForbidden:
		if isSecondaryLimit(er.Message, er.DocumentationURL) {
			// A limit on how fast, not on what: the token may well be allowed.
			return fmt.Errorf("%s: GitHub's secondary rate limit (%s): try again in a few minutes", what, er.Message)
		}
		msg := fmt.Sprintf("%s: GitHub answered 403 (%s): %s", what, cmp.Or(er.Message, "forbidden"), a.noToken)
		if src != "" {
			msg = fmt.Sprintf("%s: GitHub answered 403 (%s): the token from %s %s", what, cmp.Or(er.Message, "forbidden"), src, a.needs)
		}
		if a.write {
			return &AuthError{msg}
		}
		return errors.New(msg)
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

// AuthError means the credentials themselves were refused: nothing can be
// fetched.
type AuthError struct{ msg string }

func (e *AuthError) Error() string { return e.msg }
