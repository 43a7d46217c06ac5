package snapshot_test

import (
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/snapshot"
)

// twice is valid with one issue, comment and event, each written twice
// exactly as a list that shifts between pages returns them: with ids.
const twice = `{"format":"sla-snapshot","version":1,"fetched_at":1795770000,"since":1790000000,"strings":["","carol","P1"],"teams":{},"repos":[{"name":"acme/x","html_url":"https://github.com/acme/x",` +
	`"issues":{"number":[1,2,1],"title":["t","u","t"],"author":[1,1,1],"flags":[0,0,0],"labels":[[2],[],[2]],"created":[1795000000,1795000000,1795000000],"closed":[0,0,0],"state_reason":[0,0,0]},` +
	`"comments":{"id":[11,11,0,0],"issue":[1,1,1,1],"author":[1,1,1,1],"flags":[0,0,0,0],"association":[1,1,1,1],"created":[1795000100,1795000100,1795000200,1795000200]},` +
	`"events":{"id":[21,21],"issue":[1,1],"kind":[1,1],"label":[2,2],"actor":[1,1],"flags":[0,0],"created":[1795000000,1795000000]}}]}`

// Records read twice are kept once, and the snapshot says so; comments
// without ids (files written before ids were kept) are never merged.
func TestReadMergesRecordsReadTwice(t *testing.T) {
	t.Parallel()
	s, err := snapshot.Read(strings.NewReader(twice))
	if err != nil {
		t.Fatal(err)
	}
	r := s.Repos[0]
	if len(r.Issues) != 2 || r.Issues[0].Number != 1 || r.Issues[1].Number != 2 {
		t.Errorf("issues %+v, want #1 and #2 once each", r.Issues)
	}
	if len(r.Comments) != 3 {
		t.Errorf("%d comments, want 3: id 11 once, and both without an id", len(r.Comments))
	}
	if len(r.Events) != 1 {
		t.Errorf("%d events, want 1", len(r.Events))
	}
	want := []string{
		"acme/x: 1 issue read twice, counted once",
		"acme/x: 1 comment read twice, counted once",
		"acme/x: 1 event read twice, counted once",
	}
	if strings.Join(s.Merged, "\n") != strings.Join(want, "\n") {
		t.Errorf("Merged = %q, want %q", s.Merged, want)
	}
}

// Records that cannot be are refused, each named with what is wrong, and
// the error says what to do.
func TestReadRefusesImplausibleRecords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"issue number zero", `"number":[1]`, `"number":[0]`, "acme/x#0: issue numbers start at 1"},
		{"issue number negative", `"number":[1]`, `"number":[-3]`, "acme/x#-3: issue numbers start at 1"},
		// 1794999999 is one second before the opening, 1795000000.
		{"closed before opened", `"closed":[0]`, `"closed":[1794999999]`,
			"acme/x#1 was closed (2026-11-18T11:06:39Z) before it was opened (2026-11-18T11:06:40Z)"},
		{"issue without opening time", `"created":[1795000000],"closed"`, `"created":[0],"closed"`, "acme/x#1 has no time it was opened"},
		{"comment on issue zero", `"comments":{"issue":[1]`, `"comments":{"issue":[0]`, "acme/x: comment 0 on #0: issue numbers start at 1"},
		{"comment id negative", `"comments":{"issue"`, `"comments":{"id":[-5],"issue"`, "acme/x: comment -5 on #1: ids are positive"},
		{"comment without time", `"created":[1795000100]`, `"created":[0]`, "acme/x: comment 0 on #1 has no time"},
		{"event on a negative issue", `"events":{"issue":[1]`, `"events":{"issue":[-1]`, "acme/x: labeled event 0 on #-1: issue numbers start at 1"},
		{"event id negative", `"events":{"issue"`, `"events":{"id":[-9],"issue"`, "acme/x: labeled event -9 on #1: ids are positive"},
		{"event without time", `"created":[1795000000]}}`, `"created":[0]}}`, "acme/x: labeled event 0 on #1 has no time"},
		{"repository twice", `"repos":[`, `"repos":[{"name":"ACME/x","error":"404 Not Found","issues":{},"comments":{},"events":{}},`,
			"repository acme/x is listed twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := strings.Replace(valid, tc.old, tc.new, 1)
			if data == valid {
				t.Fatalf("%q is not in the seed", tc.old)
			}
			s, err := snapshot.Read(strings.NewReader(data))
			if err == nil {
				t.Fatalf("read %+v", s)
			}
			for _, w := range []string{tc.want, "fetch it again with `sla fetch --out FILE`"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// Two records with the same number or id that differ are refused: which
// one is right cannot be known.
func TestReadRefusesConflictingDuplicates(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"issue", `"closed":[0,0,0]`, `"closed":[0,0,1795000500]`, "acme/x#1 is recorded twice, with different states"},
		{"comment", `"author":[1,1,1,1]`, `"author":[1,2,1,1]`, "acme/x: comment 11 is recorded twice, with different authors"},
		{"event", `"created":[1795000000,1795000000]}`, `"created":[1795000000,1795000001]}`, "acme/x: event 21 is recorded twice, with different times"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := strings.Replace(twice, tc.old, tc.new, 1)
			if data == twice {
				t.Fatalf("%q is not in the seed", tc.old)
			}
			_, err := snapshot.Read(strings.NewReader(data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}

// An error names the first few records and counts the rest.
func TestReadNamesFewProblems(t *testing.T) {
	t.Parallel()
	data := strings.Replace(valid, `"issues":{"number":[1],"title":["t"],"author":[1],"flags":[0],"labels":[[2]],"created":[1795000000],"closed":[0],"state_reason":[0]}`,
		`"issues":{"number":[-1,-2,-3,-4,-5,-6,-7],"title":["","","","","","",""],"author":[0,0,0,0,0,0,0],"flags":[0,0,0,0,0,0,0],"labels":[[],[],[],[],[],[],[]],`+
			`"created":[1,1,1,1,1,1,1],"closed":[0,0,0,0,0,0,0],"state_reason":[0,0,0,0,0,0,0]}`, 1)
	_, err := snapshot.Read(strings.NewReader(data))
	if err == nil || !strings.Contains(err.Error(), "acme/x#-5: issue numbers start at 1; and 2 more.") || strings.Contains(err.Error(), "#-6") {
		t.Errorf("err = %v, want 5 named and 2 more", err)
	}
}
