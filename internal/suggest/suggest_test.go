package suggest

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"provider", "consumers", "calendar", "window", "scope"}
	for _, tc := range []struct{ word, want string }{
		{"provder", "provider"},   // one deletion
		{"platfrom", ""},          // no candidate near
		{"consumer", "consumers"}, // one insertion
		{"calender", "calendar"},  // one substitution
		{"windwo", "window"},      // one transposition
		{"Scope", "scope"},        // case only
		{"scope", ""},             // exact: nothing to suggest
		{"xyz", ""},               // too far
	} {
		if got := Closest(tc.word, names); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if got := Closest("platfrom", []string{"platform", "payments"}); got != "platform" {
		t.Errorf("transposition: got %q", got)
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"ab", "ba", 1}, {"für", "fur", 1},
	} {
		if got := distance(tc.a, tc.b); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
