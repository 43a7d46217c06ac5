// Package checkinmark writes and reads the hidden markers by which sla
// finds its check-in issues and their expectations' comments again (SPEC
// §7.2): HTML comments, which GitHub does not show.
//
//	<!-- sla-checkin agreement=platform-requests period=2026-Q4 -->
//	<!-- sla-expectation side=provider n=1 -->
//	<!-- sla-promise "Acknowledge every request within 4 business hours." -->
//
// The promise marker keeps the exact text of the expectation, as a JSON
// string in which <, > and & are escaped, so that nothing the agreement
// says can end the comment; results match expectations across periods by
// it.
package checkinmark

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
)

// Label marks the check-in issues: sla lists them by it.
const Label = "sla-checkin"

// The sides of an agreement whose expectations a check-in asks about.
const (
	SideProvider  = "provider"
	SideConsumers = "consumers"
)

// maxScan bounds how much of a body is searched: GitHub's bodies hold at
// most 65,536 characters, and the markers come first.
const maxScan = 1 << 18

var (
	issueMarker   = regexp.MustCompile(`<!-- sla-checkin agreement=([a-z0-9-]{1,63}) period=([0-9]{4}-(?:Q[1-4]|[0-9]{2})) -->`)
	commentMarker = regexp.MustCompile(`<!-- sla-expectation side=(provider|consumers) n=([1-9][0-9]{0,5}) -->`)
	promiseMarker = regexp.MustCompile(`<!-- sla-promise ("(?:[^"\\]|\\.)*") -->`)
)

// Issue is the marker of an agreement's check-in issue for a period.
func Issue(agreement, period string) string {
	return fmt.Sprintf("<!-- sla-checkin agreement=%s period=%s -->", agreement, period)
}

// ParseIssue finds an issue's marker in its body.
func ParseIssue(body string) (agreement, period string, ok bool) {
	m := issueMarker.FindStringSubmatch(head(body))
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// Expectation is the marker of the comment that asks about the n-th (from
// 1) expectation of a side, followed by the promise's own marker.
func Expectation(side string, n int, promise string) string {
	text, _ := json.Marshal(promise) // a string always marshals; <, > and & come out escaped
	return fmt.Sprintf("<!-- sla-expectation side=%s n=%d -->\n<!-- sla-promise %s -->", side, n, text)
}

// ParseExpectation finds a comment's expectation marker in its body, and
// the promise it quotes ("" when that marker is gone).
func ParseExpectation(body string) (side string, n int, promise string, ok bool) {
	body = head(body)
	m := commentMarker.FindStringSubmatch(body)
	if m == nil {
		return "", 0, "", false
	}
	n, _ = strconv.Atoi(m[2])
	if p := promiseMarker.FindStringSubmatch(body); p != nil {
		if err := json.Unmarshal([]byte(p[1]), &promise); err != nil {
			promise = ""
		}
	}
	return m[1], n, promise, true
}

func head(body string) string {
	if len(body) > maxScan {
		return body[:maxScan]
	}
	return body
}
