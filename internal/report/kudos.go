package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter/tw"
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/kudos"
	"github.com/sla-dev/sla/internal/text"
)

// kudosWords words what kudos found, each text from the agreements made
// safe by esc (text.Escape on a terminal, text.Markdown in Markdown,
// nothing for html/template, which escapes).
type kudosWords struct {
	k   *kudos.Kudos
	esc func(string) string
}

// parties names who keeps an objective's promise and for whom: "Platform
// Engineering → Payments", "Payments → Growth and Mobile Apps". Three teams
// or more on a side are counted and the agreement named instead, to keep
// the line short: "Platform Engineering → 4 consumers (platform-requests)".
func (w kudosWords) parties(o *compliance.Objective) string {
	keepers, forTeams := kudos.Keepers(o)
	return w.teams(keepers, o) + " → " + w.teams(forTeams, o)
}

func (w kudosWords) teams(names []agreement.Name, o *compliance.Objective) string {
	if len(names) > 2 {
		return fmt.Sprintf("%d consumers (%s)", len(names), w.esc(string(o.Agreement.Metadata.Name)))
	}
	titles := make([]string, len(names))
	for i, n := range names {
		titles[i] = w.esc(w.k.Titles[n])
	}
	return strings.Join(titles, " and ")
}

// promise names an objective as words: "first response".
func (w kudosWords) promise(o *compliance.Objective) string {
	return w.esc(strings.ReplaceAll(string(o.Def.Name), "-", " "))
}

// kudo is what is said of one objective: who keeps its promise for
// whom (parties), the promise, and what it did: "Platform Engineering →
// Payments", "first response", "kept 9 weeks in a row".
type kudo struct {
	objective             *compliance.Objective
	parties, promise, did string
}

// sentence is the kudo in one line: "Platform Engineering → Payments:
// first response kept 9 weeks in a row".
func (k kudo) sentence() string { return k.parties + ": " + k.promise + " " + k.did }

// streak words a streak ("at least 13 weeks" when it reaches the
// earliest point looked at).
func (w kudosWords) streak(s *kudos.Streak) kudo {
	o := s.Result.Objective
	weeks := fmt.Sprintf("%d weeks", s.Weeks)
	if s.AtLeast {
		weeks = "at least " + weeks
	}
	return kudo{o, w.parties(o), w.promise(o), "kept " + weeks + " in a row"}
}

// improvement words an improvement: "up from 80.3% to 95.0% (+14.7
// points)".
func (w kudosWords) improvement(i *kudos.Improvement) kudo {
	o := i.Result.Objective
	return kudo{o, w.parties(o), w.promise(o),
		fmt.Sprintf("up from %s to %s (%s)", pointAttainment(&i.From), pointAttainment(&i.To), risePoints(i.RisePPM))}
}

func pointAttainment(p *compliance.Point) string {
	a, _ := p.Attainment()
	return Percent(a)
}

// risePoints shows a rise in percentage points, truncated to a tenth:
// "+14.7 points".
func risePoints(ppm int64) string {
	tenths := ppm / 1000
	return fmt.Sprintf("+%d.%d points", tenths/10, tenths%10)
}

// thanked names a row of thanks: the provider team, or the person with
// their teams ("alice (Platform Engineering)").
func (w kudosWords) thanked(t *kudos.Thanks) (who, teams string) {
	titles := make([]string, len(t.Teams))
	for i, n := range t.Teams {
		titles[i] = w.esc(w.k.Titles[n])
	}
	return w.esc(t.Login), strings.Join(titles, ", ")
}

// kudos words the streaks and the improvements, in their order.
func (w kudosWords) kudos() (streaks, improved []kudo) {
	for i := range w.k.Streaks {
		streaks = append(streaks, w.streak(&w.k.Streaks[i]))
	}
	for i := range w.k.Improved {
		improved = append(improved, w.improvement(&w.k.Improved[i]))
	}
	return streaks, improved
}

// writeSentences writes each kudo as a sentence after prefix, or none
// alone.
func writeSentences(b *strings.Builder, list []kudo, prefix, none string) {
	for _, k := range list {
		b.WriteString(prefix + k.sentence() + "\n")
	}
	if len(list) == 0 {
		b.WriteString(none + "\n")
	}
}

// writeGrouped writes kudos for a terminal, within its 80 columns: under
// each pair of parties (in the order their first kudo comes), its
// promises, aligned, and what each did.
func writeGrouped(b *strings.Builder, list []kudo) {
	if len(list) == 0 {
		b.WriteString("  none\n")
		return
	}
	var order []string
	groups := map[string][]kudo{}
	width := 0
	for _, k := range list {
		if groups[k.parties] == nil {
			order = append(order, k.parties)
		}
		groups[k.parties] = append(groups[k.parties], k)
		width = max(width, text.Width(k.promise))
	}
	for _, parties := range order {
		b.WriteString("  " + parties + "\n")
		for _, k := range groups[parties] {
			b.WriteString("    " + k.promise + strings.Repeat(" ", width-text.Width(k.promise)) + "  " + k.did + "\n")
		}
	}
}

