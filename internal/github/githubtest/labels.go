package githubtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/sla-dev/sla/internal/snapshot"
)

// The two endpoints that change an issue's labels, as `sla due
// --apply-label` uses them:
//
//	POST   repos/{owner}/{repo}/issues/{number}/labels         body {"labels": ["a", …]} (or ["a", …],
//	                                                          [{"name": "a"}, …], {"labels": [{"name": "a"}]}, "a");
//	                                                          200 with the issue's labels after
//	DELETE repos/{owner}/{repo}/issues/{number}/labels/{name}  200 with the labels left; 404 "Label does not
//	                                                          exist" when the issue does not carry it
//
// Label names match ignoring case, as on GitHub; a label already on the
// issue is not added again. Each change records a labeled or unlabeled
// event by the acting login (WithActor) at the server's clock and touches
// the issue's updated_at, so later reads see it. Writes without an
// Authorization header are answered 401 "Requires authentication". Every
// write is recorded for LabelWrites; faults apply to writes as to reads.

// writes is the server's state for writes.
type writes struct {
	actor    string
	actorBot bool
	set      bool
	log      []LabelWrite
}

// WithActor sets the login that changes labels (default
// github-actions[bot], as with a workflow's GITHUB_TOKEN). Whether it is
// a bot is snapshot.IsBot's answer for the login.
func WithActor(login string) Option {
	return func(s *Server) {
		s.writes.actor, s.writes.actorBot, s.writes.set = login, snapshot.IsBot(login, false), true
	}
}

// LabelWrite is one request to change labels that reached an endpoint.
type LabelWrite struct {
	Method string // POST or DELETE
	Repo   string // owner/name as loaded
	Number int
	Labels []string // asked to add (POST) or to remove (DELETE)
	Status int
	// Added and Removed are the labels that changed.
	Added, Removed []string
	Actor          string
}

// LabelWrites returns the requests to change labels that reached an
// endpoint (faulted ones are in Requests only), in order of arrival.
func (s *Server) LabelWrites() []LabelWrite {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]LabelWrite, len(s.writes.log))
	for i, w := range s.writes.log {
		w.Labels, w.Added, w.Removed = slices.Clone(w.Labels), slices.Clone(w.Added), slices.Clone(w.Removed)
		out[i] = w
	}
	return out
}

func (s *Server) actor() (string, bool) {
	if !s.writes.set {
		return "github-actions[bot]", true
	}
	return s.writes.actor, s.writes.actorBot
}

// routeWrite answers requests other than GET and HEAD (path has no base
// prefix); s.mu is held.
func (s *Server) routeWrite(r *http.Request, path string) response {
	if r.Method == http.MethodPost && path == "graphql" {
		return s.graphQL(r) // user.go
	}
	if res, ok := s.routeCreate(r, path); ok {
		return res // checkin.go
	}
	// A label's name is one path segment, escaped: split the raw path.
	parts := strings.Split(path, "/")
	if raw, ok := strings.CutPrefix(r.URL.EscapedPath(), s.prefix); ok {
		parts = strings.Split(raw, "/")
		for i, p := range parts {
			if parts[i], ok = unescape(p); !ok {
				return notFound()
			}
		}
	}
	if len(parts) < 6 || parts[0] != "repos" || parts[3] != "issues" || parts[5] != "labels" {
		return notFound()
	}
	rp := s.byName[strings.ToLower(parts[1]+"/"+parts[2])]
	if rp == nil {
		return notFound()
	}
	n, err := strconv.Atoi(parts[4])
	if err != nil || rp.byNumber[n] == nil {
		return notFound()
	}
	if r.Header.Get("Authorization") == "" {
		return errorResponse(http.StatusUnauthorized, "Requires authentication", docs)
	}
	is := rp.byNumber[n]
	switch {
	case r.Method == http.MethodPost && len(parts) == 6:
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		names, ok := parseLabelNames(body)
		if err != nil || !ok {
			return invalidLabels()
		}
		w := LabelWrite{Method: r.Method, Repo: rp.name, Number: n, Labels: names, Status: http.StatusOK}
		for _, name := range names {
			if slices.ContainsFunc(is.Labels, func(l string) bool { return strings.EqualFold(l, name) }) {
				continue
			}
			name = repoSpelling(rp, name)
			is.Labels = append(is.Labels, name)
			w.Actor = s.recordLabelEvent(rp, n, "labeled", name)
			w.Added = append(w.Added, name)
		}
		s.writes.log = append(s.writes.log, w)
		return s.labelsResponse(rp, is)
	case r.Method == http.MethodDelete && len(parts) == 7:
		name := parts[6]
		w := LabelWrite{Method: r.Method, Repo: rp.name, Number: n, Labels: []string{name}, Status: http.StatusOK}
		i := slices.IndexFunc(is.Labels, func(l string) bool { return strings.EqualFold(l, name) })
		if i < 0 {
			w.Status = http.StatusNotFound
			s.writes.log = append(s.writes.log, w)
			return errorResponse(http.StatusNotFound, "Label does not exist",
				"https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue")
		}
		name = is.Labels[i]
		is.Labels = slices.Delete(is.Labels, i, i+1)
		w.Actor = s.recordLabelEvent(rp, n, "unlabeled", name)
		w.Removed = append(w.Removed, name)
		s.writes.log = append(s.writes.log, w)
		return s.labelsResponse(rp, is)
	}
	return notFound()
}

func unescape(segment string) (string, bool) {
	v, err := url.PathUnescape(segment)
	return v, err == nil
}

// recordLabelEvent adds the event of a label change by the acting login,
// now, and returns the login.
func (s *Server) recordLabelEvent(rp *repo, number int, kind, label string) string {
	login, bot := s.actor()
	s.addEvent(rp, number, kind, label, login, bot, s.now())
	return login
}

// repoSpelling is the name a label already has in the repository (GitHub
// matches label names ignoring case), else name as given.
func repoSpelling(rp *repo, name string) string {
	for _, is := range rp.issues {
		for _, l := range is.Labels {
			if strings.EqualFold(l, name) {
				return l
			}
		}
	}
	for _, e := range rp.events {
		if e.label != "" && strings.EqualFold(e.label, name) {
			return e.label
		}
	}
	return name
}

func (s *Server) labelsResponse(rp *repo, is *issue) response {
	labels := make([]any, len(is.Labels))
	for i, l := range is.Labels {
		labels[i] = s.label(rp, l)
	}
	return jsonResponse(http.StatusOK, labels)
}

// parseLabelNames reads the body of POST …/labels in any of the shapes
// GitHub's description allows; at least one non-empty name.
func parseLabelNames(body []byte) ([]string, bool) {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, false
	}
	if s, ok := v.(string); ok {
		return []string{s}, s != ""
	}
	if o, ok := v.(map[string]any); ok {
		v = o["labels"]
	}
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, false
	}
	var names []string
	for _, item := range list {
		if o, ok := item.(map[string]any); ok {
			item = o["name"]
		}
		name, ok := item.(string)
		if !ok || name == "" {
			return nil, false
		}
		names = append(names, name)
	}
	return names, true
}

func invalidLabels() response {
	return jsonResponse(http.StatusUnprocessableEntity, obj{
		"message": "Validation Failed", "status": "422",
		"documentation_url": "https://docs.github.com/rest/issues/labels#add-labels-to-an-issue",
		"errors":            []any{obj{"resource": "Label", "field": "labels", "code": "invalid"}},
	})
}
