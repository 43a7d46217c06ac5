package snapshot

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/atomicfile"
)

// The on-disk layout: one JSON object; strings that repeat (logins,
// labels) stored once in a table and referred to by index; each record
// kind stored as parallel arrays (columns); times as Unix seconds, 0 for
// none. Titles are the only free text.
type fileSnapshot struct {
	Format    string              `json:"format"`
	Version   int                 `json:"version"`
	FetchedAt int64               `json:"fetched_at"`
	Since     int64               `json:"since"`
	Strings   []string            `json:"strings"`
	Teams     map[string][]string `json:"teams"`
	TeamETags map[string]string   `json:"team_etags,omitempty"`
	Repos     []fileRepo          `json:"repos"`
	Checkins  []fileCheckin       `json:"checkins,omitempty"` // from version 2
}

type fileRepo struct {
	Name     string            `json:"name"`
	HTMLURL  string            `json:"html_url"`
	Error    string            `json:"error,omitempty"`
	ETags    map[string]string `json:"etags,omitempty"`
	Issues   fileIssues        `json:"issues"`
	Comments fileComments      `json:"comments"`
	Events   fileEvents        `json:"events"`
	// Reactions are absent in files of layout 1, and when there are none.
	Reactions *fileReactions `json:"reactions,omitempty"`
}

type fileIssues struct {
	Number      []int    `json:"number"`
	Title       []string `json:"title"`
	Author      []int    `json:"author"`
	Flags       []int    `json:"flags"` // flagBot | flagPullRequest
	Labels      [][]int  `json:"labels"`
	Created     []int64  `json:"created"`
	Closed      []int64  `json:"closed"`
	StateReason []int    `json:"state_reason"`
	Reactions   [][]int  `json:"reactions,omitempty"` // rollups; absent when no issue has one
}

type fileComments struct {
	ID          []int64 `json:"id,omitempty"` // absent in files without ids
	Issue       []int   `json:"issue"`
	Author      []int   `json:"author"`
	Flags       []int   `json:"flags"`
	Association []int   `json:"association"`
	Created     []int64 `json:"created"`
	Reactions   [][]int `json:"reactions,omitempty"` // rollups; absent when no comment has one
}

type fileEvents struct {
	ID      []int64 `json:"id,omitempty"` // absent in files without ids
	Issue   []int   `json:"issue"`
	Kind    []int   `json:"kind"`
	Label   []int   `json:"label"`
	Actor   []int   `json:"actor"`
	Flags   []int   `json:"flags"`
	Created []int64 `json:"created"`
}

// fileReactions are a repository's reactions. A rollup is written as
// pairs of a content's index in Contents and its count: [0, 2, 4, 1] is
// two 👍 and one ❤️.
type fileReactions struct {
	ID      []int64 `json:"id"`
	Issue   []int   `json:"issue"`
	Comment []int64 `json:"comment"`
	Login   []int   `json:"login"`
	Flags   []int   `json:"flags"`
	Content []int   `json:"content"`
	Created []int64 `json:"created"`
}

const (
	flagBot         = 1
	flagPullRequest = 2
)

// Bounds on what reading a snapshot may decompress. Snapshots compress
// about 3 to 5 times (the example 4.5, 100,000 generated issues 3.2), and
// gzip at most about 1,000 times: a file that expands past MaxRatio times
// what was read of it is not a snapshot but a decompression bomb, and is
// refused before it fills the memory. The first RatioFloor bytes are
// always allowed, so that small files are never judged by their ratio.
const (
	MaxSize    = 2 << 30 // bytes of JSON: about 10 million issues with their comments and events
	MaxRatio   = 100
	RatioFloor = 16 << 20
)

// ReadFile reads a snapshot file; a gzipped one is recognised by its
// content, whatever its name.
func ReadFile(path string) (*Snapshot, error) { return readFileParts(path, nil, nil) }

// Read decodes a snapshot, gzipped or not, within MaxSize and MaxRatio.
func Read(r io.Reader) (*Snapshot, error) { return readParts(r, nil) }

// readParts is Read, giving p (unless nil) the parts as they are read.
func readParts(r io.Reader, p *parts) (*Snapshot, error) {
	in := &countingReader{r: r}
	br := bufio.NewReaderSize(in, 1<<16)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, corrupt(gzipError(err))
		}
		defer zr.Close()
		return decodeParts(&boundedReader{r: gzipReader{zr}, compressed: in, max: MaxSize}, p)
	}
	return decodeParts(&boundedReader{r: br, max: MaxSize}, p)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// boundedReader stops a stream that grows past max bytes, or, decompressed,
