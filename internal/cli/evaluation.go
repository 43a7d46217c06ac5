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
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/text"
	"github.com/sla-dev/sla/internal/validate"
	"github.com/spf13/cobra"
)

// validAgreements loads and validates the agreements under paths. Invalid
// ones are printed on stderr and stop the command with exit 1; stops says
// what that stops ("nothing was evaluated").
func validAgreements(paths []string, stops string, env Env) (*agreement.Set, error) {
	set, diags, err := validate.Run(paths)
	if err != nil {
		return nil, failure(err)
	}
	if diags.HasErrors() {
		src := func(f string) []byte { return set.Sources[f] }
		_ = diag.WriteText(env.ErrOut, diags, src, diag.Summary{Files: set.Files, Documents: set.Documents}, false)
		return nil, &exitError{code: ExitInvalid, err: fmt.Errorf("the agreements are invalid: %s (see `sla validate`)", stops)}
	}
	return set, nil
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
	// Checkins asks a live read for the agreements' check-ins too.
	Checkins bool
}

func (o *DataOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringArrayVar(&o.Snapshots, "snapshot", nil, "read issue data from this snapshot file (.json or .json.gz) instead of GitHub; repeat to join the parts of a sharded fetch")
	f.StringVar(&o.At, "at", "", "evaluate as of this instant, RFC 3339 (default: now, or the snapshot's fetch time)")
	f.BoolVar(&o.NoCache, "no-cache", false, "fetch everything again instead of revalidating the cache of earlier runs")
	o.GitHub.addFlags(f)
	_ = cmd.MarkFlagFilename("snapshot", "json", "gz")
}

// EvaluationOptions are the arguments and flags that check, due, report
// and kudos share: the agreement files, where issue data comes from, and
// which agreements.
type EvaluationOptions struct {
	Paths  []string
	Data   DataOptions
	Select Selection
}

// addEvaluationFlags defines the data flags, and --agreement and --team,
// each with what it selects for the command.
func (o *EvaluationOptions) addEvaluationFlags(cmd *cobra.Command, agreementUsage, teamUsage string) {
	o.Data.addFlags(cmd)
	o.Select.addAgreementFlag(cmd, allArgs, agreementUsage)
	o.Select.addTeamFlag(cmd, allArgs, teamUsage)
}

// request asks loadEvaluation for the chosen agreements and their data.
// The commands that share these options evaluate once
// (evaluateWhileReading), so a snapshot may be read while it is evaluated.
func (o *EvaluationOptions) request() evaluationRequest {
	return evaluationRequest{paths: o.Paths, selection: o.Select, data: &o.Data, stream: true}
}

// evaluationRequest is what a command asks loadEvaluation for.
type evaluationRequest struct {
	paths     []string
	selection Selection
	data      *DataOptions
	// anyCoverage evaluates whatever period a snapshot covers; otherwise
	// windows that reach back before it are refused (explain alone looks
	// at one issue, and does not check).
	anyCoverage bool
	// beforeData, if set, checks the valid agreements before any issue
	// data is read: what can be refused then costs no fetch.
	beforeData func(*agreement.Set) error
	// keep, if set, narrows the agreements chosen to those it keeps,
	// before any issue data is read.
	keep func(*agreement.Agreement) bool
	// stream lets one snapshot file be evaluated while it is read (see
	// evaluation.evaluateWhileReading), for a command that evaluates once.
	stream bool
}

// evaluation is what check, explain, due and report share: valid
// agreements, the objectives chosen, issue data and the instant.
type evaluation struct {
	set  *agreement.Set
	snap *snapshot.Snapshot
	at   time.Time
	// teams are the members of every team, as the objectives were
	// compiled with them.
	teams      compliance.Teams
	objectives []*compliance.Objective
	// trend is the number of weekly points to evaluate at (0: at only).
	trend int
	// stream, while not nil, is the snapshot file still being read: snap
	// holds its header only, until evaluateWhileReading has read it all.
	stream *snapshot.Stream
	env    Env
}

// loadEvaluation validates the agreements (printing problems to stderr),
// chooses the selected ones, and reads the issue data they need: from the
// snapshots, or live from GitHub. What the command line alone can refuse
// is refused before any file is read, and what the agreements can refuse
// before any issue data.
func loadEvaluation(ctx context.Context, req evaluationRequest, env Env) (*evaluation, error) {
	var stream *snapshot.Stream
	if req.stream && len(req.data.Snapshots) == 1 {
		// Read from now on, while the agreements are checked; a problem
		// with the snapshot is still said after theirs.
		stream = snapshot.OpenStream(req.data.Snapshots[0])
	}
	c, err := chooseAgreements(req, env)
	if err != nil {
		if stream != nil {
			stream.Close()
		}
		return nil, err
	}
	c.stream = stream
	return c.load(ctx, req, env)
}

