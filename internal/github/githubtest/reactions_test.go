package githubtest_test

import (
	"fmt"
	"testing"

	"github.com/sla-dev/sla/internal/snapshot"
)

// rollupOf finds an issue in a list and returns its reactions object.
func rollupOf(t *testing.T, items []map[string]any, number int) map[string]any {
	t.Helper()
	for _, it := range items {
		if it["number"] == float64(number) {
			return it["reactions"].(map[string]any)
		}
	}
	t.Fatalf("no issue #%d", number)
	return nil
}

// The rollups count the reactions loaded, the lists serve them oldest
// first with their authors, and a content filters them.
func TestReactions(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	_, body := get(t, s, issuesQuery+"&per_page=100")
	issues := list(t, body)
	r3 := rollupOf(t, issues, 3)
	if r3["+1"] != 1.0 || r3["-1"] != 1.0 || r3["heart"] != 0.0 || r3["total_count"] != 2.0 ||
		r3["url"] != s.URL+"repos/acme/app/issues/3/reactions" {
		t.Errorf("#3 rollup %v, want one 👍 and one 👎 (the ❤️ is on a comment)", r3)
	}
	if r1 := rollupOf(t, issues, 1); r1["total_count"] != 0.0 || r1["+1"] != 0.0 {
		t.Errorf("#1 rollup %v, want none", r1)
	}

	_, body = get(t, s, "repos/acme/app/issues/3/reactions")
	got := list(t, body)
	if len(got) != 2 || got[0]["content"] != "+1" || got[1]["content"] != "-1" ||
		got[0]["user"].(map[string]any)["login"] != "carol" || got[1]["user"].(map[string]any)["type"] != "Bot" ||
		got[0]["created_at"] != "2026-11-03T09:00:00Z" {
		t.Errorf("#3 reactions %v, want carol's 👍 at h24, then the bot's 👎", got)
	}
	_, body = get(t, s, "repos/acme/app/issues/3/reactions?content=-1")
	if got := list(t, body); len(got) != 1 || got[0]["content"] != "-1" {
		t.Errorf("content=-1 gave %v", got)
	}
	resp, body := get(t, s, "repos/acme/app/issues/3/reactions?per_page=1")
	if got := list(t, body); len(got) != 1 || links(resp)["next"] == "" {
		t.Errorf("per_page=1 gave %v, links %v", got, links(resp))
	}

	// The comment loaded with id 9003 is served with an id of the fake's.
	_, body = get(t, s, "repos/acme/app/issues/3/comments")
	c := list(t, body)[0]
	if r := c["reactions"].(map[string]any); r["heart"] != 1.0 || r["total_count"] != 1.0 {
		t.Errorf("comment rollup %v, want one ❤️", r)
	}
	_, body = get(t, s, fmt.Sprintf("repos/acme/app/issues/comments/%v/reactions", c["id"]))
	if got := list(t, body); len(got) != 1 || got[0]["content"] != "heart" {
		t.Errorf("comment reactions %v", got)
	}
}

// A reaction changes the rollup but not updated_at: the issue keeps its
// place in a list sorted by update, and its first page's ETag changes
// only if the issue is on it.
func TestReactionLeavesUpdatedAlone(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	_, before := get(t, s, issuesQuery+"&per_page=100")
	s.AddReaction("acme/app", snapshot.Reaction{Issue: 1, Login: "carol", Content: "+1", CreatedAt: h(49)})
	_, after := get(t, s, issuesQuery+"&per_page=100")
	b, a := list(t, before), list(t, after)
	for i := range b {
		if a[i]["number"] != b[i]["number"] || a[i]["updated_at"] != b[i]["updated_at"] {
			t.Fatalf("item %d: #%v updated %v, was #%v updated %v", i, a[i]["number"], a[i]["updated_at"], b[i]["number"], b[i]["updated_at"])
		}
	}
	if r := rollupOf(t, a, 1); r["+1"] != 1.0 {
		t.Errorf("#1 rollup %v after a 👍", r)
	}
	s.RemoveReaction("acme/app", 1, 0, "carol", "+1")
	_, again := get(t, s, issuesQuery+"&per_page=100")
	if r := rollupOf(t, list(t, again), 1); r["+1"] != 0.0 {
		t.Errorf("#1 rollup %v after the 👍 was taken back", r)
	}
}