// past MaxRatio times the compressed bytes read so far.
type boundedReader struct {
	r          io.Reader
	compressed *countingReader // nil for a file that is not compressed
	max        int64
	n          int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	switch {
	case b.n > b.max:
		return n, &tooLargeError{msg: fmt.Sprintf("the snapshot holds more than %s of data, the most sla reads", byteSize(b.max))}
	case b.compressed != nil && b.n > RatioFloor && b.n > MaxRatio*b.compressed.n:
		return n, &tooLargeError{msg: fmt.Sprintf(
			"the gzip data expands more than %d times (%s from the first %s), and snapshots expand about 3 to 5 times: this is not a snapshot (a decompression bomb?)",
			MaxRatio, byteSize(b.n), byteSize(b.compressed.n))}
	}
	return n, err
}

// tooLargeError stops reading a snapshot that is too large to be one.
type tooLargeError struct{ msg string }

func (e *tooLargeError) Error() string {
	return e.msg + "; reading stopped there: fetch it again with `sla fetch`"
}

// byteSize prints a size in the largest unit that keeps it at 1 or more.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// gzipReader names the errors of a damaged gzip stream: a truncated one
// otherwise surfaces as a bare "unexpected EOF".
type gzipReader struct{ r io.Reader }

func (g gzipReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = gzipError(err)
	}
	return n, err
}

func gzipError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("the gzip data is truncated: %w", io.ErrUnexpectedEOF)
	}
	if strings.HasPrefix(err.Error(), "gzip: ") {
		return err
	}
	return fmt.Errorf("gzip: %w", err)
}

// readError says why the data could not be decoded.
func readError(err error) error {
	var tooLarge *tooLargeError
	if errors.As(err, &tooLarge) {
		return tooLarge
	}
	return corrupt(err)
}

func corrupt(err error) error {
	return fmt.Errorf("not a readable snapshot (%v): fetch it again with `sla fetch`", err)
}

