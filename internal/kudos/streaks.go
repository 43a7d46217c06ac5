package kudos

import (
	"cmp"
	"math/big"
	"slices"
	"time"

	"github.com/sla-dev/sla/internal/compliance"
)

// MinStreak is the shortest streak listed: four weekly points in a row.
const MinStreak = 4

// ImprovedPPM is the smallest rise of attainment listed as an
// improvement: 5 points, in parts per million.
const ImprovedPPM = 50_000

// Streak is an objective met at each of the last Weeks weekly points.
type Streak struct {
	Result *compliance.Result
	// Weeks counts the weekly points in a row, the latest (now) included,
	// at which the objective's status was met.
	Weeks int
	// AtLeast: the streak reaches the earliest point the report looked
	// at, so it may be longer.
	AtLeast bool
	// Since is the first point of the streak.
	Since time.Time
}

// Streaks returns the objectives of the report met now and at each of the
// weekly points before, MinStreak points or more, counting back from now
// until a point whose status is not met: breached, at risk (the promise
// was in danger that week) or without data (nothing was kept). They come
// the longest first, then in the report's order. Incomplete objectives are
// left out: their figures lack a repository or a team's members.
func Streaks(rep *compliance.Report) []Streak {
	var out []Streak
	for _, r := range rep.Results {
		n := len(r.Trend)
		if !r.Complete || n == 0 {
			continue
		}
		weeks := 0
		for j := n - 1; j >= 0 && r.Trend[j].Status == compliance.StatusMet; j-- {
			weeks++
		}
		if weeks >= MinStreak {
			out = append(out, Streak{Result: r, Weeks: weeks, AtLeast: weeks == n, Since: r.Trend[n-weeks].At})
		}
	}
	slices.SortStableFunc(out, func(a, b Streak) int { return cmp.Compare(b.Weeks, a.Weeks) })
	return out
}

// Improvement is an objective whose attainment rose between two points.
type Improvement struct {
	Result *compliance.Result
	// From is the first point of the trend, To the latest (now).
	From, To compliance.Point
	// RisePPM is To's attainment less From's, exactly, in parts per
	// million, rounded down.
	RisePPM int64
}

// MostImproved returns the objectives whose attainment rose by ImprovedPPM
// or more between the first point of their trend and now, both with
// samples, whatever their status now: the largest rise first, then in the
// report's order. The rise is computed from the counts, exactly, not from
// the truncated percentages. Incomplete objectives are left out.
func MostImproved(rep *compliance.Report) []Improvement {
	var out []Improvement
	for _, r := range rep.Results {
		n := len(r.Trend)
		if !r.Complete || n < 2 {
			continue
		}
		from, to := r.Trend[0], r.Trend[n-1]
		if from.Samples() == 0 || to.Samples() == 0 {
			continue
		}
		if rise := risePPM(from, to); rise >= ImprovedPPM {
			out = append(out, Improvement{Result: r, From: from, To: to, RisePPM: rise})
		}
	}
	slices.SortStableFunc(out, func(a, b Improvement) int { return cmp.Compare(b.RisePPM, a.RisePPM) })
	return out
}

// risePPM is to's attainment less from's in parts per million, rounded
// down: with a/b met of samples then and c/d now, floor(10⁶ × (c·b − a·d) /
// (b·d)), in integers that cannot overflow. Rounded down, it is at least
// ImprovedPPM exactly when the rise is.
func risePPM(from, to compliance.Point) int64 {
	a, b := big.NewInt(int64(from.Met)), big.NewInt(int64(from.Samples()))
	c, d := big.NewInt(int64(to.Met)), big.NewInt(int64(to.Samples()))
	num := new(big.Int).Sub(new(big.Int).Mul(c, b), new(big.Int).Mul(a, d))
	num.Mul(num, big.NewInt(compliance.Million))
	return num.Div(num, new(big.Int).Mul(b, d)).Int64() // Div rounds towards −∞ for a positive divisor
}
