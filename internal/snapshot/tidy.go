package snapshot

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/text"
)

// maxProblemsShown bounds how many implausible records an error names.
const maxProblemsShown = 5

// tidier checks what a snapshot file holds before anything counts it, a
// repository at a time as they are read, and says at the end what cannot
// be in any of them.
//
// A record read twice — an issue with the same number, a comment, an event
// or a reaction with the same id, identical in every field — is kept
// once: a list that shifts while it is read page by page returns some
// records twice, and earlier versions of sla kept both. What was merged is
// described in the snapshot's Merged.
//
// Records that cannot be are refused, each named: a repository listed
// twice, an issue number that is not positive, a negative comment or event
// id (0 is an id not known), a reaction without an id, a record without a
// time, an issue closed before it was opened, a reaction counted less than
// 0 times, and two records with the same number or id that differ (which
// of them is right cannot be known).
type tidier struct {
	seen     map[string]bool
	problems []string
}

// repo tidies one repository of s, and reports whether it holds nothing
// that cannot be.
func (t *tidier) repo(s *Snapshot, r *Repo) bool {
	if t.seen == nil {
		t.seen = map[string]bool{}
	}
	key := strings.ToLower(r.Name)
	if t.seen[key] {
		t.problems = append(t.problems, fmt.Sprintf("repository %s is listed twice", r.Name))
		return false
	}
	t.seen[key] = true
	problems := r.tidy(s)
	t.problems = append(t.problems, problems...)
	return len(problems) == 0
}

// err names what cannot be, in the order read, or is nil.
func (t *tidier) err() error {
	problems := t.problems
	if len(problems) == 0 {
		return nil
	}
	shown := problems[:min(len(problems), maxProblemsShown)]
	more := ""
	if n := len(problems) - len(shown); n > 0 {
		more = fmt.Sprintf("; and %d more", n)
	}
	return fmt.Errorf("the snapshot holds records that cannot be: %s%s. It is damaged or was not written by sla: fetch it again with `sla fetch --out FILE`",
		strings.Join(shown, "; "), more)
}

// tidy checks a repository's records, merges those read twice and notes
// what it merged in s.Merged, and returns what cannot be.
func (r *Repo) tidy(s *Snapshot) []string {
	var problems []string
	for i := range r.Issues {
		it := &r.Issues[i]
		switch {
		case it.Number <= 0:
			problems = append(problems, fmt.Sprintf("%s#%d: issue numbers start at 1", r.Name, it.Number))
		case it.CreatedAt.IsZero():
			problems = append(problems, fmt.Sprintf("%s#%d has no time it was opened", r.Name, it.Number))
		case !it.ClosedAt.IsZero() && it.ClosedAt.Before(it.CreatedAt):
			problems = append(problems, fmt.Sprintf("%s#%d was closed (%s) before it was opened (%s)", r.Name, it.Number, stamp(it.ClosedAt), stamp(it.CreatedAt)))
		}
	}
	for i := range r.Issues {
		if it := &r.Issues[i]; negative(it.Reactions) {
			problems = append(problems, fmt.Sprintf("%s#%d: a reaction is counted less than 0 times", r.Name, it.Number))
		}
	}
	for i := range r.Comments {
		c := &r.Comments[i]
		if p := implausible(c.ID, c.Issue, c.CreatedAt); p != "" {
			problems = append(problems, fmt.Sprintf("%s: comment %d on #%d%s", r.Name, c.ID, c.Issue, p))
		} else if negative(c.Reactions) {
			problems = append(problems, fmt.Sprintf("%s: comment %d on #%d: a reaction is counted less than 0 times", r.Name, c.ID, c.Issue))
		}
	}
	for i := range r.Reactions {
		x := &r.Reactions[i]
		p := implausible(x.ID, x.Issue, x.CreatedAt)
		switch {
		case x.ID == 0:
			p = ": it has no id"
		case p == "" && x.Comment < 0:
			p = ": comment ids are positive"
		}
		if p != "" {
			problems = append(problems, fmt.Sprintf("%s: reaction %d on #%d%s", r.Name, x.ID, x.Issue, p))
		}
	}
	for i := range r.Events {
		e := &r.Events[i]
		if p := implausible(e.ID, e.Issue, e.CreatedAt); p != "" {
			problems = append(problems, fmt.Sprintf("%s: %s event %d on #%d%s", r.Name, e.Kind, e.ID, e.Issue, p))
		}
	}
	merged := func(n int, what string) {
		if n > 0 {
			s.Merged = append(s.Merged, fmt.Sprintf("%s: %s read twice, counted once", r.Name, text.Plural(n, what)))
		}
	}
	var n int
	var conflicts []string
	r.Issues, n, conflicts = dedupe(r.Issues, func(it *Issue) int64 { return int64(it.Number) }, issueDiff,
		func(k int64) string { return fmt.Sprintf("%s#%d", r.Name, k) })
	problems = append(problems, conflicts...)
	merged(n, "issue")
	r.Comments, n, conflicts = dedupe(r.Comments, func(c *Comment) int64 { return c.ID }, commentDiff,
		func(id int64) string { return fmt.Sprintf("%s: comment %d", r.Name, id) })
	problems = append(problems, conflicts...)
	merged(n, "comment")
	r.Events, n, conflicts = dedupe(r.Events, func(e *Event) int64 { return e.ID }, eventDiff,
		func(id int64) string { return fmt.Sprintf("%s: event %d", r.Name, id) })
	problems = append(problems, conflicts...)
	merged(n, "event")
	r.Reactions, n, conflicts = dedupe(r.Reactions, func(x *Reaction) int64 { return x.ID }, reactionDiff,
		func(id int64) string { return fmt.Sprintf("%s: reaction %d", r.Name, id) })
	problems = append(problems, conflicts...)
	merged(n, "reaction")
	return problems
}

