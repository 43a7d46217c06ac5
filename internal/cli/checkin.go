package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/checkin"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/describe"
	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/text"
	"github.com/spf13/cobra"
)

// NewCmdCheckin builds `sla checkin` and its subcommands.
func NewCmdCheckin(env Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "checkin",
		Short: "Ask each side, once a period, whether the other kept its promises",
		Long: strings.TrimSpace(`
An agreement with spec.checkin asks, once a month or quarter, whether each of
its expectations was kept: sla checkin open opens an issue in the check-in
repository with one comment per expectation, and the side asked rates each
with a 👍 or 👎 reaction; sla checkin results counts the votes. docs/checkin.md
explains both.`),
		Example: examples(`
  # What would be opened this quarter (a dry run), then open it
  sla checkin open
  sla checkin open --yes

  # The votes so far, beside the previous period's
  sla checkin results`),
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newCmdCheckinOpen(env), newCmdCheckinResults(env))
	return cmd
}

// CheckinOpenOptions are the flags and arguments of `sla checkin open`.
type CheckinOpenOptions struct {
	Paths  []string
	Data   DataOptions
	Select Selection
	Yes    bool
}

func newCmdCheckinOpen(env Env) *cobra.Command {
	opts := &CheckinOpenOptions{}
	cmd := &cobra.Command{
		Use:   "open [PATH...]",
		Short: "Open this period's check-in issue of each agreement with spec.checkin",
		Long: strings.TrimSpace(`
For each agreement with spec.checkin, and the month or quarter containing
--at (default now) in the agreement's calendar's time zone, find the
check-in issue in the check-in repository (labelled sla-checkin, with a
hidden marker naming the agreement and period). Without one, open it:
titled "Check-in: <agreement> — 2026-Q4", its body the agreement in plain
English and its compliance so far, and add one comment per expectation,
quoting the promise and mentioning the side asked to rate it (the
consumers rate the provider's promises, the provider the consumers').

Without --yes it only says what it would do. With --yes it writes, with a
token that has issues: write on the check-in repository (and nothing
else is written anywhere). It is idempotent: a second run writes nothing,
and a run after a failure adds only what is missing.

The compliance in the body is measured as sla check measures it: from
--snapshot files, or live from GitHub.`),
		Example: examples(`
  # What would be opened (a dry run)
  sla checkin open

  # Open it
  sla checkin open --yes

  # In a scheduled workflow, on the data fetched before
  sla checkin open --snapshot issues.json.gz --yes`),
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runCheckinOpen(cmd.Context(), opts, env)
		},
	}
	opts.Data.addFlags(cmd)
	opts.Select.addAgreementFlag(cmd, allArgs, "open the check-in of only the agreement with this name")
	opts.Select.addTeamFlag(cmd, allArgs, "only the agreements where this team is the provider or a consumer")
	cmd.Flags().BoolVar(&opts.Yes, "yes", false, "open the issues and add the comments, not only say what would be done")
	return cmd
}

// withCheckin keeps the agreements that ask for check-ins.
func withCheckin(a *agreement.Agreement) bool { return a.Spec.Checkin.Set() }

// noneWithCheckin refuses a choice of agreements none of which asks for
// check-ins.
func noneWithCheckin(set *agreement.Set) error {
	if len(set.Agreements) == 0 {
		return usageError("none of the agreements chosen has spec.checkin: add it to ask for check-ins (docs/format.md)")
	}
	return nil
}

