package report_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/describe"
	"github.com/sla-dev/sla/internal/kudos"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

func exampleHTML(t *testing.T) (string, *compliance.Report, *agreement.Set) {
	t.Helper()
	rep := exampleTrend(t)
	set, _, err := validate.Run([]string{"../../agreements"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, rep, set, report.HTMLOptions{Version: "test", Kudos: exampleKudos(t, rep, set)}); err != nil {
		t.Fatal(err)
	}
	return buf.String(), rep, set
}

// exampleKudos are the example's kudos over the report's weeks, as sla
// report finds them.
func exampleKudos(t *testing.T, rep *compliance.Report, set *agreement.Set) *kudos.Kudos {
	t.Helper()
	_, snap, _ := example(t)
	k, err := kudos.Find(rep, kudos.Input{Set: set, Teams: compliance.ResolveTeams(set, snap.Teams), Snapshot: snap})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var (
	attrRe   = regexp.MustCompile(`\s(href|src|id|srcset|action|xlink:href)="([^"]*)"`)
	scriptRe = regexp.MustCompile(`(?s)<script>(.*?)</script>`)
	cspRe    = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
)

// The page is one file: nothing is loaded from elsewhere, and its Content
// Security Policy would block anything that tried; its one script is
// allowed by its hash.
func TestHTMLSelfContained(t *testing.T) {
	page, _, _ := exampleHTML(t)
	for _, bad := range []string{"<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", " src=", "srcset=", "<base"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	for _, m := range attrRe.FindAllStringSubmatch(page, -1) {
		if m[1] == "href" && !strings.HasPrefix(m[2], "#") && !strings.HasPrefix(m[2], "https://github.com/acme/") {
			t.Errorf("link to %q", m[2])
		}
	}
	scripts := scriptRe.FindAllStringSubmatch(page, -1)
	if len(scripts) != 1 {
		t.Fatalf("%d scripts, want 1", len(scripts))
	}
	csp := cspRe.FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy")
	}
	sum := sha256.Sum256([]byte(scripts[0][1]))
	want := "script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if policy := html.UnescapeString(csp[1]); !strings.Contains(policy, "default-src 'none'") || !strings.Contains(policy, want) {
		t.Errorf("CSP %q does not allow exactly the page's script (%s)", csp[1], want)
	}
}

// Every chart has its text alternatives; every link inside the page goes
// somewhere; no id is used twice.
func TestHTMLStructure(t *testing.T) {
	page, rep, _ := exampleHTML(t)
	ids := map[string]int{}
	for _, m := range attrRe.FindAllStringSubmatch(page, -1) {
		if m[1] == "id" {
			ids[m[2]]++
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q used %d times", id, n)
		}
	}
	for _, m := range attrRe.FindAllStringSubmatch(page, -1) {
		if m[1] == "href" && strings.HasPrefix(m[2], "#") && ids[m[2][1:]] == 0 {
			t.Errorf("link to #%s, which is not on the page", m[2][1:])
		}
	}
	for _, r := range rep.Results {
		o := r.Objective
		anchor := describe.Anchor(o.Agreement, o.Def.Name)
		if ids[anchor] != 1 {
			t.Errorf("%s: no card with id %q", o.Name(), anchor)
		}
		chart := regexp.MustCompile(`(?s)<svg class="chart" id="chart-` + regexp.QuoteMeta(anchor) + `"[^>]*>.*?</svg>`).FindString(page)
		if chart == "" {
			t.Errorf("%s: no chart", o.Name())
			continue
		}
		for _, want := range []string{`role="img"`, `aria-label="Weekly attainment of `, `aria-describedby="chart-` + anchor + `-desc"`,
			"<title>", `<desc id="chart-` + anchor + `-desc">Attainment at 12 weekly points`, `class="target"`} {
			if !strings.Contains(chart, want) {
				t.Errorf("%s: the chart lacks %q", o.Name(), want)
			}
		}
		// One mark per week, each with its own title.
		if n := strings.Count(chart, `class="mark `); n != 12 {
			t.Errorf("%s: %d marks, want 12", o.Name(), n)
		}
		// Breached weeks are crosses, the others are not.
		breached := 0
		for _, p := range r.Trend {
			if p.Status == compliance.StatusBreached {
				breached++
			}
		}
		if n := strings.Count(chart, `class="mark mark-breached"`); n != breached {
			t.Errorf("%s: %d crosses for %d breached weeks", o.Name(), n, breached)
		}
	}
	// In a box that takes no room: a table is never narrower than its
	// content, so hidden itself it would still widen the page.
	if n := strings.Count(page, "<div class=\"visually-hidden\">\n<table>"); n != len(rep.Results) {
		t.Errorf("%d data tables for %d charts", n, len(rep.Results))
	}
	// The issues behind each number, as links.
	for _, r := range rep.Results {
		for _, c := range r.Clocks {
			if c.Outcome == compliance.Breached || c.AtRisk {
				if !strings.Contains(page, `<a href="`+c.URL()+`">`) {
					t.Errorf("%s: no link to %s", r.Objective.Name(), c.URL())
				}
			}
		}
	}
	if !strings.Contains(page, "@media print") || !strings.Contains(page, `<html lang="en">`) {
		t.Error("no print styles, or no language")
	}
}

// "Budget" is defined before the first card uses it, each card links its
// budget to the definition and says it in words, never as a bare number,
// and an objective breached or at risk says why.
func TestHTMLSaysWhatNumbersMean(t *testing.T) {
	page, _, _ := exampleHTML(t)
	def := strings.Index(page, `<dt id="term-budget">Budget</dt>`)
	first := strings.Index(page, `<article class="objective`)
	if def < 0 || first < 0 || def > first {
		t.Fatalf("budget defined at %d, first card at %d: want the definition first", def, first)
	}
	if m := regexp.MustCompile(`(?i)budget:? -?\d`).FindString(page); m != "" {
		t.Errorf("a bare budget: %q", m)
	}
	link := `<a class="term" href="#term-budget" title="How many more clocks may breach before the target is missed, if every pending clock is met">budget</a>: `
	for _, want := range []string{
		link + "16 breaches too many</li>", // data-requests/first-response: floor(0.1 × 105) − 26 = −16
		link + "5 more may breach</li>",    // data-requests/resolution: floor(0.15 × 105) − 10 = 5
		link + "none may breach</li>",      // platform-requests/urgent-first-response: floor(0.05 × 31) − 1 = 0
		`<p class="why">At risk: 10 running clocks past half their time, more than the 5 breaches the 85% target still allows.</p>`,
		`<p class="why">Breached: 75.2% of the clocks with a verdict met their time, below the 90% target.</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
}

// Every chart of the page has the same vertical scale, so that their
// slopes compare. The example's lowest point, payments-integrations /
// urgent-first-response on 11 Sep (4 of 13 met, 30.7%), sets it for all:
// down to 30%, which spans 70 points, more than 50, so in steps of 20%
// from 20%.
func TestHTMLChartsShareTheScale(t *testing.T) {
	page, rep, _ := exampleHTML(t)
	charts := regexp.MustCompile(`(?s)<svg class="chart".*?</svg>`).FindAllString(page, -1)
	if len(charts) != len(rep.Results) {
		t.Fatalf("%d charts for %d objectives", len(charts), len(rep.Results))
	}
	axis := regexp.MustCompile(`text-anchor="end">(\d+%)</text>`)
	scale := func(chart string) string {
		var labels []string
		for _, m := range axis.FindAllStringSubmatch(chart, -1) {
			labels = append(labels, m[1])
		}
		return strings.Join(labels, " ")
	}
	want := scale(charts[0])
	if want != "20% 40% 60% 80% 100%" {
		t.Errorf("the first chart's scale is %q", want)
	}
	for i, c := range charts[1:] {
		if got := scale(c); got != want {
			t.Errorf("chart %d's scale is %q, the first's %q", i+2, got, want)
		}
	}
}

// The summary names what is slipping and since when, and who kept every
// promise; the example's figures are in its goldens.
func TestHTMLSummary(t *testing.T) {
	page, rep, _ := exampleHTML(t)
	start := strings.Index(page, `<h2 id="slipping-h">`)
	end := strings.Index(page, `<h2 id="kept-h">`)
	if start < 0 || end < start {
		t.Fatal("no summary sections")
	}
	slipping := page[start:end]
	rows := 0
	for _, r := range rep.Results {
		name := string(r.Objective.Agreement.Metadata.Name) + " / " + string(r.Objective.Def.Name)
		listed := strings.Contains(slipping, ">"+name+"</a></td>")
		want := r.Status == compliance.StatusBreached || r.Status == compliance.StatusAtRisk
		if listed != want {
			t.Errorf("%s (%s): listed as slipping %v", name, r.Status, listed)
		}
		if want {
			rows++
		}
	}
	if n := strings.Count(slipping, `<tr class="row-`); n != rows {
		t.Errorf("%d rows, want %d", n, rows)
	}
	for _, want := range []string{
		"since 23 Oct (6 weeks); at risk from 9 Oct",      // platform-requests/resolution
		"since 6 Nov (4 weeks)",                           // data-requests/first-response: every week since it counts
		"since this week; breached in 1 earlier week too", // security-reviews/first-response
		"Without data now:",
	} {
		if !strings.Contains(slipping, want) {
			t.Errorf("the summary does not say %q", want)
		}
	}
	kept := page[end:strings.Index(page, `<h3 id="streaks-h">`)]
	if !strings.Contains(kept, "No team kept every promise over the 12 weeks.") || strings.Count(kept, "<tr><td><strong>") != 6 {
		t.Errorf("the teams section:\n%s", kept)
	}
}

// The kept promises: each streak and improvement links to its objective's
// card, and the sentences are those of sla kudos (whose example golden
// holds the figures).
func TestHTMLKudos(t *testing.T) {
	page, rep, set := exampleHTML(t)
	k := exampleKudos(t, rep, set)
	start := strings.Index(page, `<h3 id="streaks-h">`)
	end := strings.Index(page, `<nav aria-label="Agreements">`)
	if start < 0 || end < start || len(k.Streaks) == 0 {
		t.Fatalf("no kudos in the page, or no streak in the example (%d)", len(k.Streaks))
	}
	section := page[start:end]
	for _, s := range k.Streaks {
		o := s.Result.Objective
		id := describe.Anchor(o.Agreement, o.Def.Name)
		if !strings.Contains(section, `<li><a href="#`+id+`">`) || !strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("streak of %s: no link to its card", o.Name())
		}
	}
	if n := strings.Count(section, "<li>"); n != len(k.Streaks)+len(k.Improved) {
		t.Errorf("%d items, want %d streaks and %d improvements", n, len(k.Streaks), len(k.Improved))
	}
	if got, want := strings.Count(section, "<td class=\"num"), 5*len(k.Thanks); got != want {
		t.Errorf("%d figures of thanks, want 5 for each of %d rows", got, len(k.Thanks))
	}
}

