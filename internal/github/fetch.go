package github

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gh "github.com/google/go-github/v60/github"
	"github.com/sla-dev/sla/internal/snapshot"
	"golang.org/x/sync/errgroup"
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
	// Checkins are the check-in repositories (owner/name) to read the
	// check-in issues of, with the agreements whose check-ins to keep.
	Checkins map[string][]string
	// CheckinPeriods, when set, names for each agreement the only periods
	// (2026-Q4, 2026-11) whose check-ins to read: the others cost nothing.
	CheckinPeriods map[string][]string
	// PreviousCheckins are the check-ins an earlier fetch read: they are
	// revalidated rather than read again.
	PreviousCheckins []snapshot.Checkin
	// Ratings names the repositories (lowercase owner/name) whose issues'
	// ratings, the 👍 and 👎 on them, are read: those a satisfaction
	// objective measures.
	Ratings map[string]bool
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
// earlier fetch. The repositories of a file written before reactions were
// kept are not offered: what it lacks would never be read, so they are
// read afresh.
func (p *Plan) AddPrevious(s *snapshot.Snapshot) {
	if p.Previous == nil {
		p.Previous = map[string]Previous{}
	}
	if p.PreviousTeams == nil {
		p.PreviousTeams = map[string]PreviousTeam{}
	}
	if !s.LacksReactions() {
		for _, r := range s.Repos {
			p.Previous[strings.ToLower(r.Name)] = Previous{Repo: r, FetchedAt: s.FetchedAt, Since: s.Since}
		}
	}
	for t, m := range s.Teams {
		p.PreviousTeams[strings.ToLower(t)] = PreviousTeam{Members: m, ETag: s.TeamETags[t]}
	}
	p.PreviousCheckins = append(p.PreviousCheckins, s.Checkins...)
}

// Progress is reported after every page.
type Progress struct {
	Repos, ReposDone, ReposFailed int
	Teams, TeamsDone, TeamsFailed int
	Pages                         int
	Stats
}

// Fetched is what a fetch read, with what it could not: a repository that
// could not be read carries its Error, and a team that could not be read
// has no entry in Teams but one in TeamErrors.
type Fetched struct {
	*snapshot.Snapshot
	// TeamErrors says why the members of a github_team (lowercase
	// org/slug) could not be read.
	TeamErrors map[string]error
	// CheckinErrors says why the check-ins of a repository could not be
	// read.
	CheckinErrors map[string]error
}