func runCheckinOpen(ctx context.Context, opts *CheckinOpenOptions, env Env) error {
	a := opts.Data.GitHub.access(ctx, env)
	if opts.Yes && a.token == "" {
		return usageError("checkin open --yes writes issues and comments: it needs a token with issues: write on the check-in repository " +
			"(GH_TOKEN or GITHUB_TOKEN, or `gh auth login`); without --yes it only says what it would do")
	}
	req := evaluationRequest{paths: opts.Paths, selection: opts.Select, data: &opts.Data, keep: withCheckin, beforeData: noneWithCheckin}
	c, err := chooseAgreements(req, env)
	if err != nil {
		return err
	}
	// The issue data is read only to write the compliance so far into a
	// check-in issue that is opened: a dry run, or a run that finds every
	// issue open, reads none from GitHub. Snapshots are read first, as
	// they say the instant.
	var ev *evaluation
	if len(opts.Data.Snapshots) > 0 {
		if ev, err = c.load(ctx, req, env); err != nil {
			return err
		}
		c.at = ev.at
	} else if c.at, err = liveAt(c.at, env.Now().UTC().Truncate(time.Second)); err != nil {
		return err
	}
	client, err := clientFor(&opts.Data.GitHub, env, a)
	if err != nil {
		return err
	}
	teams := teamsByName(c.set)
	steps, checkins, err := planCheckins(ctx, client, c, teams)
	if err != nil {
		return err
	}
	if !opts.Yes {
		for i := range steps {
			steps[i].Label = steps[i].Plan.Issue == nil && !checkins[i].HasLabel()
		}
		if err := report.WriteCheckinSteps(env.Out, steps); err != nil {
			return failure(err)
		}
		fmt.Fprintln(env.ErrOut, "sla: a dry run: nothing was written; add --yes to open the check-ins")
		return nil
	}
	if ev == nil && slices.ContainsFunc(steps, func(s report.CheckinStep) bool { return s.Plan.Issue == nil }) {
		if ev, err = c.load(ctx, req, env); err != nil {
			return err
		}
	}
	doc, err := describe.New(c.set)
	if err != nil {
		return failure(err)
	}
	for i := range steps {
		if err := openCheckin(ctx, checkins[i], &steps[i], sectionOf(doc, steps[i].Plan.Agreement), ev, teams); err != nil {
			_ = report.WriteCheckinSteps(env.Out, steps[:i+1])
			if auth := (*github.AuthError)(nil); errors.As(err, &auth) {
				return failure(err) // running again will not help
			}
			return failure(fmt.Errorf("%w; run sla checkin open --yes again to add what is missing", err))
		}
	}
	if err := report.WriteCheckinSteps(env.Out, steps); err != nil {
		return failure(err)
	}
	return nil
}

// planCheckins finds, for each agreement chosen, its check-in issue of the
// period containing the instant and what it lacks, reading each check-in
// repository's list of check-in issues once. It returns a step per
// agreement, in the order of their files, and the repository of each.
func planCheckins(ctx context.Context, client *github.Client, c *choice, teams map[agreement.Name]*agreement.Team) ([]report.CheckinStep, []*github.Checkin, error) {
	calendars, err := c.set.BuildCalendars()
	if err != nil {
		return nil, nil, failure(err)
	}
	repos := map[string]*github.Checkin{}
	found := map[string][]snapshot.Checkin{}
	var steps []report.CheckinStep
	var checkins []*github.Checkin
	for _, ag := range c.chosen.Agreements {
		period, err := checkinPeriod(calendars, ag, c.at)
		if err != nil {
			return nil, nil, err
		}
		repo := string(ag.Spec.Checkin.Repo)
		key := strings.ToLower(repo)
		k := repos[key]
		if k == nil {
			if k, err = client.Checkin(repo); err != nil {
				return nil, nil, failure(err)
			}
			repos[key] = k
			issues, err := k.Issues(ctx)
			if err != nil {
				return nil, nil, failure(err)
			}
			for _, is := range issues {
				found[key] = append(found[key], snapshot.Checkin{Repo: repo, Number: is.Number,
					URL: is.URL, Agreement: is.Agreement, Period: is.Period, CreatedAt: is.CreatedAt})
			}
		}
		issue := checkin.Find(found[key], ag.Metadata.Name, period)
		if issue != nil {
			if issue.Expectations, err = k.Expectations(ctx, issue.Number); err != nil {
				return nil, nil, failure(err)
			}
		}
		plan := checkin.NewPlan(ag, period, teams, issue)
		steps = append(steps, report.CheckinStep{Plan: &plan})
		checkins = append(checkins, k)
	}
	return steps, checkins, nil
}

