package describe

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/calendar"
)

// The wording helpers.

// marked writes a text in the notation of these tests: its words, with
// the code between backticks.
func marked(t Text) string {
	var b strings.Builder
	for _, in := range t {
		if in.Code {
			b.WriteString("`" + in.Words + "`")
		} else {
			b.WriteString(in.Words)
		}
	}
	return b.String()
}

// cat merges neighbours that render alike, and only those.
func TestCat(t *testing.T) {
	got := cat(plain("issues in "), code("acme/a"), plain(""), code("acme/b"), plain(" and"), plain(" more"),
		strong("Hours:"), strong(" all"), link("x", "a-x"), link("y", "a-y"))
	want := Text{{Words: "issues in "}, {Words: "acme/a", Code: true}, {Words: "acme/b", Code: true}, {Words: " and more"},
		{Words: "Hours: all", Strong: true}, {Words: "x", Link: "a-x"}, {Words: "y", Link: "a-y"}}
	if !slices.Equal(got, want) {
		t.Errorf("cat = %+v\nwant %+v", got, want)
	}
	if s := got.String(); s != "issues in acme/aacme/b and moreHours: allxy" {
		t.Errorf("String() = %q", s)
	}
}

func TestJoinWords(t *testing.T) {
	for _, tc := range []struct {
		items []string
		conj  string
		want  string
	}{
		{nil, "and", ""},
		{[]string{"a"}, "and", "a"},
		{[]string{"a", "b"}, "or", "a or b"},
		{[]string{"a", "b", "c"}, "and", "a, b and c"},
	} {
		if got := joinWords(tc.items, tc.conj); got != tc.want {
			t.Errorf("joinWords(%q, %s) = %q, want %q", tc.items, tc.conj, got, tc.want)
		}
	}
}

func duration(raw string, d time.Duration) agreement.Duration {
	return agreement.Duration{Raw: raw, D: d}
}

func TestDurationWords(t *testing.T) {
	for _, tc := range []struct {
		d                  agreement.Duration
		words, businessHrs string
	}{
		{duration("4h", 4*time.Hour), "4 hours", "4 business hours"},
		{duration("1h", time.Hour), "1 hour", "1 business hour"},
		{duration("16h", 16*time.Hour), "16 hours", "16 business hours"},
		{duration("30m", 30*time.Minute), "30 minutes", "30 business minutes"},
		{duration("1m", time.Minute), "1 minute", "1 business minute"},
		{duration("1h30m", 90*time.Minute), "1 hour 30 minutes", "1 hour 30 minutes of business time"},
		{duration("1d", 24*time.Hour), "1 day", "1 business day"},
		{duration("1w2d", 9*24*time.Hour), "1 week 2 days", "1 week 2 days of business time"},
		// Written as 90m, said as 90 minutes: the words follow the file.
		{duration("90m", 90*time.Minute), "90 minutes", "90 business minutes"},
		// Known by value only: hours and minutes.
		{duration("", 150*time.Minute), "2 hours 30 minutes", "2 hours 30 minutes of business time"},
	} {
		if got := durationWords(tc.d); got != tc.words {
			t.Errorf("durationWords(%q) = %q, want %q", tc.d.Raw, got, tc.words)
		}
		if got := businessWords(tc.d); got != tc.businessHrs {
			t.Errorf("businessWords(%q) = %q, want %q", tc.d.Raw, got, tc.businessHrs)
		}
	}
}

func TestWindowWords(t *testing.T) {
	for _, tc := range []struct {
		w    agreement.Window
		want string
	}{
		{agreement.Window{Raw: "28d", D: 28 * 24 * time.Hour}, "over the last 28 days"},
		{agreement.Window{Raw: "1w", D: 7 * 24 * time.Hour}, "over the last week"},
		{agreement.Window{Raw: "1d", D: 24 * time.Hour}, "over the last day"},
		{agreement.Window{Raw: "2w3d", D: 17 * 24 * time.Hour}, "over the last 2 weeks 3 days"},
		{agreement.Window{Raw: "month", Period: agreement.PeriodMonth}, "per calendar month"},
		{agreement.Window{Raw: "quarter", Period: agreement.PeriodQuarter}, "per calendar quarter"},
	} {
		if got := windowWords(tc.w); got != tc.want {
			t.Errorf("windowWords(%q) = %q, want %q", tc.w.Raw, got, tc.want)
		}
	}
}

