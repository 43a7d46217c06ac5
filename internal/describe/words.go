package describe

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/text"
)

// joinWords joins words as in prose: "a", "a and b", "a, b and c" (conj
// is "and" or "or").
func joinWords(items []string, conj string) string {
	texts := make([]Text, len(items))
	for i, s := range items {
		texts[i] = plain(s)
	}
	return join(texts, conj).String()
}

// Durations.

// unitWords name the units of a duration as written.
var unitWords = map[byte]string{'w': "week", 'd': "day", 'h': "hour", 'm': "minute"}

// durationParts splits a duration into its parts as written: "1h30m" →
// [{1 h} {30 m}]. A duration known only by its value (no text) is split
// into hours and minutes.
func durationParts(d agreement.Duration) []durationPart {
	var out []durationPart
	rest := d.Raw
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || i == len(rest) || unitWords[rest[i]] == "" {
			out = nil
			break
		}
		out = append(out, durationPart{n, rest[i]})
		rest = rest[i+1:]
	}
	if out == nil {
		h, m := int(d.D/time.Hour), int(d.D%time.Hour/time.Minute)
		if h > 0 {
			out = append(out, durationPart{h, 'h'})
		}
		if m > 0 || h == 0 {
			out = append(out, durationPart{m, 'm'})
		}
	}
	return out
}

type durationPart struct {
	n    int
	unit byte
}

// durationWords writes a duration in words: "1 hour 30 minutes", "1 day".
func durationWords(d agreement.Duration) string {
	var words []string
	for _, p := range durationParts(d) {
		words = append(words, text.Plural(p.n, unitWords[p.unit]))
	}
	return strings.Join(words, " ")
}

// businessWords writes a duration of business time: "4 business hours",
// "30 business minutes", or "1 hour 30 minutes of business time".
func businessWords(d agreement.Duration) string {
	if parts := durationParts(d); len(parts) == 1 {
		return text.Plural(parts[0].n, "business "+unitWords[parts[0].unit])
	}
	return durationWords(d) + " of business time"
}

// windowWords writes an agreement's window: "over the last 28 days",
// "over the last week", "per calendar month".
func windowWords(w agreement.Window) string {
	switch w.Period {
	case agreement.PeriodMonth:
		return "per calendar month"
	case agreement.PeriodQuarter:
		return "per calendar quarter"
	}
	d := agreement.Duration{Raw: w.Raw, D: w.D}
	if parts := durationParts(d); len(parts) == 1 && parts[0].n == 1 {
		return "over the last " + unitWords[parts[0].unit]
	}
	return "over the last " + durationWords(d)
}

// Dates and calendars.

// dateWords writes a date as "1 Oct 2026": no order of day and month to
// guess.
func dateWords(d calendar.Date) string {
	return fmt.Sprintf("%d %s %d", d.Day, monthWords(d.Month), d.Year)
}

func monthWords(m time.Month) string { return m.String()[:3] }

func dayWords(d time.Weekday) string { return d.String()[:3] }

// calendarWords describes a calendar's hours: "Mon–Thu 09:00–17:00, Fri
// 09:00–15:00, Europe/Berlin; closed 24, 25 and 31 Dec 2026", or "around the
// clock (UTC)" for one always open.
func calendarWords(c *calendar.Calendar) string {
	zone := c.Location().String()
	if c.AlwaysOpen() {
		return "around the clock (" + zone + ")"
	}
	var week [7][]calendar.Range
	for d := range week {
		week[d] = c.Hours(time.Weekday(d))
	}
	s := weekWords(week) + ", " + zone
	if h := holidayWords(c.Holidays()); h != "" {
		s += "; closed " + h
	}
	return s
}

// weekWords writes weekly hours, the days with the same hours together:
// "Mon–Thu 08:30–12:30 and 13:30–17:30, Fri 08:30–12:30 and 13:30–15:30".
// Groups come in the order of their first day, Monday first; days without
// hours are closed and not named.
func weekWords(week [7][]calendar.Range) string {
	type group struct {
		hours string
		days  []int // indexes into calendar.MondayFirst
	}
	var groups []*group
	byHours := map[string]*group{}
	for i, d := range calendar.MondayFirst {
		if len(week[d]) == 0 {
			continue
		}
		h := rangesWords(week[d])
		g := byHours[h]
		if g == nil {
			g = &group{hours: h}
			byHours[h] = g
			groups = append(groups, g)
		}
		g.days = append(g.days, i)
	}
	if len(groups) == 0 {
		return "closed every day"
	}
	var out []string
	for _, g := range groups {
		days := daysWords(g.days)
		if len(g.days) == 7 && g.hours == allDay {
			out = append(out, "around the clock")
		} else {
			out = append(out, days+" "+g.hours)
		}
	}
	return strings.Join(out, ", ")
}

