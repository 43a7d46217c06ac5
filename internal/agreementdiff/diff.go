// Package agreementdiff compares two sets of agreements — typically the
// ones at a git revision and the ones in the working tree — and says, per
// agreement, what a reviewer should know: objectives added or removed,
// promises tightened or loosened, parties, calendars, scope and
// expectations changed. It compares meaning, not text: 1h30m and 90m are
// the same promise, and so are 90% and 0.9. It returns the changes as data
// (Change, Result); report writes them as text, Markdown or JSON.
package agreementdiff

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/text"
)

// Kind is the sort of a change. Changes to one agreement are listed in the
// order of the kinds below.
type Kind string

// The kinds of change, in the order they are listed.
const (
	AgreementAdded   Kind = "agreement-added"
	AgreementRemoved Kind = "agreement-removed"

	ProviderChanged Kind = "provider-changed"
	ConsumerAdded   Kind = "consumer-added"
	ConsumerRemoved Kind = "consumer-removed"
	// A team that is a party before and after changed its definition.
	TeamMembersChanged    Kind = "team-members-changed"
	TeamGitHubTeamChanged Kind = "team-github-team-changed"
	TeamContactChanged    Kind = "team-contact-changed"

	CalendarChanged Kind = "calendar-changed"
	// The calendar of the agreement, or of one objective, changed between
	// a business calendar and 24x7: under 24x7 every hour counts, so the
	// same within is reached sooner.
	CalendarTightened Kind = "calendar-tightened"
	CalendarLoosened  Kind = "calendar-loosened"
	// A calendar the agreement uses before and after changed its definition.
	CalendarTimezoneChanged Kind = "calendar-timezone-changed"
	CalendarHoursChanged    Kind = "calendar-hours-changed"
	CalendarHolidaysChanged Kind = "calendar-holidays-changed"

	WindowChanged        Kind = "window-changed"
	EffectiveFromChanged Kind = "effective-from-changed"
	ScopeChanged         Kind = "scope-changed"
	// How often check-ins are asked for, or where (spec.checkin).
	CheckinChanged Kind = "checkin-changed"

	ObjectiveAdded   Kind = "objective-added"
	ObjectiveRemoved Kind = "objective-removed"
	WithinTightened  Kind = "within-tightened"
	WithinLoosened   Kind = "within-loosened"
	TargetTightened  Kind = "target-tightened"
	TargetLoosened   Kind = "target-loosened"
	// Any other field of an objective: metric, responders, where, calendar,
	// pause_labels, label, owner.
	ObjectiveChanged Kind = "objective-changed"

	ExpectationAdded            Kind = "expectation-added"
	ExpectationRemoved          Kind = "expectation-removed"
	ExpectationReworded         Kind = "expectation-reworded"
	ExpectationObjectiveChanged Kind = "expectation-objective-changed"
)

var kindOrder = []Kind{
	AgreementAdded, AgreementRemoved,
	ProviderChanged, ConsumerAdded, ConsumerRemoved,
	TeamMembersChanged, TeamGitHubTeamChanged, TeamContactChanged,
	CalendarChanged, CalendarTightened, CalendarLoosened, CalendarTimezoneChanged, CalendarHoursChanged, CalendarHolidaysChanged,
	WindowChanged, EffectiveFromChanged, ScopeChanged, CheckinChanged,
	ObjectiveAdded, ObjectiveRemoved,
	WithinTightened, WithinLoosened, TargetTightened, TargetLoosened,
	ObjectiveChanged,
	ExpectationAdded, ExpectationRemoved, ExpectationReworded, ExpectationObjectiveChanged,
}

// Kinds returns every kind of change, in the order changes are listed.
func Kinds() []Kind { return slices.Clone(kindOrder) }

// Directions of a change to `within`, `target`, or a calendar to or from 24x7.
const (
	Tightened = "tightened"
	Loosened  = "loosened"
)

