package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/cli"
	"github.com/sla-dev/sla/internal/snapshot"
)

func TestReportExample(t *testing.T) {
	t.Parallel()
	r := run(t, "report", example, "--snapshot", exampleSnapshot, "--at", exampleAt)
	if r.code != cli.ExitOK || r.err != "" {
		t.Fatalf("want exit 0 and nothing on stderr:\n%s", r.err)
	}
	for _, want := range []string{"<!doctype html>", "at 12 weekly points, 11 Sep to 27 Nov 2026", "Promises slipping",
		`<svg class="chart" id="chart-platform-requests-resolution"`, "Requests to Platform Engineering (platform-requests)"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the page does not hold %q", want)
		}
	}
	// --trend sets the weeks; --agreement narrows the page.
	r = run(t, "report", example, "--snapshot", exampleSnapshot, "--at", exampleAt, "--trend", "4", "--agreement", "security-reviews", "-o", "html")
	if r.code != cli.ExitOK || !strings.Contains(r.out, "at 4 weekly points, 6 Nov to 27 Nov 2026") ||
		strings.Contains(r.out, "platform-requests") || !strings.Contains(r.out, "security-reviews") {
		t.Errorf("--trend 4 --agreement security-reviews:\n%s", r.err)
	}
}

func TestReportUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", "pdf"}, `unknown output format "pdf": use html`},
		{[]string{"--trend", "0"}, "--trend 0: give a number of weeks, 1 or more"},
		// 30 weeks and a 28-day window reach back 231 days; the snapshot
		// holds 150.
		{[]string{"--trend", "30"}, "but the snapshot covers only from 2026-06-30T09:00:00Z: fetch with --since"},
		{[]string{"--agreement", "platfrom"}, `did you mean "platform-requests"?`},
	} {
		r := run(t, append([]string{"report", example, "--snapshot", exampleSnapshot}, tc.args...)...)
		if r.code != cli.ExitError || !strings.Contains(r.err, tc.want) || r.out != "" {
			t.Errorf("%v: want exit 2 saying %q:\n%s", tc.args, tc.want, r)
		}
	}
	if r := run(t, "check", example, "--snapshot", exampleSnapshot, "--trend", "-1"); r.code != cli.ExitError ||
		!strings.Contains(r.err, "--trend -1: give a number of weeks") {
		t.Errorf("check --trend -1:\n%s", r)
	}
	if r := run(t, "check", example, "--snapshot", exampleSnapshot, "--trend", "30"); r.code != cli.ExitError ||
		!strings.Contains(r.err, "fetch with --since") {
		t.Errorf("check --trend 30 reaches before the snapshot:\n%s", r)
	}
}

// check --trend: every format carries the trend; JSON has one point a
// week, oldest first, the last being the objective itself.
func TestCheckTrend(t *testing.T) {
	t.Parallel()
	r := checkExample(t, "--trend", "12", "-o", "json")
	if r.code != cli.ExitOK {
		t.Fatalf("want exit 0:\n%s", r)
	}
	var doc struct {
		Agreements []struct {
			Objectives []struct {
				Name   string `json:"name"`
				Status string `json:"status"`
				Trend  []struct {
					At     string `json:"at"`
					Status string `json:"status"`
				} `json:"trend"`
			} `json:"objectives"`
		} `json:"agreements"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, a := range doc.Agreements {
		for _, o := range a.Objectives {
			if len(o.Trend) != 12 || o.Trend[0].At != "2026-09-11T09:00:00Z" || o.Trend[11].At != exampleAt || o.Trend[11].Status != o.Status {
				t.Errorf("%s/%s: trend %+v", a, o.Name, o.Trend)
			}
		}
	}
	for _, format := range []string{"table", "markdown"} {
		r := checkExample(t, "--trend", "12", "-o", format)
		if r.code != cli.ExitOK || !strings.Contains(strings.ToLower(r.out), "trend") {
			t.Errorf("-o %s: no trend\n%s", format, r)
		}
	}
	// Without --trend, no trend.
	if r := checkExample(t, "-o", "json"); strings.Contains(r.out, `"trend"`) {
		t.Error("a trend without --trend")
	}
}

// fetch --trend N covers the earliest window of the N points: check and
// report with --trend N then read the fetched snapshot as they read the
// data it was fetched from, and live runs agree with it. A snapshot
// fetched for the instant only is refused for a trend. A sample of the
// example (an eighth of its issues, the same agreements and period)
// proves it at an eighth of the cost.
func TestLiveTrend(t *testing.T) {
	t.Parallel()
	data := exampleSample(t)
	srv := fakeGitHub(t, data)
	source := writeSnapshot(t, data)
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	at := "2026-11-27T00:00:00Z" // the test clock's now

	plain := filepath.Join(dir, "plain.json.gz")
	if r := runLive(t, srv, cache, "fetch", example, "--out", plain, "-q"); r.code != 0 {
		t.Fatalf("fetch: %s", r)
	}
	trend := filepath.Join(dir, "trend.json.gz")
	if r := runLive(t, srv, cache, "fetch", example, "--out", trend, "--trend", "12", "-q"); r.code != 0 {
		t.Fatalf("fetch --trend 12: %s", r)
	}
	for _, f := range []struct {
		path string
		want time.Time
	}{
		// The earliest window is security-reviews' quarter in Berlin: the
		// fourth quarter at at, the third at 11 weeks before (11 Sep).
		{plain, time.Date(2026, 9, 30, 22, 0, 0, 0, time.UTC)},
		{trend, time.Date(2026, 6, 30, 22, 0, 0, 0, time.UTC)},
	} {
		s, err := snapshot.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Since.Equal(f.want) {
			t.Errorf("%s covers from %v, want %v", filepath.Base(f.path), s.Since, f.want)
		}
	}

	want := run(t, "check", example, "--snapshot", source, "--at", at, "--trend", "12", "-o", "json")
	if want.code != 0 {
		t.Fatalf("check on the data served: %s", want)
	}
	if r := run(t, "check", example, "--snapshot", trend, "--trend", "12", "-o", "json"); r.code != 0 || r.out != want.out {
		t.Errorf("check --trend 12 on the snapshot fetched for it differs from the data's (exit %d):\n%s", r.code, r.err)
	}
	if r := runLive(t, srv, cache, "check", example, "--at", at, "--trend", "12", "-o", "json", "-q"); r.code != 0 || r.out != want.out {
		t.Errorf("live check --trend 12 differs from the data's (exit %d):\n%s", r.code, r.err)
	}
	if r := run(t, "check", example, "--snapshot", plain, "--trend", "12"); r.code != cli.ExitError || !strings.Contains(r.err, "fetch with --since") {
		t.Errorf("a snapshot for the instant only, read for a trend:\n%s", r)
	}
	wantPage := run(t, "report", example, "--snapshot", source, "--at", at)
	if r := runLive(t, srv, cache, "report", example, "--at", at, "-q"); r.code != 0 || r.out != wantPage.out {
		t.Errorf("live report differs from the data's (exit %d):\n%s", r.code, r.err)
	}
}
