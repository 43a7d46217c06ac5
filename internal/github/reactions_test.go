package github_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

// rated is acme/app with issues opened every 4 hours over 20 days back
// from fetchedAt (#1 the oldest), the even ones closed 3 hours after
// opening, and one comment each by alice (id 1000+n). Reactions:
//
//	#10 closed: carol 👍, bob 👀          → listed (a rating)
//	#12 closed: carol 👎                  → listed
//	#14 closed: dave 👀                   → not (no rating in the rollup)
//	#11 open:   carol 👍                  → not (open: rated at no close)
//	#2  closed before from: carol 👍      → not (closed before the earliest window)
//	comment on #10: carol ❤️              → listed (thanks)
//	comment on #11: carol 🎉, bob 😄      → listed
//	comment on #2 (before from): carol ❤️ → not
//	comment on #12: carol 👍              → not (no thanks in the rollup)
func rated() (*snapshot.Snapshot, time.Time) {
	r := &snapshot.Repo{Name: "acme/app", HTMLURL: "https://github.com/acme/app"}
	opened := func(n int) time.Time { return fetchedAt.Add(-time.Duration(120-n) * 4 * time.Hour) }
	for n := 1; n <= 120; n++ {
		is := snapshot.Issue{Number: n, Title: fmt.Sprintf("Issue %d", n), Author: "carol", CreatedAt: opened(n)}
		if n%2 == 0 {
			is.ClosedAt, is.StateReason = opened(n).Add(3*time.Hour), "completed"
		}
		r.Issues = append(r.Issues, is)
		r.Comments = append(r.Comments, snapshot.Comment{ID: int64(1000 + n), Issue: n, Author: "alice", Association: "MEMBER",
			CreatedAt: opened(n).Add(time.Hour)})
	}
	id := int64(0)
	react := func(issue int, comment int64, login, content string) {
		id++
		r.Reactions = append(r.Reactions, snapshot.Reaction{ID: id, Issue: issue, Comment: comment, Login: login, Content: content,
			CreatedAt: opened(issue).Add(4 * time.Hour)})
	}
	react(10, 0, "carol", "+1")
	react(10, 0, "bob", "eyes")
	react(12, 0, "carol", "-1")
	react(14, 0, "dave", "eyes")
	react(11, 0, "carol", "+1")
	react(2, 0, "carol", "+1")
	react(10, 1010, "carol", "heart")
	react(11, 1011, "carol", "hooray")
	react(11, 1011, "bob", "laugh")
	react(2, 1002, "carol", "heart")
	react(12, 1012, "carol", "+1")
	from := opened(5) // #2's close (opened(2)+3h) and comment are before it
	return &snapshot.Snapshot{FetchedAt: fetchedAt, Since: opened(1), Repos: []*snapshot.Repo{r}}, from
}

// ratedFixture serves rated() and plans a fetch of it that reads ratings.
func ratedFixture(t *testing.T) (*fixture, github.Plan) {
	t.Helper()
	src, from := rated()
	f := newFixture(t)
	f.srv.Load(src)
	return f, github.Plan{Repos: []string{"acme/app"}, Since: from, Now: fetchedAt, Ratings: map[string]bool{"acme/app": true}}
}

