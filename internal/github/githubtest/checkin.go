package githubtest

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/checkinmark"
	"github.com/sla-dev/sla/internal/snapshot"
)

// What `sla checkin` uses besides the lists (SPEC §7.2):
//
//	POST repos/{owner}/{repo}/labels                       {"name", "color", "description"}: 201 with the label;
//	                                                       422 "already_exists" when the repository has it
//	POST repos/{owner}/{repo}/issues                       {"title", "body", "labels"}: 201 with the issue
//	POST repos/{owner}/{repo}/issues/{number}/comments     {"body"}: 201 with the comment
//	GET  repos/{owner}/{repo}/issues/comments/{id}/reactions  as reactions.go serves them
//
// Issues and comments made this way keep their bodies, which the lists
// then serve; each comment carries its reactions rollup. Writes need an
// Authorization header (401 "Requires authentication"); the token's account
// (WithActor) is the author. Every creation that reached an endpoint is in
// Created; faults apply as to reads.

// Creation is one label, issue or comment made through the API.
type Creation struct {
	Kind   string // label, issue or comment
	Repo   string // owner/name as loaded
	Number int    // the issue's (issue, comment)
	ID     int64  // the comment's
	Title  string // the issue's, or the label's name
	Body   string
	Status int
}

// Created returns every label, issue and comment made through the API
// (and each refused creation, with its Status), in order of arrival.
func (s *Server) Created() []Creation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.created)
}

// AddCommentReaction adds a reaction to a comment by its id, as GitHub
// records one: it does not change the comment's updated_at. Content is
// one of +1, -1, laugh, hooray, confused, heart, rocket, eyes.
func (s *Server) AddCommentReaction(repoName string, comment int64, login, content string, at time.Time) {
	s.tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	rp := s.mustRepo(repoName)
	c := rp.comment(comment)
	if c == nil || !slices.Contains(snapshot.Contents, content) {
		s.tb.Fatalf("githubtest: no comment %d in %s, or %q is not a reaction", comment, repoName, content)
	}
	s.addReaction(rp, snapshot.Reaction{Issue: c.Issue, Comment: comment, Login: login, Bot: snapshot.IsBot(login, false),
		Content: content, CreatedAt: at})
}

func (r *repo) comment(id int64) *comment {
	for _, c := range r.comments {
		if c.id == id {
			return c
		}
	}
	return nil
}

// routeCreate answers the POSTs that create labels, issues and comments;
// ok is false for other requests. s.mu is held.
func (s *Server) routeCreate(r *http.Request, path string) (response, bool) {
	parts := strings.Split(path, "/")
	if r.Method != http.MethodPost || len(parts) < 4 || parts[0] != "repos" {
		return response{}, false
	}
	rest := strings.Join(parts[3:], "/")
	number := 0
	if len(parts) == 6 && parts[3] == "issues" && parts[5] == "comments" {
		n, err := strconv.Atoi(parts[4])
		if err != nil {
			return response{}, false
		}
		number, rest = n, "issues/{number}/comments"
	}
	if rest != "labels" && rest != "issues" && rest != "issues/{number}/comments" {
		return response{}, false
	}
	rp := s.byName[strings.ToLower(parts[1]+"/"+parts[2])]
	if rp == nil {
		return notFound(), true
	}
	if r.Header.Get("Authorization") == "" {
		return errorResponse(http.StatusUnauthorized, "Requires authentication", docs), true
	}
	var body map[string]any
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || json.Unmarshal(raw, &body) != nil {
		return errorResponse(http.StatusBadRequest, "Problems parsing JSON", docs), true
	}
	text := func(key string) string { v, _ := body[key].(string); return v }
	var res response
	c := Creation{Repo: rp.name}
	switch rest {
	case "labels":
		c.Kind, c.Title, c.Body = "label", text("name"), text("description")
		res = s.createLabel(rp, c.Title, text("color"))
	case "issues":
		c.Kind, c.Title, c.Body = "issue", text("title"), text("body")
		var labels []string
		if list, ok := body["labels"].([]any); ok {
			for _, l := range list {
				if name, ok := l.(string); ok && name != "" {
					labels = append(labels, name)
				}
			}
		}
		res, c.Number = s.createIssue(rp, c.Title, c.Body, labels)
	default:
		c.Kind, c.Number, c.Body = "comment", number, text("body")
		res, c.ID = s.createComment(rp, number, c.Body)
	}
	c.Status = res.status
	s.created = append(s.created, c)
	return res, true
}

