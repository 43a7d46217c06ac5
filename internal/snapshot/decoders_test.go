package snapshot

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// entropy draws choices from the bytes a fuzzer gives, then zeros.
type entropy struct{ b []byte }

func (e *entropy) byte() byte {
	if len(e.b) == 0 {
		return 0
	}
	c := e.b[0]
	e.b = e.b[1:]
	return c
}

func (e *entropy) intn(n int) int { return int(e.byte()) % n }

func (e *entropy) int64() int64 {
	var v int64
	for range 8 {
		v = v<<8 | int64(e.byte())
	}
	return v
}

// pieces are what strings are made of: the characters JSON escapes, the
// ones encoding/json escapes for HTML, non-ASCII text, and bytes that are
// not UTF-8.
var pieces = []string{"a", "Z", "0", " ", `"`, `\`, "/", "\n", "\t", "\x00", "\x1f", "\x7f", "<", ">", "&",
	"\u2028", "\u2029", "é", "✓", "😀", "\xff", "\xed\xa0\x80", "\xc3", "\ufffd", "[bot]"}

func (e *entropy) str() string {
	var s string
	for range e.intn(4) {
		s += pieces[e.intn(len(pieces))]
	}
	return s
}

// time is mostly around now, now and then zero (which tidy refuses) or
// anywhere an int64 of seconds reaches.
func (e *entropy) time() time.Time {
	switch e.intn(16) {
	case 0:
		return time.Time{}
	case 1:
		return time.Unix(e.int64(), 0).UTC()
	}
	return time.Unix(1_790_000_000+int64(e.intn(256))*3600, 0).UTC()
}

// rarely is true about once in 16 draws.
func (e *entropy) rarely() bool { return e.intn(16) == 0 }

// id is the i-th record's: growing, now and then 0 (unknown), negative
// (which tidy refuses) or as large as an int64 holds.
func (e *entropy) id(i int) int64 {
	switch e.intn(32) {
	case 0:
		return 0
	case 1:
		return -1 - int64(e.intn(256))
	case 2:
		return int64(uint64(e.int64()) >> 1)
	}
	return int64(i+1)*1000 + int64(e.intn(256))
}

// randomSnapshot makes a snapshot of a few records of every kind. Most
// read; now and then a record is implausible, or given twice, the same
// or not (which tidy refuses, merges, or refuses).
func randomSnapshot(e *entropy) *Snapshot {
	s := &Snapshot{FetchedAt: e.time(), Since: e.time(), Teams: map[string][]string{}}
	for range e.intn(3) {
		var members []string
		for range e.intn(3) {
			members = append(members, e.str())
		}
		s.Teams[e.str()] = members
	}
	if e.intn(2) == 0 {
		s.TeamETags = map[string]string{e.str(): e.str()}
	}
	// again is a record given a second time, changed or not.
	again := func(n int) bool { return n > 0 && e.rarely() }
	for ri := range 1 + e.intn(3) {
		r := &Repo{Name: e.str() + string(rune('a'+ri)), HTMLURL: e.str()}
		if e.rarely() {
			r.Error = e.str()
		}
		if e.intn(2) == 0 {
			r.ETags = map[string]string{"issues": e.str()}
		}
		for i := range e.intn(5) {
			if again(i) {
				is := r.Issues[i-1]
				if e.intn(2) == 0 {
					is.Title += "!"
				}
				r.Issues = append(r.Issues, is)
				continue
			}
			is := Issue{Number: i + 1, Title: e.str(), Author: e.str(), AuthorBot: e.intn(2) == 0, Labels: []string{},
				CreatedAt: e.time(), StateReason: stateReasons[e.intn(len(stateReasons))], PullRequest: e.intn(2) == 0}
			if e.rarely() {
				is.Number = -e.intn(2)
			}
			if e.intn(2) == 0 {
				is.ClosedAt = is.CreatedAt.Add(time.Duration(e.intn(256)-8) * time.Hour)
			}
			for range e.intn(3) {
				is.Labels = append(is.Labels, e.str())
			}
			r.Issues = append(r.Issues, is)
		}
		for i := range e.intn(5) {
			if again(i) {
				r.Comments = append(r.Comments, r.Comments[i-1])
				continue
			}
			r.Comments = append(r.Comments, Comment{ID: e.id(i), Issue: 1 + e.intn(5), Author: e.str(), AuthorBot: e.intn(2) == 0,
				Association: associations[e.intn(len(associations))], CreatedAt: e.time()})
		}
		for i := range e.intn(5) {
			if again(i) {
				ev := r.Events[i-1]
				if e.intn(2) == 0 {
					ev.Actor += "!"
				}
				r.Events = append(r.Events, ev)
				continue
			}
			r.Events = append(r.Events, Event{ID: e.id(i), Issue: 1 + e.intn(5), Kind: EventKind(1 + e.intn(4)),
				Label: e.str(), Actor: e.str(), ActorBot: e.intn(2) == 0, CreatedAt: e.time()})
		}
		// Rollups on some issues and comments, and reactions listed.
		for i := range r.Issues {
			if e.intn(4) == 0 {
				r.Issues[i].Reactions = Rollup{Contents[e.intn(len(Contents))]: 1 + e.intn(3)}
			}
		}
		for i := range r.Comments {
			if e.intn(4) == 0 {
				r.Comments[i].Reactions = Rollup{Contents[e.intn(len(Contents))]: 1 + e.intn(3)}
			}
		}
		for i := range e.intn(4) {
			if again(i) {
				r.Reactions = append(r.Reactions, r.Reactions[i-1])
				continue
			}
			var comment int64
			if e.intn(2) == 0 {
				comment = e.id(i)
			}
			r.Reactions = append(r.Reactions, Reaction{ID: e.id(i), Issue: 1 + e.intn(5), Comment: comment, Login: e.str(),
				Bot: e.intn(2) == 0, Content: Contents[e.intn(len(Contents))], CreatedAt: e.time()})
		}
		s.Repos = append(s.Repos, r)
	}
	return s
}

// texts are JSON texts of the same snapshot: as Write writes it, indented,
// and with every object's keys sorted (so the string table comes after
// the records that refer to it, and a repository's name after its
// records).
func texts(t testing.TB, s *Snapshot) [][]byte {
	t.Helper()
	var written bytes.Buffer
	if err := Write(&written, s); err != nil {
		t.Fatal(err)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, written.Bytes(), "", "\t"); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(written.Bytes()))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	sorted, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return [][]byte{written.Bytes(), indented.Bytes(), sorted}
}

// agree fails unless the streaming decoder reads data as encoding/json
// does: where it reads a snapshot, the same one, and where encoding/json
// refuses the data, it refuses it too. It may refuse what encoding/json
// takes (see jsonReader); mustRead says it may not here.
func agree(t *testing.T, data []byte, mustRead bool) {
	t.Helper()
	got, err := decode(bytes.NewReader(data))
	want, wantErr := decodeReference(bytes.NewReader(data))
	switch {
	case err != nil && wantErr == nil && mustRead:
		t.Fatalf("the streaming decoder refuses what encoding/json reads: %v\n%s", err, data)
	case err != nil:
		return
	case wantErr != nil:
		t.Fatalf("the streaming decoder reads what encoding/json refuses (%v):\n%s", wantErr, data)
	case !reflect.DeepEqual(got, want):
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		t.Fatalf("the decoders read different snapshots from\n%s\n--- streaming ---\n%s\n--- encoding/json ---\n%s", data, gj, wj)
	}
}

// The decoders agree on random snapshots written in three ways, and on
// the fuzzer's bytes taken as a file.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte(nil))
	f.Add([]byte(`{"format":"sla-snapshot","version":1,"strings":["","a\u00e9\ud83d\ude00\ud800"],"teams":{"a":null,"b":[]},` +
		`"repos":[null,{"name":"x","issues":{"number":[1],"title":["t"],"author":[1],"flags":[3],"labels":[null],"created":[5],"closed":[0],"state_reason":[9]}}]}`))
	f.Add([]byte(`{"format":"sla-snapshot","version":2,"repos":[],"checkins":[{"repo":"a/b","number":1,"url":"u","agreement":"x",` +
		`"period":"2026-Q4","created":5,"expectations":[{"id":2,"side":"provider","n":1,"text":"t\u00e9","reactions":{"+1":1},` +
		`"votes":[{"id":3,"login":"c","content":"+1","created":6}]}]}]}`))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		seed := make([]byte, 256)
		for i := range seed {
			seed[i] = byte(rng.Uint32())
		}
		f.Add(seed)
		if i < 3 { // whole files for the fuzzer to change
			f.Add(texts(f, randomSnapshot(&entropy{b: seed}))[i])
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, data, false)
		s := randomSnapshot(&entropy{b: data})
		for _, text := range texts(t, s) {
			agree(t, text, true)
		}
	})
}
