package checkin

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/checkinmark"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Results are the votes of one agreement's check-in in a period, beside
// the period before.
type Results struct {
	Agreement *agreement.Agreement
	Period    Period
	Previous  Period
	// Issue and PreviousIssue are the check-in issues of the two periods,
	// nil where none was opened.
	Issue, PreviousIssue *snapshot.Checkin
	Rows                 []Row
}

// Row is one expectation as its check-in comment asked it.
type Row struct {
	Side string
	N    int
	Text string
	// Up and Down count the raters who gave 👍, and 👎, and not both.
	Up, Down int
	// Votes are the eligible raters, by login: each one's vote, "+1" or
	// "-1", or "" for one who gave both (no vote).
	Votes    []Vote
	Approval Share
	// Before is the approval of the same text in the previous period's
	// check-in; New says that check-in did not ask it (its text changed,
	// or it was added).
	Before Share
	New    bool
}

// Vote is an eligible rater's vote on an expectation.
type Vote struct {
	Login   string
	Content string // +1, -1, or "" for both
}

// Share is 👍 / (👍 + 👎), exactly, in parts per million (agreement.Million
// is all); Known is false without votes.
type Share struct {
	PPM   int64
	Known bool
}

func share(up, down int) Share {
	if up+down == 0 {
		return Share{}
	}
	return Share{PPM: int64(up) * agreement.Million / int64(up+down), Known: true}
}

// Change is the approval's change since the previous period, in parts
// per million (of the whole: 125000 is 12.5 points); false when either is
// not known.
func (r Row) Change() (int64, bool) {
	if !r.Approval.Known || !r.Before.Known {
		return 0, false
	}
	return r.Approval.PPM - r.Before.PPM, true
}

// Evaluate counts the votes on an agreement's check-in in a period, as
// of at, and those of the period before, from the check-ins read. Only
// the side asked votes: the consumers' members on the provider's
// promises, the provider's members on the consumers' (logins compared
// without regard to case); bots never; a reaction after at is not yet
// made. One vote per person: 👍 or 👎, and both is none.
// teams maps each team to its members' logins, lowercase (as
// compliance.ResolveTeams gives them).
func Evaluate(a *agreement.Agreement, teams map[agreement.Name]map[string]bool, checkins []snapshot.Checkin, period, previous Period, at time.Time) Results {
	res := Results{Agreement: a, Period: period, Previous: previous,
		Issue: Find(checkins, a.Metadata.Name, period), PreviousIssue: Find(checkins, a.Metadata.Name, previous)}
	if res.Issue == nil {
		return res
	}
	raters := map[string]map[string]bool{
		checkinmark.SideProvider:  members(teams, a.Spec.Consumers...),
		checkinmark.SideConsumers: members(teams, a.Spec.Provider),
	}
	for _, c := range asked(res.Issue) {
		row := Row{Side: c.Side, N: c.N, Text: c.Text}
		row.Votes, row.Up, row.Down = count(c, raters[c.Side], at)
		row.Approval = share(row.Up, row.Down)
		if res.PreviousIssue != nil {
			row.New = true
			for _, p := range asked(res.PreviousIssue) {
				if p.Side == c.Side && p.Text != "" && p.Text == c.Text {
					_, up, down := count(p, raters[p.Side], at)
					row.Before, row.New = share(up, down), false
					break
				}
			}
		}
		res.Rows = append(res.Rows, row)
	}
	return res
}

// asked lists a check-in's expectations once each, the provider's first,
// in their order; of two comments with one marker, the first made.
func asked(c *snapshot.Checkin) []snapshot.CheckinComment {
	list := slices.Clone(c.Expectations)
	slices.SortStableFunc(list, func(a, b snapshot.CheckinComment) int {
		return cmp.Or(sideOrder(a.Side)-sideOrder(b.Side), a.N-b.N, cmp.Compare(a.ID, b.ID))
	})
	return slices.CompactFunc(list, func(a, b snapshot.CheckinComment) bool { return a.Side == b.Side && a.N == b.N })
}

func sideOrder(side string) int {
	if side == checkinmark.SideProvider {
		return 0
	}
	return 1
}

// members are the logins (lowercase) of the teams.
func members(teams map[agreement.Name]map[string]bool, names ...agreement.Name) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		for l := range teams[n] {
			out[l] = true
		}
	}
	return out
}

// count reads the eligible votes on a comment as of at.
func count(c snapshot.CheckinComment, eligible map[string]bool, at time.Time) (votes []Vote, up, down int) {
	gave := map[string]map[string]bool{}
	spelled := map[string]string{} // as GitHub spells the login
	for _, r := range c.Votes {
		login := strings.ToLower(r.Login)
		if r.CreatedAt.After(at) || snapshot.IsBot(r.Login, r.Bot) || !eligible[login] || (r.Content != "+1" && r.Content != "-1") {
			continue
		}
		if gave[login] == nil {
			gave[login], spelled[login] = map[string]bool{}, r.Login
		}
		gave[login][r.Content] = true
	}
	for login, contents := range gave {
		v := Vote{Login: spelled[login]}
		switch {
		case contents["+1"] && contents["-1"]:
		case contents["+1"]:
			v.Content = "+1"
			up++
		default:
			v.Content = "-1"
			down++
		}
		votes = append(votes, v)
	}
	slices.SortFunc(votes, func(a, b Vote) int { return strings.Compare(strings.ToLower(a.Login), strings.ToLower(b.Login)) })
	return votes, up, down
}

// LatestOfEach is the results of each agreement's latest check-in as of
// at (see Latest); an agreement without one has no entry.
func LatestOfEach(set *agreement.Set, teams map[agreement.Name]map[string]bool, checkins []snapshot.Checkin, at time.Time) (map[*agreement.Agreement]Results, error) {
	calendars, err := set.BuildCalendars()
	if err != nil {
		return nil, err
	}
	out := map[*agreement.Agreement]Results{}
	for _, a := range set.Agreements {
		zone, err := calendars.Named(a.Spec.CalendarName())
		if err != nil {
			return nil, err
		}
		if r, ok := Latest(a, teams, checkins, zone, at); ok {
			out[a] = r
		}
	}
	return out, nil
}

// Latest is the results of an agreement's latest check-in as of at: the
// one of the latest period among those opened by then (periods in zone).
// It is false when the agreement has none.
func Latest(a *agreement.Agreement, teams map[agreement.Name]map[string]bool, checkins []snapshot.Checkin, zone *calendar.Calendar, at time.Time) (Results, bool) {
	var latest *Period
	for _, c := range checkins {
		if c.Agreement != string(a.Metadata.Name) || c.CreatedAt.After(at) {
			continue
		}
		every, year, number, err := ParsePeriod(c.Period)
		if err != nil {
			continue
		}
		if p := Named(every, year, number, zone); latest == nil || p.Start.After(latest.Start) {
			latest = &p
		}
	}
	if latest == nil {
		return Results{}, false
	}
	return Evaluate(a, teams, checkins, *latest, latest.Previous(zone), at), true
}
