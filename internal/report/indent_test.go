package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// appendIndented indents as encoding/json does, whatever the strings hold.
func FuzzIndent(f *testing.F) {
	for _, seed := range []string{`{}`, `[]`, `{"a":[]}`, `{"a":{},"b":[1,2,{"c":null}]}`, `[[],[{}],"x"]`,
		`{"t":"a \"quoted\" {title}, with [brackets]: and \\ back\\\\"}`, `"lone"`, `3`, `{"e":"\u003c\u2028"}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var v any
		if json.Unmarshal([]byte(text), &v) != nil {
			return
		}
		var compact bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return
		}
		b := compact.Bytes()
		var want bytes.Buffer
		if err := json.Indent(&want, b[:len(b)-1], "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, b[:len(b)-1], "  "); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("indented\n%s\nwant\n%s", got, want.Bytes())
		}
	})
}
