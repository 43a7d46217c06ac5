package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/baseline"
	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/scaffold"
	"github.com/sla-dev/sla/internal/text"
	"github.com/sla-dev/sla/internal/validate"
	"github.com/spf13/cobra"
)

// InitOptions are the flags and arguments of `sla init`.
type InitOptions struct {
	Dir                string
	Provider, Consumer string
	Repo               string
	Timezone           string
	NoWorkflow         bool
	FromBaseline       string
	Weeks              int
	Data               DataOptions
}

// NewCmdInit builds `sla init`.
func NewCmdInit(env Env) *cobra.Command {
	opts := &InitOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start an agreements folder: two teams, a calendar, an agreement",
		Long: strings.TrimSpace(`
Write a small, valid, commented agreements folder to start from (DIR,
default agreements/): the provider and consumer teams (teams.yaml, with
placeholder members to replace), their business hours (calendars.yaml:
Monday to Friday, 09:00-17:00 in --timezone), one agreement with a first
response and a resolution objective, and the JSON Schema the files name on
their first line, for completion in editors. Beside the folder, in its
parent (the repository's root), the pull-request workflow
.github/workflows/agreements-pr.yml, as docs/ci.md has it (--no-workflow:
without it).

Nothing is overwritten: if any of these files exists, nothing is written.
The time zone is --timezone, else the machine's own when it has an IANA
name ($TZ, or the zone /etc/localtime links to), else UTC.

With --from-baseline OWNER/REPO, the objectives' within and target come
from what sla baseline measures on that repository under the new
calendar: its 90% row (see sla baseline --help).

Exit status: 0 written; 2 a file exists already, a flag is wrong, or the
baseline could not be measured (nothing written).`),
		Example: examples(`
  # agreements/ and .github/workflows/ in the repository you are in
  sla init --provider platform --consumer payments --repo acme/platform-requests --timezone Europe/Berlin

  # Objectives from the last 12 weeks of that repository
  sla init --provider platform --consumer payments --from-baseline acme/platform-requests`),
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = agreement.DefaultPath
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if opts.FromBaseline == "" {
				for _, name := range baselineOnlyFlags {
					if cmd.Flags().Changed(name) {
						return usageError("--%s is for --from-baseline, which is not given", name)
					}
				}
			}
			return runInit(cmd.Context(), opts, env)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Provider, "provider", "platform", "the name of the team that provides the service")
	f.StringVar(&opts.Consumer, "consumer", "payments", "the name of the team that uses it")
	f.StringVar(&opts.Repo, "repo", "", "the repository (OWNER/REPO) requests are opened in (default: --from-baseline's, else a placeholder)")
	f.StringVar(&opts.Timezone, "timezone", "", "the IANA time zone of the business hours, e.g. Europe/Berlin (default: the machine's, else UTC)")
	f.BoolVar(&opts.NoWorkflow, "no-workflow", false, "do not write .github/workflows/agreements-pr.yml")
	f.StringVar(&opts.FromBaseline, "from-baseline", "", "set the objectives from sla baseline of this repository (OWNER/REPO): its 90% row")
	f.IntVar(&opts.Weeks, "weeks", 12, "with --from-baseline: how many weeks to measure")
	opts.Data.addFlags(cmd)
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	}
	return cmd
}

// baselineOnlyFlags are the flags of init that only --from-baseline reads.
var baselineOnlyFlags = []string{"weeks", "snapshot", "at", "no-cache", "github-url", "max-wait", "quiet"}

// localTimeFile is the link that names the machine's time zone.
var localTimeFile = "/etc/localtime"

// workflowFolder is what a folder's name may be for the workflow to name
// it without quoting.
var workflowFolder = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

func runInit(ctx context.Context, opts *InitOptions, env Env) error {
	so, err := starterOptions(opts, env)
	if err != nil {
		return err
	}
	files, err := scaffold.Files(so)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if err := refuseExisting(opts.Dir, files); err != nil {
		return err
	}
	var measured *baseline.Report
	if opts.FromBaseline != "" {
		if measured, err = initBaseline(ctx, opts, files, env); err != nil {
			return err
		}
		so.FirstResponse = proposed(measured, agreement.MetricFirstResponse, scaffold.DefaultFirstResponse)
		so.Resolution = proposed(measured, agreement.MetricResolution, scaffold.DefaultResolution)
		if files, err = scaffold.Files(so); err != nil {
			return &exitError{code: ExitError, err: err}
		}
	}
	if err := checkStarter(opts.Dir, files, env); err != nil {
		return err
	}
	if err := writeNew(opts.Dir, files); err != nil {
		return err
	}
	printStarter(opts, so, files, measured, env)
	return nil
}

