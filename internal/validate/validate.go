// Package validate checks what agreement files mean, beyond their
// structure: references resolve, names are unique, objectives make sense.
// `sla validate` and `sla check` both go through Run, so they never
// disagree about what is valid.
package validate

import (
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

// Run loads the agreement files under paths and checks them. It returns
// every problem found, sorted; an error means a path could not be read.
func Run(paths []string) (*agreement.Set, diag.List, error) {
	set, diags, err := agreement.Load(paths)
	if err != nil {
		return nil, nil, err
	}
	diags = append(diags, Check(set)...)
	return set, diags.Sort(), nil
}

// Check applies the semantic rules to a loaded set.
func Check(set *agreement.Set) diag.List {
	var diags diag.List
	idx := newIndex(set, &diags)
	checkTeams(set, &diags)
	checkCalendars(set, &diags)
	for _, a := range set.Agreements {
		checkAgreement(a, idx, &diags)
	}
	reportReferences(set, idx, &diags)
	return diags
}