// Text from agreements and issues is text, wherever it lands; a URL that
// is not one cannot become a link.
func TestHTMLEscapes(t *testing.T) {
	set, diags := agreement.LoadBytes("hostile.yaml", []byte(`
apiVersion: sla/v1
kind: Team
metadata: {name: hostile, title: "<script>alert('team')</script>"}
spec: {members: [mallory], contact: "<img src=x onerror=alert(1)>"}
---
apiVersion: sla/v1
kind: Team
metadata: {name: growth}
spec: {members: [carol]}
---
apiVersion: sla/v1
kind: Agreement
metadata:
  name: hostile-requests
  title: "</title><script>alert('title')</script>"
  description: "<style>body{display:none}</style> & [x](javascript:alert(1))"
spec:
  provider: hostile
  consumers: [growth]
  window: 28d
  scope: {repos: [acme/hostile]}
  objectives:
    - {name: first-response, metric: first_response, within: 1h, target: 90%}
  expectations:
    provider:
      - text: "<a href=javascript:alert(2)>click</a>"
        objective: first-response
`))
	diags = append(diags, validate.Check(set)...)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	objectives, err := compliance.Compile(set, compliance.ResolveTeams(set, nil))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	repo := &snapshot.Repo{Name: "acme/hostile", HTMLURL: "javascript:alert(3)//"}
	repo.Issues = []snapshot.Issue{{Number: 1, Title: "<script>alert('issue')</script>", Author: "carol", CreatedAt: at.Add(-48 * time.Hour)}}
	rep := compliance.EvaluateTrend(objectives, &snapshot.Snapshot{Repos: []*snapshot.Repo{repo}}, at, 4)
	if rep.Results[0].Breached != 1 {
		t.Fatalf("want the issue breached: %+v", rep.Results[0])
	}
	// Kudos name teams by their titles, and people by their logins, as
	// GitHub gave them.
	k := &kudos.Kudos{At: at, From: rep.Results[0].Trend[0].At, By: kudos.ByPerson, Titles: map[agreement.Name]string{"hostile": "<script>alert('team')</script>", "growth": "growth"},
		Streaks: []kudos.Streak{{Result: rep.Results[0], Weeks: 4}},
		Thanks:  []kudos.Thanks{{Teams: []agreement.Name{"hostile"}, Login: "<b>mallory</b>", Heart: 1, People: 1, Comments: 1}}}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, rep, set, report.HTMLOptions{Version: "<b>v</b>", Kudos: k}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"&lt;script&gt;alert(&#39;team&#39;)&lt;/script&gt; → growth: first response kept 4 weeks in a row",
		"<td><strong>&lt;b&gt;mallory&lt;/b&gt;</strong></td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the kudos do not hold %q", want)
		}
	}
	for _, bad := range []string{"<script>alert", "<img src", "<style>body", `href="javascript`, "<b>v</b>", "</title><script>", "<a href=javascript", "<b>mallory"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#39;issue&#39;)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "#ZgotmplZ",
		// The description reads as written, its one link going to the objective.
		`<p class="agreement-intro">&lt;style&gt;body{display:none}&lt;/style&gt; &amp; [x](javascript:alert(1))</p>`,
		`<li>&lt;a href=javascript:alert(2)&gt;click&lt;/a&gt; — measured by <a href="#hostile-requests-first-response">first-response</a></li>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not hold %q", want)
		}
	}
}

// A report without a trend (the CLI always has one) still renders, with
// no charts.
func TestHTMLWithoutTrend(t *testing.T) {
	objectives, snap, _ := example(t)
	set, _, err := validate.Run([]string{"../../agreements"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, compliance.Evaluate(objectives, snap, exampleAt), set, report.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `<svg class="chart"`) || !strings.Contains(buf.String(), "Promises slipping") {
		t.Error("charts without a trend, or no summary")
	}
}

// The example's satisfaction card gives its ratings, not clocks: 94 👍,
// 28 👎 and 108 unrated of 230 closed; attainment 94/122 = 77.04…%,
// shown 77.0%; response rate 122/230 = 53.04…%, shown 53.0%; budget
// floor(0.2 × 122) − 28 = 24 − 28 = −4; its issues are the 28 👎.
func TestHTMLSatisfactionCard(t *testing.T) {
	page, _, _ := exampleHTML(t)
	start := strings.Index(page, `id="platform-requests-satisfaction"`)
	if start < 0 {
		t.Fatal("no card for platform-requests/satisfaction")
	}
	card := page[start:]
	if end := strings.Index(card, `</article>`); end > 0 {
		card = card[:end]
	}
	for _, want := range []string{
		`<span class="big">77.0%</span> rated 👍, target 80%`,
		`94 👍, 28 👎, 108 unrated: 122 of 230 closed rated (53.0%)`,
		`title="How many more requests may be rated 👎 before the target is missed">budget</a>: 4 👎 too many`,
		`Breached: 77.0% of the rated requests were rated 👍, below the 80% target.`,
		`<summary>Issues: 28 rated 👎</summary>`,
	} {
		if !strings.Contains(card, want) {
			t.Errorf("the satisfaction card lacks %q", want)
		}
	}
	for _, not := range []string{"pending", " used</li>", "within"} {
		if strings.Contains(card, not) {
			t.Errorf("the satisfaction card says %q, which ratings do not have", not)
		}
	}
}
