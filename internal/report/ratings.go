package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/text"
)

// How every format shows a satisfaction objective (SPEC §7.1): its met and
// breached requests are those rated 👍 and 👎; it has no within, pending or
// at-risk clocks, and its unrated requests and response rate are shown
// instead.

// rated reports whether an objective counts ratings rather than clocks.
func rated(o *compliance.Objective) bool { return !o.Spec.Metric.Clocked() }

// ratingFigures says what a satisfaction objective's status rests on:
// "12 👍, 2 👎, 5 unrated: 14 of 19 closed rated (73.6%); 1 more 👎
// allowed", or why it has no data.
func ratingFigures(r *compliance.Result) string {
	closed := r.Samples() + r.Unrated
	if closed == 0 {
		return "no requests closed in the window"
	}
	return fmt.Sprintf("%d 👍, %d 👎, %d unrated: %s; %s", r.Met, r.Breached, r.Unrated, responseWords(r), ratingBudgetWords(r))
}

// responseWords says how many closed requests were rated: "14 of 19
// closed rated (73.6%)".
func responseWords(r *compliance.Result) string {
	rate, _ := r.ResponseRate()
	return fmt.Sprintf("%d of %d closed rated (%s)", r.Samples(), r.Samples()+r.Unrated, Percent(rate))
}

// ratingBudgetWords says how many more 👎 the target allows ("1 more 👎
// allowed", "no more 👎 allowed", "2 👎 too many"), or, below min_ratings,
// that the ratings are too few to judge.
func ratingBudgetWords(r *compliance.Result) string {
	if r.Status == compliance.StatusNoData {
		return fmt.Sprintf("too few ratings (fewer than min_ratings %d)", r.Objective.MinRatings)
	}
	switch b := r.BudgetRemaining; {
	case b > 0:
		return fmt.Sprintf("%d more 👎 allowed", b)
	case b == 0:
		return "no more 👎 allowed"
	default:
		return fmt.Sprintf("%d 👎 too many", -b)
	}
}

// raterWords names who rates: "their requesters", "the consumer teams".
func raterWords(o *compliance.Objective) string {
	if o.RatedBy == agreement.RatedByConsumers {
		return "the consumer teams"
	}
	return "their requesters"
}

// ratingNote says how a request was rated, for the lists of issues:
// "👎 by carol", "👍 2, 👎 3", "unrated".
func ratingNote(o *compliance.Objective, c *compliance.ClockResult) string {
	r := c.Rating
	if r == nil || len(r.Counted) == 0 {
		return "unrated"
	}
	if o.RatedBy != agreement.RatedByConsumers {
		var parts []string
		for _, x := range r.Counted {
			parts = append(parts, contentMark(x.Content))
		}
		return strings.Join(parts, " and ") + " by " + r.Counted[0].Login
	}
	return fmt.Sprintf("👍 %d, 👎 %d", r.Up, r.Down)
}

// contentMark shows a rating as GitHub does.
func contentMark(content string) string {
	switch content {
	case snapshot.ThumbsUp:
		return "👍"
	case snapshot.ThumbsDown:
		return "👎"
	}
	return content
}

// reactionWords says who gave a reaction and when: "👍 by carol at
// 2026-11-20 14:02 UTC".
func reactionWords(x snapshot.Reaction, loc *time.Location) string {
	return fmt.Sprintf("%s by %s at %s", contentMark(x.Content), text.Escape(x.Login), stamp(x.CreatedAt, loc))
}

// ratingsLegend explains the figures of satisfaction objectives, for the
// table, when it has any.
func ratingsLegend(rep *compliance.Report) []string {
	for _, r := range rep.Results {
		if rated(r.Objective) {
			return []string{
				"👍 👎: requests closed in the window rated by their requesters (or the",
				"consumer teams, rated_by: consumers); unrated ones are no samples.",
			}
		}
	}
	return nil
}

// clockCount shows a count of clocks (pending, at risk), or "–" for a
// satisfaction objective, which has none.
func clockCount(r *compliance.Result, n int) string {
	if rated(r.Objective) {
		return "–"
	}
	return strconv.Itoa(n)
}

// ratingsNotes say, for each satisfaction objective, how many of its
// closed requests were rated and who rates: "platform-requests /
// satisfaction: 14 of 19 closed rated (73.6%) by their requesters".
func ratingsNotes(rep *compliance.Report) []string {
	var out []string
	for _, r := range rep.Results {
		if o := r.Objective; rated(o) {
			out = append(out, fmt.Sprintf("%s / %s: %s by %s", text.Markdown(string(o.Agreement.Metadata.Name)),
				text.Markdown(string(o.Def.Name)), responseWords(r), raterWords(o)))
		}
	}
	return out
}

// ratingWhy says in a sentence why a satisfaction objective is breached,
// at risk or without data; "" when it is met.
func ratingWhy(r *compliance.Result, target string) string {
	switch r.Status {
	case compliance.StatusBreached:
		return fmt.Sprintf("Breached: %s of the rated requests were rated 👍, below the %s target.", Attainment(r), target)
	case compliance.StatusAtRisk:
		return fmt.Sprintf("At risk: one more 👎 would take it below the %s target.", target)
	case compliance.StatusNoData:
		return fmt.Sprintf("No data: %s, fewer than the %d it needs (min_ratings).", text.Plural(r.Samples(), "rating"), r.Objective.MinRatings)
	}
	return ""
}

// ratingExplanation is explain's block for a satisfaction objective: the
// close that placed the request in a window, each 👍 and 👎 on it with who
// gave it and when, counted or not and why, and the verdict. Times are in
// the time zone of the agreement's calendar.
func ratingExplanation(x compliance.Explanation, open bool) []string {
	o := x.Objective
	loc := o.Period.Zone.Location()
	out := []string{
		fmt.Sprintf("  satisfaction rated by %s (rated_by: %s), target %s, at least %s", raterWords(o), o.RatedBy,
			Target(o.TargetPPM), text.Plural(o.MinRatings, "rating")),
		"  times in " + text.Escape(loc.String()),
	}
	if x.NotInScope != "" {
		return append(out, "  not measured: "+text.Escape(x.NotInScope))
	}
	if len(x.Clocks) == 0 {
		why := "it is open at the evaluation instant: a request is rated once it is closed"
		if !open {
			why = "its last close lies before the data read"
		}
		return append(out, "  not rated: "+why)
	}
	for _, c := range x.Clocks {
		out = append(out, fmt.Sprintf("  closed %s: %s (its last close)", longStamp(c.Clock.Start, loc), text.Escape(c.Clock.StopReason)))
		r := c.Rating
		for _, x := range r.Counted {
			out = append(out, "    "+reactionWords(x, loc))
		}
		for _, x := range r.Ignored {
			out = append(out, "    "+reactionWords(x.Reaction, loc)+": not counted, "+x.Why)
		}
		if len(r.Counted)+len(r.Ignored) == 0 {
			out = append(out, "    no 👍 or 👎 on the issue")
		}
		out = append(out, fmt.Sprintf("    raters: %d 👍, %d 👎 → %s", r.Up, r.Down, ratingVerdict(c.Outcome)))
		if c.Excluded != "" {
			out = append(out, "    not counted in the objective: "+text.Escape(c.Excluded))
		}
	}
	return out
}

// ratingVerdict says what a rating counts as: "met (rated 👍)".
func ratingVerdict(o compliance.Outcome) string {
	switch o {
	case compliance.Met:
		return "met (rated 👍)"
	case compliance.Breached:
		return "breached (rated 👎)"
	}
	return "unrated: no sample"
}
