package agreement

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/diag"
	"gopkg.in/yaml.v3"
)

// A scalar is a value type that parses itself from the text of a YAML
// scalar, reporting what is wrong in a user's words with its own rule id.
type scalar interface {
	setScalar(text string) *valueError
}

type valueError struct {
	rule diag.Rule
	msg  string
}

func badValue(rule diag.Rule, format string, args ...any) *valueError {
	return &valueError{rule: rule, msg: fmt.Sprintf(format, args...)}
}

// Name is a lowercase DNS label: metadata names and references to them.
type Name string

var dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

// Valid reports whether the name is a lowercase DNS label.
func (n Name) Valid() bool { return len(n) <= 63 && dnsLabel.MatchString(string(n)) }

func (n *Name) setScalar(s string) *valueError {
	*n = Name(s)
	if n.Valid() {
		return nil
	}
	msg := n.Problem()
	if fixed := NameFor(s); fixed != "" && fixed != s {
		msg += fmt.Sprintf(" (e.g. %q)", fixed)
	}
	return badValue(diag.InvalidName, "%s", msg)
}

// Problem says why a name is not valid, or returns "" for a valid one.
func (n Name) Problem() string {
	if n.Valid() {
		return ""
	}
	return fmt.Sprintf("%q is not a valid name: use lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters", string(n))
}

// NameFor makes a name of any text: "Identity & Access" → "identity-access".
func NameFor(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 63 {
		out = strings.TrimRight(out[:63], "-")
	}
	return out
}

// Login is a GitHub login.
type Login string

var loginPattern = regexp.MustCompile(`^[A-Za-z0-9](?:-?[A-Za-z0-9])*$`)

func validLogin(s string) bool { return len(s) <= 39 && loginPattern.MatchString(s) }

func (l *Login) setScalar(s string) *valueError {
	*l = Login(s)
	if validLogin(s) {
		return nil
	}
	hint := ""
	if strings.HasPrefix(s, "@") && validLogin(s[1:]) {
		hint = fmt.Sprintf(" (write %q, without the @)", s[1:])
	}
	return badValue(diag.InvalidLogin, "%q is not a GitHub login: letters, digits and single hyphens, at most 39 characters, not starting or ending with a hyphen%s", s, hint)
}

// GitHubTeam is an organisation team, "org/team-slug".
type GitHubTeam string

var teamSlug = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

func (g *GitHubTeam) setScalar(s string) *valueError {
	*g = GitHubTeam(s)
	org, slug, ok := strings.Cut(s, "/")
	if ok && validLogin(org) && teamSlug.MatchString(slug) {
		return nil
	}
	return badValue(diag.InvalidGitHubTeam, "%q is not a GitHub team: write org/team-slug, e.g. \"acme/platform\"", s)
}

// Repo is a GitHub repository, "owner/name".
type Repo string

var repoName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

// Valid reports whether the repository is owner/name: a GitHub login, and
// a name of letters, digits, '.', '-' and '_' (not "." or "..").
func (r Repo) Valid() bool {
	owner, name, ok := strings.Cut(string(r), "/")
	return ok && validLogin(owner) && repoName.MatchString(name) && name != "." && name != ".."
}

func (r *Repo) setScalar(s string) *valueError {
	*r = Repo(s)
	if r.Valid() {
		return nil
	}
	example := "acme/platform-requests"
	if u := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "github.com/"), ".git"); u != s {
		example = u
	}
	return badValue(diag.InvalidRepo, "%q is not a repository: write owner/name, e.g. %q", s, example)
}

// Owner and Name split the repository.
func (r Repo) Split() (owner, name string) {
	owner, name, _ = strings.Cut(string(r), "/")
	return owner, name
}

// Timezone is an IANA time zone, loaded.
type Timezone struct {
	Name     string
	Location *time.Location
}

func (z *Timezone) setScalar(s string) *valueError {
	z.Name = s
	if s == "" || s == "Local" {
		return badValue(diag.UnknownTimezone, "timezone must be an IANA name such as \"Europe/Berlin\" or \"UTC\"")
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		hint := ""
		if zone := rewriteTimezone(s); zone != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", zone)
		}
		return badValue(diag.UnknownTimezone, "unknown time zone %q: use an IANA name such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\"%s", s, hint)
	}
	z.Location = loc
	return nil
}

