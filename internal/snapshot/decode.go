package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// decode reads a snapshot's JSON (see fileSnapshot for its layout) from r,
// to its end, straight into the records: a column at a time is held as
// numbers before it is placed, never the text nor the whole columns.
func decode(r io.Reader) (*Snapshot, error) { return decodeParts(r, nil) }

// parts receives a snapshot's parts while it is read: its header (every
// field but the repositories and check-ins), then each repository, tidied.
// When the header comes first in the file, as Write puts it, the header is
// given before the first repository is read and each repository as soon as
// it is; otherwise all of them once the file is read. Either way, what was
// given counts only if decoding then ends without an error: the checks of
// the whole file (the gzip checksum, what follows the object, records that
// cannot be in later repositories) come last.
type parts struct {
	header func(*Snapshot)
	repo   func(*Repo) error
}

// decodeParts is decode, giving p (unless nil) the parts as they are read.
func decodeParts(r io.Reader, p *parts) (*Snapshot, error) {
	d := &decoder{j: newJSONReader(r), s: &Snapshot{}, parts: p}
	if err := d.document(); err != nil {
		if errors.Is(err, errNewer) {
			return nil, newerVersion(d.version)
		}
		return nil, readError(err)
	}
	if !d.streaming {
		if err := d.header(); err != nil {
			return nil, err
		}
		for _, r := range d.s.Repos {
			if err := d.finish(r); err != nil {
				return nil, readError(err)
			}
		}
	}
	if err := d.tidier.err(); err != nil {
		return nil, err
	}
	return d.s, nil
}

// header checks the fields that say what the file is, completes the
// header, and gives it to the parts' receiver.
func (d *decoder) header() error {
	if d.format != Format {
		return errors.New("not an sla snapshot (no \"format\": \"sla-snapshot\" field)")
	}
	if err := checkVersion(int(max(min(d.version, math.MaxInt32), math.MinInt32))); err != nil {
		return err
	}
	d.s.Version = int(d.version)
	if d.s.Teams == nil {
		d.s.Teams = map[string][]string{}
	}
	if d.parts != nil && d.parts.header != nil {
		h := *d.s
		d.parts.header(&h)
	}
	return nil
}

// headerFirst are the fields of the header, all of which must come before
// the repositories for them to be given as they are read.
var headerFirst = []string{"format", "version", "fetched_at", "since", "strings", "teams"}

// startStreaming gives the header before the first repository is read,
// when the whole header has been read and is good.
func (d *decoder) startStreaming() {
	if d.parts == nil || !d.haveStrings {
		return
	}
	for _, k := range headerFirst {
		if !slices.Contains(d.seen, k) {
			return
		}
	}
	if d.header() == nil {
		d.streaming = true
	}
}

// finish tidies a repository read whole, and gives it to the parts'
// receiver unless it holds what cannot be.
func (d *decoder) finish(r *Repo) error {
	if d.tidier.repo(d.s, r) && d.parts != nil && d.parts.repo != nil {
		return d.parts.repo(r)
	}
	return nil
}

// errNewer stops reading a snapshot of a newer version as soon as its
// version is read: its layout may be another.
var errNewer = errors.New("newer version")

func newerVersion(v int64) error {
	return checkVersion(int(min(v, math.MaxInt32)))
}

// decoder fills a Snapshot from the JSON reader.
type decoder struct {
	j       *jsonReader
	s       *Snapshot
	format  string
	version int64
	seen    keys
	// strs is the string table, once read (haveStrings). Columns that
	// refer to it and come before it in the file are placed once it is
	// read: pending does that.
	strs        []string
	haveStrings bool
	pending     []func() error
	// current is the repository being read, and its place in the list.
	current      *Repo
	currentIndex int
	// ints and offsets hold one column while it is placed.
	ints    []int64
	offsets []int
	texts   []string
	// parts, if not nil, receives the header and the repositories as they
	// are read (streaming), or once the file is.
	parts     *parts
	streaming bool
	tidier    tidier
}

// keys notes the keys of one object read so far: a key given twice is
// refused rather than one of its values silently dropped.
type keys []string

func (k *keys) add(j *jsonReader, key []byte) error {
	for _, s := range *k {
		if s == string(key) {
			return j.syntax("the key %q is given twice", key)
		}
	}
	*k = append(*k, string(key))
	return nil
}