// openCheckin carries out a plan: the label and the issue if there is
// none, then each missing comment, in order, stopping at the first
// failure. The step records what was done.
func openCheckin(ctx context.Context, k *github.Checkin, step *report.CheckinStep, sec describe.Section, ev *evaluation,
	teams map[agreement.Name]*agreement.Team) error {
	p := step.Plan
	step.Done = true
	number := 0
	if p.Issue != nil {
		number = p.Issue.Number
	} else {
		created, err := k.EnsureLabel(ctx)
		step.Label = created
		if err != nil {
			return err
		}
		body, err := report.CheckinIssueBody(p, sec, ev.evaluate(objectivesOf(ev, p.Agreement)))
		if err != nil {
			return err
		}
		is, err := k.OpenIssue(ctx, p.Title, body)
		if err != nil {
			return err
		}
		number, step.Issue, step.URL = is.Number, is.Number, is.URL
	}
	for _, ask := range p.Missing {
		if _, err := k.Comment(ctx, number, report.CheckinComment(p, ask, teams)); err != nil {
			return err
		}
		step.Added++
	}
	return nil
}

// objectivesOf are an evaluation's objectives of one agreement.
func objectivesOf(ev *evaluation, a *agreement.Agreement) []*compliance.Objective {
	var out []*compliance.Objective
	for _, o := range ev.objectives {
		if o.Agreement == a {
			out = append(out, o)
		}
	}
	return out
}

func sectionOf(doc *describe.Document, a *agreement.Agreement) describe.Section {
	for _, s := range doc.Sections {
		if s.Agreement == a {
			return s
		}
	}
	return describe.Section{Agreement: a}
}

func teamsByName(set *agreement.Set) map[agreement.Name]*agreement.Team {
	out := map[agreement.Name]*agreement.Team{}
	for _, t := range set.Teams {
		out[t.Metadata.Name] = t
	}
	return out
}

// checkinPeriod is the period of an agreement's check-ins containing at.
func checkinPeriod(calendars agreement.Calendars, a *agreement.Agreement, at time.Time) (checkin.Period, error) {
	zone, err := calendars.Named(a.Spec.CalendarName())
	if err != nil {
		return checkin.Period{}, failure(err)
	}
	return checkin.PeriodAt(a.Spec.Checkin.Every, zone, at), nil
}

// CheckinResultsOptions are the flags and arguments of `sla checkin results`.
type CheckinResultsOptions struct {
	Paths  []string
	Data   DataOptions
	Select Selection
	Period string
	Output string
}

func newCmdCheckinResults(env Env) *cobra.Command {
	opts := &CheckinResultsOptions{}
	cmd := &cobra.Command{
		Use:   "results [PATH...]",
		Short: "Count the votes of each agreement's check-in, beside the previous period's",
		Long: strings.TrimSpace(`
For each agreement with spec.checkin, read its check-in issue of the period
(--period, else the one containing --at, else now) and the one before, and
print per expectation the 👍 and 👎 of the side asked, who voted, the
approval 👍 / (👍 + 👎), the previous period's approval of the same text and
the change ("new" where the text was not asked before).

Only members of the side asked vote: the consumer teams on the provider's
promises, the provider team on the consumers'. Bots never vote. One vote
per person: who reacted both 👍 and 👎 has none. Reactions after --at are
not counted.

The check-ins are read from --snapshot files (sla fetch records them), or
live: one request per check-in repository, one per check-in issue of the
period and of the one before, and one per comment of theirs that has a 👍
or 👎.`),
		Example: examples(`
  # This period's results
  sla checkin results

  # A past quarter, from a snapshot, for a step summary
  sla checkin results --period 2026-Q3 --snapshot issues.json.gz -o markdown >> "$GITHUB_STEP_SUMMARY"`),
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runCheckinResults(cmd.Context(), opts, env)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Data.Snapshots, "snapshot", nil, "read the check-ins from this snapshot file (.json or .json.gz) instead of GitHub; repeat to join the parts of a sharded fetch")
	f.StringVar(&opts.Data.At, "at", "", "count the votes as of this instant, RFC 3339 (default: now, or the snapshot's fetch time)")
	opts.Data.GitHub.addFlags(f)
	_ = cmd.MarkFlagFilename("snapshot", "json", "gz")
	f.StringVar(&opts.Period, "period", "", "the period: a quarter such as 2026-Q4 or a month such as 2026-11 (default: the one containing --at)")
	opts.Select.addAgreementFlag(cmd, allArgs, "only the agreement with this name")
	opts.Select.addTeamFlag(cmd, allArgs, "only the agreements where this team is the provider or a consumer")
	outputFlag(cmd, &opts.Output, report.CheckinResultsFormats, "")
	return cmd
}

