package report

import (
	"io"
	"time"

	"github.com/sla-dev/sla/internal/compliance"
)

// The JSON layout of SPEC §5: durations in seconds, times RFC 3339 UTC.
type jsonReport struct {
	// SLAVersion names the sla that computed the figures, so a stored
	// report can be traced to the code that made it.
	SLAVersion  string          `json:"sla_version"`
	EvaluatedAt time.Time       `json:"evaluated_at"`
	Agreements  []jsonAgreement `json:"agreements"`
	Summary     jsonSummary     `json:"summary"`
	Incomplete  []string        `json:"incomplete"`
}

type jsonAgreement struct {
	Name       string          `json:"name"`
	Title      string          `json:"title,omitempty"`
	Provider   string          `json:"provider"`
	Consumers  []string        `json:"consumers"`
	Objectives []jsonObjective `json:"objectives"`
}

type jsonObjective struct {
	Name          string  `json:"name"`
	Metric        string  `json:"metric"`
	Owner         string  `json:"owner"`
	WithinSeconds int64   `json:"within_seconds,omitempty"` // none for satisfaction
	Target        float64 `json:"target"`
	*jsonRaters
	WindowStart time.Time `json:"window_start"`
	jsonFigures
	Complete bool        `json:"complete"`
	Issues   clockList   `json:"issues"` // the clocks listed, written by writeClocks
	By       []jsonGroup `json:"by,omitempty"`
	// Trend, with --trend: the objective at each weekly point, oldest
	// first, the last being evaluated_at.
	Trend []jsonPoint `json:"trend,omitempty"`
}

// jsonRaters say who rates a satisfaction objective, and how many
// ratings it needs; nil for the other metrics.
type jsonRaters struct {
	RatedBy    string `json:"rated_by"`
	MinRatings int    `json:"min_ratings"`
}

// jsonUnrated are a satisfaction objective's requests closed without a
// rating, and the share rated (null when none was closed); nil for the
// other metrics.
type jsonUnrated struct {
	Unrated      int      `json:"unrated"`
	ResponseRate *float64 `json:"response_rate"`
}

// unratedOf is the unrated figures of a tally, for satisfaction only. The
// response rate is rated / closed, unrounded like the attainment.
func unratedOf(o *compliance.Objective, samples, unrated int) *jsonUnrated {
	if !rated(o) {
		return nil
	}
	u := &jsonUnrated{Unrated: unrated}
	if closed := samples + unrated; closed > 0 {
		f := float64(samples) / float64(closed)
		u.ResponseRate = &f
	}
	return u
}

// jsonPoint is an objective evaluated at one point of a trend.
type jsonPoint struct {
	At          time.Time `json:"at"`
	WindowStart time.Time `json:"window_start"`
	jsonCounts
}

// jsonGroup is an objective's figures for one consumer team or repository.
type jsonGroup struct {
	Key string `json:"key"`
	jsonFigures
}

// jsonFigures are what an objective, or a group of its clocks, adds up to.
type jsonFigures struct {
	jsonCounts
	P50Seconds *int64 `json:"p50_seconds"`
	P90Seconds *int64 `json:"p90_seconds"`
}

// jsonCounts are the clocks counted and the verdict, of an objective, a
// group of its clocks or a point of its trend.
type jsonCounts struct {
	Samples         int      `json:"samples"`
	Met             int      `json:"met"`
	Breached        int      `json:"breached"`
	Pending         int      `json:"pending"`
	AtRisk          int      `json:"at_risk"`
	Attainment      *float64 `json:"attainment"`
	Status          string   `json:"status"`
	BudgetRemaining int      `json:"budget_remaining"`
	*jsonUnrated
}

// figuresOf sums up a result; attainment and percentiles are null without
// samples.
func figuresOf(r *compliance.Result) jsonFigures {
	f := jsonFigures{jsonCounts: jsonCounts{Samples: r.Samples(), Met: r.Met, Breached: r.Breached, Pending: r.Pending,
		AtRisk: r.AtRisk, Status: string(r.Status), BudgetRemaining: r.BudgetRemaining,
		jsonUnrated: unratedOf(r.Objective, r.Samples(), r.Unrated)}}
	f.Attainment, f.P50Seconds, f.P90Seconds = figures(r)
	return f
}

