package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/golden"
	"github.com/sla-dev/sla/internal/report"
)

// trendExample is the example evaluated with a trend of 12 weekly points.
var (
	trendOnce sync.Once
	trendRep  *compliance.Report
)

func exampleTrend(t *testing.T) *compliance.Report {
	t.Helper()
	objectives, snap, _ := example(t)
	trendOnce.Do(func() { trendRep = compliance.EvaluateTrend(objectives, snap, exampleAt, 12) })
	return trendRep
}

func TestSparkLevel(t *testing.T) {
	// Target 90%: the budget is 10 points, a step 2.5 points.
	for _, tc := range []struct {
		met, breached int
		want          int
	}{
		{0, 0, 0},     // no samples: blank
		{100, 0, 8},   // 100%
		{39, 1, 8},    // 97.5%: the top quarter of the budget
		{389, 11, 7},  // 97.25%
		{95, 5, 7},    // 95%
		{925, 75, 6},  // 92.5%
		{9, 1, 5},     // 90%: at the target
		{899, 101, 4}, // 89.9%: just below
		{875, 125, 3}, // 87.5%
		{85, 15, 2},   // 85%
		{825, 175, 1}, // 82.5%
		{1, 3, 1},     // 25%
		{0, 4, 1},     // 0%
	} {
		p := compliance.Point{Met: tc.met, Breached: tc.breached}
		if got := report.SparkLevel(&p, 900_000); got != tc.want {
			t.Errorf("met %d, breached %d: level %d, want %d", tc.met, tc.breached, got, tc.want)
		}
	}
	// A 100% target has no budget: all or the lowest bar.
	for met, want := range map[int]int{10: 8, 9: 1} {
		p := compliance.Point{Met: met, Breached: 10 - met}
		if got := report.SparkLevel(&p, compliance.Million); got != want {
			t.Errorf("target 100%%, %d of 10 met: level %d, want %d", met, got, want)
		}
	}
}

func TestSparkline(t *testing.T) {
	r := &compliance.Result{Objective: &compliance.Objective{TargetPPM: 800_000}, Trend: []compliance.Point{
		{}, {Met: 4, Breached: 1}, {Met: 1, Breached: 1}, {Met: 5},
	}}
	// –, 80% (▅: at the target), 50% (▁), 100% (█).
	if got, want := report.Sparkline(r, ' '), " ▅▁█"; got != want {
		t.Errorf("Sparkline = %q, want %q", got, want)
	}
}

// With a trend the table gains TREND and its legend, and still fits 80
// columns; without one it has neither (the goldens of TestWriteTable).
func TestTableTrend(t *testing.T) {
	rep := exampleTrend(t)
	for _, details := range []bool{false, true} {
		var buf bytes.Buffer
		if err := report.WriteTable(&buf, rep, report.TableOptions{Details: details}); err != nil {
			t.Fatal(err)
		}
		if !details {
			golden.Check(t, "table-trend.golden", buf.Bytes())
		}
		fits80(t, fmt.Sprintf("trend, details %v", details), buf.String())
		for _, line := range strings.Split(buf.String(), "\n") {
			if strings.HasSuffix(line, " ") {
				t.Errorf("line ends with a space: %q", line)
			}
		}
		out := buf.String()
		if !strings.HasPrefix(out, "AGREEMENT / OBJECTIVE    WITHIN") || !strings.Contains(out, "ATTAINMENT  TREND") {
			t.Errorf("header without TREND:\n%s", out)
		}
		if !strings.Contains(out, "\nTREND: attainment at 12 weekly points, 11 Sep to 27 Nov 2026, oldest first.\n") {
			t.Errorf("no legend:\n%s", out)
		}
	}
	// An incomplete row ("breached*") fits too.
	sub := subset(t, rep, "platform-requests/urgent-first-response")
	r := *sub.Results[0]
	r.Complete, r.Missing, r.Status = false, []string{"acme/platform-requests"}, compliance.StatusBreached
	sub.Results[0] = &r
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, sub, report.TableOptions{}); err != nil {
		t.Fatal(err)
	}
	fits80(t, "incomplete trend", buf.String())
}

