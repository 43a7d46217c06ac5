package github

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// The token goes only to the API's origin: the scheme, host and port of
// the configured base URL. go-github's WithAuthToken would set it on every
// request, redirects and foreign next-page links included, so the
// transport sets it itself, and the client refuses to leave the origin.

// originOf is a URL's scheme://host:port, lowercase, with the scheme's
// default port written out, so that equal origins compare equal.
func originOf(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[scheme]
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// authorize sets the token on a request for the API's origin, and takes
// any credentials off a request for another.
func (t *Transport) authorize(req *http.Request) {
	if t.token == "" {
		return
	}
	if originOf(req.URL) == t.origin {
		req.Header.Set("Authorization", "Bearer "+t.token)
	} else {
		req.Header.Del("Authorization")
	}
}

// maxRedirects bounds the redirects one request follows.
const maxRedirects = 5

// redirectPolicy is the client's CheckRedirect. Redirects within the API's
// origin are followed, as GitHub documents (301 for a renamed or
// transferred repository, 302 and 307 for temporary moves), at most
// maxRedirects of them, and a write only when it is sent again as itself
// (307, 308: a 301, 302 or 303 would turn it into a GET). A redirect to
// another origin, https to http included, is refused.
func redirectPolicy(api string) func(req *http.Request, via []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0]
		what := first.Method + " " + first.URL.Path
		code := 0
		if req.Response != nil {
			code = req.Response.StatusCode
		}
		if to := originOf(req.URL); to != api {
			return fmt.Errorf("GitHub answered %s with a redirect (%d) to %s, not the API at %s: not followed, so that the token stays with GitHub",
				what, code, to, api)
		}
		if req.Method != first.Method {
			return fmt.Errorf("GitHub answered %s with a redirect (%d) that would send it again as a %s: not followed", what, code, req.Method)
		}
		if len(via) > maxRedirects {
			return fmt.Errorf("GitHub redirected %s more than %d times: stopped", what, maxRedirects)
		}
		return nil
	}
}

// nextPage resolves a page's rel="next" link and checks it: on the API's
// origin, and not a page read already.
func (c *Client) nextPage(current *url.URL, link string, seen map[string]bool) (string, error) {
	u, err := current.Parse(link)
	if err != nil {
		return "", fmt.Errorf("GitHub's link to the page after %s is not a URL: %q", current.Path, link)
	}
	if to := originOf(u); to != c.origin {
		return "", fmt.Errorf("GitHub's link to the page after %s points to %s, not the API at %s: not followed, so that the token stays with GitHub",
			current.Path, to, c.origin)
	}
	next := u.String()
	if seen[next] {
		return "", fmt.Errorf("GitHub's link to the page after %s leads back to a page read already: stopped (a list must end)", current.Path)
	}
	return next, nil
}

// nextLink returns the rel="next" URL of a Link header (RFC 8288), or "".
// A URL may hold commas (labels=a,b), and rel may list several relations.
func nextLink(h string) string {
	for h != "" {
		start := strings.IndexByte(h, '<')
		if start < 0 {
			return ""
		}
		end := strings.IndexByte(h[start:], '>')
		if end < 0 {
			return ""
		}
		target := h[start+1 : start+end]
		params, rest := linkParams(h[start+end+1:])
		for _, p := range params {
			name, value, _ := strings.Cut(p, "=")
			if !strings.EqualFold(strings.TrimSpace(name), "rel") {
				continue
			}
			for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(value), `"`)) {
				if strings.EqualFold(rel, "next") {
					return target
				}
			}
		}
		h = rest
	}
	return ""
}

// linkParams splits the parameters after a link's target, up to the comma
// that ends the link (outside quotes), and returns the rest of the header.
func linkParams(s string) (params []string, rest string) {
	quoted := false
	from := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			quoted = !quoted
		case c == '\\' && quoted:
			i++
		case c == ';' && !quoted:
			params = append(params, s[from:i])
			from = i + 1
		case c == ',' && !quoted:
			return append(params, s[from:i])[1:], s[i+1:]
		}
	}
	return append(params, s[from:])[1:], ""
}
