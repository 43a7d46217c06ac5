package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/text"
)

// The charts of the HTML report are SVG drawn here: the geometry is
// computed in Go and the page's template writes the elements, escaping
// every value. Every chart carries its own text: a <title>, a <desc> that
// reads out each week, an aria-label, and a table of the same figures that
// only screen readers see. Colour is never the only signal: each point's
// shape says its status (a circle met, a triangle at risk, a cross
// breached), the target line is labelled, and a band names the weeks
// since the objective slipped.

// Chart sizes, in SVG user units (the chart scales to its box).
const (
	chartW, chartH                             = 560, 210
	plotLeft, plotRight, plotTop, plotBottom   = 44, 52, 22, 34
	sparkBarW, sparkGap, sparkH, sparkMinBarPx = 7, 2, 22, 5
)

// htmlChart is one objective's weekly attainment chart.
type htmlChart struct {
	ID, DescID string
	Label      string // aria-label: what the chart is
	Title      string // <title>
	Desc       string // <desc>: the figures, week by week
	W, H       int
	Plot       box
	Grid       []gridLine
	Target     gridLine
	Below      box // the area under the target line
	Lines      []string
	Marks      []chartMark
	XLabels    []axisLabel
	Since      *sinceBand
	Empty      bool // no week has samples
}

type box struct{ X, Y, W, H float64 }

type gridLine struct {
	Y     float64
	Label string
}

type axisLabel struct {
	X    float64
	Text string
}

// chartMark is one week's point: its shape comes from Kind (met, at_risk,
// breached; no_data sits on the axis).
type chartMark struct {
	X, Y   float64
	Kind   string
	Title  string // shown on hover
	Latest bool
	Value  string // the latest point's figure, written beside it
}

// sinceBand shades the weeks an objective has been slipping.
type sinceBand struct {
	X, W   float64
	Label  string
	Status compliance.Status
	// LabelX is where the label starts; LabelEnd anchors it at its end
	// instead, when the band is near the right edge.
	LabelX   float64
	LabelEnd bool
}

// slip is how long an objective has been slipping. From is the first
// point of the trailing run of points with the latest point's status
// (breached, or at risk), SlipFrom the first of the trailing run of points
// that are breached or at risk, which may start earlier (at risk for two
// weeks, then breached). Both are -1 when the latest point is neither.
type slip struct {
	From, SlipFrom int
	Status         compliance.Status // the latest point's
	Weeks          int               // of the run from From
	Whole          bool              // the run from From covers every point: it began before the trend
}

func slipOf(points []compliance.Point) slip {
	s := slip{From: -1, SlipFrom: -1}
	n := len(points)
	if n == 0 {
		return s
	}
	s.Status = points[n-1].Status
	if !slipping(s.Status) {
		return s
	}
	s.From = n - 1
	for s.From > 0 && points[s.From-1].Status == s.Status {
		s.From--
	}
	s.SlipFrom = s.From
	for s.SlipFrom > 0 && slipping(points[s.SlipFrom-1].Status) {
		s.SlipFrom--
	}
	s.Weeks = n - s.From
	s.Whole = s.From == 0
	return s
}

func slipping(st compliance.Status) bool {
	return st == compliance.StatusBreached || st == compliance.StatusAtRisk
}

