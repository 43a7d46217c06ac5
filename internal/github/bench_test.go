package github_test

import (
	"context"
	"fmt"
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