// unknown skips the value of a key the format does not have; a key that
// differs from one it has only in case is refused (encoding/json would
// take it for that one).
func (d *decoder) unknown(key []byte, known ...string) error {
	for _, k := range known {
		if bytes.EqualFold(key, []byte(k)) {
			return d.j.syntax("the key %q is not %q: keys are written in lower case", key, k)
		}
	}
	return d.j.skip(1)
}

// document reads the whole stream: one object, then nothing but white space.
func (d *decoder) document() error {
	j := d.j
	isNull, err := j.object("a snapshot (an object)", func(key []byte) error {
		if err := d.seen.add(j, key); err != nil {
			return err
		}
		var err error
		switch string(key) {
		case "format":
			d.format, err = j.str("format (a string)")
		case "version":
			d.version, err = j.int("version (a number)")
			if err == nil && d.format == Format && d.version > Version {
				return errNewer
			}
		case "fetched_at":
			var t int64
			t, err = j.int("fetched_at (Unix seconds)")
			d.s.FetchedAt = unix(t)
		case "since":
			var t int64
			t, err = j.int("since (Unix seconds)")
			d.s.Since = unix(t)
		case "strings":
			err = d.strings()
		case "teams":
			d.s.Teams, err = d.teams()
		case "team_etags":
			d.s.TeamETags, err = d.stringMap("team_etags")
		case "repos":
			d.startStreaming()
			err = d.repos()
		case "checkins":
			err = d.checkins()
		default:
			err = d.unknown(key, "format", "version", "fetched_at", "since", "strings", "teams", "team_etags", "repos", "checkins")
		}
		return err
	})
	if err != nil {
		return err
	}
	if isNull {
		return errors.New("the file holds null, not a snapshot")
	}
	for _, place := range d.pending {
		if err := place(); err != nil {
			return err
		}
	}
	// Read to the end: only then does gzip verify its checksum, and data
	// after the object means the file is not what Write wrote.
	switch end, err := j.atEnd(); {
	case err != nil:
		return err
	case !end:
		c, _ := j.peek()
		if c == '{' || c == '[' || c == '"' || c == '-' || isDigit(c) || c == 't' || c == 'f' || c == 'n' {
			return errors.New("unexpected data after the snapshot")
		}
		return j.invalid(c, "after top-level value")
	}
	return nil
}

// maxCheckinsSize bounds the text of a snapshot's check-ins: a few issues
// a period with a comment per expectation, far below it.
const maxCheckinsSize = 64 << 20

// checkins reads the check-ins (from version 2). They are few and small:
// their text is decoded whole, by encoding/json, as the rest once was.
func (d *decoder) checkins() error {
	raw, err := d.j.raw("the check-ins", maxCheckinsSize)
	if err != nil {
		return err
	}
	var list []fileCheckin
	if err := json.Unmarshal(raw, &list); err != nil {
		return fmt.Errorf("the check-ins: %w", err)
	}
	d.s.Checkins, err = checkinsFromFile(list)
	if err != nil {
		return corrupt(err)
	}
	return nil
}

func (d *decoder) strings() error {
	j := d.j
	d.haveStrings = true
	_, err := j.array("strings (a list of strings)", func() error {
		s, err := j.str("strings (a list of strings)")
		d.strs = append(d.strs, s)
		return err
	})
	return err
}

func (d *decoder) teams() (map[string][]string, error) {
	j := d.j
	teams := map[string][]string{}
	isNull, err := j.object("teams (an object)", func(key []byte) error {
		name := string(key)
		var members []string
		isNull, err := j.array("a team's members (a list of strings)", func() error {
			s, err := j.str("a team's member (a string)")
			members = append(members, s)
			return err
		})
		if err == nil && !isNull && members == nil {
			members = []string{}
		}
		teams[name] = members
		return err
	})
	if isNull {
		return nil, err
	}
	return teams, err
}

func (d *decoder) stringMap(what string) (map[string]string, error) {
	j := d.j
	m := map[string]string{}
	isNull, err := j.object(what+" (an object)", func(key []byte) error {
		name := string(key)
		v, err := j.str(what + " (strings)")
		m[name] = v
		return err
	})
	if isNull {
		return nil, err
	}
	return m, err
}

func (d *decoder) repos() error {
	j := d.j
	_, err := j.array("repos (a list of objects)", func() error {
		r, err := d.repo(len(d.s.Repos))
		if err != nil {
			return err
		}
		d.s.Repos = append(d.s.Repos, r)
		if d.streaming {
			return d.finish(r)
		}
		return nil
	})
	return err
}