// words says since when the objective has had its status: "since 23 Oct
// (6 weeks)", "since this week", or "throughout the 12 weeks shown" when
// it began before the first point; then since when it has been slipping,
// when that began earlier ("at risk from 9 Oct"), and how many weeks before
// that it was breached.
func (s slip) words(points []compliance.Point) string {
	if s.From < 0 {
		return ""
	}
	var w string
	switch {
	case s.Whole && len(points) > 1:
		w = fmt.Sprintf("throughout the %d weeks shown", len(points))
	case s.Weeks == 1:
		w = "since this week"
	default:
		w = fmt.Sprintf("since %s (%d weeks)", day(points[s.From].At), s.Weeks)
	}
	if s.SlipFrom < s.From {
		before := "slipping"
		if s.Status == compliance.StatusBreached && !slices.ContainsFunc(points[s.SlipFrom:s.From], func(p compliance.Point) bool {
			return p.Status != compliance.StatusAtRisk
		}) {
			before = "at risk"
		}
		w += fmt.Sprintf("; %s from %s", before, day(points[s.SlipFrom].At))
	}
	earlier := 0
	for _, p := range points[:s.SlipFrom] {
		if p.Status == compliance.StatusBreached {
			earlier++
		}
	}
	if earlier > 0 {
		w += "; breached in " + text.Plural(earlier, "earlier week") + " too"
	}
	return w
}

// short is words without the weeks: "since 23 Oct", for the chart's band.
func (s slip) short(points []compliance.Point) string {
	switch {
	case s.From < 0:
		return ""
	case s.Whole && len(points) > 1:
		return "in all weeks shown"
	case s.Weeks == 1:
		return "since this week"
	}
	return "since " + day(points[s.From].At)
}

// chartFloor is the bottom of the vertical scale every chart of a page
// shares, so that their slopes compare: a round 10% at or below the
// lowest attainment of any point and ten points under the lowest target,
// 0% at the least.
func chartFloor(results []*compliance.Result) int64 {
	lowest := int64(compliance.Million)
	for _, r := range results {
		if len(r.Trend) == 0 {
			continue
		}
		lowest = min(lowest, r.Objective.TargetPPM-100_000)
		for i := range r.Trend {
			if a, ok := r.Trend[i].Attainment(); ok {
				lowest = min(lowest, a)
			}
		}
	}
	return max(lowest/100_000*100_000, 0)
}

// newChart lays out an objective's trend on a vertical scale from lo
// (chartFloor) to 100%.
func newChart(id string, r *compliance.Result, name string, lo int64) htmlChart {
	points := r.Trend
	target := r.Objective.TargetPPM
	c := htmlChart{ID: "chart-" + id, DescID: "chart-" + id + "-desc", W: chartW, H: chartH,
		Plot: box{plotLeft, plotTop, chartW - plotLeft - plotRight, chartH - plotTop - plotBottom}}

	step := int64(100_000)
	if compliance.Million-lo > 500_000 {
		step = 200_000
		lo = lo / step * step
	}
	y := func(ppm int64) float64 {
		return c.Plot.Y + c.Plot.H*float64(compliance.Million-ppm)/float64(compliance.Million-lo)
	}
	for v := lo; v <= compliance.Million; v += step {
		c.Grid = append(c.Grid, gridLine{Y: y(v), Label: fmt.Sprintf("%d%%", v/10_000)})
	}
	c.Target = gridLine{Y: y(target), Label: "target " + Target(target)}
	c.Below = box{c.Plot.X, c.Target.Y, c.Plot.W, c.Plot.Y + c.Plot.H - c.Target.Y}

	n := len(points)
	x := func(i int) float64 {
		if n == 1 {
			return c.Plot.X + c.Plot.W/2
		}
		return c.Plot.X + 8 + (c.Plot.W-16)*float64(i)/float64(n-1)
	}
	every := max((n+6)/7, 1) // at most 7 dates on the axis
	var line []string
	var values []string
	for i := range points {
		p := &points[i]
		if (n-1-i)%every == 0 {
			c.XLabels = append(c.XLabels, axisLabel{X: x(i), Text: day(p.At)})
		}
		a, ok := p.Attainment()
		if !ok {
			if len(line) > 0 {
				c.Lines = append(c.Lines, strings.Join(line, " "))
				line = nil
			}
			c.Marks = append(c.Marks, chartMark{X: x(i), Y: c.Plot.Y + c.Plot.H, Kind: "no_data",
				Title: fmt.Sprintf("%s: no samples", day(p.At)), Latest: i == n-1})
			values = append(values, day(p.At)+" no samples")
			continue
		}
		m := chartMark{X: x(i), Y: y(a), Kind: string(p.Status), Latest: i == n-1,
			Title: fmt.Sprintf("%s: %s (%d of %d met), %s", day(p.At), Percent(a), p.Met, p.Samples(), statusText(p.Status))}
		if m.Kind == string(compliance.StatusNoData) {
			m.Kind = string(compliance.StatusMet) // samples but no verdict cannot happen; draw it plainly
		}
		if m.Latest {
			m.Value = Percent(a)
		}
		c.Marks = append(c.Marks, m)
		line = append(line, fmt.Sprintf("%.1f,%.1f", m.X, m.Y))
		values = append(values, fmt.Sprintf("%s %s %s", day(p.At), Percent(a), statusText(p.Status)))
	}
	if len(line) > 0 {
		c.Lines = append(c.Lines, strings.Join(line, " "))
	}
	c.Empty = len(c.Lines) == 0

	s := slipOf(points)
	if s.From >= 0 {
		left := x(s.From) - 8
		if s.From == 0 || n == 1 {
			left = c.Plot.X
		}
		band := &sinceBand{X: left, W: c.Plot.X + c.Plot.W - left, Status: s.Status,
			Label: statusText(s.Status) + " " + s.short(points)}
		band.LabelX = left + 4
		if band.W < 150 {
			band.LabelX, band.LabelEnd = c.Plot.X+c.Plot.W, true
		}
		c.Since = band
	}

	span := ""
	if n > 0 {
		span = fmt.Sprintf(" from %s to %s", day(points[0].At), day(points[n-1].At))
	}
	c.Label = fmt.Sprintf("Weekly attainment of %s, target %s", name, Target(target))
	c.Title = c.Label
	desc := fmt.Sprintf("Attainment at %d weekly points%s, oldest first: %s.", n, span, strings.Join(values, "; "))
	if s.From >= 0 {
		desc += " " + capitalize(statusText(s.Status)) + " " + s.words(points) + "."
	}
	c.Desc = desc
	return c
}

