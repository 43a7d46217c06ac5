package text_test

import (
	"strings"
	"testing"

	"github.com/sla-dev/sla/internal/text"
)

func TestMarkdown(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want, block string }{
		{"plain words, 42. Data & Analytics: ok!", "plain words, 42. Data & Analytics: ok!", ""},
		{"#platform-help", "#platform-help", `\#platform-help`},
		{"*bold* _it_ `code` ~~x~~", `\*bold\* \_it\_ \` + "`" + `code\` + "`" + ` \~\~x\~\~`, ""},
		{"<script>a|b</script>", `\<script\>a\|b\</script\>`, ""},
		{"&amp; &#42; & x", `\&amp; \&#42; & x`, ""},
		{"costs $5 or $6", `costs \$5 or \$6`, ""},
		{`back\slash`, `back\\slash`, ""},
		{"line\nbreak  and\tspace\u00a0", "line break and space ", ""},
		{" leading and trailing ", " leading and trailing ", ""},
		{"- item", "- item", `\- item`},
		{"+ item", "+ item", `\+ item`},
		{"=== rule", "=== rule", `\=== rule`},
		{"12. item", "12. item", `12\. item`},
		{"3) item", "3) item", `3\) item`},
		{"2026 was good", "2026 was good", ""},
		{"first_response in America/New_York, _x_ a_ _b", `first_response in America/New_York, \_x\_ a\_ \_b`, ""},
		// No address becomes a link; the colon of a time stays as it is.
		{"[x](http://evil) at 09:00", `\[x\](http\://evil) at 09:00`, ""},
		{"see WWW.evil.example or www2.example", `see WWW\.evil.example or www2.example`, ""},
		// A mention notifies nobody; an e-mail address is not one.
		{"@alice and @acme/platform", "@&#8203;alice and @&#8203;acme/platform", ""},
		{"(@bob) alice@example.com me_@x @ 1", `(@&#8203;bob) alice@example.com me\_@x @ 1`, ""},
		// What acts on a terminal is shown, and its backslash escaped.
		{"red\x1b[31m bidi\u202e", `red\\x1b\[31m bidi\\u202e`, ""},
		{"bad \xff byte", `bad \\xff byte`, ""},
		{"", "", ""},
	} {
		if got := text.Markdown(tc.in); got != tc.want {
			t.Errorf("Markdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
		block := tc.block
		if block == "" {
			block = tc.want
		}
		if got := text.MarkdownBlock(tc.in); got != block {
			t.Errorf("MarkdownBlock(%q) = %q, want %q", tc.in, got, block)
		}
	}
}

// Whatever goes in, Markdown's output is one line, and every character
// that could start markup inside a line has a backslash before it (a _
// between letters or digits cannot).
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{"*a*", "[x](y)", "a\nb", "\\\\`", "<b>", "&amp;", "http://x", "@me"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := text.Markdown(s)
		if strings.ContainsAny(out, "\n\r\t") {
			t.Fatalf("Markdown(%q) = %q: not one line", s, out)
		}
		for i := 0; i < len(out); i++ {
			if out[i] == '\\' {
				i++ // what follows is escaped
				continue
			}
			intraword := out[i] == '_' && i > 0 && i+1 < len(out) && isAlnum(out[i-1]) && isAlnum(out[i+1])
			if strings.IndexByte("`*_[]<>|~$", out[i]) >= 0 && !intraword {
				t.Fatalf("Markdown(%q) = %q: %q at %d is not escaped", s, out, out[i], i)
			}
		}
	})
}

func TestMarkdownCode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"P1", "`P1`"},
		{"a`b", "``a`b``"},
		{"a``b`", "``` a``b` ```"},
		{"`x", "`` `x ``"},
		{" padded ", "`  padded  `"},
		{"tab\there", "`tab\\there`"},
	} {
		if got := text.MarkdownCode(tc.in); got != tc.want {
			t.Errorf("MarkdownCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdownLink(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ label, url, want string }{
		{"acme/a#12", "https://github.com/acme/a/issues/12", "[acme/a#12](https://github.com/acme/a/issues/12)"},
		{"first-response", "#req-first-response", "[first-response](#req-first-response)"},
		{"[x]", "https://e.example/a (b)<c>", `[\[x\]](https://e.example/a%20%28b%29%3Cc%3E)`},
	} {
		if got := text.MarkdownLink(tc.label, tc.url); got != tc.want {
			t.Errorf("MarkdownLink(%q, %q) = %q, want %q", tc.label, tc.url, got, tc.want)
		}
	}
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
