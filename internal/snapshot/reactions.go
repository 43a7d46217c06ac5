package snapshot

import "time"

// Reaction is one reaction on an issue (Comment == 0) or on an issue comment.
type Reaction struct {
	ID        int64 // GitHub's reaction id
	Issue     int   // the issue's number
	Comment   int64 // the comment's id, 0 for the issue itself
	Login     string
	Bot       bool
	Content   string // +1, -1, laugh, confused, heart, hooray, rocket, eyes
	CreatedAt time.Time
}

// Rollup counts an issue's or a comment's reactions by content, as GitHub's
// `reactions` object reports them (total_count is not kept).
type Rollup map[string]int