// choice is what loadEvaluation chooses before it reads any issue data:
// the valid agreements, those chosen, and the instant given (zero: none).
type choice struct {
	set, chosen *agreement.Set
	at          time.Time
	// stream is the snapshot file being read, when it is evaluated while
	// it is read (see evaluationRequest.stream).
	stream *snapshot.Stream
}

// chooseAgreements is the first half of loadEvaluation: the command line
// checked, the agreements validated and chosen. It reads no issue data.
func chooseAgreements(req evaluationRequest, env Env) (*choice, error) {
	data := req.data
	if data.Trend < 0 {
		return nil, usageError("--trend %d: give a number of weeks, 1 or more", data.Trend)
	}
	var at time.Time
	if data.At != "" {
		var err error
		if at, err = parseAt(data.At); err != nil {
			return nil, err
		}
	}
	set, err := validAgreements(req.paths, "nothing was evaluated", env)
	if err != nil {
		return nil, err
	}
	chosen, err := req.selection.apply(set)
	if err != nil {
		return nil, err
	}
	if req.keep != nil {
		narrowed := *chosen
		narrowed.Agreements = slices.DeleteFunc(slices.Clone(chosen.Agreements), func(a *agreement.Agreement) bool { return !req.keep(a) })
		chosen = &narrowed
	}
	if req.beforeData != nil {
		if err := req.beforeData(chosen); err != nil {
			return nil, err
		}
	}
	return &choice{set: set, chosen: chosen, at: at}, nil
}

// load is the second half of loadEvaluation: the issue data the chosen
// agreements need at the instant, and their objectives.
func (c *choice) load(ctx context.Context, req evaluationRequest, env Env) (*evaluation, error) {
	set, chosen, at, data := c.set, c.chosen, c.at, req.data
	batchGC()
	stream := c.stream
	var snap *snapshot.Snapshot
	var err error
	if stream != nil {
		if snap, err = stream.Header(); err != nil {
			err = failure(err)
		} else {
			at, err = instantOf(snap, at)
		}
	} else {
		snap, at, err = readData(ctx, chosen, at, data, env)
	}
	if err != nil {
		if stream != nil {
			stream.Close()
		}
		return nil, err
	}
	boundHeap()
	teams := compliance.ResolveTeams(set, snap.Teams)
	objectives, err := compliance.Compile(set, teams)
	if err != nil {
		return nil, failure(err)
	}
	compliance.MarkUnread(objectives, unreadTeams(set, snap))
	objectives = slices.DeleteFunc(objectives, func(o *compliance.Objective) bool {
		return !slices.Contains(chosen.Agreements, o.Agreement)
	})
	warnWithoutReactions(snap, objectives, env)
	ev := &evaluation{set: set, snap: snap, at: at, teams: teams, objectives: objectives, trend: data.Trend, stream: stream, env: env}
	if !req.anyCoverage {
		if err := ev.checkCoverage(); err != nil {
			ev.close()
			return nil, err
		}
	}
	return ev, nil
}

// close stops reading a snapshot that is still being read.
func (ev *evaluation) close() {
	if ev.stream != nil {
		ev.stream.Close()
		ev.stream = nil
	}
}

// readData reads the issue data the agreements need at the instant (zero:
// the snapshots' fetch time, or now): from the snapshots, or live from
// GitHub. It returns the data and the instant.
func readData(ctx context.Context, set *agreement.Set, at time.Time, data *DataOptions, env Env) (*snapshot.Snapshot, time.Time, error) {
	if len(data.Snapshots) == 0 {
		now := env.Now().UTC().Truncate(time.Second)
		at, err := liveAt(at, now)
		if err != nil {
			return nil, at, err
		}
		snap, err := fetchForEvaluation(ctx, set, at, now, data, env)
		return snap, at, err
	}
	return snapshotAt(data.Snapshots, at, env)
}

// snapshotAt reads and joins snapshot files, and returns them with the
// instant: at, or their fetch time when at is zero. An instant after the
// fetch is refused: what happened then is not in the files.
func snapshotAt(paths []string, at time.Time, env Env) (*snapshot.Snapshot, time.Time, error) {
	snap, err := readSnapshots(paths, env)
	if err != nil {
		return nil, at, err
	}
	at, err = instantOf(snap, at)
	return snap, at, err
}

// instantOf is the instant to evaluate a snapshot at: at, or its fetch
// time when at is zero. An instant after the fetch is refused: what
// happened then is not in the files.
func instantOf(snap *snapshot.Snapshot, at time.Time) (time.Time, error) {
	if at.IsZero() {
		return snap.FetchedAt, nil
	}
	if at.After(snap.FetchedAt) {
		return at, usageError("--at %s is after the snapshot was fetched (%s): the data after that is missing; fetch again or choose an earlier --at",
			at.UTC().Format(time.RFC3339), snap.FetchedAt.UTC().Format(time.RFC3339))
	}
	return at, nil
}

