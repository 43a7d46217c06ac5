package text_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sla-dev/sla/internal/text"
)

func TestEscape(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want, lines string }{
		{"plain text, ünïcode, emoji ✅, C:\\path", "plain text, ünïcode, emoji ✅, C:\\path", ""},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`, ""},
		{"\x1b]8;;http://evil\x07link\x1b]8;;\x07", `\x1b]8;;http://evil\alink\x1b]8;;\a`, ""},
		{"a\tb\nc\rd", `a\tb\nc\rd`, "a\tb\nc\\rd"},
		{"bell\a back\b nul\x00 del\x7f", `bell\a back\b nul\x00 del\x7f`, ""},
		{"csi\u009b2J nel\u0085", `csi\u009b2J nel\u0085`, ""},
		{"txt.exe\u202egpj.", `txt.exe\u202egpj.`, ""},
		{"iso\u2066late\u2069 line\u2028sep", `iso\u2066late\u2069 line\u2028sep`, ""},
		{"bad \xff\xfe byte, lone \x9b", `bad \xff\xfe byte, lone \x9b`, ""},
		{"", "", ""},
	} {
		if got := text.Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
		wantLines := tc.lines
		if wantLines == "" {
			wantLines = tc.want
		}
		if got := text.EscapeLines(tc.in); got != wantLines {
			t.Errorf("EscapeLines(%q) = %q, want %q", tc.in, got, wantLines)
		}
	}
}

// Whatever goes in, what comes out is valid UTF-8 with no character below
// a space but (for EscapeLines) \n and \t, and no C1 or bidi control.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a\x1b[2Jb", "\xff\u202e\u0085", "x\ny\tz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lines := range []bool{false, true} {
			out := text.Escape(s)
			if lines {
				out = text.EscapeLines(s)
			}
			if !utf8.ValidString(out) {
				t.Fatalf("%q: invalid UTF-8 out: %q", s, out)
			}
			if i := strings.IndexFunc(out, func(r rune) bool {
				return (r < 0x20 && !(lines && (r == '\n' || r == '\t'))) || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
					(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r == 0x2029
			}); i >= 0 {
				t.Fatalf("%q (lines %v): %q still holds %q", s, lines, out, out[i:])
			}
		}
	})
}

func TestFprintf(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	_, err := text.Fprintf(&b, "sla: %s on %s: %v (%d)\n", "label\x1b[2J", ref("a/b#1\u202e"), errors.New("GitHub said \x1b]0;pwned\x07"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := `sla: label\x1b[2J on a/b#1\u202e: GitHub said \x1b]0;pwned\a (3)` + "\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

type ref string

func (r ref) String() string { return string(r) }