func runCheckinResults(ctx context.Context, opts *CheckinResultsOptions, env Env) error {
	var every string
	var year, number int
	if opts.Period != "" {
		var err error
		if every, year, number, err = checkin.ParsePeriod(opts.Period); err != nil {
			return usageError("--period: %v", err)
		}
	}
	var at time.Time
	if opts.Data.At != "" {
		var err error
		if at, err = parseAt(opts.Data.At); err != nil {
			return err
		}
	}
	set, err := validAgreements(opts.Paths, "nothing was counted", env)
	if err != nil {
		return err
	}
	chosen, err := opts.Select.apply(set)
	if err != nil {
		return err
	}
	chosen.Agreements = slices.DeleteFunc(slices.Clone(chosen.Agreements), func(a *agreement.Agreement) bool { return !withCheckin(a) })
	if err := noneWithCheckin(chosen); err != nil {
		return err
	}
	for _, a := range chosen.Agreements {
		if every != "" && a.Spec.Checkin.Every != every {
			return usageError("--period %s is a %s, but agreement %s checks in every %s: give a %s, or choose agreements with --agreement",
				opts.Period, every, a.Metadata.Name, a.Spec.Checkin.Every, a.Spec.Checkin.Every)
		}
	}
	calendars, err := set.BuildCalendars()
	if err != nil {
		return failure(err)
	}
	// asked is the period whose votes to count for an agreement as of at
	// (--period's, else the one containing at), and the one before.
	asked := func(a *agreement.Agreement, at time.Time) (period, previous checkin.Period, err error) {
		zone, err := calendars.Named(a.Spec.CalendarName())
		if err != nil {
			return period, previous, failure(err)
		}
		period = checkin.PeriodAt(a.Spec.Checkin.Every, zone, at)
		if every != "" {
			period = checkin.Named(every, year, number, zone)
		}
		return period, period.Previous(zone), nil
	}
	snap, at, err := readCheckins(ctx, chosen, at, &opts.Data, env, func(a *agreement.Agreement, at time.Time) ([]string, error) {
		period, previous, err := asked(a, at)
		return []string{period.Name(), previous.Name()}, err
	})
	if err != nil {
		return err
	}
	teams := compliance.ResolveTeams(set, snap.Teams)
	var results []checkin.Results
	for _, a := range chosen.Agreements {
		period, previous, err := asked(a, at)
		if err != nil {
			return err
		}
		results = append(results, checkin.Evaluate(a, teams, snap.Checkins, period, previous, at))
	}
	if err := report.WriteCheckinResults(env.Out, results, at, opts.Output); err != nil {
		return failure(err)
	}
	return nil
}

// readCheckins reads the check-ins and team members the agreements need:
// from the snapshots, or live, where only the check-ins of the periods
// periods names for each agreement as of the instant are read. It returns
// them and the instant (zero: the snapshots' fetch time, or now).
func readCheckins(ctx context.Context, set *agreement.Set, at time.Time, data *DataOptions, env Env,
	periods func(a *agreement.Agreement, at time.Time) ([]string, error)) (*snapshot.Snapshot, time.Time, error) {
	if len(data.Snapshots) > 0 {
		return snapshotAt(data.Snapshots, at, env)
	}
	now := env.Now().UTC().Truncate(time.Second)
	at, err := liveAt(at, now)
	if err != nil {
		return nil, at, err
	}
	plan := github.Plan{Now: now, CheckinPeriods: map[string][]string{}}
	for _, a := range set.Agreements {
		addCheckin(&plan, a)
		if plan.CheckinPeriods[string(a.Metadata.Name)], err = periods(a, at); err != nil {
			return nil, at, err
		}
	}
	for _, t := range set.Teams {
		if g := string(t.Spec.GitHubTeam); g != "" && !slices.Contains(plan.Teams, g) {
			plan.Teams = append(plan.Teams, g)
		}
	}
	client, _, err := newGitHubClient(ctx, &data.GitHub, env)
	if err != nil {
		return nil, at, err
	}
	got, err := client.Fetch(ctx, plan, nil)
	if err != nil {
		return nil, at, failure(err)
	}
	for _, cause := range failures(got) {
		text.Fprintf(env.ErrOut, "sla: %s\n", cause)
	}
	if len(got.CheckinErrors) > 0 {
		return nil, at, exitCode(ExitError)
	}
	return got.Snapshot, at, nil
}
