package githubtest

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/snapshot"
)

// repo is one repository's data. Comments and events are kept in id order,
// which is the order they were added (Load adds them by creation time).
type repo struct {
	id        int64
	name      string // owner/name as loaded
	htmlURL   string
	issues    []*issue
	byNumber  map[int]*issue
	comments  []*comment
	events    []*event
	labels    map[string]string // created with POST labels: lowercase name → name
	reactions []*reaction       // reactions.go
}

type issue struct {
	snapshot.Issue
	id       int64
	updated  time.Time // latest of creation, comments, events and close
	comments int
	assoc    string // the author's author_association
	body     string // of issues opened through the API; "" serves a placeholder
}

type comment struct {
	snapshot.Comment
	id   int64
	body string // of comments made through the API; "" serves a placeholder
}

type event struct {
	id    int64
	issue int
	kind  string // GitHub's event name
	label string
	actor string
	bot   bool
	at    time.Time
	quiet bool // leaves updated_at alone (AddOtherEvent)
}

// obj is a JSON object as GitHub sends it.
type obj = map[string]any

// Load seeds repositories, issues (with pull requests), comments, events,
// reactions and team members from a snapshot (the issues' and comments'
// rollups are made from the reactions, as GitHub's are). Repositories get ids 1000, 1001, … in the
// order loaded; one loaded again under the same name is replaced and keeps its
// id. Teams map "org/slug" (any case) to logins. Times are truncated to whole
// seconds, as GitHub's are.
func (s *Server) Load(snap *snapshot.Snapshot) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sr := range snap.Repos {
		key := strings.ToLower(sr.Name)
		r := &repo{name: sr.Name, htmlURL: sr.HTMLURL, byNumber: map[int]*issue{}}
		if r.htmlURL == "" {
			r.htmlURL = "https://github.com/" + sr.Name
		}
		if old := s.byName[key]; old != nil {
			r.id = old.id
			s.repos[r.id-1000] = r
		} else {
			r.id = 1000 + int64(len(s.repos))
			s.repos = append(s.repos, r)
		}
		s.byName[key] = r
		for _, is := range sr.Issues {
			s.addIssue(r, is)
		}
		served := map[int64]int64{} // a loaded comment's id → the id it is served with
		for _, c := range sortedBy(sr.Comments, func(c snapshot.Comment) time.Time { return c.CreatedAt }) {
			if id := s.addComment(r, c); c.ID != 0 {
				served[c.ID] = id
			}
		}
		for _, e := range sortedBy(sr.Events, func(e snapshot.Event) time.Time { return e.CreatedAt }) {
			s.addEvent(r, e.Issue, e.Kind.String(), e.Label, e.Actor, e.ActorBot, e.CreatedAt)
		}
		for _, x := range sortedBy(sr.Reactions, func(x snapshot.Reaction) time.Time { return x.CreatedAt }) {
			if x.Comment != 0 {
				if x.Comment = served[x.Comment]; x.Comment == 0 {
					continue // on a comment not loaded
				}
			}
			s.addReaction(r, x)
		}
	}
	for team, logins := range snap.Teams {
		s.teams[strings.ToLower(team)] = slices.Clone(logins)
	}
	s.loadCheckins(snap.Checkins) // checkin.go
}

// AddIssue adds an issue or pull request (or replaces the one with its
// number), as opened at is.CreatedAt with its current labels and state.
func (s *Server) AddIssue(repo string, is snapshot.Issue) {
	s.tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addIssue(s.mustRepo(repo), is)
}

// AddComment adds a comment; the issue's comment count and updated_at
// follow. It returns the id the comment is served with.
func (s *Server) AddComment(repo string, c snapshot.Comment) int64 {
	s.tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.mustRepo(repo)
	s.mustIssue(r, c.Issue)
	return s.addComment(r, c)
}

// AddEvent adds a labeled, unlabeled, closed or reopened event and changes
// the issue as GitHub would: its labels, state, state_reason, closed_at and
// updated_at.
func (s *Server) AddEvent(repo string, e snapshot.Event) {
	s.tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.mustRepo(repo)
	is := s.mustIssue(r, e.Issue)
	at := e.CreatedAt.UTC().Truncate(time.Second)
	switch e.Kind {
	case snapshot.Labeled:
		if !slices.Contains(is.Labels, e.Label) {
			is.Labels = append(is.Labels, e.Label)
		}
	case snapshot.Unlabeled:
		is.Labels = slices.DeleteFunc(is.Labels, func(l string) bool { return l == e.Label })
	case snapshot.Closed:
		is.ClosedAt = at
		if is.StateReason == "" || is.StateReason == "reopened" {
			is.StateReason = "completed"
		}
	case snapshot.Reopened:
		is.ClosedAt = time.Time{}
		is.StateReason = "reopened"
	}
	s.addEvent(r, e.Issue, e.Kind.String(), e.Label, e.Actor, e.ActorBot, at)
}

