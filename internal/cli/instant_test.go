package cli_test

import (
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/cli"
)

// An --at that time.Time holds as its zero value used to be taken for no
// --at at all, and the snapshot's fetch time was evaluated instead, with
// exit 0. Instants up to 1970 are refused before anything is read.
func TestAtBefore1970Refused(t *testing.T) {
	t.Parallel()
	agreements, snap := smallOrg(t, false)
	for _, at := range []string{"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z"} {
		r := run(t, "check", agreements, "--snapshot", snap, "--at", at)
		if r.code != cli.ExitError || r.out != "" || !strings.Contains(r.err, `--at "`+at+`" is not after 1970-01-01T00:00:00Z`) {
			t.Errorf("--at %s: want exit 2 and the bound named:\n%s", at, r)
		}
	}
	if r := run(t, "fetch", agreements, "--out", t.TempDir()+"/x.json", "--since", "0001-01-01"); r.code != cli.ExitError ||
		!strings.Contains(r.err, `--since "0001-01-01" is before 1970-01-01`) {
		t.Errorf("--since 0001-01-01: want exit 2 before any fetch:\n%s", r)
	}
}
