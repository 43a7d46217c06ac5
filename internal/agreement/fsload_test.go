package agreement_test

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sla-dev/sla/internal/agreement"
)

const agreementYAML = `apiVersion: sla/v1
kind: Agreement
metadata: {name: requests}
spec: {provider: platform, consumers: [payments], window: 28d, scope: {repos: [acme/requests]},
  objectives: [{name: first-response, metric: first_response, within: 4h, target: 90%}]}
`

// shown is the name func of a revision read from the folder "base".
func shown(p string) string { return path.Join("base", p) }

// The rules of which files are agreement files hold for any file system
// (a git revision is one): under a folder, *.yaml and *.yml outside
// hidden folders below it; a file named as it is, whatever its name; a
// link only to a file inside; each file once; a file over the size limit
// reported without being read.
func TestLoadFS(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"agreements/teams.yaml":            {Data: []byte(teamYAML)},
		"agreements/sub/requests.yml":      {Data: []byte(agreementYAML)},
		"agreements/.archive/old.yaml":     {Data: []byte("not: [read")},
		"agreements/notes.txt":             {Data: []byte("not: [read")},
		"agreements/same.yaml":             {Data: []byte("teams.yaml"), Mode: fs.ModeSymlink},
		"agreements/out.yaml":              {Data: []byte("../secret.yaml"), Mode: fs.ModeSymlink},
		"agreements/huge.yaml":             {Data: []byte(strings.Repeat("#", agreement.MaxFileSize+1))},
		"agreements/.archive/named.txt":    {Data: []byte(teamYAML)},
		"secret.yaml":                      {Data: []byte(secret)},
		"agreements/sub/deeper/.keep.yaml": {Data: []byte("# a hidden file is read\n")},
	}
	set, diags, err := agreement.LoadFS(fsys, []string{"agreements", "agreements/teams.yaml", "agreements/.archive/named.txt"}, shown)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "files read", sources(set), []string{
		"base/agreements/.archive/named.txt", "base/agreements/sub/deeper/.keep.yaml", "base/agreements/sub/requests.yml", "base/agreements/teams.yaml",
	})
	var got []string
	for _, d := range diags {
		got = append(got, d.File+": "+string(d.Rule))
	}
	slices.Sort(got)
	expect(t, "diagnostics", got, []string{
		"base/agreements/huge.yaml: file-too-large", "base/agreements/out.yaml: symlink-outside", "base/agreements/sub/deeper/.keep.yaml: empty-file",
	})
	for _, d := range diags {
		if strings.Contains(d.Message, "ghp_") {
			t.Errorf("a diagnostic shows what lies outside: %s", d)
		}
	}
	if len(set.Teams) != 2 || len(set.Agreements) != 1 || set.Files != 5 {
		t.Errorf("%d teams, %d agreements, %d files; want 2, 1 and 5 (the large one counted)", len(set.Teams), len(set.Agreements), set.Files)
	}

	if _, _, err := agreement.LoadFS(fsys, []string{"agreements/none"}, shown); err == nil || err.Error() != "base/agreements/none: no such file or folder" {
		t.Errorf("a missing path: %v", err)
	}
}