// repo reads one repository. Its name is in the errors of its records
// (Write puts it first; in a file that does not, its position stands in).
func (d *decoder) repo(index int) (*Repo, error) {
	j := d.j
	r := &Repo{}
	d.current, d.currentIndex = r, index
	var seen keys
	var columnErr error
	_, err := j.object("a repository (an object)", func(key []byte) error {
		if err := seen.add(j, key); err != nil {
			return err
		}
		var err error
		switch string(key) {
		case "name":
			r.Name, err = j.str("a repository's name (a string)")
		case "html_url":
			r.HTMLURL, err = j.str("html_url (a string)")
		case "error":
			r.Error, err = j.str("error (a string)")
		case "etags":
			r.ETags, err = d.stringMap("etags")
		case "issues":
			err = d.issues(r)
		case "comments":
			err = d.comments(r)
		case "events":
			err = d.events(r)
		case "reactions":
			err = d.reactions(r)
		default:
			err = d.unknown(key, "name", "html_url", "error", "etags", "issues", "comments", "events", "reactions")
		}
		if _, ok := err.(*columnError); ok {
			columnErr = err
		}
		return err
	})
	if columnErr != nil {
		return nil, repoError(r, index, columnErr)
	}
	if err != nil {
		return nil, err
	}
	// Every repository has its lists, empty or not.
	if r.Issues == nil {
		r.Issues = []Issue{}
	}
	if r.Comments == nil {
		r.Comments = []Comment{}
	}
	if r.Events == nil {
		r.Events = []Event{}
	}
	return r, nil
}

// repoError names the repository in an error about its records.
func repoError(r *Repo, index int, err error) error {
	name := r.Name
	if name == "" {
		name = fmt.Sprintf("%d in the list", index+1)
	}
	return fmt.Errorf("repository %s: %w", name, err)
}

// columnError is a column that does not fit the others, or holds what
// cannot be.
type columnError struct{ msg string }

func (e *columnError) Error() string { return e.msg }

func columnErrorf(format string, args ...any) error {
	return &columnError{msg: fmt.Sprintf(format, args...)}
}

// records tracks the columns of one kind of record as they are read: the
// first that is not empty sets how many records there are, and every
// other must have as many.
type records struct {
	kind    string // "issue", "comment", "event"
	n       int
	started bool
	seen    keys
}

// column checks a column of n values; an optional one (ids) may be empty.
// It reports whether the records are to be made now.
func (t *records) column(n int, optional bool) (start bool, err error) {
	switch {
	case optional && n == 0:
		return false, nil
	case !t.started:
		t.started, t.n = true, n
		return true, nil
	case n != t.n:
		return false, columnErrorf("%s columns differ in length", t.kind)
	}
	return false, nil
}

// done checks, once the object is read, that no column is missing.
func (t *records) done(required int) error {
	if t.started && t.n > 0 && len(t.seen) < required {
		return columnErrorf("%s columns differ in length", t.kind)
	}
	return nil
}

// object reads the columns of one kind of record, calling col with each
// column's key.
func (d *decoder) object(t *records, optional []string, known []string, col func(key string) error) error {
	_, err := d.j.object(t.kind+"s (an object of columns)", func(key []byte) error {
		for _, k := range known {
			if string(key) == k {
				if err := t.seen.add(d.j, key); err != nil {
					return err
				}
				return col(k)
			}
		}
		return d.unknown(key, known...)
	})
	if err != nil {
		return err
	}
	required := len(known)
	for _, k := range optional {
		if !t.has(k) {
			required--
		}
	}
	return t.done(required)
}

func (t *records) has(key string) bool {
	for _, s := range t.seen {
		if s == key {
			return true
		}
	}
	return false
}

// readInts reads a column of numbers, checks its length and makes the
// records when it is the first.
func readInts[T any](d *decoder, t *records, recs *[]T, key string, optional bool) ([]int64, error) {
	var err error
	d.ints, err = d.j.ints(d.ints, t.kind+"s."+key+" (a list of numbers)")
	if err != nil {
		return nil, err
	}
	if err := makeRecords(t, recs, len(d.ints), optional); err != nil {
		return nil, err
	}
	return d.ints, nil
}

func makeRecords[T any](t *records, recs *[]T, n int, optional bool) error {
	start, err := t.column(n, optional)
	if start {
		*recs = make([]T, n)
	}
	return err
}

