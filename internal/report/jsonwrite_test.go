package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/clock"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/snapshot"
)

// The reference for appendClock: a clock as encoding/json encodes it.
type jsonClock struct {
	Repo           string     `json:"repo"`
	Number         int        `json:"number"`
	Title          string     `json:"title"`
	URL            string     `json:"url"`
	Outcome        string     `json:"outcome"`
	AtRisk         bool       `json:"at_risk"`
	StartedAt      time.Time  `json:"started_at"`
	StoppedAt      *time.Time `json:"stopped_at"`
	ElapsedSeconds int64      `json:"elapsed_seconds"`
	Paused         bool       `json:"paused"`
	DueAt          *time.Time `json:"due_at"`
	// ClosedAt and Ratings, for satisfaction: the last close that placed
	// the request in the window, and the 👍 and 👎 that decided.
	ClosedAt *time.Time   `json:"closed_at,omitempty"`
	Ratings  []jsonRating `json:"ratings,omitempty"`
}

// jsonRating is one 👍 or 👎 that rated a request.
type jsonRating struct {
	Login   string    `json:"login"`
	Content string    `json:"content"`
	At      time.Time `json:"at"`
}

func clockJSON(c *compliance.ClockResult) jsonClock {
	j := jsonClock{Repo: c.Repo.Name, Number: c.Issue.Number, Title: c.Issue.Title, URL: c.URL(),
		Outcome: string(c.Outcome), AtRisk: c.AtRisk, StartedAt: c.Clock.Start.UTC(),
		ElapsedSeconds: int64(c.Clock.Elapsed / time.Second), Paused: c.Clock.Paused}
	if !c.Clock.Stop.IsZero() {
		t := c.Clock.Stop.UTC()
		j.StoppedAt = &t
	}
	if !c.DueAt.IsZero() {
		t := c.DueAt.UTC()
		j.DueAt = &t
	}
	if c.Rating != nil {
		closed := c.Clock.Start.UTC()
		j.ClosedAt = &closed
		for _, x := range c.Rating.Counted {
			j.Ratings = append(j.Ratings, jsonRating{Login: x.Login, Content: x.Content, At: x.CreatedAt.UTC()})
		}
	}
	return j
}

// encodeReference encodes v as writeJSON's encoder does, compact.
func encodeReference(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// awkward are strings that encoding/json escapes, each in its own way.
var awkward = []string{"", "plain", `a "quoted" title`, `back\slash`, "tab\there", "new\nline", "\r\b\f\x00\x1f\x7f",
	"<html> & ampersand", "line\u2028sep\u2029para", "bad \xff utf-8 \xc3", "emoji 👍 é", "\u2027\u202a"}

// appendClock writes every kind of clock byte for byte as encoding/json
// writes the jsonClock it makes.
func TestAppendClockIsEncodingJSON(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	at := time.Date(2026, 11, 27, 9, 30, 15, 0, time.FixedZone("CET", 3600))
	repo := &snapshot.Repo{Name: "acme/app", HTMLURL: "https://github.com/acme/app"}
	for i := range 400 {
		is := &snapshot.Issue{Number: rng.IntN(100000), Title: awkward[rng.IntN(len(awkward))] + awkward[rng.IntN(len(awkward))]}
		c := &compliance.ClockResult{Repo: repo, Issue: is, Outcome: []compliance.Outcome{compliance.Met, compliance.Breached, compliance.Pending}[rng.IntN(3)],
			AtRisk: rng.IntN(2) == 0,
			Clock:  clock.Clock{Start: at.Add(time.Duration(rng.IntN(1e6)) * time.Second), Elapsed: time.Duration(rng.Int64N(1e15)), Paused: rng.IntN(2) == 0}}
		if rng.IntN(2) == 0 {
			c.Clock.Stop = c.Clock.Start.Add(time.Hour)
		}
		if rng.IntN(2) == 0 {
			c.DueAt = c.Clock.Start.Add(4*time.Hour + 500*time.Millisecond)
		}
		if i%5 == 0 {
			c.Rating = &compliance.Rating{}
			for range rng.IntN(3) {
				c.Rating.Counted = append(c.Rating.Counted, snapshot.Reaction{Login: awkward[rng.IntN(len(awkward))], Content: "+1", CreatedAt: at})
			}
		}
		want := encodeReference(t, clockJSON(c))
		got, err := appendClock(nil, c)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("clock %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// A time encoding/json cannot write fails as it fails there.
func TestAppendClockRefusesATimeAsEncodingJSONDoes(t *testing.T) {
	t.Parallel()
	c := &compliance.ClockResult{Repo: &snapshot.Repo{Name: "acme/app"}, Issue: &snapshot.Issue{Number: 1},
		Clock: clock.Clock{Start: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}
	_, want := json.Marshal(clockJSON(c))
	_, got := appendClock(nil, c)
	if want == nil || got == nil || got.Error() != want.Error() {
		t.Errorf("error %v, want %v", got, want)
	}
}

// appendJSONString escapes as encoding/json does, whatever the bytes.
func FuzzJSONString(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := encodeReference(t, s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}

// The indenter indents as json.Indent does, whatever the strings hold,
// however it is cut into writes.
func FuzzIndent(f *testing.F) {
	for _, seed := range []string{`{}`, `[]`, `{"a":[]}`, `{"a":{},"b":[1,2,{"c":null}]}`, `[[],[{}],"x"]`,
		`{"t":"a \"quoted\" {title}, with [brackets]: and \\ back\\\\"}`, `"lone"`, `3`, `{"e":"\u003c\u2028"}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var v any
		if json.Unmarshal([]byte(text), &v) != nil {
			return
		}
		compact := encodeReference(t, v)
		var want bytes.Buffer
		if err := json.Indent(&want, compact, "", "  "); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		x := &indenter{w: &got}
		x.indent(compact, nil)
		if err := x.flush(); err != nil || !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("indented (%v)\n%s\nwant\n%s", err, got.Bytes(), want.Bytes())
		}
	})
}

// A large report is written a piece at a time, never held whole.
func TestWriteJSONWritesAsItGoes(t *testing.T) {
	t.Parallel()
	big := make([]string, 20000)
	for i := range big {
		big[i] = strings.Repeat("x", 20)
	}
	var w countingWriter
	if err := writeJSON(&w, big); err != nil {
		t.Fatal(err)
	}
	if w.writes < 5 || w.largest > flushAt+4096 {
		t.Errorf("%d writes, the largest %d bytes: want several of at most about %d", w.writes, w.largest, flushAt)
	}
}

type countingWriter struct{ writes, largest int }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	c.largest = max(c.largest, len(p))
	return len(p), nil
}
