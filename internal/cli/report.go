package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/checkin"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/kudos"
	"github.com/sla-dev/sla/internal/report"
	"github.com/spf13/cobra"
)

// ReportOptions are the flags and arguments of `sla report`.
type ReportOptions struct {
	EvaluationOptions
	Output string
}

var reportFormats = []string{"html"}

// defaultTrend is how many weekly points a report shows unless told.
const defaultTrend = 12

// NewCmdReport builds `sla report`.
func NewCmdReport(env Env) *cobra.Command {
	opts := &ReportOptions{}
	cmd := &cobra.Command{
		Use:   "report [PATH...]",
		Short: "Write the compliance report as one HTML page",
		Long: strings.TrimSpace(`
Measure every objective as sla check does, at the evaluation instant and at
each of the weekly points before it (--trend, 12 by default), and write one
self-contained HTML page to standard output: which promises are slipping
and since when, which teams kept every promise over the period, and per
agreement its parties and expectations (as sla describe words them), each
objective's status, a chart of its weekly attainment against the target,
and the breached and at-risk issues as links.

The page loads nothing from elsewhere (no scripts, fonts or styles from
the network), reads without colour, and prints.

The data options are those of sla check: --snapshot files, or live from
GitHub. Snapshots must cover the trend's earliest window: fetch them with
sla fetch --trend N (or --since). Exit status as for sla check without
--fail-on: 0, 1 invalid agreements, 2 usage or file error, 3 incomplete.`),
		Example: examples(`
  # The report of the last 12 weeks, from a snapshot
  sla report --snapshot issues.json.gz > report.html

  # ... of 26 weeks, for one team, live from GitHub
  sla report --trend 26 --team platform > platform.html

  # In CI: fetch what the trend needs, then keep the page as an artifact
  sla fetch --out issues.json.gz --trend 12
  sla report --snapshot issues.json.gz -o html > report.html`),
	}
	runWithPaths(cmd, &opts.Paths, func(ctx context.Context) error { return runReport(ctx, opts, env) })
	f := cmd.Flags()
	opts.addEvaluationFlags(cmd, "report only the agreement with this name", "only the agreements where this team is the provider or a consumer")
	outputFlag(cmd, &opts.Output, reportFormats, "(sla check writes table, markdown, json and csv)")
	f.IntVar(&opts.Data.Trend, "trend", defaultTrend, "weekly points to chart, ending at the evaluation instant, each with its own window")
	return cmd
}

func runReport(ctx context.Context, opts *ReportOptions, env Env) error {
	if opts.Data.Trend < 1 {
		return usageError("--trend %d: give a number of weeks, 1 or more", opts.Data.Trend)
	}
	opts.Data.Checkins = true // the latest check-in beside each agreement's promises
	ev, err := loadEvaluation(ctx, opts.request(), env)
	if err != nil {
		return err
	}
	defer ev.close() // a snapshot still being read, when the command stops before evaluating
	objectives := ev.objectives
	// The consumers' objectives once more for each consumer team alone, in
	// the same pass, to say which teams kept their promises.
	all := slices.Clone(objectives)
	type share struct {
		o    *compliance.Objective
		team agreement.Name
	}
	var shares []share
	for _, o := range objectives {
		if o.Def.Owner != agreement.OwnerConsumers {
			continue
		}
		for _, t := range o.Consumers {
			all = append(all, o.ForConsumer(t))
			shares = append(shares, share{o, t.Name})
		}
	}
	evaluated, err := ev.evaluateWhileReading(all)
	if err != nil {
		return err
	}
	rep := &compliance.Report{At: evaluated.At, Results: evaluated.Results[:len(objectives)]}
	consumers := map[*compliance.Objective]map[agreement.Name]*compliance.Result{}
	for i, s := range shares {
		if consumers[s.o] == nil {
			consumers[s.o] = map[agreement.Name]*compliance.Result{}
		}
		consumers[s.o][s.team] = evaluated.Results[len(objectives)+i]
	}
	if env.OutIsTTY {
		fmt.Fprintln(env.ErrOut, "sla: the report is an HTML page; redirect it to a file: sla report > report.html")
	}
	checkins, err := checkin.LatestOfEach(ev.set, ev.teams, ev.snap.Checkins, ev.at)
	if err != nil {
		return failure(err)
	}
	k, err := kudos.Find(rep, kudos.Input{Set: ev.set, Teams: ev.teams, Snapshot: ev.snap})
	if err != nil {
		return failure(err)
	}
	html := report.HTMLOptions{Version: env.version(), Consumers: consumers, Checkins: checkins, Kudos: k}
	if err := report.WriteHTML(env.Out, rep, ev.set, html); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	return exitFor(rep, failNever, env)
}