// kudosDay shows a point of the trend as a day: "4 Sep 2026".
func kudosDay(t time.Time) string { return t.UTC().Format("2 Jan 2006") }

// kudosHeadings are the sections' titles, for every format.
func kudosHeadings(k *kudos.Kudos) (streaks, improved, thanks string) {
	return fmt.Sprintf("met at every weekly point, counting back from now (%d weeks or more)", kudos.MinStreak),
		fmt.Sprintf("attainment up %d points or more since %s", kudos.ImprovedPPM/10_000, kudosDay(k.From)),
		"❤️ and 🎉 from consumers on the provider's comments"
}

// kudosSpan says when and how far back: "as of 2026-11-27 09:00 UTC,
// looking back 12 weeks (to 4 Sep 2026)".
func kudosSpan(k *kudos.Kudos) string {
	return fmt.Sprintf("as of %s, looking back %s (to %s)", k.At.UTC().Format("2006-01-02 15:04 MST"),
		text.Plural(k.Weeks, "week"), kudosDay(k.From))
}

// WriteKudosTable prints kudos for a terminal: the streaks and the
// improvements under the teams they are about, the thanks as a table, then
// the instant and how far back it looked.
func WriteKudosTable(w io.Writer, k *kudos.Kudos) error {
	words := kudosWords{k, text.Escape}
	hStreaks, hImproved, hThanks := kudosHeadings(k)
	var b strings.Builder
	streaks, improved := words.kudos()
	fmt.Fprintf(&b, "Streaks: %s\n", hStreaks)
	writeGrouped(&b, streaks)
	fmt.Fprintf(&b, "\nMost improved: %s\n", hImproved)
	writeGrouped(&b, improved)
	fmt.Fprintf(&b, "\nThanks: %s\n", hThanks)
	if len(k.Thanks) == 0 {
		b.WriteString("  none\n")
	} else {
		var buf bytes.Buffer
		// By team: the kinds of thanks too. By person, the person and the
		// team take the room, and the kinds stay in -o json and markdown,
		// so that a row fits 80 columns.
		header := []any{"TEAM", "THANKS", "HEART", "HOORAY", "PEOPLE", "COMMENTS"}
		align := tw.Alignment{tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight}
		if k.By == kudos.ByPerson {
			header = []any{"PERSON", "TEAM", "THANKS", "PEOPLE", "COMMENTS"}
			align = tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight}
		}
		t := NewPlainTable(&buf, align)
		t.Header(header...)
		for i := range k.Thanks {
			th := &k.Thanks[i]
			who, teams := words.thanked(th)
			row := []any{teams, th.Total(), th.Heart, th.Hooray, th.People, th.Comments}
			if k.By == kudos.ByPerson {
				row = []any{who, teams, th.Total(), th.People, th.Comments}
			}
			if err := t.Append(row...); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		for line := range strings.Lines(buf.String()) {
			b.WriteString("  " + strings.TrimRight(line, " \n") + "\n")
		}
	}
	b.WriteString("\n")
	if len(k.Missing) > 0 {
		fmt.Fprintf(&b, "* incomplete: %s could not be read: the objectives resting on it are left out, and thanks in it are not counted\n\n",
			text.Escape(strings.Join(k.Missing, ", ")))
	}
	fmt.Fprintf(&b, "Kudos %s.\n", kudosSpan(k))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteKudosMarkdown prints kudos for a GitHub step summary or an issue
// comment: a headline, the streaks and improvements as lists, the thanks
// as a table. Text from the agreements is escaped (text.Markdown).
func WriteKudosMarkdown(w io.Writer, k *kudos.Kudos) error {
	words := kudosWords{k, text.Markdown}
	hStreaks, hImproved, hThanks := kudosHeadings(k)
	var b strings.Builder
	fmt.Fprintf(&b, "**Kudos** — %s\n\n", kudosSpan(k))
	if len(k.Missing) > 0 {
		fmt.Fprintf(&b, "Incomplete: %s could not be read.\n\n", text.Markdown(strings.Join(k.Missing, ", ")))
	}
	streaks, improved := words.kudos()
	fmt.Fprintf(&b, "### Streaks\n\n%s\n\n", capitalize(hStreaks))
	writeSentences(&b, streaks, "- ", "None yet.")
	fmt.Fprintf(&b, "\n### Most improved\n\n%s\n\n", capitalize(hImproved))
	writeSentences(&b, improved, "- ", "None.")
	fmt.Fprintf(&b, "\n### Thanks\n\n%s\n\n", hThanks)
	if len(k.Thanks) == 0 {
		b.WriteString("None yet.\n")
	} else {
		if k.By == kudos.ByPerson {
			b.WriteString("| Person | Team | Thanks | ❤️ | 🎉 | From | On |\n|---|---|--:|--:|--:|--:|--:|\n")
		} else {
			b.WriteString("| Team | Thanks | ❤️ | 🎉 | From | On |\n|---|--:|--:|--:|--:|--:|\n")
		}
		for i := range k.Thanks {
			th := &k.Thanks[i]
			who, teams := words.thanked(th)
			b.WriteString("| ")
			if k.By == kudos.ByPerson {
				b.WriteString(who + " | ")
			}
			fmt.Fprintf(&b, "%s | %d | %d | %d | %s | %s |\n", teams, th.Total(), th.Heart, th.Hooray,
				text.Plural(th.People, "person"), text.Plural(th.Comments, "comment"))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// The JSON layout of `sla kudos`: times RFC 3339 UTC, attainments and
// rises as exact fractions.
type jsonKudos struct {
	SLAVersion  string         `json:"sla_version"`
	EvaluatedAt time.Time      `json:"evaluated_at"`
	Weeks       int            `json:"weeks"`
	From        time.Time      `json:"from"`
	By          string         `json:"by"`
	Streaks     []jsonStreak   `json:"streaks"`
	Improved    []jsonImproved `json:"most_improved"`
	Thanks      []jsonThanks   `json:"thanks"`
	Incomplete  []string       `json:"incomplete"`
}

// jsonKept names an objective and whose promise it is.
type jsonKept struct {
	Agreement string   `json:"agreement"`
	Objective string   `json:"objective"`
	Owner     string   `json:"owner"`
	Keepers   []string `json:"keepers"`
	For       []string `json:"for"`
}

type jsonStreak struct {
	jsonKept
	Weeks   int       `json:"weeks"`
	AtLeast bool      `json:"at_least"`
	Since   time.Time `json:"since"`
}

type jsonImproved struct {
	jsonKept
	Then jsonAttained `json:"then"`
	Now  jsonAttained `json:"now"`
	Rise float64      `json:"rise"`
}

type jsonAttained struct {
	At         time.Time `json:"at"`
	Met        int       `json:"met"`
	Samples    int       `json:"samples"`
	Attainment float64   `json:"attainment"`
}

type jsonThanks struct {
	Login    string   `json:"login,omitempty"`
	Teams    []string `json:"teams"`
	Thanks   int      `json:"thanks"`
	Heart    int      `json:"heart"`
	Hooray   int      `json:"hooray"`
	People   int      `json:"people"`
	Comments int      `json:"comments"`
}

func keptOf(o *compliance.Objective) jsonKept {
	keepers, forTeams := kudos.Keepers(o)
	return jsonKept{Agreement: string(o.Agreement.Metadata.Name), Objective: string(o.Def.Name), Owner: string(o.Def.Owner),
		Keepers: names(keepers), For: names(forTeams)}
}

func names(list []agreement.Name) []string {
	out := make([]string, len(list))
	for i, n := range list {
		out[i] = string(n)
	}
	return out
}

func attainedOf(p *compliance.Point) jsonAttained {
	return jsonAttained{At: p.At.UTC(), Met: p.Met, Samples: p.Samples(), Attainment: float64(p.Met) / float64(p.Samples())}
}

// WriteKudosJSON prints kudos as JSON; version names the sla that found
// them.
func WriteKudosJSON(w io.Writer, k *kudos.Kudos, version string) error {
	out := jsonKudos{SLAVersion: version, EvaluatedAt: k.At.UTC(), Weeks: k.Weeks, From: k.From.UTC(), By: string(k.By),
		Streaks: []jsonStreak{}, Improved: []jsonImproved{}, Thanks: []jsonThanks{}, Incomplete: []string{}}
	for _, s := range k.Streaks {
		out.Streaks = append(out.Streaks, jsonStreak{jsonKept: keptOf(s.Result.Objective), Weeks: s.Weeks, AtLeast: s.AtLeast, Since: s.Since.UTC()})
	}
	for _, i := range k.Improved {
		then, now := attainedOf(&i.From), attainedOf(&i.To)
		out.Improved = append(out.Improved, jsonImproved{jsonKept: keptOf(i.Result.Objective), Then: then, Now: now,
			Rise: now.Attainment - then.Attainment})
	}
	for _, t := range k.Thanks {
		out.Thanks = append(out.Thanks, jsonThanks{Login: t.Login, Teams: names(t.Teams), Thanks: t.Total(), Heart: t.Heart,
			Hooray: t.Hooray, People: t.People, Comments: t.Comments})
	}
	out.Incomplete = append(out.Incomplete, k.Missing...)
	return writeJSON(w, out)
}
