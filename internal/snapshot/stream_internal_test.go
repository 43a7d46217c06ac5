package snapshot

import (
	"bytes"
	"compress/gzip"
	"io"
	"reflect"
	"testing"
	"time"
)

// twoRepos is a small snapshot of two repositories, one with records.
func twoRepos() *Snapshot {
	at := time.Unix(1795000000, 0).UTC()
	return &Snapshot{FetchedAt: time.Unix(1795770000, 0).UTC(), Since: time.Unix(1790000000, 0).UTC(), Teams: map[string][]string{"acme/t": {"ann"}},
		Repos: []*Repo{
			{Name: "acme/one", Issues: []Issue{{Number: 1, Title: "t", Author: "ann", Labels: []string{"P1"}, CreatedAt: at}},
				Comments: []Comment{{ID: 5, Issue: 1, Author: "bob", Association: "MEMBER", CreatedAt: at.Add(time.Hour)}},
				Events:   []Event{{ID: 9, Issue: 1, Kind: Labeled, Label: "P1", Actor: "ann", CreatedAt: at}}},
			{Name: "acme/two", Issues: []Issue{}, Comments: []Comment{}, Events: []Event{}},
		}}
}

// Given the parts as they are read, a snapshot is read as Read reads it,
// whatever the bytes: the same snapshot or the same error; when it is
// read, the header is its header and the repositories given are its own,
// in order.
func FuzzParts(f *testing.F) {
	var buf bytes.Buffer
	if err := Write(&buf, twoRepos()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(buf.Bytes())
	zw.Close()
	f.Add(zipped.Bytes())
	f.Add(bytes.Replace(buf.Bytes(), []byte(`"acme/two"`), []byte(`"ACME/one"`), 1)) // listed twice
	f.Fuzz(func(t *testing.T, data []byte) {
		want, wantErr := Read(bytes.NewReader(data))
		var header *Snapshot
		var given []*Repo
		got, err := readParts(bytes.NewReader(data), &parts{
			header: func(h *Snapshot) { header = h },
			repo:   func(r *Repo) error { given = append(given, r); return nil },
		})
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("error %v, Read's %v", err, wantErr)
		}
		if err != nil {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("read\n%+v\nRead reads\n%+v", got, want)
		}
		if header == nil || !header.FetchedAt.Equal(got.FetchedAt) || !header.Since.Equal(got.Since) ||
			header.Version != got.Version || !reflect.DeepEqual(header.Teams, got.Teams) {
			t.Fatalf("header %+v of %+v", header, got)
		}
		if len(given) != len(got.Repos) {
			t.Fatalf("%d repositories given, %d read", len(given), len(got.Repos))
		}
		for i := range given {
			if given[i] != got.Repos[i] {
				t.Fatalf("repository %d given is not the one read", i)
			}
		}
	})
}

// The header, then each repository, is given as soon as it is read: with
// the rest of the file not yet there, the first repository is given.
func TestPartsComeAsTheyAreRead(t *testing.T) {
	t.Parallel()
	two := twoRepos()
	var buf bytes.Buffer
	if err := Write(&buf, two); err != nil {
		t.Fatal(err)
	}
	text := buf.Bytes()
	// The first repository, and the few bytes a number is read ahead by.
	cut := bytes.Index(text, []byte(`{"name":"acme/two"`)) + maxIntLen
	if cut < maxIntLen || cut >= len(text) {
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
