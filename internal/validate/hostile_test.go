package validate

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/diag"
)

// hostileCase is an input built in code, because it cannot be written as
// a readable YAML file: binary data, huge or deeply nested input.
type hostileCase struct {
	name      string
	data      []byte
	line, col int
	rule      diag.Rule
}

func generatedCases() []hostileCase {
	deepFlow := strings.Repeat("[", 20_000) + strings.Repeat("]", 20_000)
	var deepBlock bytes.Buffer
	deepBlock.WriteString("apiVersion: sla/v1\nkind: Team\nmetadata: {name: deep}\nspec:\n")
	for i := 1; i <= 100; i++ { // block nesting: line 5 + i holds level i
		deepBlock.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	return []hostileCase{
		{"huge.yaml", bytes.Repeat([]byte("# padding\n"), agreement.MaxFileSize/10+1), 0, 0, "file-too-large"},
		{"latin1.yaml", []byte("apiVersion: sla/v1\nkind: Team\nmetadata: {name: cafe}\nspec: {contact: \"caf\xe9\"}\n"), 4, 21, "not-utf8"},
		{"utf16.yaml", []byte("\xff\xfea\x00:\x00 \x001\x00"), 1, 1, "not-utf8"},
		{"binary.yaml", []byte("\x7fELF\x02\x01\x01\x00\x00\x00"), 1, 1, "binary-file"},
		{"nul.yaml", []byte("apiVersion: sla/v1\x00\n"), 1, 19, "binary-file"},
		// 20,000 levels of flow nesting: yaml.v3 stops at 10,000.
		{"deep-flow.yaml", []byte(deepFlow), 0, 0, "nesting-too-deep"},
		// Block nesting within yaml.v3's limit but past ours: level 65 is
		// the first refused; spec is level 1, so the culprit's key is at
		// line 5 + 64 (the `a:` of level 65 counts spec's child as level 2).
		{"deep-block.yaml", deepBlock.Bytes(), 0, 0, "nesting-too-deep"},
		{"top-level-scalar.yaml", []byte("just some text\n"), 1, 1, "not-a-mapping"},
		{"cycle.yaml", []byte("a: &a\n  b: *a\n"), 0, 0, "alias-limit"},
	}
}

func TestHostileInputs(t *testing.T) {
	for _, c := range generatedCases() {
		t.Run(c.name, func(t *testing.T) {
			_, diags := agreement.LoadBytes(c.name, c.data)
			if len(diags) == 0 {
				t.Fatalf("no diagnostic, want %s", c.rule)
			}
			d := diags[0]
			if d.Rule != c.rule {
				t.Fatalf("rule = %s, want %s\n%s", d.Rule, c.rule, render(diags))
			}
			if c.line > 0 && (d.Line != c.line || d.Col != c.col) {
				t.Errorf("position = %d:%d, want %d:%d (%s)", d.Line, d.Col, c.line, c.col, d)
			}
			if d.Message == "" || strings.Contains(d.Message, "yaml: ") {
				t.Errorf("message should be in the user's words: %q", d.Message)
			}
		})
	}
}

// BenchmarkHostileInputs measures how long each hostile input takes to be
// refused (issue target: each under 2 s).
func BenchmarkHostileInputs(b *testing.B) {
	cases := generatedCases()
	for _, name := range []string{"alias-limit.yaml", "not-a-mapping.yaml", "empty-file.yaml"} {
		data, err := os.ReadFile("testdata/rules/" + name)
		if err != nil {
			b.Fatal(err)
		}
		cases = append(cases, hostileCase{name: name, data: data})
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				agreement.LoadBytes(c.name, c.data)
			}
		})
	}
}
