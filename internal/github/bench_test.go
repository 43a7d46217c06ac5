package github_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	gh "github.com/google/go-github/v60/github"
	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

// benchRepos is issue 5's benchmark organisation: 5 repositories, each with
// 2,000 issues, 8,000 comments and 4,000 events over 100 days.
func benchRepos() *snapshot.Snapshot {
	s := &snapshot.Snapshot{FetchedAt: fetchedAt, Since: fetchedAt.Add(-100 * 24 * time.Hour), Teams: map[string][]string{}}
	for r := range 5 {
		repo := &snapshot.Repo{Name: fmt.Sprintf("acme/repo-%d", r), HTMLURL: fmt.Sprintf("https://github.com/acme/repo-%d", r)}
		for i := 1; i <= 2000; i++ {
			opened := s.Since.Add(time.Duration(i) * 72 * time.Minute) // 2,000 × 72 min = 100 days
			repo.Issues = append(repo.Issues, snapshot.Issue{Number: i, Title: "Issue", Author: "carol", CreatedAt: opened, Labels: []string{"request"}})
			for c := range 4 {
				repo.Comments = append(repo.Comments, snapshot.Comment{Issue: i, Author: "alice", Association: "MEMBER", CreatedAt: opened.Add(time.Duration(c+1) * 7 * time.Minute)})
			}
			repo.Events = append(repo.Events,
				snapshot.Event{Issue: i, Kind: snapshot.Labeled, Label: "request", Actor: "carol", CreatedAt: opened},
				snapshot.Event{Issue: i, Kind: snapshot.Labeled, Label: "triaged", Actor: "alice", CreatedAt: opened.Add(30 * time.Minute)})
		}
		s.Repos = append(s.Repos, repo)
	}
	return s
}

const benchLatency = 50 * time.Millisecond

