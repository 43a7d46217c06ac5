package agreement

import (
	"math/big"
	"strings"
	"testing"
	"time"
)

// Durations past MaxDuration are refused, not wrapped round: 213506d was
// measured as about 48 hours, and 999999w was negative.
func TestDurationBound(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want time.Duration // 0: refused as too long
	}{
		{"3650d", MaxDuration},
		{"87600h", MaxDuration}, // 3650 × 24
		{"521w3d", MaxDuration}, // 521 × 7 + 3 = 3650 days
		{"521w2d23h59m", MaxDuration - time.Minute},
		{"3650d1m", 0},
		{"87601h", 0},
		{"213506d", 0}, // × 86,400 × 10^9 ns passes 2^63 (and 2^64)
		{"999999w", 0},
		{"999999w999999d999999h999999m", 0},
	} {
		var d Duration
		err := d.setScalar(tc.in)
		switch {
		case tc.want == 0 && (err == nil || !strings.Contains(err.msg, "longer than 3650d (10 years), the longest sla measures")):
			t.Errorf("within %s: %v (D = %v), want refused as longer than the longest", tc.in, err, d.D)
		case tc.want != 0 && (err != nil || d.D != tc.want):
			t.Errorf("within %s = %v, %v; want %v", tc.in, d.D, err, tc.want)
		}
		var w Window
		werr := w.setScalar(tc.in)
		if (werr == nil) != (tc.want != 0) || (werr != nil && (werr.rule != "invalid-window" || !strings.Contains(werr.msg, "longer than 3650d"))) {
			t.Errorf("window %s: %v", tc.in, werr)
		}
	}
	// What is not a duration says so, even with a part too long before it.
	if _, _, err := parseDuration("999999w1x"); err == nil || err == errTooLong {
		t.Errorf("999999w1x: %v, want not a duration", err)
	}
}

// FuzzDuration holds the parser to a reference computed without overflow:
// whatever it accepts is the exact sum of its parts, positive or zero, and
// at most MaxDuration; whatever sums past MaxDuration is refused as too
// long, never wrapped round.
//
//	go test ./internal/agreement -run '^$' -fuzz '^FuzzDuration$' -fuzztime 1m
func FuzzDuration(f *testing.F) {
	for _, s := range []string{"30m", "4h", "1h30m", "2d", "1w", "1d12h", "0h", "4", "4 hours", "30m4h", "1h1h",
		"1.5h", "", "213506d", "999999w", "3650d", "3650d1m", "87600h", "521w3d", "999999w999999d999999h999999m", "-1h", "+1h", "0x10h", "１h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, days, err := parseDuration(s)
		want, wantDays, ok := referenceDuration(s)
		switch {
		case !ok:
			if err == nil {
				t.Fatalf("parseDuration(%q) = %v, want not a duration", s, d)
			}
		case want.Cmp(big.NewInt(int64(MaxDuration))) > 0:
			if err != errTooLong {
				t.Fatalf("parseDuration(%q) = %v, %v; want too long (%v ns)", s, d, err, want)
			}
		default:
			if err != nil || int64(d) != want.Int64() || days != wantDays {
				t.Fatalf("parseDuration(%q) = %v, %v, %v; want %v ns, %v", s, d, days, err, want, wantDays)
			}
		}
		// The types on top never panic, and keep what they accept in range.
		var du Duration
		if du.setScalar(s) == nil && (du.D <= 0 || du.D > MaxDuration) {
			t.Fatalf("within %q accepted as %v", s, du.D)
		}
		var w Window
		if w.setScalar(s) == nil && w.Period == "" && (w.D <= 0 || w.D > MaxDuration) {
			t.Fatalf("window %q accepted as %v", s, w.D)
		}
	})
}

// referenceDuration is the duration syntax computed in arbitrary
// precision: parts of 1 to 6 ASCII digits, each with a unit w, d, h or m,
// the units in that order, each at most once.
func referenceDuration(s string) (*big.Int, bool, bool) {
	units := "wdhm"
	ns := []int64{7 * 24 * 3600e9, 24 * 3600e9, 3600e9, 60e9}
	total := new(big.Int)
	days, next, parts := false, 0, 0
	for rest := s; rest != ""; parts++ {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i > 6 || i == len(rest) {
			return nil, false, false
		}
		u := strings.IndexByte(units[next:], rest[i])
		if u < 0 {
			return nil, false, false
		}
		u += next
		n, _ := new(big.Int).SetString(rest[:i], 10)
		total.Add(total, n.Mul(n, big.NewInt(ns[u])))
		days = days || u < 2
		next = u + 1
		rest = rest[i+1:]
	}
	return total, days, parts > 0
}