// starterOptions checks the flags and turns them into what the starter
// files say.
func starterOptions(opts *InitOptions, env Env) (scaffold.Options, error) {
	so := scaffold.Options{Provider: opts.Provider, Consumer: opts.Consumer, Repo: opts.Repo,
		FirstResponse: scaffold.DefaultFirstResponse, Resolution: scaffold.DefaultResolution, Workflow: !opts.NoWorkflow}
	for _, n := range []struct{ flag, name string }{{"--provider", opts.Provider}, {"--consumer", opts.Consumer}} {
		// The agreement is named after the provider, with "-requests".
		if !agreement.Name(n.name).Valid() || !agreement.Name(scaffold.AgreementName(n.name)).Valid() {
			return so, usageError("%s %q: a team's name is lowercase letters, digits and '-', starting and ending with a letter or digit, at most 54 characters", n.flag, n.name)
		}
	}
	if opts.Provider == opts.Consumer {
		return so, usageError("--provider and --consumer are both %q: a team is not its own consumer", opts.Provider)
	}
	for _, r := range []struct{ flag, repo string }{{"--repo", opts.Repo}, {"--from-baseline", opts.FromBaseline}} {
		if r.repo != "" && !agreement.Repo(r.repo).Valid() {
			return so, usageError("%s %q is not a repository: write OWNER/REPO, e.g. acme/platform-requests", r.flag, r.repo)
		}
	}
	if so.Repo == "" {
		so.Repo = opts.FromBaseline
	}
	if err := checkWeeks(opts.Weeks); err != nil {
		return so, err
	}
	so.Timezone = opts.Timezone
	if so.Timezone == "" {
		if so.Timezone = localZone(env.Getenv, localTimeFile); so.Timezone == "" {
			so.Timezone = "UTC"
		}
	} else if !ianaZone(so.Timezone) {
		return so, usageError("--timezone %q is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC", so.Timezone)
	}
	abs, err := filepath.Abs(opts.Dir)
	if err != nil {
		return so, &exitError{code: ExitError, err: err}
	}
	so.Folder = filepath.Base(abs)
	if so.Workflow && !workflowFolder.MatchString(so.Folder) {
		return so, usageError("the workflow cannot name the folder %q: name it with letters, digits, '.', '_' and '-' only, or leave the workflow out with --no-workflow", so.Folder)
	}
	return so, nil
}

// localZone is the machine's time zone when it has an IANA name — $TZ, or
// the zone file /etc/localtime links to — else "".
func localZone(getenv func(string) string, localtime string) string {
	candidates := []string{strings.TrimPrefix(getenv("TZ"), ":")}
	if target, err := os.Readlink(localtime); err == nil {
		candidates = append(candidates, target)
	}
	for _, c := range candidates {
		if _, after, ok := strings.Cut(c, "zoneinfo/"); ok {
			c = strings.TrimPrefix(strings.TrimPrefix(after, "posix/"), "right/")
		}
		if ianaZone(c) {
			return c
		}
	}
	return ""
}

