package snapshot

import (
	"fmt"
	"time"
)

// Checkin is a check-in issue (SPEC §7.2) as read from its repository: what
// its hidden marker says, and each of its expectations' comments with the
// 👍 and 👎 given to it. Neither the issue's body nor the comments' are
// kept: only the promise each comment quotes, which the agreement files
// wrote.
type Checkin struct {
	Repo      string // owner/name
	Number    int
	URL       string
	Agreement string // from the marker
	Period    string // from the marker: 2026-Q4, 2026-11
	CreatedAt time.Time
	// ETag is that of the issue's comments list when it was read: a later
	// fetch revalidates it, and unchanged comments (and rollups) cost a 304.
	ETag string
	// Expectations are the comments that carry an expectation's marker,
	// in the order GitHub lists them.
	Expectations []CheckinComment
}

// CheckinComment is one expectation of a check-in, as its comment asked it.
type CheckinComment struct {
	ID   int64  // the comment's id
	Side string // provider or consumers: whose promise it is
	N    int    // its place among that side's expectations, from 1
	// Text is the promise as the comment quoted it; "" when the comment no
	// longer carries it.
	Text string
	// Reactions is the comment's rollup when read.
	Reactions Rollup
	// Votes are its 👍 (+1) and 👎 (-1) reactions; other reactions are not
	// kept.
	Votes []Reaction
}

// fileCheckin is a check-in on disk: a row per record, as check-ins are few.
type fileCheckin struct {
	Repo         string               `json:"repo"`
	Number       int                  `json:"number"`
	URL          string               `json:"url"`
	Agreement    string               `json:"agreement"`
	Period       string               `json:"period"`
	Created      int64                `json:"created"`
	ETag         string               `json:"etag,omitempty"`
	Expectations []fileCheckinComment `json:"expectations"`
}

type fileCheckinComment struct {
	ID        int64          `json:"id"`
	Side      string         `json:"side"`
	N         int            `json:"n"`
	Text      string         `json:"text"`
	Reactions map[string]int `json:"reactions,omitempty"`
	Votes     []fileVote     `json:"votes,omitempty"`
}

type fileVote struct {
	ID      int64  `json:"id"`
	Login   string `json:"login"`
	Bot     bool   `json:"bot,omitempty"`
	Content string `json:"content"`
	Created int64  `json:"created"`
}

func checkinsToFile(list []Checkin) []fileCheckin {
	out := make([]fileCheckin, 0, len(list))
	for _, c := range list {
		fc := fileCheckin{Repo: c.Repo, Number: c.Number, URL: c.URL, Agreement: c.Agreement, Period: c.Period,
			Created: unixOf(c.CreatedAt), ETag: c.ETag, Expectations: []fileCheckinComment{}}
		for _, x := range c.Expectations {
			fx := fileCheckinComment{ID: x.ID, Side: x.Side, N: x.N, Text: x.Text, Reactions: x.Reactions}
			for _, v := range x.Votes {
				fx.Votes = append(fx.Votes, fileVote{ID: v.ID, Login: v.Login, Bot: v.Bot, Content: v.Content, Created: unixOf(v.CreatedAt)})
			}
			fc.Expectations = append(fc.Expectations, fx)
		}
		out = append(out, fc)
	}
	return out
}

// checkinsFromFile reads the check-ins of a file, refusing records that
// cannot be.
func checkinsFromFile(list []fileCheckin) ([]Checkin, error) {
	var out []Checkin
	for _, fc := range list {
		if fc.Number <= 0 || fc.Repo == "" {
			return nil, fmt.Errorf("check-in %s#%d: a check-in needs a repository and an issue number", fc.Repo, fc.Number)
		}
		c := Checkin{Repo: fc.Repo, Number: fc.Number, URL: fc.URL, Agreement: fc.Agreement, Period: fc.Period, CreatedAt: unix(fc.Created), ETag: fc.ETag}
		for _, fx := range fc.Expectations {
			x := CheckinComment{ID: fx.ID, Side: fx.Side, N: fx.N, Text: fx.Text, Reactions: fx.Reactions}
			for _, v := range fx.Votes {
				x.Votes = append(x.Votes, Reaction{ID: v.ID, Issue: fc.Number, Comment: fx.ID, Login: v.Login, Bot: v.Bot,
					Content: v.Content, CreatedAt: unix(v.Created)})
			}
			c.Expectations = append(c.Expectations, x)
		}
		out = append(out, c)
	}
	return out, nil
}
