package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/golden"
	"github.com/sla-dev/sla/internal/snapshot"
)

// kudosOrg: Platform (alice) answers Payments (carol) around the clock,
// each evaluation over the 7 days before it: a first response within 1h
// (every time), a resolution within 1d (60% of the time).
const kudosOrg = `
apiVersion: sla/v1
kind: Team
metadata: {name: platform, title: Platform}
spec: {members: [alice]}
---
apiVersion: sla/v1
kind: Team
metadata: {name: payments, title: Payments}
spec: {members: [carol]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: req}
spec:
  provider: platform
  consumers: [payments]
  window: 7d
  scope: {repos: [acme/req]}
  objectives:
    - {name: first-response, metric: first_response, within: 1h, target: 100%}
    - {name: resolution, metric: resolution, within: 1d, target: 60%}
`

// kudosAt is a Friday; with --weeks 6 the points are it and the six
// Fridays before, 2026-10-16 to 2026-11-27, each at 09:00 UTC.
var kudosAt = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// kudosData is one request a week, opened two days before each point
// (so in that point's 7-day window alone), answered by alice after 30m
// and closed by her after 3h: met and met. The week to 30 Oct she
// answered after 2h (first response breached). The week to 16 Oct has a
// second request, answered after 30m but closed only after 2 days
// (resolution breached).
func kudosData(t *testing.T) string {
	t.Helper()
	r := &snapshot.Repo{Name: "acme/req", HTMLURL: "https://github.com/acme/req"}
	add := func(n int, opened time.Time, answer, close time.Duration) {
		r.Issues = append(r.Issues, snapshot.Issue{Number: n, Title: "request", Author: "carol", CreatedAt: opened, ClosedAt: opened.Add(close)})
		r.Comments = append(r.Comments, snapshot.Comment{Issue: n, Author: "alice", Association: "MEMBER", CreatedAt: opened.Add(answer)})
		r.Events = append(r.Events, snapshot.Event{Issue: n, Kind: snapshot.Closed, Actor: "alice", CreatedAt: opened.Add(close)})
	}
	for j := 0; j <= 6; j++ { // j weeks before the instant
		point := kudosAt.Add(-time.Duration(j) * 7 * 24 * time.Hour)
		answer := 30 * time.Minute
		if j == 4 { // the week to 30 Oct
			answer = 2 * time.Hour
		}
		add(10-j, point.Add(-48*time.Hour), answer, 3*time.Hour)
	}
	add(20, time.Date(2026, 10, 10, 9, 0, 0, 0, time.UTC), 30*time.Minute, 48*time.Hour) // the week to 16 Oct
	return writeSnapshot(t, &snapshot.Snapshot{FetchedAt: kudosAt, Since: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Repos: []*snapshot.Repo{r}})
}

