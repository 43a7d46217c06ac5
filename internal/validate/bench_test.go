package validate

import (
	"testing"

	"github.com/sla-dev/sla/internal/demodata"
)

// writeOrganisation writes n agreement files, with the teams and calendars
// they refer to, into dir.
func writeOrganisation(tb testing.TB, dir string, n int) {
	tb.Helper()
	if err := demodata.WriteOrganisation(dir, n); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkValidate1000Files validates 1,000 agreement files with their
// teams and calendars, as `sla validate` does (the files read side by
// side; target: at most 0.5 s on 2 cores, under 200 MiB peak memory; `make
// bench` measures the whole command).
func BenchmarkValidate1000Files(b *testing.B) {
	dir := b.TempDir()
	writeOrganisation(b, dir, 1000)
	for b.Loop() {
		set, diags, err := Run([]string{dir})
		if err != nil || len(diags) != 0 || len(set.Agreements) != 1000 {
			b.Fatalf("err=%v agreements=%d diagnostics=%v", err, len(set.Agreements), diags)
		}
	}
}

func TestGeneratedOrganisationIsValid(t *testing.T) {
	dir := t.TempDir()
	writeOrganisation(t, dir, 3)
	set, diags, err := Run([]string{dir})
	if err != nil || len(diags) != 0 {
		t.Fatalf("err=%v\n%s", err, render(diags))
	}
	if len(set.Agreements) != 3 || len(set.Teams) != 50 || len(set.Calendars) != 2 {
		t.Fatalf("got %d agreements, %d teams, %d calendars", len(set.Agreements), len(set.Teams), len(set.Calendars))
	}
}
