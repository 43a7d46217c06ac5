package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestDescribe(t *testing.T) {
	t.Parallel()
	const rev = "5ce14b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a"
	platform := []debug.BuildSetting{{Key: "GOOS", Value: "darwin"}, {Key: "GOARCH", Value: "arm64"}}
	vcs := func(modified string) []debug.BuildSetting {
		return append([]debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: modified}}, platform...)
	}
	tests := []struct {
		name                  string
		release, commit, date string
		bi                    *debug.BuildInfo
		want                  Info
	}{
		{
			name:    "a release: the linker's version and commit win over the build info",
			release: "v1.2.3", commit: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", date: "2026-12-02T08:00:00Z",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "v0.0.0-20261201100000-5ce14b9c0d1e"}, Settings: vcs("false")},
			want: Info{Version: "v1.2.3", Commit: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Time: "2026-12-02T08:00:00Z", GoVersion: "go1.26.1", Platform: "darwin/arm64"},
		},
		{
			name: "go install …@v1.2.3 records the module version",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "v1.2.3"}, Settings: platform},
			want: Info{Version: "v1.2.3", GoVersion: "go1.26.1", Platform: "darwin/arm64"},
		},
		{
			name: "a build from a clone without a module version: the commit, short",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")},
			want: Info{Version: "5ce14b9c0d1e", Commit: rev, Time: "2026-12-01T10:00:00Z", GoVersion: "go1.26.1", Platform: "darwin/arm64"},
		},
		{
			name: "… with uncommitted changes: +dirty",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")},
			want: Info{Version: "5ce14b9c0d1e+dirty", Commit: rev, Time: "2026-12-01T10:00:00Z", Modified: true, GoVersion: "go1.26.1", Platform: "darwin/arm64"},
		},
		{
			name: "neither version nor commit (go test, -buildvcs=false)",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "(devel)"}, Settings: platform},
			want: Info{Version: Devel, GoVersion: "go1.26.1", Platform: "darwin/arm64"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := describe(tt.release, tt.commit, tt.date, tt.bi); got != tt.want {
				t.Errorf("describe() =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestDescribeWithoutBuildInfo(t *testing.T) {
	t.Parallel()
	if got := describe("", "", "", nil); got.Version != Devel || got.GoVersion == "" || got.Platform == "" {
		t.Errorf("describe without build info = %+v, want version %q and this toolchain's Go and platform", got, Devel)
	}
}
