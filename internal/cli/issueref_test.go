package cli

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
)

// The forms of an issue's address a lead copies from the browser, and the
// look-alikes that are not an issue.
func TestParseIssueRefAddresses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in         string
		repo, host string // repo "": refused
		number     int
	}{
		{"acme/platform-requests#12", "acme/platform-requests", "", 12},
		{"https://github.com/acme/platform-requests/issues/12", "acme/platform-requests", "github.com", 12},
		{"https://github.com/acme/platform-requests/pull/12", "acme/platform-requests", "github.com", 12},
		{"https://github.com/acme/x/issues/4#issuecomment-2417", "acme/x", "github.com", 4},
		{"https://github.com/acme/x/issues/4?notification_referrer_id=NT_1#event-9", "acme/x", "github.com", 4},
		{"https://github.com/acme/x/issues/4/", "acme/x", "github.com", 4},
		{"https://github.com/acme/x/pull/4/files", "acme/x", "github.com", 4},
		{"https://github.com/acme/x/pull/4/commits/", "acme/x", "github.com", 4},
		{"https://GitHub.com/Acme/X.y_z-1/issues/7", "Acme/X.y_z-1", "github.com", 7},
		{"http://ghe.example.com:8080/acme/x/issues/3", "acme/x", "ghe.example.com:8080", 3},

		{"https://github.com/acme/x/issues/4/files", "", "", 0}, // tabs are a pull request's
		{"https://github.com/acme/x/pull/4/files/more", "", "", 0},
		{"https://github.com/acme/x/issues", "", "", 0},
		{"https://github.com/acme/x/issues/0", "", "", 0},
		{"https://github.com/acme/x/issues/012", "", "", 0},
		{"https://github.com/acme/x/discussions/4", "", "", 0},
		{"https://github.com/acme/x/blob/main/README.md", "", "", 0},
		{"https://github.com/acme/x/issues//4", "", "", 0},
		{"https://github.com/acme/%78/issues/4", "", "", 0},
		{"https://user@github.com/acme/x/issues/4", "", "", 0},
		{"ftp://github.com/acme/x/issues/4", "", "", 0},
		{"https:///acme/x/issues/4", "", "", 0},
		{"github.com/acme/x/issues/4", "", "", 0},
	} {
		ref, host, err := parseIssueRef(tc.in, "github.com")
		if tc.repo == "" {
			if err == nil || !strings.Contains(err.Error(), "is not an issue: write OWNER/REPO#NUMBER") ||
				!strings.Contains(err.Error(), "https://github.com/OWNER/REPO/issues/NUMBER") {
				t.Errorf("parseIssueRef(%q) = %v, %q, %v; want it refused, naming both forms", tc.in, ref, host, err)
			}
			continue
		}
		if err != nil || ref != (compliance.IssueRef{Repo: tc.repo, Number: tc.number}) || host != tc.host {
			t.Errorf("parseIssueRef(%q) = %v, %q, %v; want %s#%d on %q", tc.in, ref, host, err, tc.repo, tc.number, tc.host)
		}
	}
}

// FuzzParseIssueRef holds `sla explain`'s argument to what it promises:
// whatever it accepts names a repository as agreements do and a number
// from 1; OWNER/REPO#N prints back as it was written, and an address
// names its host and reads as its plainest form would; everything else is
// refused with the message that shows both forms; nothing panics.
//
//	go test ./internal/cli -run '^$' -fuzz '^FuzzParseIssueRef$' -fuzztime 1m
func FuzzParseIssueRef(f *testing.F) {
	for _, s := range []string{"acme/platform-requests#12", "acme/x#1", "acme#1", "acme/x#0", "acme/x", "acme/x#-3", "acme/x#1x",
		"a/b/c#1", "acme/x#+1", "acme/x#012", "acme/x# 1", "acme/x#1#2", "/x#1", "acme/#1", "acme/x y#1", "acme/\x1b[31mx#1",
		"acme/x#99999999999999999999", "acme/x#9223372036854775807", "Acme/X.y_z-1#7", "acme/..#1",
		"https://github.com/acme/x/issues/1", "https://github.com/acme/x/pull/12#issuecomment-1", "http://ghe.example.com/acme/x/issues/3?q=1",
		"https://github.com/acme/x/pull/4/files", "https://github.com/acme/x/issues/4/", "https://github.com/acme/x/issues/4//",
		"https://github.com/acme/x/tree/main", "https://github.com/acme/x/issues/1%2F2", "https://user:pw@github.com/acme/x/issues/1",
		"HTTPS://GITHUB.COM/acme/x/issues/1", "https://[::1]:8080/acme/x/issues/1", "mailto:acme/x#1", "https://github.com/acme/x#1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, host, err := parseIssueRef(s, "github.com")
		if err != nil {
			if !strings.Contains(err.Error(), "is not an issue: write OWNER/REPO#NUMBER") {
				t.Fatalf("parseIssueRef(%q): %v", s, err)
			}
			return
		}
		if ref.Number <= 0 || !agreement.Repo(ref.Repo).Valid() {
			t.Fatalf("parseIssueRef(%q) = %+v", s, ref)
		}
		if host == "" {
			if ref.String() != s {
				t.Fatalf("parseIssueRef(%q) = %+v (%s)", s, ref, ref)
			}
			return
		}
		u, err := url.Parse(s)
		if err != nil || host != strings.ToLower(u.Host) {
			t.Fatalf("parseIssueRef(%q): host %q, the address's is %q (%v)", s, host, u.Host, err)
		}
		plain := fmt.Sprintf("https://%s/%s/issues/%d", host, ref.Repo, ref.Number)
		if again, h, err := parseIssueRef(plain, "github.com"); err != nil || again != ref || h != host {
			t.Fatalf("parseIssueRef(%q) = %+v on %q, but %s reads as %+v on %q (%v)", s, ref, host, plain, again, h, err)
		}
	})
}
