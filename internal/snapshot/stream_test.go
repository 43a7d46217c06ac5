package snapshot_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/snapshot"
)

// streamed reads a file with a Stream as check does: the header, each
// repository as it comes, then the end.
func streamed(t *testing.T, path string) (header *snapshot.Snapshot, repos []*snapshot.Repo, whole *snapshot.Snapshot, headerErr, err error) {
	t.Helper()
	s := snapshot.OpenStream(path)
	defer s.Close()
	if header, headerErr = s.Header(); headerErr != nil {
		return header, nil, nil, headerErr, nil
	}
	for r := range s.Repos() {
		repos = append(repos, r)
	}
	whole, err = s.Wait()
	return header, repos, whole, nil, err
}

// A stream gives what ReadFile reads: the header, then each repository
// in order, then the whole snapshot.
func TestStreamGivesWhatReadFileReads(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "snap.json.gz")
	if err := snapshot.WriteFile(path, sample(), 0o600); err != nil {
		t.Fatal(err)
	}
	want, err := snapshot.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	header, repos, whole, headerErr, err := streamed(t, path)
	if headerErr != nil || err != nil {
		t.Fatal(headerErr, err)
	}
	if !reflect.DeepEqual(whole, want) {
		t.Errorf("whole snapshot\n%+v\nwant\n%+v", whole, want)
	}
	if !reflect.DeepEqual(repos, want.Repos) {
		t.Errorf("repositories %v, want %v", repos, want.Repos)
	}
	if header.Repos != nil || !header.FetchedAt.Equal(want.FetchedAt) || !header.Since.Equal(want.Since) ||
		header.Version != want.Version || !reflect.DeepEqual(header.Teams, want.Teams) {
		t.Errorf("header %+v, want the fields of %+v but the repositories", header, want)
	}
}

// A file whose header follows its repositories (not as Write puts it)
// gives them all once it is read, the same.
func TestStreamHeaderLast(t *testing.T) {
	t.Parallel()
	repos := valid[strings.Index(valid, `"repos":`) : len(valid)-1]
	headerLast := "{" + repos + "," + strings.TrimSuffix(strings.TrimPrefix(valid, "{"), ","+repos+"}") + "}"
	path := filepath.Join(t.TempDir(), "snap.json")
	if err := os.WriteFile(path, []byte(headerLast), 0o600); err != nil {
		t.Fatal(err)
	}
	want, err := snapshot.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", headerLast, err)
	}
	_, got, whole, headerErr, err := streamed(t, path)
	if headerErr != nil || err != nil || len(got) != 1 || !reflect.DeepEqual(whole, want) {
		t.Errorf("got %d repositories, %v, %v; want what ReadFile reads", len(got), headerErr, err)
	}
}

// Every file ReadFile refuses, a stream refuses with the same words: at
// the header when it is the header that is wrong, else at the end.
func TestStreamRefusesWhatReadFileRefuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for i, tc := range corruptCases(t) {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
		if err := os.WriteFile(path, tc.data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, want := snapshot.ReadFile(path)
		_, _, whole, headerErr, err := streamed(t, path)
		got := headerErr
		if got == nil {
			got = err
		}
		if want == nil || got == nil || got.Error() != want.Error() || whole != nil {
			t.Errorf("%d %s: stream error %v, want %v", i, tc.name, got, want)
		}
	}
}

// Records that cannot be, in the last repository, fail the whole stream
// (the first was given already) as they fail ReadFile.
func TestStreamRefusesALaterRepository(t *testing.T) {
	t.Parallel()
	s := sample()
	s.Repos[1].Error = ""
	s.Repos[1].Issues = []snapshot.Issue{{Number: 1, CreatedAt: ts("2026-11-02T08:30:00Z"), ClosedAt: ts("2026-11-01T08:30:00Z")}}
	path := filepath.Join(t.TempDir(), "snap.json")
	if err := os.WriteFile(path, encode(t, s), 0o600); err != nil {
		t.Fatal(err)
	}
	_, want := snapshot.ReadFile(path)
	_, repos, whole, _, err := streamed(t, path)
	if want == nil || err == nil || err.Error() != want.Error() || whole != nil || len(repos) != 1 {
		t.Errorf("%d repositories given, err %v; want the first, then %v", len(repos), err, want)
	}
}

// Close stops the reading: a reader waiting to give a repository that is
// not taken stops there.
func TestStreamClose(t *testing.T) {
	t.Parallel()
	s := sample()
	for i := range 3 { // 5 repositories: the reader gives one ahead, then waits
		s.Repos = append(s.Repos, &snapshot.Repo{Name: fmt.Sprintf("acme/more-%d", i),
			Issues: []snapshot.Issue{}, Comments: []snapshot.Comment{}, Events: []snapshot.Event{}})
	}
	path := filepath.Join(t.TempDir(), "snap.json")
	if err := os.WriteFile(path, encode(t, s), 0o600); err != nil {
		t.Fatal(err)
	}
	st := snapshot.OpenStream(path)
	if _, err := st.Header(); err != nil {
		t.Fatal(err)
	}
	for range st.Repos() {
		break // the first taken; the iterator closes the stream
	}
	st.Close() // again: fine
	if whole, err := st.Wait(); whole != nil || err == nil || !strings.Contains(err.Error(), "stopped") {
		t.Errorf("after Close: %v, %v; want no snapshot, stopped", whole != nil, err)
	}
}
