// Package describe says in plain English what agreements promise, so that
// every team can read its roles and expectations (`sla describe`, SPEC §1).
//
// It is pure: it takes a validated set of agreements and returns a
// Document — sections, headings, paragraphs, lists and sentences whose
// pieces are words, code (labels, repositories) and links to objectives.
// report writes it as Markdown (`sla describe`) and as HTML (`sla report`).
// The wording of each part (calendars, windows, durations, label
// conditions) is built by the small helpers in words.go; text the users
// wrote (titles, descriptions, contacts, expectations) is kept as written,
// on one line, for the renderers to escape.
package describe

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/text"
)

// New describes every agreement of a valid set, in the order the set
// holds them (files sorted by path, documents in file order): one Section
// each.
func New(set *agreement.Set) (*Document, error) {
	d, err := newDescriber(set)
	if err != nil {
		return nil, err
	}
	doc := &Document{}
	for _, a := range set.Agreements {
		doc.Sections = append(doc.Sections, d.section(a))
	}
	return doc, nil
}

// Anchor returns the id of the HTML anchor in front of an objective's
// sentence: "platform-requests-first-response". Expectations link to it.
func Anchor(a *agreement.Agreement, o agreement.Name) string {
	return string(a.Metadata.Name) + "-" + string(o)
}

// describer holds the teams and calendars agreements refer to.
type describer struct {
	teams     map[agreement.Name]*agreement.Team
	calendars map[agreement.Name]*namedCalendar
}

// namedCalendar is a calendar as declared and as built, normalised (ranges
// sorted and merged, holidays sorted and unique).
type namedCalendar struct {
	decl *agreement.Calendar // nil for the built-in 24x7
	cal  *calendar.Calendar
}

func newDescriber(set *agreement.Set) (*describer, error) {
	d := &describer{
		teams:     map[agreement.Name]*agreement.Team{},
		calendars: map[agreement.Name]*namedCalendar{agreement.AlwaysOpen: {cal: calendar.AlwaysOpen()}},
	}
	for _, t := range set.Teams {
		d.teams[t.Metadata.Name] = t
	}
	for _, c := range set.Calendars {
		cal, err := c.Build()
		if err != nil {
			return nil, err
		}
		d.calendars[c.Metadata.Name] = &namedCalendar{decl: c, cal: cal}
	}
	return d, nil
}

// calendarOf returns the name of the calendar an objective counts time
// under, and the calendar; o nil asks for the agreement's.
func (d *describer) calendarOf(a *agreement.Agreement, o *agreement.Objective) (agreement.Name, *namedCalendar) {
	name := a.Spec.CalendarName()
	if o != nil {
		name = a.Spec.ObjectiveCalendar(o)
	}
	c := d.calendars[name]
	if c == nil { // not in a valid set; say what we can
		c = &namedCalendar{cal: calendar.AlwaysOpen()}
	}
	return name, c
}

func (d *describer) section(a *agreement.Agreement) Section {
	s := &a.Spec
	sec := Section{Agreement: a, Heading: plain(string(a.Metadata.Name))}
	if a.Metadata.Title != "" {
		sec.Heading = plain(fmt.Sprintf("%s (%s)", literal(a.Metadata.Title), a.Metadata.Name))
	}
	for _, p := range paragraphs(a.Metadata.Description) {
		sec.Blocks = append(sec.Blocks, Block{Paragraph: plain(p)})
	}

	term := func(name string, words ...Text) Item {
		return Item{Text: cat(strong(name), plain(" "), cat(words...))}
	}
	terms := []Item{term("Provider:", d.teamLine(s.Provider))}
	switch len(s.Consumers) {
	case 0:
	case 1:
		terms = append(terms, term("Consumer:", d.teamLine(s.Consumers[0])))
	default:
		consumers := Item{Text: strong("Consumers:")}
		for _, c := range s.Consumers {
			consumers.Sub = append(consumers.Sub, Item{Text: d.teamLine(c)})
		}
		terms = append(terms, consumers)
	}
	consumerNames := make([]Text, 0, len(s.Consumers))
	for _, c := range s.Consumers {
		consumerNames = append(consumerNames, d.teamName(c))
	}
	terms = append(terms, term("Requests:", scopeWords(s.Scope, consumerNames), plain(".")))
	calName, cal := d.calendarOf(a, nil)
	terms = append(terms, term("Hours:", cal.words(calName), plain(".")))
	for _, g := range d.otherCalendars(a, calName) {
		terms = append(terms, term("Hours of "+joinWords(g.objectives, "and")+":", g.cal.words(g.name), plain(".")))
	}
	measured := windowWords(s.Window)
	if s.EffectiveFrom.Set {
		measured += ", counting only what started on or after " + dateWords(s.EffectiveFrom.Date)
	}
	terms = append(terms, term("Measured:", plain(measured+".")))
	if s.Checkin.Set() {
		terms = append(terms, term("Check-ins:", plain("each "+s.Checkin.Every+", each side says whether the other kept its promises below, "+
			"with 👍 or 👎 on a check-in issue in "), code(string(s.Checkin.Repo)), plain(".")))
	}
	sec.Blocks = append(sec.Blocks, Block{List: terms})

	if len(s.Objectives) > 0 {
		objectives := make([]Objective, len(s.Objectives))
		for i := range s.Objectives {
			o := &s.Objectives[i]
			objectives[i] = Objective{Anchor: Anchor(a, o.Name), Name: o.Name, Sentence: d.objectiveSentence(a, o)}
		}
		sec.Blocks = append(sec.Blocks, Block{Heading: plain("Objectives")}, Block{Objectives: objectives})
	}
	provider := cat(plain("What "), d.teamName(s.Provider), plain(" promises"))
	sec.Blocks = append(sec.Blocks, expectations(a, provider, s.Expectations.Provider)...)
	consumers := plain("What consumers promise")
	if len(s.Consumers) == 1 {
		consumers = cat(plain("What "), d.teamName(s.Consumers[0]), plain(" promises"))
	}
	sec.Blocks = append(sec.Blocks, expectations(a, consumers, s.Expectations.Consumers)...)
	return sec
}

