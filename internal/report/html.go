package report

import (
	"cmp"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/checkin"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/describe"
	"github.com/sla-dev/sla/internal/kudos"
	"github.com/sla-dev/sla/internal/text"
)

// HTMLOptions shape the HTML report.
type HTMLOptions struct {
	// Version names the sla that wrote the page, in its footer.
	Version string
	// Consumers holds, for each objective the consumers own, its results
	// for each consumer team alone (compliance.Objective.ForConsumer), with
	// their trends: who kept the promise. Without them, each consumer team
	// answers for the whole objective.
	Consumers map[*compliance.Objective]map[agreement.Name]*compliance.Result
	// Checkins holds each agreement's latest check-in, shown after its
	// promises; an agreement without one has no entry.
	Checkins map[*agreement.Agreement]checkin.Results
	// Kudos, when set, are shown with the promises kept: the streaks, the
	// most improved and the thanks over the report's weeks.
	Kudos *kudos.Kudos
}

//go:embed html.tmpl
var htmlTemplate string

// htmlScript is the page's only script. It changes nothing on the page:
// once the page has loaded it writes, into #render-check, the size each
// chart rendered at, any error the page raised, and whether the page is
// wider than the window (with the first elements that reach past its
// edge outside a scrolling box: clues when it is), for the
// browser test (make test-browser); and it opens the lists of issues
// before printing.
const htmlScript = `(function () {
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message || e)); });
  document.addEventListener("securitypolicyviolation", function (e) { errors.push("blocked " + e.blockedURI + " (" + e.violatedDirective + ")"); });
  window.addEventListener("load", function () {
    var charts = [];
    document.querySelectorAll("svg.chart").forEach(function (svg) {
      var r = svg.getBoundingClientRect();
      charts.push({id: svg.id, width: r.width, height: r.height, marks: svg.querySelectorAll(".mark").length});
    });
    var root = document.documentElement, wide = [];
    document.querySelectorAll("body *").forEach(function (el) {
      if (wide.length < 5 && el.getBoundingClientRect().right > root.clientWidth + 0.5 && !el.closest(".scroll")) {
        wide.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? "." + el.className : ""));
      }
    });
    document.getElementById("render-check").textContent = JSON.stringify({charts: charts, errors: errors,
      clientWidth: root.clientWidth, scrollWidth: root.scrollWidth, wide: wide});
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();`

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"num": func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"add": func(a, b float64) float64 { return a + b },
	"sub": func(a, b float64) float64 { return a - b },
	"div": func(a, b float64) float64 { return a / b },
	// statusText takes a Status, or the string of one (the template's
	// literals are strings).
	"statusText": func(s any) string { return statusText(compliance.Status(fmt.Sprint(s))) },
	// shown is words of the description as every output meant for people
	// shows them: what would act on a terminal, or reorder the text around
	// it, written as a Go escape.
	"shown": text.Escape,
}).Parse(htmlTemplate))

// WriteHTML writes the report as one self-contained HTML page: no
// scripts, styles, fonts or images from elsewhere (its Content Security
// Policy forbids them). Per agreement, the parties and expectations as
// `sla describe` words them; per objective, its status, a chart of its
// weekly attainment (the report's trend) against the target, and the
// breached and at-risk issues as links. At the top, the promises that are
// slipping and since when, and the teams that kept every promise over the
// period. Every text goes through html/template.
func WriteHTML(w io.Writer, rep *compliance.Report, set *agreement.Set, opts HTMLOptions) error {
	page, err := newHTMLPage(rep, set, opts)
	if err != nil {
		return err
	}
	return pageTemplate.Execute(w, page)
}

type htmlPage struct {
	Title      string
	At         string
	Weeks      int
	Span       string
	Summary    compliance.Summary
	Slipping   []htmlSlip
	NoData     []htmlSlip
	Teams      []htmlTeam // those with promises measured, the best keepers first
	KeptAll    []string   // the names of those that kept every promise
	Quiet      []string   // teams whose promises had no samples in any week
	Kudos      *htmlKudos
	Agreements []htmlAgreement
	Missing    []string
	Version    string
	Script     template.JS
	CSP        string
}