// negative reports whether a rollup counts some reaction less than 0 times.
func negative(r Rollup) bool {
	for _, n := range r {
		if n < 0 {
			return true
		}
	}
	return false
}

// implausible says what cannot be about a comment or an event, to follow
// its name, or is "".
func implausible(id int64, issue int, created time.Time) string {
	switch {
	case id < 0:
		return ": ids are positive"
	case issue <= 0:
		return ": issue numbers start at 1"
	case created.IsZero():
		return " has no time"
	}
	return ""
}

// dedupe keeps the first of records that share a positive key (an issue
// number, a comment or event id; 0 is an unknown id) and are the same, and
// says how many it dropped. Records that share a key but differ are named
// in conflicts: which of them is right cannot be known.
func dedupe[T any](records []T, key func(*T) int64, diff func(a, b *T) string, name func(int64) string) (kept []T, dropped int, conflicts []string) {
	if distinct(records, key) {
		return records, 0, nil
	}
	first := make(map[int64]int, len(records))
	kept = records[:0]
	for i := range records {
		k := key(&records[i])
		if k <= 0 {
			kept = append(kept, records[i])
			continue
		}
		j, ok := first[k]
		if !ok {
			first[k] = len(kept)
			kept = append(kept, records[i])
			continue
		}
		dropped++
		if d := diff(&kept[j], &records[i]); d != "" {
			conflicts = append(conflicts, fmt.Sprintf("%s is recorded twice, with different %s", name(k), d))
		}
	}
	clear(records[len(kept):])
	return kept, dropped, conflicts
}

// distinct reports whether no two records share a positive key, the
// case of every snapshot sla writes, without the map that finding which
// ones do needs: the keys in order (GitHub's lists are), or else sorted,
// have no two alike side by side.
func distinct[T any](records []T, key func(*T) int64) bool {
	keys := make([]int64, 0, len(records))
	ascending, descending := true, true
	for i := range records {
		if k := key(&records[i]); k > 0 {
			if n := len(keys); n > 0 {
				ascending = ascending && k > keys[n-1]
				descending = descending && k < keys[n-1]
			}
			keys = append(keys, k)
		}
	}
	if ascending || descending {
		return true
	}
	slices.Sort(keys)
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			return false
		}
	}
	return true
}

func issueDiff(a, b *Issue) string {
	return differences(
		difference{a.Title != b.Title, "titles"},
		difference{a.Author != b.Author || a.AuthorBot != b.AuthorBot, "authors"},
		difference{!slices.Equal(a.Labels, b.Labels), "labels"},
		difference{!a.CreatedAt.Equal(b.CreatedAt), "opening times"},
		difference{!a.ClosedAt.Equal(b.ClosedAt) || a.StateReason != b.StateReason, "states"},
		difference{a.PullRequest != b.PullRequest, "kinds (issue and pull request)"},
		difference{!a.Reactions.Equal(b.Reactions), "reactions"})
}

func commentDiff(a, b *Comment) string {
	return differences(
		difference{a.Issue != b.Issue, "issues"},
		difference{a.Author != b.Author || a.AuthorBot != b.AuthorBot || a.Association != b.Association, "authors"},
		difference{!a.CreatedAt.Equal(b.CreatedAt), "times"},
		difference{!a.Reactions.Equal(b.Reactions), "reactions"})
}

func eventDiff(a, b *Event) string {
	return differences(
		difference{a.Issue != b.Issue, "issues"},
		difference{a.Kind != b.Kind || a.Label != b.Label, "kinds or labels"},
		difference{a.Actor != b.Actor || a.ActorBot != b.ActorBot, "actors"},
		difference{!a.CreatedAt.Equal(b.CreatedAt), "times"})
}

func reactionDiff(a, b *Reaction) string {
	return differences(
		difference{a.Issue != b.Issue || a.Comment != b.Comment, "targets"},
		difference{a.Login != b.Login || a.Bot != b.Bot, "authors"},
		difference{a.Content != b.Content, "contents"},
		difference{!a.CreatedAt.Equal(b.CreatedAt), "times"})
}

// difference is one way two copies of a record may differ.
type difference struct {
	differs bool
	what    string
}

// differences names the ways that apply, or is "" when there are none.
func differences(list ...difference) string {
	var names []string
	for _, d := range list {
		if d.differs {
			names = append(names, d.what)
		}
	}
	return strings.Join(names, ", ")
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