// fetch runs a plan and returns the snapshot it read.
func (f *fixture) fetch(t *testing.T, p github.Plan) *snapshot.Snapshot {
	t.Helper()
	got, err := f.client.Fetch(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	return got.Snapshot
}

// reactionRequests are the paths of the reaction lists asked for, sorted.
func reactionRequests(reqs []githubtest.Request) []string {
	var out []string
	for _, r := range reqs {
		if strings.HasSuffix(r.Path, "/reactions") {
			out = append(out, r.Path)
		}
	}
	slices.Sort(out)
	return out
}

// reactionsOf lists a repository's reactions as "#issue/comment login content".
func reactionsOf(r *snapshot.Repo, comments map[int64]int) []string {
	var out []string
	for _, x := range r.Reactions {
		target := fmt.Sprintf("#%d", x.Issue)
		if x.Comment != 0 {
			target += fmt.Sprintf(" comment on #%d", comments[x.Comment])
		}
		out = append(out, fmt.Sprintf("%s %s %s", target, x.Login, x.Content))
	}
	slices.Sort(out)
	return out
}

// servedComments maps the ids the fake serves comments with to their issues.
func servedComments(r *snapshot.Repo) map[int64]int {
	out := map[int64]int{}
	for _, c := range r.Comments {
		out[c.ID] = c.Issue
	}
	return out
}

func commentID(t *testing.T, r *snapshot.Repo, issue int) int64 {
	t.Helper()
	for _, c := range r.Comments {
		if c.Issue == issue {
			return c.ID
		}
	}
	t.Fatalf("no comment on #%d", issue)
	return 0
}

// The rollups come with the lists; reactions are listed only where a
// rollup shows a rating (on an issue closed in range, when ratings are
// read) or thanks (on a comment written in range): one request each.
func TestReactionsListedWhereTheRollupShowsThem(t *testing.T) {
	t.Parallel()
	src, from := rated()
	for _, ratings := range []bool{true, false} {
		t.Run(fmt.Sprintf("ratings=%v", ratings), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.srv.Load(src)
			p := github.Plan{Repos: []string{"acme/app"}, Since: from, Now: fetchedAt, Ratings: map[string]bool{"acme/app": ratings}}
			got, err := f.client.Fetch(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			r := got.Repo("acme/app")
			if r.Error != "" {
				t.Fatal(r.Error)
			}
			var rollups []string
			for _, is := range r.Issues {
				if len(is.Reactions) > 0 {
					rollups = append(rollups, fmt.Sprintf("#%d %v", is.Number, is.Reactions))
				}
			}
			slices.Sort(rollups)
			// #2's close is before from, but it was updated since: it is read with its rollup.
			if want := []string{"#10 map[+1:1 eyes:1]", "#11 map[+1:1]", "#12 map[-1:1]", "#14 map[eyes:1]", "#2 map[+1:1]"}; !slices.Equal(rollups, want) {
				t.Errorf("rollups %v, want %v", rollups, want)
			}
			comments := servedComments(r)
			want := []string{"#10 comment on #10 carol heart", "#11 comment on #11 bob laugh", "#11 comment on #11 carol hooray"}
			wantReqs := []string{
				fmt.Sprintf("repos/acme/app/issues/comments/%d/reactions", commentID(t, r, 10)),
				fmt.Sprintf("repos/acme/app/issues/comments/%d/reactions", commentID(t, r, 11)),
			}
			if ratings {
				want = append(want, "#10 bob eyes", "#10 carol +1", "#12 carol -1")
				wantReqs = append(wantReqs, "repos/acme/app/issues/10/reactions", "repos/acme/app/issues/12/reactions")
			}
			slices.Sort(want)
			slices.Sort(wantReqs)
			if got := reactionsOf(r, comments); !slices.Equal(got, want) {
				t.Errorf("reactions\n got %v\nwant %v", got, want)
			}
			if got := reactionRequests(f.srv.Requests()); !slices.Equal(got, wantReqs) {
				t.Errorf("reaction requests\n got %v\nwant %v", got, wantReqs)
			}
			for _, x := range r.Reactions {
				if x.ID == 0 || x.CreatedAt.IsZero() {
					t.Errorf("reaction without id or time: %+v", x)
				}
			}
		})
	}
}

// An update lists again only the reactions whose rollup changed; an
// unchanged one costs nothing, and the reactions read before are kept.
func TestUpdateListsOnlyChangedRollups(t *testing.T) {
	t.Parallel()
	f, p := ratedFixture(t)
	first := f.fetch(t, p)
	comments := servedComments(first.Repo("acme/app"))
	before := reactionsOf(first.Repo("acme/app"), comments)

	// Unchanged: three 304s, no reaction request, the same reactions.
	f.srv.ResetRequests()
	p.AddPrevious(first)
	p.Now = fetchedAt.Add(time.Hour)
	again := f.fetch(t, p)
	if reqs := f.srv.Requests(); len(reqs) != 3 {
		t.Errorf("%d requests for an unchanged re-run, want 3 (304s):\n%s", len(reqs), paths(reqs))
	}
	if got := reactionsOf(again.Repo("acme/app"), comments); !slices.Equal(got, before) {
		t.Errorf("an unchanged re-run changed the reactions:\n got %v\nwant %v", got, before)
	}

	// Then: #12 gets a second rating and a comment (which moves it to the
	// front of the list); #10 gets a comment only, its rollup unchanged;
	// carol takes back her 🎉 on the comment on #11, and comments on #11.
	later := fetchedAt.Add(2 * time.Hour)
	f.srv.AddReaction("acme/app", snapshot.Reaction{Issue: 12, Login: "erin", Content: "+1", CreatedAt: later.Add(-time.Hour)})
	f.srv.AddComment("acme/app", snapshot.Comment{Issue: 12, Author: "carol", CreatedAt: later.Add(-time.Hour)})
	f.srv.AddComment("acme/app", snapshot.Comment{Issue: 10, Author: "carol", CreatedAt: later.Add(-time.Hour)})
	f.srv.RemoveReaction("acme/app", 11, commentID(t, first.Repo("acme/app"), 11), "carol", "hooray")
	f.srv.AddComment("acme/app", snapshot.Comment{Issue: 11, Author: "carol", CreatedAt: later.Add(-time.Hour)})
	f.srv.ResetRequests()
	p.AddPrevious(again)
	p.Now = later
	third := f.fetch(t, p)
	// The comment on #11 is not read again (its update time did not
	// change), so its reactions stay as they were read.
	if got, want := reactionRequests(f.srv.Requests()), []string{"repos/acme/app/issues/12/reactions"}; !slices.Equal(got, want) {
		t.Errorf("reaction requests %v, want %v", got, want)
	}
	want := slices.Clone(before)
	want = append(want, "#12 erin +1")
	slices.Sort(want)
	if got := reactionsOf(third.Repo("acme/app"), comments); !slices.Equal(got, want) {
		t.Errorf("reactions after the update\n got %v\nwant %v", got, want)
	}
}

// A snapshot written before reactions were kept is not brought up to date
// but read afresh: its issues' rollups would otherwise stay unknown.
func TestSnapshotWithoutReactionsIsReadAfresh(t *testing.T) {
	t.Parallel()
	f, p := ratedFixture(t)
	first := f.fetch(t, p)
	old := *first
	old.Version = 1
	p.AddPrevious(&old)
	if len(p.Previous) != 0 {
		t.Fatalf("a layout-1 snapshot was offered as previous: %v", p.Previous)
	}
}

// A rollup that shows more than the listed reactions add up to (a
// reaction added while they were read) is listed again by the next run.
func TestRollupThatDiffersFromTheRecordsIsListedAgain(t *testing.T) {
	t.Parallel()
	f, p := ratedFixture(t)
	first := f.fetch(t, p)
	r := first.Repo("acme/app")
	r.Reactions = slices.DeleteFunc(r.Reactions, func(x snapshot.Reaction) bool { return x.Issue == 10 && x.Content == "eyes" })
	r.ETags = nil // the lists are read again, back to the previous fetch
	f.srv.AddComment("acme/app", snapshot.Comment{Issue: 10, Author: "carol", CreatedAt: fetchedAt.Add(30 * time.Minute)})
	f.srv.ResetRequests()
	p.AddPrevious(first)
	p.Now = fetchedAt.Add(time.Hour)
	f.fetch(t, p)
	if got, want := reactionRequests(f.srv.Requests()), []string{"repos/acme/app/issues/10/reactions"}; !slices.Equal(got, want) {
		t.Errorf("reaction requests %v, want %v", got, want)
	}
}

// The request cost SPEC §7.1 allows: a cold run on a repository of 2,000
// issues of which 10% are rated adds at most one request per rated issue,
// and an unchanged re-run adds none.
func TestRatingsCostOneRequestPerRatedIssue(t *testing.T) {
	t.Parallel()
	r := &snapshot.Repo{Name: "acme/big", HTMLURL: "https://github.com/acme/big"}
	const n = 2000
	for i := 1; i <= n; i++ {
		opened := fetchedAt.Add(-time.Duration(n-i) * 20 * time.Minute) // 2,000 issues over 27.8 days
		r.Issues = append(r.Issues, snapshot.Issue{Number: i, Author: "carol", CreatedAt: opened, ClosedAt: opened.Add(10 * time.Minute)})
		if i%10 == 0 { // 200 rated, one by a bot beside the requester on every other
			r.Reactions = append(r.Reactions, snapshot.Reaction{ID: int64(2 * i), Issue: i, Login: "carol", Content: "+1", CreatedAt: opened.Add(15 * time.Minute)})
			if i%20 == 0 {
				r.Reactions = append(r.Reactions, snapshot.Reaction{ID: int64(2*i + 1), Issue: i, Login: "bot[bot]", Bot: true, Content: "-1", CreatedAt: opened.Add(16 * time.Minute)})
			}
		}
	}
	src := &snapshot.Snapshot{FetchedAt: fetchedAt, Since: fetchedAt.Add(-30 * 24 * time.Hour), Repos: []*snapshot.Repo{r}}
	cost := func(ratings bool) (cold, warm int) {
		f := newFixture(t)
		f.srv.Load(src)
		p := github.Plan{Repos: []string{"acme/big"}, Since: src.Since, Now: fetchedAt, Ratings: map[string]bool{"acme/big": ratings}}
		got, err := f.client.Fetch(context.Background(), p, nil)
		if err != nil {
			t.Fatal(err)
		}
		cold = len(f.srv.Requests())
		if ratings && len(got.Repo("acme/big").Reactions) != 300 {
			t.Errorf("%d reactions read, want 300", len(got.Repo("acme/big").Reactions))
		}
		f.srv.ResetRequests()
		p.AddPrevious(got.Snapshot)
		p.Now = fetchedAt.Add(time.Hour)
		if _, err := f.client.Fetch(context.Background(), p, nil); err != nil {
			t.Fatal(err)
		}
		return cold, len(f.srv.Requests())
	}
	withCold, withWarm := cost(true)
	withoutCold, withoutWarm := cost(false)
	// 20 pages of issues, 1 of comments (none), 1 of events (none); then
	// one list of reactions for each of the 200 rated issues.
	if withoutCold != 22 || withCold-withoutCold != 200 {
		t.Errorf("cold run: %d requests without ratings, %d with: want 22 and 22 + 200", withoutCold, withCold)
	}
	if withWarm != 3 || withoutWarm != 3 {
		t.Errorf("unchanged re-run: %d requests with ratings, %d without: want 3 (the three 304s) each", withWarm, withoutWarm)
	}
	t.Logf("2,000 issues, 200 rated: cold %d requests (%d without ratings), unchanged re-run %d", withCold, withoutCold, withWarm)
}

// A reaction list that leads back to a page read already stops, and the
// repository is reported as not read, saying why.
func TestReactionListIsBounded(t *testing.T) {
	t.Parallel()
	f, p := ratedFixture(t)
	f.srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues/10/reactions$`,
		Link: "<" + f.srv.URL + "repos/acme/app/issues/10/reactions?per_page=100>; rel=\"next\""})
	if e := f.fetch(t, p).Repo("acme/app").Error; !strings.Contains(e, "leads back to a page read already") {
		t.Errorf("error %q", e)
	}
}

// A reaction list GitHub refuses fails its repository with GitHub's
// answer, as any list of it would.
func TestReactionListRefused(t *testing.T) {
	t.Parallel()
	f, p := ratedFixture(t)
	f.srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues/12/reactions$`, Status: 404})
	if e := f.fetch(t, p).Repo("acme/app").Error; !strings.Contains(e, "acme/app: not found") {
		t.Errorf("error %q", e)
	}
}

