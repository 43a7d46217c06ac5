package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/diag"
)

// fileSystemCases are what only a folder on disk can hold: links and
// named pipes with an agreement file's name. Each is skipped with a
// warning, and the folder's other files are still validated.
var fileSystemCases = []struct {
	name string
	make func(dir string) error // makes name in dir
	rule diag.Rule
}{
	{"outside.yaml", func(dir string) error { return os.Symlink("../../outside.yaml", filepath.Join(dir, "outside.yaml")) }, "symlink-outside"},
	{"loop.yaml", func(dir string) error { return os.Symlink("loop.yaml", filepath.Join(dir, "loop.yaml")) }, "broken-symlink"},
	{"pipe.yaml", func(dir string) error { return mkfifo(filepath.Join(dir, "pipe.yaml")) }, "not-a-regular-file"},
}

func TestFileSystemCases(t *testing.T) {
	for _, c := range fileSystemCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			dir := filepath.Join(root, "org", "agreements")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "outside.yaml"), []byte("secret: [\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			base, err := os.ReadFile("testdata/base.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "base.yaml"), base, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := c.make(dir); err != nil {
				t.Skipf("cannot make %s here: %v", c.name, err)
			}
			set, diags, err := Run([]string{dir})
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) != 1 || diags[0].Rule != c.rule || diags[0].File != filepath.Join(dir, c.name) || diags[0].Line != 0 {
				t.Fatalf("want one %s warning on %s, got:\n%s", c.rule, c.name, render(diags))
			}
			if diags.HasErrors() || set.Files != 1 || strings.Contains(diags[0].Message, "secret") {
				t.Errorf("want a warning only, base.yaml read, nothing of the target shown: %d files\n%s", set.Files, render(diags))
			}
		})
	}
}
