package cli_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/oracle"
	"github.com/sla-dev/sla/internal/snapshot"
)

// clocksOf reads `check -o json --details` into the form of
// oracle.MinimalClocks: by objective, "#issue outcome elapsed[ at-risk]".
func clocksOf(t *testing.T, r result) map[string][]string {
	t.Helper()
	var doc struct {
		Agreements []struct {
			Objectives []struct {
				Name   string `json:"name"`
				Issues []struct {
					Number  int    `json:"number"`
					Outcome string `json:"outcome"`
					Elapsed int64  `json:"elapsed_seconds"`
					AtRisk  bool   `json:"at_risk"`
				} `json:"issues"`
			} `json:"objectives"`
		} `json:"agreements"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("not the JSON report: %v\n%s", err, r)
	}
	out := map[string][]string{}
	for _, a := range doc.Agreements {
		for _, o := range a.Objectives {
			for _, c := range o.Issues {
				s := fmt.Sprintf("#%d %s %v", c.Number, c.Outcome, time.Duration(c.Elapsed)*time.Second)
				if c.AtRisk {
					s += " at-risk"
				}
				out[o.Name] = append(out[o.Name], s)
			}
		}
	}
	return out
}

func expectMinimalClocks(t *testing.T, how string, r result) {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("%s: %s", how, r)
	}
	got := clocksOf(t, r)
	for name, want := range oracle.MinimalClocks {
		if !slices.Equal(got[name], want) {
			t.Errorf("%s: %s clocks\n  %s\nwant\n  %s", how, name, strings.Join(got[name], "\n  "), strings.Join(want, "\n  "))
		}
	}
}

// The minimal histories of SPEC §3's rules on events in one second and on
// fetch depth (oracle.MinimalHistories), measured live (fetched for the
// instant, then evaluated), from a snapshot fetched for the instant, and
// from one fetched from a month earlier: the clocks worked out by hand
// every way, though the fetch for the instant stops reading before #5's
// close. Before events of one second were ordered by id, periods of no
// time kept and a reopening taken to mean a close, all three runs missed
// or misjudged clocks of #1 to #5.
func TestExactToTheSecond(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	agreements := filepath.Join(dir, "agreements")
	writeFiles(t, agreements, map[string]string{"org.yaml": oracle.MinimalAgreements})
	srv := fakeGitHub(t, oracle.MinimalHistories().Snapshot(oracle.MinimalAt))
	cache := filepath.Join(dir, "cache")
	at := oracle.MinimalAt.Format(time.RFC3339)

	live := runLive(t, srv, cache, "check", agreements, "--at", at, "-o", "json", "--details", "-q", "--no-cache")
	expectMinimalClocks(t, "live", live)

	shallow := filepath.Join(dir, "shallow.json")
	if r := runLive(t, srv, cache, "fetch", agreements, "--at", at, "--out", shallow, "-q"); r.code != 0 {
		t.Fatalf("fetch: %s", r)
	}
	expectMinimalClocks(t, "snapshot fetched for the instant", run(t, "check", agreements, "--snapshot", shallow, "--at", at, "-o", "json", "--details"))
	if snap, err := snapshot.ReadFile(shallow); err != nil {
		t.Fatal(err)
	} else if slices.ContainsFunc(snap.Repos[0].Events, func(e snapshot.Event) bool { return e.Issue == 5 && e.Kind == snapshot.Closed }) {
		t.Fatal("the fetch for the instant read #5's close: the case no longer shows a reopening whose close was not read")
	}

	deep := filepath.Join(dir, "deep.json")
	if r := runLive(t, srv, cache, "fetch", agreements, "--at", at, "--since", "2026-09-26", "--out", deep, "-q"); r.code != 0 {
		t.Fatalf("fetch --since: %s", r)
	}
	fromDeep := run(t, "check", agreements, "--snapshot", deep, "--at", at, "-o", "json", "--details")
	expectMinimalClocks(t, "snapshot fetched from a month earlier", fromDeep)
	if live.out != fromDeep.out {
		t.Errorf("the live report differs from the one of a snapshot fetched --since a month earlier:\n%s\n---\n%s", live.out, fromDeep.out)
	}
}
