package cli

import (
	"context"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/sla-dev/sla/internal/buildinfo"
	"github.com/sla-dev/sla/internal/github"
)

// Env is what a command may read of its surroundings. Tests fill it with
// buffers and fixed values; System returns the real ones.
type Env struct {
	Out    io.Writer
	ErrOut io.Writer
	// OutIsTTY is true when Out is a terminal: only then is output coloured.
	OutIsTTY bool
	// ErrIsTTY is true when ErrOut is a terminal: only then is progress shown
	// as an updating line.
	ErrIsTTY bool
	Getenv   func(string) string
	Now      func() time.Time
	// HTTP is the transport to GitHub (nil: the default); GHAuthToken asks
	// the GitHub CLI for a token (nil: run gh if installed). Tests replace
	// both.
	HTTP        http.RoundTripper
	GHAuthToken func(ctx context.Context, host string) (string, error)
	// Sleep waits (for rate limits and retries); nil: really wait.
	Sleep func(ctx context.Context, d time.Duration) error
	// Build is the sla that runs, as sla version and reports show it
	// (an empty Version reads as buildinfo.Devel).
	Build buildinfo.Info
}

// System returns the process's real streams, environment and clock.
func System() Env {
	return Env{
		Out:         os.Stdout,
		ErrOut:      os.Stderr,
		OutIsTTY:    isTerminal(os.Stdout),
		ErrIsTTY:    isTerminal(os.Stderr),
		Getenv:      os.Getenv,
		Now:         time.Now,
		GHAuthToken: github.GHAuthToken,
		Build:       buildinfo.Read(),
	}
}

// version is the sla version that reports and --version show.
func (e Env) version() string {
	if e.Build.Version == "" {
		return buildinfo.Devel
	}
	return e.Build.Version
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// Color reports whether to colour output: on a terminal only, never with
// NO_COLOR set (https://no-color.org) or on a dumb terminal.
func (e Env) Color() bool {
	return e.OutIsTTY && e.Getenv("NO_COLOR") == "" && e.Getenv("TERM") != "dumb"
}
