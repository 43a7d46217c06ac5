package snapshot_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/snapshot"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// sample holds every kind of record with every field set to something
// other than its zero value somewhere, and a second repository that could
// not be fetched.
func sample() *snapshot.Snapshot {
	return &snapshot.Snapshot{
		Version:   snapshot.Version, // as read back
		FetchedAt: ts("2026-11-27T09:00:00Z"),
		Since:     ts("2026-06-30T09:00:00Z"),
		Teams: map[string][]string{
			"acme/platform": {"alice", "Bob", "platform-oncall-1"},
			"acme/empty":    {},
		},
		Repos: []*snapshot.Repo{
			{
				Name:    "acme/platform-requests",
				HTMLURL: "https://github.com/acme/platform-requests",
				ETags:   map[string]string{"issues": `W/"abc"`, "events": `W/"def"`},
				Issues: []snapshot.Issue{
					{Number: 1, Title: "Access to staging ✓", Author: "carol", Labels: []string{"P1", "platform-request"},
						CreatedAt: ts("2026-11-02T08:30:00Z"), ClosedAt: ts("2026-11-03T10:15:07Z"), StateReason: "completed",
						Reactions: snapshot.Rollup{"+1": 1, "-1": 1, "eyes": 3}},
					{Number: 2, Title: "Bump the runner image", Author: "renovate[bot]", AuthorBot: true, Labels: []string{},
						CreatedAt: ts("2026-11-04T12:00:00Z"), PullRequest: true},
					{Number: 3, Title: "Won't do", Author: "dave", Labels: []string{"invalid"},
						CreatedAt: ts("2026-11-05T12:00:00Z"), ClosedAt: ts("2026-11-05T13:00:00Z"), StateReason: "not_planned"},
					{Number: 4, Title: "Came back", Author: "carol", Labels: []string{"platform-request", "waiting-on-customer"},
						CreatedAt: ts("2026-11-06T12:00:00Z"), StateReason: "reopened"},
				},
				Comments: []snapshot.Comment{
					{ID: 9001, Issue: 1, Author: "alice", Association: "MEMBER", CreatedAt: ts("2026-11-02T09:00:00Z"),
						Reactions: snapshot.Rollup{"heart": 1, "hooray": 2, "laugh": 1, "confused": 1, "rocket": 1}},
					{Issue: 1, Author: "triage-bot[bot]", AuthorBot: true, Association: "NONE", CreatedAt: ts("2026-11-02T08:31:00Z")},
					{Issue: 2, Author: "erin", Association: "OWNER", CreatedAt: ts("2026-11-04T12:01:00Z")},
					{Issue: 3, Author: "frank", Association: "COLLABORATOR", CreatedAt: ts("2026-11-05T12:05:00Z")},
					{Issue: 4, Author: "carol", Association: "CONTRIBUTOR", CreatedAt: ts("2026-11-06T12:05:00Z")},
					{Issue: 4, Author: "newbie", Association: "FIRST_TIME_CONTRIBUTOR", CreatedAt: ts("2026-11-06T12:06:00Z")},
					{Issue: 4, Author: "ghost", Association: "MANNEQUIN", CreatedAt: ts("2026-11-06T12:07:00Z")},
					{Issue: 4, Author: "tim", Association: "FIRST_TIMER", CreatedAt: ts("2026-11-06T12:08:00Z")},
				},
				Events: []snapshot.Event{
					{ID: 7001, Issue: 1, Kind: snapshot.Labeled, Label: "platform-request", Actor: "carol", CreatedAt: ts("2026-11-02T08:30:00Z")},
					{Issue: 1, Kind: snapshot.Labeled, Label: "P1", Actor: "labeler[bot]", ActorBot: true, CreatedAt: ts("2026-11-02T08:30:01Z")},
					{Issue: 1, Kind: snapshot.Closed, Actor: "alice", CreatedAt: ts("2026-11-03T10:15:07Z")},
					{Issue: 4, Kind: snapshot.Closed, Actor: "alice", CreatedAt: ts("2026-11-06T13:00:00Z")},
					{Issue: 4, Kind: snapshot.Reopened, Actor: "carol", CreatedAt: ts("2026-11-06T14:00:00Z")},
					{Issue: 4, Kind: snapshot.Labeled, Label: "stale", Actor: "alice", CreatedAt: ts("2026-11-06T15:00:00Z")},
					{Issue: 4, Kind: snapshot.Unlabeled, Label: "stale", Actor: "alice", CreatedAt: ts("2026-11-06T16:00:00Z")},
				},
				Reactions: []snapshot.Reaction{
					{ID: 501, Issue: 1, Login: "carol", Content: "+1", CreatedAt: ts("2026-11-03T11:00:00Z")},
					{ID: 502, Issue: 1, Login: "Dave", Content: "-1", CreatedAt: ts("2026-11-03T11:00:01Z")},
					{ID: 503, Issue: 1, Comment: 9001, Login: "carol", Content: "heart", CreatedAt: ts("2026-11-02T09:10:00Z")},
					{ID: 504, Issue: 1, Comment: 9001, Login: "thanks-bot[bot]", Bot: true, Content: "hooray", CreatedAt: ts("2026-11-02T09:11:00Z")},
				},
			},
			{Name: "acme/secret", HTMLURL: "https://github.com/acme/secret", Error: "404 Not Found",
				Issues: []snapshot.Issue{}, Comments: []snapshot.Comment{}, Events: []snapshot.Event{}},
		},
	}
}