// place sets one string of each record from its index in the string
// table: now, or once the table is read when it comes later in the file.
func (d *decoder) place(ints []int64, set func(i int, s string)) error {
	if !d.haveStrings {
		held, r, index := append([]int64(nil), ints...), d.current, d.currentIndex
		d.pending = append(d.pending, func() error {
			if err := d.placeNow(held, set); err != nil {
				return repoError(r, index, err)
			}
			return nil
		})
		return nil
	}
	return d.placeNow(ints, set)
}

func (d *decoder) placeNow(ints []int64, set func(i int, s string)) error {
	for i, v := range ints {
		if v < 0 || v >= int64(len(d.strs)) {
			return columnErrorf("string index %d out of range", v)
		}
		set(i, d.strs[v])
	}
	return nil
}

var issueKeys = []string{"number", "title", "author", "flags", "labels", "created", "closed", "state_reason", "reactions"}

func (d *decoder) issues(r *Repo) error {
	t := &records{kind: "issue"}
	return d.object(t, []string{"reactions"}, issueKeys, func(key string) error {
		switch key {
		case "title":
			return d.titles(t, r)
		case "labels":
			return d.labels(t, r)
		case "reactions":
			return readRollups(d, t, &r.Issues, func(is []Issue, i int, rollup Rollup) error {
				is[i].Reactions = rollup
				return nil
			})
		}
		ints, err := readInts(d, t, &r.Issues, key, false)
		if err != nil {
			return err
		}
		is := r.Issues
		switch key {
		case "number":
			for i, v := range ints {
				is[i].Number = int(v)
			}
		case "author":
			return d.place(ints, func(i int, s string) { is[i].Author = s })
		case "flags":
			for i, v := range ints {
				is[i].AuthorBot, is[i].PullRequest = v&flagBot != 0, v&flagPullRequest != 0
			}
		case "created":
			for i, v := range ints {
				is[i].CreatedAt = unix(v)
			}
		case "closed":
			for i, v := range ints {
				is[i].ClosedAt = unix(v)
			}
		case "state_reason":
			for i, v := range ints {
				if v >= 0 && v < int64(len(stateReasons)) {
					is[i].StateReason = stateReasons[v]
				}
			}
		}
		return nil
	})
}

func (d *decoder) titles(t *records, r *Repo) error {
	j := d.j
	d.texts = d.texts[:0]
	_, err := j.array("issues.title (a list of strings)", func() error {
		s, err := j.str("issues.title (a list of strings)")
		d.texts = append(d.texts, s)
		return err
	})
	if err != nil {
		return err
	}
	if err := makeRecords(t, &r.Issues, len(d.texts), false); err != nil {
		return err
	}
	for i, s := range d.texts {
		r.Issues[i].Title = s
	}
	clear(d.texts)
	return nil
}

// labels reads the issues' label lists, each a list of string indexes,
// into one array that the issues' lists share.
func (d *decoder) labels(t *records, r *Repo) error {
	j := d.j
	const want = "issues.labels (a list of lists of numbers)"
	d.ints, d.offsets = d.ints[:0], append(d.offsets[:0], 0)
	_, err := j.array(want, func() error {
		var err error
		_, err = j.array(want, func() error {
			v, err := j.int(want)
			d.ints = append(d.ints, v)
			return err
		})
		d.offsets = append(d.offsets, len(d.ints))
		return err
	})
	if err != nil {
		return err
	}
	if err := makeRecords(t, &r.Issues, len(d.offsets)-1, false); err != nil {
		return err
	}
	all, offsets, is := make([]string, len(d.ints)), d.offsets, r.Issues
	for i := range is {
		is[i].Labels = all[offsets[i]:offsets[i+1]:offsets[i+1]]
	}
	return d.place(d.ints, func(i int, s string) { all[i] = s })
}

var commentKeys = []string{"id", "issue", "author", "flags", "association", "created", "reactions"}

