package githubtest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// NewServer starts a server on loopback outside a test, for programs such as
// the one in ./serve that `make ci-local` runs. It is New with a stand-in for
// the test: the returned stop function closes the server, and what would fail
// a test (AddIssue for a repository that was never loaded, say) panics
// instead.
func NewServer(opts ...Option) (*Server, func()) {
	tb := &standaloneTB{}
	s := New(tb, opts...)
	return s, tb.cleanup
}

// standaloneTB is the part of testing.TB that New and the data methods use.
// The embedded interface is nil: any other method panics, which flags a new
// use of the test here before it misbehaves quietly.
type standaloneTB struct {
	testing.TB

	mu       sync.Mutex
	cleanups []func()
}

func (t *standaloneTB) Helper() {}

func (t *standaloneTB) Cleanup(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cleanups = append(t.cleanups, f)
}

func (t *standaloneTB) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf(format, args...))
}

// cleanup runs the cleanups once, last registered first, as a test would.
func (t *standaloneTB) cleanup() {
	t.mu.Lock()
	fs := t.cleanups
	t.cleanups = nil
	t.mu.Unlock()
	for _, f := range slices.Backward(fs) {
		f()
	}
}
