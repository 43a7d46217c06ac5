package githubtest

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// pos places an item in a list, which is sorted by key, then id, both
// ascending or both descending. Cursors name the pos of an item.
type pos struct{ key, id int64 }

// list is what an endpoint serves, sorted, before it is cut into pages.
type list struct {
	n    int
	at   func(i int) pos
	item func(i int) any
	desc bool
	// cursor is the path of cursor links, e.g. "repositories/1000/issues";
	// "" for lists served by page number however deep.
	cursor string
	// maxPages, if not 0, is how deep the list may be paged: a page after
	// it answers 422 (WithEventsPageLimit).
	maxPages int
}

func (l list) cmp(a, b pos) int {
	c := cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.id, b.id))
	if l.desc {
		return -c
	}
	return c
}

// sortedList sorts xs (which it owns) into a list.
func sortedList[T any](xs []T, at func(T) pos, desc bool, item func(T) any, cursor string) list {
	l := list{n: len(xs), desc: desc, cursor: cursor}
	slices.SortFunc(xs, func(a, b T) int { return l.cmp(at(a), at(b)) })
	l.at = func(i int) pos { return at(xs[i]) }
	l.item = func(i int) any { return item(xs[i]) }
	return l
}

// page serves the page of l that the request asks for, with a Link header
// like GitHub's: rel="prev", "next", "last", "first", in that order, absolute
// URLs with the request's other query parameters. Pages up to s.cursorAfter
// are addressed by page=N on the request's path; the link to the next one
// after that is a cursor link (after=) on l.cursor, and rel="last" is left
// out once the last page is past it. Cursor pages link rel="prev" (before=)
// and rel="next" (after=) only.
func (s *Server) page(r *http.Request, path string, l list) response {
	q := r.URL.Query()
	per := 30
	if v, err := strconv.Atoi(q.Get("per_page")); err == nil && v > 0 {
		per = min(v, 100)
	}
	cursorPath := cmp.Or(l.cursor, path)
	var lo, hi int
	var links []string
	link := func(path, key, value, rel string) {
		u := url.Values{}
		for k, v := range q {
			if k != "page" && k != "after" && k != "before" {
				u[k] = v
			}
		}
		u.Set(key, value)
		links = append(links, fmt.Sprintf(`<%s%s?%s>; rel="%s"`, s.URL, path, u.Encode(), rel))
	}
	if after, before := q.Get("after"), q.Get("before"); after != "" || before != "" {
		c, ok := decodeCursor(cmp.Or(after, before))
		if !ok {
			return invalid("after")
		}
		if after != "" {
			lo = sort.Search(l.n, func(i int) bool { return l.cmp(l.at(i), c) > 0 })
			hi = min(lo+per, l.n)
		} else {
			hi = sort.Search(l.n, func(i int) bool { return l.cmp(l.at(i), c) >= 0 })
			lo = max(hi-per, 0)
		}
		if lo > 0 {
			link(cursorPath, "before", encodeCursor(l.at(lo)), "prev")
		}
		if hi < l.n {
			link(cursorPath, "after", encodeCursor(l.at(hi-1)), "next")
		}
	} else {
		p := 1
		if v, err := strconv.Atoi(q.Get("page")); err == nil && v > 1 {
			p = v
		}
		if l.cursor != "" && p > s.cursorAfter {
			return errorResponse(http.StatusUnprocessableEntity, "Pagination with the page parameter is not "+
				"supported for large datasets, please use cursor based pagination (after/before)",
				"https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api")
		}
		lo = min((p-1)*per, l.n)
		hi = min(lo+per, l.n)
		last := max((l.n+per-1)/per, 1)
		if l.maxPages > 0 {
			last = min(last, l.maxPages)
		}
		if p > 1 {
			link(path, "page", strconv.Itoa(p-1), "prev")
		}
		if hi < l.n {
			if l.cursor == "" || p < s.cursorAfter {
				link(path, "page", strconv.Itoa(p+1), "next")
			} else {
				link(cursorPath, "after", encodeCursor(l.at(hi-1)), "next")
			}
			if l.cursor == "" || last <= s.cursorAfter {
				link(path, "page", strconv.Itoa(last), "last")
			}
		}
		if p > 1 {
			link(path, "page", "1", "first")
		}
	}
	if l.maxPages > 0 && lo >= l.maxPages*per {
		return errorResponse(http.StatusUnprocessableEntity, "In order to keep the API fast for everyone, pagination is "+
			"limited for this resource. Check the rel=last link relation in the Link response header to see how far "+
			"back you can traverse.", "https://docs.github.com/v3/#pagination")
	}
	items := make([]any, 0, hi-lo)
	for i := lo; i < hi; i++ {
		items = append(items, l.item(i))
	}
	res := jsonResponse(http.StatusOK, items)
	if len(links) > 0 {
		res.header.Set("Link", strings.Join(links, ", "))
	}
	return res
}

// Cursors are opaque to clients; here they name the pos of the item a page
// continues after (or before), so inserting items does not shift them.
func encodeCursor(p pos) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "cursor:v2:%d:%d", p.key, p.id))
}

func decodeCursor(s string) (pos, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	var p pos
	if err != nil {
		return p, false
	}
	_, err = fmt.Sscanf(string(b), "cursor:v2:%d:%d", &p.key, &p.id)
	return p, err == nil
}

// invalid is GitHub's 422 for a bad query parameter.
func invalid(field string) response {
	return jsonResponse(http.StatusUnprocessableEntity, obj{
		"message": "Validation Failed", "documentation_url": docs, "status": "422",
		"errors": []any{obj{"resource": "Issue", "field": field, "code": "invalid"}},
	})
}

// marshal encodes JSON as GitHub does: "&" and "<" unescaped, no newline.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// etag is GitHub's weak validator: it depends on the body and on the token.
func etag(authorization string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(authorization))
	h.Write([]byte{0})
	h.Write(body)
	return fmt.Sprintf(`W/"%x"`, h.Sum(nil))
}

// matches reports whether an If-None-Match header names the ETag (weak
// comparison, as GitHub does).
func matches(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		if t = strings.TrimSpace(t); t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(tag, "W/") {
			return true
		}
	}
	return false
}
