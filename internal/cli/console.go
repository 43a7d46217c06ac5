package cli

import (
	"fmt"
	"io"
	"sync"

	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/text"
)

// console is stderr while GitHub is read: notices from requests under way
// and the progress line come from many goroutines, and take turns under
// one lock. On a terminal the progress line is kept up to date in place
// (a notice clears it first); elsewhere one summary line is written at the
// end. Quiet silences both.
type console struct {
	w     io.Writer
	tty   bool
	quiet bool

	mu    sync.Mutex
	shown bool // the progress line is on the terminal
	last  github.Progress
}

// notice writes one line, such as a retry or a wait for a rate limit.
func (c *console) notice(msg string) {
	if c.quiet {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clearLocked()
	fmt.Fprintf(c.w, "sla: %s\n", text.Escape(msg))
}

// progress records a fetch's progress, and shows it on a terminal.
func (c *console) progress(p github.Progress) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last = p
	if c.quiet || !c.tty {
		return
	}
	fmt.Fprintf(c.w, "\r\x1b[Kfetching: %s", progressLine(p, false))
	c.shown = true
}

// done replaces the progress line with the summary of the fetch.
func (c *console) done() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.quiet {
		return
	}
	c.clearLocked()
	fmt.Fprintf(c.w, "fetched: %s\n", progressLine(c.last, true))
}

// clear takes the progress line off the terminal.
func (c *console) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clearLocked()
}

func (c *console) clearLocked() {
	if c.shown {
		fmt.Fprint(c.w, "\r\x1b[K")
		c.shown = false
	}
}

// progressLine says how far a fetch got; at the end, what was read and
// what failed ("2 repositories: 1 read, 1 failed").
func progressLine(g github.Progress, end bool) string {
	var line string
	if end {
		line = fmt.Sprintf("%s: %d read, %d failed", text.Plural(g.Repos, "repository"), g.ReposDone-g.ReposFailed, g.ReposFailed)
		if g.Teams > 0 {
			line += fmt.Sprintf("; %s: %d read, %d failed", text.Plural(g.Teams, "team"), g.TeamsDone-g.TeamsFailed, g.TeamsFailed)
		}
		line += ";"
	} else {
		line = fmt.Sprintf("%d/%d repositories,", g.ReposDone, g.Repos)
	}
	line += fmt.Sprintf(" %d pages, %d requests (%d unchanged)", g.Pages, g.Requests, g.NotModified)
	if g.Remaining >= 0 {
		line += fmt.Sprintf(", rate limit %d left", g.Remaining)
	}
	return line
}
