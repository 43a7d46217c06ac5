package githubtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// Who the token is, as `sla due --apply-label` asks before it removes a
// label (only from issues where that account added it):
//
//	GET  user     the token's account: the acting login (WithActor) as a
//	              public-user; for a bot (a login ending in [bot], as for a
//	              GitHub App installation token or a workflow's GITHUB_TOKEN)
//	              403 "Resource not accessible by integration", as GitHub
//	              answers installation tokens
//	POST graphql  {"query": "…viewer…login…"}: {"data": {"viewer": {"login": L}}}
//	              with the acting login, bots included (GitHub's GraphQL API
//	              answers viewer for installation tokens); any other query:
//	              200 with {"errors": [...]}, as GitHub's GraphQL API does.
//	              Served at BASE/graphql, which is GitHub's own place on
//	              api.github.com (not Enterprise Server's /api/graphql).
//
// Both need an Authorization header (401 "Requires authentication").

// authenticatedUser answers GET user; s.mu is held.
func (s *Server) authenticatedUser(r *http.Request) response {
	if r.Header.Get("Authorization") == "" {
		return errorResponse(http.StatusUnauthorized, "Requires authentication",
			"https://docs.github.com/rest/users/users#get-the-authenticated-user")
	}
	login, bot := s.actor()
	if bot {
		return errorResponse(http.StatusForbidden, "Resource not accessible by integration",
			"https://docs.github.com/rest/users/users#get-the-authenticated-user")
	}
	u := s.user(login, false, false)
	created := s.now().UTC().AddDate(-3, 0, 0).Format("2006-01-02T15:04:05Z")
	for k, v := range (obj{
		"name": nil, "company": nil, "blog": "", "location": nil, "email": nil, "hireable": nil, "bio": nil,
		"public_repos": 0, "public_gists": 0, "followers": 0, "following": 0,
		"created_at": created, "updated_at": created,
	}) {
		u[k] = v
	}
	return jsonResponse(http.StatusOK, u)
}

// graphQL answers POST graphql; s.mu is held.
func (s *Server) graphQL(r *http.Request) response {
	if r.Header.Get("Authorization") == "" {
		return errorResponse(http.StatusUnauthorized, "This endpoint requires you to be authenticated.",
			"https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql")
	}
	var body struct {
		Query string `json:"query"`
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || json.Unmarshal(b, &body) != nil || body.Query == "" {
		return jsonResponse(http.StatusBadRequest, obj{"message": "Problems parsing JSON",
			"documentation_url": "https://docs.github.com/graphql"})
	}
	q := strings.Join(strings.Fields(body.Query), "")
	if !strings.Contains(q, "viewer{login}") {
		return jsonResponse(http.StatusOK, obj{"errors": []any{obj{"message": "the fake GitHub answers only viewer { login }"}}})
	}
	login, _ := s.actor()
	return jsonResponse(http.StatusOK, obj{"data": obj{"viewer": obj{"login": login}}})
}
