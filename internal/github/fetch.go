package github

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gh "github.com/google/go-github/v60/github"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Overlap is how far before the previous fetch an update reaches back, so
// that records written while that fetch ran are not missed.
const Overlap = 10 * time.Minute

// perPage is GitHub's largest page.
const perPage = 100

// The three streams of a repository.
const (
	streamIssues   = "issues"
	streamComments = "comments"
	streamEvents   = "events"
)

// Plan says what to fetch.
type Plan struct {
	Repos []string // owner/name
	Teams []string // org/team-slug
	// Since is the earliest instant the data must cover.
	Since time.Time
	// Now is the fetch time recorded in the snapshot.
	Now time.Time
	// Previous holds what earlier fetches read, by repository (lowercase
	// owner/name): each is brought up to date rather than read again, if
	// it reaches back to Since.
	Previous map[string]Previous
	// PreviousTeams holds team members read before, with their ETags.
	PreviousTeams map[string]PreviousTeam
}

// PreviousTeam is a team's members as an earlier fetch read them.
type PreviousTeam struct {
	Members []string
	ETag    string
}

// Previous is one repository as an earlier fetch left it.
type Previous struct {
	Repo      *snapshot.Repo
	FetchedAt time.Time
	Since     time.Time
}

// AddPrevious offers every repository and team of a snapshot as read by an
// earlier fetch.
func (p *Plan) AddPrevious(s *snapshot.Snapshot) {
	if p.Previous == nil {
		p.Previous = map[string]Previous{}
	}
	if p.PreviousTeams == nil {
		p.PreviousTeams = map[string]PreviousTeam{}
	}
	for _, r := range s.Repos {
		p.Previous[strings.ToLower(r.Name)] = Previous{Repo: r, FetchedAt: s.FetchedAt, Since: s.Since}
	}
	for t, m := range s.Teams {
		p.PreviousTeams[strings.ToLower(t)] = PreviousTeam{Members: m, ETag: s.TeamETags[t]}
	}
}

// Progress is reported after every page.
type Progress struct {
	Repos, ReposDone int
	Pages            int
	Stats
}

