package cli

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/baseline"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/suggest"
	"github.com/sla-dev/sla/internal/text"
	"github.com/spf13/cobra"
)

// BaselineOptions are the flags and arguments of `sla baseline`.
type BaselineOptions struct {
	// Args are repositories (OWNER/REPO) and agreement files or folders
	// (for --calendar and --team), told apart by splitBaselineArgs.
	Args     []string
	Calendar string
	Team     string
	Labels   []string
	Weeks    int
	Output   string
	Data     DataOptions
}

var baselineFormats = []format[*baseline.Report]{
	{"table", report.WriteBaselineTable},
	{"markdown", report.WriteBaselineMarkdown},
	{"json", report.WriteBaselineJSON},
}

// NewCmdBaseline builds `sla baseline`.
func NewCmdBaseline(env Env) *cobra.Command {
	opts := &BaselineOptions{}
	cmd := &cobra.Command{
		Use:   "baseline OWNER/REPO... [PATH...]",
		Short: "Measure what a team delivers today, before it promises",
		Long: strings.TrimSpace(`
Measure the issues of repositories week by week, before any agreement
exists: how long the first response and the resolution of each issue
took, in business time, as p50 and p90 per week; and, for targets of
80%, 90% and 95%, the within that would have been met in at least half
of those weeks: a promise that starts from evidence.

Weeks are 7 days ending at --at (default now, or with a snapshot the time
it was fetched); an issue belongs to the week it was opened in and is
measured as of --at. A first response is the first comment, or the
close, by anyone but the issue's author and bots, or with --team by a
member of that team. Time counts under the built-in 24x7 calendar, or
under --calendar NAME, a Calendar of the agreement files given as PATH
(default: the agreements/ folder). An argument that names an existing
file or folder is an agreement PATH; any other is OWNER/REPO.

The proposed within is the smallest round value (30m steps up to 4h,
whole hours above) whose weekly attainment reaches the target in at
least half of the weeks that had issues; docs/baseline.md has an example.

Exit status: 0 measured; 1 invalid agreement files; 2 usage, file or
network error (nothing measured); 3 measured, but a repository or a
team's members could not be read.`),
		Example: examples(`
  # First responses and resolutions of a repository over the last 12 weeks, around the clock
  sla baseline acme/platform-requests

  # In the team's business hours, its members' comments only, issues labelled platform-request
  sla baseline acme/platform-requests --calendar berlin-office --team platform --label platform-request

  # Offline, from a snapshot written by sla fetch
  sla baseline acme/platform-requests --snapshot issues.json.gz -o json

  # Start an agreement from the 90% row
  sla init --from-baseline acme/platform-requests`),
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Args = args
			return runBaseline(cmd.Context(), opts, env)
		},
	}
	f := cmd.Flags()
	opts.Data.addFlags(cmd)
	f.StringVar(&opts.Calendar, "calendar", "", "count business time under this Calendar of the agreement files (default: 24x7)")
	f.StringVar(&opts.Team, "team", "", "only comments (or closes) by members of this Team of the agreement files are first responses (default: anyone but the author and bots)")
	f.StringArrayVar(&opts.Labels, "label", nil, "only issues with this label (repeat: with all of them)")
	f.IntVar(&opts.Weeks, "weeks", 12, "how many weeks of 7 days, ending at --at")
	outputFlag(cmd, &opts.Output, formatNames(baselineFormats), "")
	_ = cmd.RegisterFlagCompletionFunc("calendar", completeNames(existingPaths, func(set *agreement.Set) []string {
		names := []string{agreement.AlwaysOpen}
		for _, c := range set.Calendars {
			names = append(names, string(c.Metadata.Name))
		}
		return names
	}))
	_ = cmd.RegisterFlagCompletionFunc("team", completeNames(existingPaths, teamNames))
	return cmd
}

func runBaseline(ctx context.Context, opts *BaselineOptions, env Env) error {
	if err := checkWeeks(opts.Weeks); err != nil {
		return err
	}
	repos, paths, err := splitBaselineArgs(opts.Args)
	if err != nil {
		return err
	}
	req := baselineRequest{repos: repos, labels: opts.Labels, weeks: opts.Weeks}
	if opts.Calendar != "" || opts.Team != "" {
		if req.calendar, req.team, err = baselineParties(paths, opts.Calendar, opts.Team, env); err != nil {
			return err
		}
	} else if len(paths) > 0 {
		return usageError("%s: agreement files are read only for --calendar or --team", strings.Join(paths, ", "))
	}
	rep, err := measureBaseline(ctx, req, &opts.Data, env)
	if err != nil {
		return err
	}
	if err := writeFormat(env.Out, baselineFormats, opts.Output, rep); err != nil {
		return failure(err)
	}
	if len(rep.Missing) > 0 {
		text.Fprintf(env.ErrOut, "sla: %s could not be read: the baseline is incomplete\n", strings.Join(rep.Missing, ", "))
		return exitCode(ExitIncomplete)
	}
	return nil
}

