package agreement

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/calendar"
)

// Values as people write them, read so that a message can give the value
// as sla writes it: "4 hours" → 4h, "1.5h" → 1h30m, 2026-1-1 → 2026-01-01.

var durationPart = regexp.MustCompile(`^(\d{1,6}(?:[.,]\d{1,4})?)\s*([a-z]+)`)

// durationWords are the units people write, and what sla writes for them.
var durationWords = map[string]byte{
	"w": 'w', "wk": 'w', "wks": 'w', "week": 'w', "weeks": 'w',
	"d": 'd', "day": 'd', "days": 'd',
	"h": 'h', "hr": 'h', "hrs": 'h', "hour": 'h', "hours": 'h',
	"m": 'm', "min": 'm', "mins": 'm', "minute": 'm', "minutes": 'm',
	"s": 's', "sec": 's', "secs": 's', "second": 's', "seconds": 's',
}

// unitLength is the length of each unit sla writes, largest first.
var unitLength = []struct {
	unit byte
	d    time.Duration
}{{'w', 7 * 24 * time.Hour}, {'d', 24 * time.Hour}, {'h', time.Hour}, {'m', time.Minute}, {'s', time.Second}}

// rewriteDuration reads a duration written with words, spaces, capitals or
// decimals ("4 hours", "4H", "1.5h", "1 hour 30 min") and writes it as sla
// does, from the largest unit used down: "4h", "4h", "1h30m", "1h30m". It
// returns "" when the text is not such a duration, or is not a whole
// number of minutes.
func rewriteDuration(s string) string {
	rest := strings.ToLower(strings.TrimSpace(s))
	var total time.Duration
	largest := len(unitLength)
	for rest != "" {
		m := durationPart.FindStringSubmatch(rest)
		if m == nil {
			return ""
		}
		unit, ok := durationWords[m[2]]
		if !ok {
			return ""
		}
		i := unitIndex(unit)
		n, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
		if err != nil {
			return ""
		}
		total += time.Duration(math.Round(n * float64(unitLength[i].d)))
		largest = min(largest, i)
		rest = strings.TrimLeft(rest[len(m[0]):], " ,")
		rest = strings.TrimPrefix(rest, "and ")
	}
	if total <= 0 || total%time.Minute != 0 || total > MaxDuration || largest == unitIndex('s') {
		return ""
	}
	var b strings.Builder
	for _, u := range unitLength[largest:] {
		if n := total / u.d; n > 0 {
			fmt.Fprintf(&b, "%d%c", n, u.unit)
			total -= n * u.d
		}
	}
	return b.String()
}

func unitIndex(unit byte) int {
	for i, u := range unitLength {
		if u.unit == unit {
			return i
		}
	}
	return -1
}

// durationProblem says what is wrong with a within that is not a
// duration, and what to write, under the calendar it counts in: under a
// business calendar only hours and minutes, since a business day has no
// fixed length.
func durationProblem(s string, cal Name, err error) string {
	business := cal != "" && cal != AlwaysOpen
	units, examples := "w, d, h, m", "30m, 4h, 1h30m, 2d"
	if business {
		units, examples = "h and m", "30m, 4h, 1h30m"
	}
	form := fmt.Sprintf("whole numbers with units %s, largest first, e.g. %s", units, examples)
	fixed := rewriteDuration(s)
	switch {
	case fixed != "" && business && strings.ContainsAny(fixed, "wd"):
		return fmt.Sprintf("%q is not a duration, and under calendar %s within counts business time, where a day is not 24 hours: write hours, e.g. 16h for two 8-hour days", s, cal)
	case fixed != "":
		return fmt.Sprintf("%q is not a duration: write %s (%s)", s, fixed, form)
	case strings.Contains(err.Error(), "has no unit"):
		return err.Error()
	}
	return fmt.Sprintf("%q is not a duration: write %s", s, form)
}

// rewriteWindow reads a window written as words: "4 weeks" → 4w,
// "monthly" → month.
func rewriteWindow(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "monthly", "months", "1 month", "a month", "calendar month", "1mo", "1 mo":
		return PeriodMonth
	case "quarterly", "quarters", "1 quarter", "a quarter", "calendar quarter", "1q", "q":
		return PeriodQuarter
	}
	return rewriteDuration(s)
}

var (
	yearFirst = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	dayFirst  = regexp.MustCompile(`^(\d{1,2})([./-])(\d{1,2})[./-](\d{4})$`)
)

// rewriteDate reads a date written another way and writes it YYYY-MM-DD:
// 2026-1-1 → 2026-01-01, 2026/12/24 and 24.12.2026 → 2026-12-24. A date
// written with the day and month in an order that cannot be told apart
// (12/11/2026) gives "".
func rewriteDate(s string) string {
	s = strings.TrimSpace(s)
	var y, mo, d string
	switch m := yearFirst.FindStringSubmatch(s); {
	case m != nil:
		y, mo, d = m[1], m[2], m[3]
	default:
		m = dayFirst.FindStringSubmatch(s)
		if m == nil {
			return ""
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		switch {
		case m[2] == ".": // 24.12.2026: day first, as written where dots are
			d, mo = m[1], m[3]
		case a > 12:
			d, mo = m[1], m[3]
		case b > 12:
			mo, d = m[1], m[3]
		default:
			return ""
		}
		y = m[4]
	}
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(mo)
	day, _ := strconv.Atoi(d)
	out := fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	if _, err := calendar.ParseDate(out); err != nil || out == s {
		return ""
	}
	return out
}

// Abbreviations that no zone has as its name but that stand for one
// region: summer-time abbreviations of US zones, and zones without summer
// time. Others (CST, IST, BST, AEST, CEST) stand for several.
var zoneAbbreviations = map[string]string{
	"PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "EDT": "America/New_York",
	"CDT": "America/Chicago", "MDT": "America/Denver", "AKST": "America/Anchorage", "AKDT": "America/Anchorage",
	"JST": "Asia/Tokyo", "KST": "Asia/Seoul", "SGT": "Asia/Singapore", "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland",
}

var zoneAreas = []string{"Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian"}

// rewriteTimezone finds the IANA zone a name that does not load stands
// for: an abbreviation of one region (PST), a zone in the wrong case
// (europe/berlin), or a city without its area (New York, Berlin) when only
// one area has it. It returns "" otherwise.
func rewriteTimezone(s string) string {
	s = strings.TrimSpace(s)
	if zone, ok := zoneAbbreviations[strings.ToUpper(s)]; ok {
		return zone
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' })
	for i, w := range words {
		parts := strings.Split(w, "/")
		for j, p := range parts {
			if p != "" {
				parts[j] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
			}
		}
		words[i] = strings.Join(parts, "/")
	}
	name := strings.Join(words, "_")
	if name == "" {
		return ""
	}
	loads := func(z string) bool { _, err := time.LoadLocation(z); return err == nil && z != s }
	if strings.Contains(name, "/") {
		if loads(name) {
			return name
		}
		return ""
	}
	var found []string
	for _, area := range zoneAreas {
		if loads(area + "/" + name) {
			found = append(found, area+"/"+name)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
}