func encode(t *testing.T, s *snapshot.Snapshot) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := snapshot.Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	want := sample()
	got, err := snapshot.Read(bytes.NewReader(encode(t, want)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		gj, _ := json.MarshalIndent(got, "", " ")
		wj, _ := json.MarshalIndent(want, "", " ")
		t.Fatalf("round trip changed the snapshot:\n--- got ---\n%s\n--- want ---\n%s", gj, wj)
	}
	// DeepEqual treats times with different locations as different; make
	// the checks that matter explicit too.
	is := got.Repos[0].Issues
	if !is[0].ClosedAt.Equal(ts("2026-11-03T10:15:07Z")) || !is[3].Open() || is[0].Open() {
		t.Errorf("closed/open lost: %+v", is)
	}
	if got.Repos[1].Error != "404 Not Found" {
		t.Errorf("repository error lost: %q", got.Repos[1].Error)
	}
}

// Every event kind survives, and is the one the name says.
func TestEventKinds(t *testing.T) {
	for _, name := range []string{"labeled", "unlabeled", "closed", "reopened"} {
		k, ok := snapshot.ParseEventKind(name)
		if !ok || k.String() != name {
			t.Errorf("ParseEventKind(%q) = %v, %v", name, k, ok)
		}
	}
	if k, ok := snapshot.ParseEventKind("assigned"); ok {
		t.Errorf("ParseEventKind(assigned) = %v, want not read", k)
	}
	if s := snapshot.EventKind(9).String(); s != "event(9)" {
		t.Errorf("EventKind(9) = %q", s)
	}
}

func TestEmptyRoundTrip(t *testing.T) {
	in := &snapshot.Snapshot{FetchedAt: ts("2026-11-27T09:00:00Z"),
		Repos: []*snapshot.Repo{{Name: "acme/empty", HTMLURL: "https://github.com/acme/empty"}}}
	data := encode(t, in)
	// Empty columns are written as [], not null.
	if bytes.Contains(data, []byte("null")) {
		t.Errorf("empty columns written as null: %s", data)
	}
	got, err := snapshot.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Since.IsZero() || !got.FetchedAt.Equal(in.FetchedAt) || got.Teams == nil || len(got.Repos) != 1 ||
		len(got.Repos[0].Issues)+len(got.Repos[0].Comments)+len(got.Repos[0].Events) != 0 {
		t.Errorf("got %+v", got)
	}
}

func TestWriteFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		gzip bool
	}{{"snap.json.gz", true}, {"snap.json", false}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.name)
			if err := snapshot.WriteFile(path, sample(), 0o600); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if isGzip := bytes.HasPrefix(data, []byte{0x1f, 0x8b}); isGzip != tc.gzip {
				t.Errorf("gzip magic = %v, want %v (first bytes %q)", isGzip, tc.gzip, data[:min(len(data), 8)])
			}
			if !tc.gzip && !bytes.HasPrefix(data, fmt.Appendf(nil, `{"format":"sla-snapshot","version":%d,`, snapshot.Version)) {
				t.Errorf("plain file does not start with the format: %.60s", data)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if perm := info.Mode().Perm(); perm != 0o600 {
				t.Errorf("permissions %o, want 600", perm)
			}
			got, err := snapshot.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, sample()) {
				t.Errorf("ReadFile(WriteFile(x)) != x")
			}
			assertOnly(t, dir, tc.name)
		})
	}
}

// The permissions are those given, not the default of a temporary file.
func TestWriteFilePermissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "snap.json.gz")
	if err := snapshot.WriteFile(path, sample(), 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o644 {
		t.Errorf("permissions %o, want 644", perm)
	}
}

// assertOnly fails unless dir holds exactly the named entries.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !reflect.DeepEqual(got, names) {
		t.Errorf("directory holds %q, want only %q (temporary files left behind?)", got, names)
	}
}

func TestWriteFileReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "snap.json.gz")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := snapshot.WriteFile(path, sample(), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := snapshot.ReadFile(path); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "snap.json.gz")
}

// A write that fails at the last step (the rename: the target is a
// non-empty directory) leaves the target as it was and no temporary file.
func TestWriteFileFailureLeavesTargetUntouched(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "snap.json.gz")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "keep"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := snapshot.WriteFile(target, sample(), 0o600); err == nil {
		t.Fatal("WriteFile over a non-empty directory succeeded")
	}
	assertOnly(t, dir, "snap.json.gz")
	if data, err := os.ReadFile(filepath.Join(target, "keep")); err != nil || string(data) != "old" {
		t.Errorf("target changed: %q, %v", data, err)
	}
}

// A write into a folder that does not exist fails without creating it.
func TestWriteFileMissingFolder(t *testing.T) {
	dir := t.TempDir()
	if err := snapshot.WriteFile(filepath.Join(dir, "no", "snap.json"), sample(), 0o600); err == nil {
		t.Fatal("WriteFile into a missing folder succeeded")
	}
	assertOnly(t, dir)
}

// A missing file is reported as such, so the CLI can say so.
func TestReadFileMissing(t *testing.T) {
	_, err := snapshot.ReadFile(filepath.Join(t.TempDir(), "none.json.gz"))
	if err == nil || !os.IsNotExist(err) {
		t.Fatalf("err = %v, want not exist", err)
	}
}

// valid is a well-formed plain snapshot with one of each record.
const valid = `{"format":"sla-snapshot","version":1,"fetched_at":1795770000,"since":1790000000,"strings":["","carol","P1"],"teams":{},"repos":[{"name":"acme/x","html_url":"https://github.com/acme/x",` +
	`"issues":{"number":[1],"title":["t"],"author":[1],"flags":[0],"labels":[[2]],"created":[1795000000],"closed":[0],"state_reason":[0]},` +
	`"comments":{"issue":[1],"author":[1],"flags":[0],"association":[1],"created":[1795000100]},` +
	`"events":{"issue":[1],"kind":[1],"label":[2],"actor":[1],"flags":[0],"created":[1795000000]}}]}`

func gz(t testing.TB, data []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}