// maxBaselineWeeks bounds --weeks: ten years, as the longest window.
const maxBaselineWeeks = 520

// checkWeeks refuses a number of weeks to measure (--weeks of baseline,
// and of init --from-baseline) outside 1 to maxBaselineWeeks.
func checkWeeks(weeks int) error {
	if weeks < 1 || weeks > maxBaselineWeeks {
		return usageError("--weeks %d: give a number of weeks from 1 to %d", weeks, maxBaselineWeeks)
	}
	return nil
}

// existingPaths are the arguments that name files or folders: baseline's
// other arguments are repositories.
func existingPaths(args []string) []string {
	var paths []string
	for _, a := range args {
		if _, err := os.Stat(a); err == nil {
			paths = append(paths, a)
		}
	}
	return paths
}

// splitBaselineArgs tells repositories from agreement paths: an argument
// that names an existing file or folder is a path, any other must be
// OWNER/REPO.
func splitBaselineArgs(args []string) (repos, paths []string, err error) {
	for _, a := range args {
		if _, err := os.Stat(a); err == nil {
			paths = append(paths, a)
			continue
		}
		if !agreement.Repo(a).Valid() {
			return nil, nil, usageError("%q is neither a repository (OWNER/REPO, e.g. acme/platform-requests) nor an agreement file or folder", a)
		}
		if !slices.ContainsFunc(repos, func(r string) bool { return strings.EqualFold(r, a) }) {
			repos = append(repos, a)
		}
	}
	if len(repos) == 0 {
		return nil, nil, usageError("no repository to measure: give one or more as OWNER/REPO")
	}
	return repos, paths, nil
}

// baselineParties finds the calendar and the team (either may be "") in
// the agreement files, which must be valid.
func baselineParties(paths []string, calName, teamName string, env Env) (*agreement.Calendar, *agreement.Team, error) {
	if teamName == "" && calName == agreement.AlwaysOpen {
		return nil, nil, nil
	}
	set, err := validAgreements(paths, "nothing was measured", env)
	if err != nil {
		return nil, nil, err
	}
	var cal *agreement.Calendar
	if calName != "" && calName != agreement.AlwaysOpen {
		if cal, err = named(set.Calendars, func(c *agreement.Calendar) agreement.Name { return c.Metadata.Name }, calName, "calendar", agreement.AlwaysOpen); err != nil {
			return nil, nil, err
		}
	}
	var team *agreement.Team
	if teamName != "" {
		if team, err = named(set.Teams, func(t *agreement.Team) agreement.Name { return t.Metadata.Name }, teamName, "team"); err != nil {
			return nil, nil, err
		}
	}
	return cal, team, nil
}

// named finds the document (a Team, a Calendar) with the name, or says
// which names there are, the built-in ones first.
func named[T any](docs []T, nameOf func(T) agreement.Name, name, kind string, builtIn ...string) (T, error) {
	names := builtIn
	for _, d := range docs {
		if string(nameOf(d)) == name {
			return d, nil
		}
		names = append(names, string(nameOf(d)))
	}
	hint := suggest.Hint(name, names)
	switch {
	case hint != "":
	case len(names) == 0:
		hint = "; the files read hold no " + kind + "s"
	default:
		hint = "; " + kind + "s: " + strings.Join(names, ", ")
	}
	var none T
	return none, usageError("no %s named %q%s", kind, name, hint)
}

// baselineRequest is what a baseline measures.
type baselineRequest struct {
	repos, labels []string
	weeks         int
	calendar      *agreement.Calendar // nil: the built-in 24x7
	team          *agreement.Team     // nil: responses by anyone
}

