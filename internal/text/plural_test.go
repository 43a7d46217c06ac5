package text_test

import (
	"testing"

	"github.com/sla-dev/sla/internal/text"
)

func TestPlural(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n    int
		noun string
		want string
	}{
		{1, "issue", "1 issue"},
		{0, "issue", "0 issues"},
		{2, "listed member", "2 listed members"},
		{3, "business hour", "3 business hours"},
		{1, "repository", "1 repository"},
		{2, "repository", "2 repositories"},
		{2, "day", "2 days"}, // a vowel before the y
		{2, "match", "2 matches"},
		{2, "box", "2 boxes"},
		{1, "person", "1 person"},
		{3, "person", "3 people"},
		{2, "listed person", "2 listed people"},
		{-1, "change", "-1 changes"},
	} {
		if got := text.Plural(tc.n, tc.noun); got != tc.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tc.n, tc.noun, got, tc.want)
		}
	}
}
