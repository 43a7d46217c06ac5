package cli

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLocalZone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	link := func(name, target string) string {
		p := filepath.Join(dir, name)
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		return p
	}
	tokyo := link("tokyo", "/usr/share/zoneinfo/Asia/Tokyo")
	posix := link("posix", "../usr/share/zoneinfo/posix/Europe/Paris")
	odd := link("odd", "/etc/some-zone-file")
	env := func(tz string) func(string) string {
		return func(k string) string {
			if k == "TZ" {
				return tz
			}
			return ""
		}
	}
	for _, tc := range []struct {
		tz, localtime, want string
	}{
		{"", tokyo, "Asia/Tokyo"},                      // the link's target names the zone
		{"", posix, "Europe/Paris"},                    // posix/ is the same zone
		{"America/Chicago", tokyo, "America/Chicago"},  // $TZ first
		{":Australia/Perth", tokyo, "Australia/Perth"}, // a leading colon, as POSIX allows
		{"/usr/share/zoneinfo/Africa/Lagos", odd, "Africa/Lagos"},
		{"CET-1CEST", tokyo, "Asia/Tokyo"},           // not an IANA name: the link
		{"", odd, ""},                                // nothing names a zone
		{"", filepath.Join(dir, "missing"), ""},      // no link
		{"Local", filepath.Join(dir, "missing"), ""}, // Go's name for "whatever this is"
	} {
		if got := localZone(env(tc.tz), tc.localtime); got != tc.want {
			t.Errorf("TZ=%q, %s: %q, want %q", tc.tz, tc.localtime, got, tc.want)
		}
	}
}
