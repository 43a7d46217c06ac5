package due

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/snapshot"
)

// Change is one label to add to or remove from an issue.
type Change struct {
	Repo   string // owner/name, as the snapshot spells it
	Number int
	// Label is the label's name: as given, to add; as the issue carries it
	// (GitHub matches names ignoring case), to remove.
	Label string
	Add   bool
	URL   string
	Title string
}

// Ref is owner/repo#number.
func (c *Change) Ref() string { return fmt.Sprintf("%s#%d", c.Repo, c.Number) }

// LabelUse is a place where an agreement uses a label.
type LabelUse struct {
	Agreement string
	Field     string // e.g. scope.labels, objectives[resolution].pause_labels
	Pos       diag.Pos
}

// LabelUses lists every place where an agreement uses the label, ignoring
// case as GitHub does: its scope's labels, any_labels and exclude_labels,
// and each objective's where, pause_labels and label_time label. Marking
// issues with such a label would change what is measured.
func LabelUses(set *agreement.Set, label string) []LabelUse {
	var out []LabelUse
	for _, a := range set.Agreements {
		name := string(a.Metadata.Name)
		find := func(loc agreement.Loc, field string, labels []string, path ...any) {
			for i, l := range labels {
				if strings.EqualFold(strings.TrimSpace(l), label) {
					out = append(out, LabelUse{Agreement: name, Field: field, Pos: loc.Pos(append(path, i)...)})
				}
			}
		}
		s := &a.Spec.Scope
		find(s.Loc, "scope.labels", s.Labels, "labels")
		find(s.Loc, "scope.any_labels", s.AnyLabels, "any_labels")
		find(s.Loc, "scope.exclude_labels", s.ExcludeLabels, "exclude_labels")
		for i := range a.Spec.Objectives {
			o := &a.Spec.Objectives[i]
			prefix := fmt.Sprintf("objectives[%s].", o.Name)
			find(o.Where.Loc, prefix+"where.labels", o.Where.Labels, "labels")
			find(o.Where.Loc, prefix+"where.any_labels", o.Where.AnyLabels, "any_labels")
			find(o.Where.Loc, prefix+"where.exclude_labels", o.Where.ExcludeLabels, "exclude_labels")
			find(o.Loc, prefix+"pause_labels", o.PauseLabels, "pause_labels")
			if o.Label != "" && strings.EqualFold(strings.TrimSpace(o.Label), label) {
				out = append(out, LabelUse{Agreement: name, Field: prefix + "label", Pos: o.Loc.Pos("label")})
			}
		}
	}
	return out
}

// LabelPlan is how to make a label mark exactly the due issues while
// touching only what sla owns: add it to each due issue that lacks it;
// remove it from an issue that is not due only where sla added it.
type LabelPlan struct {
	Label string
	// Add are the due issues without the label.
	Add []Change
	// Remove are the open issues that carry the label and are not due, in
	// the repositories the objectives measure (pull requests only where an
	// objective there measures them): each loses the label only if the
	// token's account added it (see Decide).
	Remove []Removal
}

// Removal is an issue that carries the label and is not due.
type Removal struct {
	Change
	// AddedBy is the login that last added the label (its latest labeled
	// event), or "" when the data holds no such event: it was added
	// before the data begins.
	AddedBy string
}

// Kept is an issue that carries the label, is not due, and keeps it.
type Kept struct {
	Change
	// Why says why it is left alone, e.g. "added by alice".
	Why string
}

