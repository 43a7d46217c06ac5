package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
	"github.com/sla-dev/sla/internal/checkinmark"
	"github.com/sla-dev/sla/internal/snapshot"
)

// CheckinIssue is an issue labelled sla-checkin whose body carries a
// check-in marker.
type CheckinIssue struct {
	Number    int
	URL       string
	Agreement string
	Period    string
	CreatedAt time.Time
}

// Checkin reads and writes the check-in issues of one repository (SPEC
// §7.2). Its reads cost one request per 100 check-in issues, one per
// issue whose comments are read, and one per comment whose reactions
// show a 👍 or 👎.
type Checkin struct {
	c     *Client
	repo  string // owner/name
	path  string // repos/{owner}/{name}, escaped
	label bool   // the label is known to exist
}

// Checkin returns the check-ins of a repository, owner/name.
func (c *Client) Checkin(repo string) (*Checkin, error) {
	owner, name, ok := strings.Cut(repo, "/")
	if !ok {
		return nil, fmt.Errorf("%s is not owner/name", repo)
	}
	return &Checkin{c: c, repo: repo, path: "repos/" + url.PathEscape(owner) + "/" + url.PathEscape(name)}, nil
}

// Issues lists the repository's check-in issues, open or closed, newest
// first: the issues with the label whose body carries a marker.
func (k *Checkin) Issues(ctx context.Context) ([]CheckinIssue, error) {
	got, err := listPages(ctx, k.c, stream[gh.Issue]{
		first: k.path + "/issues?labels=" + url.QueryEscape(checkinmark.Label) + "&state=all&sort=created&direction=desc&per_page=100",
		key:   func(*gh.Issue) time.Time { return time.Time{} }, maxPages: maxIssuePages,
	}, func(int) {})
	if err != nil {
		return nil, k.c.describeHTTPError(err, fmt.Sprintf("listing the check-in issues of %s (label %s)", k.repo, checkinmark.Label), readAccess)
	}
	var out []CheckinIssue
	for _, is := range got.items {
		k.label = true // an issue carries it
		agreement, period, ok := checkinmark.ParseIssue(is.GetBody())
		if !ok || is.IsPullRequest() {
			continue
		}
		out = append(out, CheckinIssue{Number: is.GetNumber(), URL: is.GetHTMLURL(), Agreement: agreement, Period: period,
			CreatedAt: is.GetCreatedAt().Time.UTC()})
	}
	return out, nil
}

// Expectations lists the comments of a check-in issue that carry an
// expectation's marker, with their reaction rollups.
func (k *Checkin) Expectations(ctx context.Context, number int) ([]snapshot.CheckinComment, error) {
	x, _, _, err := k.expectations(ctx, number, "")
	return x, err
}

// expectations is Expectations revalidating an earlier read by its ETag:
// unchanged says GitHub answered 304 (and x is nil).
func (k *Checkin) expectations(ctx context.Context, number int, etag string) (x []snapshot.CheckinComment, newTag string, unchanged bool, err error) {
	got, err := listPages(ctx, k.c, stream[gh.IssueComment]{
		first: fmt.Sprintf("%s/issues/%d/comments?per_page=100", k.path, number), etag: etag,
		key: func(*gh.IssueComment) time.Time { return time.Time{} }, maxPages: maxIssuePages,
	}, func(int) {})
	if err != nil {
		return nil, "", false, k.c.describeHTTPError(err, fmt.Sprintf("reading the comments of %s#%d", k.repo, number), readAccess)
	}
	if got.notModified {
		return nil, etag, true, nil
	}
	for _, cm := range got.items {
		side, n, text, ok := checkinmark.ParseExpectation(cm.GetBody())
		if !ok {
			continue
		}
		x = append(x, snapshot.CheckinComment{ID: cm.GetID(), Side: side, N: n, Text: text, Reactions: rollupOf(cm.Reactions)})
	}
	return x, got.etag, false, nil
}

// Votes lists the 👍 and 👎 on an expectation's comment.
func (k *Checkin) Votes(ctx context.Context, number int, comment int64) ([]snapshot.Reaction, error) {
	all, err := k.c.listReactions(ctx, k.path, reactionTarget{number, comment}, func(int) {})
	if err != nil {
		return nil, k.c.describeHTTPError(err, fmt.Sprintf("reading the reactions on comment %d of %s#%d", comment, k.repo, number), readAccess)
	}
	return slices.DeleteFunc(all, func(x snapshot.Reaction) bool {
		return x.Content != snapshot.ThumbsUp && x.Content != snapshot.ThumbsDown
	}), nil
}

