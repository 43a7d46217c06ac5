package snapshot

// The reactions GitHub knows, by the names its API gives them.
const (
	ThumbsUp   = "+1"
	ThumbsDown = "-1"
	Laugh      = "laugh"
	Confused   = "confused"
	Heart      = "heart"
	Hooray     = "hooray"
	Rocket     = "rocket"
	Eyes       = "eyes"
)

// Contents lists every reaction content, in the order GitHub's rollup
// object lists them. The file stores a content as its index here.
var Contents = []string{ThumbsUp, ThumbsDown, Laugh, Confused, Heart, Hooray, Rocket, Eyes}

// Shows reports whether the rollup counts at least one of the contents.
func (r Rollup) Shows(contents ...string) bool {
	for _, c := range contents {
		if r[c] > 0 {
			return true
		}
	}
	return false
}

// Total is the number of reactions the rollup counts.
func (r Rollup) Total() int {
	n := 0
	for _, v := range r {
		n += v
	}
	return n
}

// Equal reports whether two rollups count the same, a content counted 0
// being the same as one not counted.
func (r Rollup) Equal(o Rollup) bool {
	for k, v := range r {
		if o[k] != v {
			return false
		}
	}
	for k, v := range o {
		if r[k] != v {
			return false
		}
	}
	return true
}

// RollupOf counts reactions by content, as GitHub's rollup of them would.
func RollupOf(reactions []Reaction) Rollup {
	out := Rollup{}
	for _, r := range reactions {
		out[r.Content]++
	}
	return out
}