// Change is one difference in one agreement.
type Change struct {
	Agreement string `json:"agreement"`
	Kind      Kind   `json:"kind"`
	// Subject is the path of what changed ("" for a whole agreement added or
	// removed), e.g. "consumers", "scope.labels",
	// "objectives.first-response.within", "teams.platform.members",
	// "calendars.berlin-office.hours.fri", "expectations.provider".
	Subject string `json:"subject"`
	// Before and After are the values as written ("" when absent); lists are
	// joined with ", ".
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
	// Added and Removed are the items of a list that changed.
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
	// Direction is Tightened or Loosened for changes to within and target,
	// and to a calendar between a Calendar and 24x7.
	Direction string `json:"direction,omitempty"`
	// Field is what changed, as Text names it ("first-response: within"),
	// for a change with a Direction: Text is "<Field> <Direction> from
	// <Before> to <After>".
	Field string `json:"-"`
	// Text says it in a sentence, without the agreement's name.
	Text string `json:"text"`
}

// String is the change as a review note: "name: sentence".
func (c Change) String() string { return c.Agreement + ": " + c.Text }

// Compare lists the changes from base to head, sorted by agreement name,
// then by kind (in the order of Kinds), then in the order the changed
// things are written.
func Compare(base, head *agreement.Set) []Change {
	b, h := newIndex(base), newIndex(head)
	var names []string
	for n := range b.agreements {
		names = append(names, n)
	}
	for n := range h.agreements {
		if _, ok := b.agreements[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var all []Change
	for _, name := range names {
		d := &differ{agreement: name, base: b, head: h}
		ba, ha := b.agreements[name], h.agreements[name]
		switch {
		case ba == nil:
			d.add(AgreementAdded, "", "", summary(ha), "agreement added: "+summary(ha))
		case ha == nil:
			d.add(AgreementRemoved, "", summary(ba), "", "agreement removed (was: "+summary(ba)+")")
		default:
			d.compare(&ba.Spec, &ha.Spec)
		}
		slices.SortStableFunc(d.changes, func(x, y Change) int {
			return cmp.Compare(slices.Index(kindOrder, x.Kind), slices.Index(kindOrder, y.Kind))
		})
		all = append(all, d.changes...)
	}
	return all
}

// index finds documents by name; the first of a name wins (a duplicate is
// a validation error anyway).
type index struct {
	agreements map[string]*agreement.Agreement
	teams      map[string]*agreement.Team
	calendars  map[string]*agreement.Calendar
}

func newIndex(s *agreement.Set) *index {
	ix := &index{map[string]*agreement.Agreement{}, map[string]*agreement.Team{}, map[string]*agreement.Calendar{}}
	if s == nil {
		return ix
	}
	for _, a := range s.Agreements {
		if _, ok := ix.agreements[string(a.Metadata.Name)]; !ok {
			ix.agreements[string(a.Metadata.Name)] = a
		}
	}
	for _, t := range s.Teams {
		if _, ok := ix.teams[string(t.Metadata.Name)]; !ok {
			ix.teams[string(t.Metadata.Name)] = t
		}
	}
	for _, c := range s.Calendars {
		if _, ok := ix.calendars[string(c.Metadata.Name)]; !ok {
			ix.calendars[string(c.Metadata.Name)] = c
		}
	}
	return ix
}

// summary describes an agreement in one clause.
func summary(a *agreement.Agreement) string {
	var objs []string
	for _, o := range a.Spec.Objectives {
		objs = append(objs, string(o.Name))
	}
	s := "provider " + orNone(string(a.Spec.Provider)) + ", consumers " + orNone(join(strs(a.Spec.Consumers)))
	return s + ", " + text.Plural(len(objs), "objective") + optional(" (", join(objs), ")")
}

type differ struct {
	agreement  string
	base, head *index
	changes    []Change
}

func (d *differ) add(kind Kind, subject, before, after, text string) *Change {
	d.changes = append(d.changes, Change{Agreement: d.agreement, Kind: kind, Subject: subject, Before: before, After: after, Text: text})
	return &d.changes[len(d.changes)-1]
}

func (d *differ) compare(b, h *agreement.AgreementSpec) {
	// Parties.
	if !strings.EqualFold(string(b.Provider), string(h.Provider)) {
		d.add(ProviderChanged, "provider", string(b.Provider), string(h.Provider),
			fmt.Sprintf("provider changed from %s to %s", orNone(string(b.Provider)), orNone(string(h.Provider))))
	}
	// One change a consumer, each with the whole lists before and after.
	bc, hc := join(strs(b.Consumers)), join(strs(h.Consumers))
	added, removed := diffList(strs(b.Consumers), strs(h.Consumers), false)
	for _, c := range added {
		d.add(ConsumerAdded, "consumers", bc, hc, "consumer added: "+c).Added = []string{c}
	}
	for _, c := range removed {
		d.add(ConsumerRemoved, "consumers", bc, hc, "consumer removed: "+c).Removed = []string{c}
	}
	for _, party := range parties(h) {
		if slices.Contains(parties(b), party) {
			d.compareTeams(party)
		}
	}

	// Calendar, window, effective_from.
	if b.CalendarName() != h.CalendarName() {
		d.calendar("calendar", "calendar", b.Calendar, h.Calendar, agreement.AlwaysOpen+" (the default)", b.CalendarName(), h.CalendarName())
	}
	for _, name := range calendars(h) {
		if slices.Contains(calendars(b), name) {
			d.compareCalendars(name)
		}
	}
	if bw, hw := b.Window, h.Window; bw.Period != hw.Period || bw.D != hw.D || (bw.Period == "" && bw.D == 0 && bw.Raw != hw.Raw) {
		d.scalar(WindowChanged, "window", "window", b.Window.Raw, h.Window.Raw, "")
	}
	if b.EffectiveFrom != h.EffectiveFrom {
		d.scalar(EffectiveFromChanged, "effective_from", "effective_from", date(b.EffectiveFrom), date(h.EffectiveFrom), "")
	}

	// Scope.
	d.list(ScopeChanged, "scope.repos", "scope.repos", strs(b.Scope.Repos), strs(h.Scope.Repos), true)
	d.labels(ScopeChanged, "scope.", "scope.", b.Scope.LabelFilter, h.Scope.LabelFilter)
	if b.Scope.Authors != h.Scope.Authors {
		d.scalar(ScopeChanged, "scope.authors", "scope.authors", string(b.Scope.Authors), string(h.Scope.Authors), "")
	}
	if b.Scope.IncludePullRequests != h.Scope.IncludePullRequests {
		d.scalar(ScopeChanged, "scope.include_pull_requests", "scope.include_pull_requests",
			strconv.FormatBool(b.Scope.IncludePullRequests), strconv.FormatBool(h.Scope.IncludePullRequests), "")
	}

	// Check-ins: comparing the repositories without case, as GitHub does.
	d.scalar(CheckinChanged, "checkin.every", "checkin.every", b.Checkin.Every, h.Checkin.Every, "")
	if !strings.EqualFold(string(b.Checkin.Repo), string(h.Checkin.Repo)) {
		d.scalar(CheckinChanged, "checkin.repo", "checkin.repo", string(b.Checkin.Repo), string(h.Checkin.Repo), "")
	}

	d.compareObjectives(b, h)
	d.compareExpectations("provider", b.Expectations.Provider, h.Expectations.Provider)
	d.compareExpectations("consumers", b.Expectations.Consumers, h.Expectations.Consumers)
}

// scalar records a changed single value. Where the field has a meaning
// when absent, empty says what it is; otherwise an absent value is "set"
// or "removed".
func (d *differ) scalar(kind Kind, subject, field, before, after, empty string) {
	if before == after {
		return
	}
	var text string
	switch {
	case empty != "":
		text = fmt.Sprintf("%s changed from %s to %s", field, cmp.Or(before, empty), cmp.Or(after, empty))
	case before == "":
		text = fmt.Sprintf("%s set to %s", field, after)
	case after == "":
		text = fmt.Sprintf("%s removed (was %s)", field, before)
	default:
		text = fmt.Sprintf("%s changed from %s to %s", field, before, after)
	}
	d.add(kind, subject, before, after, text)
}

// list records a changed list, as the items added and removed; order does
// not matter, and with fold neither does case.
func (d *differ) list(kind Kind, subject, field string, before, after []string, fold bool) {
	added, removed := diffList(before, after, fold)
	if len(added) == 0 && len(removed) == 0 {
		return
	}
	var parts []string
	if len(added) > 0 {
		parts = append(parts, "added "+join(added))
	}
	if len(removed) > 0 {
		parts = append(parts, "removed "+join(removed))
	}
	c := d.add(kind, subject, join(before), join(after), field+" "+strings.Join(parts, "; "))
	c.Added, c.Removed = added, removed
}

// labels compares the three lists of a label filter (a scope's, a
// where's), each a change of its own; subject and field end with the
// filter's prefix ("scope.").
func (d *differ) labels(kind Kind, subject, field string, before, after agreement.LabelFilter) {
	d.list(kind, subject+"labels", field+"labels", before.Labels, after.Labels, true)
	d.list(kind, subject+"any_labels", field+"any_labels", before.AnyLabels, after.AnyLabels, true)
	d.list(kind, subject+"exclude_labels", field+"exclude_labels", before.ExcludeLabels, after.ExcludeLabels, true)
}

func (d *differ) compareTeams(name string) {
	bt, ht := d.base.teams[name], d.head.teams[name]
	if bt == nil || ht == nil {
		return
	}
	subject := "teams." + name
	d.list(TeamMembersChanged, subject+".members", "team "+name+": members", strs(bt.Spec.Members), strs(ht.Spec.Members), true)
	if !strings.EqualFold(string(bt.Spec.GitHubTeam), string(ht.Spec.GitHubTeam)) {
		d.scalar(TeamGitHubTeamChanged, subject+".github_team", "team "+name+": github_team", string(bt.Spec.GitHubTeam), string(ht.Spec.GitHubTeam), "")
	}
	if bt.Spec.Contact != ht.Spec.Contact {
		d.scalar(TeamContactChanged, subject+".contact", "team "+name+": contact", quote(bt.Spec.Contact), quote(ht.Spec.Contact), "")
	}
}

func (d *differ) compareCalendars(name string) {
	bc, hc := d.base.calendars[name], d.head.calendars[name]
	if bc == nil || hc == nil {
		return
	}
	subject := "calendars." + name
	field := "calendar " + name + ": "
	if bc.Spec.Timezone.Name != hc.Spec.Timezone.Name {
		d.scalar(CalendarTimezoneChanged, subject+".timezone", field+"timezone", bc.Spec.Timezone.Name, hc.Spec.Timezone.Name, "")
	}
	for _, day := range calendar.MondayFirst {
		before, after := hours(bc.Spec.Hours.Week[day]), hours(hc.Spec.Hours.Week[day])
		if before != after {
			key := calendar.DayKey(day)
			d.add(CalendarHoursChanged, subject+".hours."+key, before, after,
				fmt.Sprintf("%s%s hours changed from %s to %s", field, key, before, after))
		}
	}
	d.list(CalendarHolidaysChanged, subject+".holidays", field+"holidays", dates(bc.Spec.Holidays), dates(hc.Spec.Holidays), false)
}

func (d *differ) compareObjectives(bs, hs *agreement.AgreementSpec) {
	before, after := bs.Objectives, hs.Objectives
	find := func(list []agreement.Objective, name agreement.Name) *agreement.Objective {
		for i := range list {
			if list[i].Name == name {
				return &list[i]
			}
		}
		return nil
	}
	for i := range after {
		h := &after[i]
		b := find(before, h.Name)
		if b == nil {
			d.add(ObjectiveAdded, "objectives."+string(h.Name), "", describeObjective(h),
				fmt.Sprintf("objective %s added: %s", h.Name, describeObjective(h)))
			continue
		}
		d.compareObjective(b, h, bs, hs)
	}
	for i := range before {
		if b := &before[i]; find(after, b.Name) == nil {
			d.add(ObjectiveRemoved, "objectives."+string(b.Name), describeObjective(b), "",
				fmt.Sprintf("objective %s removed (was: %s)", b.Name, describeObjective(b)))
		}
	}
}

// describeObjective says what an objective promises in a clause:
// "first_response within 4h, target 90%", "satisfaction rated by the
// author, target 80%, at least 5 ratings".
func describeObjective(o *agreement.Objective) string {
	s := string(o.Metric)
	if !o.Metric.Clocked() {
		return fmt.Sprintf("%s rated by the %s, target %s, at least %d ratings", s, o.RatedBy, target(o.Target), o.MinRatings)
	}
	if o.Label != "" {
		s += " of " + o.Label
	}
	s += " within " + o.Within.Raw + ", target " + target(o.Target)
	if o.Owner == agreement.OwnerConsumers {
		s += ", owed by the consumers"
	}
	return s
}

func (d *differ) compareObjective(b, h *agreement.Objective, bs, hs *agreement.AgreementSpec) {
	name := string(b.Name)
	subject := "objectives." + name + "."
	field := name + ": "
	if b.Metric != h.Metric {
		d.scalar(ObjectiveChanged, subject+"metric", field+"metric", string(b.Metric), string(h.Metric), "")
	}
	// within: shorter is tighter. A value that did not parse has no length.
	if bw, hw := b.Within, h.Within; bw.D != hw.D || (bw.D == 0 && bw.Raw != hw.Raw) {
		switch {
		case bw.D == 0 || hw.D == 0:
			d.scalar(ObjectiveChanged, subject+"within", field+"within", bw.Raw, hw.Raw, "")
		case hw.D < bw.D:
			d.direction(WithinTightened, subject+"within", field+"within", Tightened, bw.Raw, hw.Raw)
		default:
			d.direction(WithinLoosened, subject+"within", field+"within", Loosened, bw.Raw, hw.Raw)
		}
	}
	// target: higher is tighter.
	if bt, ht := b.Target, h.Target; bt.PPM != ht.PPM || (bt.PPM == 0 && bt.Raw != ht.Raw) {
		switch {
		case bt.PPM == 0 || ht.PPM == 0:
			d.scalar(ObjectiveChanged, subject+"target", field+"target", bt.Raw, ht.Raw, "")
		case ht.PPM > bt.PPM:
			d.direction(TargetTightened, subject+"target", field+"target", Tightened, target(bt), target(ht))
		default:
			d.direction(TargetLoosened, subject+"target", field+"target", Loosened, target(bt), target(ht))
		}
	}
	if b.Responders != h.Responders {
		d.scalar(ObjectiveChanged, subject+"responders", field+"responders", string(b.Responders), string(h.Responders), "")
	}
	d.labels(ObjectiveChanged, subject+"where.", field+"where.", b.Where.LabelFilter, h.Where.LabelFilter)
	// An objective's own calendar: writing down the agreement's calendar, or
	// no longer writing it, changes nothing unless the agreement's changed.
	if b.Calendar != h.Calendar && (bs.ObjectiveCalendar(b) != hs.ObjectiveCalendar(h) || bs.Calendar != hs.Calendar) {
		d.calendar(subject+"calendar", field+"calendar", b.Calendar, h.Calendar, "the agreement's calendar",
			bs.ObjectiveCalendar(b), hs.ObjectiveCalendar(h))
	}
	d.list(ObjectiveChanged, subject+"pause_labels", field+"pause_labels", b.PauseLabels, h.PauseLabels, true)
	if !strings.EqualFold(b.Label, h.Label) {
		d.scalar(ObjectiveChanged, subject+"label", field+"label", b.Label, h.Label, "")
	}
	if b.Owner != h.Owner {
		d.scalar(ObjectiveChanged, subject+"owner", field+"owner", string(b.Owner), string(h.Owner), "")
	}
	if b.RatedBy != h.RatedBy {
		d.scalar(ObjectiveChanged, subject+"rated_by", field+"rated_by", string(b.RatedBy), string(h.RatedBy), "")
	}
	if b.MinRatings != h.MinRatings {
		d.scalar(ObjectiveChanged, subject+"min_ratings", field+"min_ratings", strconv.Itoa(b.MinRatings), strconv.Itoa(h.MinRatings), "")
	}
}

// calendar records a changed calendar, as written (empty: what empty
// says) and in effect. Between a business calendar and 24x7 it has a
// direction: under 24x7 every hour counts towards within, so moving to it
// tightens every promise it governs, and moving away loosens them.
func (d *differ) calendar(subject, field string, before, after agreement.Name, empty string, beforeIn, afterIn agreement.Name) {
	kind := ObjectiveChanged
	if subject == "calendar" {
		kind = CalendarChanged
	}
	// Name the calendar in effect where the text does not: "the agreement's
	// calendar (berlin)".
	shown := func(written, in agreement.Name) string {
		if written != "" {
			return string(written)
		}
		if strings.Contains(empty, string(in)) {
			return empty
		}
		return empty + " (" + string(in) + ")"
	}
	b, a := shown(before, beforeIn), shown(after, afterIn)
	switch {
	case beforeIn == afterIn || (beforeIn != agreement.AlwaysOpen && afterIn != agreement.AlwaysOpen):
		d.scalar(kind, subject, field, string(before), string(after), empty)
	case afterIn == agreement.AlwaysOpen:
		c := d.add(CalendarTightened, subject, string(before), string(after),
			fmt.Sprintf("%s %s from %s to %s: every hour counts now, not only open hours", field, Tightened, b, a))
		c.Direction, c.Field = Tightened, field
	default:
		c := d.add(CalendarLoosened, subject, string(before), string(after),
			fmt.Sprintf("%s %s from %s to %s: only open hours count now, not every hour", field, Loosened, b, a))
		c.Direction, c.Field = Loosened, field
	}
}

func (d *differ) direction(kind Kind, subject, field, dir, before, after string) {
	c := d.add(kind, subject, before, after, fmt.Sprintf("%s %s from %s to %s", field, dir, before, after))
	c.Direction, c.Field = dir, field
}

// compareExpectations pairs the expectations of one side: those written
// the same are unchanged; of the rest, those with the same text changed
// their objective, and those with similar words (or tied to the same
// objective) were reworded; what is left was added or removed.
func (d *differ) compareExpectations(side string, before, after []agreement.Expectation) {
	subject := "expectations." + side
	usedB := make([]bool, len(before))
	usedH := make([]bool, len(after))
	for j, h := range after {
		for i, b := range before {
			if !usedB[i] && b.Text == h.Text && b.Objective == h.Objective {
				usedB[i], usedH[j] = true, true
				break
			}
		}
	}
	type pair struct {
		i, j  int
		score float64
	}
	var pairs []pair
	for j, h := range after {
		for i, b := range before {
			if usedB[i] || usedH[j] {
				continue
			}
			score := similarity(b.Text, h.Text)
			if b.Text == h.Text {
				score = 3
			} else if b.Objective != "" && b.Objective == h.Objective {
				score += 1
			}
			if score >= 0.5 {
				pairs = append(pairs, pair{i, j, score})
			}
		}
	}
	slices.SortStableFunc(pairs, func(x, y pair) int { return cmp.Compare(y.score, x.score) })
	var matched []pair
	for _, p := range pairs {
		if !usedB[p.i] && !usedH[p.j] {
			usedB[p.i], usedH[p.j] = true, true
			matched = append(matched, p)
		}
	}
	slices.SortFunc(matched, func(x, y pair) int { return cmp.Compare(x.j, y.j) })

	for j, h := range after {
		if !usedH[j] {
			c := d.add(ExpectationAdded, subject, "", h.Text, fmt.Sprintf("%s expectation added: %s%s", side, quote(h.Text), tiedTo(h.Objective)))
			c.Added = []string{h.Text}
		}
	}
	for i, b := range before {
		if !usedB[i] {
			c := d.add(ExpectationRemoved, subject, b.Text, "", fmt.Sprintf("%s expectation removed: %s%s", side, quote(b.Text), tiedTo(b.Objective)))
			c.Removed = []string{b.Text}
		}
	}
	for _, p := range matched {
		b, h := before[p.i], after[p.j]
		if b.Text == h.Text {
			var text string
			switch {
			case b.Objective == "":
				text = fmt.Sprintf("%s expectation %s: now tied to objective %s", side, quote(h.Text), h.Objective)
			case h.Objective == "":
				text = fmt.Sprintf("%s expectation %s: no longer tied to objective %s", side, quote(h.Text), b.Objective)
			default:
				text = fmt.Sprintf("%s expectation %s: objective changed from %s to %s", side, quote(h.Text), b.Objective, h.Objective)
			}
			d.add(ExpectationObjectiveChanged, subject, string(b.Objective), string(h.Objective), text)
			continue
		}
		text := fmt.Sprintf("%s expectation reworded from %s to %s", side, quote(b.Text), quote(h.Text))
		if b.Objective != h.Objective {
			text += fmt.Sprintf(" (objective %s, was %s)", orNone(string(h.Objective)), orNone(string(b.Objective)))
		}
		d.add(ExpectationReworded, subject, b.Text, h.Text, text)
	}
}

func tiedTo(objective agreement.Name) string {
	return optional(" (objective ", string(objective), ")")
}

// similarity is the Dice coefficient of the two texts' words: 1 for the
// same words, 0 for none in common.
func similarity(a, b string) float64 {
	wa, wb := words(a), words(b)
	if len(wa)+len(wb) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, w := range wa {
		count[w]++
	}
	common := 0
	for _, w := range wb {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
}

// parties are the provider and consumers, provider first.
func parties(s *agreement.AgreementSpec) []string {
	out := []string{string(s.Provider)}
	return append(out, strs(s.Consumers)...)
}

// calendars are the Calendar documents an agreement uses, itself or in an
// objective, in the order written.
func calendars(s *agreement.AgreementSpec) []string {
	names := []agreement.Name{s.CalendarName()}
	for i := range s.Objectives {
		names = append(names, s.ObjectiveCalendar(&s.Objectives[i]))
	}
	var out []string
	for _, n := range names {
		if n != agreement.AlwaysOpen && !slices.Contains(out, string(n)) {
			out = append(out, string(n))
		}
	}
	return out
}

// diffList returns the items of after not in before and of before not in
// after, each in its list's order, without repeats.
func diffList(before, after []string, fold bool) (added, removed []string) {
	key := func(s string) string {
		if fold {
			return strings.ToLower(s)
		}
		return s
	}
	in := func(list []string, s string) bool {
		return slices.ContainsFunc(list, func(x string) bool { return key(x) == key(s) })
	}
	for _, s := range after {
		if !in(before, s) && !in(added, s) {
			added = append(added, s)
		}
	}
	for _, s := range before {
		if !in(after, s) && !in(removed, s) {
			removed = append(removed, s)
		}
	}
	return added, removed
}

// strs lists names, repositories or logins as the text they are.
func strs[S ~string](list []S) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = string(s)
	}
	return out
}

func dates(ds []agreement.Date) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

func date(d agreement.Date) string {
	if !d.Set {
		return ""
	}
	return d.String()
}

// hours prints a day's open hours, "closed" for none.
func hours(rs []calendar.Range) string {
	if len(rs) == 0 {
		return "closed"
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return strings.Join(out, ", ")
}

// target prints a target as a percentage, however it was written.
func target(t agreement.Target) string {
	if t.PPM == 0 {
		return t.Raw
	}
	return t.String()
}

// join lists items with ", ", quoting any that would be unclear in such a
// list (empty, or containing a comma or a space).
func join(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		if s == "" || strings.ContainsAny(s, ", \"") {
			s = strconv.Quote(s)
		}
		out[i] = s
	}
	return strings.Join(out, ", ")
}

func quote(s string) string {
	if s == "" {
		return ""
	}
	return strconv.Quote(s)
}

func orNone(s string) string { return cmp.Or(s, "none") }

func optional(prefix, s, suffix string) string {
	if s == "" {
		return ""
	}
	return prefix + s + suffix
}
