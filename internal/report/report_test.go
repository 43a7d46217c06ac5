package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the same zone data on every machine

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/golden"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/text"
	"github.com/sla-dev/sla/internal/validate"
)

func TestPercent(t *testing.T) {
	for ppm, want := range map[int64]string{
		899600:  "89.9%", // 89.96%: truncated, never rounded up to the target
		899999:  "89.9%",
		900000:  "90.0%",
		1000000: "100.0%",
		0:       "0.0%",
		999:     "0.0%",
		1000:    "0.1%",
		999999:  "99.9%",
		925000:  "92.5%",
		51612:   "5.1%",
	} {
		if got := report.Percent(ppm); got != want {
			t.Errorf("Percent(%d) = %q, want %q", ppm, got, want)
		}
	}
}

func TestTarget(t *testing.T) {
	for ppm, want := range map[int64]string{
		900000:  "90%",
		995000:  "99.5%",
		999500:  "99.95%",
		1000000: "100%",
		100000:  "10%", // zeros before the point stay
		850000:  "85%",
		999999:  "99.9999%",
		1:       "0.0001%",
	} {
		if got := report.Target(ppm); got != want {
			t.Errorf("Target(%d) = %q, want %q", ppm, got, want)
		}
	}
}

func TestDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{36*time.Hour + 7*time.Minute, "36h7m"},
		{36*time.Hour + 7*time.Minute + 59*time.Second, "36h7m"}, // truncated to the minute
		{45 * time.Minute, "45m"},
		{30 * time.Second, "30s"},
		{0, "0s"},
		{59*time.Second + 999*time.Millisecond, "59s"},
		{time.Minute, "1m"},
		{time.Hour, "1h"},
		{90 * time.Minute, "1h30m"},
		{168 * time.Hour, "168h"}, // a week is hours, never "7d"
		{-45 * time.Minute, "-45m"},
	} {
		if got := report.Duration(tc.d); got != tc.want {
			t.Errorf("Duration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestAttainment(t *testing.T) {
	for _, tc := range []struct {
		r    compliance.Result
		want string
	}{
		{compliance.Result{}, "–"},
		{compliance.Result{Pending: 3}, "–"},
		{compliance.Result{Met: 37, Breached: 3}, "92.5%"},      // 37/40
		{compliance.Result{Met: 8996, Breached: 1004}, "89.9%"}, // 89.96%
		{compliance.Result{Met: 0, Breached: 4}, "0.0%"},
		{compliance.Result{Met: 4, Pending: 9}, "100.0%"},
	} {
		if got := report.Attainment(&tc.r); got != tc.want {
			t.Errorf("Attainment(met %d, breached %d) = %q, want %q", tc.r.Met, tc.r.Breached, got, tc.want)
		}
	}
}

// The example: the organisation in agreements/ against the committed
// example snapshot, at its fetch time (as `make demo` runs it).
var (
	exampleAt   = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	exampleOnce sync.Once
	exampleData struct {
		objectives []*compliance.Objective
		snap       *snapshot.Snapshot
		rep        *compliance.Report
		err        error
	}
)

func example(t *testing.T) ([]*compliance.Objective, *snapshot.Snapshot, *compliance.Report) {
	t.Helper()
	exampleOnce.Do(func() {
		d := &exampleData
		set, diags, err := validate.Run([]string{"../../agreements"})
		if err != nil {
			d.err = err
			return
		}
		if diags.HasErrors() {
			d.err = fmt.Errorf("the example agreements are invalid: %v", diags)
			return
		}
		if d.snap, d.err = snapshot.ReadFile("../demodata/example.json.gz"); d.err != nil {
			return
		}
		if d.objectives, d.err = compliance.Compile(set, compliance.ResolveTeams(set, d.snap.Teams)); d.err != nil {
			return
		}
		d.rep = compliance.Evaluate(d.objectives, d.snap, exampleAt)
	})
	if exampleData.err != nil {
		t.Fatal(exampleData.err)
	}
	return exampleData.objectives, exampleData.snap, exampleData.rep
}

// subset is a report with only the named objectives ("agreement/objective"),
// in the report's order.
func subset(t *testing.T, rep *compliance.Report, names ...string) *compliance.Report {
	t.Helper()
	out := &compliance.Report{At: rep.At}
	for _, r := range rep.Results {
		if slices.Contains(names, r.Objective.Name()) {
			out.Results = append(out.Results, r)
		}
	}
	if len(out.Results) != len(names) {
		t.Fatalf("found %d of the objectives %q", len(out.Results), names)
	}
	return out
}

func TestWriteTable(t *testing.T) {
	_, _, rep := example(t)
	for _, tc := range []struct {
		golden string
		opts   report.TableOptions
	}{
		{"table.golden", report.TableOptions{}},
		{"table-color.golden", report.TableOptions{Color: true}},
		{"table-details.golden", report.TableOptions{Details: true}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.WriteTable(&buf, rep, tc.opts); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tc.golden, buf.Bytes())
			if hasEsc := bytes.Contains(buf.Bytes(), []byte("\x1b[")); hasEsc != tc.opts.Color {
				t.Errorf("escape sequences present = %v with Color %v", hasEsc, tc.opts.Color)
			}
		})
	}
}

