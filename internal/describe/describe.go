// Package describe writes agreements in plain English, as Markdown, so that
// every team can read its roles and expectations (`sla describe`, SPEC §1).
//
// It is pure: it takes a validated set of agreements and returns text. The
// wording of each part (calendars, windows, durations, label conditions) is
// built by the small helpers in words.go; text the users wrote (titles,
// descriptions, contacts, expectations) is escaped, so that it reads as
// written and cannot inject markup.
package describe

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
)

// Write writes every agreement of a valid set, in the order the set holds
// them (files sorted by path, documents in file order), as Markdown: one
// `## Title (name)` section each.
func Write(w io.Writer, set *agreement.Set) error {
	out, err := Markdown(set)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, out)
	return err
}

// Markdown returns what Write writes.
func Markdown(set *agreement.Set) (string, error) {
	d, err := newDescriber(set)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i, a := range set.Agreements {
		if i > 0 {
			b.WriteString("\n")
		}
		d.agreement(&b, a)
	}
	return b.String(), nil
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

func (d *describer) agreement(b *strings.Builder, a *agreement.Agreement) {
	s := &a.Spec
	if a.Metadata.Title != "" {
		fmt.Fprintf(b, "## %s (%s)\n\n", escape(a.Metadata.Title), a.Metadata.Name)
	} else {
		fmt.Fprintf(b, "## %s\n\n", a.Metadata.Name)
	}
	for _, p := range paragraphs(a.Metadata.Description) {
		fmt.Fprintf(b, "%s\n\n", escapeBlock(p))
	}

	fmt.Fprintf(b, "- **Provider:** %s\n", d.teamLine(s.Provider))
	switch len(s.Consumers) {
	case 0:
	case 1:
		fmt.Fprintf(b, "- **Consumer:** %s\n", d.teamLine(s.Consumers[0]))
	default:
		b.WriteString("- **Consumers:**\n")
		for _, c := range s.Consumers {
			fmt.Fprintf(b, "  - %s\n", d.teamLine(c))
		}
	}
	consumerNames := make([]string, 0, len(s.Consumers))
	for _, c := range s.Consumers {
		consumerNames = append(consumerNames, d.teamName(c))
	}
	fmt.Fprintf(b, "- **Requests:** %s.\n", scopeWords(s.Scope, consumerNames))
	calName, cal := d.calendarOf(a, nil)
	fmt.Fprintf(b, "- **Hours:** %s.\n", cal.words(calName))
	for _, g := range d.otherCalendars(a, calName) {
		fmt.Fprintf(b, "- **Hours of %s:** %s.\n", joinWords(g.objectives, "and"), g.cal.words(g.name))
	}
	measured := windowWords(s.Window)
	if s.EffectiveFrom.Set {
		measured += ", counting only what started on or after " + dateWords(s.EffectiveFrom.Date)
	}
	fmt.Fprintf(b, "- **Measured:** %s.\n", measured)

	if len(s.Objectives) > 0 {
		b.WriteString("\n### Objectives\n\n")
		for i := range s.Objectives {
			o := &s.Objectives[i]
			fmt.Fprintf(b, "- <a id=\"%s\"></a>**%s** — %s\n", Anchor(a, o.Name), o.Name, d.objectiveSentence(a, o))
		}
	}
	d.expectations(b, a, fmt.Sprintf("What %s promises", d.teamName(s.Provider)), s.Expectations.Provider)
	consumers := "What consumers promise"
	if len(s.Consumers) == 1 {
		consumers = fmt.Sprintf("What %s promises", d.teamName(s.Consumers[0]))
	}
	d.expectations(b, a, consumers, s.Expectations.Consumers)
}

func (d *describer) expectations(b *strings.Builder, a *agreement.Agreement, heading string, list []agreement.Expectation) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(b, "\n### %s\n\n", heading)
	for _, e := range list {
		line := escapeBlock(e.Text)
		if e.Objective != "" {
			line += fmt.Sprintf(" — measured by [%s](#%s)", e.Objective, Anchor(a, e.Objective))
		}
		fmt.Fprintf(b, "- %s\n", line)
	}
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
func (c *namedCalendar) words(name agreement.Name) string {
	hours := calendarWords(c.cal)
	if c.decl == nil {
		return hours
	}
	return calendarLabel(c.decl, name) + ": " + hours
}

// calendarLabel names a declared calendar: "Berlin office hours
// (berlin-office)", or "calendar new-york" without a title.
func calendarLabel(c *agreement.Calendar, name agreement.Name) string {
	if c != nil && c.Metadata.Title != "" {
		return fmt.Sprintf("%s (%s)", escape(c.Metadata.Title), name)
	}
	return "calendar " + string(name)
}

// teamName is how sentences name a team: its title, else its name.
func (d *describer) teamName(name agreement.Name) string {
	if t := d.teams[name]; t != nil && t.Metadata.Title != "" {
		return escape(t.Metadata.Title)
	}
	return string(name)
}

// teamLine introduces a team: "Platform Engineering (platform; GitHub team
// `acme/platform` and 5 listed members) — contact #platform-help".
func (d *describer) teamLine(name agreement.Name) string {
	t := d.teams[name]
	if t == nil {
		return string(name)
	}
	var who []string
	if t.Spec.GitHubTeam != "" {
		who = append(who, "GitHub team "+code(string(t.Spec.GitHubTeam)))
	}
	if n := len(t.Spec.Members); n > 0 {
		if t.Spec.GitHubTeam != "" {
			who = append(who, plural(n, "listed member"))
		} else {
			who = append(who, plural(n, "member"))
		}
	}
	inner := strings.Join(who, " and ")
	var line string
	switch {
	case t.Metadata.Title != "" && inner != "":
		line = fmt.Sprintf("%s (%s; %s)", escape(t.Metadata.Title), name, inner)
	case t.Metadata.Title != "":
		line = fmt.Sprintf("%s (%s)", escape(t.Metadata.Title), name)
	case inner != "":
		line = fmt.Sprintf("%s (%s)", name, inner)
	default:
		line = string(name)
	}
	if c := strings.TrimSpace(t.Spec.Contact); c != "" {
		line += " — contact " + escape(c)
	}
	return line
}

// objectiveSentence says what an objective promises, in one sentence:
// "90% of requests get a first response from Platform Engineering within 4
// business hours."
func (d *describer) objectiveSentence(a *agreement.Agreement, o *agreement.Objective) string {
	where := labelWords(o.Where.Labels, o.Where.AnyLabels, o.Where.ExcludeLabels)
	requests := "requests"
	if where != "" {
		requests += " " + where
	}
	within := d.withinWords(a, o)
	var s string
	switch o.Metric {
	case agreement.MetricFirstResponse:
		s = fmt.Sprintf("%s of %s get a first response from %s within %s", o.Target, requests, d.responders(a, o.Responders), within)
	case agreement.MetricResolution:
		s = fmt.Sprintf("%s of %s are closed within %s", o.Target, requests, within)
	case agreement.MetricLabelTime:
		request := "a request"
		if where != "" {
			request += " " + where
		}
		s = fmt.Sprintf("%s of the times %s is labelled %s, it loses the label (or is closed) within %s", o.Target, request, code(o.Label), within)
		if o.Owner == agreement.OwnerConsumers {
			if len(a.Spec.Consumers) == 1 {
				s = d.teamName(a.Spec.Consumers[0]) + " answers: " + s
			} else {
				s = "Consumers answer: " + s
			}
		} else {
			s = d.teamName(a.Spec.Provider) + " answers: " + s
		}
	default:
		s = fmt.Sprintf("%s of %s meet %s within %s", o.Target, requests, code(string(o.Metric)), within)
	}
	if len(o.PauseLabels) > 0 {
		s += "; the clock stops while they are labelled " + joinWords(codes(o.PauseLabels), "or")
	}
	return s + "."
}

// responders says whose comment is a first response.
func (d *describer) responders(a *agreement.Agreement, mode agreement.Responders) string {
	switch mode {
	case agreement.RespondersMaintainers:
		return "a maintainer of the repository"
	case agreement.RespondersAnyone:
		return "anyone other than their author"
	default:
		return d.teamName(a.Spec.Provider)
	}
}

// withinWords says how long an objective allows, and in what time:
// "4 business hours", "1 hour 30 minutes, around the clock".
func (d *describer) withinWords(a *agreement.Agreement, o *agreement.Objective) string {
	name, c := d.calendarOf(a, o)
	if c.cal.AlwaysOpen() {
		return durationWords(o.Within) + ", around the clock"
	}
	s := businessWords(o.Within)
	if agreementCal, _ := d.calendarOf(a, nil); name != agreementCal {
		s += ", counted on " + calendarLabel(c.decl, name)
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