// corruptCases are inputs Read must refuse, each with words its error
// must contain.
func corruptCases(t testing.TB) []struct {
	name string
	data []byte
	want []string
} {
	full := gz(t, []byte(valid))
	// The last 8 bytes of a gzip stream are the CRC-32 and the size.
	badCRC := bytes.Clone(full)
	badCRC[len(badCRC)-8] ^= 0xff
	return []struct {
		name string
		data []byte
		want []string
	}{
		{"empty", nil, []string{"not a readable snapshot", "sla fetch"}},
		{"truncated gzip", full[:len(full)/2], []string{"not a readable snapshot", "gzip", "truncated"}},
		{"gzip header only", full[:5], []string{"not a readable snapshot", "gzip", "truncated"}},
		// The JSON is complete; only the checksum and size are missing.
		{"gzip trailer cut", full[:len(full)-8], []string{"not a readable snapshot", "gzip", "truncated"}},
		{"gzip checksum wrong", badCRC, []string{"not a readable snapshot", "gzip: invalid checksum"}},
		{"data after the snapshot", []byte(valid + `{"format":"sla-snapshot"}`), []string{"not a readable snapshot", "data after the snapshot"}},
		{"garbage after the snapshot", []byte(valid + "\n<html>"), []string{"not a readable snapshot", "invalid character"}},
		{"not JSON", []byte("issues,comments\n1,2\n"), []string{"not a readable snapshot", "invalid character"}},
		{"truncated JSON", []byte(valid[:len(valid)/2]), []string{"not a readable snapshot"}},
		{"JSON of another shape", []byte(`[{"number": 1}]`), []string{"not a readable snapshot", "cannot unmarshal array"}},
		{"JSON object of another kind", []byte(`{"name": "acme", "version": 1}`), []string{`no "format": "sla-snapshot"`}},
		{"format missing", []byte(strings.Replace(valid, `"format":"sla-snapshot",`, "", 1)), []string{`no "format": "sla-snapshot"`}},
		{"wrong format", []byte(strings.Replace(valid, `"sla-snapshot"`, `"other"`, 1)), []string{"not an sla snapshot"}},
		{"newer version", []byte(strings.Replace(valid, `"version":1`, fmt.Sprintf(`"version":%d`, snapshot.Version+1), 1)),
			[]string{fmt.Sprintf("version %d", snapshot.Version+1), "newer", "upgrade sla"}},
		{"version missing", []byte(strings.Replace(valid, `"version":1,`, "", 1)), []string{"version 0", "not valid"}},
		{"column of another type", []byte(strings.Replace(valid, `"number":[1]`, `"number":["1"]`, 1)), []string{"not a readable snapshot", "number"}},
		{"issue columns differ", []byte(strings.Replace(valid, `"title":["t"]`, `"title":["t","u"]`, 1)), []string{"acme/x", "issue columns differ in length"}},
		{"comment columns differ", []byte(strings.Replace(valid, `"association":[1]`, `"association":[]`, 1)), []string{"acme/x", "comment columns differ in length"}},
		{"event columns differ", []byte(strings.Replace(valid, `"kind":[1]`, `"kind":[1,1]`, 1)), []string{"acme/x", "event columns differ in length"}},
		{"author index out of range", []byte(strings.Replace(valid, `"author":[1],"flags":[0],"labels"`, `"author":[3],"flags":[0],"labels"`, 1)), []string{"acme/x", "string index 3 out of range"}},
		{"label index negative", []byte(strings.Replace(valid, `"labels":[[2]]`, `"labels":[[-1]]`, 1)), []string{"string index -1 out of range"}},
		{"comment author out of range", []byte(strings.Replace(valid, `"author":[1],"flags":[0],"association"`, `"author":[99],"flags":[0],"association"`, 1)), []string{"string index 99 out of range"}},
		{"event actor out of range", []byte(strings.Replace(valid, `"actor":[1]`, `"actor":[7]`, 1)), []string{"string index 7 out of range"}},
		{"unknown event kind", []byte(strings.Replace(valid, `"kind":[1]`, `"kind":[9]`, 1)), []string{"acme/x", "unknown event kind 9"}},
		{"event kind zero", []byte(strings.Replace(valid, `"kind":[1]`, `"kind":[0]`, 1)), []string{"unknown event kind 0"}},
		// 257 would wrap to 1 (labeled) in a uint8.
		{"event kind past a byte", []byte(strings.Replace(valid, `"kind":[1]`, `"kind":[257]`, 1)), []string{"unknown event kind 257"}},
		{"event kind negative", []byte(strings.Replace(valid, `"kind":[1]`, `"kind":[-1]`, 1)), []string{"unknown event kind -1"}},
	}
}

