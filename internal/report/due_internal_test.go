package report

import (
	"testing"
	"time"
)

func TestDueSpan(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		0:                               "0s",
		30 * time.Second:                "30s",
		45 * time.Minute:                "45m",
		2 * time.Hour:                   "2h",
		2*time.Hour + 10*time.Minute:    "2h 10m",
		-(2*time.Hour + 10*time.Minute): "2h 10m",
		130*time.Hour + 59*time.Second:  "130h",
	} {
		if got := dueSpan(d); got != want {
			t.Errorf("dueSpan(%v) = %q, want %q", d, got, want)
		}
	}
}
