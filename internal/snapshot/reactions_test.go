package snapshot_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/snapshot"
)

// withReactions is valid in layout 2: an issue and a comment with
// rollups, and the reactions listed on both, one of them read twice.
const withReactions = `{"format":"sla-snapshot","version":2,"fetched_at":1795770000,"since":1790000000,"strings":["","carol","P1","bot[bot]"],"teams":{},"repos":[{"name":"acme/x","html_url":"https://github.com/acme/x",` +
	`"issues":{"number":[1],"title":["t"],"author":[1],"flags":[0],"labels":[[2]],"created":[1795000000],"closed":[1795000500],"state_reason":[1],"reactions":[[0,1,1,1]]},` +
	`"comments":{"id":[11],"issue":[1],"author":[1],"flags":[0],"association":[1],"created":[1795000100],"reactions":[[4,1]]},` +
	`"events":{"issue":[1],"kind":[1],"label":[2],"actor":[1],"flags":[0],"created":[1795000000]},` +
	`"reactions":{"id":[31,32,33,33],"issue":[1,1,1,1],"comment":[0,0,11,11],"login":[1,3,1,1],"flags":[0,1,0,0],"content":[0,1,4,4],"created":[1795000600,1795000601,1795000200,1795000200]}}]}`

func TestReadReactions(t *testing.T) {
	t.Parallel()
	s, err := snapshot.Read(strings.NewReader(withReactions))
	if err != nil {
		t.Fatal(err)
	}
	r := s.Repos[0]
	if got := r.Issues[0].Reactions; !got.Equal(snapshot.Rollup{"+1": 1, "-1": 1}) {
		t.Errorf("issue rollup %v, want one 👍 and one 👎", got)
	}
	if got := r.Comments[0].Reactions; !got.Equal(snapshot.Rollup{"heart": 1}) {
		t.Errorf("comment rollup %v, want one ❤️", got)
	}
	want := []snapshot.Reaction{
		{ID: 31, Issue: 1, Login: "carol", Content: "+1", CreatedAt: ts("2026-11-18T11:16:40Z")},
		{ID: 32, Issue: 1, Login: "bot[bot]", Bot: true, Content: "-1", CreatedAt: ts("2026-11-18T11:16:41Z")},
		{ID: 33, Issue: 1, Comment: 11, Login: "carol", Content: "heart", CreatedAt: ts("2026-11-18T11:10:00Z")},
	}
	if len(r.Reactions) != len(want) {
		t.Fatalf("reactions %+v, want %+v (33 once)", r.Reactions, want)
	}
	for i := range want {
		if g := r.Reactions[i]; g != want[i] {
			t.Errorf("reaction %d = %+v, want %+v", i, g, want[i])
		}
	}
	if got := strings.Join(s.Merged, "\n"); got != "acme/x: 1 reaction read twice, counted once" {
		t.Errorf("Merged = %q", got)
	}
	if s.Version != 2 {
		t.Errorf("Version = %d, want 2", s.Version)
	}
}

// A file of layout 1, written before reactions were kept, reads as one
// without any, and says which layout it is.
func TestReadLayoutWithoutReactions(t *testing.T) {
	t.Parallel()
	s, err := snapshot.Read(strings.NewReader(valid))
	if err != nil {
		t.Fatal(err)
	}
	r := s.Repos[0]
	if s.Version != 1 || len(r.Reactions) != 0 || r.Issues[0].Reactions != nil || r.Comments[0].Reactions != nil {
		t.Errorf("version %d, reactions %v, rollups %v %v", s.Version, r.Reactions, r.Issues[0].Reactions, r.Comments[0].Reactions)
	}
}

// Files without reactions stay as they were: no column is written for them.
func TestNoReactionsNoColumns(t *testing.T) {
	t.Parallel()
	s, err := snapshot.Read(strings.NewReader(valid))
	if err != nil {
		t.Fatal(err)
	}
	if data := encode(t, s); bytes.Contains(data, []byte(`"reactions"`)) {
		t.Errorf("reactions written for a snapshot without any: %s", data)
	}
}

