package kudos

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/clock"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/snapshot"
)

// The reactions that say thank you.
const (
	Heart  = "heart"  // ❤️
	Hooray = "hooray" // 🎉
)

// Thanks are the ❤️ and 🎉 one provider team, or one person of it,
// received.
type Thanks struct {
	// Teams is the provider team thanked; by person, the provider teams
	// the person was thanked as a member of.
	Teams []agreement.Name
	// Login is the person thanked (by person only), as GitHub spells it.
	Login         string
	Heart, Hooray int
	// People counts the consumers who gave them, Comments the comments
	// they were given on.
	People, Comments int
}

// Total counts every thank-you.
func (t *Thanks) Total() int { return t.Heart + t.Hooray }

// party is an agreement as thanks read it.
type party struct {
	provider  agreement.Name
	period    agreement.Period
	scope     compliance.Filter
	providers map[string]bool // the provider team's logins, lowercase
	consumers map[string]bool // the consumer teams' logins, lowercase
}

func newParties(agreements []*agreement.Agreement, calendars agreement.Calendars, teams compliance.Teams) ([]*party, error) {
	var out []*party
	for _, a := range agreements {
		period, err := calendars.Period(a)
		if err != nil {
			return nil, err
		}
		p := &party{provider: a.Spec.Provider, period: period, scope: compliance.ScopeFilter(a, teams),
			providers: teams[a.Spec.Provider], consumers: map[string]bool{}}
		for _, c := range a.Spec.Consumers {
			for l := range teams[c] {
				p.consumers[l] = true
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// thanks reports whether a reaction by reactor on a comment by author, given
// at the instant, thanks the party's provider as of at: the author is of
// the provider team, the reactor of a consumer team and not of the
// provider team, and it was given in the agreement's window.
func (p *party) thanks(author, reactor string, given, at time.Time) bool {
	return p.providers[author] && p.consumers[reactor] && !p.providers[reactor] && p.period.Holds(given, at)
}

// countThanks counts the ❤️ and 🎉 reactions that consumer-team members
// (not the provider's own members, not bots, not others) gave, in an
// agreement's window as of at, on comments written by members of its
// provider team in requests in its scope (judged on the labels they had at
// at): per provider team, or per person (the comment's author). A reaction
// counts once for each team or person, even when several agreements of
// that team cover the request. The most thanked come first.
func countThanks(parties []*party, snap *snapshot.Snapshot, at time.Time, by By) []Thanks {
	byRepo := map[string][]*party{}
	for _, p := range parties {
		for repo := range p.scope.Repos {
			byRepo[repo] = append(byRepo[repo], p)
		}
	}
	t := newTally(by)
	seen := map[string]bool{}
	for _, repo := range snap.Repos {
		key := strings.ToLower(repo.Name)
		if ps := byRepo[key]; len(ps) > 0 && repo.Error == "" && !seen[key] {
			seen[key] = true
			countRepo(t, ps, repo, at)
		}
	}
	return t.rows()
}

// countRepo counts the thanks given in one repository.
func countRepo(t *tally, parties []*party, repo *snapshot.Repo, at time.Time) {
	var comments map[int64]*snapshot.Comment
	var scoped issueScope
	for i := range repo.Reactions {
		r := &repo.Reactions[i]
		if (r.Content != Heart && r.Content != Hooray) || snapshot.IsBot(r.Login, r.Bot) || r.CreatedAt.After(at) {
			continue
		}
		if comments == nil {
			comments = indexComments(repo.Comments)
			scoped = issueScope{repo: repo, at: at}
		}
		c := comments[r.Comment] // nil for a reaction on the request itself (Comment 0)
		if c == nil || snapshot.IsBot(c.Author, c.AuthorBot) {
			continue
		}
		author, reactor := strings.ToLower(c.Author), strings.ToLower(r.Login)
		for _, p := range parties {
			if p.thanks(author, reactor, r.CreatedAt, at) && scoped.in(p, c.Issue) {
				t.add(p.provider, c.Author, repo.Name, c, r)
			}
		}
	}
}

// indexComments maps the comments GitHub gave an id to, by it.
func indexComments(list []snapshot.Comment) map[int64]*snapshot.Comment {
	out := make(map[int64]*snapshot.Comment, len(list))
	for i := range list {
		if list[i].ID != 0 {
			out[list[i].ID] = &list[i]
		}
	}
	return out
}

// issueScope judges issues of one repository against agreements' scopes
// as of an instant, rebuilding each issue's history once, when first
// asked about.
type issueScope struct {
	repo      *snapshot.Repo
	at        time.Time
	histories map[int]*clock.History
	timelines map[int]*clock.Timeline
}

// in reports whether the issue is in the party's scope at the instant.
func (s *issueScope) in(p *party, number int) bool {
	if s.histories == nil {
		all := clock.Histories(s.repo)
		s.histories, s.timelines = make(map[int]*clock.History, len(all)), map[int]*clock.Timeline{}
		for i := range all {
			s.histories[all[i].Issue.Number] = &all[i]
		}
	}
	h := s.histories[number]
	if h == nil || h.Issue.CreatedAt.After(s.at) {
		return false
	}
	tl := s.timelines[number]
	if tl == nil {
		tl = clock.NewTimeline(h, s.at)
		s.timelines[number] = tl
	}
	return p.scope.Match(h.Issue, tl)
}

// tally adds thanks up per row: a provider team, or a person.
type tally struct {
	by    By
	byKey map[string]*row
	order []string
	// counted holds each row's reactions, so that one counts once.
	counted map[rowReaction]bool
}

type row struct {
	Thanks
	people   map[string]bool
	comments map[commentRef]bool
}

type commentRef struct {
	repo string
	id   int64
}

type rowReaction struct {
	row, repo string
	id        int64
	// comment, login and content tell a reaction without an id.
	comment        int64
	login, content string
}

func newTally(by By) *tally {
	return &tally{by: by, byKey: map[string]*row{}, counted: map[rowReaction]bool{}}
}

// add counts a reaction on the comment, thanking its author, a member of
// the provider team.
func (t *tally) add(provider agreement.Name, author, repo string, c *snapshot.Comment, r *snapshot.Reaction) {
	key := string(provider)
	if t.by == ByPerson {
		key = strings.ToLower(author)
	}
	rr := rowReaction{row: key, repo: strings.ToLower(repo), id: r.ID}
	if r.ID == 0 {
		rr.comment, rr.login, rr.content = r.Comment, strings.ToLower(r.Login), r.Content
	}
	if t.counted[rr] {
		return
	}
	t.counted[rr] = true
	w := t.byKey[key]
	if w == nil {
		w = &row{people: map[string]bool{}, comments: map[commentRef]bool{}}
		if t.by == ByPerson {
			w.Login = author
		}
		t.byKey[key] = w
		t.order = append(t.order, key)
	}
	if !slices.Contains(w.Teams, provider) {
		w.Teams = append(w.Teams, provider)
	}
	if r.Content == Heart {
		w.Heart++
	} else {
		w.Hooray++
	}
	w.people[strings.ToLower(r.Login)] = true
	w.comments[commentRef{rr.repo, c.ID}] = true
}

// rows returns the rows, the most thanked first, then those thanked by
// more people, then by name.
func (t *tally) rows() []Thanks {
	out := make([]Thanks, 0, len(t.order))
	for _, k := range t.order {
		w := t.byKey[k]
		w.People, w.Comments = len(w.people), len(w.comments)
		slices.Sort(w.Teams)
		out = append(out, w.Thanks)
	}
	slices.SortFunc(out, func(a, b Thanks) int {
		return cmp.Or(cmp.Compare(b.Total(), a.Total()), cmp.Compare(b.People, a.People),
			cmp.Compare(strings.ToLower(a.Login), strings.ToLower(b.Login)), slices.Compare(a.Teams, b.Teams))
	})
	return out
}