// htmlSlip is a row of the summary: an objective that is slipping (or,
// in NoData, one without data now).
type htmlSlip struct {
	Ref        string // the objective's anchor
	Agreement  string
	Objective  string
	Owner      string
	Status     compliance.Status
	Attainment string
	Target     string
	Since      string
	Weeks      int
	Spark      htmlSpark
	Note       string
}

// htmlTeam is a team and how it kept its promises over the period.
type htmlTeam struct {
	Name     string
	Promises int      // objectives it owns, measured in at least one week
	Kept     int      // of those, the ones no week found breached
	Broken   []string // the others: "agreement / objective"
}

// htmlKudos are the streaks, the most improved and the thanks, worded.
type htmlKudos struct {
	MinStreak int
	Since     string
	Streaks   []htmlKudo
	Improved  []htmlKudo
	ByPerson  bool
	Thanks    []htmlThanks
}

// htmlKudo is a sentence about an objective, linked to its card.
type htmlKudo struct {
	Ref, Text string
}

type htmlThanks struct {
	Who, Teams           string
	Total, Heart, Hooray int
	People, Comments     string
}

type htmlAgreement struct {
	ID      string
	Heading describe.Text
	Blocks  []htmlBlock
	Checkin *htmlCheckin
}

// htmlCheckin is an agreement's latest check-in: each expectation's votes.
type htmlCheckin struct {
	Period, Previous string
	Issue, URL       string
	Rows             []htmlCheckinRow
}

type htmlCheckinRow struct {
	Side, Promise, Approval, Before, Change, Raters string
	Up, Down                                        int
}

func newHTMLCheckin(r checkin.Results) *htmlCheckin {
	if r.Issue == nil {
		return nil
	}
	c := &htmlCheckin{Period: r.Period.Name(), Previous: r.Previous.Name(), Issue: fmt.Sprintf("%s#%d", r.Issue.Repo, r.Issue.Number), URL: r.Issue.URL}
	for _, row := range r.Rows {
		c.Rows = append(c.Rows, htmlCheckinRow{Side: sideWords(row.Side, row.N), Promise: row.Text, Approval: Approval(row.Approval),
			Before: Approval(row.Before), Change: Change(row), Raters: votesIn(row.Votes, " (kept)", " (not kept)"), Up: row.Up, Down: row.Down})
	}
	return c
}

// htmlBlock is a block of the agreement's description, or (Objectives
// not nil) the list of its objectives, each with its measurements.
type htmlBlock struct {
	Block      describe.Block
	Objectives []htmlObjective
}

type htmlObjective struct {
	ID         string
	Name       string
	Sentence   describe.Text
	Measured   bool
	Status     compliance.Status
	Incomplete string
	Attainment string
	Target     string
	Within     string
	Owner      string
	Met        int
	Breached   int
	Pending    int
	AtRisk     int
	Budget     string // in words: "5 more may breach"
	// Rated, for satisfaction: no within, pending or at-risk clocks; the
	// requests unrated and how many of those closed were rated instead.
	Rated      bool
	Unrated    int
	Response   string
	Why        string // why the status is what it is, in a sentence
	Since      string
	Chart      htmlChart
	Weeks      []htmlWeek
	Issues     []htmlIssue
	IssueWords string
}

// htmlWeek is one row of a chart's data table.
type htmlWeek struct {
	At, WindowStart string
	Attainment      string
	Met, Breached   int
	Pending         int
	Status          compliance.Status
}

type htmlIssue struct {
	URL, Ref, Title, Note, Elapsed string
	AtRisk                         bool
}

