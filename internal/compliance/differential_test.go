package compliance

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/oracle"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

// The differential test: Evaluate against internal/oracle, a second
// reading of SPEC §3 that shares no code with this package or
// internal/clock, on random histories (oracle.Generate), objective by
// objective: met, breached, pending, at-risk clocks, budget, status, p50
// and p90. Each case is measured at three instants on
//
//   - the whole history, through the snapshot file format (and, at the
//     points of a weekly trend whose middle point is the middle instant,
//     EvaluateTrend);
//   - the history as a fetch for the instant reads it: every record at or
//     after the earliest window start, and a random number of older ones,
//     the events newest first (SPEC §3 "Independent of fetch depth");
//   - live, for one seed in thirty (one in five under fuzzing), at the last
//     instant: fetched for it from the fake GitHub by the real client.
//
// `make fuzz` runs FuzzDifferential, whose input is the seed.
const differentialSeeds = 300

func TestDifferential(t *testing.T) {
	t.Parallel()
	start := time.Now()
	var objectives, clocks atomic.Int64
	const shards = 4
	t.Run("seeds", func(t *testing.T) {
		for k := range int64(shards) {
			t.Run(fmt.Sprint(k), func(t *testing.T) {
				t.Parallel()
				for seed := k; seed < differentialSeeds; seed += shards {
					o, c := differential(t, seed, seed%30 == 0)
					objectives.Add(int64(o))
					clocks.Add(int64(c))
					if t.Failed() {
						t.Fatalf("seed %d: the oracle and Evaluate disagree: decide from SPEC §3 which is wrong, fix it, and keep the smallest history that shows it as a named test", seed)
					}
				}
			})
		}
	})
	t.Logf("%d seeds: %d objective figures and %d clocks compared in %v", differentialSeeds, objectives.Load(), clocks.Load(), time.Since(start).Round(time.Millisecond))
}

func FuzzDifferential(f *testing.F) {
	for _, seed := range []int64{0, 1, 2} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		differential(t, seed, seed%5 == 0)
	})
}

// differential measures one case every way and compares each with the
// oracle. It returns how many objective figures and clocks it compared.
func differential(t *testing.T, seed int64, live bool) (objectives, clocks int) {
	t.Helper()
	c := oracle.Generate(seed)
	set, objs := loadCase(t, c)
	whole := roundTrip(t, c.History)
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	var srv *githubtest.Server
	var client *github.Client
	var err error
	if live {
		srv = githubtest.New(t)
		srv.Load(c.History)
		if client, err = github.NewClient(github.Config{BaseURL: srv.URL, HTTP: srv.Client().Transport}); err != nil {
			t.Fatal(err)
		}
	}
	compare := func(how string, at time.Time, want []oracle.Figures, got *Report) {
		t.Helper()
		for i, r := range got.Results {
			objectives++
			clocks += len(r.Clocks)
			if diff := diffFigures(&want[i], r); diff != "" {
				t.Errorf("seed %d, %s, at %s: %s:%s", seed, how, at.Format(time.RFC3339), r.Objective.Name(), diff)
			}
		}
	}
	wants := map[time.Time][]oracle.Figures{}
	for i, at := range c.Instants {
		want := oracle.Evaluate(set, c.History, at)
		wants[at] = want
		compare("whole history", at, want, Evaluate(objs, whole, at))
		cutoff := earliestWindowStart(objs, at)
		compare("read back to the window", at, want, Evaluate(objs, readBack(c.History, cutoff, rng), at))
		if live && i == len(c.Instants)-1 {
			fetched, err := client.Fetch(context.Background(), github.Plan{
				Repos: []string{"acme/app", "acme/lib"}, Teams: []string{"acme/platform-oncall"},
				Since: cutoff.Truncate(time.Second), Now: c.History.FetchedAt,
			}, nil)
			if err != nil {
				t.Fatal(err)
			}
			compare("fetched live", at, want, Evaluate(objs, fetched.Snapshot, at))
		}
	}
	// A trend whose middle point is the middle instant, which is now and
	// then the very second of an event.
	end := c.Instants[1].Add(agreement.Week)
	trend := EvaluateTrend(objs, whole, end, 3)
	for j, at := range agreement.TrendPoints(end, 3) {
		want, ok := wants[at]
		if !ok {
			want = oracle.Evaluate(set, c.History, at)
		}
		for i, r := range trend.Results {
			p, w := r.Trend[j], want[i]
			got := counts{p.Met, p.Breached, p.Pending, p.AtRisk, p.BudgetRemaining, p.Status}
			exp := counts{w.Met, w.Breached, w.Pending, w.AtRisk, w.BudgetRemaining, Status(w.Status)}
			if got != exp {
				t.Errorf("seed %d, trend point %s: %s: %+v, oracle %+v", seed, at.Format(time.RFC3339), r.Objective.Name(), got, exp)
			}
		}
	}
	if t.Failed() {
		t.Logf("seed %d: agreements\n%s", seed, c.Agreements)
	}
	return objectives, clocks
}

// loaded keeps the agreements of each organisation the generator wrote,
// loaded and compiled: consecutive seeds share one.
var loaded = struct {
	sync.Mutex
	m map[string]loadedCase
}{m: map[string]loadedCase{}}

type loadedCase struct {
	set        *agreement.Set
	objectives []*Objective
}