// Fetch reads everything the plan needs. A repository with a previous
// fetch that reaches back to the plan's Since is updated from it: only
// what changed since is read (and an unchanged stream costs one 304). A
// repository that cannot be read is recorded with its Error; the others
// are still fetched. An authentication failure, an exhausted rate limit or
// a cancelled context stops the whole fetch, the requests under way
// included.
func (c *Client) Fetch(ctx context.Context, plan Plan, progress func(Progress)) (*snapshot.Snapshot, error) {
	out := &snapshot.Snapshot{FetchedAt: plan.Now, Since: plan.Since, Teams: map[string][]string{}, TeamETags: map[string]string{}}
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	var (
		mu    sync.Mutex
		state = Progress{Repos: len(plan.Repos)}
	)
	report := func(change func(*Progress)) {
		mu.Lock()
		change(&state)
		p := state
		mu.Unlock()
		p.Stats = c.Stats()
		if progress != nil {
			progress(p)
		}
	}
	pageDone := func(n int) { report(func(p *Progress) { p.Pages += n }) }
	// fatal stops the fetch: nothing more can be read.
	fatal := func(err error) bool {
		var auth *AuthError
		var rl *RateLimitError
		if errors.As(err, &auth) || errors.As(err, &rl) || ctx.Err() != nil {
			stop(err)
			return true
		}
		return false
	}
	repos := make([]*snapshot.Repo, len(plan.Repos))
	var wg sync.WaitGroup
	limit := make(chan struct{}, 8)
	for i, name := range plan.Repos {
		wg.Add(1)
		go func() {
			defer wg.Done()
			limit <- struct{}{}
			defer func() { <-limit }()
			var before *snapshot.Repo
			since := plan.Since
			if p, ok := plan.Previous[strings.ToLower(name)]; ok && p.Repo != nil && p.Repo.Error == "" && !p.Since.After(plan.Since) {
				before, since = p.Repo, p.FetchedAt.Add(-Overlap)
			}
			r, err := c.fetchRepo(ctx, name, since, before, pageDone)
			if err != nil {
				if fatal(err) {
					return
				}
				r = &snapshot.Repo{Name: name, Error: err.Error()}
			}
			repos[i] = r
			report(func(p *Progress) { p.ReposDone++ })
		}()
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	out.Repos = repos
	for _, t := range plan.Teams {
		key := strings.ToLower(t)
		members, etag, err := c.teamMembers(ctx, t, plan.PreviousTeams[key], pageDone)
		if err != nil {
			return nil, err
		}
		out.Teams[key], out.TeamETags[key] = members, etag
	}
	return out, nil
}

// fetchRepo reads one repository's three streams back to since, merged
// into before when updating.
func (c *Client) fetchRepo(ctx context.Context, name string, since time.Time, before *snapshot.Repo, pageDone func(int)) (*snapshot.Repo, error) {
	owner, repo, ok := strings.Cut(name, "/")
	if !ok {
		return nil, fmt.Errorf("%s is not owner/name", name)
	}
	etags := map[string]string{}
	if before != nil {
		etags = before.ETags
	}
	r := &snapshot.Repo{Name: name, HTMLURL: strings.TrimSuffix(c.htmlBase(), "/") + "/" + name, ETags: map[string]string{}}
	path := "repos/" + url.PathEscape(owner) + "/" + url.PathEscape(repo)

	// Issues, newest update first.
	issues, err := listPages(ctx, c, stream[gh.Issue]{
		first: path + "/issues?state=all&sort=updated&direction=desc&per_page=100", etag: etags[streamIssues],
		key: func(is *gh.Issue) time.Time { return is.GetUpdatedAt().Time }, since: since, maxPages: c.maxPages,
	}, pageDone)
	if err != nil {
		return nil, c.describeHTTPError(err, name, readAccess)
	}
	r.ETags[streamIssues] = issues.etag
	if !issues.notModified {
		for _, is := range newestByNumber(issues.items) {
			r.Issues = append(r.Issues, issueRecord(is))
		}
		if len(issues.items) > 0 && issues.items[0].GetHTMLURL() != "" {
			r.HTMLURL = repoHTML(issues.items[0].GetHTMLURL())
		}
	}
	// Comments on all issues, newest update first.
	comments, err := listPages(ctx, c, stream[gh.IssueComment]{
		first: path + "/issues/comments?sort=updated&direction=desc&per_page=100", etag: etags[streamComments],
		key: func(cm *gh.IssueComment) time.Time { return cm.GetUpdatedAt().Time }, since: since, maxPages: c.maxPages,
	}, pageDone)
	if err != nil {
		return nil, c.describeHTTPError(err, name, readAccess)
	}
	r.ETags[streamComments] = comments.etag
	for _, cm := range comments.items {
		if rec, ok := commentRecord(cm); ok {
			r.Comments = append(r.Comments, rec)
		}
	}
	r.Comments = uniqueByID(r.Comments, func(c snapshot.Comment) int64 { return c.ID })
	// Events of all issues, newest first (this list has no since).
	events, err := listPages(ctx, c, stream[gh.IssueEvent]{
		first: path + "/issues/events?per_page=100", etag: etags[streamEvents],
		key: func(e *gh.IssueEvent) time.Time { return e.GetCreatedAt().Time }, since: since, maxPages: c.maxPages,
	}, pageDone)
	if err != nil {
		return nil, c.describeHTTPError(err, name, readAccess)
	}
	r.ETags[streamEvents] = events.etag
	for _, e := range events.items {
		if rec, ok := eventRecord(e); ok {
			r.Events = append(r.Events, rec)
		}
	}
	r.Events = uniqueByID(r.Events, func(e snapshot.Event) int64 { return e.ID })
	if !events.notModified {
		if err := c.fillEvents(ctx, path, r, events.items, since, pageDone); err != nil {
			return nil, c.describeHTTPError(err, name, readAccess)
		}
	}
	if before != nil {
		r = merge(before, r, issues.notModified, comments.notModified, events.notModified)
	}
	return r, nil
}

// fillEvents falls back to per-issue event lists when the repository-wide
// list ran out before reaching since: GitHub keeps only so much of it. Only
// the issues it fetched that were opened before the oldest event it still
// holds are asked for (SPEC §4).
func (c *Client) fillEvents(ctx context.Context, path string, r *snapshot.Repo, events []*gh.IssueEvent, since time.Time, pageDone func(int)) error {
	if len(events) == 0 {
		return nil
	}
	oldest := events[len(events)-1].GetCreatedAt().Time
	if !oldest.After(since) {
		return nil // the list reached back far enough
	}
	have := map[int64]bool{}
	for _, e := range r.Events {
		have[e.ID] = true
	}
	for _, is := range r.Issues {
		if !is.CreatedAt.Before(oldest) {
			continue
		}
		more, err := listPages(ctx, c, stream[gh.IssueEvent]{
			first: fmt.Sprintf("%s/issues/%d/events?per_page=100", path, is.Number),
			key:   func(*gh.IssueEvent) time.Time { return time.Time{} }, maxPages: maxIssuePages,
		}, pageDone)
		if err != nil {
			return err
		}
		for _, e := range more.items {
			if e.Issue == nil {
				e.Issue = &gh.Issue{Number: gh.Int(is.Number)}
			}
			if rec, ok := eventRecord(e); ok && !have[rec.ID] {
				have[rec.ID] = true
				r.Events = append(r.Events, rec)
			}
		}
	}
	return nil
}

// The page caps. A stream of a repository reads at most maxStreamPages:
// a million items, four times the issues and pull requests of the largest
// repositories on GitHub, and two hours of a token's 5,000 requests an
// hour. One issue's events, and one team's members, at most maxIssuePages:
// ten thousand of them.
const (
	maxStreamPages = 10_000
	maxIssuePages  = 100
)

// stream is a list to read page by page, newest first by key.
type stream[T any] struct {
	first    string // the first page, relative to the API
	etag     string // the first page's ETag from an earlier read
	key      func(*T) time.Time
	since    time.Time // stop at the page that reaches back before it
	maxPages int
}

// listed is what was read of a stream.
type listed[T any] struct {
	items       []*T
	notModified bool
	etag        string
}

// listPages follows a stream's Link rel="next" URLs (GitHub switches deep
// pages to cursors, which go-github's NextPage does not report) until a
// page reaches back before since by the key (the stream is newest first,
// so every later page is older still), or the stream ends. With an ETag
// for the first page, an unchanged stream answers 304: notModified. Next
// links must stay on the API's origin and never repeat a page, and at most
// maxPages are read.
func listPages[T any](ctx context.Context, c *Client, s stream[T], pageDone func(int)) (listed[T], error) {
	var out listed[T]
	seen := map[string]bool{}
	next, list := s.first, ""
	for page := 0; ; page++ {
		if page == s.maxPages {
			return out, fmt.Errorf("GitHub served %d pages of %s and offers more: stopped (no list sla reads is that long)", page, list)
		}
		req, err := c.gh.NewRequest("GET", next, nil)
		if err != nil {
			return out, err
		}
		if page == 0 {
			list = req.URL.Path
		}
		seen[req.URL.String()] = true
		if page == 0 && s.etag != "" {
			req.Header.Set("If-None-Match", s.etag)
		}
		var batch []*T
		resp, err := c.gh.Do(ctx, req, &batch)
		if err != nil {
			return out, err
		}
		pageDone(1)
		if page == 0 {
			if resp.Header.Get(NotModified) != "" {
				return listed[T]{notModified: true, etag: s.etag}, nil
			}
			out.etag = resp.Header.Get("ETag")
		}
		out.items = append(out.items, batch...)
		// Newest first: once a page ends before since, so does the rest.
		if len(batch) > 0 && s.key(batch[len(batch)-1]).Before(s.since) {
			return out, nil
		}
		link := nextLink(resp.Header.Get("Link"))
		if link == "" {
			return out, nil
		}
		if next, err = c.nextPage(req.URL, link, seen); err != nil {
			return out, err
		}
	}
}

// newestByNumber keeps one copy of each issue, the one updated last: the
// list is read newest-updated first, so an issue updated meanwhile shifts
// the pages after it, and one can be served on two of them.
func newestByNumber(issues []*gh.Issue) []*gh.Issue {
	at := map[int]int{}
	out := issues[:0:0]
	for _, is := range issues {
		i, ok := at[is.GetNumber()]
		switch {
		case !ok:
			at[is.GetNumber()] = len(out)
			out = append(out, is)
		case is.GetUpdatedAt().After(out[i].GetUpdatedAt().Time):
			out[i] = is
		}
	}
	return out
}

// htmlBase guesses the web address from the API's, for repositories whose
// issues list was empty: api.github.com → github.com; HOST/api/v3 → HOST.
func (c *Client) htmlBase() string {
	u := *c.base
	if strings.EqualFold(u.Hostname(), "api.github.com") {
		return "https://github.com/"
	}
	u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/api/v3") + "/"
	return u.String()
}

// repoHTML cuts an issue's web address to its repository's.
func repoHTML(issueURL string) string {
	for _, sep := range []string{"/issues/", "/pull/"} {
		if i := strings.LastIndex(issueURL, sep); i >= 0 {
			return issueURL[:i]
		}
	}
	return issueURL
}

func isBot(u *gh.User) bool {
	return u != nil && (u.GetType() == "Bot" || strings.HasSuffix(strings.ToLower(u.GetLogin()), "[bot]"))
}

func issueRecord(is *gh.Issue) snapshot.Issue {
	rec := snapshot.Issue{
		Number: is.GetNumber(), Title: is.GetTitle(), Author: is.GetUser().GetLogin(), AuthorBot: isBot(is.GetUser()),
		CreatedAt: is.GetCreatedAt().Time.UTC(), StateReason: is.GetStateReason(), PullRequest: is.IsPullRequest(),
	}
	if is.GetState() == "closed" {
		rec.ClosedAt = is.GetClosedAt().Time.UTC()
	}
	for _, l := range is.Labels {
		rec.Labels = append(rec.Labels, l.GetName())
	}
	return rec
}

func commentRecord(c *gh.IssueComment) (snapshot.Comment, bool) {
	u := c.GetIssueURL()
	n, err := strconv.Atoi(u[strings.LastIndex(u, "/")+1:])
	if err != nil {
		return snapshot.Comment{}, false
	}
	return snapshot.Comment{ID: c.GetID(), Issue: n, Author: c.GetUser().GetLogin(), AuthorBot: isBot(c.GetUser()),
		Association: c.GetAuthorAssociation(), CreatedAt: c.GetCreatedAt().Time.UTC()}, true
}

func eventRecord(e *gh.IssueEvent) (snapshot.Event, bool) {
	kind, ok := snapshot.ParseEventKind(e.GetEvent())
	if !ok || e.Issue == nil {
		return snapshot.Event{}, false
	}
	rec := snapshot.Event{ID: e.GetID(), Issue: e.Issue.GetNumber(), Kind: kind, Actor: e.GetActor().GetLogin(),
		ActorBot: isBot(e.Actor), CreatedAt: e.GetCreatedAt().Time.UTC()}
	if kind == snapshot.Labeled || kind == snapshot.Unlabeled {
		rec.Label = e.GetLabel().GetName()
	}
	return rec, true
}

// merge brings before up to date with what a later fetch read: issues
// replaced by number, comments and events added by id. A stream that
// answered 304 keeps before's records as they are.
func merge(before, update *snapshot.Repo, issuesUnchanged, commentsUnchanged, eventsUnchanged bool) *snapshot.Repo {
	out := &snapshot.Repo{Name: update.Name, HTMLURL: update.HTMLURL, ETags: update.ETags}
	if issuesUnchanged || len(update.Issues) == 0 {
		// The address was only guessed from the API's: keep the one read.
		out.HTMLURL = cmp.Or(before.HTMLURL, update.HTMLURL)
	}
	taken := map[int]bool{} // one record per number: the update's, else before's first
	if !issuesUnchanged {
		for _, is := range update.Issues {
			taken[is.Number] = true
		}
	}
	for _, is := range before.Issues {
		if !taken[is.Number] {
			taken[is.Number] = true
			out.Issues = append(out.Issues, is)
		}
	}
	if !issuesUnchanged {
		out.Issues = append(out.Issues, update.Issues...)
	}
	slices.SortFunc(out.Issues, func(a, b snapshot.Issue) int { return cmp.Compare(a.Number, b.Number) })
	out.Comments = uniqueByID(slices.Concat(update.Comments, before.Comments), func(c snapshot.Comment) int64 { return c.ID })
	out.Events = uniqueByID(slices.Concat(update.Events, before.Events), func(e snapshot.Event) int64 { return e.ID })
	return out
}

// uniqueByID keeps the first record of each id (records without one, all).
func uniqueByID[T any](records []T, id func(T) int64) []T {
	seen := make(map[int64]bool, len(records))
	out := make([]T, 0, len(records))
	for _, r := range records {
		if k := id(r); k == 0 || !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// teamMembers lists a GitHub team's members' logins, revalidating an
// earlier list by its ETag.
func (c *Client) teamMembers(ctx context.Context, team string, prev PreviousTeam, pageDone func(int)) ([]string, string, error) {
	org, slug, ok := strings.Cut(team, "/")
	if !ok {
		return nil, "", fmt.Errorf("%s is not org/team-slug", team)
	}
	etag := ""
	if prev.Members != nil {
		etag = prev.ETag
	}
	users, err := listPages(ctx, c, stream[gh.User]{
		first: fmt.Sprintf("orgs/%s/teams/%s/members?per_page=%d", url.PathEscape(org), url.PathEscape(slug), perPage), etag: etag,
		key: func(*gh.User) time.Time { return time.Time{} }, maxPages: maxIssuePages,
	}, pageDone)
	if err != nil {
		return nil, "", c.describeHTTPError(err, "team "+team, readAccess)
	}
	if users.notModified {
		return prev.Members, etag, nil
	}
	var out []string
	for _, u := range users.items {
		out = append(out, u.GetLogin())
	}
	slices.Sort(out)
	return out, users.etag, nil
}