func newHTMLPage(rep *compliance.Report, set *agreement.Set, opts HTMLOptions) (*htmlPage, error) {
	doc, err := describe.New(set)
	if err != nil {
		return nil, err
	}
	p := &htmlPage{
		At:      rep.At.UTC().Format("2 Jan 2006 15:04 MST"),
		Summary: rep.Summary(),
		Missing: missingRepos(rep),
		Version: opts.Version,
		Script:  template.JS(htmlScript),
	}
	p.Title = "Service-level agreements as of " + rep.At.UTC().Format("2 Jan 2006")
	sum := sha256.Sum256([]byte(htmlScript))
	p.CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-" +
		base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if points := trendOf(rep); points != nil {
		p.Weeks, p.Span = len(points), trendSpan(points)
	}

	floor := chartFloor(rep.Results)
	byAgreement := map[agreement.Name][]*compliance.Result{}
	for _, r := range rep.Results {
		name := r.Objective.Agreement.Metadata.Name
		byAgreement[name] = append(byAgreement[name], r)
	}
	teams := map[agreement.Name]*agreement.Team{}
	for _, t := range set.Teams {
		teams[t.Metadata.Name] = t
	}
	for i, a := range set.Agreements {
		results := byAgreement[a.Metadata.Name]
		if results == nil {
			continue // not asked for (--agreement, --team)
		}
		ha := newHTMLAgreement(doc.Sections[i], results, teams, floor)
		if r, ok := opts.Checkins[doc.Sections[i].Agreement]; ok {
			ha.Checkin = newHTMLCheckin(r)
		}
		p.Agreements = append(p.Agreements, ha)
		for _, r := range results {
			p.addSlip(r, teams)
		}
	}
	slices.SortStableFunc(p.Slipping, func(a, b htmlSlip) int {
		// Breached before at risk, the longest-running first.
		return cmp.Or(cmp.Compare(statusRank(a.Status), statusRank(b.Status)), cmp.Compare(b.Weeks, a.Weeks))
	})
	p.Teams, p.Quiet = promisesKept(rep, set, teams, opts.Consumers)
	for _, t := range p.Teams {
		if len(t.Broken) == 0 {
			p.KeptAll = append(p.KeptAll, t.Name)
		}
	}
	if opts.Kudos != nil {
		p.Kudos = newHTMLKudos(opts.Kudos)
	}
	return p, nil
}

// newHTMLKudos words kudos for the page; html/template escapes them.
func newHTMLKudos(k *kudos.Kudos) *htmlKudos {
	words := kudosWords{k, func(s string) string { return s }}
	hk := &htmlKudos{MinStreak: kudos.MinStreak, Since: kudosDay(k.From), ByPerson: k.By == kudos.ByPerson}
	ref := func(o *compliance.Objective) string { return describe.Anchor(o.Agreement, o.Def.Name) }
	streaks, improved := words.kudos()
	for _, s := range streaks {
		hk.Streaks = append(hk.Streaks, htmlKudo{ref(s.objective), s.sentence()})
	}
	for _, im := range improved {
		hk.Improved = append(hk.Improved, htmlKudo{ref(im.objective), im.sentence()})
	}
	for i := range k.Thanks {
		t := &k.Thanks[i]
		who, teams := words.thanked(t)
		hk.Thanks = append(hk.Thanks, htmlThanks{Who: who, Teams: teams, Total: t.Total(), Heart: t.Heart, Hooray: t.Hooray,
			People: text.Plural(t.People, "person"), Comments: text.Plural(t.Comments, "comment")})
	}
	return hk
}

func statusRank(s compliance.Status) int {
	return map[compliance.Status]int{compliance.StatusBreached: 0, compliance.StatusAtRisk: 1}[s]
}

// addSlip lists an objective in the summary if it is slipping now, or has
// no data now.
func (p *htmlPage) addSlip(r *compliance.Result, teams map[agreement.Name]*agreement.Team) {
	o := r.Objective
	row := htmlSlip{
		Ref: describe.Anchor(o.Agreement, o.Def.Name), Agreement: string(o.Agreement.Metadata.Name),
		Objective: string(o.Def.Name), Owner: joinNames(ownerTeams(o), teams), Status: r.Status,
		Attainment: Attainment(r), Target: Target(o.TargetPPM), Spark: newSpark(r),
	}
	switch r.Status {
	case compliance.StatusBreached, compliance.StatusAtRisk:
		s := slipOf(r.Trend)
		row.Since, row.Weeks = s.words(r.Trend), s.Weeks
		if len(r.Trend) == 0 {
			row.Since = "now"
		}
		p.Slipping = append(p.Slipping, row)
	case compliance.StatusNoData:
		row.Note = "no samples in the current window"
		if rated(o) {
			row.Note = ratingBudgetWords(r)
			p.NoData = append(p.NoData, row)
			return
		}
		for i := len(r.Trend) - 1; i >= 0; i-- {
			if a, ok := r.Trend[i].Attainment(); ok {
				row.Note = fmt.Sprintf("last measured %s: %s, %s", day(r.Trend[i].At), Percent(a), statusText(r.Trend[i].Status))
				break
			}
		}
		p.NoData = append(p.NoData, row)
	}
}