// set is an agreement made up for the measurement: its first response
// and resolution objectives over the repositories and weeks asked for,
// under the calendar, answered by the team or by anyone. Compiled like
// any other, it measures clocks exactly as sla check does.
func (req baselineRequest) set() *agreement.Set {
	set := &agreement.Set{Sources: map[string][]byte{}}
	spec := agreement.AgreementSpec{
		Window: agreement.Window{Raw: fmt.Sprintf("%dw", req.weeks), D: time.Duration(req.weeks) * agreement.Week},
		Scope:  agreement.Scope{LabelFilter: agreement.LabelFilter{Labels: req.labels}, Authors: agreement.AuthorsAnyone},
	}
	for _, r := range req.repos {
		spec.Scope.Repos = append(spec.Scope.Repos, agreement.Repo(r))
	}
	if req.calendar != nil {
		set.Calendars = append(set.Calendars, req.calendar)
		spec.Calendar = req.calendar.Metadata.Name
	}
	responders := agreement.RespondersAnyone
	if req.team != nil {
		set.Teams = append(set.Teams, req.team)
		spec.Provider, responders = req.team.Metadata.Name, agreement.RespondersProvider
	}
	spec.Objectives = []agreement.Objective{
		{Name: "first-response", Metric: agreement.MetricFirstResponse, Responders: responders, Owner: agreement.OwnerProvider},
		{Name: "resolution", Metric: agreement.MetricResolution, Owner: agreement.OwnerProvider},
	}
	set.Agreements = append(set.Agreements, &agreement.Agreement{
		Header: agreement.Header{APIVersion: agreement.APIVersion, Kind: agreement.KindAgreement, Metadata: agreement.Metadata{Name: "baseline"}},
		Spec:   spec,
	})
	return set
}

// measureBaseline reads the issue data (a snapshot, or GitHub through the
// cache, as sla check does) and measures it.
func measureBaseline(ctx context.Context, req baselineRequest, data *DataOptions, env Env) (*baseline.Report, error) {
	set := req.set()
	snap, at, err := baselineData(ctx, set, req, data, env)
	if err != nil {
		return nil, err
	}
	objectives, err := compliance.Compile(set, compliance.ResolveTeams(set, snap.Teams))
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	// The weeks are the agreement's window: their data must be there.
	if start := objectives[0].Period.Start(at); len(data.Snapshots) > 0 && start.Before(snap.Since) {
		return nil, usageError("%d weeks to %s reach back to %s, but the snapshot covers only from %s: measure %d weeks or fewer, or live, without --snapshot",
			req.weeks, at.UTC().Format(time.RFC3339), start.UTC().Format(time.RFC3339), snap.Since.UTC().Format(time.RFC3339),
			int(at.Sub(snap.Since)/agreement.Week))
	}
	compliance.MarkUnread(objectives, unreadTeams(set, snap))
	ev := &evaluation{set: set, snap: snap, at: at, objectives: objectives}
	cal := objectives[0].Spec.Calendar
	out := &baseline.Report{Repos: req.repos, Labels: req.labels, At: at, Weeks: req.weeks,
		Calendar: cal.Name(), Location: cal.Location()}
	if req.team != nil {
		out.Team = string(req.team.Metadata.Name)
	}
	for _, r := range ev.evaluate(objectives).Results {
		samples := make([]baseline.Sample, 0, len(r.Clocks))
		for _, c := range r.Clocks {
			samples = append(samples, baseline.Sample{Start: c.Clock.Start, Elapsed: c.Clock.Elapsed, Running: c.Clock.Running()})
		}
		out.Metrics = append(out.Metrics, baseline.Measure(r.Objective.Def.Metric, samples, at, req.weeks))
		for _, m := range r.Missing {
			if !slices.Contains(out.Missing, m) {
				out.Missing = append(out.Missing, m)
			}
		}
	}
	return out, nil
}

// baselineData reads the issue data and the instant as sla check does —
// the snapshots at their fetch time unless --at is earlier, else GitHub
// now — and refuses snapshots that lack a repository.
func baselineData(ctx context.Context, set *agreement.Set, req baselineRequest, data *DataOptions, env Env) (*snapshot.Snapshot, time.Time, error) {
	var at time.Time
	var err error
	if data.At != "" {
		if at, err = parseAt(data.At); err != nil {
			return nil, at, err
		}
	}
	snap, at, err := readData(ctx, set, at, data, env)
	if err != nil || len(data.Snapshots) == 0 {
		return snap, at, err
	}
	var held []string
	for _, r := range snap.Repos {
		held = append(held, r.Name)
	}
	for _, r := range req.repos {
		if snap.Repo(r) == nil {
			return nil, at, usageError("%s is not in the snapshot%s, which holds %s: measure it live, without --snapshot",
				r, suggest.Hint(r, held), strings.Join(held, ", "))
		}
	}
	return snap, at, nil
}