func TestDateWords(t *testing.T) {
	if got := dateWords(calendar.Date{Year: 2026, Month: time.October, Day: 1}); got != "1 Oct 2026" {
		t.Errorf("dateWords = %q, want 1 Oct 2026", got)
	}
}

func TestHolidayWords(t *testing.T) {
	d := func(y int, m time.Month, day int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: day} }
	for _, tc := range []struct {
		in   []calendar.Date
		want string
	}{
		{nil, ""},
		{[]calendar.Date{d(2026, 12, 24)}, "24 Dec 2026"},
		{[]calendar.Date{d(2026, 12, 24), d(2026, 12, 25), d(2026, 12, 31), d(2027, 1, 1)}, "24, 25 and 31 Dec 2026; 1 Jan 2027"},
		// The same month of two years is two groups.
		{[]calendar.Date{d(2026, 5, 1), d(2027, 5, 1), d(2027, 5, 8)}, "1 May 2026; 1 and 8 May 2027"},
	} {
		if got := holidayWords(tc.in); got != tc.want {
			t.Errorf("holidayWords(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDaysWords(t *testing.T) {
	// Indexes into calendar.MondayFirst: 0 = Mon … 6 = Sun.
	for _, tc := range []struct {
		days []int
		want string
	}{
		{[]int{0}, "Mon"},
		{[]int{0, 1}, "Mon and Tue"},
		{[]int{0, 1, 2, 3}, "Mon–Thu"},
		{[]int{0, 1, 2, 3, 4}, "Mon–Fri"},
		{[]int{0, 2, 4}, "Mon, Wed and Fri"},
		{[]int{0, 1, 2, 4, 5}, "Mon–Wed, Fri and Sat"},
		{[]int{0, 1, 2, 4, 5, 6}, "Mon–Wed and Fri–Sun"},
		{[]int{0, 1, 2, 3, 4, 5, 6}, "every day"},
	} {
		if got := daysWords(tc.days); got != tc.want {
			t.Errorf("daysWords(%v) = %q, want %q", tc.days, got, tc.want)
		}
	}
}

// rng parses a range such as "09:00-17:00".
func rng(s string) calendar.Range {
	r, err := calendar.ParseRange(s)
	if err != nil {
		panic(err)
	}
	return r
}

func TestRangesWords(t *testing.T) {
	for _, tc := range []struct {
		in   []calendar.Range
		want string
	}{
		{[]calendar.Range{rng("09:00-17:00")}, "09:00–17:00"},
		{[]calendar.Range{rng("08:30-12:30"), rng("13:30-17:30")}, "08:30–12:30 and 13:30–17:30"},
		{[]calendar.Range{rng("08:00-10:00"), rng("10:30-12:00"), rng("13:00-16:00")}, "08:00–10:00, 10:30–12:00 and 13:00–16:00"},
		{[]calendar.Range{rng("20:00-24:00")}, "20:00–24:00"},
		{[]calendar.Range{rng("00:00-24:00")}, "all day"},
	} {
		if got := rangesWords(tc.in); got != tc.want {
			t.Errorf("rangesWords(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWeekWords(t *testing.T) {
	nine := []calendar.Range{rng("09:00-17:00")}
	early := []calendar.Range{rng("09:00-15:00")}
	var week [7][]calendar.Range
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday} {
		week[d] = nine
	}
	week[time.Friday] = early
	if got, want := weekWords(week), "Mon–Thu 09:00–17:00, Fri 09:00–15:00"; got != want {
		t.Errorf("weekWords = %q, want %q", got, want)
	}
	for d := range week {
		week[d] = []calendar.Range{rng("00:00-24:00")}
	}
	if got, want := weekWords(week), "around the clock"; got != want {
		t.Errorf("weekWords(always) = %q, want %q", got, want)
	}
	if got, want := weekWords([7][]calendar.Range{}), "closed every day"; got != want {
		t.Errorf("weekWords(never) = %q, want %q", got, want)
	}
}

func TestCalendarWords(t *testing.T) {
	if got, want := calendarWords(calendar.AlwaysOpen()), "around the clock (UTC)"; got != want {
		t.Errorf("calendarWords(24x7) = %q, want %q", got, want)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	var week [7][]calendar.Range
	for d := time.Monday; d <= time.Thursday; d++ {
		week[d] = []calendar.Range{rng("09:00-17:00")}
	}
	week[time.Friday] = []calendar.Range{rng("09:00-15:00")}
	holidays := []calendar.Date{{Year: 2026, Month: 12, Day: 31}, {Year: 2026, Month: 12, Day: 24}, {Year: 2026, Month: 12, Day: 25}}
	c, err := calendar.New("berlin", berlin, week, holidays)
	if err != nil {
		t.Fatal(err)
	}
	want := "Mon–Thu 09:00–17:00, Fri 09:00–15:00, Europe/Berlin; closed 24, 25 and 31 Dec 2026"
	if got := calendarWords(c); got != want {
		t.Errorf("calendarWords = %q, want %q", got, want)
	}
}

func TestLabelWords(t *testing.T) {
	for _, tc := range []struct {
		all, anyOf, none []string
		want             string
	}{
		{nil, nil, nil, ""},
		{[]string{"platform-request"}, nil, nil, "labelled `platform-request`"},
		{[]string{"a", "b"}, nil, nil, "labelled `a` and `b`"},
		{nil, []string{"P1", "P2"}, nil, "labelled `P1` or `P2`"},
		{nil, nil, []string{"duplicate", "invalid"}, "not labelled `duplicate` or `invalid`"},
		{[]string{"a"}, []string{"P1", "P2"}, nil, "labelled `a` and either `P1` or `P2`"},
		{[]string{"a"}, []string{"P1"}, nil, "labelled `a` and `P1`"},
		{[]string{"P1"}, nil, []string{"blocked"}, "labelled `P1` but not labelled `blocked`"},
		{nil, []string{"P1", "P2", "P3"}, []string{"x"}, "labelled `P1`, `P2` or `P3` but not labelled `x`"},
	} {
		if got := marked(labelWords(agreement.LabelFilter{Labels: tc.all, AnyLabels: tc.anyOf, ExcludeLabels: tc.none})); got != tc.want {
			t.Errorf("labelWords(%q, %q, %q) = %q, want %q", tc.all, tc.anyOf, tc.none, got, tc.want)
		}
	}
}

func TestScopeWords(t *testing.T) {
	sc := agreement.Scope{Repos: []agreement.Repo{"acme/a", "acme/b"}, LabelFilter: agreement.LabelFilter{Labels: []string{"req"}}, Authors: agreement.AuthorsConsumers, IncludePullRequests: true}
	want := "issues and pull requests in `acme/a` and `acme/b` labelled `req`, opened by members of the consumer teams"
	if got := marked(scopeWords(sc, []Text{plain("Payments"), plain("Growth")})); got != want {
		t.Errorf("scopeWords = %q, want %q", got, want)
	}
	want = "issues and pull requests in `acme/a` and `acme/b` labelled `req`, opened by members of Growth"
	if got := marked(scopeWords(sc, []Text{plain("Growth")})); got != want {
		t.Errorf("scopeWords(one consumer) = %q, want %q", got, want)
	}
	sc = agreement.Scope{Repos: []agreement.Repo{"acme/a"}, Authors: agreement.AuthorsAnyone}
	if got, want := marked(scopeWords(sc, nil)), "issues in `acme/a`"; got != want {
		t.Errorf("scopeWords(plain) = %q, want %q", got, want)
	}
}

func TestParagraphs(t *testing.T) {
	got := paragraphs("one\ntwo\n\n  \nthree  four\n")
	if len(got) != 2 || got[0] != "one two" || got[1] != "three four" {
		t.Errorf("paragraphs = %q, want [\"one two\" \"three four\"]", got)
	}
}