// A reaction listed twice — on two pages, as when a list shifts while it
// is read — is kept once, by its id.
func TestReactionListedTwiceIsKeptOnce(t *testing.T) {
	t.Parallel()
	f, p := ratedFixture(t)
	// The first page of #10's reactions (both of them) leads on to the same
	// list a page of one at a time: both again, on two more pages.
	f.srv.Inject(githubtest.Fault{PathRegexp: `^repos/acme/app/issues/10/reactions$`, Times: 1,
		Link: "<" + f.srv.URL + "repos/acme/app/issues/10/reactions?per_page=1&page=1>; rel=\"next\""})
	got := f.fetch(t, p).Repo("acme/app")
	if got.Error != "" {
		t.Fatalf("error %q", got.Error)
	}
	var on10 []string
	for _, x := range got.Reactions {
		if x.Issue == 10 && x.Comment == 0 {
			on10 = append(on10, x.Login+" "+x.Content)
		}
	}
	slices.Sort(on10)
	if want := []string{"bob eyes", "carol +1"}; !slices.Equal(on10, want) {
		t.Errorf("#10's reactions %q, want %q", on10, want)
	}
	if n := len(reactionRequests(f.srv.Requests())); n < 4 {
		t.Errorf("%d reaction requests: the list was not read twice", n)
	}
}
