package snapshot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// decodeReference is how snapshots were read before the streaming
// decoder: encoding/json into the columns, then the columns into
// records. FuzzDecoders holds the two side by side.
func decodeReference(r io.Reader) (*Snapshot, error) {
	var f fileSnapshot
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return nil, readError(err)
	}
	switch _, err := dec.Token(); {
	case err == io.EOF:
	case err != nil:
		return nil, readError(err)
	default:
		return nil, corrupt(errors.New("unexpected data after the snapshot"))
	}
	if f.Format != Format {
		return nil, errors.New("not an sla snapshot (no \"format\": \"sla-snapshot\" field)")
	}
	if err := checkVersion(f.Version); err != nil {
		return nil, err
	}
	s, err := f.toSnapshot()
	if err != nil {
		return nil, err
	}
	var t tidier
	for _, r := range s.Repos {
		t.repo(s, r)
	}
	if err := t.err(); err != nil {
		return nil, err
	}
	return s, nil
}

func (f *fileSnapshot) toSnapshot() (*Snapshot, error) {
	s := &Snapshot{FetchedAt: unix(f.FetchedAt), Since: unix(f.Since), Teams: f.Teams, TeamETags: f.TeamETags, Version: f.Version}
	if s.Teams == nil {
		s.Teams = map[string][]string{}
	}
	str := func(i int) (string, error) {
		if i < 0 || i >= len(f.Strings) {
			return "", fmt.Errorf("string index %d out of range", i)
		}
		return f.Strings[i], nil
	}
	for ri := range f.Repos {
		fr := &f.Repos[ri]
		r := &Repo{Name: fr.Name, HTMLURL: fr.HTMLURL, Error: fr.Error, ETags: fr.ETags}
		if err := r.decodeColumns(fr, str); err != nil {
			return nil, corrupt(fmt.Errorf("repository %s: %w", fr.Name, err))
		}
		s.Repos = append(s.Repos, r)
	}
	checkins, err := checkinsFromFile(f.Checkins)
	if err != nil {
		return nil, corrupt(err)
	}
	s.Checkins = checkins
	return s, nil
}

func (r *Repo) decodeColumns(fr *fileRepo, str func(int) (string, error)) error {
	is := &fr.Issues
	n := len(is.Number)
	if !sameLen(n, len(is.Title), len(is.Author), len(is.Flags), len(is.Labels), len(is.Created), len(is.Closed), len(is.StateReason)) ||
		!optionalLen(n, len(is.Reactions)) {
		return errors.New("issue columns differ in length")
	}
	r.Issues = make([]Issue, n)
	var err error
	for i := range n {
		it := &r.Issues[i]
		it.Number, it.Title = is.Number[i], is.Title[i]
		if it.Author, err = str(is.Author[i]); err != nil {
			return err
		}
		it.AuthorBot = is.Flags[i]&flagBot != 0
		it.PullRequest = is.Flags[i]&flagPullRequest != 0
		it.CreatedAt, it.ClosedAt = unix(is.Created[i]), unix(is.Closed[i])
		if sr := is.StateReason[i]; sr >= 0 && sr < len(stateReasons) {
			it.StateReason = stateReasons[sr]
		}
		it.Labels = make([]string, len(is.Labels[i]))
		for j, l := range is.Labels[i] {
			if it.Labels[j], err = str(l); err != nil {
				return err
			}
		}
		if len(is.Reactions) > 0 {
			if it.Reactions, err = decodeRollup(is.Reactions[i]); err != nil {
				return fmt.Errorf("issue #%d: %w", it.Number, err)
			}
		}
	}
	cs := &fr.Comments
	n = len(cs.Issue)
	if !sameLen(n, len(cs.Author), len(cs.Flags), len(cs.Association), len(cs.Created)) || !optionalLen(n, len(cs.ID)) ||
		!optionalLen(n, len(cs.Reactions)) {
		return errors.New("comment columns differ in length")
	}
	r.Comments = make([]Comment, n)
	for i := range n {
		c := &r.Comments[i]
		c.Issue = cs.Issue[i]
		if len(cs.ID) > 0 {
			c.ID = cs.ID[i]
		}
		if c.Author, err = str(cs.Author[i]); err != nil {
			return err
		}
		c.AuthorBot = cs.Flags[i]&flagBot != 0
		if a := cs.Association[i]; a >= 0 && a < len(associations) {
			c.Association = associations[a]
		}
		c.CreatedAt = unix(cs.Created[i])
		if len(cs.Reactions) > 0 {
			if c.Reactions, err = decodeRollup(cs.Reactions[i]); err != nil {
				return fmt.Errorf("comment %d: %w", c.ID, err)
			}
		}
	}
	es := &fr.Events
	n = len(es.Issue)
	if !sameLen(n, len(es.Kind), len(es.Label), len(es.Actor), len(es.Flags), len(es.Created)) || !optionalLen(n, len(es.ID)) {
		return errors.New("event columns differ in length")
	}
	r.Events = make([]Event, n)
	for i := range n {
		e := &r.Events[i]
		if k := es.Kind[i]; k < int(Labeled) || k > int(Reopened) {
			return fmt.Errorf("unknown event kind %d", k)
		}
		e.Issue, e.Kind = es.Issue[i], EventKind(es.Kind[i])
		if len(es.ID) > 0 {
			e.ID = es.ID[i]
		}
		if e.Label, err = str(es.Label[i]); err != nil {
			return err
		}
		if e.Actor, err = str(es.Actor[i]); err != nil {
			return err
		}
		e.ActorBot = es.Flags[i]&flagBot != 0
		e.CreatedAt = unix(es.Created[i])
	}
	if fr.Reactions != nil {
		return r.decodeReactions(fr.Reactions, str)
	}
	return nil
}

func (r *Repo) decodeReactions(rs *fileReactions, str func(int) (string, error)) error {
	n := len(rs.ID)
	if !sameLen(n, len(rs.Issue), len(rs.Comment), len(rs.Login), len(rs.Flags), len(rs.Content), len(rs.Created)) {
		return errors.New("reaction columns differ in length")
	}
	r.Reactions = make([]Reaction, n)
	var err error
	for i := range n {
		x := &r.Reactions[i]
		x.ID, x.Issue, x.Comment = rs.ID[i], rs.Issue[i], rs.Comment[i]
		if x.Login, err = str(rs.Login[i]); err != nil {
			return err
		}
		x.Bot = rs.Flags[i]&flagBot != 0
		if x.Content, err = content(rs.Content[i]); err != nil {
			return err
		}
		x.CreatedAt = unix(rs.Created[i])
	}
	return nil
}

// optionalLen accepts a column that is absent or as long as the others.
func optionalLen(n, l int) bool { return l == 0 || l == n }

func sameLen(n int, others ...int) bool {
	for _, o := range others {
		if o != n {
			return false
		}
	}
	return true
}
