package cli_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Agreements whose free text carries terminal controls, written with
// YAML's own escapes: \e is ESC, \a BEL, \u202E a right-to-left override.
const hostileOrg = `apiVersion: sla/v1
kind: Team
metadata: {name: platform, title: "Plat\e[5mform"}
spec: {members: [alice], contact: "#help \u202Eplh"}
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments}
spec: {members: [carol]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: requests, title: "Requests \e]0;pwned\a"}
spec:
  provider: platform
  consumers: [payments]
  window: 28d
  scope: {repos: [acme/requests]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
  expectations:
    provider: ["Answer \e[2J fast"]
`

// The hostile issue: its title sets the window title and hides text, its
// author and label carry escapes. Nobody answered it in the 24 hours
// since it was opened: a breach of 4h (24x7), still running.
const (
	hostileTitle  = "\x1b]0;pwned\x07Help \u202egpj.exe\u009b2J"
	hostileAuthor = "eve\x1b[8m"
	hostileLabel  = "bug\x1b[31m"
)

func hostileSnapshot(at time.Time) *snapshot.Snapshot {
	return &snapshot.Snapshot{
		FetchedAt: at, Since: at.AddDate(0, 0, -60), Teams: map[string][]string{},
		Repos: []*snapshot.Repo{{Name: "acme/requests", HTMLURL: "https://github.com/acme/requests",
			Issues: []snapshot.Issue{{Number: 1, Title: hostileTitle, Author: hostileAuthor,
				CreatedAt: at.Add(-24 * time.Hour), Labels: []string{hostileLabel}}},
			Events: []snapshot.Event{{ID: 1, Issue: 1, Kind: snapshot.Labeled, Label: hostileLabel, Actor: hostileAuthor,
				CreatedAt: at.Add(-24 * time.Hour)}},
		}},
	}
}

// raw reports the first character a terminal would act on, if any is left
// in the output (tests run without a terminal, so there is no colour).
func raw(s string) string {
	for _, r := range s {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) {
			return string(r)
		}
	}
	return ""
}

// Every text output meant for a terminal shows what comes from outside
// — YAML values, GitHub's titles, logins and labels, file names, server
// messages — escaped; JSON keeps the data as it is.
func TestTerminalSafety(t *testing.T) {
	t.Parallel()
	org := writeOrg(t, map[string]string{"agreements.yaml": hostileOrg})
	at := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC) // the tests' now
	snap := writeSnapshot(t, hostileSnapshot(at))
	// A file name with an escape, holding an error.
	badDir := writeOrg(t, map[string]string{"oops\x1b[2J.yaml": "apiVersion: sla/v1\nkind: Team\nmetadata: {name: x}\nspec: {}\n"})

	for _, tc := range []struct {
		name string
		args []string
		want []string // escaped forms that must appear
	}{
		{"check table", []string{"check", org, "--snapshot", snap, "--details"}, []string{"acme/requests#1"}},
		{"check markdown", []string{"check", org, "--snapshot", snap, "-o", "markdown"},
			[]string{`\\x1b\]0;pwned\\aHelp \\u202egpj.exe\\u009b2J`}},
		{"explain", []string{"explain", "acme/requests#1", org, "--snapshot", snap},
			[]string{`\x1b]0;pwned\aHelp \u202egpj.exe\u009b2J`, "by eve\\x1b[8m\n", `labels: bug\x1b[31m`}},
		{"due table", []string{"due", org, "--snapshot", snap},
			[]string{"https://github.com/acme/requests/issues/1\n    " + `\x1b]0;pwned\aHelp \u202egpj.exe\u009b2J`}},
		{"due plan", []string{"due", org, "--snapshot", snap, "--apply-label", "due\x1b[1m"},
			[]string{`add due\x1b[1m to acme/requests#1 (due)`}},
		{"describe", []string{"describe", org}, []string{`Plat\\x1b\[5mform`, `Requests \\x1b\]0;pwned\\a`, `#help \\u202eplh`, `Answer \\x1b\[2J fast`}},
		{"diagnostics", []string{"validate", badDir}, []string{`oops\x1b[2J.yaml:4:1: error:`}},
		{"error from main", []string{"check", org, "--snapshot", filepath.Join(t.TempDir(), "none\x1b[2J.json")}, []string{`none\x1b[2J.json`}},
		{"usage error from main", []string{"explain", "acme/re\x1bquests#1", org, "--snapshot", snap}, []string{`acme/re\x1bquests`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := run(t, tc.args...)
			if r.code == cli.ExitError && !strings.Contains(tc.name, "error") {
				t.Fatalf("%s", r)
			}
			if c := raw(r.out + r.err); c != "" {
				t.Errorf("%q reaches the terminal:\n%s", c, r)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.out+r.err, w) {
					t.Errorf("want %q in:\n%s", w, r)
				}
			}
		})
	}

	// JSON keeps the data (its encoding escapes the controls).
	r := run(t, "due", org, "--snapshot", snap, "-o", "json")
	if !strings.Contains(r.out, `"title": "\u001b]0;pwned\u0007Help `+"\u202e"+`gpj.exe`) {
		t.Errorf("JSON title changed:\n%s", r.out)
	}
}

// A server's message (here, a 403's) is shown escaped in the error main
// prints.
func TestTerminalSafetyServerMessage(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	s := hostileSnapshot(at)
	s.Repos[0].Issues[0].Title = "Help"
	fake := fakeGitHub(t, s, githubtest.WithClock(func() time.Time { return at }), githubtest.WithActor("sla-bot"))
	target, err := url.Parse(fake.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/labels") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `{"message": "\u001b]0;owned\u0007Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest"}`)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(hostile.Close)
	org := writeOrg(t, map[string]string{"agreements.yaml": hostileOrg})
	r := runLive(t, fake, t.TempDir(), "due", org, "--apply-label", "sla-due", "--yes", "-q", "--no-cache",
		"--github-url", hostile.URL)
	if r.code != cli.ExitError || !strings.Contains(r.err, `GitHub answered 403 (\x1b]0;owned\aResource not accessible by integration)`) {
		t.Errorf("want the 403's message escaped:\n%s", r)
	}
	if c := raw(r.out + r.err); c != "" {
		t.Errorf("%q reaches the terminal:\n%s", c, r)
	}
}
