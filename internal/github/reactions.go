package github

import (
	"context"
	"fmt"
	"slices"
	"time"

	gh "github.com/google/go-github/v60/github"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Reactions (SPEC §7). The issues and comments lists give each item its
// rollup, the count of each reaction, at no extra request. The reactions
// themselves — who, when — are listed only where a rollup shows one that
// an evaluation reads, and only where the rollup differs from the
// reactions an earlier fetch listed: one request per such issue or
// comment (a page of 100 reactions), none for one unchanged.

// reactionNeeds says which reactions a repository's evaluations read.
type reactionNeeds struct {
	// ratings: the 👍 and 👎 on closed issues, for satisfaction.
	ratings bool
	// from is the earliest instant an evaluation reaches back to: an issue
	// closed before it, or a comment written before it, is in no window.
	from time.Time
}

// Ratings and thanks: the reactions that decide a satisfaction rating,
// and those that thank a comment's author.
var (
	ratingContents = []string{snapshot.ThumbsUp, snapshot.ThumbsDown}
	thanksContents = []string{snapshot.Heart, snapshot.Hooray}
)

// wantsIssueReactions reports whether an issue's own reactions are to be
// listed: a closed issue, closed since need.from, whose rollup shows a
// rating, when some evaluation reads ratings.
func (need reactionNeeds) wantsIssueReactions(is *snapshot.Issue) bool {
	return need.ratings && !is.ClosedAt.IsZero() && !is.ClosedAt.Before(need.from) && is.Reactions.Shows(ratingContents...)
}

// wantsCommentReactions reports whether a comment's reactions are to be
// listed: one written since need.from whose rollup shows thanks.
func (need reactionNeeds) wantsCommentReactions(c *snapshot.Comment) bool {
	return c.ID != 0 && !c.CreatedAt.Before(need.from) && c.Reactions.Shows(thanksContents...)
}

// ghReaction is a reaction as GitHub lists it; go-github v60's Reaction
// has no created_at.
type ghReaction struct {
	ID        int64        `json:"id"`
	User      *gh.User     `json:"user"`
	Content   string       `json:"content"`
	CreatedAt gh.Timestamp `json:"created_at"`
}

// reactionTarget is an issue (comment 0) or a comment whose reactions
// are listed.
type reactionTarget struct {
	issue   int
	comment int64
}

func targetOf(x *snapshot.Reaction) reactionTarget { return reactionTarget{x.Issue, x.Comment} }

// fillReactions lists the reactions of the issues and comments r read
// that need them, keeping those of before where its records add up to the
// rollup read now (nothing changed). r.Reactions ends up holding the
// reactions of every issue and comment r read, and merge takes before's
// for the others.
func (c *Client) fillReactions(ctx context.Context, path string, r, before *snapshot.Repo, need reactionNeeds, pageDone func(int)) error {
	var known map[reactionTarget][]snapshot.Reaction
	if before != nil {
		known = map[reactionTarget][]snapshot.Reaction{}
		for _, x := range before.Reactions {
			known[targetOf(&x)] = append(known[targetOf(&x)], x)
		}
	}
	var todo []reactionTarget
	consider := func(t reactionTarget, rollup snapshot.Rollup) {
		if prev, ok := known[t]; ok && snapshot.RollupOf(prev).Equal(rollup) {
			r.Reactions = append(r.Reactions, prev...)
			return
		}
		todo = append(todo, t)
	}
	for i := range r.Issues {
		if is := &r.Issues[i]; need.wantsIssueReactions(is) {
			consider(reactionTarget{issue: is.Number}, is.Reactions)
		}
	}
	for i := range r.Comments {
		if cm := &r.Comments[i]; need.wantsCommentReactions(cm) {
			consider(reactionTarget{cm.Issue, cm.ID}, cm.Reactions)
		}
	}
	lists, err := eachConcurrently(ctx, c.transport.inFlight(), todo, func(ctx context.Context, t reactionTarget) ([]snapshot.Reaction, error) {
		return c.listReactions(ctx, path, t, pageDone)
	})
	if err != nil {
		return err
	}
	for _, list := range lists {
		r.Reactions = append(r.Reactions, list...)
	}
	r.Reactions = uniqueByID(r.Reactions, func(x snapshot.Reaction) int64 { return x.ID })
	return nil
}

// listReactions lists the reactions on an issue or a comment of a
// repository (path: repos/{owner}/{name}), as the snapshot keeps them.
func (c *Client) listReactions(ctx context.Context, path string, t reactionTarget, pageDone func(int)) ([]snapshot.Reaction, error) {
	first := fmt.Sprintf("%s/issues/%d/reactions?per_page=%d", path, t.issue, perPage)
	if t.comment != 0 {
		first = fmt.Sprintf("%s/issues/comments/%d/reactions?per_page=%d", path, t.comment, perPage)
	}
	got, err := listPages(ctx, c, stream[ghReaction]{
		first: first, key: func(*ghReaction) time.Time { return time.Time{} }, maxPages: maxIssuePages,
	}, pageDone)
	if err != nil {
		return nil, err
	}
	var out []snapshot.Reaction
	for _, x := range got.items {
		if rec, ok := reactionRecord(t, x); ok {
			out = append(out, rec)
		}
	}
	return out, nil
}

// reactionRecord is a listed reaction as the snapshot keeps it; one whose
// content sla does not know is left out.
func reactionRecord(t reactionTarget, x *ghReaction) (snapshot.Reaction, bool) {
	if x.ID <= 0 || !slices.Contains(snapshot.Contents, x.Content) {
		return snapshot.Reaction{}, false
	}
	return snapshot.Reaction{ID: x.ID, Issue: t.issue, Comment: t.comment, Login: x.User.GetLogin(), Bot: isBot(x.User),
		Content: x.Content, CreatedAt: x.CreatedAt.Time.UTC()}, true
}

// rollupOf is the rollup of GitHub's reactions object.
func rollupOf(r *gh.Reactions) snapshot.Rollup {
	if r == nil {
		return nil
	}
	out := snapshot.Rollup{}
	for content, n := range map[string]*int{
		snapshot.ThumbsUp: r.PlusOne, snapshot.ThumbsDown: r.MinusOne, snapshot.Laugh: r.Laugh, snapshot.Confused: r.Confused,
		snapshot.Heart: r.Heart, snapshot.Hooray: r.Hooray, snapshot.Rocket: r.Rocket, snapshot.Eyes: r.Eyes,
	} {
		if n != nil && *n > 0 {
			out[content] = *n
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// mergeReactions keeps the update's reactions, and before's on the issues
// and comments the update did not read.
func mergeReactions(before, update *snapshot.Repo, issuesRead bool) []snapshot.Reaction {
	readIssues := map[int]bool{}
	if issuesRead {
		for _, is := range update.Issues {
			readIssues[is.Number] = true
		}
	}
	readComments := map[int64]bool{}
	for _, cm := range update.Comments {
		readComments[cm.ID] = true
	}
	out := slices.Clone(update.Reactions)
	for _, x := range before.Reactions {
		if x.Comment == 0 && !readIssues[x.Issue] || x.Comment != 0 && !readComments[x.Comment] {
			out = append(out, x)
		}
	}
	return uniqueByID(out, func(x snapshot.Reaction) int64 { return x.ID })
}
