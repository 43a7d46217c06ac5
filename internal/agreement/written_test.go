package agreement

import (
	"errors"
	"strings"
	"testing"
)

// TestRewriteDuration: durations as people write them come back as sla
// writes them, from the largest unit used down; what is not one gives "".
func TestRewriteDuration(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"4 hours":           "4h",
		"4H":                "4h",
		"4 Hrs":             "4h",
		"1.5h":              "1h30m", // 1.5 × 60 = 90 minutes
		"1,5 h":             "1h30m",
		"1 hour 30 minutes": "1h30m",
		"1h 30m":            "1h30m",
		"1 hour and 30 min": "1h30m",
		"30m4h":             "4h30m",
		"90 minutes":        "90m", // minutes stay minutes: no larger unit was used
		"2 days":            "2d",
		"1.5d":              "1d12h",
		"2 weeks":           "2w",
		"0.25h":             "15m",
		"120 seconds":       "", // seconds alone: not a unit of sla's
		"0.1h":              "6m",
		"0.01h":             "", // 36 seconds: not whole minutes
		"soon":              "",
		"4":                 "",
		"0 hours":           "",
		"4 fortnights":      "",
		"3651 days":         "", // past the longest
	} {
		if got := rewriteDuration(in); got != want {
			t.Errorf("rewriteDuration(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDurationProblem: the message gives the fix, and never d or w under a
// business calendar, where a day has no fixed length.
func TestDurationProblem(t *testing.T) {
	t.Parallel()
	notOne := errors.New("not a duration")
	for _, tc := range []struct {
		in  string
		cal Name
		err error
		say string
	}{
		{"4 hours", "berlin", notOne, `"4 hours" is not a duration: write 4h (whole numbers with units h and m, largest first, e.g. 30m, 4h, 1h30m)`},
		{"1.5h", AlwaysOpen, notOne, `"1.5h" is not a duration: write 1h30m (whole numbers with units w, d, h, m, largest first, e.g. 30m, 4h, 1h30m, 2d)`},
		{"2 days", AlwaysOpen, notOne, `"2 days" is not a duration: write 2d (`},
		{"2 days", "berlin", notOne, `"2 days" is not a duration, and under calendar berlin within counts business time, where a day is not 24 hours: write hours, e.g. 16h for two 8-hour days`},
		{"soon", "berlin", notOne, `"soon" is not a duration: write whole numbers with units h and m, largest first, e.g. 30m, 4h, 1h30m`},
	} {
		if got := durationProblem(tc.in, tc.cal, tc.err); !strings.HasPrefix(got, tc.say) {
			t.Errorf("%s under %s:\n got  %s\n want %s", tc.in, tc.cal, got, tc.say)
		}
	}
}

func TestRewriteWindowAndDate(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"monthly": "month", "Quarterly": "quarter", "4 weeks": "4w", "28 days": "28d", "forever": ""} {
		if got := rewriteWindow(in); got != want {
			t.Errorf("rewriteWindow(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"2026-1-1":   "2026-01-01",
		"2026/12/24": "2026-12-24",
		"24.12.2026": "2026-12-24", // dots: day first
		"24/12/2026": "2026-12-24", // 24 cannot be a month
		"12/24/2026": "2026-12-24", // 24 cannot be a month, so 12 is
		"11/12/2026": "",           // 11 December or November 12
		"2026-02-30": "",           // no such day: nothing to suggest
		"2026-12-24": "",           // already right
		"Dec 24":     "",
	} {
		if got := rewriteDate(in); got != want {
			t.Errorf("rewriteDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRewriteTimezone(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"New York":      "America/New_York",
		"new_york":      "America/New_York",
		"Berlin":        "Europe/Berlin",
		"europe/berlin": "Europe/Berlin",
		"PST":           "America/Los_Angeles",
		"pdt":           "America/Los_Angeles",
		"JST":           "Asia/Tokyo",
		"CST":           "", // US Central or China
		"IST":           "", // India, Israel or Ireland
		"Springfield":   "",
		"Europe/Berlin": "", // loads as it is
		"":              "",
	} {
		if got := rewriteTimezone(in); got != want {
			t.Errorf("rewriteTimezone(%q) = %q, want %q", in, got, want)
		}
	}
}
