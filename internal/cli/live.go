package cli

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/github"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/text"
	"github.com/spf13/pflag"
)

// GitHubOptions are the flags of every command that reads GitHub.
type GitHubOptions struct {
	URL     string
	MaxWait time.Duration
	Quiet   bool

	console *console // stderr while GitHub is read
}

// stderr is the console that notices and progress share.
func (o *GitHubOptions) stderr(env Env) *console {
	if o.console == nil {
		o.console = &console{w: env.ErrOut, tty: env.ErrIsTTY, quiet: o.Quiet}
	}
	return o.console
}

func (o *GitHubOptions) addFlags(f *pflag.FlagSet) {
	f.StringVar(&o.URL, "github-url", "", "GitHub API URL (default: $GITHUB_API_URL, else https://api.github.com; Enterprise Server: https://HOST/api/v3)")
	f.DurationVar(&o.MaxWait, "max-wait", 15*time.Minute, "wait at most this long, for each request, for GitHub's rate limits (a reset, or Retry-After) before giving up")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "no progress on stderr")
}

// access is where GitHub's API is, and the token for it (with where it
// came from; "" when there is none).
type access struct{ base, token, source string }

// access finds the API and the token as the GitHub CLI finds them.
func (o *GitHubOptions) access(ctx context.Context, env Env) access {
	base := github.BaseURL(o.URL, env.Getenv)
	token, source := github.Token(ctx, github.Host(base), env.Getenv, env.GHAuthToken)
	return access{base: base, token: token, source: source}
}

// newGitHubClient builds a client with the token found as the GitHub CLI
// finds it, saying once when there is none.
func newGitHubClient(ctx context.Context, o *GitHubOptions, env Env) (*github.Client, string, error) {
	a := o.access(ctx, env)
	if a.token == "" && !o.Quiet {
		fmt.Fprintf(env.ErrOut, "sla: no GitHub token (GH_TOKEN, GITHUB_TOKEN or `gh auth login`): only public repositories can be read, at 60 requests an hour\n")
	}
	client, err := clientFor(o, env, a)
	return client, a.base, err
}

// clientFor builds a client with access found already. Its notices
// (retries, waits for a rate limit) go to stderr unless quiet, through
// the console the progress line shares.
func clientFor(o *GitHubOptions, env Env, a access) (*github.Client, error) {
	_, baseSource := github.LocateAPI(o.URL, env.Getenv)
	client, err := github.NewClient(github.Config{
		BaseURL: a.base, BaseURLSource: baseSource, Token: a.token, TokenSource: a.source, HTTP: env.HTTP,
		MaxWait: o.MaxWait, Sleep: env.Sleep, Notify: o.stderr(env).notice,
	})
	if err != nil {
		return nil, usageError("%v", err)
	}
	return client, nil
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
	if !data.Checkins {
		plan.Checkins = nil
	}
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

// planFor lists what the agreements need fetched to evaluate them at the
// instant, and at every point of a weekly trend of that many points ending
// there: their repositories and GitHub teams, back to the earliest instant
// their figures rest on (or since, if earlier), and the repositories whose
// requests are rated (a satisfaction objective measures them). It needs only the
// agreements' calendars, not their evaluation.
func planFor(set *agreement.Set, at, since time.Time, trend int) (github.Plan, error) {
	calendars, err := set.BuildCalendars()
	if err != nil {
		return github.Plan{}, &exitError{code: ExitError, err: err}
	}
	plan := github.Plan{Now: at, Since: since}
	seen := map[string]bool{}
	for _, a := range set.Agreements {
		period, err := calendars.Period(a)
		if err != nil {
			return github.Plan{}, &exitError{code: ExitError, err: err}
		}
		if start := period.DataFrom(at, trend); plan.Since.IsZero() || start.Before(plan.Since) {
			plan.Since = start
		}
		rated := slices.ContainsFunc(a.Spec.Objectives, func(o agreement.Objective) bool { return !o.Metric.Clocked() })
		for _, r := range a.Spec.Scope.Repos {
			key := strings.ToLower(string(r))
			if !seen[key] {
				seen[key] = true
				plan.Repos = append(plan.Repos, string(r))
			}
			if rated {
				if plan.Ratings == nil {
					plan.Ratings = map[string]bool{}
				}
				plan.Ratings[key] = true
			}
		}
		if a.Spec.Checkin.Set() {
			addCheckin(&plan, a)
		}
	}
	for _, t := range set.Teams {
		if g := string(t.Spec.GitHubTeam); g != "" && !slices.Contains(plan.Teams, g) {
			plan.Teams = append(plan.Teams, g)
		}
	}
	slices.Sort(plan.Repos)
	slices.Sort(plan.Teams)
	plan.Since = plan.Since.Truncate(time.Second)
	return plan, nil
}

// addCheckin adds an agreement's check-ins to a plan.
func addCheckin(plan *github.Plan, a *agreement.Agreement) {
	if plan.Checkins == nil {
		plan.Checkins = map[string][]string{}
	}
	repo := string(a.Spec.Checkin.Repo)
	for r := range plan.Checkins {
		if strings.EqualFold(r, repo) {
			repo = r
		}
	}
	plan.Checkins[repo] = append(plan.Checkins[repo], string(a.Metadata.Name))
}

// fetchLive runs a plan against GitHub. It says on stderr, one line per
// cause, what could not be read; when no repository could be read at all,
// that is all it says, and it fails with exit 2: there is nothing to
// report.
func fetchLive(ctx context.Context, client *github.Client, plan github.Plan, o *GitHubOptions, env Env) (*github.Fetched, error) {
	con := o.stderr(env)
	got, err := client.Fetch(ctx, plan, con.progress)
	if err != nil {
		con.clear()
		if ctx.Err() != nil {
			return nil, failure(fmt.Errorf("interrupted: nothing was written"))
		}
		return nil, failure(err)
	}
	con.done()
	for _, cause := range failures(got) {
		text.Fprintf(env.ErrOut, "sla: %s\n", cause)
	}
	if len(got.Repos) > 0 && !slices.ContainsFunc(got.Repos, func(r *snapshot.Repo) bool { return r.Error == "" }) {
		return nil, exitCode(ExitError)
	}
	return got, nil
}

// failures are the causes of what a fetch could not read, each once (an
// unreachable GitHub is one cause, however many repositories it stopped).
func failures(got *github.Fetched) []string {
	var out []string
	add := func(cause string) {
		if !slices.Contains(out, cause) {
			out = append(out, cause)
		}
	}
	for _, r := range got.Repos {
		if r.Error != "" {
			add(r.Error)
		}
	}
	for _, team := range slices.Sorted(maps.Keys(got.TeamErrors)) {
		add(got.TeamErrors[team].Error())
	}
	for _, repo := range slices.Sorted(maps.Keys(got.CheckinErrors)) {
		add(got.CheckinErrors[repo].Error())
	}
	return out
}
