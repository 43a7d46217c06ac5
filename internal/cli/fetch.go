package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/spf13/cobra"
)

// FetchOptions are the flags and arguments of `sla fetch`.
type FetchOptions struct {
	Paths  []string
	Out    string
	At     string
	Since  string
	Trend  int
	Update string
	Shard  string
	GitHub GitHubOptions
}

// NewCmdFetch builds `sla fetch`.
func NewCmdFetch(env Env) *cobra.Command {
	opts := &FetchOptions{}
	cmd := &cobra.Command{
		Use:   "fetch [PATH...] --out FILE",
		Short: "Save the issue data the agreements need to a snapshot file",
		Long: strings.TrimSpace(`
Fetch from GitHub everything the agreements need to be evaluated — issues,
their comments and label, close and reopen events, and the members of
their GitHub teams — into one snapshot file (gzipped when it ends in .gz).
sla check --snapshot FILE then evaluates offline and repeatably. Snapshots
hold no token and no bodies of issues or comments: they are safe to keep
as CI artifacts.

Per repository it reads three lists newest first, 100 to a page, and stops
where the data gets older than the earliest window needs (or --since):
a few requests per hundred issues. --update brings an earlier snapshot up
to date with only what changed since it was fetched.

The token is found as the GitHub CLI finds it: GH_TOKEN, then GITHUB_TOKEN
(GH_ENTERPRISE_TOKEN, GITHUB_ENTERPRISE_TOKEN for Enterprise Server), else
'gh auth token'. It is never printed or written.`),
		Example: examples(`
  # Everything the agreements in ./agreements need, today
  sla fetch --out issues.json.gz

  # Keep a snapshot current (in CI, restore it from a cache first)
  sla fetch --update issues.json.gz

  # Cover the 12 weekly points of sla check --trend 12 (or sla report)
  sla fetch --out issues.json.gz --trend 12

  # ... or everything since a date
  sla fetch --out issues.json.gz --since 2026-08-01

  # Fan out over 4 jobs, then join the parts in one
  sla fetch --shard 1/4 --out part-1.json.gz
  sla check --snapshot part-1.json.gz --snapshot part-2.json.gz --snapshot part-3.json.gz --snapshot part-4.json.gz`),
	}
	runWithPaths(cmd, &opts.Paths, func(ctx context.Context) error { return runFetch(ctx, opts, env) })
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", "", "write the snapshot to this file (.json, or .json.gz to compress)")
	f.StringVar(&opts.At, "at", "", "the evaluation instant to cover, RFC 3339 (default: now)")
	f.StringVar(&opts.Since, "since", "", "also cover everything from this date (YYYY-MM-DD, UTC), e.g. for trends")
	f.IntVar(&opts.Trend, "trend", 0, "also cover the earlier points of a weekly trend of N points ending at --at (as check --trend N and report need)")
	f.StringVar(&opts.Update, "update", "", "bring this snapshot up to date, fetching only what changed (writes it back unless --out is given)")
	f.StringVar(&opts.Shard, "shard", "", "fetch only the K-th of N equal parts of the repositories (K/N), to fan out over jobs")
	opts.GitHub.addFlags(f)
	_ = cmd.MarkFlagFilename("out", "json", "gz")
	_ = cmd.MarkFlagFilename("update", "json", "gz")
	return cmd
}

func runFetch(ctx context.Context, opts *FetchOptions, env Env) error {
	out := opts.Out
	if out == "" {
		out = opts.Update
	}
	if out == "" {
		return usageError("--out FILE is required (or --update FILE)")
	}
	now := env.Now().UTC().Truncate(time.Second)
	var at time.Time
	if opts.At != "" {
		var err error
		if at, err = parseAt(opts.At); err != nil {
			return err
		}
	}
	at, err := liveAt(at, now)
	if err != nil {
		return err
	}
	var since time.Time
	if opts.Since != "" {
		t, err := parseSince(opts.Since)
		if err != nil {
			return err
		}
		since = t
	}
	set, err := validAgreements(opts.Paths, "nothing was fetched", env)
	if err != nil {
		return err
	}
	if opts.Trend < 0 {
		return usageError("--trend %d: give a number of weeks, 1 or more", opts.Trend)
	}
	plan, err := planFor(set, at, since, opts.Trend)
	if err != nil {
		return err
	}
	plan.Now = now
	if opts.Shard != "" {
		k, n, err := parseShard(opts.Shard)
		if err != nil {
			return err
		}
		plan.Repos = shard(plan.Repos, k, n)
	}
	if opts.Update != "" {
		prev, err := snapshot.ReadFile(opts.Update)
		if err != nil {
			return failure(err)
		}
		plan.AddPrevious(prev)
	}
	client, _, err := newGitHubClient(ctx, &opts.GitHub, env)
	if err != nil {
		return err
	}
	got, err := fetchLive(ctx, client, plan, &opts.GitHub, env)
	if err != nil {
		return err
	}
	if err := snapshot.WriteFile(out, got.Snapshot, 0o666); err != nil {
		return failure(fmt.Errorf("writing %s: %w", out, err))
	}
	if len(failures(got)) > 0 {
		return exitCode(ExitIncomplete)
	}
	return nil
}

// parseShard reads K/N.
func parseShard(s string) (k, n int, err error) {
	if _, err := fmt.Sscanf(s, "%d/%d", &k, &n); err != nil || n < 1 || k < 1 || k > n || fmt.Sprintf("%d/%d", k, n) != s {
		return 0, 0, usageError("--shard %q: write K/N with 1 ≤ K ≤ N, e.g. 2/4", s)
	}
	return k, n, nil
}

// shard keeps a deterministic 1/n of the repositories: the k-th of every n
// in sorted order.
func shard(repos []string, k, n int) []string {
	var out []string
	for i, r := range repos {
		if i%n == k-1 {
			out = append(out, r)
		}
	}
	return out
}