// A reaction whose content this layout cannot name is not written (it
// would read back as another), and a rollup keeps only the contents it can.
func TestUnknownContentIsNotWritten(t *testing.T) {
	t.Parallel()
	s := &snapshot.Snapshot{FetchedAt: ts("2026-11-27T09:00:00Z"), Repos: []*snapshot.Repo{{Name: "acme/x",
		Issues: []snapshot.Issue{{Number: 1, CreatedAt: ts("2026-11-20T09:00:00Z"), Reactions: snapshot.Rollup{"+1": 1, "party": 2}}},
		Reactions: []snapshot.Reaction{
			{ID: 1, Issue: 1, Login: "carol", Content: "party", CreatedAt: ts("2026-11-20T10:00:00Z")},
			{ID: 2, Issue: 1, Login: "carol", Content: "+1", CreatedAt: ts("2026-11-20T10:00:00Z")},
		}}}}
	got, err := snapshot.Read(bytes.NewReader(encode(t, s)))
	if err != nil {
		t.Fatal(err)
	}
	r := got.Repos[0]
	if len(r.Reactions) != 1 || r.Reactions[0].Content != "+1" || !r.Issues[0].Reactions.Equal(snapshot.Rollup{"+1": 1}) {
		t.Errorf("read back %+v, rollup %v", r.Reactions, r.Issues[0].Reactions)
	}
}

func TestReadRefusesImpossibleReactions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"columns differ", `"content":[0,1,4,4]`, `"content":[0,1,4]`, "reaction columns differ in length"},
		{"rollup column too long", `"reactions":[[0,1,1,1]]`, `"reactions":[[0,1],[1,1]]`, "issue columns differ in length"},
		{"unknown content", `"content":[0,1,4,4]`, `"content":[0,8,4,4]`, "unknown reaction content 8"},
		{"rollup of an odd length", `"reactions":[[4,1]]`, `"reactions":[[4]]`, "odd number of values"},
		{"rollup of an unknown content", `"reactions":[[0,1,1,1]]`, `"reactions":[[0,1,-1,1]]`, "unknown reaction content -1"},
		{"negative count", `"reactions":[[0,1,1,1]]`, `"reactions":[[0,1,1,-1]]`, "acme/x#1: a reaction is counted less than 0 times"},
		{"negative count on a comment", `"reactions":[[4,1]]`, `"reactions":[[4,-2]]`, "acme/x: comment 11 on #1: a reaction is counted less than 0 times"},
		{"no id", `"id":[31,`, `"id":[0,`, "acme/x: reaction 0 on #1: it has no id"},
		{"negative id", `"id":[31,`, `"id":[-31,`, "acme/x: reaction -31 on #1: ids are positive"},
		{"on issue zero", `"issue":[1,1,1,1]`, `"issue":[0,1,1,1]`, "acme/x: reaction 31 on #0: issue numbers start at 1"},
		{"on a negative comment", `"comment":[0,0,11,11]`, `"comment":[-4,0,11,11]`, "acme/x: reaction 31 on #1: comment ids are positive"},
		{"without time", `"created":[1795000600,`, `"created":[0,`, "acme/x: reaction 31 on #1 has no time"},
		{"login out of range", `"login":[1,3,1,1]`, `"login":[1,9,1,1]`, "string index 9 out of range"},
		{"twice, differing", `"content":[0,1,4,4]`, `"content":[0,1,4,5]`, "acme/x: reaction 33 is recorded twice, with different contents"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data := strings.Replace(withReactions, tc.old, tc.new, 1)
			if data == withReactions {
				t.Fatalf("%q is not in the seed", tc.old)
			}
			_, err := snapshot.Read(strings.NewReader(data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}

func TestRollup(t *testing.T) {
	t.Parallel()
	r := snapshot.RollupOf([]snapshot.Reaction{{Content: "+1"}, {Content: "+1"}, {Content: "heart"}})
	if !r.Equal(snapshot.Rollup{"+1": 2, "heart": 1, "eyes": 0}) || r.Equal(snapshot.Rollup{"+1": 2}) || r.Total() != 3 {
		t.Errorf("RollupOf = %v", r)
	}
	if !r.Shows("-1", "heart") || r.Shows("-1", "hooray") || snapshot.Rollup(nil).Shows("+1") {
		t.Errorf("Shows wrong for %v", r)
	}
	if !snapshot.Rollup(nil).Equal(snapshot.Rollup{"+1": 0}) {
		t.Error("an empty rollup differs from one counting 0")
	}
}