const allDay = "all day"

// daysWords names a set of weekdays (indexes into calendar.MondayFirst,
// ascending): runs of three or more days as a span "Mon–Thu", shorter
// runs day by day, "every day" for all seven.
func daysWords(days []int) string {
	if len(days) == 7 {
		return "every day"
	}
	var items []string
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && days[j+1] == days[j]+1 {
			j++
		}
		if j-i >= 2 {
			items = append(items, dayWords(calendar.MondayFirst[days[i]])+"–"+dayWords(calendar.MondayFirst[days[j]]))
		} else {
			for k := i; k <= j; k++ {
				items = append(items, dayWords(calendar.MondayFirst[days[k]]))
			}
		}
		i = j + 1
	}
	return joinWords(items, "and")
}

// rangesWords writes a day's open ranges: "08:30–12:30 and 13:30–17:30", or
// "all day" for 00:00–24:00.
func rangesWords(ranges []calendar.Range) string {
	if len(ranges) == 1 && ranges[0].Start == 0 && ranges[0].End == calendar.MinutesPerDay {
		return allDay
	}
	items := make([]string, len(ranges))
	for i, r := range ranges {
		items[i] = clockWords(r.Start) + "–" + clockWords(r.End)
	}
	return joinWords(items, "and")
}

func clockWords(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// holidayWords writes holidays (sorted) grouped by month, each month with
// its year: "24, 25 and 31 Dec 2026; 1 Jan 2027".
func holidayWords(holidays []calendar.Date) string {
	var groups []string
	for i := 0; i < len(holidays); {
		var days []string
		j := i
		for ; j < len(holidays) && holidays[j].Year == holidays[i].Year && holidays[j].Month == holidays[i].Month; j++ {
			days = append(days, strconv.Itoa(holidays[j].Day))
		}
		groups = append(groups, fmt.Sprintf("%s %s %d", joinWords(days, "and"), monthWords(holidays[i].Month), holidays[i].Year))
		i = j
	}
	return strings.Join(groups, "; ")
}

// Scope.

// scopeWords says which issues an agreement measures: "issues in
// `acme/platform-requests` labelled `platform-request` but not labelled
// `duplicate` or `invalid`". consumers name the consumers, for `authors:
// consumers`.
func scopeWords(sc agreement.Scope, consumers []Text) Text {
	s := plain("issues")
	if sc.IncludePullRequests {
		s = plain("issues and pull requests")
	}
	repos := make([]Text, len(sc.Repos))
	for i, r := range sc.Repos {
		repos[i] = code(string(r))
	}
	s = cat(s, plain(" in "), join(repos, "and"))
	if l := labelWords(sc.LabelFilter); l != nil {
		s = cat(s, plain(" "), l)
	}
	if sc.Authors == agreement.AuthorsConsumers {
		if len(consumers) == 1 {
			s = cat(s, plain(", opened by members of "), consumers[0])
		} else {
			s = cat(s, plain(", opened by members of the consumer teams"))
		}
	}
	return s
}

// labelWords says which labels an issue must carry and must not:
// "labelled `a` and either `P1` or `P2` but not labelled `duplicate`", or
// nothing.
func labelWords(f agreement.LabelFilter) Text {
	all, anyOf, none := f.Labels, f.AnyLabels, f.ExcludeLabels
	var s Text
	switch {
	case len(all) > 0 && len(anyOf) > 1:
		s = cat(plain("labelled "), join(codes(all), "and"), plain(" and either "), join(codes(anyOf), "or"))
	case len(all) > 0:
		s = cat(plain("labelled "), join(codes(append(append([]string(nil), all...), anyOf...)), "and"))
	case len(anyOf) > 0:
		s = cat(plain("labelled "), join(codes(anyOf), "or"))
	}
	if len(none) > 0 {
		if s != nil {
			s = cat(s, plain(" but "))
		}
		s = cat(s, plain("not labelled "), join(codes(none), "or"))
	}
	return s
}

func codes(items []string) []Text {
	out := make([]Text, len(items))
	for i, s := range items {
		out[i] = code(s)
	}
	return out
}