func unix(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

var stateReasons = []string{"", "completed", "not_planned", "reopened"}

var associations = []string{"NONE", "OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR", "FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "MANNEQUIN"}

// content is the reaction at an index of Contents.
func content(i int) (string, error) {
	if i < 0 || i >= len(Contents) {
		return "", fmt.Errorf("unknown reaction content %d", i)
	}
	return Contents[i], nil
}

// decodeRollup reads a rollup written as pairs of a content's index and
// its count; nil for none.
func decodeRollup(pairs []int) (Rollup, error) {
	if len(pairs)%2 != 0 {
		return nil, errors.New("a reaction rollup has an odd number of values")
	}
	if len(pairs) == 0 {
		return nil, nil
	}
	out := make(Rollup, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		c, err := content(pairs[i])
		if err != nil {
			return nil, err
		}
		out[c] = pairs[i+1]
	}
	return out, nil
}

// encodeRollup writes a rollup as pairs, in the order of Contents, leaving
// out contents counted 0.
func encodeRollup(r Rollup) []int {
	out := []int{}
	for i, c := range Contents {
		if n := r[c]; n != 0 {
			out = append(out, i, n)
		}
	}
	return out
}

// Write encodes a snapshot as JSON.
func Write(w io.Writer, s *Snapshot) error {
	f := fromSnapshot(s)
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	if err := enc.Encode(f); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteFile writes a snapshot whole or not at all, gzipped when the name
// ends in .gz. A file that exists keeps its permissions; a new one gets
// perm less the umask (0o666 for a file like any other, 0o600 for a
// private one).
func WriteFile(path string, s *Snapshot, perm os.FileMode) error {
	return atomicfile.Write(path, perm, func(w io.Writer) error {
		if !strings.HasSuffix(path, ".gz") {
			return Write(w, s)
		}
		zw := gzip.NewWriter(w)
		if err := Write(zw, s); err != nil {
			return err
		}
		return zw.Close()
	})
}

func fromSnapshot(s *Snapshot) *fileSnapshot {
	f := &fileSnapshot{Format: Format, Version: Version, FetchedAt: unixOf(s.FetchedAt), Since: unixOf(s.Since),
		Teams: s.Teams, TeamETags: s.TeamETags, Strings: []string{""}}
	if f.Teams == nil {
		f.Teams = map[string][]string{}
	}
	ids := map[string]int{"": 0}
	id := func(v string) int {
		if i, ok := ids[v]; ok {
			return i
		}
		ids[v] = len(f.Strings)
		f.Strings = append(f.Strings, v)
		return ids[v]
	}
	f.Repos = make([]fileRepo, 0, len(s.Repos))
	for _, r := range s.Repos {
		fr := fileRepo{Name: r.Name, HTMLURL: r.HTMLURL, Error: r.Error, ETags: r.ETags}
		is := &fr.Issues
		for _, it := range r.Issues {
			is.Number = append(is.Number, it.Number)
			is.Title = append(is.Title, it.Title)
			is.Author = append(is.Author, id(it.Author))
			is.Flags = append(is.Flags, flags(it.AuthorBot, it.PullRequest))
			labels := make([]int, len(it.Labels))
			for j, l := range it.Labels {
				labels[j] = id(l)
			}
			is.Labels = append(is.Labels, labels)
			is.Created = append(is.Created, unixOf(it.CreatedAt))
			is.Closed = append(is.Closed, unixOf(it.ClosedAt))
			is.StateReason = append(is.StateReason, indexOf(stateReasons, it.StateReason))
			is.Reactions = append(is.Reactions, encodeRollup(it.Reactions))
		}
		cs := &fr.Comments
		for _, c := range r.Comments {
			cs.ID = append(cs.ID, c.ID)
			cs.Issue = append(cs.Issue, c.Issue)
			cs.Author = append(cs.Author, id(c.Author))
			cs.Flags = append(cs.Flags, flags(c.AuthorBot, false))
			cs.Association = append(cs.Association, indexOf(associations, c.Association))
			cs.Created = append(cs.Created, unixOf(c.CreatedAt))
			cs.Reactions = append(cs.Reactions, encodeRollup(c.Reactions))
		}
		es := &fr.Events
		for _, e := range r.Events {
			es.ID = append(es.ID, e.ID)
			es.Issue = append(es.Issue, e.Issue)
			es.Kind = append(es.Kind, int(e.Kind))
			es.Label = append(es.Label, id(e.Label))
			es.Actor = append(es.Actor, id(e.Actor))
			es.Flags = append(es.Flags, flags(e.ActorBot, false))
			es.Created = append(es.Created, unixOf(e.CreatedAt))
		}
		if len(r.Reactions) > 0 {
			rs := &fileReactions{}
			for _, x := range r.Reactions {
				ci := slices.Index(Contents, x.Content)
				if ci < 0 {
					continue // a reaction this layout has no name for: it counts for nothing
				}
				rs.ID = append(rs.ID, x.ID)
				rs.Issue = append(rs.Issue, x.Issue)
				rs.Comment = append(rs.Comment, x.Comment)
				rs.Login = append(rs.Login, id(x.Login))
				rs.Flags = append(rs.Flags, flags(x.Bot, false))
				rs.Content = append(rs.Content, ci)
				rs.Created = append(rs.Created, unixOf(x.CreatedAt))
			}
			fr.Reactions = rs
		}
		fr.Comments.ID = withoutZeros(fr.Comments.ID)
		fr.Events.ID = withoutZeros(fr.Events.ID)
		fr.Issues.Reactions = withoutEmpty(fr.Issues.Reactions)
		fr.Comments.Reactions = withoutEmpty(fr.Comments.Reactions)
		fr.Issues.ensure()
		fr.Comments.ensure()
		fr.Events.ensure()
		f.Repos = append(f.Repos, fr)
	}
	if len(s.Checkins) > 0 {
		f.Checkins = checkinsToFile(s.Checkins)
	}
	return f
}

// withoutZeros drops an id column that holds no ids at all (data made
// without GitHub), so such files stay as small as before.
func withoutZeros(ids []int64) []int64 {
	for _, id := range ids {
		if id != 0 {
			return ids
		}
	}
	return nil
}

// withoutEmpty drops a rollup column in which no record has a reaction, so
// that files without any stay as small as before.
func withoutEmpty(rollups [][]int) [][]int {
	for _, r := range rollups {
		if len(r) > 0 {
			return rollups
		}
	}
	return nil
}

// ensure writes empty columns as [] rather than null.
func (c *fileIssues) ensure() {
	if c.Number == nil {
		*c = fileIssues{Number: []int{}, Title: []string{}, Author: []int{}, Flags: []int{}, Labels: [][]int{}, Created: []int64{}, Closed: []int64{}, StateReason: []int{}}
	}
}

func (c *fileComments) ensure() {
	if c.Issue == nil {
		*c = fileComments{Issue: []int{}, Author: []int{}, Flags: []int{}, Association: []int{}, Created: []int64{}}
	}
}

func (c *fileEvents) ensure() {
	if c.Issue == nil {
		*c = fileEvents{Issue: []int{}, Kind: []int{}, Label: []int{}, Actor: []int{}, Flags: []int{}, Created: []int64{}}
	}
}

func flags(bot, pr bool) int {
	var f int
	if bot {
		f |= flagBot
	}
	if pr {
		f |= flagPullRequest
	}
	return f
}

func unixOf(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func indexOf(list []string, v string) int {
	for i, s := range list {
		if s == v {
			return i
		}
	}
	return 0
}