// newHTMLAgreement is an agreement's section: its description as
// describe words it, each objective's sentence in a card with its
// measurements.
func newHTMLAgreement(sec describe.Section, results []*compliance.Result, teams map[agreement.Name]*agreement.Team, floor int64) htmlAgreement {
	ha := htmlAgreement{ID: "agreement-" + string(sec.Agreement.Metadata.Name), Heading: sec.Heading}
	byName := map[agreement.Name]*compliance.Result{}
	for _, r := range results {
		byName[r.Objective.Def.Name] = r
	}
	for _, b := range sec.Blocks {
		hb := htmlBlock{Block: b}
		for _, o := range b.Objectives {
			hb.Objectives = append(hb.Objectives, newHTMLObjective(o, byName[o.Name], teams, floor))
		}
		ha.Blocks = append(ha.Blocks, hb)
	}
	return ha
}

// newHTMLObjective is an objective's card: its sentence and, when the
// report measured it (r not nil), its figures, why its status is what it
// is, its chart (on the page's shared scale from floor) and issues.
func newHTMLObjective(d describe.Objective, r *compliance.Result, teams map[agreement.Name]*agreement.Team, floor int64) htmlObjective {
	id := d.Anchor
	ho := htmlObjective{ID: id, Name: string(d.Name), Sentence: d.Sentence}
	if r == nil {
		return ho
	}
	o := r.Objective
	ho.Measured = true
	ho.Status, ho.Attainment, ho.Target, ho.Within = r.Status, Attainment(r), Target(o.TargetPPM), Within(o)
	ho.Owner = joinNames(ownerTeams(o), teams)
	ho.Met, ho.Breached, ho.Pending, ho.AtRisk, ho.Budget = r.Met, r.Breached, r.Pending, r.AtRisk, budgetCell(r)
	if ho.Rated = rated(o); ho.Rated {
		ho.Unrated, ho.Response = r.Unrated, responseWords(r)
	}
	ho.Why = statusWhy(r)
	if !r.Complete {
		ho.Incomplete = strings.Join(r.Missing, ", ")
	}
	if s := slipOf(r.Trend); s.From >= 0 {
		ho.Since = capitalize(statusText(s.Status)) + " " + s.words(r.Trend)
	}
	if len(r.Trend) > 0 {
		ho.Chart = newChart(id, r, string(o.Agreement.Metadata.Name)+" / "+string(o.Def.Name), floor)
	}
	for i := range r.Trend {
		pt := &r.Trend[i]
		w := htmlWeek{At: pt.At.UTC().Format("2 Jan 2006"), WindowStart: pt.WindowStart.UTC().Format("2 Jan 2006 15:04 MST"),
			Attainment: "–", Met: pt.Met, Breached: pt.Breached, Pending: pt.Pending, Status: pt.Status}
		if a, ok := pt.Attainment(); ok {
			w.Attainment = Percent(a)
		}
		ho.Weeks = append(ho.Weeks, w)
	}
	rows := issueRows(r)
	// At risk first, soonest due first: they can still be saved. Then the
	// breaches, the most recent first.
	slices.SortStableFunc(rows, func(a, b issueRow) int {
		if a.clock.AtRisk != b.clock.AtRisk {
			if a.clock.AtRisk {
				return -1
			}
			return 1
		}
		if a.clock.AtRisk {
			return a.clock.DueAt.Compare(b.clock.DueAt)
		}
		return b.clock.Clock.Start.Compare(a.clock.Clock.Start)
	})
	for _, row := range rows {
		c := row.clock
		ho.Issues = append(ho.Issues, htmlIssue{URL: c.URL(), Ref: row.label, Title: c.Issue.Title, Note: row.note,
			Elapsed: row.used(), AtRisk: c.AtRisk})
	}
	var words []string
	if r.AtRisk > 0 {
		words = append(words, fmt.Sprintf("%d at risk", r.AtRisk))
	}
	if r.Breached > 0 && ho.Rated {
		words = append(words, fmt.Sprintf("%d rated 👎", r.Breached))
	} else if r.Breached > 0 {
		words = append(words, fmt.Sprintf("%d breached", r.Breached))
	}
	ho.IssueWords = strings.Join(words, ", ")
	return ho
}

