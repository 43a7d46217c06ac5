package githubtest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/sla-dev/sla/internal/snapshot"
)

// Reactions, as GitHub serves them:
//
//	GET repos/{owner}/{repo}/issues/{number}/reactions         the issue's own, oldest first; content filters
//	GET repos/{owner}/{repo}/issues/comments/{id}/reactions    a comment's, the same way
//
// by page number however deep; an unknown issue or comment answers 404,
// a content GitHub does not know 422. Every issue and comment carries its
// rollup, the `reactions` object: url, total_count and a count for each
// content. A reaction does not change an issue's or a comment's
// updated_at, so it does not move them in lists sorted by update.

// reaction is one reaction as served.
type reaction struct {
	id      int64
	issue   int
	comment int64 // the served comment's id; 0 for the issue itself
	login   string
	bot     bool
	content string
	at      time.Time
}

// AddReaction adds a reaction to an issue (r.Comment 0) or to a comment,
// named by the id AddComment returned. r.ID is ignored: the server numbers
// reactions as GitHub does, in the order they are added.
func (s *Server) AddReaction(repo string, r snapshot.Reaction) {
	s.tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	rp := s.mustRepo(repo)
	s.mustIssue(rp, r.Issue)
	if r.Comment != 0 && !slices.ContainsFunc(rp.comments, func(c *comment) bool { return c.id == r.Comment && c.Issue == r.Issue }) {
		s.tb.Fatalf("githubtest: no comment %d on %s#%d", r.Comment, rp.name, r.Issue)
	}
	s.addReaction(rp, r)
}

// RemoveReaction takes back every reaction of a login with a content on an
// issue or a comment, as its author's second click does.
func (s *Server) RemoveReaction(repo string, issue int, comment int64, login, content string) {
	s.tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	rp := s.mustRepo(repo)
	rp.reactions = slices.DeleteFunc(rp.reactions, func(x *reaction) bool {
		return x.issue == issue && x.comment == comment && x.login == login && x.content == content
	})
}

func (s *Server) addReaction(rp *repo, r snapshot.Reaction) {
	rp.reactions = append(rp.reactions, &reaction{id: s.newID(), issue: r.Issue, comment: r.Comment, login: r.Login,
		bot: r.Bot, content: r.Content, at: r.CreatedAt.UTC().Truncate(time.Second)})
}

// rollupJSON is GitHub's reactions object for an issue or a comment.
func (s *Server) rollupJSON(rp *repo, issue int, comment int64, url string) obj {
	o := obj{"url": url}
	total := 0
	for _, c := range snapshot.Contents {
		o[c] = 0
	}
	for _, x := range rp.reactions {
		if x.issue == issue && x.comment == comment {
			o[x.content] = o[x.content].(int) + 1
			total++
		}
	}
	o["total_count"] = total
	return o
}

func (s *Server) reactionJSON(x *reaction) obj {
	return obj{"id": x.id, "node_id": nodeID("REA", x.id), "user": s.user(x.login, x.bot, false),
		"content": x.content, "created_at": ts(x.at)}
}

// reactions: GET …/issues/{number}/reactions and …/issues/comments/{id}/reactions.
func (s *Server) reactions(r *http.Request, path string, rp *repo, issue int, comment int64) response {
	content := r.URL.Query().Get("content")
	if content != "" && !slices.Contains(snapshot.Contents, content) {
		return invalid("content")
	}
	var items []*reaction
	for _, x := range rp.reactions {
		if x.issue == issue && x.comment == comment && (content == "" || x.content == content) {
			items = append(items, x)
		}
	}
	return s.page(r, path, sortedList(items, func(x *reaction) pos { return pos{x.at.Unix(), x.id} }, false,
		func(x *reaction) any { return s.reactionJSON(x) }, ""))
}

// routeReactions answers the reactions of an issue or a comment, rest
// being the path after the repository; ok is false for other paths.
func (s *Server) routeReactions(r *http.Request, path string, rp *repo, rest []string) (response, bool) {
	switch {
	case len(rest) == 3 && rest[0] == "issues" && rest[2] == "reactions":
		n, err := strconv.Atoi(rest[1])
		if err != nil || rp.byNumber[n] == nil {
			return notFound(), true
		}
		return s.reactions(r, path, rp, n, 0), true
	case len(rest) == 4 && rest[0] == "issues" && rest[1] == "comments" && rest[3] == "reactions":
		id, err := strconv.ParseInt(rest[2], 10, 64)
		i := slices.IndexFunc(rp.comments, func(c *comment) bool { return c.id == id })
		if err != nil || i < 0 {
			return notFound(), true
		}
		return s.reactions(r, path, rp, rp.comments[i].Issue, id), true
	}
	return response{}, false
}

func (s *Server) issueReactionsURL(rp *repo, issue int) string {
	return fmt.Sprintf("%srepos/%s/issues/%d/reactions", s.URL, rp.name, issue)
}

func (s *Server) commentReactionsURL(rp *repo, id int64) string {
	return fmt.Sprintf("%srepos/%s/issues/comments/%d/reactions", s.URL, rp.name, id)
}
