package github

// NextLink is the Link header parser, for its fuzz test.
var NextLink = nextLink

// SetMaxPages lowers the page cap of a repository's streams, so that a
// test reaches it quickly.
func SetMaxPages(c *Client, n int) { c.maxPages = n }

// SetMaxBody lowers the cap on the bytes read from one answer.
func SetMaxBody(c *Client, n int64) { c.transport.MaxBody = n }
