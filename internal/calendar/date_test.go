package calendar

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr string
	}{
		{in: "2026-12-24", want: Date{2026, time.December, 24}},
		{in: "2028-02-29", want: Date{2028, time.February, 29}}, // leap year
		{in: "2000-02-29", want: Date{2000, time.February, 29}}, // divisible by 400: leap
		{in: "0001-01-01", want: Date{1, time.January, 1}},

		{in: "2026-02-30", wantErr: `day 30 is out of range (February 2026 has 28 days)`},
		{in: "2100-02-29", wantErr: `day 29 is out of range (February 2100 has 28 days)`}, // divisible by 100 only: not leap
		{in: "2026-04-31", wantErr: `day 31 is out of range (April 2026 has 30 days)`},
		{in: "2026-01-00", wantErr: `day 0 is out of range (January 2026 has 31 days)`},
		{in: "2026-13-01", wantErr: `month 13 is out of range (01-12)`},
		{in: "2026-00-10", wantErr: `month 0 is out of range (01-12)`},
		{in: "2026-2-3", wantErr: `"2026-2-3": dates must be written YYYY-MM-DD, e.g. "2026-12-24"`},
		{in: "24.12.2026", wantErr: `"24.12.2026": dates must be written YYYY-MM-DD, e.g. "2026-12-24"`},
		{in: "2026-12-24T00:00:00Z", wantErr: `"2026-12-24T00:00:00Z": dates must be written YYYY-MM-DD, e.g. "2026-12-24"`},
		{in: " 2026-12-24", wantErr: `" 2026-12-24": dates must be written YYYY-MM-DD, e.g. "2026-12-24"`},
		{in: "+026-12-24", wantErr: `"+026-12-24": dates must be written YYYY-MM-DD, e.g. "2026-12-24"`},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseDate(%q) error = %v, want %s", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, got)
		}
	}
}

func TestDateHelpers(t *testing.T) {
	d := Date{2026, time.December, 31}
	if got := d.AddDays(1); got != (Date{2027, time.January, 1}) {
		t.Errorf("AddDays(1) = %v", got)
	}
	if got := d.AddDays(-365); got != (Date{2025, time.December, 31}) {
		t.Errorf("AddDays(-365) = %v", got)
	}
	if got := d.Weekday(); got != time.Thursday {
		t.Errorf("Weekday = %v, want Thursday", got)
	}
	if got := (Date{1969, time.December, 31}).Weekday(); got != time.Wednesday {
		t.Errorf("Weekday of 1969-12-31 = %v, want Wednesday", got)
	}
	if (Date{2026, time.February, 29}).Valid() || !(Date{2028, time.February, 29}).Valid() {
		t.Error("Valid is wrong about February 29")
	}
}