type jsonSummary struct {
	Objectives int `json:"objectives"`
	Met        int `json:"met"`
	AtRisk     int `json:"at_risk"`
	Breached   int `json:"breached"`
	NoData     int `json:"no_data"`
}

// JSONOptions shape the JSON report.
type JSONOptions struct {
	// Details lists every clock of each objective, not only its breached
	// and at-risk ones.
	Details bool
	// Version names the sla that wrote the report ("sla_version").
	Version string
}

// WriteJSON prints the report as JSON. Each objective lists its breached
// and at-risk clocks, or every clock with opts.Details.
func WriteJSON(w io.Writer, rep *compliance.Report, opts JSONOptions) error {
	details := opts.Details
	out := jsonReport{SLAVersion: opts.Version, EvaluatedAt: rep.At.UTC(), Agreements: []jsonAgreement{}, Incomplete: []string{}}
	seenMissing := map[string]bool{}
	var cur *jsonAgreement
	var lists [][]*compliance.ClockResult // each objective's clocks listed
	for _, r := range rep.Results {
		o := r.Objective
		a := o.Agreement
		if cur == nil || cur.Name != string(a.Metadata.Name) {
			consumers := make([]string, len(a.Spec.Consumers))
			for i, c := range a.Spec.Consumers {
				consumers[i] = string(c)
			}
			out.Agreements = append(out.Agreements, jsonAgreement{Name: string(a.Metadata.Name), Title: a.Metadata.Title,
				Provider: string(a.Spec.Provider), Consumers: consumers, Objectives: []jsonObjective{}})
			cur = &out.Agreements[len(out.Agreements)-1]
		}
		jo := jsonObjective{
			Name: string(o.Def.Name), Metric: string(o.Def.Metric), Owner: string(o.Def.Owner),
			WithinSeconds: int64(o.Within / time.Second), Target: float64(o.TargetPPM) / compliance.Million,
			WindowStart: r.WindowStart.UTC(), jsonFigures: figuresOf(r), Complete: r.Complete, Issues: clockList(len(lists)),
		}
		if rated(o) {
			jo.jsonRaters = &jsonRaters{RatedBy: string(o.RatedBy), MinRatings: o.MinRatings}
		}
		for _, p := range r.Trend {
			jp := jsonPoint{At: p.At.UTC(), WindowStart: p.WindowStart.UTC(), jsonCounts: jsonCounts{Samples: p.Samples(), Met: p.Met,
				Breached: p.Breached, Pending: p.Pending, AtRisk: p.AtRisk, Status: string(p.Status), BudgetRemaining: p.BudgetRemaining,
				jsonUnrated: unratedOf(o, p.Samples(), p.Unrated)}}
			if p.Samples() > 0 {
				f := float64(p.Met) / float64(p.Samples())
				jp.Attainment = &f
			}
			jo.Trend = append(jo.Trend, jp)
		}
		for _, g := range r.Groups {
			jo.By = append(jo.By, jsonGroup{Key: g.Key, jsonFigures: figuresOf(g.Result)})
		}
		var listed []*compliance.ClockResult
		for i := range r.Clocks {
			c := &r.Clocks[i]
			if !details && c.Outcome != compliance.Breached && !c.AtRisk {
				continue
			}
			listed = append(listed, c)
		}
		lists = append(lists, listed)
		for _, m := range r.Missing {
			if !seenMissing[m] {
				seenMissing[m] = true
				out.Incomplete = append(out.Incomplete, m)
			}
		}
		cur.Objectives = append(cur.Objectives, jo)
	}
	s := rep.Summary()
	out.Summary = jsonSummary{s.Objectives, s.Met, s.AtRisk, s.Breached, s.NoData}
	var scratch []byte
	return writeJSONWith(w, out, func(x *indenter, key, token []byte) bool {
		return string(key) == "issues" && writeClocks(x, lists, token, &scratch)
	})
}

// figures are the attainment and percentiles, null without samples (and
// the percentiles for satisfaction, which measures no time).
func figures(r *compliance.Result) (attainment *float64, p50, p90 *int64) {
	if r.Samples() == 0 {
		return nil, nil, nil
	}
	f := float64(r.Met) / float64(r.Samples())
	if rated(r.Objective) {
		return &f, nil, nil
	}
	a, b := int64(r.P50/time.Second), int64(r.P90/time.Second)
	return &f, &a, &b
}
