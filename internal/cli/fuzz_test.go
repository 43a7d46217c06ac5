package cli

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// noControl fails if an error message would write a control character
// (an escape sequence from the command line) to the terminal.
func noControl(t *testing.T, err error) {
	t.Helper()
	if i := strings.IndexFunc(err.Error(), func(r rune) bool { return r < ' ' || r == 0x7f }); i >= 0 {
		t.Fatalf("error %q holds a control character", err)
	}
}

// FuzzParseShard: whatever --shard accepts is K/N with 1 ≤ K ≤ N, written
// as it would be printed; the N shards of a list hold each repository
// exactly once.
//
//	go test ./internal/cli -run '^$' -fuzz '^FuzzParseShard$' -fuzztime 1m
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"1/1", "2/4", "4/4", "0/4", "5/4", "1/0", "-1/2", "+1/2", "01/2", "1/2x", "1 / 2", "1/", "/2", "",
		"1/9223372036854775807", "1/99999999999999999999", "\x1b[31m1/2"} {
		f.Add(s)
	}
	repos := []string{"a/1", "a/2", "a/3", "a/4", "a/5", "a/6", "a/7"}
	f.Fuzz(func(t *testing.T, s string) {
		k, n, err := parseShard(s)
		if err != nil {
			noControl(t, err)
			return
		}
		if k < 1 || k > n || fmt.Sprintf("%d/%d", k, n) != s {
			t.Fatalf("parseShard(%q) = %d, %d", s, k, n)
		}
		if n > 20 {
			return
		}
		var all []string
		for i := 1; i <= n; i++ {
			all = append(all, shard(repos, i, n)...)
		}
		slices.Sort(all)
		if !slices.Equal(all, repos) {
			t.Fatalf("the %d shards hold %q, want each repository once", n, all)
		}
	})
}

// FuzzParseAt: whatever --at accepts is an instant after 1970 that can
// never be taken for "not given" (time.Time's zero); what it refuses is
// named in the message without control characters.
//
//	go test ./internal/cli -run '^$' -fuzz '^FuzzParseAt$' -fuzztime 1m
func FuzzParseAt(f *testing.F) {
	for _, s := range []string{"2026-11-27T09:00:00Z", "2026-11-27T09:00:00+01:00", "2026-11-27T09:00:00.5Z", "0001-01-01T00:00:00Z",
		"1970-01-01T00:00:00Z", "1970-01-01T00:00:01Z", "1969-12-31T23:59:59-01:00", "9999-12-31T23:59:59Z", "2026-11-27",
		"2026-11-27T09:00:00", "2026-02-30T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T09:00:00+24:00", "\x1b]0;x\x07"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		at, err := parseAt(s)
		if err != nil {
			noControl(t, err)
			if !strings.Contains(err.Error(), "--at ") {
				t.Fatalf("error %q does not name --at", err)
			}
			return
		}
		if at.IsZero() || !at.After(earliestInstant) {
			t.Fatalf("parseAt(%q) = %v", s, at)
		}
		if back, err := time.Parse(time.RFC3339, at.Format(time.RFC3339Nano)); err != nil || !back.Equal(at) {
			t.Fatalf("parseAt(%q) = %v, which does not print back: %v", s, at, err)
		}
	})
}

// FuzzParseSince: whatever --since accepts is a whole UTC day from 1970.
//
//	go test ./internal/cli -run '^$' -fuzz '^FuzzParseSince$' -fuzztime 1m
func FuzzParseSince(f *testing.F) {
	for _, s := range []string{"2026-08-01", "1970-01-01", "1969-12-31", "0001-01-01", "0000-01-01", "2026-02-29", "2024-02-29",
		"2026-8-1", "2026-08-01T00:00:00Z", "", "\x1b[2J"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		since, err := parseSince(s)
		if err != nil {
			noControl(t, err)
			if !strings.Contains(err.Error(), "--since ") {
				t.Fatalf("error %q does not name --since", err)
			}
			return
		}
		if since.Before(earliestInstant) || since.Location() != time.UTC || !since.Equal(since.Truncate(24*time.Hour)) ||
			since.Format(time.DateOnly) != s {
			t.Fatalf("parseSince(%q) = %v", s, since)
		}
	})
}
