// Package buildinfo says which sla this is: the version a release was built
// as, or what the Go toolchain recorded of the module and the commit.
package buildinfo

import (
	"runtime"
	"runtime/debug"
)

// Releases set these with the linker, e.g.
//
//	-ldflags "-X github.com/sla-dev/sla/internal/buildinfo.version=v1.2.3"
//
// (.goreleaser.yaml). Without them, the build info decides.
var (
	version string
	commit  string
	date    string
)

// Devel is the version of a build that knows neither its module version
// nor its commit (go run, go test, -buildvcs=false).
const Devel = "devel"

// Info describes one build of sla.
type Info struct {
	// Version is a release's version (v1.2.3), the module version that
	// go install recorded (a tag or a pseudo-version), the commit the
	// binary was built from (its first 12 hex digits, with +dirty when the
	// work tree had changes), or Devel.
	Version string
	// Commit is the full revision, and Time its commit time (RFC 3339),
	// when known; Modified, that the work tree had uncommitted changes.
	Commit   string
	Time     string
	Modified bool
	// GoVersion and Platform (GOOS/GOARCH) are those of the toolchain and
	// target the binary was built with.
	GoVersion string
	Platform  string
}

// Read describes the running binary.
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return describe(version, commit, date, bi)
}

// shortCommit is as many hex digits of a revision as Go's pseudo-versions
// show.
const shortCommit = 12

// describe builds an Info from what the linker set (release, commit, date;
// empty when not set) and from the build info (nil when there is none).
func describe(release, commit, date string, bi *debug.BuildInfo) Info {
	info := Info{Version: release, Commit: commit, Time: date,
		GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	var module string
	if bi != nil {
		info.GoVersion = bi.GoVersion
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			module = v
		}
		var goos, goarch string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if info.Commit == "" {
					info.Commit = s.Value
				}
			case "vcs.time":
				if info.Time == "" {
					info.Time = s.Value
				}
			case "vcs.modified":
				info.Modified = s.Value == "true"
			case "GOOS":
				goos = s.Value
			case "GOARCH":
				goarch = s.Value
			}
		}
		if goos != "" && goarch != "" {
			info.Platform = goos + "/" + goarch
		}
	}
	switch {
	case info.Version != "":
	case module != "":
		info.Version = module
	case info.Commit != "":
		info.Version = info.Commit[:min(len(info.Commit), shortCommit)]
		if info.Modified {
			info.Version += "+dirty"
		}
	default:
		info.Version = Devel
	}
	return info
}