// statusWhy says in a sentence why an objective is breached (its
// attainment against the target), at risk (its clocks at risk against the
// budget) or without data; "" when it is met.
func statusWhy(r *compliance.Result) string {
	target := Target(r.Objective.TargetPPM)
	if rated(r.Objective) {
		return ratingWhy(r, target)
	}
	switch r.Status {
	case compliance.StatusBreached:
		return fmt.Sprintf("Breached: %s of the clocks with a verdict met their time, below the %s target.", Attainment(r), target)
	case compliance.StatusAtRisk:
		return fmt.Sprintf("At risk: %s past half their time, more than the %s the %s target still allows.",
			text.Plural(r.AtRisk, "running clock"), text.Plural(max(r.BudgetRemaining, 0), "breach"), target)
	case compliance.StatusNoData:
		return "No data: no clock in the window has a verdict yet."
	}
	return ""
}

// ownerTeams are the teams whose promise an objective is: the provider,
// or the consumers together.
func ownerTeams(o *compliance.Objective) []agreement.Name {
	if o.Def.Owner == agreement.OwnerConsumers {
		return o.Agreement.Spec.Consumers
	}
	return []agreement.Name{o.Agreement.Spec.Provider}
}

func teamName(n agreement.Name, teams map[agreement.Name]*agreement.Team) string {
	if t := teams[n]; t != nil && t.Metadata.Title != "" {
		return t.Metadata.Title
	}
	return string(n)
}

func joinNames(names []agreement.Name, teams map[agreement.Name]*agreement.Team) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = teamName(n, teams)
	}
	return strings.Join(out, ", ")
}

// promisesKept sorts the teams of the report's agreements by how they kept
// their promises over the trend's weeks: a team keeps a promise (an
// objective it owns) when no week found it breached. A consumers'
// objective is judged for each consumer team on the issues its members
// opened (byConsumer), or without those results on all of them. Teams
// whose promises had no samples in any week are quiet; the others come
// those that kept the largest share first.
func promisesKept(rep *compliance.Report, set *agreement.Set, teams map[agreement.Name]*agreement.Team,
	byConsumer map[*compliance.Objective]map[agreement.Name]*compliance.Result) (measured []htmlTeam, quiet []string) {
	type tally struct {
		promises int
		broken   []string
		involved bool
	}
	t := map[agreement.Name]*tally{}
	get := func(n agreement.Name) *tally {
		if t[n] == nil {
			t[n] = &tally{}
		}
		return t[n]
	}
	for _, r := range rep.Results {
		o := r.Objective
		get(o.Agreement.Spec.Provider).involved = true
		for _, c := range o.Agreement.Spec.Consumers {
			get(c).involved = true
		}
		for _, n := range ownerTeams(o) {
			own := r
			if c := byConsumer[o][n]; c != nil && o.Def.Owner == agreement.OwnerConsumers {
				own = c
			}
			measured, breached := keptOver(own)
			tl := get(n)
			if measured {
				tl.promises++
			}
			if breached {
				tl.broken = append(tl.broken, string(o.Agreement.Metadata.Name)+" / "+string(o.Def.Name))
			}
		}
	}
	for _, team := range set.Teams {
		tl := t[team.Metadata.Name]
		switch {
		case tl == nil || !tl.involved:
		case tl.promises == 0:
			quiet = append(quiet, teamName(team.Metadata.Name, teams))
		default:
			measured = append(measured, htmlTeam{Name: teamName(team.Metadata.Name, teams), Promises: tl.promises,
				Kept: tl.promises - len(tl.broken), Broken: tl.broken})
		}
	}
	slices.SortStableFunc(measured, func(a, b htmlTeam) int {
		// kept/promises, larger first: compare a.Kept×b.Promises with b.Kept×a.Promises.
		return cmp.Or(cmp.Compare(b.Kept*a.Promises, a.Kept*b.Promises), cmp.Compare(len(a.Broken), len(b.Broken)))
	})
	return measured, quiet
}

// keptOver says whether any week of a result's trend (or the result, without
// one) had samples, and whether any was breached.
func keptOver(r *compliance.Result) (measured, breached bool) {
	points := r.Trend
	if points == nil {
		points = []compliance.Point{{Met: r.Met, Breached: r.Breached, Status: r.Status}}
	}
	for _, p := range points {
		measured = measured || p.Samples() > 0
		breached = breached || p.Status == compliance.StatusBreached
	}
	return measured, breached
}