// Fetch reads everything the plan needs. A repository with a previous
// fetch that reaches back to the plan's Since is updated from it: only
// what changed since is read (and an unchanged stream costs one 304). A
// repository or team that cannot be read is recorded as such, and the
// others are still fetched. An authentication failure, an exhausted rate
// limit or a cancelled context stops the whole fetch, the requests under
// way included, and no repository or team is started after it.
//
// Repositories and teams are read side by side, as many at once as the
// transport lets requests on the wire: more would only queue for it.
func (c *Client) Fetch(ctx context.Context, plan Plan, progress func(Progress)) (*Fetched, error) {
	out := &Fetched{
		Snapshot:   &snapshot.Snapshot{FetchedAt: plan.Now, Since: plan.Since, Teams: map[string][]string{}, TeamETags: map[string]string{}},
		TeamErrors: map[string]error{}, CheckinErrors: map[string]error{},
	}
	var (
		mu    sync.Mutex // guards state and the maps of out
		state = Progress{Repos: len(plan.Repos), Teams: len(plan.Teams)}
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
	// The transport stops the fetch on the answer that stops it, before
	// the slot it held starts another request; stopped keeps the error
	// that answer became, which requests stopped beside it may race.
	stopCtx, stop := context.WithCancel(ctx)
	defer stop()
	g, gctx := errgroup.WithContext(withStop(stopCtx, stop))
	g.SetLimit(c.transport.inFlight())
	var stopped error // guarded by mu
	// fatal is the error that stops the fetch, or nil for one that only
	// fails what it was reading.
	fatal := func(err error) error {
		if stopsFetch(err) {
			mu.Lock()
			stopped = cmp.Or(stopped, err)
			mu.Unlock()
			return err
		}
		if gctx.Err() != nil {
			return err
		}
		return nil
	}
	// start reads in the group, unless the fetch has stopped: a slot freed
	// by a fatal error starts nothing more.
	start := func(read func() error) bool {
		if gctx.Err() != nil {
			return false
		}
		g.Go(func() error {
			if gctx.Err() != nil {
				return gctx.Err()
			}
			return read()
		})
		return true
	}
	// Teams first: each is a request or two, and a token GitHub refuses is
	// then known before the repositories' many pages are asked for.
	for _, t := range plan.Teams {
		ok := start(func() error {
			key := strings.ToLower(t)
			members, etag, err := c.teamMembers(gctx, t, plan.PreviousTeams[key], pageDone)
			if err := fatal(err); err != nil {
				return err
			}
			mu.Lock()
			if err != nil {
				out.TeamErrors[key] = err
			} else {
				out.Teams[key], out.TeamETags[key] = members, etag
			}
			mu.Unlock()
			report(func(p *Progress) {
				p.TeamsDone++
				if err != nil {
					p.TeamsFailed++
				}
			})
			return nil
		})
		if !ok {
			break
		}
	}
	repos := make([]*snapshot.Repo, len(plan.Repos))
	for i, name := range plan.Repos {
		ok := start(func() error {
			var before *snapshot.Repo
			since := plan.Since
			if p, ok := plan.Previous[strings.ToLower(name)]; ok && p.Repo != nil && p.Repo.Error == "" && !p.Since.After(plan.Since) {
				before, since = p.Repo, p.FetchedAt.Add(-Overlap)
			}
			need := reactionNeeds{ratings: plan.Ratings[strings.ToLower(name)], from: plan.Since}
			r, err := c.fetchRepo(gctx, name, since, before, need, pageDone)
			if err := fatal(err); err != nil {
				return err
			}
			if err != nil {
				r = &snapshot.Repo{Name: name, Error: err.Error()}
			}
			repos[i] = r
			report(func(p *Progress) {
				p.ReposDone++
				if r.Error != "" {
					p.ReposFailed++
				}
			})
			return nil
		})
		if !ok {
			break
		}
	}
	for _, repo := range slices.Sorted(maps.Keys(plan.Checkins)) {
		ok := start(func() error {
			got, err := c.readCheckins(gctx, repo, plan.Checkins[repo], plan.CheckinPeriods, plan.PreviousCheckins)
			if err := fatal(err); err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				out.CheckinErrors[repo] = err
				return nil
			}
			out.Checkins = append(out.Checkins, got...)
			return nil
		})
		if !ok {
			break
		}
	}
	err := g.Wait()
	if ctx.Err() != nil {
		return nil, context.Cause(ctx) // the caller's cancellation, not what it made a request say
	}
	if stopped != nil {
		return nil, stopped
	}
	if err != nil {
		return nil, err
	}
	out.Repos = repos
	slices.SortFunc(out.Checkins, func(a, b snapshot.Checkin) int {
		return cmp.Or(strings.Compare(a.Repo, b.Repo), cmp.Compare(a.Number, b.Number))
	})
	return out, nil
}

// readCheckins reads the check-ins of the agreements named from one
// repository, only of the periods named for an agreement in periods.
func (c *Client) readCheckins(ctx context.Context, repo string, agreements []string, periods map[string][]string, before []snapshot.Checkin) ([]snapshot.Checkin, error) {
	k, err := c.Checkin(repo)
	if err != nil {
		return nil, err
	}
	return k.Read(ctx, func(is CheckinIssue) bool {
		only, limited := periods[is.Agreement]
		return slices.Contains(agreements, is.Agreement) && (!limited || slices.Contains(only, is.Period))
	}, before)
}