// Streaks and the most improved, end to end, each point evaluated as
// --trend evaluates it.
func TestKudosHandComputed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"req.yaml": kudosOrg})
	r := run(t, "kudos", filepath.Join(dir, "req.yaml"), "--snapshot", kudosData(t), "--weeks", "6")
	if r.code != cli.ExitOK || r.err != "" {
		t.Fatalf("want exit 0 and nothing on stderr:\n%s", r)
	}
	// first-response: met at every point but 30 Oct's (breached: 0 of 1
	// within 1h): 6, 13, 20 and 27 Nov, 4 weeks in a row.
	// resolution: 16 Oct had 1 met (3h) and 1 breached (48h > 24h): 1/2 =
	// 50% < 60%, breached; every point since has 1 met of 1: 6 weeks in a
	// row, the longest first. It rose from 50% to 100%: +50 points.
	want := `Streaks: met at every weekly point, counting back from now (4 weeks or more)
  Platform → Payments
    resolution      kept 6 weeks in a row
    first response  kept 4 weeks in a row

Most improved: attainment up 5 points or more since 16 Oct 2026
  Platform → Payments
    resolution  up from 50.0% to 100.0% (+50.0 points)

Thanks: ❤️ and 🎉 from consumers on the provider's comments
  none

Kudos as of 2026-11-27 09:00 UTC, looking back 6 weeks (to 16 Oct 2026).
`
	if r.out != want {
		t.Errorf("got:\n%s\nwant:\n%s", r.out, want)
	}

	// Looking back 3 weeks, resolution's streak reaches the earliest point:
	// at least 4 weeks; and nothing improved from 100%.
	r = run(t, "kudos", filepath.Join(dir, "req.yaml"), "--snapshot", kudosData(t), "--weeks", "3", "-o", "json")
	var doc struct {
		Weeks   int `json:"weeks"`
		Streaks []struct {
			Objective string    `json:"objective"`
			Weeks     int       `json:"weeks"`
			AtLeast   bool      `json:"at_least"`
			Since     time.Time `json:"since"`
		} `json:"streaks"`
		Improved []json.RawMessage `json:"most_improved"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if len(doc.Streaks) != 2 || !doc.Streaks[0].AtLeast || doc.Streaks[0].Weeks != 4 || len(doc.Improved) != 0 {
		t.Errorf("--weeks 3: got %+v, want two streaks of at least 4 weeks and no improvement\n%s", doc, r.out)
	}
}

// A repository that could not be read leaves the objectives that measure
// it out, says so, and exits 3; the others are listed.
func TestKudosIncomplete(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// gone measures acme/req too: its figures would have the same streaks
	// as req's, were they not missing acme/gone's.
	gone := strings.NewReplacer("name: req}", "name: gone}", "[acme/req]", "[acme/req, acme/gone]").Replace(kudosOrg[strings.Index(kudosOrg, "apiVersion: sla/v1\nkind: Agreement"):])
	writeFiles(t, dir, map[string]string{"req.yaml": kudosOrg + "---\n" + gone})
	snap, err := snapshot.ReadFile(kudosData(t))
	if err != nil {
		t.Fatal(err)
	}
	snap.Repos = append(snap.Repos, &snapshot.Repo{Name: "acme/gone", HTMLURL: "https://github.com/acme/gone", Error: "404 Not Found"})
	file := writeSnapshot(t, snap)
	r := run(t, "kudos", dir, "--snapshot", file, "--weeks", "6")
	if r.code != cli.ExitIncomplete || !strings.Contains(r.out, "* incomplete: acme/gone could not be read") {
		t.Errorf("want exit 3, and acme/gone named:\n%s", r)
	}
	r = run(t, "kudos", dir, "--snapshot", file, "--weeks", "6", "-o", "json")
	var doc struct {
		Streaks []struct {
			Agreement string `json:"agreement"`
		} `json:"streaks"`
		Incomplete []string `json:"incomplete"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if len(doc.Streaks) != 2 || doc.Streaks[0].Agreement != "req" || doc.Streaks[1].Agreement != "req" ||
		strings.Join(doc.Incomplete, " ") != "acme/gone" {
		t.Errorf("want req's two streaks alone, and acme/gone incomplete: %+v", doc)
	}
}

func TestKudosExampleGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"kudos-example.golden", nil},
		{"kudos-example-markdown.golden", []string{"-o", "markdown"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			t.Parallel()
			r := run(t, append([]string{"kudos", example, "--snapshot", exampleSnapshot}, tc.args...)...)
			if r.code != cli.ExitOK || r.err != "" {
				t.Fatalf("want exit 0 and nothing on stderr:\n%s", r)
			}
			golden.Check(t, tc.golden, []byte(r.out))
		})
	}
}

// The example shows every kind of kudos (make demo, the README).
func TestKudosExampleShowsEach(t *testing.T) {
	t.Parallel()
	r := run(t, "kudos", example, "--snapshot", exampleSnapshot, "-o", "json")
	var doc struct {
		Streaks  []json.RawMessage `json:"streaks"`
		Improved []json.RawMessage `json:"most_improved"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if len(doc.Streaks) == 0 || len(doc.Improved) == 0 {
		t.Errorf("the example has %d streaks and %d improvements, want some of each", len(doc.Streaks), len(doc.Improved))
	}
}

// Flags that cannot work are refused before anything is read.
func TestKudosUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--weeks", "0"}, "--weeks 0: give a number of weeks, 1 or more"},
		{[]string{"--by", "consumer"}, `--by "consumer": use team or person`},
		{[]string{"-o", "csv"}, `unknown output format "csv": use one of table, markdown, json`},
		{[]string{"--snapshot", "missing.json.gz"}, "missing.json.gz"},
		// The example's snapshot covers from 30 Jun: 26 weeks back and a
		// 28-day window reach further.
		{[]string{"--snapshot", exampleSnapshot, "--weeks", "26"}, "fetch with --since"},
	} {
		r := run(t, append([]string{"kudos", example}, tc.args...)...)
		if r.code != cli.ExitError || !strings.Contains(r.err, tc.want) {
			t.Errorf("kudos %s: want exit 2 saying %q:\n%s", strings.Join(tc.args, " "), tc.want, r)
		}
	}
}
