package snapshot

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"sync"
)

// Stream reads a snapshot file in the background and hands out its parts
// as they are read (see parts): the header first, then each repository,
// so that work on the first repositories goes on while the rest is read.
// What was handed out counts only once Wait reports no error.
type Stream struct {
	path        string
	headerReady chan struct{} // closed when header (or headerErr) is set
	header      *Snapshot
	headerErr   error
	repos       chan *Repo
	quit        chan struct{}
	stop        sync.Once
	done        chan struct{} // closed when snap and err are set
	snap        *Snapshot
	err         error
}

// errStopped ends a read that Close stopped.
var errStopped = errors.New("stopped")

// OpenStream starts reading the snapshot file at path. The caller reads
// the header, then the repositories, then waits for the end; or stops the
// read with Close.
func OpenStream(path string) *Stream {
	s := &Stream{path: path, headerReady: make(chan struct{}), repos: make(chan *Repo, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		defer close(s.repos)
		gotHeader := false
		p := &parts{
			header: func(h *Snapshot) {
				s.header, gotHeader = h, true
				close(s.headerReady)
			},
			repo: func(r *Repo) error {
				select {
				case s.repos <- r:
					return nil
				case <-s.quit:
					return errStopped
				}
			},
		}
		s.snap, s.err = readFileParts(path, p, s.quit)
		if !gotHeader {
			s.headerErr = s.err
			if s.headerErr == nil { // cannot be: a snapshot read whole has had its header given
				s.headerErr = fmt.Errorf("%s: no header was read", path)
			}
			close(s.headerReady)
		}
	}()
	return s
}

// Path is the file's path.
func (s *Stream) Path() string { return s.path }

// Header waits for the snapshot's header: every field but the
// repositories and the check-ins. The error is why the file could not be
// read as far.
func (s *Stream) Header() (*Snapshot, error) {
	<-s.headerReady
	return s.header, s.headerErr
}

// Repos yields the repositories as they are read, until the last, or
// until reading fails (Wait says why). It is read once.
func (s *Stream) Repos() iter.Seq[*Repo] {
	return func(yield func(*Repo) bool) {
		for r := range s.repos {
			if !yield(r) {
				s.Close()
				return
			}
		}
	}
}

// Wait reads to the end of the file and returns the whole snapshot, or why
// it cannot be read. Repositories not taken from Repos are not lost: they
// are in the snapshot.
func (s *Stream) Wait() (*Snapshot, error) {
	for range s.repos { // those not taken
	}
	<-s.done
	return s.snap, s.err
}

// Close stops reading, and waits for the reading to stop.
func (s *Stream) Close() {
	s.stop.Do(func() { close(s.quit) })
	<-s.done
}

// readFileParts is ReadFile, giving p the parts as they are read, and
// stopping when quit (unless nil) is closed.
func readFileParts(path string, p *parts, quit <-chan struct{}) (*Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := readParts(stoppable{f, quit}, p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// stoppable is a reader that ends with errStopped once quit is closed.
type stoppable struct {
	r    io.Reader
	quit <-chan struct{}
}

func (s stoppable) Read(p []byte) (int, error) {
	select {
	case <-s.quit:
		return 0, errStopped
	default:
		return s.r.Read(p)
	}
}