// With Details, each objective is followed by exactly its breached and
// at-risk clocks, one line each, under a header of their own.
func TestTableDetailsLines(t *testing.T) {
	_, _, rep := example(t)
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, rep, report.TableOptions{Details: true}); err != nil {
		t.Fatal(err)
	}
	// Count the issue lines under each objective row.
	var counts []int
	for _, line := range strings.Split(buf.String(), "\n")[1:] {
		switch {
		case strings.HasPrefix(line, "      acme/"):
			counts[len(counts)-1]++
		case objectiveRow.MatchString(line):
			counts = append(counts, 0)
		}
	}
	if len(counts) != len(rep.Results) {
		t.Fatalf("%d objective rows, want %d", len(counts), len(rep.Results))
	}
	for i, r := range rep.Results {
		if want := r.Breached + r.AtRisk; counts[i] != want {
			t.Errorf("%s: %d issue lines, want %d (breached %d + at risk %d)", r.Objective.Name(), counts[i], want, r.Breached, r.AtRisk)
		}
	}
	// The issue columns line up across the report, whatever the issue
	// numbers: every USED ends in the same column (#240 and #1178 alike).
	ends := map[int]bool{}
	for _, line := range strings.Split(buf.String(), "\n") {
		if m := issueLine.FindStringSubmatchIndex(line); m != nil {
			ends[m[3]] = true // where the time used ends
		}
	}
	if len(ends) != 1 {
		t.Errorf("the time used ends in columns %v: want one column", ends)
	}
	// Due times are in the calendar's zone, labelled: Berlin for
	// platform-requests#1178.
	if !regexp.MustCompile(`\n      acme/platform-requests#1178 +2h17m  at risk, due Fri Nov 27 11:42 CET\n`).MatchString(buf.String()) {
		t.Errorf("no due time in Berlin time for #1178:\n%s", buf.String())
	}
}

// objectiveRow is a row of the table: an objective, indented two spaces;
// issueLine, an issue under it (the time used is its first group).
var (
	objectiveRow = regexp.MustCompile(`^  [a-z0-9]`)
	issueLine    = regexp.MustCompile(`^      acme/\S+#\d+ +(\S+)  `)
)

// An empty report (a --team in no agreement) is the header and the summary.
func TestTableEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, &compliance.Report{At: exampleAt}, report.TableOptions{Details: true}); err != nil {
		t.Fatal(err)
	}
	want := "AGREEMENT / OBJECTIVE  WITHIN  TARGET  ATTAINMENT  STATUS\n" +
		"\n0 objectives: 0 met, 0 at risk, 0 breached, 0 without data\n(as of 2026-11-27 09:00 UTC)\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