// fetchRepo reads one repository's three streams back to since, and the
// reactions the evaluations need, merged into before when updating.
func (c *Client) fetchRepo(ctx context.Context, name string, since time.Time, before *snapshot.Repo, need reactionNeeds, pageDone func(int)) (*snapshot.Repo, error) {
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

	// The three streams side by side: a repository takes the time of its
	// longest stream rather than of all three, and the transport keeps
	// the requests within its cap. Each stream ends on its own (each is
	// bounded), so that which error is reported does not depend on which
	// came first; one that stops the whole fetch stops the others at once.
	var (
		issues   listed[gh.Issue]
		comments listed[gh.IssueComment]
		events   listed[gh.IssueEvent]
		errs     [3]error
		wg       sync.WaitGroup
	)
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	failed := func(i int, err error) {
		if err != nil {
			err = c.describeHTTPError(err, name, readAccess)
		}
		if errs[i] = err; stopsFetch(err) {
			stop()
		}
	}
	wg.Go(func() { // issues, newest update first
		var err error
		issues, err = listWhole(ctx, c, "issues", stream[gh.Issue]{
			first: path + "/issues?state=all&sort=updated&direction=desc&per_page=100", etag: etags[streamIssues],
			key: func(is *gh.Issue) time.Time { return is.GetUpdatedAt().Time }, since: since, maxPages: c.maxPages,
		}, pageDone)
		failed(0, err)
	})
	wg.Go(func() { // comments on all issues, newest update first
		var err error
		comments, err = listWhole(ctx, c, "comments", stream[gh.IssueComment]{
			first: path + "/issues/comments?sort=updated&direction=desc&per_page=100", etag: etags[streamComments],
			key: func(cm *gh.IssueComment) time.Time { return cm.GetUpdatedAt().Time }, since: since, maxPages: c.maxPages,
		}, pageDone)
		failed(1, err)
	})
	wg.Go(func() { // events of all issues, newest first (this list has no since)
		var err error
		events, err = listPages(ctx, c, stream[gh.IssueEvent]{
			first: path + "/issues/events?per_page=100", etag: etags[streamEvents],
			key: func(e *gh.IssueEvent) time.Time { return e.GetCreatedAt().Time }, since: since, maxPages: c.maxPages,
		}, pageDone)
		failed(2, err)
	})
	wg.Wait()
	// An error that stops the fetch first (the other streams stopped for
	// it), else the first stream's in the order issues, comments, events.
	i := slices.IndexFunc(errs[:], stopsFetch)
	if i < 0 {
		i = slices.IndexFunc(errs[:], func(err error) bool { return err != nil })
	}
	if i >= 0 {
		return nil, errs[i]
	}
	r.ETags[streamIssues] = issues.etag
	updated := map[int]time.Time{}
	if !issues.notModified {
		for _, is := range newestByNumber(issues.items) {
			r.Issues = append(r.Issues, issueRecord(is))
			updated[is.GetNumber()] = is.GetUpdatedAt().Time
		}
		if len(issues.items) > 0 && issues.items[0].GetHTMLURL() != "" {
			r.HTMLURL = repoHTML(issues.items[0].GetHTMLURL())
		}
	}
	r.ETags[streamComments] = comments.etag
	for _, cm := range comments.items {
		if rec, ok := commentRecord(cm); ok {
			r.Comments = append(r.Comments, rec)
		}
	}
	r.Comments = uniqueByID(r.Comments, func(c snapshot.Comment) int64 { return c.ID })
	r.ETags[streamEvents] = events.etag
	for _, e := range events.items {
		if rec, ok := eventRecord(e); ok {
			r.Events = append(r.Events, rec)
		}
	}
	r.Events = uniqueByID(r.Events, func(e snapshot.Event) int64 { return e.ID })
	if err := c.fillEvents(ctx, path, r, events, updated, since, pageDone); err != nil {
		return nil, c.describeHTTPError(err, name, readAccess)
	}
	if err := c.fillReactions(ctx, path, r, before, need, pageDone); err != nil {
		return nil, c.describeHTTPError(err, name, readAccess)
	}
	if before != nil {
		r = merge(before, r, issues.notModified, comments.notModified, events.notModified)
	}
	return r, nil
}

// stopsFetch reports whether an error stops the whole fetch: nothing
// more can be read with these credentials now.
func stopsFetch(err error) bool {
	var auth *AuthError
	var rl *RateLimitError
	return errors.As(err, &auth) || errors.As(err, &rl)
}

// listWhole reads a list of issues or comments, and refuses one that
// GitHub stopped serving before it reached back to since: unlike events,
// they have no per-issue fallback that would be cheap enough.
func listWhole[T any](ctx context.Context, c *Client, what string, s stream[T], pageDone func(int)) (listed[T], error) {
	l, err := listPages(ctx, c, s, pageDone)
	if err != nil || l.end != refusedDeeper {
		return l, err
	}
	return l, fmt.Errorf("GitHub stopped serving the %s list (pagination is limited for this resource) before it reached back to %s: "+
		"fetch a shorter period (a later --since, or shorter windows)", what, s.since.UTC().Format(time.DateOnly))
}

