package demodata

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/snapshot"
)

// The example's reactions (SPEC §7): requesters rate about half of the
// closed requests with 👍 or 👎, more often 👎 when the request took long
// or came back; others (colleagues, the provider, bots) react too, and
// their reactions rate nothing; consumers thank some of the provider's
// comments with ❤️ or 🎉. They come from a generator of their own, after
// the issues, so that every issue, comment and event is as it was before
// reactions were added, and so is every figure that rests on them.

// reactionProfile is how one agreement's consumers react.
type reactionProfile struct {
	rates     float64 // share of closed requests their author rates
	pleased   float64 // share of those rated 👍 when the request went well
	thanks    float64 // share of the provider's comments thanked
	slowAfter time.Duration
}

var reactionProfiles = map[string]reactionProfile{
	"platform-requests":     {rates: 0.55, pleased: 0.9, thanks: 0.08, slowAfter: 7 * 24 * time.Hour},
	"data-requests":         {rates: 0.4, pleased: 0.85, thanks: 0.05, slowAfter: 10 * 24 * time.Hour},
	"payments-integrations": {rates: 0.3, pleased: 0.9, thanks: 0.1, slowAfter: 14 * 24 * time.Hour},
	"security-reviews":      {rates: 0.35, pleased: 0.9, thanks: 0.12, slowAfter: 5 * 24 * time.Hour},
}

// react adds the reactions of every repository of the agreements, and
// gives every comment an id (in the order the comments were made, which is
// their order in the file: no figure changes), as reactions on comments
// need one.
func (g *generator) react(set *agreement.Set) {
	rng := rand.New(rand.NewPCG(g.opts.Seed^0x7eac7105, g.opts.Seed))
	var id int64 = 1_000_000
	next := func() int64 { id++; return id }
	for _, r := range g.snap.Repos {
		for i := range r.Comments {
			r.Comments[i].ID = next()
		}
	}
	for _, a := range set.Agreements {
		p, ok := reactionProfiles[string(a.Metadata.Name)]
		if !ok {
			p = reactionProfiles["platform-requests"]
		}
		provider := map[string]bool{}
		for _, m := range g.members[a.Spec.Provider] {
			provider[strings.ToLower(m)] = true
		}
		var consumers []string
		for _, c := range a.Spec.Consumers {
			consumers = append(consumers, g.members[c]...)
		}
		for _, name := range a.Spec.Scope.Repos {
			r := g.snap.Repo(string(name))
			if r == nil || len(r.Reactions) > 0 {
				continue // reacted to already, for another agreement
			}
			g.reactTo(rng, r, p, provider, consumers, next)
		}
	}
}

func (g *generator) reactTo(rng *rand.Rand, r *snapshot.Repo, p reactionProfile, provider map[string]bool, consumers []string, next func() int64) {
	add := func(issue int, comment int64, login, content string, at time.Time) {
		if !at.Before(g.opts.FetchedAt) {
			return
		}
		r.Reactions = append(r.Reactions, snapshot.Reaction{ID: next(), Issue: issue, Comment: comment, Login: login,
			Bot: snapshot.IsBot(login, false), Content: content, CreatedAt: at.Truncate(time.Second)})
	}
	reopened := map[int]bool{}
	for _, e := range r.Events {
		if e.Kind == snapshot.Reopened {
			reopened[e.Issue] = true
		}
	}
	for i := range r.Issues {
		is := &r.Issues[i]
		if is.ClosedAt.IsZero() {
			if rng.Float64() < 0.05 { // a colleague's "me too" on an open request
				add(is.Number, 0, g.pick(consumers), snapshot.ThumbsUp, is.CreatedAt.Add(time.Duration(1+rng.IntN(48))*time.Hour))
			}
			continue
		}
		after := func(max time.Duration) time.Time {
			return is.ClosedAt.Add(time.Duration(rng.Int64N(int64(max))) + time.Minute)
		}
		if rng.Float64() < p.rates {
			pleased := p.pleased
			if is.ClosedAt.Sub(is.CreatedAt) > p.slowAfter || reopened[is.Number] {
				pleased -= 0.35
			}
			content := snapshot.ThumbsUp
			if rng.Float64() >= pleased {
				content = snapshot.ThumbsDown
			}
			at := after(48 * time.Hour)
			add(is.Number, 0, is.Author, content, at)
			if rng.Float64() < 0.03 { // second thoughts: both, which rates nothing
				other := snapshot.ThumbsDown
				if content == snapshot.ThumbsDown {
					other = snapshot.ThumbsUp
				}
				add(is.Number, 0, is.Author, other, at.Add(time.Duration(1+rng.IntN(300))*time.Minute))
			}
		}
		switch x := rng.Float64(); {
		case x < 0.06: // a colleague agrees
			add(is.Number, 0, g.pick(consumers), snapshot.ThumbsUp, after(72*time.Hour))
		case x < 0.08: // a bot marks what it has seen
			add(is.Number, 0, g.pick(bots), snapshot.Eyes, after(time.Hour))
		}
	}
	for i := range r.Comments {
		c := &r.Comments[i]
		if !provider[strings.ToLower(c.Author)] || rng.Float64() >= p.thanks {
			continue
		}
		is := r.Issues[slices.IndexFunc(r.Issues, func(is snapshot.Issue) bool { return is.Number == c.Issue })]
		content := snapshot.Heart
		if rng.IntN(3) == 0 {
			content = snapshot.Hooray
		}
		add(c.Issue, c.ID, is.Author, content, c.CreatedAt.Add(time.Duration(5+rng.IntN(600))*time.Minute))
	}
	// The rollups, as GitHub's lists give them.
	type target struct {
		issue   int
		comment int64
	}
	on := map[target][]snapshot.Reaction{}
	for _, x := range r.Reactions {
		on[target{x.Issue, x.Comment}] = append(on[target{x.Issue, x.Comment}], x)
	}
	for i := range r.Issues {
		if xs := on[target{r.Issues[i].Number, 0}]; len(xs) > 0 {
			r.Issues[i].Reactions = snapshot.RollupOf(xs)
		}
	}
	for i := range r.Comments {
		if xs := on[target{r.Comments[i].Issue, r.Comments[i].ID}]; len(xs) > 0 {
			r.Comments[i].Reactions = snapshot.RollupOf(xs)
		}
	}
}