// One objective is counted as one, in the table and in Markdown.
func TestSummaryOfOneObjective(t *testing.T) {
	t.Parallel()
	objectives, snap, _ := example(t)
	rep := compliance.Evaluate(objectives[:1], snap, exampleAt)
	var table, md bytes.Buffer
	if err := report.WriteTable(&table, rep, report.TableOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteMarkdown(&md, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "\n1 objective: ") || !strings.HasPrefix(md.String(), "**1 objective**: ") {
		t.Errorf("want 1 objective in:\n%s\n%s", table.String(), md.String())
	}
}

// Every line of the table fits an 80-column terminal, with and without
// the issues, counting columns as a terminal does (text.Width).
func TestTableFits80Columns(t *testing.T) {
	_, _, rep := example(t)
	for _, details := range []bool{false, true} {
		var buf bytes.Buffer
		if err := report.WriteTable(&buf, rep, report.TableOptions{Details: details}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if len(lines) < len(rep.Results)+2 {
			t.Fatalf("only %d lines", len(lines))
		}
		fits80(t, fmt.Sprintf("table, details %v", details), buf.String())
	}
}

// fits80 checks that every line of out is at most 80 columns wide.
func fits80(t *testing.T, what, out string) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		if n := text.Width(line); n > text.Columns {
			t.Errorf("%s: line %d is %d columns wide: %q", what, i+1, n, line)
		}
	}
}

// The table says why each status is what it is: under each objective, its
// clocks, how many are at risk and how many more may breach (the budget,
// in words), and a legend says what those words mean. It labels time:
// business hours (biz) or around the clock (24x7), in hours (`1d` around
// the clock is 24h, `1w` 168h, never a day); each agreement's line says
// its window and hours.
func TestTableSaysWhyAndLabelsTime(t *testing.T) {
	_, _, rep := example(t)
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, rep, report.TableOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		// data-requests/resolution: 62 met, 10 breached, 33 pending, 10 at
		// risk; budget floor(0.15 × 105) − 10 = 15 − 10 = 5; 10 > 5: at_risk.
		"  resolution             80h biz        85%       86.1%  at_risk\n    62 met, 10 breached, 33 pending; 10 at risk, 5 more may breach\n",
		// data-requests/first-response: budget floor(0.1 × 105) − 26 = 10 − 26 = −16.
		"    79 met, 26 breached, 0 pending; 16 breaches too many\n",
		// platform-requests/urgent-first-response: floor(0.05 × 31) − 1 = 1 − 1 = 0.
		"    30 met, 1 breached, 0 pending; none may breach\n",
		// The consumers' promise is marked as theirs.
		"  customer-reply         24h biz        85%       90.3%  met\n    consumers: 28 met, 3 breached, 5 pending; 1 at risk, 2 more may breach\n",
		"\nbiz: business hours of the objective's calendar; 24x7: around the clock.\n",
		"N more may breach (the budget)",
		"\ndata-requests: month from 1 Nov, new-york-office business hours\n",
		// 28 days before 2026-11-27 09:00 UTC.
		"\npayments-integrations: 28 days from 30 Oct 09:00 UTC, around the clock (24x7)\n",
		"\nsecurity-reviews: quarter from 1 Oct, berlin-office business hours\n",
		"  first-response         24h 24x7       90%", // payments-integrations, within 1d
		"  resolution             168h 24x7      80%", // within 1w
		"  urgent-first-response  1h30m 24x7     95%", // platform-requests, calendar 24x7
		"  first-response         4h biz         90%", // platform-requests, Berlin hours
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}

func TestTableSummaryLine(t *testing.T) {
	_, _, rep := example(t)
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, rep, report.TableOptions{}); err != nil {
		t.Fatal(err)
	}
	n := map[compliance.Status]int{}
	for _, r := range rep.Results {
		n[r.Status]++
	}
	want := fmt.Sprintf("\n%d objectives: %d met, %d at risk, %d breached, %d without data\n(as of 2026-11-27 09:00 UTC)\n",
		len(rep.Results), n[compliance.StatusMet], n[compliance.StatusAtRisk], n[compliance.StatusBreached], n[compliance.StatusNoData])
	if !strings.HasSuffix(buf.String(), want) {
		t.Errorf("table does not end with %q:\n%s", want, buf.String())
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasSuffix(line, " ") {
			t.Errorf("line ends with a space: %q", line)
		}
	}
}