func loadCase(t *testing.T, c *oracle.Case) (*agreement.Set, []*Objective) {
	t.Helper()
	key := c.Agreements + fmt.Sprint(c.History.Teams)
	loaded.Lock()
	defer loaded.Unlock()
	if l, ok := loaded.m[key]; ok {
		return l.set, l.objectives
	}
	set, diags := agreement.LoadBytes("agreements.yaml", []byte(c.Agreements))
	if diags = append(diags, validate.Check(set)...); diags.HasErrors() {
		t.Fatalf("seed %d: the generator wrote invalid agreements:\n%v\n%s", c.Seed, diags, c.Agreements)
	}
	objectives, err := Compile(set, ResolveTeams(set, c.History.Teams))
	if err != nil {
		t.Fatal(err)
	}
	loaded.m[key] = loadedCase{set, objectives}
	return set, objectives
}

func roundTrip(t *testing.T, s *snapshot.Snapshot) *snapshot.Snapshot {
	t.Helper()
	var buf bytes.Buffer
	if err := snapshot.Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	out, err := snapshot.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// earliestWindowStart is where a fetch for the instant stops reading: the
// earliest start of the objectives' windows (or effective_from, if later).
func earliestWindowStart(objectives []*Objective, at time.Time) time.Time {
	var from time.Time
	for i, o := range objectives {
		s := o.Period.DataFrom(at, 1)
		if i == 0 || s.Before(from) {
			from = s
		}
	}
	return from
}

// readBack is the history as a fetch reading back to cutoff may read it:
// each list newest first (issues by last update), every record at or
// after the cutoff, and then a random number of older ones — where a page
// ends is not for the figures to depend on. Events stay newest first, as
// the events list gives them.
func readBack(h *snapshot.Snapshot, cutoff time.Time, rng *rand.Rand) *snapshot.Snapshot {
	out := &snapshot.Snapshot{FetchedAt: h.FetchedAt, Since: cutoff, Teams: h.Teams}
	for _, r := range h.Repos {
		updated := map[int]time.Time{}
		touch := func(n int, t time.Time) {
			if t.After(updated[n]) {
				updated[n] = t
			}
		}
		for _, is := range r.Issues {
			touch(is.Number, is.CreatedAt)
			touch(is.Number, is.ClosedAt)
		}
		for _, c := range r.Comments {
			touch(c.Issue, c.CreatedAt)
		}
		for _, e := range r.Events {
			touch(e.Issue, e.CreatedAt)
		}
		nr := &snapshot.Repo{Name: r.Name, HTMLURL: r.HTMLURL}
		nr.Issues = newestFirst(r.Issues, cutoff, rng, func(is snapshot.Issue) (time.Time, int64) { return updated[is.Number], int64(is.Number) })
		nr.Comments = newestFirst(r.Comments, cutoff, rng, func(c snapshot.Comment) (time.Time, int64) { return c.CreatedAt, c.ID })
		nr.Events = newestFirst(r.Events, cutoff, rng, func(e snapshot.Event) (time.Time, int64) { return e.CreatedAt, e.ID })
		out.Repos = append(out.Repos, nr)
	}
	return out
}

func newestFirst[T any](list []T, cutoff time.Time, rng *rand.Rand, key func(T) (time.Time, int64)) []T {
	sorted := slices.Clone(list)
	slices.SortFunc(sorted, func(a, b T) int {
		ta, ia := key(a)
		tb, ib := key(b)
		return cmp.Or(tb.Compare(ta), cmp.Compare(ib, ia))
	})
	n := 0
	for n < len(sorted) {
		if t, _ := key(sorted[n]); t.Before(cutoff) {
			break
		}
		n++
	}
	return sorted[:n+rng.IntN(len(sorted)-n+1)]
}

// diffFigures says how a result differs from the oracle's figures, with
// the clocks that differ, or "".
func diffFigures(want *oracle.Figures, r *Result) string {
	figures := func(met, breached, pending, atRisk, budget int, status Status, p50, p90 time.Duration, from time.Time) string {
		return fmt.Sprintf("met %d breached %d pending %d at-risk %d budget %d %s p50 %v p90 %v, window from %s",
			met, breached, pending, atRisk, budget, status, p50, p90, from.UTC().Format(time.RFC3339))
	}
	got := figures(r.Met, r.Breached, r.Pending, r.AtRisk, r.BudgetRemaining, r.Status, r.P50, r.P90, r.WindowStart)
	exp := figures(want.Met, want.Breached, want.Pending, want.AtRisk, want.BudgetRemaining, Status(want.Status), want.P50, want.P90, want.WindowStart)
	if got == exp {
		return ""
	}
	var gotClocks, wantClocks []string
	for _, c := range r.Clocks {
		gotClocks = append(gotClocks, clockLine(c.Repo.Name, c.Issue.Number, c.Clock.Start, c.Clock.Elapsed, string(c.Outcome), c.AtRisk))
	}
	for _, c := range want.Clocks {
		wantClocks = append(wantClocks, clockLine(c.Repo, c.Issue, c.Start, c.Elapsed, c.Outcome, c.AtRisk))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n    Evaluate: %s\n    oracle:   %s", got, exp)
	for _, l := range gotClocks {
		if !slices.Contains(wantClocks, l) {
			b.WriteString("\n    Evaluate only: " + l)
		}
	}
	for _, l := range wantClocks {
		if !slices.Contains(gotClocks, l) {
			b.WriteString("\n    oracle only:   " + l)
		}
	}
	return b.String()
}

func clockLine(repo string, issue int, start time.Time, elapsed time.Duration, outcome string, atRisk bool) string {
	return fmt.Sprintf("%s#%d start %s elapsed %v %s at-risk %v", repo, issue, start.UTC().Format(time.RFC3339), elapsed, outcome, atRisk)
}
