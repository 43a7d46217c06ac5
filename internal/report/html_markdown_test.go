package report

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseInline(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []mdInline
	}{
		{`plain & simple`, []mdInline{{Text: "plain & simple"}}},
		{`\*not\* \<b\>bold\</b\> \[x\](y) \\ \&amp;`, []mdInline{{Text: `*not* <b>bold</b> [x](y) \ &amp;`}}},
		{"**Provider:** Platform", []mdInline{{Text: "Provider:", Strong: true}, {Text: " Platform"}}},
		{"in `acme/a` and ``needs`tick`` and `` `edge ``", []mdInline{
			{Text: "in "}, {Text: "acme/a", Code: true}, {Text: " and "}, {Text: "needs`tick", Code: true},
			{Text: " and "}, {Text: "`edge", Code: true}}},
		{"a ` lone backtick", []mdInline{{Text: "a ` lone backtick"}}},
		{`— measured by [first-response](#req-first-response)`, []mdInline{
			{Text: "— measured by "}, {Href: "#req-first-response", Children: []mdInline{{Text: "first-response"}}}}},
		{`<a id="req-fr"></a>**fr** — 90%`, []mdInline{{Anchor: "req-fr"}, {Text: "fr", Strong: true}, {Text: " — 90%"}}},
		// Not what describe writes: text.
		{`<a id="x" onclick="y"></a>`, []mdInline{{Text: `<a id="x" onclick="y"></a>`}}},
		{`[x](javascript:alert(1))`, []mdInline{{Text: "[x](javascript:alert(1))"}}},
		{`<script>`, []mdInline{{Text: "<script>"}}},
	} {
		got := parseInline(tc.in)
		if !slicesEqual(got, tc.want) {
			t.Errorf("parseInline(%q)\n got %+v\nwant %+v", tc.in, got, tc.want)
		}
	}
}

func slicesEqual(a, b []mdInline) bool {
	return slices.EqualFunc(a, b, func(x, y mdInline) bool {
		return x.Text == y.Text && x.Code == y.Code && x.Strong == y.Strong && x.Href == y.Href && x.Anchor == y.Anchor &&
			slicesEqual(x.Children, y.Children)
	})
}

// Every description describe's tests hold reads back into sections whose
// text has no Markdown left in it: no escapes, no emphasis markers, no
// backticks outside code. (escaping.md, whose text is made of such
// characters, has a test of its own.)
func TestParseDescribeGoldens(t *testing.T) {
	files, err := filepath.Glob("../describe/testdata/*.md")
	if err != nil || len(files) < 5 {
		t.Fatalf("describe's golden files: %v %v", files, err)
	}
	for _, f := range files {
		md, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sections := parseMarkdown(string(md))
		if want := strings.Count("\n"+string(md), "\n## "); len(sections) != want || want == 0 {
			t.Errorf("%s: %d sections, want %d", f, len(sections), want)
		}
		for _, s := range sections {
			var texts []mdInline
			collect(&texts, s.Heading)
			for _, b := range s.Blocks {
				collect(&texts, b.Inlines)
				for _, it := range b.Items {
					collect(&texts, it.Inlines)
					for _, sub := range it.Sub {
						collect(&texts, sub.Inlines)
					}
				}
			}
			for _, in := range texts {
				if in.Code {
					continue
				}
				for _, bad := range []string{`\*`, `\<`, `\_`, `\[`, `\|`, "**", "`", `<a id`} {
					if strings.Contains(in.Text, bad) && filepath.Base(f) != "escaping.md" {
						t.Errorf("%s: text %q still holds %q", f, in.Text, bad)
					}
				}
			}
		}
	}
}

func collect(out *[]mdInline, list []mdInline) {
	for _, in := range list {
		*out = append(*out, in)
		collect(out, in.Children)
	}
}

// The hostile description of describe's tests reads back as its authors
// wrote it.
func TestParseEscaping(t *testing.T) {
	md, err := os.ReadFile("../describe/testdata/escaping.md")
	if err != nil {
		t.Fatal(err)
	}
	s := parseMarkdown(string(md))[0]
	if got := plainText(s.Heading); got != "# Not a heading `code` (hostile-requests)" {
		t.Errorf("heading %q", got)
	}
	if got := plainText(s.Blocks[0].Inlines); got != "- not a list item 1. nor a numbered one; a <script>alert(1)</script> and &copy; stay text." {
		t.Errorf("description %q", got)
	}
	provider := plainText(s.Blocks[2].Items[0].Inlines)
	if want := "Provider: *Hostile* <b>Team</b> [x](http://evil) (hostile; 1 member) — contact #hostile | _ping_ @\u200bmallory &amp; ~~all~~ $x$"; provider != want {
		t.Errorf("provider\n got %q\nwant %q", provider, want)
	}
	requests := s.Blocks[2].Items[2].Inlines
	var codes []string
	for _, in := range requests {
		if in.Code {
			codes = append(codes, in.Text)
		}
	}
	if !slices.Equal(codes, []string{"acme/hostile", "needs`backtick", "`edge"}) {
		t.Errorf("code spans %q", codes)
	}
	last := s.Blocks[len(s.Blocks)-1].Items[1].Inlines
	if got := plainText(last); got != "2) nor this [link](#elsewhere) — measured by first-response" {
		t.Errorf("expectation %q", got)
	}
	if l := last[len(last)-1]; l.Href != "#hostile-requests-first-response" {
		t.Errorf("the only link is %+v", l)
	}
}