func (d *decoder) comments(r *Repo) error {
	t := &records{kind: "comment"}
	return d.object(t, []string{"id", "reactions"}, commentKeys, func(key string) error {
		if key == "reactions" {
			return readRollups(d, t, &r.Comments, func(cs []Comment, i int, rollup Rollup) error {
				cs[i].Reactions = rollup
				return nil
			})
		}
		ints, err := readInts(d, t, &r.Comments, key, key == "id")
		if err != nil {
			return err
		}
		cs := r.Comments
		switch key {
		case "id":
			for i, v := range ints {
				cs[i].ID = v
			}
		case "issue":
			for i, v := range ints {
				cs[i].Issue = int(v)
			}
		case "author":
			return d.place(ints, func(i int, s string) { cs[i].Author = s })
		case "flags":
			for i, v := range ints {
				cs[i].AuthorBot = v&flagBot != 0
			}
		case "association":
			for i, v := range ints {
				if v >= 0 && v < int64(len(associations)) {
					cs[i].Association = associations[v]
				}
			}
		case "created":
			for i, v := range ints {
				cs[i].CreatedAt = unix(v)
			}
		}
		return nil
	})
}

var eventKeys = []string{"id", "issue", "kind", "label", "actor", "flags", "created"}

func (d *decoder) events(r *Repo) error {
	t := &records{kind: "event"}
	return d.object(t, []string{"id"}, eventKeys, func(key string) error {
		ints, err := readInts(d, t, &r.Events, key, key == "id")
		if err != nil {
			return err
		}
		es := r.Events
		switch key {
		case "id":
			for i, v := range ints {
				es[i].ID = v
			}
		case "issue":
			for i, v := range ints {
				es[i].Issue = int(v)
			}
		case "kind":
			for i, v := range ints {
				if v < int64(Labeled) || v > int64(Reopened) {
					return columnErrorf("unknown event kind %d", v)
				}
				es[i].Kind = EventKind(v)
			}
		case "label":
			return d.place(ints, func(i int, s string) { es[i].Label = s })
		case "actor":
			return d.place(ints, func(i int, s string) { es[i].Actor = s })
		case "flags":
			for i, v := range ints {
				es[i].ActorBot = v&flagBot != 0
			}
		case "created":
			for i, v := range ints {
				es[i].CreatedAt = unix(v)
			}
		}
		return nil
	})
}

// readRollups reads a column of reaction rollups (issues' or comments'),
// each a list of pairs of a content's index and its count, or null; an
// empty column is as good as none.
func readRollups[T any](d *decoder, t *records, recs *[]T, set func(recs []T, i int, r Rollup) error) error {
	j := d.j
	const want = "reactions (a list of lists of numbers)"
	var rollups []Rollup
	var pairs []int
	var bad error
	_, err := j.array(want, func() error {
		pairs = pairs[:0]
		_, err := j.array(want, func() error {
			v, err := j.int(want)
			pairs = append(pairs, int(v))
			return err
		})
		if err != nil {
			return err
		}
		r, err := decodeRollup(pairs)
		if err != nil && bad == nil {
			bad = columnErrorf("%v", err)
		}
		rollups = append(rollups, r)
		return nil
	})
	if err != nil {
		return err
	}
	if bad != nil {
		return bad
	}
	if err := makeRecords(t, recs, len(rollups), true); err != nil {
		return err
	}
	for i, r := range rollups {
		if err := set(*recs, i, r); err != nil {
			return err
		}
	}
	return nil
}

var reactionKeys = []string{"id", "issue", "comment", "login", "flags", "content", "created"}

// reactions reads a repository's reactions (from layout 2).
func (d *decoder) reactions(r *Repo) error {
	t := &records{kind: "reaction"}
	if c, err := d.j.peek(); err == nil && c == 'n' {
		return d.j.literal("null")
	}
	err := d.object(t, nil, reactionKeys, func(key string) error {
		ints, err := readInts(d, t, &r.Reactions, key, false)
		if err != nil {
			return err
		}
		xs := r.Reactions
		switch key {
		case "id":
			for i, v := range ints {
				xs[i].ID = v
			}
		case "issue":
			for i, v := range ints {
				xs[i].Issue = int(v)
			}
		case "comment":
			for i, v := range ints {
				xs[i].Comment = v
			}
		case "login":
			return d.place(ints, func(i int, s string) { xs[i].Login = s })
		case "flags":
			for i, v := range ints {
				xs[i].Bot = v&flagBot != 0
			}
		case "content":
			for i, v := range ints {
				c, err := content(int(max(min(v, math.MaxInt32), -1)))
				if err != nil {
					return columnErrorf("%v", err)
				}
				xs[i].Content = c
			}
		case "created":
			for i, v := range ints {
				xs[i].CreatedAt = unix(v)
			}
		}
		return nil
	})
	if err == nil && r.Reactions == nil {
		r.Reactions = []Reaction{}
	}
	return err
}
