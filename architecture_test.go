package sla_test

import (
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/sla-dev/sla/"

// support is the stage of the packages that serve tests and tools.
const support = -1

// stagesFromDoc reads the table of docs/architecture.md: package → stage.
func stagesFromDoc(t *testing.T) map[string]int {
	t.Helper()
	data, err := os.ReadFile("docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| (\\d+ [^|]*|support) \\| `([^`]+)` \\|")
	stages := map[string]int{}
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		stage := support
		if m[1] != "support" {
			stage, _ = strconv.Atoi(strings.Fields(m[1])[0])
		}
		stages[m[2]] = stage
	}
	if len(stages) == 0 {
		t.Fatal("docs/architecture.md has no table of packages")
	}
	return stages
}

// packages lists the module's packages (as paths from its root) with
// their imports, as go list shows them: the non-test files for this
// platform. Another module inside (tools/...) is not part of it.
func packages(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		name := d.Name()
		if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "bin" || name == "dist") {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != "." {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil || len(pkg.GoFiles) == 0 {
			return nil // nothing to build here (the root holds only this test)
		}
		out[filepath.ToSlash(path)] = pkg.Imports
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Every package is in docs/architecture.md's table, and every package of
// the table exists.
func TestArchitectureDocListsEveryPackage(t *testing.T) {
	t.Parallel()
	stages, pkgs := stagesFromDoc(t), packages(t)
	for p := range pkgs {
		if _, ok := stages[p]; !ok {
			t.Errorf("%s is not in docs/architecture.md: give it a row (its stage on the data path, and its job)", p)
		}
	}
	for p := range stages {
		if _, ok := pkgs[p]; !ok {
			t.Errorf("docs/architecture.md lists %s, which is not a package of the module", p)
		}
	}
}

// The data path runs one way: a package imports only packages of its own
// stage or of earlier ones, and never one that serves tests and tools.
func TestImportsRunOneWay(t *testing.T) {
	t.Parallel()
	stages, pkgs := stagesFromDoc(t), packages(t)
	for p, imports := range pkgs {
		stage, ok := stages[p]
		if !ok || stage == support {
			continue
		}
		for _, imp := range imports {
			q, ok := strings.CutPrefix(imp, module)
			if !ok {
				continue
			}
			switch s, known := stages[q]; {
			case !known:
			case s == support:
				t.Errorf("%s imports %s, which serves tests and tools only", p, q)
			case s > stage:
				t.Errorf("%s (stage %d) imports %s (stage %d), later on the data path: move what it needs to an earlier stage", p, stage, q, s)
			}
		}
	}
}

// reachOut are the packages that may touch what lies outside the program:
// files, the network, processes, the environment, the command line.
var reachOut = []string{"internal/agreement", "internal/snapshot", "internal/atomicfile", "internal/github", "internal/gitrev", "internal/cli", "cmd/sla"}

// outside are the imports that reach out.
var outside = []string{"os", "os/exec", "os/signal", "net", "net/http", "syscall", "github.com/spf13/cobra", "github.com/spf13/pflag"}

// The rest of the product is pure: it takes values and returns values, or
// writes to an io.Writer.
func TestCoreTouchesNothingOutside(t *testing.T) {
	t.Parallel()
	stages, pkgs := stagesFromDoc(t), packages(t)
	for p, imports := range pkgs {
		if stages[p] == support || slices.Contains(reachOut, p) {
			continue
		}
		for _, imp := range imports {
			if slices.Contains(outside, imp) || strings.HasPrefix(imp, "net/") {
				t.Errorf("%s imports %s: only %s reach outside the program", p, imp, strings.Join(reachOut, ", "))
			}
		}
	}
}
