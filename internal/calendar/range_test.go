package calendar

import (
	"slices"
	"testing"
	"time"
)

func TestParseRange(t *testing.T) {
	tests := []struct {
		in      string
		want    Range
		wantErr string
	}{
		{in: "09:00-17:00", want: Range{9 * 60, 17 * 60}},
		{in: "00:00-24:00", want: Range{0, 1440}},
		{in: "23:59-24:00", want: Range{1439, 1440}},
		{in: "12:30-13:15", want: Range{750, 795}},

		{in: "9:00-17:00", wantErr: `"9:00-17:00": hours must be written HH:MM-HH:MM, e.g. "09:00-17:00"`},
		{in: "", wantErr: `"": hours must be written HH:MM-HH:MM, e.g. "09:00-17:00"`},
		{in: "09:00 - 17:00", wantErr: `"09:00 - 17:00": hours must be written HH:MM-HH:MM, e.g. "09:00-17:00"`},
		{in: "09.00-17.00", wantErr: `"09.00-17.00": hours must be written HH:MM-HH:MM, e.g. "09:00-17:00"`},
		{in: "09:00–17:00", wantErr: `"09:00–17:00": hours must be written HH:MM-HH:MM, e.g. "09:00-17:00"`}, // en dash
		{in: "17:00-09:00", wantErr: `start 17:00 is not before end 09:00`},
		{in: "09:00-09:00", wantErr: `start 09:00 is not before end 09:00`},
		{in: "24:00-24:00", wantErr: `start 24:00 is not before end 24:00`},
		{in: "09:75-17:00", wantErr: `minute 75 is out of range (00-59)`},
		{in: "09:00-25:00", wantErr: `hour 25 is out of range (00-24)`},
		{in: "09:00-24:30", wantErr: `24:30 is out of range (24:00 is the latest time)`},
	}
	for _, tt := range tests {
		got, err := ParseRange(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseRange(%q) error = %v, want %s", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseRange(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("ParseRange(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestRangeDuration(t *testing.T) {
	if got := (Range{9 * 60, 17*60 + 30}).Duration(); got != 8*time.Hour+30*time.Minute {
		t.Errorf("Duration = %v, want 8h30m", got)
	}
}

func TestParseDays(t *testing.T) {
	M, T, W, R, F, S, U := time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday
	tests := []struct {
		in      string
		want    []time.Weekday
		wantErr string
	}{
		{in: "mon", want: []time.Weekday{M}},
		{in: "sun", want: []time.Weekday{U}},
		{in: "mon-fri", want: []time.Weekday{M, T, W, R, F}},
		{in: "sat-sun", want: []time.Weekday{S, U}},
		{in: "mon-sun", want: []time.Weekday{M, T, W, R, F, S, U}},
		{in: "wed-wed", want: []time.Weekday{W}},

		{in: "fri-mon", wantErr: `"fri-mon": a span runs forward in mon..sun order; list the days separately or split it, as "fri-sun" and "mon"`},
		{in: "sun-tue", wantErr: `"sun-tue": a span runs forward in mon..sun order; list the days separately or split it, as "sun" and "mon-tue"`},
		{in: "monday", wantErr: `"monday": days must be written mon, tue, wed, thu, fri, sat or sun, or as a span such as "mon-fri"`},
		{in: "Mon", wantErr: `"Mon": days must be written mon, tue, wed, thu, fri, sat or sun, or as a span such as "mon-fri"`},
		{in: "mon-", wantErr: `"mon-": days must be written mon, tue, wed, thu, fri, sat or sun, or as a span such as "mon-fri"`},
		{in: "mon - fri", wantErr: `"mon - fri": days must be written mon, tue, wed, thu, fri, sat or sun, or as a span such as "mon-fri"`},
		{in: "mon-tue-wed", wantErr: `"mon-tue-wed": days must be written mon, tue, wed, thu, fri, sat or sun, or as a span such as "mon-fri"`},
		{in: "", wantErr: `"": days must be written mon, tue, wed, thu, fri, sat or sun, or as a span such as "mon-fri"`},
	}
	for _, tt := range tests {
		got, err := ParseDays(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseDays(%q) error = %v, want %s", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseDays(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestDayKey(t *testing.T) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		days, err := ParseDays(DayKey(d))
		if err != nil || len(days) != 1 || days[0] != d {
			t.Errorf("ParseDays(DayKey(%v)) = %v, %v", d, days, err)
		}
	}
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"09:00-17:00", "00:00-24:00", "24:00-24:00", "9:00-17:00", "17:00-09:00",
		"09:75-17:00", "99:99-99:99", "", "09:00-17:00 ", "０９:00-17:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRange(s)
		if err != nil {
			return
		}
		if r.Start < 0 || r.Start >= r.End || r.End > MinutesPerDay {
			t.Fatalf("ParseRange(%q) = %+v: not a valid range", s, r)
		}
		if r.String() != s {
			t.Fatalf("ParseRange(%q).String() = %q", s, r.String())
		}
		if back, err := ParseRange(r.String()); err != nil || back != r {
			t.Fatalf("ParseRange(%q) = %v, %v after round trip of %q", r.String(), back, err, s)
		}
	})
}
