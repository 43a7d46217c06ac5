package validate

import (
	"strings"
	"testing"
	"time"
)

// TestTimezoneAdvice: each zone that loads but names no place is told
// apart from a region's, with the region where one is meant and the form
// where several are; UTC and regions pass.
func TestTimezoneAdvice(t *testing.T) {
	tests := []struct {
		zone string
		says string // "" for no advice
	}{
		{"EST", `UTC-5 all year, without daylight saving time: for US Eastern time, which is UTC-4 in summer, write "America/New_York"`},
		{"EST5EDT", `write its region's IANA name, "America/New_York"`},
		{"PST8PDT", `"America/Los_Angeles"`},
		{"HST", `"Pacific/Honolulu"`},
		// Several regions: the form, with examples of both kinds.
		{"MST", `Area/City, which follows the place's changes to and from summer time, such as "America/Denver" (UTC-6 in summer) or "America/Phoenix" (UTC-7 all year)`},
		{"CET", `Area/City`},
		{"GMT", `write "Europe/London"; if UTC is meant, write "UTC"`},
		// The sign is the opposite of the offset's: Etc/GMT+5 is UTC-5.
		{"Etc/GMT+5", `UTC-5 all year`},
		{"Etc/GMT-14", `UTC+14 all year`},
		{"UTC", ""},
		{"Etc/UTC", ""},
		{"Europe/Berlin", ""},
		{"America/New_York", ""},
		{"Asia/Kolkata", ""},
	}
	for _, tt := range tests {
		got := timezoneAdvice(tt.zone)
		if tt.says == "" && got != "" || !strings.Contains(got, tt.says) {
			t.Errorf("%s: got %q, want it to say %q", tt.zone, got, tt.says)
		}
	}
	// Every zone advised about is one that loads: the others are errors.
	for zone := range nonRegionalZones {
		if _, err := time.LoadLocation(zone); err != nil {
			t.Errorf("%s does not load: %v", zone, err)
		}
	}
}