// ianaZone reports whether name is a time zone an agreement may name.
func ianaZone(name string) bool {
	if name == "" || name == "Local" || strings.HasPrefix(name, "/") {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// starterPath is where a starter file goes.
func starterPath(dir string, f scaffold.File) string {
	if f.Root {
		return filepath.Join(dir, "..", filepath.FromSlash(f.Path))
	}
	return filepath.Join(dir, filepath.FromSlash(f.Path))
}

// refuseExisting stops, before anything is written, when any starter file
// exists already: it names them all.
func refuseExisting(dir string, files []scaffold.File) error {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return usageError("%s is a file, not a folder: nothing was written", dir)
	}
	var found []string
	for _, f := range files {
		p := starterPath(dir, f)
		if _, err := os.Lstat(p); err == nil {
			found = append(found, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return &exitError{code: ExitError, err: fmt.Errorf("%s: %w: nothing was written", p, errors.Unwrap(err))}
		}
	}
	switch {
	case len(found) == 0:
		return nil
	case len(found) == 1:
		return usageError("%s exists already: nothing was written (sla init never overwrites a file: move it away, or init another folder)", found[0])
	}
	return usageError("%s exist already: nothing was written (sla init never overwrites a file: move them away, or init another folder)", strings.Join(found, ", "))
}

// initBaseline measures the repository of --from-baseline under the
// calendar the starter files are about to declare.
func initBaseline(ctx context.Context, opts *InitOptions, files []scaffold.File, env Env) (*baseline.Report, error) {
	var cal *agreement.Calendar
	for _, f := range files {
		if f.Path == "calendars.yaml" {
			set, _ := agreement.LoadBytes(f.Path, f.Data)
			cal = set.Calendars[0]
		}
	}
	req := baselineRequest{repos: []string{opts.FromBaseline}, weeks: opts.Weeks, calendar: cal}
	rep, err := measureBaseline(ctx, req, &opts.Data, env)
	if err != nil {
		return nil, err
	}
	if len(rep.Missing) > 0 {
		return nil, &exitError{code: ExitError, err: fmt.Errorf("%s could not be read: nothing was written", strings.Join(rep.Missing, ", "))}
	}
	return rep, nil
}

// proposed is the objective the baseline proposes at 90%, or the default
// when it proposes none, with why in a comment either way.
func proposed(rep *baseline.Report, metric agreement.Metric, fallback scaffold.Objective) scaffold.Objective {
	const target = 900_000
	span := fmt.Sprintf("sla baseline of %s, %d weeks to %s", rep.Repos[0], rep.Weeks, rep.At.UTC().Format(time.DateOnly))
	p, ok := rep.Proposal(metric, target)
	if !ok {
		fallback.Evidence = span + ": too few issues to propose a value; this is the default"
		return fallback
	}
	w := report.Duration(p.Within)
	return scaffold.Objective{Within: w, Target: "90%",
		Evidence: fmt.Sprintf("%s: 90%% met within %s in %d of %d weeks", span, w, p.WeeksMet, p.Weeks)}
}

// checkStarter validates the starter files in memory, as sla validate
// would read them, and stops if they have any problem at all: a mistake of
// sla's, which must not reach the user's repository.
func checkStarter(dir string, files []scaffold.File, env Env) error {
	set := &agreement.Set{Sources: map[string][]byte{}}
	var diags diag.List
	for _, f := range files {
		if f.Root || filepath.Ext(f.Path) != ".yaml" {
			continue
		}
		s, d := agreement.LoadBytes(starterPath(dir, f), f.Data)
		set.Merge(s)
		diags = append(diags, d...)
	}
	diags = append(diags, validate.Check(set)...)
	if len(diags) == 0 {
		return nil
	}
	_ = diag.WriteText(env.ErrOut, diags.Sort(), func(p string) []byte { return set.Sources[p] }, diag.Summary{Files: set.Files, Documents: set.Documents}, false)
	return &exitError{code: ExitError, err: errors.New("the starter files would not validate: nothing was written")}
}

// writeNew writes the starter files, each only if it does not exist (a
// file that appeared since refuseExisting looked stops the run), and
// removes those it wrote if one cannot be written.
func writeNew(dir string, files []scaffold.File) error {
	var written []string
	fail := func(err error) error {
		for _, p := range written {
			_ = os.Remove(p)
		}
		return &exitError{code: ExitError, err: fmt.Errorf("%w: nothing was written", err)}
	}
	for _, f := range files {
		p := starterPath(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			return fail(err)
		}
		out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err != nil {
			return fail(err)
		}
		written = append(written, p)
		_, err = out.Write(f.Data)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(fmt.Errorf("writing %s: %w", p, err))
		}
	}
	return nil
}

// printStarter says what was written and what to run next.
func printStarter(opts *InitOptions, so scaffold.Options, files []scaffold.File, measured *baseline.Report, env Env) {
	width := 0
	for _, f := range files {
		width = max(width, len(text.Escape(starterPath(opts.Dir, f))))
	}
	text.Fprintf(env.Out, "Wrote %d files for %s and %s:\n", len(files), so.Provider, so.Consumer)
	for _, f := range files {
		text.Fprintf(env.Out, "  %-*s  %s\n", width, starterPath(opts.Dir, f), f.About)
	}
	switch {
	case opts.Timezone != "":
	case localZone(env.Getenv, localTimeFile) == "":
		text.Fprintf(env.Out, "\nBusiness hours are in UTC: this machine's time zone has no IANA name. Choose one with --timezone, e.g. --timezone Europe/Berlin.\n")
	default:
		text.Fprintf(env.Out, "\nBusiness hours are in %s, this machine's time zone: --timezone chooses another.\n", so.Timezone)
	}
	if measured != nil {
		cmd := []string{"sla", "baseline", opts.FromBaseline, "--calendar", scaffold.CalendarName(so.Provider), opts.Dir, "--weeks", fmt.Sprint(opts.Weeks)}
		for _, s := range opts.Data.Snapshots {
			cmd = append(cmd, "--snapshot", s)
		}
		if opts.Data.At != "" {
			cmd = append(cmd, "--at", opts.Data.At)
		}
		for i := range cmd {
			cmd[i] = shellWord(cmd[i])
		}
		text.Fprintf(env.Out, "\nThe objectives are the 90%% row of\n  %s\n", strings.Join(cmd, " "))
	}
	todo := "the members' logins"
	if opts.Repo == "" && opts.FromBaseline == "" {
		todo += " and the repository"
	}
	path := ""
	if filepath.Clean(opts.Dir) != agreement.DefaultPath {
		path = " " + shellWord(opts.Dir)
	}
	text.Fprintf(env.Out, "\nNext: edit the lines marked TODO (%s), then\n", todo)
	text.Fprintf(env.Out, "  sla validate%s   # check the files, as the workflow will in pull requests\n", path)
	text.Fprintf(env.Out, "  sla describe%s   # the agreement in plain English\n", path)
	text.Fprintf(env.Out, "  sla check%s      # measure it on GitHub (gh auth login, or GH_TOKEN)\n", path)
}

// shellWord quotes a path for a shell when it needs it.
func shellWord(s string) string {
	if regexp.MustCompile(`^[A-Za-z0-9._/+-]+$`).MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
