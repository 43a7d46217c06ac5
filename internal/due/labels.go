package due

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sla-dev/sla/internal/compliance"
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

// PlanLabels says how to make the label mark exactly the issues that are
// due: add it to each due issue that lacks it, and remove it from every
// other issue that carries it in the repositories the objectives measure.
// Labels are read as the issues had them when the data was fetched. A
// repository that could not be read is left alone. Changes come sorted by
// repository and issue number.
func PlanLabels(label string, items []Item, objectives []*compliance.Objective, snap *snapshot.Snapshot) []Change {
	type key struct {
		repo   string
		number int
	}
	var out []Change
	due := map[key]bool{}
	for i := range items {
		it := &items[i]
		k := key{strings.ToLower(it.Repo.Name), it.Issue.Number}
		if due[k] {
			continue
		}
		due[k] = true
		if carried(it.Issue.Labels, label) == "" {
			out = append(out, Change{Repo: it.Repo.Name, Number: it.Issue.Number, Label: label, Add: true,
				URL: it.URL(), Title: it.Issue.Title})
		}
	}
	repos := map[string]bool{}
	for _, o := range objectives {
		for r := range o.Filter.Repos {
			repos[r] = true
		}
	}
	for _, r := range snap.Repos {
		name := strings.ToLower(r.Name)
		if !repos[name] || r.Error != "" {
			continue
		}
		repos[name] = false // a repository listed twice (joined shards) is read once
		for i := range r.Issues {
			is := &r.Issues[i]
			if due[key{name, is.Number}] {
				continue
			}
			if l := carried(is.Labels, label); l != "" {
				out = append(out, Change{Repo: r.Name, Number: is.Number, Label: l, URL: r.IssueURL(is), Title: is.Title})
			}
		}
	}
	slices.SortFunc(out, func(a, b Change) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Repo), strings.ToLower(b.Repo)), cmp.Compare(a.Number, b.Number))
	})
	return out
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
