package oracle

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/snapshot"
)

// Builder writes issue histories as GitHub holds them: each event changes
// its issue's current labels and state, as the issues list shows them, and
// labels an issue is opened with are labeled events at its creation. Calls
// for one issue come in the order things happened; several in the same
// second happen in the order of the calls.
type Builder struct {
	// Bots are the logins of accounts of type Bot whose names do not end
	// in [bot].
	Bots []string

	repos []*snapshot.Repo
	// order numbers every comment and event in the order of the calls, so
	// that Snapshot can give out ids that grow with time, as GitHub's do.
	order int64
}

// Repo returns the repository, added empty the first time it is named.
func (b *Builder) Repo(name string) *snapshot.Repo {
	for _, r := range b.repos {
		if r.Name == name {
			return r
		}
	}
	r := &snapshot.Repo{Name: name, HTMLURL: "https://github.com/" + name}
	b.repos = append(b.repos, r)
	return r
}

// Issue returns issue n of the repository, or nil.
func (b *Builder) Issue(repo string, n int) *snapshot.Issue {
	r := b.Repo(repo)
	for i := range r.Issues {
		if r.Issues[i].Number == n {
			return &r.Issues[i]
		}
	}
	return nil
}

// Open adds an issue opened by author with the labels it was opened with.
func (b *Builder) Open(repo string, n int, author string, at time.Time, labels ...string) {
	r := b.Repo(repo)
	r.Issues = append(r.Issues, snapshot.Issue{Number: n, Title: "issue", Author: author, AuthorBot: b.isBot(author),
		CreatedAt: at.UTC()})
	for _, l := range labels {
		b.Label(repo, n, author, at, l)
	}
}

// PullRequest adds a pull request, as Open adds an issue.
func (b *Builder) PullRequest(repo string, n int, author string, at time.Time, labels ...string) {
	b.Open(repo, n, author, at, labels...)
	b.Issue(repo, n).PullRequest = true
}

// Comment adds a conversation comment; association is GitHub's
// author_association ("" is NONE).
func (b *Builder) Comment(repo string, n int, author, association string, at time.Time) {
	r := b.Repo(repo)
	b.order++
	r.Comments = append(r.Comments, snapshot.Comment{ID: b.order, Issue: n, Author: author, AuthorBot: b.isBot(author),
		Association: cmp.Or(association, "NONE"), CreatedAt: at.UTC()})
}

// Label adds a label (a no-op event if the issue has it: GitHub records
// none then, so callers should not).
func (b *Builder) Label(repo string, n int, actor string, at time.Time, label string) {
	is := b.Issue(repo, n)
	if !b.HasLabel(repo, n, label) {
		is.Labels = append(is.Labels, label)
	}
	b.event(repo, n, snapshot.Labeled, label, actor, at)
}

// Unlabel removes a label.
func (b *Builder) Unlabel(repo string, n int, actor string, at time.Time, label string) {
	is := b.Issue(repo, n)
	is.Labels = slices.DeleteFunc(is.Labels, func(l string) bool { return strings.EqualFold(l, label) })
	b.event(repo, n, snapshot.Unlabeled, label, actor, at)
}

// Close closes the issue.
func (b *Builder) Close(repo string, n int, actor string, at time.Time) {
	is := b.Issue(repo, n)
	is.ClosedAt, is.StateReason = at.UTC(), "completed"
	b.event(repo, n, snapshot.Closed, "", actor, at)
}

// Reopen reopens the issue.
func (b *Builder) Reopen(repo string, n int, actor string, at time.Time) {
	is := b.Issue(repo, n)
	is.ClosedAt, is.StateReason = time.Time{}, "reopened"
	b.event(repo, n, snapshot.Reopened, "", actor, at)
}

// HasLabel reports whether the issue carries the label now.
func (b *Builder) HasLabel(repo string, n int, label string) bool {
	return slices.ContainsFunc(b.Issue(repo, n).Labels, func(l string) bool { return strings.EqualFold(l, label) })
}

// IsOpen reports whether the issue is open now.
func (b *Builder) IsOpen(repo string, n int) bool { return b.Issue(repo, n).Open() }

func (b *Builder) event(repo string, n int, kind snapshot.EventKind, label, actor string, at time.Time) {
	r := b.Repo(repo)
	b.order++
	r.Events = append(r.Events, snapshot.Event{ID: b.order, Issue: n, Kind: kind, Label: label, Actor: actor,
		ActorBot: b.isBot(actor), CreatedAt: at.UTC()})
}

// Snapshot returns the histories as a snapshot fetched at the instant that
// covers everything. Comments and events are given ids that grow with
// time (in the order of the calls within a second), as GitHub's do, and
// are listed oldest first.
func (b *Builder) Snapshot(fetchedAt time.Time) *snapshot.Snapshot {
	s := &snapshot.Snapshot{FetchedAt: fetchedAt.UTC(), Teams: map[string][]string{}}
	type record struct {
		at    time.Time
		order int64
		id    *int64
	}
	var all []record
	for _, r := range b.repos {
		c := *r
		c.Issues = slices.Clone(r.Issues)
		for i := range c.Issues {
			c.Issues[i].Labels = slices.Clone(c.Issues[i].Labels)
		}
		c.Comments = slices.Clone(r.Comments)
		c.Events = slices.Clone(r.Events)
		sortByTime(c.Comments, func(x snapshot.Comment) (time.Time, int64) { return x.CreatedAt, x.ID })
		sortByTime(c.Events, func(x snapshot.Event) (time.Time, int64) { return x.CreatedAt, x.ID })
		for i := range c.Comments {
			all = append(all, record{c.Comments[i].CreatedAt, c.Comments[i].ID, &c.Comments[i].ID})
		}
		for i := range c.Events {
			all = append(all, record{c.Events[i].CreatedAt, c.Events[i].ID, &c.Events[i].ID})
		}
		s.Repos = append(s.Repos, &c)
	}
	slices.SortFunc(all, func(x, y record) int { return cmp.Or(x.at.Compare(y.at), cmp.Compare(x.order, y.order)) })
	for i, r := range all {
		*r.id = int64(i + 1)
	}
	return s
}

func sortByTime[T any](list []T, key func(T) (time.Time, int64)) {
	slices.SortStableFunc(list, func(x, y T) int {
		tx, ix := key(x)
		ty, iy := key(y)
		return cmp.Or(tx.Compare(ty), cmp.Compare(ix, iy))
	})
}

// isBot reports whether an account is a bot: one of Bots, or a login
// ending in [bot] (GitHub's apps).
func (b *Builder) isBot(login string) bool {
	return strings.HasSuffix(strings.ToLower(login), "[bot]") || slices.Contains(b.Bots, login)
}
