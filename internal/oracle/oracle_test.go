package oracle

import (
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

func load(t *testing.T, yaml string) *agreement.Set {
	t.Helper()
	set, diags := agreement.LoadBytes("org.yaml", []byte(yaml))
	if diags = append(diags, validate.Check(set)...); diags.HasErrors() {
		t.Fatalf("invalid agreements:\n%v", diags)
	}
	return set
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Business time, minute by minute, under the generator's calendars.
func TestBusinessTime(t *testing.T) {
	t.Parallel()
	set := load(t, fixedOrganisation)
	cal := map[string]*hours{"24x7": alwaysOpen()}
	for _, c := range set.Calendars {
		cal[string(c.Metadata.Name)] = hoursOf(c)
	}
	tests := []struct {
		name, cal, from, to string
		want                time.Duration
	}{
		// Fri 16:00 CEST → Tue 09:30 CET across the end of summer time:
		// Fri 16:00–17:00 1h; Mon 26 Oct is a holiday; Tue 09:00–09:30 30m.
		{"berlin across the change", "berlin", "2026-10-23T14:00:00Z", "2026-10-27T08:30:00Z", 90 * time.Minute},
		// Wed 23 Dec 15:00 CET → Mon 28 Dec 10:00 CET: Wed 2h; the 24th and
		// 25th are holidays, then the weekend; Mon 09:00–10:00 1h.
		{"berlin over holidays", "berlin", "2026-12-23T14:00:00Z", "2026-12-28T09:00:00Z", 3 * time.Hour},
		// Partial minutes: 16:59:30–17:00:30 CET is open for 30s.
		{"berlin, the last half minute", "berlin", "2026-11-23T15:59:30Z", "2026-11-23T16:00:30Z", 30 * time.Second},
		{"24x7, seconds", "24x7", "2026-11-23T10:00:30Z", "2026-11-23T10:02:15Z", 105 * time.Second},
		// Sat 24 Oct 22:00–24:00 CEST (20:00Z–22:00Z) 2h; Sun 25 Oct, the day
		// 02:00–03:00 happens twice: 00:30 CEST–02:15 (its first time, CEST)
		// 1h45m, 02:45 (first time, CEST, 00:45Z)–03:30 CET (02:30Z) 1h45m.
		{"nights, autumn", "nights", "2026-10-24T20:00:00Z", "2026-10-25T12:00:00Z", 5*time.Hour + 30*time.Minute},
		// Sat 28 Mar 22:00–24:00 CET (21:00Z–23:00Z) 2h; Sun 29 Mar skips
		// 02:00–03:00: 00:30 CET (23:30Z)–02:15, which is the jump, 01:00Z:
		// 1h30m; 02:45, the jump, –03:30 CEST (01:30Z): 30m.
		{"nights, spring", "nights", "2026-03-28T20:00:00Z", "2026-03-29T12:00:00Z", 4 * time.Hour},
		// New York, Fri 30 Oct 16:00 EDT → Mon 2 Nov 09:30 EST: 1h + 30m.
		{"new york across the change", "newyork", "2026-10-30T20:00:00Z", "2026-11-02T14:30:00Z", 90 * time.Minute},
		{"empty", "berlin", "2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z", 0},
	}
	for _, tt := range tests {
		if got := cal[tt.cal].between(ts(tt.from), ts(tt.to)); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The minimal histories, measured by the oracle: the figures worked out
// by hand.
func TestMinimalHistories(t *testing.T) {
	t.Parallel()
	set := load(t, MinimalAgreements)
	got := map[string][]string{}
	for _, f := range Evaluate(set, MinimalHistories().Snapshot(MinimalAt), MinimalAt) {
		for _, c := range f.Clocks {
			s := fmt.Sprintf("#%d %s %v", c.Issue, c.Outcome, c.Elapsed)
			if c.AtRisk {
				s += " at-risk"
			}
			got[f.Objective] = append(got[f.Objective], s)
		}
	}
	for name, want := range MinimalClocks {
		if !slices.Equal(got[name], want) {
			t.Errorf("%s:\n  %s\nwant\n  %s", name, strings.Join(got[name], "\n  "), strings.Join(want, "\n  "))
		}
	}
}

// Generate writes valid agreements and consistent histories: the same
// case for the same seed, instants in order inside the history.
func TestGenerate(t *testing.T) {
	t.Parallel()
	for seed := range int64(20) {
		c := Generate(seed)
		load(t, c.Agreements)
		if !slices.IsSortedFunc(c.Instants, time.Time.Compare) || c.Instants[2].After(c.History.FetchedAt) {
			t.Errorf("seed %d: instants %v, history fetched at %v", seed, c.Instants, c.History.FetchedAt)
		}
		again := Generate(seed)
		if again.Agreements != c.Agreements || fmt.Sprint(again.History.Repos[0].Events) != fmt.Sprint(c.History.Repos[0].Events) {
			t.Errorf("seed %d: two runs differ", seed)
		}
		for _, r := range c.History.Repos {
			for _, is := range r.Issues {
				open, labels := true, map[string]bool{}
				for _, e := range r.Events {
					if e.Issue != is.Number {
						continue
					}
					switch e.Kind {
					case snapshot.Labeled:
						labels[e.Label] = true
					case snapshot.Unlabeled:
						delete(labels, e.Label)
					case snapshot.Closed:
						open = false
					case snapshot.Reopened:
						open = true
					}
				}
				if open != is.Open() || len(labels) != len(is.Labels) {
					t.Errorf("seed %d: %s#%d is open %v with %v, but its events say open %v with %v", seed, r.Name, is.Number, is.Open(), is.Labels, open, labels)
				}
			}
		}
	}
}

// The oracle stays independent of the code it checks.
func TestImportsNothingItChecks(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			for _, banned := range []string{"/internal/clock", "/internal/compliance", "/internal/calendar"} {
				if strings.HasSuffix(strings.Trim(imp.Path.Value, `"`), banned) {
					t.Errorf("%s imports %s", name, imp.Path.Value)
				}
			}
		}
	}
}
