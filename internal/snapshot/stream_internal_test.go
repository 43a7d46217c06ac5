package snapshot

import (
	"bytes"
	"io"
	"testing"
	"time"
)

// The header, then each repository, is given as soon as it is read: with
// the rest of the file not yet there, the first repository is given.
func TestPartsComeAsTheyAreRead(t *testing.T) {
	t.Parallel()
	two := &Snapshot{FetchedAt: time.Unix(1795770000, 0).UTC(), Since: time.Unix(1790000000, 0).UTC(), Teams: map[string][]string{"acme/t": {"ann"}},
		Repos: []*Repo{{Name: "acme/one", Issues: []Issue{}, Comments: []Comment{}, Events: []Event{}},
			{Name: "acme/two", Issues: []Issue{}, Comments: []Comment{}, Events: []Event{}}}}
	var buf bytes.Buffer
	if err := Write(&buf, two); err != nil {
		t.Fatal(err)
	}
	text := buf.Bytes()
	cut := bytes.Index(text, []byte(`{"name":"acme/two"`))
	if cut < 0 {
		t.Fatalf("no second repository in %s", text)
	}
	pr, pw := io.Pipe()
	headers, repos := make(chan *Snapshot, 1), make(chan *Repo, 2)
	done := make(chan error, 1)
	go func() {
		_, err := readParts(pr, &parts{
			header: func(h *Snapshot) { headers <- h },
			repo:   func(r *Repo) error { repos <- r; return nil },
		})
		done <- err
	}()
	go func() { // the first repository, then nothing until the test has seen it
		pw.Write(text[:cut])
	}()
	const bound = 10 * time.Second // far above the microseconds it takes
	select {
	case h := <-headers:
		if h.Teams["acme/t"][0] != "ann" || !h.FetchedAt.Equal(two.FetchedAt) {
			t.Errorf("header %+v", h)
		}
	case <-time.After(bound):
		t.Fatalf("no header within %v of the first repository being written", bound)
	}
	select {
	case r := <-repos:
		if r.Name != "acme/one" {
			t.Errorf("first repository %q", r.Name)
		}
	case <-time.After(bound):
		t.Fatalf("the first repository was not given within %v, the rest of the file not yet written", bound)
	}
	pw.Write(text[cut:])
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if r := <-repos; r.Name != "acme/two" {
		t.Errorf("second repository %q", r.Name)
	}
}