// PlanLabels plans the label from the issues as they were when the data
// was fetched. Closed issues are never touched, nor pull requests that no
// objective of their repository measures, nor a repository that could not
// be read. Changes come sorted by repository and issue number.
func PlanLabels(label string, items []Item, objectives []*compliance.Objective, snap *snapshot.Snapshot) *LabelPlan {
	type key struct {
		repo   string
		number int
	}
	plan := &LabelPlan{Label: label}
	due := map[key]bool{}
	for i := range items {
		it := &items[i]
		k := key{strings.ToLower(it.Repo.Name), it.Issue.Number}
		if due[k] {
			continue
		}
		due[k] = true
		if carried(it.Issue.Labels, label) == "" {
			plan.Add = append(plan.Add, Change{Repo: it.Repo.Name, Number: it.Issue.Number, Label: label, Add: true,
				URL: it.URL(), Title: it.Issue.Title})
		}
	}
	// Measured repositories, and whether an objective there measures pull
	// requests.
	repos := map[string]bool{}
	for _, o := range objectives {
		for r := range o.Filter.Repos {
			repos[r] = repos[r] || o.Filter.IncludePullRequests
		}
	}
	read := map[string]bool{}
	for _, r := range snap.Repos {
		name := strings.ToLower(r.Name)
		pulls, measured := repos[name]
		if !measured || r.Error != "" || read[name] {
			continue
		}
		read[name] = true // a repository listed twice (joined shards) is read once
		addedBy := labeledBy(r, label)
		for i := range r.Issues {
			is := &r.Issues[i]
			if due[key{name, is.Number}] || !is.Open() || (is.PullRequest && !pulls) {
				continue
			}
			if l := carried(is.Labels, label); l != "" {
				plan.Remove = append(plan.Remove, Removal{
					Change:  Change{Repo: r.Name, Number: is.Number, Label: l, URL: r.IssueURL(is), Title: is.Title},
					AddedBy: addedBy[is.Number],
				})
			}
		}
	}
	slices.SortFunc(plan.Add, byRef)
	slices.SortFunc(plan.Remove, func(a, b Removal) int { return byRef(a.Change, b.Change) })
	return plan
}

// labeledBy maps each issue of the repository to the login of its latest
// labeled event for the label: the last in time, and in id order within a
// second.
func labeledBy(r *snapshot.Repo, label string) map[int]string {
	latest := map[int]*snapshot.Event{}
	for i := range r.Events {
		e := &r.Events[i]
		if e.Kind != snapshot.Labeled || !strings.EqualFold(e.Label, label) {
			continue
		}
		if l := latest[e.Issue]; l == nil || cmp.Or(e.CreatedAt.Compare(l.CreatedAt), cmp.Compare(e.ID, l.ID)) > 0 {
			latest[e.Issue] = e
		}
	}
	out := make(map[int]string, len(latest))
	for n, e := range latest {
		out[n] = e.Actor
	}
	return out
}

// Decide splits the plan into the changes to make and the issues left
// alone, given account, the login of the token that makes the changes:
// an issue that is not due loses the label only if account added it last.
// With account "" (no token to ask), nothing is removed.
func (p *LabelPlan) Decide(account string) (changes []Change, kept []Kept) {
	changes = slices.Clone(p.Add)
	for _, r := range p.Remove {
		switch {
		case r.AddedBy == "":
			kept = append(kept, Kept{r.Change, "who added it is unknown"})
		case account == "":
			kept = append(kept, Kept{r.Change, "added by " + r.AddedBy + "; without a token, sla cannot tell whether that is its account"})
		case strings.EqualFold(r.AddedBy, account):
			changes = append(changes, r.Change)
		default:
			kept = append(kept, Kept{r.Change, "added by " + r.AddedBy + ", not by sla's " + account})
		}
	}
	slices.SortFunc(changes, byRef)
	return changes, kept
}

// byRef orders changes by repository and issue number.
func byRef(a, b Change) int {
	return cmp.Or(cmp.Compare(strings.ToLower(a.Repo), strings.ToLower(b.Repo)), cmp.Compare(a.Number, b.Number))
}

// carried returns the issue's label with the name, ignoring case as GitHub
// does, or "".
func carried(labels []string, name string) string {
	for _, l := range labels {
		if strings.EqualFold(l, name) {
			return l
		}
	}
	return ""
}