// AddOtherEvent adds an event of a kind the evaluation does not read, such as
// "mentioned", "subscribed" or "referenced": noise a client must skip. It
// changes nothing else, not even updated_at.
func (s *Server) AddOtherEvent(repo string, number int, kind, actor string, at time.Time) {
	s.tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.mustRepo(repo)
	s.mustIssue(r, number)
	s.appendEvent(r, event{issue: number, kind: kind, actor: actor, at: at.UTC().Truncate(time.Second), quiet: true})
}

func (s *Server) mustRepo(name string) *repo {
	r := s.byName[strings.ToLower(name)]
	if r == nil {
		s.tb.Fatalf("githubtest: no repository %q", name)
	}
	return r
}

func (s *Server) mustIssue(r *repo, number int) *issue {
	is := r.byNumber[number]
	if is == nil {
		s.tb.Fatalf("githubtest: no issue %s#%d", r.name, number)
	}
	return is
}

func (s *Server) addIssue(r *repo, si snapshot.Issue) {
	si.Labels = slices.Clone(si.Labels)
	si.CreatedAt = si.CreatedAt.UTC().Truncate(time.Second)
	si.ClosedAt = si.ClosedAt.UTC().Truncate(time.Second)
	is := &issue{Issue: si, updated: si.CreatedAt, assoc: "NONE"}
	touch(is, si.ClosedAt)
	old := r.byNumber[si.Number]
	if old == nil {
		is.id = s.newID()
		r.byNumber[si.Number] = is
		r.issues = append(r.issues, is)
		return
	}
	// A replaced issue keeps its id and the activity already recorded.
	is.id = old.id
	for _, c := range r.comments {
		if c.Issue == si.Number {
			is.comments++
			touch(is, c.CreatedAt)
		}
	}
	for _, e := range r.events {
		if e.issue == si.Number && !e.quiet {
			touch(is, e.at)
		}
	}
	*old = *is
}

func (s *Server) addComment(r *repo, c snapshot.Comment) int64 {
	c.CreatedAt = c.CreatedAt.UTC().Truncate(time.Second)
	if c.Association == "" {
		c.Association = "NONE"
	}
	id := s.newID()
	r.comments = append(r.comments, &comment{Comment: c, id: id})
	if is := r.byNumber[c.Issue]; is != nil {
		is.comments++
		touch(is, c.CreatedAt)
		if strings.EqualFold(c.Author, is.Author) {
			is.assoc = c.Association
		}
	}
	return id
}

func (s *Server) addEvent(r *repo, number int, kind, label, actor string, bot bool, at time.Time) {
	at = at.UTC().Truncate(time.Second)
	s.appendEvent(r, event{issue: number, kind: kind, label: label, actor: actor, bot: bot, at: at})
	if is := r.byNumber[number]; is != nil {
		touch(is, at)
	}
}

func (s *Server) appendEvent(r *repo, e event) {
	e.id = s.newID()
	r.events = append(r.events, &e)
}

func (s *Server) newID() int64 {
	s.lastID++
	return s.lastID
}

func touch(is *issue, t time.Time) {
	if t.After(is.updated) {
		is.updated = t
	}
}

func sortedBy[T any](xs []T, at func(T) time.Time) []T {
	return slices.SortedStableFunc(slices.Values(xs), func(a, b T) int { return at(a).Compare(at(b)) })
}

// The JSON objects, as GitHub's REST API (version 2022-11-28) sends them.

func ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

func nodeID(prefix string, id int64) string {
	return prefix + "_kwDO" + base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s%d", prefix, id))
}

func hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(s)))
	return h.Sum32()
}

func (s *Server) user(login string, bot, org bool) obj {
	id := int64(hash(login)&0x3fffffff) + 1
	kind := "User"
	if bot {
		kind = "Bot"
	} else if org {
		kind = "Organization"
	}
	api := s.URL + "users/" + login
	return obj{
		"login": login, "id": id, "node_id": nodeID("U", id),
		"avatar_url":  fmt.Sprintf("https://avatars.githubusercontent.com/u/%d?v=4", id),
		"gravatar_id": "", "url": api, "html_url": "https://github.com/" + login,
		"followers_url": api + "/followers", "following_url": api + "/following{/other_user}",
		"gists_url": api + "/gists{/gist_id}", "starred_url": api + "/starred{/owner}{/repo}",
		"subscriptions_url": api + "/subscriptions", "organizations_url": api + "/orgs",
		"repos_url": api + "/repos", "events_url": api + "/events{/privacy}",
		"received_events_url": api + "/received_events", "type": kind, "site_admin": false,
		"user_view_type": "public",
	}
}

// labelColor is a label's colour: six hex digits, fixed per name.
func labelColor(name string) string { return fmt.Sprintf("%06x", hash(name)&0xffffff) }

func (s *Server) label(r *repo, name string) obj {
	id := int64(hash(r.name+"\x00"+name) & 0x3fffffff)
	return obj{
		"id": id, "node_id": nodeID("LA", id), "url": s.URL + "repos/" + r.name + "/labels/" + url.PathEscape(name),
		"name": name, "color": labelColor(name), "default": false, "description": nil,
	}
}