// An objective whose repository could not be read says so, in colour too,
// with a footnote naming the repository that keeps the row narrow; the
// JSON carries it too.
func TestIncomplete(t *testing.T) {
	_, _, rep := example(t)
	sub := subset(t, rep, "payments-integrations/first-response", "payments-integrations/resolution")
	r := *sub.Results[1]
	r.Complete, r.Missing = false, []string{"acme/payments-sdk"}
	sub.Results[1] = &r

	var buf bytes.Buffer
	if err := report.WriteTable(&buf, sub, report.TableOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	status := statusColors[r.Status] + string(r.Status) + "*\x1b[0m"
	// The header, the agreement's line, first-response and its figures,
	// then resolution.
	if !strings.Contains(lines[4], "resolution") || !strings.HasSuffix(lines[4], status) {
		t.Errorf("incomplete objective not marked with %q:\n%s", status, buf.String())
	}
	if strings.Contains(lines[2], "*") {
		t.Errorf("complete objective marked incomplete:\n%s", buf.String())
	}
	if !strings.Contains(buf.String(), "\n\n* incomplete: acme/payments-sdk could not be read\n\n") {
		t.Errorf("no footnote:\n%s", buf.String())
	}

	// Without colour, it fits as the complete one does.
	buf.Reset()
	if err := report.WriteTable(&buf, sub, report.TableOptions{}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "table-incomplete.golden", buf.Bytes())
	fits80(t, "incomplete", buf.String())

	buf.Reset()
	if err := report.WriteJSON(&buf, sub, report.JSONOptions{}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Agreements []struct {
			Objectives []struct {
				Complete bool `json:"complete"`
			} `json:"objectives"`
		} `json:"agreements"`
		Incomplete []string `json:"incomplete"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if o := got.Agreements[0].Objectives; !o[0].Complete || o[1].Complete {
		t.Errorf("complete flags %+v", o)
	}
	if !slices.Equal(got.Incomplete, []string{"acme/payments-sdk"}) {
		t.Errorf("incomplete = %q", got.Incomplete)
	}
}

var statusColors = map[compliance.Status]string{
	compliance.StatusMet:      "\x1b[32m",
	compliance.StatusAtRisk:   "\x1b[33m",
	compliance.StatusBreached: "\x1b[31m",
	compliance.StatusNoData:   "\x1b[2m",
}

// One objective of each status, with the clocks JSON lists for it.
var jsonObjectives = []string{
	"data-requests/resolution",                    // at_risk
	"payments-integrations/first-response",        // met
	"payments-integrations/urgent-first-response", // no_data
	"platform-requests/urgent-resolution",         // breached
}

func TestWriteJSONGolden(t *testing.T) {
	_, _, rep := example(t)
	sub := subset(t, rep, jsonObjectives...)
	var statuses []string
	for _, r := range sub.Results {
		statuses = append(statuses, string(r.Status))
	}
	slices.Sort(statuses)
	if !slices.Equal(statuses, []string{"at_risk", "breached", "met", "no_data"}) {
		t.Fatalf("statuses %q: choose other objectives for the golden file", statuses)
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, sub, report.JSONOptions{Version: testVersion}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "json.golden", buf.Bytes())

	// With details, every clock of one small objective.
	buf.Reset()
	if err := report.WriteJSON(&buf, subset(t, rep, "data-requests/customer-reply"), report.JSONOptions{Details: true, Version: testVersion}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "json-details.golden", buf.Bytes())
}

// The whole example's JSON has every field of SPEC §5, with consistent
// numbers; without details it lists exactly the breached and at-risk
// clocks, with details every clock.
func TestWriteJSONFields(t *testing.T) {
	_, _, rep := example(t)
	for _, details := range []bool{false, true} {
		var buf bytes.Buffer
		if err := report.WriteJSON(&buf, rep, report.JSONOptions{Details: details, Version: testVersion}); err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatalf("details %v: not JSON: %v", details, err)
		}
		checkJSON(t, doc, rep, details)
	}
}

// testVersion stands for the sla that writes a report: tests never depend
// on the revision they were built from.
const testVersion = "v1.2.3-test"

func checkJSON(t *testing.T, doc map[string]any, rep *compliance.Report, details bool) {
	t.Helper()
	if doc["sla_version"] != testVersion {
		t.Errorf("sla_version = %v, want %q", doc["sla_version"], testVersion)
	}
	if doc["evaluated_at"] != "2026-11-27T09:00:00Z" {
		t.Errorf("evaluated_at = %v", doc["evaluated_at"])
	}
	agreements, _ := doc["agreements"].([]any)
	if len(agreements) != 4 {
		t.Fatalf("%d agreements, want 4", len(agreements))
	}
	i := 0 // index into rep.Results
	counts := map[string]float64{}
	for _, a := range agreements {
		a := a.(map[string]any)
		name, _ := a["name"].(string)
		if _, ok := a["provider"].(string); !ok || name == "" {
			t.Errorf("agreement %v: name or provider missing", a["name"])
		}
		if cs, ok := a["consumers"].([]any); !ok || len(cs) == 0 {
			t.Errorf("%s: consumers = %v", name, a["consumers"])
		}
		for _, o := range a["objectives"].([]any) {
			o := o.(map[string]any)
			r := rep.Results[i]
			i++
			where := name + "/" + str(o["name"])
			if where != r.Objective.Name() {
				t.Fatalf("objective %d is %s, want %s", i, where, r.Objective.Name())
			}
			for _, k := range []string{"metric", "owner", "status"} {
				if str(o[k]) == "" {
					t.Errorf("%s: %s = %v", where, k, o[k])
				}
			}
			rated := r.Objective.Def.Metric == agreement.MetricSatisfaction
			want := map[string]float64{
				"target":           float64(r.Objective.TargetPPM) / 1e6,
				"samples":          float64(r.Met + r.Breached),
				"met":              float64(r.Met),
				"breached":         float64(r.Breached),
				"pending":          float64(r.Pending),
				"budget_remaining": float64(r.BudgetRemaining),
			}
			if rated {
				// No within; the requests closed unrated instead, the share
				// rated, and who rates.
				want["unrated"] = float64(r.Unrated)
				want["response_rate"] = float64(r.Met+r.Breached) / float64(r.Met+r.Breached+r.Unrated)
				want["min_ratings"] = float64(r.Objective.MinRatings)
				if _, ok := o["within_seconds"]; ok || o["rated_by"] != string(r.Objective.RatedBy) {
					t.Errorf("%s: within_seconds %v, rated_by %v", where, o["within_seconds"], o["rated_by"])
				}
			} else {
				want["within_seconds"] = float64(r.Objective.Within / time.Second)
				if _, ok := o["unrated"]; ok {
					t.Errorf("%s: unrated given for a clocked metric", where)
				}
			}
			for k, v := range want {
				if got, ok := o[k].(float64); !ok || got != v {
					t.Errorf("%s: %s = %v, want %v", where, k, o[k], v)
				}
			}
			if o["status"] != string(r.Status) {
				t.Errorf("%s: status %v, want %s", where, o["status"], r.Status)
			}
			counts[str(o["status"])]++
			if rated && (o["p50_seconds"] != nil || o["p90_seconds"] != nil) {
				t.Errorf("%s: percentiles of ratings %v %v", where, o["p50_seconds"], o["p90_seconds"])
			} else if rated {
				// none: ratings take no time
			} else if r.Met+r.Breached == 0 {
				for _, k := range []string{"attainment", "p50_seconds", "p90_seconds"} {
					if v, ok := o[k]; !ok || v != nil {
						t.Errorf("%s without samples: %s = %v, want null", where, k, v)
					}
				}
			} else {
				if got := o["attainment"].(float64); got != float64(r.Met)/float64(r.Met+r.Breached) {
					t.Errorf("%s: attainment %v", where, got)
				}
				p50, p90 := o["p50_seconds"].(float64), o["p90_seconds"].(float64)
				if p50 <= 0 || p50 > p90 || p50 != float64(r.P50/time.Second) {
					t.Errorf("%s: p50 %v, p90 %v", where, p50, p90)
				}
			}
			issues, ok := o["issues"].([]any)
			if !ok {
				t.Fatalf("%s: issues = %v", where, o["issues"])
			}
			wantIssues := r.Breached + r.AtRisk
			if details {
				wantIssues = r.Met + r.Breached + r.Pending + r.Unrated
			}
			if len(issues) != wantIssues {
				t.Errorf("%s (details %v): %d issues, want %d", where, details, len(issues), wantIssues)
			}
			for _, is := range issues {
				checkIssue(t, where, is.(map[string]any), details, rated)
			}
		}
	}
	if i != len(rep.Results) {
		t.Errorf("JSON has %d objectives, the report %d", i, len(rep.Results))
	}
	summary := doc["summary"].(map[string]any)
	if summary["objectives"] != float64(len(rep.Results)) {
		t.Errorf("summary.objectives = %v", summary["objectives"])
	}
	for _, k := range []string{"met", "at_risk", "breached", "no_data"} {
		if summary[k] != counts[k] {
			t.Errorf("summary.%s = %v, but %v objectives have that status", k, summary[k], counts[k])
		}
	}
}

func checkIssue(t *testing.T, where string, is map[string]any, details, rated bool) {
	t.Helper()
	repo, num := str(is["repo"]), is["number"].(float64)
	url := str(is["url"])
	if !strings.HasPrefix(url, "https://github.com/"+repo+"/") || !strings.HasSuffix(url, fmt.Sprintf("/%d", int(num))) {
		t.Errorf("%s: url %q for %s#%v", where, url, repo, num)
	}
	outcome := str(is["outcome"])
	atRisk, _ := is["at_risk"].(bool)
	switch {
	case !slices.Contains([]string{"met", "breached", "pending", "unrated"}, outcome):
		t.Errorf("%s: outcome %q", where, outcome)
	case !details && outcome != "breached" && !atRisk:
		t.Errorf("%s: %s#%v listed without details, but %s and not at risk", where, repo, num, outcome)
	case atRisk && outcome != "pending":
		t.Errorf("%s: %s#%v at risk but %s", where, repo, num, outcome)
	}
	if _, ok := is["elapsed_seconds"].(float64); !ok {
		t.Errorf("%s: elapsed_seconds = %v", where, is["elapsed_seconds"])
	}
	due, hasDue := is["due_at"]
	if !hasDue {
		t.Errorf("%s: no due_at", where)
	}
	if rated {
		// A rating has no due time: the close placed it in the window, and
		// the 👍 or 👎 that decided are listed.
		ratings, _ := is["ratings"].([]any)
		if due != nil || !strings.HasSuffix(str(is["closed_at"]), "Z") || (outcome != "unrated" && len(ratings) == 0) {
			t.Errorf("%s: %s request with due_at %v, closed_at %v, ratings %v", where, outcome, due, is["closed_at"], ratings)
		}
	} else if outcome == "breached" {
		if _, err := time.Parse(time.RFC3339, str(due)); err != nil || !strings.HasSuffix(str(due), "Z") {
			t.Errorf("%s: breached clock with due_at %v", where, due)
		}
	}
	if outcome == "met" && due != nil {
		t.Errorf("%s: met clock with due_at %v", where, due)
	}
	if s := str(is["started_at"]); !strings.HasSuffix(s, "Z") {
		t.Errorf("%s: started_at %q is not UTC", where, s)
	}
}

func str(v any) string { s, _ := v.(string); return s }

// explained are issues whose explanations show the parts of WriteExplain:
//   - data-requests#27: New York hours, a first response breached with its
//     due time, a resolution paused now and at risk, a running label clock
//     with its due time, and a "not measured" reason;
//   - data-requests#221: out of scope, the author in no consumer team;
//   - security-reviews#152: a pull request, paused (waiting-on-customer),
//     then closed and reopened across the change from CEST to CET;
//   - payments-sdk#29: 24x7, paused, breached with its due time, all before
//     the window (not counted in the objective).
var explained = []struct {
	ref  compliance.IssueRef
	want []string // what the explanation must show, whatever the golden file says
}{
	{compliance.IssueRef{Repo: "acme/data-requests", Number: 27}, []string{
		"  biz: business hours of new-york-office; times in America/New_York\n",
		"→ breached\n    was due Tue Nov 17 15:00 EST\n",
		// The pause: since when, and by which label.
		"    Nov 25 16:17:20 EST  Nov 27 04:00 EST     paused (waiting-on-customer)\n",
		"    running at Fri Nov 27 04:00 EST: still open\n",
		"    paused since Wed Nov 25 16:17:20 EST by waiting-on-customer\n",
		"→ pending, at risk (half of within used)\n    no due time while the pause holds\n",
		": label still on\n", `not measured: it lacks the label "P1"`}},
	{compliance.IssueRef{Repo: "acme/data-requests", Number: 221}, []string{
		"not measured: its author octo-intern is not a member of a consumer team"}},
	{compliance.IssueRef{Repo: "acme/security-reviews", Number: 152}, []string{
		"https://github.com/acme/security-reviews/pull/152", "  paused (waiting-on-customer)\n",
		"    Oct 22 15:05 CEST  Oct 26 16:47 CET   closed\n", "→ met\n"}},
	{compliance.IssueRef{Repo: "acme/payments-sdk", Number: 29}, []string{
		"  24x7: every hour counts; times in UTC\n", "  paused (waiting-on-customer)\n",
		// within 1d and 1w, around the clock: in hours, never days.
		"elapsed 4h19m of 24h 24x7 → met\n", "elapsed 248h26m of 168h 24x7 → breached\n    was due Fri Aug 7 16:02:31 UTC\n",
		"    not counted in the objective: started before the window, which starts\n      2026-10-30T09:00:00Z\n"}},
}

func TestWriteExplain(t *testing.T) {
	objectives, snap, _ := example(t)
	for _, x := range explained {
		ref := x.ref
		name := "explain-" + strings.TrimPrefix(strings.ReplaceAll(ref.String(), "#", "-"), "acme/") + ".golden"
		t.Run(name, func(t *testing.T) {
			hist, tl, xs, err := compliance.Explain(objectives, snap, ref, exampleAt)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := report.WriteExplain(&buf, hist, tl, xs); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, name, buf.Bytes())
			if !strings.HasPrefix(buf.String(), ref.String()+" ") {
				t.Errorf("explanation does not start with %s", ref)
			}
			for _, w := range x.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("explanation does not show %q", w)
				}
			}
			fits80(t, name, buf.String())
			// Around the clock, one vocabulary: no business time.
			if ref.Repo == "acme/payments-sdk" && strings.Contains(buf.String(), "business") {
				t.Errorf("a 24x7 explanation speaks of business time:\n%s", buf.String())
			}
		})
	}
}

// An issue of a repository no objective measures says so.
func TestWriteExplainNoAgreement(t *testing.T) {
	objectives, snap, _ := example(t)
	other := &snapshot.Snapshot{FetchedAt: snap.FetchedAt, Repos: []*snapshot.Repo{{
		Name: "acme/elsewhere", HTMLURL: "https://github.com/acme/elsewhere",
		Issues: []snapshot.Issue{{Number: 5, Title: "Hello", Author: "carol", CreatedAt: exampleAt.Add(-time.Hour)}},
	}}}
	got := explainText(t, objectives, other, compliance.IssueRef{Repo: "acme/elsewhere", Number: 5})
	want := `acme/elsewhere#5 "Hello"
https://github.com/acme/elsewhere/issues/5
opened 2026-11-27 08:00 UTC by carol
as of 2026-11-27 09:00 UTC: open, labels: none

No agreement measures this repository.
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// explainText is what sla explain prints for the issue, as of exampleAt.
func explainText(t *testing.T, objectives []*compliance.Objective, snap *snapshot.Snapshot, ref compliance.IssueRef) string {
	t.Helper()
	hist, tl, xs, err := compliance.Explain(objectives, snap, ref, exampleAt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteExplain(&buf, hist, tl, xs); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// An issue whose first event read is a reopening was closed until then
// (its close lies before what was read): the gap before its clocks count
// is "closed", not a pause from the start.
func TestWriteExplainClosedBeforeFirstReopening(t *testing.T) {
	objectives, _, _ := example(t)
	// Mon 2026-11-23 09:00 CET (08:00Z) opened; reopened at 11:00 CET
	// (10:00Z), with no close read before it; closed at 13:00 CET (12:00Z).
	// Resolution, under berlin-office (Monday 08:30–12:30 and 13:30–17:30):
	// closed 09:00–11:00, then 11:00–13:00 counts 11:00–12:30 = 1h30m.
	opened := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	snap := &snapshot.Snapshot{FetchedAt: exampleAt, Repos: []*snapshot.Repo{{
		Name: "acme/platform-requests", HTMLURL: "https://github.com/acme/platform-requests",
		Issues: []snapshot.Issue{{Number: 9001, Title: "Reopened", Author: "carol", CreatedAt: opened,
			ClosedAt: opened.Add(4 * time.Hour), Labels: []string{"platform-request"}}},
		Events: []snapshot.Event{
			{Issue: 9001, Kind: snapshot.Labeled, Label: "platform-request", Actor: "carol", CreatedAt: opened},
			{Issue: 9001, Kind: snapshot.Reopened, Actor: "carol", CreatedAt: opened.Add(2 * time.Hour)},
			{Issue: 9001, Kind: snapshot.Closed, Actor: "carol", CreatedAt: opened.Add(4 * time.Hour)},
		},
	}}}
	out := explainText(t, objectives, snap, compliance.IssueRef{Repo: "acme/platform-requests", Number: 9001})
	const want = "platform-requests/resolution\n  resolution within 40h biz, target 80%\n" +
		"  biz: business hours of berlin-office; times in Europe/Berlin\n" +
		"  clock 1: started Mon 2026-11-23 09:00 CET\n" +
		"    FROM              TO                COUNTED  TOTAL\n" +
		"    Nov 23 09:00 CET  Nov 23 11:00 CET  closed\n" +
		"    Nov 23 11:00 CET  Nov 23 13:00 CET    1h30m  1h30m\n" +
		"    stopped Mon Nov 23 13:00 CET: closed by carol\n" +
		"    elapsed 1h30m of 40h biz → met\n"
	if !strings.Contains(out, want) || strings.Contains(out, "paused") {
		t.Errorf("want the time before the reopening shown as closed:\n%s\nwant:\n%s", out, want)
	}
}

// CSV gives a satisfaction objective no within or percentiles, and its
// unrated requests and response rate last: 94 met, 28 breached, 108
// unrated; attainment 94/122, response rate 122/230 (exact, like the
// attainment); budget floor(0.2 × 122) − 28 = −4. With details, each
// request's row names the 👍 or 👎 that decided; a clock's rows leave the
// ratings column empty.
func TestWriteCSVSatisfaction(t *testing.T) {
	_, _, rep := example(t)
	var buf bytes.Buffer
	if err := report.WriteCSV(&buf, subset(t, rep, "platform-requests/first-response", "platform-requests/satisfaction"), false); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if !strings.HasSuffix(lines[0], ",complete,unrated,response_rate") {
		t.Errorf("header %q", lines[0])
	}
	if want := fmt.Sprintf("platform-requests,satisfaction,,satisfaction,provider,,0.8,2026-10-30T09:00:00Z,122,94,28,0,0,%v,breached,-4,,,true,108,%v",
		94.0/122, 122.0/230); lines[2] != want {
		t.Errorf("satisfaction row\n got %s\nwant %s", lines[2], want)
	}
	if !strings.HasSuffix(lines[1], ",true,,") {
		t.Errorf("first-response row %q: want unrated and response_rate empty", lines[1])
	}

	buf.Reset()
	if err := report.WriteCSV(&buf, subset(t, rep, "platform-requests/satisfaction"), true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "/issues/20,breached,false,2026-11-05T11:30:00Z,2026-11-05T11:30:00Z,0,,false,,-1 payments-oncall-2 2026-11-06T20:36:51Z\n") {
		t.Errorf("no row for #20 rated 👎 by its requester:\n%.600s", buf.String())
	}
}
