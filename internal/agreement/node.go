package agreement

import (
	"strconv"
	"unicode/utf8"

	"github.com/sla-dev/sla/internal/diag"
	"gopkg.in/yaml.v3"
)

// Loc remembers where a mapping was written, so that rules can point at any
// value inside it: Loc.Pos("spec", "consumers", 1).
type Loc struct {
	File string
	node *yaml.Node
}

// Key, as a path element of Pos, asks for the position of a mapping key
// rather than of its value.
type Key string

// Pos returns the position of the value at path below this mapping. Path
// elements are strings (mapping keys), Key (the key itself) or ints
// (sequence indexes). Where the path leads nowhere, it returns the position
// of the deepest value that exists, so a diagnostic always has a place.
func (l Loc) Pos(path ...any) diag.Pos {
	if l.node == nil {
		return diag.Pos{File: l.File}
	}
	n := l.node
	for _, p := range path {
		var next *yaml.Node
		switch p := p.(type) {
		case Key:
			if k, _ := lookupKey(n, string(p)); k != nil {
				next = k
			}
		case string:
			if _, v := lookupKey(n, p); v != nil {
				next = v
			}
		case int:
			if s := resolve(n); s.Kind == yaml.SequenceNode && p >= 0 && p < len(s.Content) {
				next = s.Content[p]
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return nodePos(l.File, n)
}

// Has reports whether the mapping has the key.
func (l Loc) Has(key string) bool {
	k, _ := lookupKey(l.node, key)
	return k != nil
}

// nodePos is the position of a node, with the width of a scalar as written.
func nodePos(file string, n *yaml.Node) diag.Pos {
	width := 1
	if n.Kind == yaml.ScalarNode {
		width = utf8.RuneCountInString(n.Value)
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			width += 2
		}
	} else if n.Kind == yaml.AliasNode {
		width = 1 + utf8.RuneCountInString(n.Value)
	}
	return diag.Pos{File: file, Line: n.Line, Col: n.Column, Len: max(width, 1)}
}

// resolve follows aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// pair is one key and value of a mapping.
type pair struct{ key, value *yaml.Node }

// entries returns the key/value pairs of a mapping in order, with merge keys
// (`<<: *base`) expanded: keys written in the mapping win over merged ones.
func entries(m *yaml.Node) []pair {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	var own, merged []pair
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merged = append(merged, mergeSources(v)...)
			continue
		}
		own = append(own, pair{k, v})
	}
	if len(merged) == 0 {
		return own
	}
	seen := map[string]bool{}
	for _, p := range own {
		seen[p.key.Value] = true
	}
	out := own
	for _, p := range merged {
		if !seen[p.key.Value] {
			seen[p.key.Value] = true
			out = append(out, p)
		}
	}
	return out
}

// mergeSources returns the pairs a merge key brings in: one mapping, or a
// sequence of mappings where earlier ones win.
func mergeSources(v *yaml.Node) []pair {
	v = resolve(v)
	switch v.Kind {
	case yaml.MappingNode:
		return entries(v)
	case yaml.SequenceNode:
		var out []pair
		for _, m := range v.Content {
			out = append(out, entries(m)...)
		}
		return out
	}
	return nil
}

// lookupKey finds a key in a mapping.
func lookupKey(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil {
		return nil, nil
	}
	for _, p := range entries(m) {
		if p.key.Value == key {
			return p.key, p.value
		}
	}
	return nil, nil
}

// toJSON converts a node to the values encoding/json would produce, for
// the JSON Schema validator. Scalars are typed by their YAML tag; a
// timestamp such as 2026-12-24 stays the string it was written as.
func toJSON(n *yaml.Node) any {
	n = resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		obj := map[string]any{}
		for _, p := range entries(n) {
			obj[p.key.Value] = toJSON(p.value)
		}
		return obj
	case yaml.SequenceNode:
		arr := make([]any, len(n.Content))
		for i, c := range n.Content {
			arr[i] = toJSON(c)
		}
		return arr
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b
			}
		case "!!int":
			if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
				return float64(i)
			}
			var i int64
			if n.Decode(&i) == nil {
				return float64(i)
			}
		case "!!float":
			var f float64
			if n.Decode(&f) == nil {
				return f
			}
		}
		return n.Value
	}
	return nil
}