// hasLabel reports whether the repository has a label of that name,
// created or carried by an issue, in any case.
func (s *Server) hasLabel(rp *repo, name string) bool {
	if _, ok := rp.labels[strings.ToLower(name)]; ok {
		return true
	}
	return repoSpelling(rp, name) != name || slices.ContainsFunc(rp.issues, func(is *issue) bool {
		return slices.ContainsFunc(is.Labels, func(l string) bool { return strings.EqualFold(l, name) })
	})
}

func (s *Server) createLabel(rp *repo, name, color string) response {
	switch {
	case name == "":
		return validationFailed("Label", "name", "missing_field", "https://docs.github.com/rest/issues/labels#create-a-label")
	case s.hasLabel(rp, name):
		return validationFailed("Label", "name", "already_exists", "https://docs.github.com/rest/issues/labels#create-a-label")
	}
	if rp.labels == nil {
		rp.labels = map[string]string{}
	}
	rp.labels[strings.ToLower(name)] = name
	l := s.label(rp, name)
	if color != "" {
		l["color"] = color
	}
	return jsonResponse(http.StatusCreated, l)
}

func (s *Server) createIssue(rp *repo, title, body string, labels []string) (response, int) {
	if title == "" {
		return validationFailed("Issue", "title", "missing_field", "https://docs.github.com/rest/issues/issues#create-an-issue"), 0
	}
	number := 1
	for _, is := range rp.issues {
		number = max(number, is.Number+1)
	}
	login, bot := s.actor()
	now := s.now().UTC().Truncate(time.Second)
	s.addIssue(rp, snapshot.Issue{Number: number, Title: title, Author: login, AuthorBot: bot, CreatedAt: now})
	is := rp.byNumber[number]
	is.body = body
	for _, l := range labels {
		name := repoSpelling(rp, l)
		if v, ok := rp.labels[strings.ToLower(l)]; ok {
			name = v
		}
		is.Labels = append(is.Labels, name)
		s.addEvent(rp, number, "labeled", name, login, bot, now)
	}
	return jsonResponse(http.StatusCreated, s.issueJSON(rp, is)), number
}

func (s *Server) createComment(rp *repo, number int, body string) (response, int64) {
	if rp.byNumber[number] == nil {
		return notFound(), 0
	}
	if body == "" {
		return validationFailed("IssueComment", "body", "missing_field", "https://docs.github.com/rest/issues/comments#create-an-issue-comment"), 0
	}
	login, bot := s.actor()
	s.addComment(rp, snapshot.Comment{Issue: number, Author: login, AuthorBot: bot, Association: "NONE", CreatedAt: s.now()})
	c := rp.comments[len(rp.comments)-1]
	c.body = body
	return jsonResponse(http.StatusCreated, s.commentJSON(rp, c)), c.id
}

// validationFailed is GitHub's 422 for a resource's field.
func validationFailed(resource, field, code, documentation string) response {
	return jsonResponse(http.StatusUnprocessableEntity, obj{
		"message": "Validation Failed", "status": "422", "documentation_url": documentation,
		"errors": []any{obj{"resource": resource, "field": field, "code": code}},
	})
}

// loadCheckins seeds the check-ins of a snapshot (s.mu held): each issue,
// labelled sla-checkin, with its marker as its body, in its repository
// (made if the snapshot has no other data of it); each expectation's
// comment with its markers; and the votes as reactions.
func (s *Server) loadCheckins(list []snapshot.Checkin) {
	login, bot := s.actor()
	for _, c := range list {
		rp := s.byName[strings.ToLower(c.Repo)]
		if rp == nil {
			rp = &repo{id: 1000 + int64(len(s.repos)), name: c.Repo, htmlURL: "https://github.com/" + c.Repo, byNumber: map[int]*issue{}}
			s.repos = append(s.repos, rp)
			s.byName[strings.ToLower(c.Repo)] = rp
		}
		s.addIssue(rp, snapshot.Issue{Number: c.Number, Title: "Check-in: " + c.Agreement + " — " + c.Period, Author: login, AuthorBot: bot,
			Labels: []string{checkinmark.Label}, CreatedAt: c.CreatedAt})
		rp.byNumber[c.Number].body = checkinmark.Issue(c.Agreement, c.Period)
		s.addEvent(rp, c.Number, "labeled", checkinmark.Label, login, bot, c.CreatedAt)
		for _, x := range c.Expectations {
			s.addComment(rp, snapshot.Comment{Issue: c.Number, Author: login, AuthorBot: bot, CreatedAt: c.CreatedAt})
			cm := rp.comments[len(rp.comments)-1]
			cm.body = checkinmark.Expectation(x.Side, x.N, x.Text)
			for _, v := range x.Votes {
				s.addReaction(rp, snapshot.Reaction{Issue: c.Number, Comment: cm.id, Login: v.Login, Bot: v.Bot,
					Content: v.Content, CreatedAt: v.CreatedAt})
			}
		}
	}
}
