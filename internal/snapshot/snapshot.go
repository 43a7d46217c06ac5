// Package snapshot is the data file that `sla fetch` writes and `sla check
// --snapshot` reads: everything an evaluation needs from GitHub, without
// bodies or tokens. On disk it is versioned, columnar JSON (gzipped when the
// name ends in .gz) so that hundreds of thousands of records decode fast.
package snapshot

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Snapshot is the data of one fetch.
type Snapshot struct {
	// FetchedAt is when the data was read: the default evaluation time.
	FetchedAt time.Time
	// Since is the earliest instant the data covers: clocks that started
	// before it may have lost events, so evaluations must not reach back
	// before it.
	Since time.Time
	Repos []*Repo
	// Teams maps a github_team ("org/slug", lowercase) to its members' logins.
	Teams map[string][]string
	// TeamETags are the ETags of the teams' member lists, for revalidation.
	TeamETags map[string]string
	// Checkins are the check-in issues read from the agreements' check-in
	// repositories; nil when none were read.
	Checkins []Checkin
	// Version is the layout the file was written in (0 for a snapshot
	// made in memory, which holds whatever it was given).
	Version int
	// Merged says which records reading found twice and kept once, one
	// line per repository and kind ("acme/app: 2 issues read twice,
	// counted once"); nil when none. It is not written.
	Merged []string
}

// Repo is the issues of one repository, with their comments and events.
type Repo struct {
	Name    string // owner/name
	HTMLURL string // the repository's web address, e.g. https://github.com/acme/app
	// Error says why the repository could not be fetched; its data is then
	// missing and evaluations over it are incomplete.
	Error string
	// ETags of the first page of each stream ("issues", "comments",
	// "events") when the repository was fetched: a later fetch revalidates
	// them, and an unchanged stream costs one 304.
	ETags    map[string]string
	Issues   []Issue
	Comments []Comment
	Events   []Event
	// Reactions are the reactions listed on issues and comments whose
	// rollup showed one that matters (SPEC §7), in no particular order.
	Reactions []Reaction
}

// Issue is an issue or pull request as of the fetch.
type Issue struct {
	Number      int
	Title       string
	Author      string
	AuthorBot   bool
	Labels      []string // current labels
	CreatedAt   time.Time
	ClosedAt    time.Time // zero while open
	StateReason string    // completed, not_planned, reopened or ""
	PullRequest bool
	Reactions   Rollup // the reactions on the issue itself, by content
}

// Open reports whether the issue was open when fetched.
func (i *Issue) Open() bool { return i.ClosedAt.IsZero() }

// IsBot reports whether an account is a bot: GitHub gives its type as Bot
// (typeBot), or its login ends in [bot], in any case, as the logins of
// GitHub Apps do (dependabot[bot]). Bots never respond to an issue.
func IsBot(login string, typeBot bool) bool {
	return typeBot || strings.HasSuffix(strings.ToLower(login), "[bot]")
}

// Comment is a conversation comment on an issue.
type Comment struct {
	ID          int64 // GitHub's id, for merging fetches; 0 when unknown
	Issue       int
	Author      string
	AuthorBot   bool
	Association string // OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, …
	CreatedAt   time.Time
	Reactions   Rollup // the reactions on the comment, by content
}

// EventKind is what an issue event did.
type EventKind uint8

// The events the evaluation reads.
const (
	Labeled EventKind = iota + 1
	Unlabeled
	Closed
	Reopened
)

var eventNames = [...]string{Labeled: "labeled", Unlabeled: "unlabeled", Closed: "closed", Reopened: "reopened"}

func (k EventKind) String() string {
	if int(k) < len(eventNames) && eventNames[k] != "" {
		return eventNames[k]
	}
	return fmt.Sprintf("event(%d)", k)
}

// ParseEventKind returns the kind of a GitHub event name, or false for the
// events the evaluation does not read.
func ParseEventKind(s string) (EventKind, bool) {
	for k, n := range eventNames {
		if n != "" && n == s {
			return EventKind(k), true
		}
	}
	return 0, false
}

// Event is a label, close or reopen event.
type Event struct {
	ID        int64 // GitHub's id, for merging fetches; 0 when unknown
	Issue     int
	Kind      EventKind
	Label     string // for Labeled and Unlabeled
	Actor     string
	ActorBot  bool
	CreatedAt time.Time
}

// DropHistories forgets every repository's comments and events, for a
// caller done with evaluating that shows only issues from then on: the
// memory they held, most of a snapshot's, can be given back before the
// report is written.
func (s *Snapshot) DropHistories() {
	for _, r := range s.Repos {
		r.Comments, r.Events = nil, nil
	}
}

// IssueURL is the web address of an issue or pull request.
func (r *Repo) IssueURL(i *Issue) string {
	kind := "issues"
	if i.PullRequest {
		kind = "pull"
	}
	return fmt.Sprintf("%s/%s/%d", r.HTMLURL, kind, i.Number)
}

// Repo returns the repository with the name (compared case-insensitively,
// as GitHub does), or nil.
func (s *Snapshot) Repo(name string) *Repo {
	for _, r := range s.Repos {
		if equalFold(r.Name, name) {
			return r
		}
	}
	return nil
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// Merge joins snapshots fetched in parts (one per shard of repositories):
// it covers what all of them cover, from the latest Since to the earliest
// FetchedAt. A repository in several is taken from the one fetched last.
func Merge(parts ...*Snapshot) *Snapshot {
	if len(parts) == 1 {
		return parts[0]
	}
	out := &Snapshot{Teams: map[string][]string{}, TeamETags: map[string]string{}}
	byName := map[string]int{}
	var from []time.Time // when each chosen repository was fetched
	for i, p := range parts {
		if i == 0 || p.FetchedAt.Before(out.FetchedAt) {
			out.FetchedAt = p.FetchedAt
		}
		if p.Since.After(out.Since) {
			out.Since = p.Since
		}
		if i == 0 || p.Version < out.Version {
			out.Version = p.Version // the oldest layout says what the parts may lack
		}
		for _, r := range p.Repos {
			key := strings.ToLower(r.Name)
			if j, ok := byName[key]; ok {
				if p.FetchedAt.After(from[j]) {
					out.Repos[j], from[j] = r, p.FetchedAt
				}
				continue
			}
			byName[key] = len(out.Repos)
			out.Repos = append(out.Repos, r)
			from = append(from, p.FetchedAt)
		}
		out.Merged = append(out.Merged, p.Merged...)
		out.Checkins = mergeCheckins(out.Checkins, p.Checkins)
		for t, m := range p.Teams {
			out.Teams[t] = m
			if e, ok := p.TeamETags[t]; ok {
				out.TeamETags[t] = e
			}
		}
	}
	return out
}

// mergeCheckins adds check-ins to those of earlier parts, an issue read by
// both taken from the later.
func mergeCheckins(have, more []Checkin) []Checkin {
	for _, c := range more {
		i := slices.IndexFunc(have, func(h Checkin) bool { return h.Number == c.Number && equalFold(h.Repo, c.Repo) })
		if i >= 0 {
			have[i] = c
			continue
		}
		have = append(have, c)
	}
	return have
}