// Each objective's sparkline has one bar per week, in the row's TREND
// column, blank where a week has no samples.
func TestTableTrendBars(t *testing.T) {
	rep := exampleTrend(t)
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, rep, report.TableOptions{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	col := strings.Index(lines[0], "TREND") // the header is ASCII: bytes are columns
	i := 0
	for _, line := range lines[1:] {
		if !objectiveRow.MatchString(line) {
			continue
		}
		r := rep.Results[i]
		i++
		runes := []rune(line)
		got := string(runes[col : col+12])
		if want := report.Sparkline(r, ' '); got != want {
			t.Errorf("%s: trend %q, want %q", r.Objective.Name(), got, want)
		}
		blank := 0
		for _, p := range r.Trend {
			if p.Samples() == 0 {
				blank++
			}
		}
		if n := strings.Count(got, " "); n != blank {
			t.Errorf("%s: %d blanks for %d weeks without samples", r.Objective.Name(), n, blank)
		}
	}
	if i != len(rep.Results) {
		t.Errorf("%d objective rows, want %d", i, len(rep.Results))
	}
}

func TestMarkdownTrend(t *testing.T) {
	rep := exampleTrend(t)
	var buf bytes.Buffer
	if err := report.WriteMarkdown(&buf, rep); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "markdown-trend.golden", buf.Bytes())
	out := buf.String()
	if !strings.Contains(out, "| Attainment | Trend | Status |") || !strings.Contains(out, "*Trend*: attainment at 12 weekly points") {
		t.Errorf("no trend column or legend:\n%s", out)
	}
	// Weeks without samples are no-break spaces, which a table keeps.
	if !strings.Contains(out, "| \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0▁▁▁▁ |") {
		t.Errorf("data-requests/first-response has no data before November: its trend should start blank:\n%s", out)
	}
	// Without a trend, as before.
	objectives, snap, _ := example(t)
	buf.Reset()
	if err := report.WriteMarkdown(&buf, compliance.Evaluate(objectives, snap, exampleAt)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "Trend") {
		t.Errorf("a trend column without a trend")
	}
}

func TestJSONTrend(t *testing.T) {
	rep := exampleTrend(t)
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, rep, report.JSONOptions{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Agreements []struct {
			Objectives []struct {
				Name       string   `json:"name"`
				Attainment *float64 `json:"attainment"`
				Status     string   `json:"status"`
				Met        int      `json:"met"`
				Trend      []struct {
					At          time.Time `json:"at"`
					WindowStart time.Time `json:"window_start"`
					Attainment  *float64  `json:"attainment"`
					Samples     int       `json:"samples"`
					Met         int       `json:"met"`
					Breached    int       `json:"breached"`
					Pending     int       `json:"pending"`
					Status      string    `json:"status"`
				} `json:"trend"`
			} `json:"objectives"`
		} `json:"agreements"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	i := 0
	for _, a := range doc.Agreements {
		for _, o := range a.Objectives {
			r := rep.Results[i]
			i++
			if len(o.Trend) != 12 {
				t.Fatalf("%s: %d points", o.Name, len(o.Trend))
			}
			for j, p := range o.Trend {
				want := r.Trend[j]
				if !p.At.Equal(exampleAt.Add(-time.Duration(11-j)*agreement.Week)) || p.Met != want.Met || p.Breached != want.Breached ||
					p.Pending != want.Pending || p.Status != string(want.Status) || p.Samples != p.Met+p.Breached ||
					(p.Attainment == nil) != (p.Samples == 0) {
					t.Errorf("%s point %d: %+v, want %+v", o.Name, j, p, want)
				}
			}
			last := o.Trend[11]
			if last.Met != o.Met || last.Status != o.Status || (last.Attainment == nil) != (o.Attainment == nil) {
				t.Errorf("%s: the last point is not the objective now", o.Name)
			}
		}
	}
	// Without a trend, no "trend" key at all.
	objectives, snap, _ := example(t)
	buf.Reset()
	if err := report.WriteJSON(&buf, compliance.Evaluate(objectives, snap, exampleAt), report.JSONOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `"trend"`) {
		t.Errorf("a trend key without a trend")
	}
}
