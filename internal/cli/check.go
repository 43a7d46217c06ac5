package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/suggest"
	"github.com/sla-dev/sla/internal/text"
	"github.com/sla-dev/sla/internal/validate"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// CheckOptions are the flags and arguments of `sla check`.
type CheckOptions struct {
	Paths     []string
	Data      DataOptions
	Agreement string
	Output    string
	Details   bool
	FailOn    string
	By        string
	Team      string
}

var (
	checkFormats = []string{"table", "markdown", "json", "csv"}
	failOnValues = []string{"never", "breached", "at_risk"}
)

// NewCmdCheck builds `sla check`.
func NewCmdCheck(env Env) *cobra.Command {
	opts := &CheckOptions{}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Measure every objective against issue data",
		Long: strings.TrimSpace(`
Validate the agreements, then measure each objective against the issues of
its repositories: which clocks met their promise, which breached it, which
are still running, and whether each objective meets its target. Time counts
in business hours under each objective's calendar.

Issue data comes live from GitHub (token from GH_TOKEN or GITHUB_TOKEN, or
the GitHub CLI's login), revalidated against a cache of earlier runs so
that a re-run costs a few requests, or from --snapshot files written by
sla fetch. The evaluation instant is --at, else now, or with a snapshot the
time it was fetched.

Exit status: 0 evaluated; 1 invalid agreements, or --fail-on tripped;
2 usage or file error (nothing evaluated); 3 evaluated, but a repository
could not be read (its objectives are marked incomplete).`),
		Example: examples(`
  # Measure the agreements in ./agreements against GitHub, now
  sla check

  # ... or against a snapshot written by sla fetch
  sla check --snapshot issues.json.gz

  # Each objective's weekly attainment over the last 12 weeks, as a sparkline
  sla check --snapshot issues.json.gz --trend 12

  # How does Platform serve each of its consumers?
  sla check --snapshot issues.json.gz --team platform --by consumer

  # As of the end of October, one agreement, with the issues behind each number
  sla check --snapshot issues.json.gz --at 2026-10-31T23:59:59Z --agreement platform-requests --details

  # In CI: fail when any objective is breached, keep the JSON
  sla check --snapshot issues.json.gz --fail-on breached -o json > compliance.json

  # In GitHub Actions: the report as the job's summary
  sla check --snapshot issues.json.gz -o markdown >> "$GITHUB_STEP_SUMMARY"`),
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runCheck(cmd.Context(), opts, env)
		},
	}
	f := cmd.Flags()
	opts.Data.addFlags(f)
	f.StringVar(&opts.Agreement, "agreement", "", "evaluate only the agreement with this name")
	f.StringVarP(&opts.Output, "output", "o", "table", "output format: "+strings.Join(checkFormats, ", "))
	f.BoolVar(&opts.Details, "details", false, "list the issues behind each number (in JSON and CSV: every clock)")
	f.StringVar(&opts.FailOn, "fail-on", "never", "exit 1 when an objective is: "+strings.Join(failOnValues, ", "))
	f.StringVar(&opts.By, "by", "", "break each objective down by consumer (team of the issue's author) or repo")
	f.StringVar(&opts.Team, "team", "", "only the agreements where this team is the provider or a consumer")
	f.IntVar(&opts.Data.Trend, "trend", 0, "also evaluate each objective at N weekly points ending at --at, each with its own window, and show the trend")
	_ = cmd.RegisterFlagCompletionFunc("by", cobra.FixedCompletions([]string{compliance.ByConsumer, compliance.ByRepo}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(checkFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(failOnValues, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("snapshot", "json", "gz")
	return cmd
}

func runCheck(ctx context.Context, opts *CheckOptions, env Env) error {
	if !slices.Contains(checkFormats, opts.Output) {
		return usageError("unknown output format %q: use one of %s", opts.Output, strings.Join(checkFormats, ", "))
	}
	if !slices.Contains(failOnValues, opts.FailOn) {
		return usageError("--fail-on %q: use one of %s", opts.FailOn, strings.Join(failOnValues, ", "))
	}
	if opts.Data.Trend < 0 {
		return usageError("--trend %d: give a number of weeks, 1 or more", opts.Data.Trend)
	}
	ev, err := loadEvaluation(ctx, opts.Paths, &opts.Data, env)
	if err != nil {
		return err
	}
	if opts.By != "" && opts.By != compliance.ByConsumer && opts.By != compliance.ByRepo {
		return usageError("--by %q: use %s or %s", opts.By, compliance.ByConsumer, compliance.ByRepo)
	}
	objectives, err := ev.selectObjectives(opts.Agreement, opts.Team)
	if err != nil {
		return err
	}
	rep := ev.evaluate(objectives)
	if opts.By != "" {
		if err := compliance.Breakdown(rep, opts.By); err != nil {
			return usageError("%v", err)
		}
	}
	switch opts.Output {
	case "json":
		err = report.WriteJSON(env.Out, rep, report.JSONOptions{Details: opts.Details, Version: env.version()})
	case "markdown":
		err = report.WriteMarkdown(env.Out, rep)
	case "csv":
		err = report.WriteCSV(env.Out, rep, opts.Details)
	default:
		err = report.WriteTable(env.Out, rep, report.TableOptions{Color: env.Color(), Details: opts.Details})
	}
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	return checkExit(rep, opts.FailOn, env)
}

// checkExit maps a report to the exit code: --fail-on trips on complete
// objectives only; an incomplete report exits 3 otherwise.
func checkExit(rep *compliance.Report, failOn string, env Env) error {
	tripped, incomplete := 0, false
	for _, r := range rep.Results {
		if !r.Complete {
			incomplete = true
			continue
		}
		if r.Status == compliance.StatusBreached && failOn != "never" ||
			r.Status == compliance.StatusAtRisk && failOn == "at_risk" {
			tripped++
		}
	}
	if tripped > 0 {
		fmt.Fprintf(env.ErrOut, "sla: %d objective(s) %s (--fail-on %s)\n", tripped, map[string]string{"breached": "breached", "at_risk": "breached or at risk"}[failOn], failOn)
		return exitCode(ExitInvalid)
	}
	if incomplete {
		fmt.Fprintf(env.ErrOut, "sla: %s could not be read: the results are incomplete\n", missingKinds(rep))
		return exitCode(ExitIncomplete)
	}
	return nil
}

// missingKinds says what kinds of data a report misses: "some
// repositories", "the members of some teams", or both.
func missingKinds(rep *compliance.Report) string {
	repos, teams := false, false
	for _, r := range rep.Results {
		for _, m := range r.Missing {
			if strings.HasPrefix(m, "members of ") {
				teams = true
			} else {
				repos = true
			}
		}
	}
	switch {
	case repos && teams:
		return "some repositories and the members of some teams"
	case teams:
		return "the members of some teams"
	}
	return "some repositories"
}

// evaluation is what check and explain share: valid agreements, their
// objectives resolved, issue data and the instant.
type evaluation struct {
	set        *agreement.Set
	snap       *snapshot.Snapshot
	at         time.Time
	objectives []*compliance.Objective
	// trend is the number of weekly points to evaluate at (0: at only).
	trend int
}

// evaluate evaluates the objectives at the instant, and at each point of
// the trend when there is one.
func (ev *evaluation) evaluate(objectives []*compliance.Objective) *compliance.Report {
	if ev.trend > 0 {
		return compliance.EvaluateTrend(objectives, ev.snap, ev.at, ev.trend)
	}
	return compliance.Evaluate(objectives, ev.snap, ev.at)
}

// DataOptions say where issue data comes from: snapshot files, or GitHub.
type DataOptions struct {
	Snapshots []string
	At        string
	NoCache   bool
	GitHub    GitHubOptions
	// Trend is the number of weekly points the data must cover (0 or 1:
	// the instant only). Commands that show trends set it with --trend.
	Trend int
}

func (o *DataOptions) addFlags(f *pflag.FlagSet) {
	f.StringArrayVar(&o.Snapshots, "snapshot", nil, "read issue data from this snapshot file (.json or .json.gz) instead of GitHub; repeat to join the parts of a sharded fetch")
	f.StringVar(&o.At, "at", "", "evaluate as of this instant, RFC 3339 (default: now, or the snapshot's fetch time)")
	f.BoolVar(&o.NoCache, "no-cache", false, "fetch everything again instead of revalidating the cache of earlier runs")
	o.GitHub.addFlags(f)
}

// loadEvaluation validates the agreements (printing problems to stderr)
// and reads the issue data: from the snapshots, or live from GitHub.
func loadEvaluation(ctx context.Context, paths []string, data *DataOptions, env Env) (*evaluation, error) {
	set, diags, err := validate.Run(paths)
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	if diags.HasErrors() {
		return nil, invalidAgreements(set, diags, "evaluated", env)
	}
	var at time.Time
	if data.At != "" {
		if at, err = parseAt(data.At); err != nil {
			return nil, err
		}
	}
	var snap *snapshot.Snapshot
	if len(data.Snapshots) > 0 {
		if snap, err = readSnapshots(data.Snapshots, env); err != nil {
			return nil, err
		}
		if at.IsZero() {
			at = snap.FetchedAt
		} else if at.After(snap.FetchedAt) {
			return nil, usageError("--at %s is after the snapshot was fetched (%s): the data after that is missing; fetch again or choose an earlier --at",
				at.UTC().Format(time.RFC3339), snap.FetchedAt.UTC().Format(time.RFC3339))
		}
	} else {
		now := env.Now().UTC().Truncate(time.Second)
		if at.IsZero() {
			at = now
		} else if at.After(now) {
			return nil, usageError("--at %s is in the future", at.UTC().Format(time.RFC3339))
		}
		if snap, err = fetchForEvaluation(ctx, set, at, now, data, env); err != nil {
			return nil, err
		}
	}
	objectives, err := compliance.Compile(set, compliance.ResolveTeams(set, snap.Teams))
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	compliance.MarkUnread(objectives, unreadTeams(set, snap))
	return &evaluation{set: set, snap: snap, at: at, objectives: objectives, trend: data.Trend}, nil
}

// invalidAgreements prints the problems on stderr and stops with exit 1.
func invalidAgreements(set *agreement.Set, diags diag.List, nothing string, env Env) error {
	src := func(f string) []byte { return set.Sources[f] }
	_ = diag.WriteText(env.ErrOut, diags, src, diag.Summary{Files: set.Files, Documents: set.Documents}, false)
	return &exitError{code: ExitInvalid, err: fmt.Errorf("the agreements are invalid: nothing was %s (see `sla validate`)", nothing)}
}

// readSnapshots reads and joins snapshot files, saying on stderr which
// records a file held twice (each is counted once).
func readSnapshots(paths []string, env Env) (*snapshot.Snapshot, error) {
	var parts []*snapshot.Snapshot
	for _, p := range paths {
		s, err := snapshot.ReadFile(p)
		if err != nil {
			return nil, &exitError{code: ExitError, err: err}
		}
		for _, m := range s.Merged {
			text.Fprintf(env.ErrOut, "sla: warning: %s: %s\n", p, m)
		}
		parts = append(parts, s)
	}
	return snapshot.Merge(parts...), nil
}

// fetchForEvaluation reads live what the agreements need at the instant,
// revalidating the cache of earlier runs unless told not to.
func fetchForEvaluation(ctx context.Context, set *agreement.Set, at, now time.Time, data *DataOptions, env Env) (*snapshot.Snapshot, error) {
	plan, err := planFor(set, at, time.Time{}, data.Trend)
	if err != nil {
		return nil, err
	}
	client, base, err := newGitHubClient(ctx, &data.GitHub, env)
	if err != nil {
		return nil, err
	}
	plan.Now = now
	var cache *github.Cache
	if !data.NoCache {
		if dir, err := github.DefaultCacheDir(env.Getenv); err != nil {
			text.Fprintf(env.ErrOut, "sla: %v; fetching without it\n", err)
		} else {
			cache = &github.Cache{Dir: dir}
			cache.Load(base, &plan)
		}
	}
	got, err := fetchLive(ctx, client, plan, &data.GitHub, env)
	if err != nil {
		return nil, err
	}
	if cache != nil {
		if err := cache.Store(base, got.Snapshot); err != nil {
			text.Fprintf(env.ErrOut, "sla: could not update the cache (%v); the next run will fetch again\n", err)
		}
	}
	return got.Snapshot, nil
}

// selectObjectives keeps the objectives of the named agreement and of the
// agreements of the named team (either may be empty: all), and checks that
// the data reaches back to their windows.
func (ev *evaluation) selectObjectives(agreementName, team string) ([]*compliance.Objective, error) {
	objectives, err := selectAgreement(ev.objectives, agreementName)
	if err != nil {
		return nil, err
	}
	if objectives, err = selectTeam(objectives, ev.set, team); err != nil {
		return nil, err
	}
	if err := ev.checkCoverage(objectives); err != nil {
		return nil, err
	}
	return objectives, nil
}

// selectAgreement keeps the objectives of one agreement, when named.
func selectAgreement(objectives []*compliance.Objective, name string) ([]*compliance.Objective, error) {
	if name == "" {
		return objectives, nil
	}
	var out []*compliance.Objective
	var names []string
	for _, o := range objectives {
		n := string(o.Agreement.Metadata.Name)
		if n == name {
			out = append(out, o)
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if len(out) == 0 {
		hint := nameHint(name, names)
		if hint == "" {
			hint = "; agreements: " + strings.Join(names, ", ")
		}
		return nil, usageError("no agreement named %q%s", name, hint)
	}
	return out, nil
}

// nameHint suggests the name a user meant: one close to the whole word, or
// the only one whose beginning is close to it ("platfrom" for
// platform-requests: agreement names are often a team's name and more).
func nameHint(word string, names []string) string {
	if h := suggest.Hint(word, names); h != "" {
		return h
	}
	n := len([]rune(word))
	var match []string
	for _, c := range names {
		r := []rune(c)
		if len(r) <= n {
			continue
		}
		if p := string(r[:n]); strings.EqualFold(p, word) || suggest.Closest(word, []string{p}) != "" {
			match = append(match, c)
		}
	}
	if len(match) == 1 {
		return ` (did you mean "` + match[0] + `"?)`
	}
	return ""
}

// selectTeam keeps the objectives of the agreements where the team is the
// provider or a consumer, when a team is named.
func selectTeam(objectives []*compliance.Objective, set *agreement.Set, team string) ([]*compliance.Objective, error) {
	if team == "" {
		return objectives, nil
	}
	var names []string
	for _, t := range set.Teams {
		names = append(names, string(t.Metadata.Name))
	}
	if !slices.Contains(names, team) {
		hint := suggest.Hint(team, names)
		if hint == "" {
			hint = "; teams: " + strings.Join(names, ", ")
		}
		return nil, usageError("no team named %q%s", team, hint)
	}
	var out []*compliance.Objective
	for _, o := range objectives {
		s := &o.Agreement.Spec
		if string(s.Provider) == team || slices.Contains(s.Consumers, agreement.Name(team)) {
			out = append(out, o)
		}
	}
	return out, nil
}

// checkCoverage refuses an evaluation whose windows (those of the trend's
// earliest point, with a trend) reach back before the data the snapshot
// covers.
func (ev *evaluation) checkCoverage(objectives []*compliance.Objective) error {
	for _, o := range objectives {
		if start := o.Period.DataFrom(ev.at, ev.trend); start.Before(ev.snap.Since) {
			return usageError("objective %s needs data from %s, but the snapshot covers only from %s: fetch with --since %s",
				o.Name(), start.UTC().Format(time.RFC3339), ev.snap.Since.UTC().Format(time.RFC3339), start.UTC().Format("2006-01-02"))
		}
	}
	return nil
}