// evaluate evaluates the objectives at the instant, and at each point of
// the trend when there is one, on data read whole.
func (ev *evaluation) evaluate(objectives []*compliance.Objective) *compliance.Report {
	return compliance.EvaluateRepos(objectives, slices.Values(ev.snap.Repos), ev.at, ev.trend)
}

// evaluateWhileReading is evaluate, for a command that evaluates once: a
// snapshot file still being read is evaluated a repository at a time as
// it is read, the reading and the evaluation side by side, and then the
// whole of it is in ev.snap.
func (ev *evaluation) evaluateWhileReading(objectives []*compliance.Objective) (*compliance.Report, error) {
	if ev.stream == nil {
		return ev.evaluate(objectives), nil
	}
	stream := ev.stream
	defer ev.close()
	rep := compliance.EvaluateRepos(objectives, func(yield func(*snapshot.Repo) bool) {
		for r := range stream.Repos() {
			boundHeap()
			if !yield(r) {
				return
			}
		}
	}, ev.at, ev.trend)
	snap, err := stream.Wait()
	if err != nil {
		return nil, failure(err)
	}
	warnMerged(stream.Path(), snap, ev.env)
	ev.snap = snap
	return rep, nil
}

// checkCoverage refuses an evaluation whose windows (those of the trend's
// earliest point, with a trend) reach back before the data the snapshot
// covers.
func (ev *evaluation) checkCoverage() error {
	for _, o := range ev.objectives {
		if start := o.Period.DataFrom(ev.at, ev.trend); start.Before(ev.snap.Since) {
			return usageError("objective %s needs data from %s, but the snapshot covers only from %s: fetch with --since %s",
				o.Name(), start.UTC().Format(time.RFC3339), ev.snap.Since.UTC().Format(time.RFC3339), start.UTC().Format("2006-01-02"))
		}
	}
	return nil
}

// warnWithoutReactions says when satisfaction objectives are measured on
// a snapshot written before reactions were kept: every request would look
// unrated.
func warnWithoutReactions(snap *snapshot.Snapshot, objectives []*compliance.Objective, env Env) {
	if !snap.LacksReactions() ||
		!slices.ContainsFunc(objectives, func(o *compliance.Objective) bool { return !o.Spec.Metric.Clocked() }) {
		return
	}
	fmt.Fprintf(env.ErrOut, "sla: warning: the snapshot was written before sla kept reactions (layout %d): "+
		"satisfaction objectives find no ratings in it; fetch it again with `sla fetch --out FILE`\n", snap.Version)
}

// readSnapshots reads and joins snapshot files, saying on stderr which
// records a file held twice (each is counted once).
func readSnapshots(paths []string, env Env) (*snapshot.Snapshot, error) {
	var parts []*snapshot.Snapshot
	for _, p := range paths {
		s, err := snapshot.ReadFile(p)
		if err != nil {
			return nil, failure(err)
		}
		warnMerged(p, s, env)
		parts = append(parts, s)
	}
	return snapshot.Merge(parts...), nil
}

// warnMerged says what a snapshot file held twice and was counted once.
func warnMerged(path string, s *snapshot.Snapshot, env Env) {
	for _, m := range s.Merged {
		text.Fprintf(env.ErrOut, "sla: warning: %s: %s\n", path, m)
	}
}

// unreadTeams are the teams whose github_team's members the data lacks,
// with what the report says is missing: a fetch could not read them, or a
// snapshot was fetched without them.
func unreadTeams(set *agreement.Set, snap *snapshot.Snapshot) map[agreement.Name]string {
	out := map[agreement.Name]string{}
	for _, t := range set.Teams {
		g := string(t.Spec.GitHubTeam)
		if _, ok := snap.Teams[strings.ToLower(g)]; g != "" && !ok {
			out[t.Metadata.Name] = "members of " + g
		}
	}
	return out
}

// exitFor maps an evaluated report to the exit code: --fail-on trips on
// complete objectives only; an incomplete report exits 3 otherwise.
func exitFor(rep *compliance.Report, failOn string, env Env) error {
	tripped, incomplete := 0, false
	for _, r := range rep.Results {
		if !r.Complete {
			incomplete = true
			continue
		}
		if r.Status == compliance.StatusBreached && failOn != failNever ||
			r.Status == compliance.StatusAtRisk && failOn == failAtRisk {
			tripped++
		}
	}
	if tripped > 0 {
		what := "breached"
		if failOn == failAtRisk {
			what = "breached or at risk"
		}
		fmt.Fprintf(env.ErrOut, "sla: %d objective(s) %s (--fail-on %s)\n", tripped, what, failOn)
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
