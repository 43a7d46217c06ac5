package cli_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/buildinfo"
	"github.com/sla-dev/sla/internal/cli"
)

// testBuild is the sla every test runs as: outputs never depend on the
// revision the tests were built from.
var testBuild = buildinfo.Info{
	Version:   "v1.2.3-test",
	Commit:    "5ce14b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
	Time:      "2026-12-01T10:00:00Z",
	Modified:  true,
	GoVersion: "go1.26.0",
	Platform:  "linux/arm64",
}

func TestVersionFlagAndCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--version"}, "sla v1.2.3-test\n"},
		{[]string{"version"}, "sla v1.2.3-test\n" +
			"commit 5ce14b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a +dirty (2026-12-01T10:00:00Z)\n" +
			"built with go1.26.0 for linux/arm64\n"},
	}
	for _, tt := range tests {
		r := run(t, tt.args...)
		if r.code != cli.ExitOK || r.out != tt.want || r.err != "" {
			t.Errorf("sla %s:\n%s\nwant on stdout:\n%s", strings.Join(tt.args, " "), r, tt.want)
		}
	}
}

// A build that knows nothing of itself still names a version: cobra drops
// --version when the version is empty.
func TestVersionUnknownBuild(t *testing.T) {
	t.Parallel()
	var out, errOut strings.Builder
	env := cli.Env{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	if code := cli.Main([]string{"--version"}, env); code != cli.ExitOK || out.String() != "sla devel\n" {
		t.Errorf("--version of an unknown build: exit %d, %q (stderr %q), want \"sla devel\\n\"", code, out.String(), errOut.String())
	}
	out.Reset()
	if code := cli.Main([]string{"version"}, env); code != cli.ExitOK || out.String() != "sla devel\n" {
		t.Errorf("version of an unknown build: exit %d, %q, want only \"sla devel\\n\"", code, out.String())
	}
}

func TestVersionRefusesArguments(t *testing.T) {
	t.Parallel()
	r := run(t, "version", "extra")
	if r.code != cli.ExitError || !strings.Contains(r.err, `unknown command "extra"`) {
		t.Errorf("sla version extra: want exit 2 and a usage error:\n%s", r)
	}
}

func TestReportsCarryTheVersion(t *testing.T) {
	t.Parallel()
	r := checkExample(t, "-o", "json")
	var doc struct {
		SLAVersion string `json:"sla_version"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil || doc.SLAVersion != testBuild.Version {
		t.Errorf("check -o json: sla_version = %q (%v), want %q", doc.SLAVersion, err, testBuild.Version)
	}
	r = run(t, "report", example, "--snapshot", exampleSnapshot, "--at", exampleAt, "--trend", "1", "--agreement", "security-reviews")
	for _, want := range []string{`<meta name="generator" content="sla v1.2.3-test">`, "Written by sla v1.2.3-test."} {
		if r.code != cli.ExitOK || !strings.Contains(r.out, want) {
			t.Errorf("sla report: the page does not hold %q (exit %d):\n%s", want, r.code, r.err)
		}
	}
}