// BenchmarkFetch measures whole fetches against the fake GitHub with 50 ms
// per request (`make bench`; run with -benchtime 1x). Figures: requests,
// wall seconds, and the floor (pages × latency ÷ 4 requests in flight).
func BenchmarkFetch(b *testing.B) {
	src := benchRepos()
	srv := githubtest.New(b, githubtest.WithLatency(benchLatency))
	srv.Load(src)
	var repos []string
	for _, r := range src.Repos {
		repos = append(repos, r.Name)
	}
	client, err := github.NewClient(github.Config{BaseURL: srv.URL})
	if err != nil {
		b.Fatal(err)
	}
	plan := github.Plan{Repos: repos, Since: src.Since, Now: fetchedAt}
	var cold *github.Fetched
	measure := func(b *testing.B, run func()) {
		srv.ResetRequests()
		start := time.Now()
		for b.Loop() {
			run()
		}
		wall := time.Since(start).Seconds() / float64(b.N)
		reqs := float64(len(srv.Requests())) / float64(b.N)
		b.ReportMetric(reqs, "requests")
		b.ReportMetric(wall, "wall-s")
		b.ReportMetric(reqs*benchLatency.Seconds()/4, "floor-s")
	}
	b.Run("cold", func(b *testing.B) {
		measure(b, func() {
			if cold, err = client.Fetch(context.Background(), plan, nil); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("unchanged", func(b *testing.B) {
		p := plan
		p.AddPrevious(cold.Snapshot)
		measure(b, func() {
			if _, err := client.Fetch(context.Background(), p, nil); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("update-1pct", func(b *testing.B) {
		// 1% of the issues (20 per repository) get a comment an hour later.
		later := fetchedAt.Add(time.Hour)
		for _, r := range repos {
			for i := 1; i <= 2000; i += 100 {
				srv.AddComment(r, snapshot.Comment{Issue: i, Author: "bob", Association: "MEMBER", CreatedAt: later.Add(-time.Minute)})
			}
		}
		p := plan
		p.AddPrevious(cold.Snapshot)
		p.Now = later
		measure(b, func() {
			if _, err := client.Fetch(context.Background(), p, nil); err != nil {
				b.Fatal(err)
			}
		})
	})
	// Issue 12's repository, read cold and again unchanged: where its
	// events list ends on its own before the cutoff, and where GitHub
	// refuses to page it past its 3rd page.
	b.Run("natural-end", func(b *testing.B) { benchOneRepo(b) })
	b.Run("truncated", func(b *testing.B) { benchOneRepo(b, githubtest.WithEventsPageLimit(3)) })
	// For comparison: the per-issue pattern (one comments and one events
	// request per issue), on one repository, 4 requests in flight.
	b.Run("per-issue-1-repo", func(b *testing.B) {
		hc := srv.Client()
		g := gh.NewClient(hc)
		g.BaseURL, _ = g.BaseURL.Parse(srv.URL)
		measure(b, func() {
			sem := make(chan struct{}, 4)
			var wg sync.WaitGroup
			for i := 1; i <= 2000; i++ {
				for _, kind := range []string{"comments", "events"} {
					wg.Add(1)
					sem <- struct{}{}
					go func() {
						defer wg.Done()
						defer func() { <-sem }()
						req, _ := g.NewRequest("GET", fmt.Sprintf("repos/acme/repo-0/issues/%d/%s?per_page=100", i, kind), nil)
						var v []any
						if _, err := g.Do(context.Background(), req, &v); err != nil {
							b.Error(err)
						}
					}()
				}
			}
			wg.Wait()
		})
	})
}

// quietRepo is issue 12's repository: 250 issues over 50 days with 487
// comments and 597 events, none of them on issues 1-107 (opened without a
// label, never closed), so that the events list ends before the cutoff.
func quietRepo() *snapshot.Snapshot {
	start := fetchedAt.Add(-50 * 24 * time.Hour)
	r := &snapshot.Repo{Name: "acme/quiet", HTMLURL: "https://github.com/acme/quiet"}
	for i := 1; i <= 250; i++ {
		opened := start.Add(time.Duration(i) * 288 * time.Minute) // 250 × 4.8 h = 50 days
		is := snapshot.Issue{Number: i, Title: "Issue", Author: "carol", CreatedAt: opened}
		comments := 2
		if i%19 == 0 { // 13 issues: 2 × 250 − 13 = 487 comments
			comments = 1
		}
		for c := range comments {
			r.Comments = append(r.Comments, snapshot.Comment{Issue: i, Author: "alice", Association: "MEMBER", CreatedAt: opened.Add(time.Duration(c+1) * 10 * time.Minute)})
		}
		if i >= 108 { // 143 issues × 4 events, and a P1 label on 25 of them: 597
			is.Labels = []string{"request"}
			is.ClosedAt = opened.Add(3 * time.Hour)
			r.Events = append(r.Events,
				snapshot.Event{Issue: i, Kind: snapshot.Labeled, Label: "request", Actor: "carol", CreatedAt: opened},
				snapshot.Event{Issue: i, Kind: snapshot.Labeled, Label: "triaged", Actor: "alice", CreatedAt: opened.Add(time.Hour)},
				snapshot.Event{Issue: i, Kind: snapshot.Unlabeled, Label: "triaged", Actor: "alice", CreatedAt: opened.Add(2 * time.Hour)},
				snapshot.Event{Issue: i, Kind: snapshot.Closed, Actor: "alice", CreatedAt: is.ClosedAt})
			if i < 133 {
				is.Labels = append(is.Labels, "P1")
				r.Events = append(r.Events, snapshot.Event{Issue: i, Kind: snapshot.Labeled, Label: "P1", Actor: "alice", CreatedAt: opened.Add(30 * time.Minute)})
			}
		}
		r.Issues = append(r.Issues, is)
	}
	return &snapshot.Snapshot{FetchedAt: fetchedAt, Since: start, Repos: []*snapshot.Repo{r}, Teams: map[string][]string{}}
}

// benchOneRepo reads quietRepo cold, then again unchanged, and reports
// the requests of each, per 100 items read, and how many were one
// issue's own events.
func benchOneRepo(b *testing.B, opts ...githubtest.Option) {
	src := quietRepo()
	srv := githubtest.New(b, append(opts, githubtest.WithLatency(benchLatency))...)
	srv.Load(src)
	client, err := github.NewClient(github.Config{BaseURL: srv.URL})
	if err != nil {
		b.Fatal(err)
	}
	plan := github.Plan{Repos: []string{"acme/quiet"}, Since: src.Since, Now: fetchedAt}
	var cold *github.Fetched
	run := func(b *testing.B, p github.Plan) {
		var got *github.Fetched
		srv.ResetRequests()
		start := time.Now()
		for b.Loop() {
			if got, err = client.Fetch(context.Background(), p, nil); err != nil {
				b.Fatal(err)
			}
		}
		wall := time.Since(start).Seconds() / float64(b.N)
		if cold == nil {
			cold = got
		}
		reqs := srv.Requests()
		perIssue := 0
		pages := map[string]int{} // of each repository-wide list, by its last words
		for _, r := range reqs {
			switch p := r.Path; {
			case strings.Count(p, "/") == 5 && strings.HasSuffix(p, "/events"): // repos/o/r/issues/N/events
				perIssue++
			case strings.HasSuffix(p, "/issues/comments"), strings.HasSuffix(p, "/issues/events"): // deep pages: repositories/ID/…
				pages[p[strings.LastIndex(p[:strings.LastIndex(p, "/")], "/")+1:]]++
			default:
				pages["issues"]++
			}
		}
		r := cold.Repo("acme/quiet")
		items := len(r.Issues) + len(r.Comments) + len(r.Events)
		n := float64(len(reqs)) / float64(b.N)
		b.ReportMetric(n, "requests")
		b.ReportMetric(float64(perIssue)/float64(b.N), "per-issue")
		b.ReportMetric(float64(items), "items")
		b.ReportMetric(n*100/float64(items), "req/100items")
		// The floor: the longest list, its pages one after another (the
		// events list followed by the per-issue lists it left to read, 4
		// at a time), or all requests 4 at a time, whichever is longer.
		n1 := func(list string) float64 { return float64(pages[list]) / float64(b.N) }
		chain := max(n1("issues"), n1("issues/comments"), n1("issues/events")+math.Ceil(float64(perIssue)/float64(b.N)/4), math.Ceil(n/4))
		floor := chain * benchLatency.Seconds()
		b.ReportMetric(wall, "wall-s")
		b.ReportMetric(floor, "floor-s")
		b.ReportMetric(wall/floor, "x-floor")
	}
	b.Run("cold", func(b *testing.B) { run(b, plan) })
	b.Run("warm", func(b *testing.B) {
		p := plan
		p.AddPrevious(cold.Snapshot)
		run(b, p)
	})
}