// Date is a civil date, YYYY-MM-DD.
type Date struct {
	calendar.Date
	Set bool // false when the field was not written
}

func (d *Date) setScalar(s string) *valueError {
	cd, err := calendar.ParseDate(s)
	if err != nil {
		if fixed := rewriteDate(s); fixed != "" {
			return badValue(diag.InvalidDate, "%q: dates must be written YYYY-MM-DD: write %s", s, fixed)
		}
		return badValue(diag.InvalidDate, "%v", err)
	}
	d.Date, d.Set = cd, true
	return nil
}

// Duration is a length of time as written: 30m, 4h, 1h30m, 2d, 1w.
type Duration struct {
	Raw string
	D   time.Duration
	// Days is true when it uses d or w, which under a business calendar
	// would be ambiguous (a business day is not 24 hours).
	Days bool
}

var durationUnits = []struct {
	unit byte
	d    time.Duration
}{{'w', 7 * 24 * time.Hour}, {'d', 24 * time.Hour}, {'h', time.Hour}, {'m', time.Minute}}

// decodeNode reads a within, whose message when it is not a duration
// depends on the calendar it counts in.
func (d *Duration) decodeNode(dec *decoder, n *yaml.Node) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.ScalarNode {
		dec.diags.Add(nodePos(dec.file, n), diag.WrongType, "expected a single value, not %s", describe(n))
		return
	}
	if err := d.set(n.Value, dec.calendar()); err != nil {
		dec.diags.Add(nodePos(dec.file, n), err.rule, "%s", err.msg)
	}
}

func (d *Duration) setScalar(s string) *valueError { return d.set(s, AlwaysOpen) }

func (d *Duration) set(s string, cal Name) *valueError {
	d.Raw = s
	v, days, err := parseDuration(s)
	if errors.Is(err, errTooLong) {
		return badValue(diag.InvalidDuration, "within %q is longer than %s, the longest sla measures: a promise that long can never be checked", s, maxDurationText)
	}
	if err != nil {
		return badValue(diag.InvalidDuration, "%s", durationProblem(s, cal, err))
	}
	if v <= 0 {
		return badValue(diag.InvalidDuration, "duration %q is zero: it must be more than zero", s)
	}
	d.D, d.Days = v, days
	return nil
}

// MaxDuration is the longest within and the longest rolling window: ten
// years of 365 days. Far past any promise between teams, and far below
// what time.Duration holds (about 292 years), so that no sum of a
// duration's parts can overflow and wrap round to a short or negative
// one.
const MaxDuration = 3650 * 24 * time.Hour

const maxDurationText = "3650d (10 years)"

// errTooLong is what parseDuration returns for a duration past MaxDuration.
var errTooLong = errors.New("longer than " + maxDurationText)

// parseDuration parses whole numbers with the units w, d, h and m, largest
// first, each at most once, up to MaxDuration.
func parseDuration(s string) (time.Duration, bool, error) {
	bad := fmt.Errorf("%q is not a duration: write whole numbers with units w, d, h, m, largest first, e.g. 30m, 4h, 1h30m, 2d", s)
	if s == "" {
		return 0, false, bad
	}
	if _, err := strconv.Atoi(s); err == nil {
		return 0, false, fmt.Errorf("%q has no unit: write %sh for hours or %sm for minutes", s, s, s)
	}
	var total time.Duration
	days, tooLong := false, false
	next := 0 // index into durationUnits: units must come in order
	for rest := s; rest != ""; {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) || i > 6 {
			return 0, false, bad
		}
		n, _ := strconv.Atoi(rest[:i])
		u := -1
		for j := next; j < len(durationUnits); j++ {
			if durationUnits[j].unit == rest[i] {
				u = j
			}
		}
		if u < 0 {
			return 0, false, bad
		}
		// Each part, and so the sum of at most four, stays within
		// MaxDuration before it is added: nothing overflows.
		if unit := durationUnits[u].d; tooLong || time.Duration(n) > MaxDuration/unit {
			tooLong = true
		} else if total += time.Duration(n) * unit; total > MaxDuration {
			tooLong = true
		}
		days = days || u < 2
		next = u + 1
		rest = rest[i+1:]
	}
	if tooLong {
		return 0, false, errTooLong
	}
	return total, days, nil
}

