package snapshot_test

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/snapshot"
)

// TestCheckinsRoundTrip: check-ins and their votes come back as written,
// and a version 1 file, which has none, still reads.
func TestCheckinsRoundTrip(t *testing.T) {
	t.Parallel()
	in := &snapshot.Snapshot{FetchedAt: ts("2026-11-27T09:00:00Z"), Since: ts("2026-10-01T00:00:00Z"), Teams: map[string][]string{},
		Checkins: []snapshot.Checkin{{
			Repo: "acme/agreements", Number: 7, URL: "https://github.com/acme/agreements/issues/7",
			Agreement: "platform-requests", Period: "2026-Q4", CreatedAt: ts("2026-10-01T08:00:00Z"),
			Expectations: []snapshot.CheckinComment{
				{ID: 70, Side: "provider", N: 1, Text: "Answer within 4 hours.", Reactions: snapshot.Rollup{"+1": 1, "heart": 1},
					Votes: []snapshot.Reaction{{ID: 700, Issue: 7, Comment: 70, Login: "carol", Content: "+1", CreatedAt: ts("2026-10-02T10:00:00Z")}}},
				{ID: 71, Side: "consumers", N: 1, Text: "Use the template."},
			},
		}}}
	var buf bytes.Buffer
	if err := snapshot.Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, err := snapshot.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out.Checkins, in.Checkins) {
		t.Errorf("check-ins read back:\n%+v\nwant\n%+v", out.Checkins, in.Checkins)
	}
	// Check-ins longer than the reader's 64 KiB buffer, and after the
	// repositories, come back whole too: their text is gathered across
	// refills of the buffer.
	many := *in
	many.Checkins = nil
	for n := 1; n <= 400; n++ {
		c := in.Checkins[0]
		c.Number, c.Period = n, fmt.Sprintf("%d-Q%d", 2000+n/4, n%4+1)
		c.Expectations = []snapshot.CheckinComment{{ID: int64(n), Side: "provider", N: 1, Text: strings.Repeat("Answer within 4 hours. ", 10)}}
		many.Checkins = append(many.Checkins, c)
	}
	buf.Reset()
	if err := snapshot.Write(&buf, &many); err != nil {
		t.Fatal(err)
	}
	if buf.Len() < 2*64<<10 {
		t.Fatalf("the file is %d bytes: too small to cross the reader's buffer", buf.Len())
	}
	back, err := snapshot.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Checkins, many.Checkins) {
		t.Errorf("%d check-ins read back, want %d as written", len(back.Checkins), len(many.Checkins))
	}
	old, err := snapshot.Read(strings.NewReader(valid))
	if err != nil || old.Checkins != nil {
		t.Errorf("version 1: %v, check-ins %v", err, old.Checkins)
	}
}