// expectations are the blocks of one side's promises: a heading and a
// list, or nothing for a side without any.
func expectations(a *agreement.Agreement, heading Text, list []agreement.Expectation) []Block {
	if len(list) == 0 {
		return nil
	}
	items := make([]Item, len(list))
	for i, e := range list {
		items[i].Text = plain(literal(e.Text))
		if e.Objective != "" {
			items[i].Text = cat(items[i].Text, plain(" — measured by "), link(string(e.Objective), Anchor(a, e.Objective)))
		}
	}
	return []Block{{Heading: heading}, {List: items}}
}

// calendarGroup is a calendar other than the agreement's, and the
// objectives that count time under it.
type calendarGroup struct {
	name       agreement.Name
	cal        *namedCalendar
	objectives []string
}

// otherCalendars lists the business calendars objectives use besides the
// agreement's, in the order the objectives name them. An objective under
// the built-in 24x7 says "around the clock" in its sentence: no more is
// needed.
func (d *describer) otherCalendars(a *agreement.Agreement, agreementCal agreement.Name) []calendarGroup {
	var out []calendarGroup
	index := map[agreement.Name]int{}
	for i := range a.Spec.Objectives {
		o := &a.Spec.Objectives[i]
		name, cal := d.calendarOf(a, o)
		if name == agreementCal || cal.cal.AlwaysOpen() {
			continue
		}
		j, ok := index[name]
		if !ok {
			j = len(out)
			index[name] = j
			out = append(out, calendarGroup{name: name, cal: cal})
		}
		out[j].objectives = append(out[j].objectives, string(o.Name))
	}
	return out
}

// words describes a calendar: "Berlin office hours (berlin-office): Mon–Thu
// 09:00–17:00, Fri 09:00–15:00, Europe/Berlin; closed 24, 25 and 31 Dec 2026".
func (c *namedCalendar) words(name agreement.Name) Text {
	hours := plain(calendarWords(c.cal))
	if c.decl == nil {
		return hours
	}
	return cat(calendarLabel(c.decl, name), plain(": "), hours)
}

// calendarLabel names a declared calendar: "Berlin office hours
// (berlin-office)", or "calendar new-york" without a title.
func calendarLabel(c *agreement.Calendar, name agreement.Name) Text {
	if c != nil && c.Metadata.Title != "" {
		return plain(fmt.Sprintf("%s (%s)", literal(c.Metadata.Title), name))
	}
	return plain("calendar " + string(name))
}

// teamName is how sentences name a team: its title, else its name.
func (d *describer) teamName(name agreement.Name) Text {
	if t := d.teams[name]; t != nil && t.Metadata.Title != "" {
		return plain(literal(t.Metadata.Title))
	}
	return plain(string(name))
}