func (s *Server) issueJSON(r *repo, is *issue) obj {
	api := fmt.Sprintf("%srepos/%s/issues/%d", s.URL, r.name, is.Number)
	labels := make([]any, len(is.Labels))
	for i, l := range is.Labels {
		labels[i] = s.label(r, l)
	}
	state, reason := "open", any(nil)
	if !is.Open() {
		state = "closed"
	}
	if is.StateReason != "" {
		reason = is.StateReason
	}
	o := obj{
		"id": is.id, "node_id": nodeID("I", is.id), "url": api, "repository_url": s.URL + "repos/" + r.name,
		"labels_url": api + "/labels{/name}", "comments_url": api + "/comments", "events_url": api + "/events",
		"html_url": fmt.Sprintf("%s/issues/%d", r.htmlURL, is.Number), "timeline_url": api + "/timeline",
		"number": is.Number, "title": is.Title, "user": s.user(is.Author, is.AuthorBot, false),
		"labels": labels, "state": state, "state_reason": reason, "locked": false, "active_lock_reason": nil,
		"assignee": nil, "assignees": []any{}, "milestone": nil, "comments": is.comments,
		"created_at": ts(is.CreatedAt), "updated_at": ts(is.updated), "closed_at": ts(is.ClosedAt),
		"author_association": is.assoc, "body": cmp.Or(is.body, "Placeholder body: the fake serves no real text."),
		"reactions": s.rollupJSON(r, is.Number, 0, s.issueReactionsURL(r, is.Number)),
	}
	if is.PullRequest {
		o["node_id"] = nodeID("PR", is.id)
		o["draft"] = false
		html := fmt.Sprintf("%s/pull/%d", r.htmlURL, is.Number)
		o["html_url"] = html
		o["pull_request"] = obj{
			"url": fmt.Sprintf("%srepos/%s/pulls/%d", s.URL, r.name, is.Number), "html_url": html,
			"diff_url": html + ".diff", "patch_url": html + ".patch", "merged_at": nil,
		}
	}
	return o
}

func (s *Server) commentJSON(r *repo, c *comment) obj {
	html := fmt.Sprintf("%s/issues/%d#issuecomment-%d", r.htmlURL, c.Issue, c.id)
	if is := r.byNumber[c.Issue]; is != nil && is.PullRequest {
		html = fmt.Sprintf("%s/pull/%d#issuecomment-%d", r.htmlURL, c.Issue, c.id)
	}
	return obj{
		"id": c.id, "node_id": nodeID("IC", c.id), "url": fmt.Sprintf("%srepos/%s/issues/comments/%d", s.URL, r.name, c.id),
		"html_url": html, "issue_url": fmt.Sprintf("%srepos/%s/issues/%d", s.URL, r.name, c.Issue),
		"user": s.user(c.Author, c.AuthorBot, false), "author_association": c.Association,
		"created_at": ts(c.CreatedAt), "updated_at": ts(c.CreatedAt),
		"body":      cmp.Or(c.body, "Placeholder comment: the fake serves no real text."),
		"reactions": s.rollupJSON(r, c.Issue, c.id, s.commentReactionsURL(r, c.id)),
	}
}

// eventJSON is an event of the repository-wide list (withIssue) or of one
// issue's list.
func (s *Server) eventJSON(r *repo, e *event, withIssue bool) obj {
	o := obj{
		"id": e.id, "node_id": nodeID("E", e.id), "url": fmt.Sprintf("%srepos/%s/issues/events/%d", s.URL, r.name, e.id),
		"actor": s.user(e.actor, e.bot, false), "event": e.kind, "commit_id": nil, "commit_url": nil,
		"created_at": ts(e.at), "performed_via_github_app": nil,
	}
	if e.kind == "labeled" || e.kind == "unlabeled" {
		o["label"] = obj{"name": e.label, "color": labelColor(e.label)}
	}
	if withIssue {
		if is := r.byNumber[e.issue]; is != nil {
			o["issue"] = s.issueJSON(r, is)
		}
	}
	return o
}

func (s *Server) repoJSON(r *repo) obj {
	owner, name, _ := strings.Cut(r.name, "/")
	created := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	updated, open := created, 0
	for _, is := range r.issues {
		updated = maxTime(updated, is.updated)
		if is.Open() {
			open++
		}
	}
	return obj{
		"id": r.id, "node_id": nodeID("R", r.id), "name": name, "full_name": r.name,
		"owner": s.user(owner, false, true), "private": false, "html_url": r.htmlURL,
		"url": s.URL + "repos/" + r.name, "description": nil, "fork": false, "default_branch": "main",
		"visibility": "public", "archived": false, "disabled": false, "has_issues": true,
		"open_issues_count": open, "created_at": ts(created), "updated_at": ts(updated), "pushed_at": ts(updated),
	}
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
