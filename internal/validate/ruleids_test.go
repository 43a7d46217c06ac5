package validate

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/diag"
)

// TestRuleIDsAreConstants holds the rule ids to one definition: the
// constants of internal/diag/rules.go are exactly the rules of Rules, and
// no other code of the program writes a rule id as a string (a typo there
// would be a rule no document explains and no test covers).
func TestRuleIDsAreConstants(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	declared := ruleConstants(t, fset, "../diag/rules.go")
	var registered []diag.Rule
	for _, r := range Rules {
		registered = append(registered, r.ID)
	}
	if !slices.Equal(declared, registered) {
		t.Errorf("internal/diag/rules.go declares\n  %v\nbut Rules lists, in this order,\n  %v", declared, registered)
	}

	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			path == filepath.Join("..", "diag", "rules.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && slices.Contains(registered, diag.Rule(s)) {
				t.Errorf("%s: the rule id %s written as a string: name it by its constant in internal/diag/rules.go", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ruleConstants lists the values of the constants of type Rule that a
// file declares, in order.
func ruleConstants(t *testing.T, fset *token.FileSet, path string) []diag.Rule {
	t.Helper()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var out []diag.Rule
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if typ, ok := vs.Type.(*ast.Ident); !ok || typ.Name != "Rule" {
				continue
			}
			for _, v := range vs.Values {
				lit, ok := v.(*ast.BasicLit)
				if !ok {
					t.Fatalf("%s: a rule constant must be a string literal", fset.Position(v.Pos()))
				}
				s, _ := strconv.Unquote(lit.Value)
				out = append(out, diag.Rule(s))
			}
		}
	}
	return out
}
