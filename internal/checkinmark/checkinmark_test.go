package checkinmark_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sla-dev/sla/internal/checkinmark"
)

func TestIssueMarker(t *testing.T) {
	t.Parallel()
	body := "Some words.\n\n" + checkinmark.Issue("platform-requests", "2026-Q4") + "\n## More"
	a, p, ok := checkinmark.ParseIssue(body)
	if !ok || a != "platform-requests" || p != "2026-Q4" {
		t.Errorf("ParseIssue = %q %q %v", a, p, ok)
	}
	for _, bad := range []string{"", "<!-- sla-checkin agreement=Platform period=2026-Q4 -->",
		"<!-- sla-checkin agreement=x period=2026-Q5 -->", "<!-- sla-checkin agreement=x -->"} {
		if _, _, ok := checkinmark.ParseIssue(bad); ok {
			t.Errorf("ParseIssue(%q) found a marker", bad)
		}
	}
	if _, p, ok := checkinmark.ParseIssue(checkinmark.Issue("x", "2026-11")); !ok || p != "2026-11" {
		t.Errorf("a month: %q %v", p, ok)
	}
}

// TestPromiseSurvivesAnyText: a promise that holds what would end an HTML
// comment, quotes or a planted marker comes back exactly, and cannot pass
// for another marker.
func TestPromiseSurvivesAnyText(t *testing.T) {
	t.Parallel()
	for _, promise := range []string{
		"Acknowledge every request within 4 business hours.",
		`Say "done" --> then <!-- sla-expectation side=consumers n=9 --> & more \ backslash`,
		"Ünïcödé, emoji 👍, and a\nline break",
	} {
		body := checkinmark.Expectation("provider", 2, promise) + "\n> quoted\n"
		side, n, got, ok := checkinmark.ParseExpectation(body)
		if !ok || side != "provider" || n != 2 || got != promise {
			t.Errorf("ParseExpectation(%q) = %q %d %q %v", body, side, n, got, ok)
		}
		if strings.Count(body, "-->") != 2 {
			t.Errorf("the promise ends a comment: %q", body)
		}
	}
	if _, _, _, ok := checkinmark.ParseExpectation("<!-- sla-expectation side=both n=1 -->"); ok {
		t.Error("a side that is not one was read")
	}
	if side, n, text, ok := checkinmark.ParseExpectation("<!-- sla-expectation side=consumers n=3 -->\nedited away"); !ok || side != "consumers" || n != 3 || text != "" {
		t.Errorf("without the promise: %q %d %q %v", side, n, text, ok)
	}
}

// FuzzMarkers: whatever a promise says, its comment's markers give it back
// exactly and end no HTML comment early; whatever a body holds (bodies
// come from GitHub, where anyone can edit them), reading it never fails
// and finds only markers sla could have written.
func FuzzMarkers(f *testing.F) {
	f.Add("Acknowledge every request within 4 business hours.", 1, "<!-- sla-checkin agreement=a period=2026-Q4 -->")
	f.Add(`--> <!-- sla-promise "x" -->`, 999999, "<!-- sla-expectation side=provider n=0 -->")
	f.Add("\\\"\u2028<>&", 7, `<!-- sla-expectation side=consumers n=12 -->`+"\n"+`<!-- sla-promise "\ud800" -->`)
	f.Fuzz(func(t *testing.T, promise string, n int, body string) {
		if utf8.ValidString(promise) && n >= 1 && n <= 999999 {
			marked := checkinmark.Expectation(checkinmark.SideConsumers, n, promise)
			side, gotN, got, ok := checkinmark.ParseExpectation(marked)
			if !ok || side != checkinmark.SideConsumers || gotN != n || got != promise {
				t.Errorf("ParseExpectation(%q) = %q %d %q %v", marked, side, gotN, got, ok)
			}
			if strings.Count(marked, "-->") != 2 {
				t.Errorf("the promise ends a comment: %q", marked)
			}
		}
		if side, gotN, _, ok := checkinmark.ParseExpectation(body); ok &&
			(side != checkinmark.SideProvider && side != checkinmark.SideConsumers || gotN < 1 || gotN > 999999) {
			t.Errorf("ParseExpectation(%q) found side %q n %d", body, side, gotN)
		}
		if agreement, period, ok := checkinmark.ParseIssue(body); ok && (agreement == "" || len(period) < 7) {
			t.Errorf("ParseIssue(%q) found %q %q", body, agreement, period)
		}
	})
}
