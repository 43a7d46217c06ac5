package agreement

import (
	"cmp"
	"fmt"
	"time"

	"github.com/sla-dev/sla/internal/calendar"
)

// EffectiveCalendar names the calendar an objective counts business time
// under, from the calendars written on it and on its agreement (either
// may be empty): its own, else its agreement's, else the built-in 24x7.
// With no objective calendar, it is the agreement's calendar, whose time
// zone also sets the bounds of month and quarter windows and of
// effective_from.
func EffectiveCalendar(objective, agreement Name) Name {
	return cmp.Or(objective, agreement, AlwaysOpen)
}

// CalendarName is the agreement's calendar: EffectiveCalendar for an
// objective without a calendar of its own.
func (s *AgreementSpec) CalendarName() Name { return EffectiveCalendar("", s.Calendar) }

// ObjectiveCalendar is the calendar an objective of the agreement counts
// business time under.
func (s *AgreementSpec) ObjectiveCalendar(o *Objective) Name {
	return EffectiveCalendar(o.Calendar, s.Calendar)
}

// Build builds the calendar the document declares.
func (c *Calendar) Build() (*calendar.Calendar, error) {
	holidays := make([]calendar.Date, 0, len(c.Spec.Holidays))
	for _, h := range c.Spec.Holidays {
		holidays = append(holidays, h.Date)
	}
	cal, err := calendar.New(string(c.Metadata.Name), c.Spec.Timezone.Location, c.Spec.Hours.Week, holidays)
	if err != nil {
		return nil, fmt.Errorf("calendar %s: %w", c.Metadata.Name, err)
	}
	return cal, nil
}

// Calendars are calendars built, by name, the built-in 24x7 among them.
type Calendars map[Name]*calendar.Calendar

// BuildCalendars builds every calendar of a valid set.
func (s *Set) BuildCalendars() (Calendars, error) {
	out := Calendars{AlwaysOpen: calendar.AlwaysOpen()}
	for _, c := range s.Calendars {
		cal, err := c.Build()
		if err != nil {
			return nil, err
		}
		out[c.Metadata.Name] = cal
	}
	return out, nil
}

// Named returns the calendar of that name.
func (c Calendars) Named(name Name) (*calendar.Calendar, error) {
	if cal := c[name]; cal != nil {
		return cal, nil
	}
	return nil, fmt.Errorf("no calendar %q", name)
}

// Period is how an agreement bounds its figures in time: its window,
// reckoned in the time zone of its calendar, and effective_from. It is the
// same for every objective of the agreement, whichever calendar each
// counts business time under (a 24x7 objective of a Berlin agreement still
// reports on the Berlin month).
type Period struct {
	Window Window
	// Zone is the agreement's calendar.
	Zone *calendar.Calendar
	// From is the first instant of effective_from in Zone: clocks that
	// started before it do not count. Zero: no such bound.
	From time.Time
}

// Period returns the agreement's period, its calendar taken from c.
func (c Calendars) Period(a *Agreement) (Period, error) {
	zone, err := c.Named(a.Spec.CalendarName())
	if err != nil {
		return Period{}, fmt.Errorf("agreement %s: %w", a.Metadata.Name, err)
	}
	p := Period{Window: a.Spec.Window, Zone: zone}
	if a.Spec.EffectiveFrom.Set {
		p.From = zone.StartOf(a.Spec.EffectiveFrom.Date)
	}
	return p, nil
}

// Start returns when the window begins for an evaluation at the instant:
// at minus a rolling window, or the start of the calendar month or quarter
// containing at, in Zone.
func (p Period) Start(at time.Time) time.Time {
	switch p.Window.Period {
	case PeriodMonth, PeriodQuarter:
		d := p.Zone.DateOf(at)
		d.Day = 1
		if p.Window.Period == PeriodQuarter {
			d.Month -= (d.Month - 1) % 3
		}
		return p.Zone.StartOf(d)
	}
	return at.Add(-p.Window.D)
}

// Holds reports whether the instant t falls in the window of an
// evaluation at the instant at: in [Start(at), at), and not before From.
// Clocks count by the instant they started (compliance says why one does
// not); thanks by the instant they were given.
func (p Period) Holds(t, at time.Time) bool {
	return !t.Before(p.Start(at)) && t.Before(at) && !t.Before(p.From)
}

// DataFrom returns the earliest instant whose data the figures at `at`
// rest on, with a weekly trend of that many points ending there (0 or 1:
// at alone): the start of the window of the trend's first point, or From
// when that is later. Fetching reads back to it; an evaluation refuses
// data that begins after it.
func (p Period) DataFrom(at time.Time, points int) time.Time {
	start := p.Start(TrendPoints(at, points)[0])
	if start.Before(p.From) {
		return p.From
	}
	return start
}

// Week is the step between the points of a trend: 7 days of 24 hours, as
// `1w` is in agreement files.
const Week = 7 * 24 * time.Hour

// TrendPoints returns the n instants of a weekly trend that ends at at,
// oldest first: at − (n−1) weeks, …, at − 1 week, at. n below 1 counts as 1.
func TrendPoints(at time.Time, n int) []time.Time {
	n = max(n, 1)
	out := make([]time.Time, n)
	for i := range out {
		out[i] = at.Add(-time.Duration(n-1-i) * Week)
	}
	return out
}
