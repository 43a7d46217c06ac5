package cli

import (
	"context"
	"io"
	"strings"

	"github.com/sla-dev/sla/internal/kudos"
	"github.com/sla-dev/sla/internal/report"
	"github.com/spf13/cobra"
)

// KudosOptions are the flags and arguments of `sla kudos`.
type KudosOptions struct {
	EvaluationOptions
	Weeks  int
	By     string
	Output string
}

var kudosBy = []string{string(kudos.ByTeam), string(kudos.ByPerson)}

// kudosFormats are the values of -o; the JSON names the sla (version)
// that found the kudos.
func kudosFormats(version string) []format[*kudos.Kudos] {
	return []format[*kudos.Kudos]{
		{"table", report.WriteKudosTable},
		{"markdown", report.WriteKudosMarkdown},
		{"json", func(w io.Writer, k *kudos.Kudos) error { return report.WriteKudosJSON(w, k, version) }},
	}
}

// defaultKudosWeeks is how far back kudos look unless told.
const defaultKudosWeeks = 12

// NewCmdKudos builds `sla kudos`.
func NewCmdKudos(env Env) *cobra.Command {
	opts := &KudosOptions{}
	cmd := &cobra.Command{
		Use:   "kudos [PATH...]",
		Short: "Recognise the promises kept: streaks, the most improved, consumers' thanks",
		Long: strings.TrimSpace(`
List what deserves recognition as of the evaluation instant:

- Streaks: each objective met now, with the number of weekly points in a
  row at which it was met, counting back from now (each point evaluated as
  sla check --trend does, with its own window), from 4 weeks on. A week at
  risk, breached or without data ends a streak.
- Most improved: the objectives whose attainment rose by 5 points or more
  between the point --weeks ago and now, with both figures.
- Thanks: the ❤️ and 🎉 reactions members of a consumer team gave, in the
  agreement's window, on comments that members of the provider team wrote
  in requests in scope; per provider team, or per person with --by person.

--weeks says how far back to look: streaks are counted over the --weeks
weeks before now (a streak that reaches back that far is "at least" that
long). Issue data comes live from GitHub, or from --snapshot files, as for
sla check; a snapshot must cover the earliest point's window (sla fetch
--trend with --weeks plus one). Exit status: 0 listed; 1 invalid
agreements; 2 usage, file or network error; 3 listed, but a repository
could not be read (its objectives are left out).`),
		Example: examples(`
  # What went well over the last 12 weeks
  sla kudos --snapshot issues.json.gz

  # ... over half a year, with each person's thanks
  sla kudos --snapshot issues.json.gz --weeks 26 --by person

  # For the agreements of one team, live from GitHub
  sla kudos --team platform

  # In GitHub Actions: as the job's summary
  sla kudos -o markdown >> "$GITHUB_STEP_SUMMARY"`),
	}
	runWithPaths(cmd, &opts.Paths, func(ctx context.Context) error { return runKudos(ctx, opts, env) })
	f := cmd.Flags()
	opts.addEvaluationFlags(cmd, "only the agreement with this name",
		"only the agreements where this team is the provider or a consumer")
	f.IntVar(&opts.Weeks, "weeks", defaultKudosWeeks, "how many weeks to look back: for streaks, and for the most improved since then")
	enumFlag(cmd, &opts.By, "by", "", string(kudos.ByTeam), kudosBy, "count thanks per provider team or per person", "")
	outputFlag(cmd, &opts.Output, formatNames(kudosFormats("")), "")
	return cmd
}

func runKudos(ctx context.Context, opts *KudosOptions, env Env) error {
	if opts.Weeks < 1 {
		return usageError("--weeks %d: give a number of weeks, 1 or more", opts.Weeks)
	}
	opts.Data.Trend = opts.Weeks + 1 // now, and each week back to --weeks ago
	ev, err := loadEvaluation(ctx, opts.request(), env)
	if err != nil {
		return err
	}
	defer ev.close() // a snapshot still being read, when the command stops before evaluating
	rep, err := ev.evaluateWhileReading(ev.objectives)
	if err != nil {
		return err
	}
	k, err := kudos.Find(rep, kudos.Input{Set: ev.set, Teams: ev.teams,
		Snapshot: ev.snap, By: kudos.By(opts.By)})
	if err != nil {
		return failure(err)
	}
	if err := writeFormat(env.Out, kudosFormats(env.version()), opts.Output, k); err != nil {
		return failure(err)
	}
	return exitFor(rep, failNever, env)
}
