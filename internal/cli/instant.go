package cli

import "time"

// earliestInstant bounds --at and --since from below: snapshots hold times
// as Unix seconds, with 0 for none, and GitHub holds nothing older. It
// also keeps a user's --at from being taken for "not given": the zero
// time.Time is 0001-01-01T00:00:00Z.
var earliestInstant = time.Unix(0, 0).UTC()

// parseAt parses --at: an RFC 3339 instant after 1970-01-01T00:00:00Z.
func parseAt(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usageError("--at %q is not an RFC 3339 time such as 2026-11-27T09:00:00Z", s)
	}
	if !t.After(earliestInstant) {
		return time.Time{}, usageError("--at %q is not after 1970-01-01T00:00:00Z: there is no issue data that old", s)
	}
	return t, nil
}

// parseSince parses --since: a date, at 00:00 UTC, from 1970-01-01 on.
func parseSince(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usageError("--since %q is not a date such as 2026-08-01", s)
	}
	if t.Before(earliestInstant) {
		return time.Time{}, usageError("--since %q is before 1970-01-01: there is no issue data that old", s)
	}
	return t, nil
}

// liveAt is the instant a live read evaluates at: at, unless it is zero
// (not given), then now. GitHub has nothing after now to read.
func liveAt(at, now time.Time) (time.Time, error) {
	if at.IsZero() {
		return now, nil
	}
	if at.After(now) {
		return time.Time{}, usageError("--at %s is in the future", at.UTC().Format(time.RFC3339))
	}
	return at, nil
}
