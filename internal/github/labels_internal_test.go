package github

import "testing"

// GraphQL lives beside the REST API: api.github.com/graphql, and
// HOST/api/graphql on Enterprise Server (whose REST API is HOST/api/v3).
func TestGraphQLURL(t *testing.T) {
	t.Parallel()
	for base, want := range map[string]string{
		"https://api.github.com/":          "https://api.github.com/graphql",
		"https://ghe.example.com/api/v3/":  "https://ghe.example.com/api/graphql",
		"https://ghe.example.com/api/v3":   "https://ghe.example.com/api/graphql",
		"http://127.0.0.1:8080/":           "http://127.0.0.1:8080/graphql",
		"https://proxy.example.com/github": "https://proxy.example.com/github/graphql",
	} {
		c, err := NewClient(Config{BaseURL: base})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.graphQLURL(); got != want {
			t.Errorf("%s: %s, want %s", base, got, want)
		}
	}
}