// String prints the duration as written.
func (d Duration) String() string { return d.Raw }

// Window is the period an agreement measures: a rolling duration, or the
// calendar month or quarter containing the evaluation time.
type Window struct {
	Raw    string
	Period string // "month", "quarter", or "" for a rolling window
	D      time.Duration
}

// Window periods.
const (
	PeriodMonth   = "month"
	PeriodQuarter = "quarter"
)

func (w *Window) setScalar(s string) *valueError {
	w.Raw = s
	if s == PeriodMonth || s == PeriodQuarter {
		w.Period = s
		return nil
	}
	v, _, err := parseDuration(s)
	if errors.Is(err, errTooLong) {
		return badValue(diag.InvalidWindow, "window %q is longer than %s, the longest sla measures: use a shorter window", s, maxDurationText)
	}
	if err != nil {
		msg := fmt.Sprintf("window %q must be a duration such as 28d, or month or quarter", s)
		if fixed := rewriteWindow(s); fixed != "" {
			msg += ": write " + fixed
		}
		return badValue(diag.InvalidWindow, "%s", msg)
	}
	if v <= 0 {
		return badValue(diag.InvalidWindow, "window %q is zero: it must be more than zero", s)
	}
	w.D = v
	return nil
}

// Target is the share of clocks that must meet an objective, held exactly
// as integer parts per million (0.1% = 1000 ppm): no floating point.
type Target struct {
	Raw string
	PPM int64
}

// What a target must be, in the words the JSON Schema gives editors.
const (
	targetForm   = "must be a percentage such as 90% or 99.5%, or a fraction such as 0.9, more than 0% and at most 100%"
	targetNumber = "is not a share: a bare number is a fraction, more than 0 and at most 1; a percentage ends in %"
)

// Million is the PPM of 100%.
const Million = 1_000_000

func (t *Target) setScalar(s string) *valueError {
	t.Raw = s
	percent := strings.HasSuffix(s, "%")
	num := strings.TrimSuffix(s, "%")
	scale := 6 // digits after the point that make ppm for a fraction
	if percent {
		scale = 4
	}
	ppm, ok := parseDecimal(num, scale)
	if !ok {
		return badValue(diag.InvalidTarget, "target %q %s", s, targetForm)
	}
	if ppm <= 0 || ppm > Million {
		_, frac, _ := strings.Cut(num, ".")
		if !percent && ppm > Million && ppm <= 100*Million && len(frac) <= 4 {
			// Meant as a percentage: 90 → 90% or 0.9.
			return badValue(diag.InvalidTarget, "target %s %s: write %s%% or %s", s, targetNumber, num, fraction(ppm/100))
		}
		return badValue(diag.InvalidTarget, "target %s must be more than 0%% and at most 100%%", s)
	}
	t.PPM = ppm
	return nil
}

// fraction prints parts per million as a decimal fraction: 900000 → 0.9.
func fraction(ppm int64) string {
	if ppm%Million == 0 {
		return strconv.FormatInt(ppm/Million, 10)
	}
	return strings.TrimRight(fmt.Sprintf("%d.%06d", ppm/Million, ppm%Million), "0")
}

// parseDecimal parses a non-negative decimal and returns it times 10^scale
// as an integer; more fractional digits than scale are refused.
func parseDecimal(s string, scale int) (int64, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 9 || len(frac) > scale || strings.Trim(whole+frac, "0123456789") != "" {
		return 0, false
	}
	frac += strings.Repeat("0", scale-len(frac))
	v, err := strconv.ParseInt(whole+frac, 10, 64)
	return v, err == nil
}

// Fraction returns the target as a float, for display and JSON only.
func (t Target) Fraction() float64 { return float64(t.PPM) / Million }

// String prints the target as a percentage with what precision it needs.
func (t Target) String() string {
	s := strconv.FormatFloat(float64(t.PPM)/10000, 'f', -1, 64)
	return s + "%"
}