func TestValidSeedReads(t *testing.T) {
	s, err := snapshot.Read(strings.NewReader(valid))
	if err != nil {
		t.Fatal(err)
	}
	r := s.Repos[0]
	if len(r.Issues) != 1 || r.Issues[0].Author != "carol" || r.Issues[0].Labels[0] != "P1" ||
		r.Comments[0].Association != "OWNER" || r.Events[0].Kind != snapshot.Labeled || r.Events[0].Label != "P1" {
		t.Errorf("decoded %+v", r)
	}
	// The same, gzipped, whatever the reader's name.
	if _, err := snapshot.Read(bytes.NewReader(gz(t, []byte(valid)))); err != nil {
		t.Fatal(err)
	}
}

func TestReadCorrupt(t *testing.T) {
	for _, tc := range corruptCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			s, err := snapshot.Read(bytes.NewReader(tc.data))
			if err == nil {
				t.Fatalf("read a snapshot: %+v", s)
			}
			if s != nil {
				t.Errorf("returned a snapshot with the error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// ReadFile names the file in its errors.
func TestReadFileCorruptNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "snap.json.gz")
	full := gz(t, []byte(valid))
	if err := os.WriteFile(path, full[:len(full)-10], 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := snapshot.ReadFile(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+": ") {
		t.Fatalf("err = %v, want it to start with the path", err)
	}
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	if err := snapshot.Write(&buf, sample()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(gz(f, buf.Bytes()))
	f.Add([]byte(valid))
	for _, tc := range corruptCases(f) {
		f.Add(tc.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := snapshot.Read(bytes.NewReader(data))
		if (s == nil) == (err == nil) {
			t.Fatalf("Read returned snapshot %v and error %v", s != nil, err)
		}
		if err != nil {
			return
		}
		// What reads writes again, and reads back the same.
		var out bytes.Buffer
		if err := snapshot.Write(&out, s); err != nil {
			t.Fatal(err)
		}
		if _, err := snapshot.Read(&out); err != nil {
			t.Fatalf("re-reading what was read: %v", err)
		}
	})
}

// A login of any case ending in [bot], or an account GitHub calls a Bot;
// a name that merely contains "bot" is a person's.
func TestIsBot(t *testing.T) {
	t.Parallel()
	tests := []struct {
		login string
		bot   bool
		want  bool
	}{
		{"dependabot[bot]", false, true},
		{"Renovate[BOT]", false, true},
		{"ci-robot", true, true},
		{"robot", false, false},
		{"bot", false, false},
		{"github-actions[Bot]", false, true},
		{"[bot]-fan", false, false},
	}
	for _, tt := range tests {
		if got := snapshot.IsBot(tt.login, tt.bot); got != tt.want {
			t.Errorf("IsBot(%q, %v) = %v, want %v", tt.login, tt.bot, got, tt.want)
		}
	}
}

// DropHistories leaves the issues and forgets the comments and events.
func TestDropHistories(t *testing.T) {
	s := sample()
	s.DropHistories()
	r := s.Repos[0]
	if len(r.Issues) != 4 || r.Comments != nil || r.Events != nil {
		t.Errorf("after DropHistories: %d issues, comments %v, events %v; want 4 issues and no comments or events", len(r.Issues), r.Comments, r.Events)
	}
}
