package compliance

import (
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/clock"
	"github.com/sla-dev/sla/internal/snapshot"
)

// The rules of SPEC §7.1, satisfaction ratings, each written once. A
// satisfaction objective measures no time: each request closed at the
// instant is one "clock" that starts and stops at its last close, which
// places it in a window like any clock's start; its verdict is its
// rating, from the 👍 and 👎 on the issue itself.

// Rating is how a closed request was rated as of an instant.
type Rating struct {
	// Up and Down count the eligible raters who gave 👍 and who gave 👎.
	Up, Down int
	// Counted are the 👍 and 👎 of eligible raters, at or before the
	// instant, in the order they were given: the reactions that decided.
	Counted []snapshot.Reaction
	// Ignored are the other 👍 and 👎 on the issue, each with why.
	Ignored []IgnoredReaction
}

// IgnoredReaction is a 👍 or 👎 that does not rate the request.
type IgnoredReaction struct {
	snapshot.Reaction
	Why string
}

// lastClose is a satisfaction objective's measure: one clock for a
// request closed at the timeline's instant, starting and stopping at its
// last close. An open request has none; so has one closed since before
// the data that was read (its close lies before any window).
func lastClose(_ *clock.History, t *clock.Timeline, _ *clock.Spec) []clock.Clock {
	if t.IsOpen || len(t.Closes) == 0 {
		return nil
	}
	e := t.Closes[len(t.Closes)-1]
	reason := "closed"
	if e.Actor != "" {
		reason = "closed by " + e.Actor
	}
	return []clock.Clock{{Start: e.CreatedAt, Stop: e.CreatedAt, StopReason: reason}}
}

// closedAt is the last close at or before the instant of a request closed
// then, as of the latest timeline: false if it was open at the instant,
// or closed since before the data read.
func closedAt(t *clock.Timeline, at time.Time) (time.Time, bool) {
	if t.OpenAt(at) {
		return time.Time{}, false
	}
	for i := len(t.Closes) - 1; i >= 0; i-- {
		if c := t.Closes[i].CreatedAt; !c.After(at) {
			return c, true
		}
	}
	return time.Time{}, false
}

// rate rates a request as of the instant: a rating is a 👍 (positive) or
// 👎 (negative) on the issue by an eligible rater, made at or before the
// instant; bots never rate. The request is positive if more eligible
// raters gave 👍 than 👎, negative if fewer, and unrated on a tie — none
// at all, or, with rated_by: author, the author's 👍 and 👎 both.
func (o *Objective) rate(hist *clock.History, at time.Time) (Outcome, *Rating) {
	r := &Rating{}
	up, down := map[string]bool{}, map[string]bool{}
	for _, x := range hist.Reactions {
		if x.Content != snapshot.ThumbsUp && x.Content != snapshot.ThumbsDown {
			continue
		}
		if why := o.notARating(hist.Issue, &x, at); why != "" {
			r.Ignored = append(r.Ignored, IgnoredReaction{x, why})
			continue
		}
		r.Counted = append(r.Counted, x)
		if login := strings.ToLower(x.Login); x.Content == snapshot.ThumbsUp {
			up[login] = true
		} else {
			down[login] = true
		}
	}
	r.Up, r.Down = len(up), len(down)
	switch {
	case r.Up > r.Down:
		return Met, r
	case r.Up < r.Down:
		return Breached, r
	}
	return Unrated, r
}

// notARating says why a 👍 or 👎 does not rate the request, or is "".
func (o *Objective) notARating(is *snapshot.Issue, x *snapshot.Reaction, at time.Time) string {
	switch {
	case x.CreatedAt.After(at):
		return "after the evaluation instant"
	case snapshot.IsBot(x.Login, x.Bot):
		return "bots do not rate"
	case o.RatedBy == agreement.RatedByConsumers && !o.Raters[strings.ToLower(x.Login)]:
		return "not a member of a consumer team (rated_by: consumers)"
	case o.RatedBy != agreement.RatedByConsumers && !strings.EqualFold(x.Login, is.Author):
		return "not the request's author (rated_by: author)"
	}
	return ""
}

// standingOfRatings is a satisfaction objective's error budget left and
// its status (SPEC §7.1): budget = floor((1 − target) × samples) −
// breached, exactly; no_data below min_ratings; else breached if
// attainment is below the target, at_risk when no budget is left, met.
func standingOfRatings(t tally, targetPPM int64, minRatings int) (int, Status) {
	samples := int64(t.samples())
	budget := int((Million-targetPPM)*samples/Million) - *t.breached
	switch {
	case samples < int64(minRatings):
		return budget, StatusNoData
	case int64(*t.met)*Million < targetPPM*samples:
		return budget, StatusBreached
	case budget == 0:
		return budget, StatusAtRisk
	}
	return budget, StatusMet
}

// ResponseRate is rated / closed requests as parts per million,
// truncated, and false when none was closed in the window: for
// satisfaction, the share of requests whose requesters answered.
func (r *Result) ResponseRate() (int64, bool) { return r.tally().responseRate() }

// ResponseRate is Result.ResponseRate at a point of a trend.
func (p *Point) ResponseRate() (int64, bool) { return p.tally().responseRate() }

func (t tally) responseRate() (int64, bool) {
	closed := int64(t.samples() + *t.unrated)
	if closed == 0 {
		return 0, false
	}
	return int64(t.samples()) * Million / closed, true
}
