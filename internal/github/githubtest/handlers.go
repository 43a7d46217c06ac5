package githubtest

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// route answers the endpoints; path has no base prefix.
func (s *Server) route(r *http.Request, path string) response {
	parts := strings.Split(path, "/")
	var rp *repo
	var rest []string
	switch {
	case path == "rate_limit":
		return s.rateLimit()
	case path == "user":
		return s.authenticatedUser(r) // user.go
	case len(parts) == 5 && parts[0] == "orgs" && parts[2] == "teams" && parts[4] == "members":
		return s.teamMembers(r, path, parts[1]+"/"+parts[3])
	case len(parts) >= 3 && parts[0] == "repos":
		rp, rest = s.byName[strings.ToLower(parts[1]+"/"+parts[2])], parts[3:]
	case len(parts) >= 2 && parts[0] == "repositories":
		if id, err := strconv.ParseInt(parts[1], 10, 64); err == nil && id >= 1000 && id-1000 < int64(len(s.repos)) {
			rp = s.repos[id-1000]
		}
		rest = parts[2:]
	}
	if rp == nil {
		return notFound()
	}
	switch strings.Join(rest, "/") {
	case "":
		return jsonResponse(http.StatusOK, s.repoJSON(rp))
	case "issues":
		return s.issues(r, path, rp)
	case "issues/comments":
		return s.comments(r, path, rp)
	case "issues/events":
		return s.repoEvents(r, path, rp)
	}
	if res, ok := s.routeReactions(r, path, rp, rest); ok {
		return res
	}
	if len(rest) == 3 && rest[0] == "issues" && rest[2] == "events" {
		if n, err := strconv.Atoi(rest[1]); err == nil && rp.byNumber[n] != nil {
			return s.issueEvents(r, path, rp, n)
		}
	}
	if len(rest) == 3 && rest[0] == "issues" && rest[2] == "comments" {
		if n, err := strconv.Atoi(rest[1]); err == nil && rp.byNumber[n] != nil {
			return s.issueComments(r, path, rp, n)
		}
	}
	return notFound()
}

// issues: GET repos/{owner}/{repo}/issues — issues and pull requests.
// state (open|closed|all, default open), labels (all of them), sort
// (created|updated|comments, default created), direction (default desc),
// since (updated_at at or after it).
func (s *Server) issues(r *http.Request, path string, rp *repo) response {
	q := r.URL.Query()
	since, ok := parseSince(q.Get("since"))
	if !ok {
		return invalid("since")
	}
	state := cmp.Or(q.Get("state"), "open")
	if state != "open" && state != "closed" && state != "all" {
		return invalid("state")
	}
	var want []string
	if v := q.Get("labels"); v != "" {
		want = strings.Split(v, ",")
	}
	key := func(is *issue) int64 { return is.CreatedAt.Unix() }
	switch q.Get("sort") {
	case "updated":
		key = func(is *issue) int64 { return is.updated.Unix() }
	case "comments":
		key = func(is *issue) int64 { return int64(is.comments) }
	}
	var items []*issue
	for _, is := range rp.issues {
		if (state == "open" && !is.Open()) || (state == "closed" && is.Open()) || is.updated.Before(since) {
			continue
		}
		if !slices.ContainsFunc(want, func(l string) bool {
			return !slices.ContainsFunc(is.Labels, func(m string) bool { return strings.EqualFold(l, m) })
		}) {
			items = append(items, is)
		}
	}
	return s.page(r, path, sortedList(items, func(is *issue) pos { return pos{key(is), is.id} },
		q.Get("direction") != "asc", func(is *issue) any { return s.issueJSON(rp, is) },
		fmt.Sprintf("repositories/%d/issues", rp.id)))
}

// comments: GET repos/{owner}/{repo}/issues/comments. Without sort, oldest
// first; with sort (created|updated: the same here, comments are never
// edited), direction defaults to desc. since keeps updated_at at or after it.
func (s *Server) comments(r *http.Request, path string, rp *repo) response {
	q := r.URL.Query()
	since, ok := parseSince(q.Get("since"))
	if !ok {
		return invalid("since")
	}
	var items []*comment
	for _, c := range rp.comments {
		if !c.CreatedAt.Before(since) {
			items = append(items, c)
		}
	}
	desc := q.Get("sort") != "" && q.Get("direction") != "asc"
	return s.page(r, path, sortedList(items, func(c *comment) pos { return pos{c.CreatedAt.Unix(), c.id} },
		desc, func(c *comment) any { return s.commentJSON(rp, c) },
		fmt.Sprintf("repositories/%d/issues/comments", rp.id)))
}

// repoEvents: GET repos/{owner}/{repo}/issues/events, newest first, each with
// its issue as it is now. No since, no sort.
func (s *Server) repoEvents(r *http.Request, path string, rp *repo) response {
	l := sortedList(slices.Clone(rp.events), eventPos, true,
		func(e *event) any { return s.eventJSON(rp, e, true) },
		fmt.Sprintf("repositories/%d/issues/events", rp.id))
	l.maxPages = s.eventsPages
	return s.page(r, path, l)
}

// issueEvents: GET repos/{owner}/{repo}/issues/{number}/events, oldest first,
// by page number however deep.
func (s *Server) issueEvents(r *http.Request, path string, rp *repo, number int) response {
	var items []*event
	for _, e := range rp.events {
		if e.issue == number {
			items = append(items, e)
		}
	}
	return s.page(r, path, sortedList(items, eventPos, false,
		func(e *event) any { return s.eventJSON(rp, e, false) }, ""))
}

func eventPos(e *event) pos { return pos{e.at.Unix(), e.id} }

// issueComments: GET repos/{owner}/{repo}/issues/{number}/comments, oldest
// first, by page number (the per-issue pattern the benchmark compares with).
func (s *Server) issueComments(r *http.Request, path string, rp *repo, number int) response {
	var items []*comment
	for _, c := range rp.comments {
		if c.Issue == number {
			items = append(items, c)
		}
	}
	return s.page(r, path, sortedList(items, func(c *comment) pos { return pos{c.CreatedAt.Unix(), c.id} }, false,
		func(c *comment) any { return s.commentJSON(rp, c) }, ""))
}

// teamMembers: GET orgs/{org}/teams/{team_slug}/members, in the order loaded.
func (s *Server) teamMembers(r *http.Request, path, team string) response {
	logins, ok := s.teams[strings.ToLower(team)]
	if !ok {
		return notFound()
	}
	return s.page(r, path, list{n: len(logins), at: func(i int) pos { return pos{0, int64(i)} },
		item: func(i int) any { return s.user(logins[i], false, false) }})
}

// rateLimit: GET rate_limit, which costs nothing.
func (s *Server) rateLimit() response {
	core := obj{"limit": s.limit, "remaining": s.left, "reset": ceilUnix(s.reset), "used": s.limit - s.left,
		"resource": "core"}
	search := obj{"limit": 30, "remaining": 30, "reset": ceilUnix(s.now().Add(time.Minute)), "used": 0,
		"resource": "search"}
	return jsonResponse(http.StatusOK, obj{"resources": obj{"core": core, "search": search}, "rate": core})
}

// parseSince reads an ISO 8601 timestamp (or date); "" is the zero time.
func parseSince(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