// teamLine introduces a team: "Platform Engineering (platform; GitHub team
// `acme/platform` and 5 listed members) — contact #platform-help".
func (d *describer) teamLine(name agreement.Name) Text {
	t := d.teams[name]
	if t == nil {
		return plain(string(name))
	}
	var who []Text
	if t.Spec.GitHubTeam != "" {
		who = append(who, cat(plain("GitHub team "), code(string(t.Spec.GitHubTeam))))
	}
	if n := len(t.Spec.Members); n > 0 {
		if t.Spec.GitHubTeam != "" {
			who = append(who, plain(text.Plural(n, "listed member")))
		} else {
			who = append(who, plain(text.Plural(n, "member")))
		}
	}
	inner := join(who, "and")
	var line Text
	switch title := literal(t.Metadata.Title); {
	case title != "" && inner != nil:
		line = cat(plain(fmt.Sprintf("%s (%s; ", title, name)), inner, plain(")"))
	case title != "":
		line = plain(fmt.Sprintf("%s (%s)", title, name))
	case inner != nil:
		line = cat(plain(string(name)+" ("), inner, plain(")"))
	default:
		line = plain(string(name))
	}
	if c := literal(t.Spec.Contact); c != "" {
		line = cat(line, plain(" — contact "+c))
	}
	return line
}

// objectiveSentence says what an objective promises, in one sentence:
// "90% of requests get a first response from Platform Engineering within 4
// business hours."
func (d *describer) objectiveSentence(a *agreement.Agreement, o *agreement.Objective) Text {
	where := labelWords(o.Where.LabelFilter)
	requests := plain("requests")
	if where != nil {
		requests = cat(requests, plain(" "), where)
	}
	target := plain(fmt.Sprintf("%s of ", o.Target))
	within := d.withinWords(a, o)
	var s Text
	switch o.Metric {
	case agreement.MetricFirstResponse:
		s = cat(target, requests, plain(" get a first response from "), d.responders(a, o.Responders), plain(" within "), within)
	case agreement.MetricResolution:
		s = cat(target, requests, plain(" are closed within "), within)
	case agreement.MetricLabelTime:
		request := plain("a request")
		if where != nil {
			request = cat(request, plain(" "), where)
		}
		s = cat(plain(fmt.Sprintf("%s of the times ", o.Target)), request, plain(" is labelled "), code(o.Label),
			plain(", it loses the label (or is closed) within "), within)
		switch {
		case o.Owner != agreement.OwnerConsumers:
			s = cat(d.teamName(a.Spec.Provider), plain(" answers: "), s)
		case len(a.Spec.Consumers) == 1:
			s = cat(d.teamName(a.Spec.Consumers[0]), plain(" answers: "), s)
		default:
			s = cat(plain("Consumers answer: "), s)
		}
	case agreement.MetricSatisfaction:
		who := "their requester"
		if o.RatedBy == agreement.RatedByConsumers {
			who = "the consumer teams (more of their members 👍 than 👎)"
		}
		s = cat(target, plain("rated "), requests, plain(" are rated 👍 by "+who),
			plain(fmt.Sprintf("; judged once %s in the window", ratingsWords(o.MinRatings))))
	default:
		s = cat(target, requests, plain(" meet "), code(string(o.Metric)), plain(" within "), within)
	}
	if len(o.PauseLabels) > 0 {
		s = cat(s, plain("; the clock stops while they are labelled "), join(codes(o.PauseLabels), "or"))
	}
	return cat(s, plain("."))
}

// ratingsWords says how many ratings judge a satisfaction objective:
// "5 are rated", "1 is rated".
func ratingsWords(n int) string {
	if n == 1 {
		return "1 is rated"
	}
	return fmt.Sprintf("%d are rated", n)
}

// responders says whose comment is a first response.
func (d *describer) responders(a *agreement.Agreement, mode agreement.Responders) Text {
	switch mode {
	case agreement.RespondersMaintainers:
		return plain("a maintainer of the repository")
	case agreement.RespondersAnyone:
		return plain("anyone other than their author")
	default:
		return d.teamName(a.Spec.Provider)
	}
}

// withinWords says how long an objective allows, and in what time:
// "4 business hours", "1 hour 30 minutes, around the clock".
func (d *describer) withinWords(a *agreement.Agreement, o *agreement.Objective) Text {
	name, c := d.calendarOf(a, o)
	if c.cal.AlwaysOpen() {
		return plain(durationWords(o.Within) + ", around the clock")
	}
	s := plain(businessWords(o.Within))
	if agreementCal, _ := d.calendarOf(a, nil); name != agreementCal {
		s = cat(s, plain(", counted on "), calendarLabel(c.decl, name))
	}
	return s
}

// paragraphs splits text at blank lines and joins the lines of each
// paragraph (YAML's folded `>` has done so already; a literal `|` has not).
func paragraphs(s string) []string {
	var out []string
	for _, p := range blankLine.Split(strings.TrimSpace(s), -1) {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var blankLine = regexp.MustCompile(`\n[ \t]*\n`)
