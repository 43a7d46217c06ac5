package cli_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/oracle"
	"github.com/sla-dev/sla/internal/validate"
)

// Random organisations and histories (oracle.Generate), measured by `sla
// check` live at their last instant, and from a snapshot that `sla fetch
// --since` wrote from a month before the earliest window: the same report,
// byte for byte, whose figures are those of the oracle. The live run reads
// back only to the earliest window: what it does not read must not change
// a figure (SPEC §3 "Independent of fetch depth").
func TestLiveEqualsSnapshotFetchedAMonthEarlier(t *testing.T) {
	t.Parallel()
	for _, seed := range []int64{3, 17, 32, 42, 58, 71, 96} { // 32: a label added while closed, the close before what a fetch for the instant reads
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			t.Parallel()
			c := oracle.Generate(seed)
			set, diags := agreement.LoadBytes("org.yaml", []byte(c.Agreements))
			if diags = append(diags, validate.Check(set)...); diags.HasErrors() {
				t.Fatalf("invalid agreements:\n%v", diags)
			}
			dir := t.TempDir()
			agreements := filepath.Join(dir, "agreements")
			writeFiles(t, agreements, map[string]string{"org.yaml": c.Agreements})
			srv := fakeGitHub(t, c.History)
			cache, now := filepath.Join(dir, "cache"), c.History.FetchedAt
			last := c.Instants[len(c.Instants)-1]
			at := last.Format(time.RFC3339)

			want := oracle.Evaluate(set, c.History, last)
			since := last
			for _, f := range want {
				if f.WindowStart.Before(since) {
					since = f.WindowStart
				}
			}
			since = since.AddDate(0, -1, 0)

			live := runLiveAt(t, srv, cache, now, "check", agreements, "--at", at, "-o", "json", "--details", "-q", "--no-cache")
			if live.code != 0 {
				t.Fatalf("live: %s", live)
			}
			snap := filepath.Join(dir, "since.json.gz")
			if r := runLiveAt(t, srv, cache, now, "fetch", agreements, "--at", at, "--since", since.Format(time.DateOnly), "--out", snap, "-q"); r.code != 0 {
				t.Fatalf("fetch --since: %s", r)
			}
			fromSnap := run(t, "check", agreements, "--snapshot", snap, "--at", at, "-o", "json", "--details")
			if fromSnap.code != 0 || fromSnap.out != live.out {
				t.Errorf("the live report differs from the one of a snapshot fetched --since %s:\n%s\n---\n%s", since.Format(time.DateOnly), live.out, fromSnap.out)
			}
			compareWithOracle(t, live, want)
		})
	}
}

// compareWithOracle checks the figures of `check -o json` against the
// oracle's, objective by objective.
func compareWithOracle(t *testing.T, r result, want []oracle.Figures) {
	t.Helper()
	var doc struct {
		Agreements []struct {
			Name       string `json:"name"`
			Objectives []struct {
				Name            string `json:"name"`
				Met             int    `json:"met"`
				Breached        int    `json:"breached"`
				Pending         int    `json:"pending"`
				AtRisk          int    `json:"at_risk"`
				BudgetRemaining int    `json:"budget_remaining"`
				Status          string `json:"status"`
				P50             *int64 `json:"p50_seconds"`
				P90             *int64 `json:"p90_seconds"`
			} `json:"objectives"`
		} `json:"agreements"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("not the JSON report: %v\n%s", err, r)
	}
	i := 0
	for _, a := range doc.Agreements {
		for _, o := range a.Objectives {
			if i >= len(want) {
				t.Fatalf("the report has more objectives than the oracle's %d", len(want))
			}
			w := want[i]
			i++
			seconds := func(p *int64) time.Duration {
				if p == nil {
					return 0
				}
				return time.Duration(*p) * time.Second
			}
			got := fmt.Sprintf("%s/%s met %d breached %d pending %d at-risk %d budget %d %s p50 %v p90 %v", a.Name, o.Name,
				o.Met, o.Breached, o.Pending, o.AtRisk, o.BudgetRemaining, o.Status, seconds(o.P50), seconds(o.P90))
			exp := fmt.Sprintf("%s met %d breached %d pending %d at-risk %d budget %d %s p50 %v p90 %v", w.Name(),
				w.Met, w.Breached, w.Pending, w.AtRisk, w.BudgetRemaining, w.Status, w.P50, w.P90)
			if got != exp {
				t.Errorf("sla check: %s\n     oracle: %s", got, exp)
			}
		}
	}
	if i != len(want) {
		t.Errorf("the report has %d objectives, the oracle %d", i, len(want))
	}
}
