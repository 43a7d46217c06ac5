package cli

import (
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
)

// FuzzParseIssueRef holds `sla explain`'s OWNER/REPO#N to what it
// promises: whatever it accepts names a repository as agreements do and
// a number from 1, and prints back as it was written; nothing panics.
//
//	go test ./internal/cli -run '^$' -fuzz '^FuzzParseIssueRef$' -fuzztime 1m
func FuzzParseIssueRef(f *testing.F) {
	for _, s := range []string{"acme/platform-requests#12", "acme/x#1", "acme#1", "acme/x#0", "acme/x", "acme/x#-3", "acme/x#1x",
		"a/b/c#1", "acme/x#+1", "acme/x#012", "acme/x# 1", "acme/x#1#2", "/x#1", "acme/#1", "acme/x y#1", "acme/\x1b[31mx#1",
		"acme/x#99999999999999999999", "acme/x#9223372036854775807", "https://github.com/acme/x/issues/1", "Acme/X.y_z-1#7", "acme/..#1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, err := parseIssueRef(s)
		if err != nil {
			if !strings.Contains(err.Error(), "is not an issue: write OWNER/REPO#NUMBER") {
				t.Fatalf("parseIssueRef(%q): %v", s, err)
			}
			return
		}
		if ref.Number <= 0 || !agreement.Repo(ref.Repo).Valid() || ref.String() != s {
			t.Fatalf("parseIssueRef(%q) = %+v (%s)", s, ref, ref)
		}
	})
}
