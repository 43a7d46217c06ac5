package compliance

import (
	"fmt"
	"strings"
)

// Breakdowns.
const (
	ByConsumer = "consumer"
	ByRepo     = "repo"
)

// OtherConsumer groups issues whose author is in no consumer team.
const OtherConsumer = "other"

// Group is an objective's figures for one consumer team or repository.
type Group struct {
	Key string
	*Result
}

// Breakdown fills each result's Groups: its clocks split by the consumer
// team of the issue's author (an author in several teams counts for each,
// one in none as "other"; SPEC §3) or by repository. Every consumer team
// and repository of the scope has a group, with or without clocks.
func Breakdown(rep *Report, by string) error {
	if by != ByConsumer && by != ByRepo {
		return fmt.Errorf("unknown breakdown %q: use %s or %s", by, ByConsumer, ByRepo)
	}
	for _, r := range rep.Results {
		r.Groups = r.breakdown(by)
	}
	return nil
}

func (r *Result) breakdown(by string) []Group {
	o := r.Objective
	var keys []string
	if by == ByConsumer {
		for _, c := range o.Consumers {
			keys = append(keys, string(c.Name))
		}
	} else {
		for _, repo := range o.Agreement.Spec.Scope.Repos {
			keys = append(keys, string(repo))
		}
	}
	groups := map[string]*Result{}
	newGroup := func(k string) *Result {
		g := &Result{Objective: o, At: r.At, WindowStart: r.WindowStart, Complete: r.Complete, Missing: r.Missing}
		groups[k] = g
		return g
	}
	for _, k := range keys {
		newGroup(k)
	}
	for _, c := range r.Clocks {
		for _, k := range groupKeys(o, &c, by) {
			g := groups[k]
			if g == nil {
				g = newGroup(k)
				keys = append(keys, k)
			}
			g.count(c)
		}
	}
	out := make([]Group, 0, len(keys))
	for _, k := range keys {
		g := groups[k]
		g.finish()
		out = append(out, Group{Key: k, Result: g})
	}
	return out
}

// groupKeys are the groups a clock belongs to.
func groupKeys(o *Objective, c *ClockResult, by string) []string {
	if by == ByRepo {
		for _, repo := range o.Agreement.Spec.Scope.Repos {
			if strings.EqualFold(string(repo), c.Repo.Name) {
				return []string{string(repo)}
			}
		}
		return []string{c.Repo.Name}
	}
	author := strings.ToLower(c.Issue.Author)
	var keys []string
	for _, t := range o.Consumers {
		if t.Members[author] {
			keys = append(keys, string(t.Name))
		}
	}
	if len(keys) == 0 {
		keys = []string{OtherConsumer}
	}
	return keys
}