// fillEvents reads per-issue event lists where GitHub stopped serving the
// repository-wide list before it reached back to since (SPEC §4): after a
// 422 on a deeper page, or a full last page without a next one. A list that
// ended on a partial page is complete, and needs none. Only the issues
// that could have events in the gap are asked for: opened before the
// oldest event read, and updated since (an event would have updated them).
func (c *Client) fillEvents(ctx context.Context, path string, r *snapshot.Repo, events listed[gh.IssueEvent], updated map[int]time.Time, since time.Time, pageDone func(int)) error {
	if !events.end.truncated() || len(events.items) == 0 {
		return nil
	}
	oldest := events.items[len(events.items)-1].GetCreatedAt().Time
	if !oldest.After(since) {
		return nil // it reached back far enough
	}
	var todo []int
	for _, is := range r.Issues {
		if is.CreatedAt.Before(oldest) && !updated[is.Number].Before(since) {
			todo = append(todo, is.Number)
		}
	}
	lists, err := eachConcurrently(ctx, c.transport.inFlight(), todo, func(ctx context.Context, number int) ([]*gh.IssueEvent, error) {
		more, err := listPages(ctx, c, stream[gh.IssueEvent]{
			first: fmt.Sprintf("%s/issues/%d/events?per_page=100", path, number),
			key:   func(*gh.IssueEvent) time.Time { return time.Time{} }, maxPages: maxIssuePages,
		}, pageDone)
		return more.items, err
	})
	if err != nil {
		return err
	}
	have := map[int64]bool{}
	for _, e := range r.Events {
		have[e.ID] = true
	}
	for i, number := range todo {
		for _, e := range lists[i] {
			if e.Issue == nil {
				e.Issue = &gh.Issue{Number: gh.Int(number)}
			}
			if rec, ok := eventRecord(e); ok && !have[rec.ID] {
				have[rec.ID] = true
				r.Events = append(r.Events, rec)
			}
		}
	}
	return nil
}

// eachConcurrently calls do for every input, as many at once as the
// transport lets requests on the wire, and returns the results in the
// order of the inputs, or the first error, which stops the calls not yet
// made.
func eachConcurrently[In, Out any](ctx context.Context, limit int, inputs []In, do func(context.Context, In) (Out, error)) ([]Out, error) {
	out := make([]Out, len(inputs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for i, in := range inputs {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if gctx.Err() != nil {
				return gctx.Err()
			}
			v, err := do(gctx, in)
			out[i] = v
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
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

// listed is what was read of a stream, and how it ended.
type listed[T any] struct {
	items       []*T
	notModified bool
	etag        string
	end         streamEnd
}

// streamEnd is how a list ended.
type streamEnd int

const (
	reachedSince   streamEnd = iota + 1 // a page reached back before since
	endedPartial                        // on a partial page, without next: all of it was read
	endedFull                           // on a full page, without next: GitHub may have stopped serving it
	refusedDeeper                       // a deeper page answered 422 "pagination is limited"
	notModifiedEnd                      // the first page had not changed
)

// truncated reports whether GitHub may have stopped serving the list
// before its end.
func (e streamEnd) truncated() bool { return e == endedFull || e == refusedDeeper }

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
			if page > 0 && paginationLimited(err) {
				out.end = refusedDeeper
				return out, nil
			}
			return out, err
		}
		pageDone(1)
		if page == 0 {
			if resp.Header.Get(NotModified) != "" {
				return listed[T]{notModified: true, etag: s.etag, end: notModifiedEnd}, nil
			}
			out.etag = resp.Header.Get("ETag")
		}
		out.items = append(out.items, batch...)
		// Newest first: once a page ends before since, so does the rest.
		if len(batch) > 0 && s.key(batch[len(batch)-1]).Before(s.since) {
			out.end = reachedSince
			return out, nil
		}
		link := nextLink(resp.Header.Get("Link"))
		if link == "" {
			out.end = endedPartial
			if len(batch) >= perPage {
				out.end = endedFull
			}
			return out, nil
		}
		if next, err = c.nextPage(req.URL, link, seen); err != nil {
			return out, err
		}
	}
}

// paginationLimited reports whether GitHub refused a page as too deep:
// "In order to keep the API fast for everyone, pagination is limited for
// this resource."
func paginationLimited(err error) bool {
	var er *gh.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusUnprocessableEntity &&
		strings.Contains(strings.ToLower(er.Message), "pagination is limited")
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
	return u != nil && snapshot.IsBot(u.GetLogin(), u.GetType() == "Bot")
}

func issueRecord(is *gh.Issue) snapshot.Issue {
	rec := snapshot.Issue{
		Number: is.GetNumber(), Title: is.GetTitle(), Author: is.GetUser().GetLogin(), AuthorBot: isBot(is.GetUser()),
		CreatedAt: is.GetCreatedAt().Time.UTC(), StateReason: is.GetStateReason(), PullRequest: is.IsPullRequest(),
		Reactions: rollupOf(is.Reactions),
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
		Association: c.GetAuthorAssociation(), CreatedAt: c.GetCreatedAt().Time.UTC(), Reactions: rollupOf(c.Reactions)}, true
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
// replaced by number, comments and events added by id, the reactions of
// what it read replaced. A stream that answered 304 keeps before's
// records as they are.
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
	out.Reactions = mergeReactions(before, update, !issuesUnchanged)
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
		return nil, "", c.describeTeamError(err, team)
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
