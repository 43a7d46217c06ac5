package cli

import (
	"io"
	"os"
	"time"
)

// Env is what a command may read of its surroundings. Tests fill it with
// buffers and fixed values; System returns the real ones.
type Env struct {
	Out    io.Writer
	ErrOut io.Writer
	// OutIsTTY is true when Out is a terminal: only then is output coloured.
	OutIsTTY bool
	Getenv   func(string) string
	Now      func() time.Time
}

// System returns the process's real streams, environment and clock.
func System() Env {
	return Env{
		Out:      os.Stdout,
		ErrOut:   os.Stderr,
		OutIsTTY: isTerminal(os.Stdout),
		Getenv:   os.Getenv,
		Now:      time.Now,
	}
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