// Read reads the check-ins want keeps (all when want is nil): each
// issue, its expectations' comments, and the votes on those
// whose rollup shows a 👍 or 👎. Check-ins read before (by repository and
// number) are revalidated: an issue whose comments list answers 304 is
// kept as it was, and a comment whose 👍 and 👎 counts have not changed
// keeps the votes read before.
func (k *Checkin) Read(ctx context.Context, want func(CheckinIssue) bool, before []snapshot.Checkin) ([]snapshot.Checkin, error) {
	issues, err := k.Issues(ctx)
	if err != nil {
		return nil, err
	}
	var out []snapshot.Checkin
	for _, is := range issues {
		if want != nil && !want(is) {
			continue
		}
		prev := previousCheckin(before, k.repo, is.Number)
		c := snapshot.Checkin{Repo: k.repo, Number: is.Number, URL: is.URL, Agreement: is.Agreement, Period: is.Period, CreatedAt: is.CreatedAt}
		x, etag, unchanged, err := k.expectations(ctx, is.Number, prev.ETag)
		if err != nil {
			return nil, err
		}
		if unchanged {
			c.ETag, c.Expectations = prev.ETag, prev.Expectations
			out = append(out, c)
			continue
		}
		for i := range x {
			if x[i].Reactions["+1"] == 0 && x[i].Reactions["-1"] == 0 {
				continue
			}
			if old := previousComment(prev, x[i].ID); old != nil && old.Reactions["+1"] == x[i].Reactions["+1"] && old.Reactions["-1"] == x[i].Reactions["-1"] {
				x[i].Votes = old.Votes
				continue
			}
			if x[i].Votes, err = k.Votes(ctx, is.Number, x[i].ID); err != nil {
				return nil, err
			}
		}
		c.ETag, c.Expectations = etag, x
		out = append(out, c)
	}
	return out, nil
}

// previousCheckin is the check-in read before with that repository and
// number, or an empty one.
func previousCheckin(before []snapshot.Checkin, repo string, number int) snapshot.Checkin {
	for _, c := range before {
		if c.Number == number && strings.EqualFold(c.Repo, repo) {
			return c
		}
	}
	return snapshot.Checkin{}
}

func previousComment(c snapshot.Checkin, id int64) *snapshot.CheckinComment {
	for i := range c.Expectations {
		if c.Expectations[i].ID == id {
			return &c.Expectations[i]
		}
	}
	return nil
}

// checkinLabelColor is the label's colour: GitHub's blue.
const checkinLabelColor = "0969da"

// HasLabel reports whether the label is known to exist: an issue listed
// carries it, or it was created.
func (k *Checkin) HasLabel() bool { return k.label }

// EnsureLabel creates the check-in label unless the repository has it
// (known from the issues listed, or GitHub's 422 "already_exists"). It
// reports whether it created it.
func (k *Checkin) EnsureLabel(ctx context.Context) (bool, error) {
	if k.label {
		return false, nil
	}
	_, _, err := k.c.gh.Issues.CreateLabel(ctx, k.owner(), k.name(), &gh.Label{
		Name: gh.String(checkinmark.Label), Color: gh.String(checkinLabelColor),
		Description: gh.String("A check-in on an agreement's expectations, opened by sla checkin"),
	})
	if alreadyExists(err) {
		k.label = true
		return false, nil
	}
	if err != nil {
		return false, k.c.describeHTTPError(err, fmt.Sprintf("creating the label %s in %s", checkinmark.Label, k.repo), checkinWrite)
	}
	k.label = true
	return true, nil
}

// alreadyExists reports GitHub's 422 for a resource that exists.
func alreadyExists(err error) bool {
	var er *gh.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil || er.Response.StatusCode != http.StatusUnprocessableEntity {
		return false
	}
	return slices.ContainsFunc(er.Errors, func(e gh.Error) bool { return e.Code == "already_exists" })
}

// OpenIssue opens a check-in issue with the label.
func (k *Checkin) OpenIssue(ctx context.Context, title, body string) (CheckinIssue, error) {
	is, _, err := k.c.gh.Issues.Create(once(ctx), k.owner(), k.name(), &gh.IssueRequest{
		Title: gh.String(title), Body: gh.String(body), Labels: &[]string{checkinmark.Label},
	})
	if err != nil {
		return CheckinIssue{}, k.c.describeHTTPError(err, fmt.Sprintf("opening the check-in issue %q in %s", title, k.repo), checkinWrite)
	}
	agreement, period, _ := checkinmark.ParseIssue(is.GetBody())
	return CheckinIssue{Number: is.GetNumber(), URL: is.GetHTMLURL(), Agreement: agreement, Period: period, CreatedAt: is.GetCreatedAt().Time.UTC()}, nil
}

// Comment adds a comment to a check-in issue.
func (k *Checkin) Comment(ctx context.Context, number int, body string) (int64, error) {
	cm, _, err := k.c.gh.Issues.CreateComment(once(ctx), k.owner(), k.name(), number, &gh.IssueComment{Body: gh.String(body)})
	if err != nil {
		return 0, k.c.describeHTTPError(err, fmt.Sprintf("commenting on %s#%d", k.repo, number), checkinWrite)
	}
	return cm.GetID(), nil
}

func (k *Checkin) owner() string { o, _, _ := strings.Cut(k.repo, "/"); return url.PathEscape(o) }
func (k *Checkin) name() string  { _, n, _ := strings.Cut(k.repo, "/"); return url.PathEscape(n) }

// checkinWrite is what opening check-ins needs of the token.
var checkinWrite = access{write: true,
	noToken: "opening check-ins needs a token with issues: write on the check-in repository in GH_TOKEN or GITHUB_TOKEN",
	needs: "may not write to the check-in repository: it needs issues: write there " +
		"(in a workflow, `permissions: issues: write`; a fine-grained token, Issues: read and write; a classic token, the repo scope)",
}
