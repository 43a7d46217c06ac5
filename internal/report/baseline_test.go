package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/baseline"
	"github.com/sla-dev/sla/internal/golden"
	"github.com/sla-dev/sla/internal/report"
)

// baselineAt is a Friday at midnight UTC; the weeks before it start on
// Fridays.
var baselineAt = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// exampleBaseline is docs/baseline.md's example: four weeks of eight
// issues, each answered and closed a day after the start of its week,
// but the last, opened an hour into the last week and still waiting 12h
// later.
func exampleBaseline() *baseline.Report {
	const m, h = time.Minute, time.Hour
	issues := []struct {
		week            int
		answer, resolve time.Duration
	}{
		{0, 20 * m, 30 * h}, {0, 50 * m, 10 * h}, {0, 2*h + 10*m, 5 * h},
		{1, h, 3 * h}, {1, h, 20 * h},
		{2, 40 * m, 12 * h}, {2, 7*h + 20*m, 40 * h},
	}
	var answers, resolutions []baseline.Sample
	for _, is := range issues {
		start := baselineAt.Add(-time.Duration(4-is.week)*agreement.Week + 24*h)
		answers = append(answers, baseline.Sample{Start: start, Elapsed: is.answer})
		resolutions = append(resolutions, baseline.Sample{Start: start, Elapsed: is.resolve})
	}
	waiting := baseline.Sample{Start: baselineAt.Add(-agreement.Week + h), Elapsed: 12 * h, Running: true}
	return &baseline.Report{
		Repos: []string{"acme/platform-requests"}, Labels: []string{"platform-request"}, At: baselineAt, Weeks: 4,
		Calendar: "berlin-office", Location: time.FixedZone("CET", 3600), Team: "platform",
		Metrics: []baseline.Metric{
			baseline.Measure(agreement.MetricFirstResponse, append(answers, waiting), baselineAt, 4),
			baseline.Measure(agreement.MetricResolution, append(resolutions, waiting), baselineAt, 4),
		},
	}
}

func TestWriteBaselineGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer, *baseline.Report) error
	}{
		{"baseline-table.golden", func(b *bytes.Buffer, r *baseline.Report) error { return report.WriteBaselineTable(b, r) }},
		{"baseline-markdown.golden", func(b *bytes.Buffer, r *baseline.Report) error { return report.WriteBaselineMarkdown(b, r) }},
		{"baseline-json.golden", func(b *bytes.Buffer, r *baseline.Report) error { return report.WriteBaselineJSON(b, r) }},
	} {
		var b bytes.Buffer
		if err := tc.write(&b, exampleBaseline()); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, tc.name, b.Bytes())
	}
}

func TestBaselineTableFits100Columns(t *testing.T) {
	t.Parallel()
	r := exampleBaseline()
	r.Repos, r.Labels = []string{"a/b"}, nil
	var b bytes.Buffer
	if err := report.WriteBaselineTable(&b, r); err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(b.String()) {
		if n := len([]rune(strings.TrimSuffix(line, "\n"))); n > 100 {
			t.Errorf("%d columns: %q", n, line)
		}
	}
}

func TestBaselineJSONNullsWithoutValues(t *testing.T) {
	t.Parallel()
	r := &baseline.Report{Repos: []string{"a/b"}, At: baselineAt, Weeks: 1, Calendar: "24x7", Location: time.UTC,
		Metrics: []baseline.Metric{
			baseline.Measure(agreement.MetricFirstResponse, nil, baselineAt, 1),
			baseline.Measure(agreement.MetricResolution, nil, baselineAt, 1),
		}}
	var b bytes.Buffer
	if err := report.WriteBaselineJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Team    *string `json:"team"`
		Metrics []struct {
			Weeks     []map[string]any `json:"weeks"`
			Proposals []map[string]any `json:"proposals"`
		} `json:"metrics"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Team != nil || got.Metrics[0].Weeks[0]["p50_seconds"] != nil || got.Metrics[0].Proposals[1]["within"] != nil {
		t.Errorf("values without clocks are not null:\n%s", b.String())
	}
}

func TestBaselineEscapesOutsideText(t *testing.T) {
	t.Parallel()
	r := exampleBaseline()
	r.Labels = []string{"evil\x1b[31m*label*"}
	var table, md bytes.Buffer
	if err := report.WriteBaselineTable(&table, r); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteBaselineMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(table.String(), "\x1b") || strings.Contains(md.String(), "\x1b") {
		t.Error("an escape code reached the output")
	}
	if !strings.Contains(md.String(), `\*label\*`) {
		t.Errorf("Markdown not escaped:\n%s", md.String())
	}
}