// htmlSpark is a small bar chart of a trend, for the summary table: one bar
// a week, its height SparkLevel, drawn solid at or above the target and
// hatched below it.
type htmlSpark struct {
	W, H    int
	Label   string
	Bars    []sparkBar
	TargetY float64 // the dashed line between the bars below and at the target
}

type sparkBar struct {
	X, Y, H float64
	Below   bool
	NoData  bool
}

func newSpark(r *compliance.Result) htmlSpark {
	s := htmlSpark{W: len(r.Trend)*(sparkBarW+sparkGap) - sparkGap, H: sparkH}
	height := func(level float64) float64 { return sparkMinBarPx + float64(sparkH-sparkMinBarPx)*(level-1)/7 }
	s.TargetY = sparkH - height(4.5)
	var words []string
	for i := range r.Trend {
		p := &r.Trend[i]
		x := float64(i * (sparkBarW + sparkGap))
		level := SparkLevel(p, r.Objective.TargetPPM)
		if level == 0 {
			s.Bars = append(s.Bars, sparkBar{X: x, Y: sparkH - 1, H: 1, NoData: true})
			words = append(words, "no samples")
			continue
		}
		h := height(float64(level))
		s.Bars = append(s.Bars, sparkBar{X: x, Y: sparkH - h, H: h, Below: level <= 4})
		a, _ := p.Attainment()
		words = append(words, Percent(a))
	}
	s.Label = "Weekly attainment, oldest first: " + strings.Join(words, ", ")
	return s
}

// day writes an instant's date, in UTC: "9 Oct".
func day(t time.Time) string { return t.UTC().Format("2 Jan") }

// statusText is a status in words: "at risk", "no data".
func statusText(s compliance.Status) string { return strings.ReplaceAll(string(s), "_", " ") }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
