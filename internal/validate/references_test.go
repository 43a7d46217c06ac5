package validate

import (
	"os"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/diag"
)

// withBase adds the base organisation of the rule cases to files.
func withBase(t *testing.T, files map[string]string) map[string][]byte {
	t.Helper()
	base, err := os.ReadFile("testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{"base.yaml": base}
	for name, data := range files {
		out[name] = []byte(data)
	}
	return out
}

// An agreement of a new team, identity, whose Team was copied from
// platform's and not renamed (line 3), provided by identity (line 9).
const identityFile = `apiVersion: sla/v1
kind: Team
metadata: {name: platform, title: Identity & Access}
spec: {members: [carol]}
---
apiVersion: sla/v1
kind: Agreement
metadata: {name: identity-requests}
spec:
  provider: identity
  consumers: [payments]
  calendar: berlin
  window: 28d
  scope: {repos: [acme/identity]}
  objectives:
    - {name: first-response, metric: first_response, within: 4h, target: 90%}
`

// TestDuplicateNameExplainsTheUnknownReference: the copied Team is the
// one mistake, reported once, at the copy (though it is read first), with
// the name it was meant to have; "identity is not a Team" follows from it
// and is not reported.
func TestDuplicateNameExplainsTheUnknownReference(t *testing.T) {
	t.Parallel()
	_, diags := loadFiles(withBase(t, map[string]string{"identity.yaml": identityFile}))
	if len(diags) != 1 {
		t.Fatalf("want one problem, got:\n%s", render(diags))
	}
	d := diags[0]
	want := `Team "platform" is also defined at base.yaml:5:18, and no Team is named "identity", which provider refers to (identity.yaml:10:13): this Team was probably meant to be "identity" (` + "`name: identity`)"
	if d.File != "identity.yaml" || d.Line != 3 || d.Col != 18 || d.Rule != "duplicate-name" || d.Message != want {
		t.Errorf("got  %s\nwant identity.yaml:3:18 duplicate-name %s", d, want)
	}
}

// TestOneFileAloneGetsOneHint: an agreement validated without the file
// that defines its teams and calendar gets one problem that says so, not
// one "is not a Team" per reference.
func TestOneFileAloneGetsOneHint(t *testing.T) {
	t.Parallel()
	agreement := strings.Replace(identityFile[strings.Index(identityFile, "apiVersion: sla/v1\nkind: Agreement"):],
		"consumers: [payments]", "consumers: [payments, growth]", 1)
	_, diags := loadFiles(map[string][]byte{"identity.yaml": []byte(agreement)})
	if len(diags) != 1 {
		t.Fatalf("want one problem, got:\n%s", render(diags))
	}
	d := diags[0]
	want := `provider "identity", consumers "payments" and "growth", and calendar "berlin" are not defined in the files read, which have no Teams or Calendars at all: references resolve across all the files validated together, and Teams and Calendars usually have files of their own (such as teams.yaml): validate the whole folder (` + "`sla validate` with no path reads agreements/)"
	if d.Line != 5 || d.Col != 13 || d.Rule != "unknown-reference" || d.Message != want {
		t.Errorf("got  %s\nwant 5:13 unknown-reference %s", d, want)
	}
}

// TestUnreadableFileHoldsBackUnknownReferences: while teams.yaml stops at
// a syntax error, a reference to a team it may define is not reported;
// a near miss of a team that was read still is.
func TestUnreadableFileHoldsBackUnknownReferences(t *testing.T) {
	t.Parallel()
	broken := "apiVersion: sla/v1\nkind: Team\nmetadata: {name: identity}\nspec: {members: [dave\n"
	agreement := identityFile[strings.Index(identityFile, "apiVersion: sla/v1\nkind: Agreement"):]
	typo := strings.Replace(agreement, "consumers: [payments]", "consumers: [paymnets]", 1)
	_, diags := loadFiles(withBase(t, map[string]string{"identity.yaml": typo, "teams.yaml": broken}))
	var rules []string
	for _, d := range diags {
		rules = append(rules, d.File+" "+string(d.Rule))
	}
	if want := "identity.yaml unknown-reference,teams.yaml yaml-syntax"; strings.Join(rules, ",") != want ||
		!strings.Contains(diags[0].Message, `consumer "paymnets" is not a Team (did you mean "payments"?)`) {
		t.Errorf("want the syntax error and the near miss only, got:\n%s", render(diags))
	}
}

// TestReferenceSuggestsWhatWasMeant: a reference written as a title, or
// as a name in the wrong case, suggests the document meant, whether it
// is not a valid name at all or a valid one that names nothing.
func TestReferenceSuggestsWhatWasMeant(t *testing.T) {
	t.Parallel()
	const teams = `apiVersion: sla/v1
kind: Team
metadata: {name: identity, title: Identity & Access}
spec: {members: [dave]}
`
	tests := []struct {
		old, new string
		rule     diag.Rule
		says     string
	}{
		{"provider: identity", `provider: Identity & Access`, "invalid-name",
			`"Identity & Access" is not a valid name: use lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (did you mean "identity"? "Identity & Access" is its title)`},
		{"provider: identity", `provider: identity-access`, "unknown-reference",
			`provider "identity-access" is not a Team (did you mean "identity"? "Identity & Access" is its title)`},
		{"consumers: [payments]", "consumers: [Payments]", "invalid-name", `(did you mean "payments"?)`},
		{"calendar: berlin", "calendar: Berlin", "invalid-name", `(did you mean "berlin"?)`},
		{"calendar: berlin", "calendar: Tokyo Office", "invalid-name", `; known calendars: berlin, 24x7`},
		{"  objectives:", "  expectations:\n    provider: [{text: Answer, objective: First Response}]\n  objectives:", "invalid-name",
			`(did you mean "first-response"?)`},
	}
	agreement := identityFile[strings.Index(identityFile, "apiVersion: sla/v1\nkind: Agreement"):]
	for _, tt := range tests {
		file := strings.Replace(agreement, tt.old, tt.new, 1)
		_, diags := loadFiles(withBase(t, map[string]string{"identity.yaml": file, "teams.yaml": teams}))
		if len(diags) != 1 || diags[0].Rule != tt.rule || !strings.Contains(diags[0].Message, tt.says) {
			t.Errorf("%s: want one %s saying %q, got:\n%s", tt.new, tt.rule, tt.says, render(diags))
		}
	}
}
