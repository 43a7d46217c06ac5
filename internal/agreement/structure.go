package agreement

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/suggest"
	"github.com/sla-dev/sla/schema"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"gopkg.in/yaml.v3"
)

// compiledSchema is the embedded JSON Schema, compiled once, and its raw
// form, which diagnostics consult for field names and examples.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, map[string]any) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSON))
	if err != nil {
		panic("embedded schema is not JSON: " + err.Error())
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schema.FileName, doc); err != nil {
		panic("embedded schema: " + err.Error())
	}
	s, err := c.Compile(schema.FileName)
	if err != nil {
		panic("embedded schema does not compile: " + err.Error())
	}
	var raw map[string]any
	if err := json.Unmarshal(schema.JSON, &raw); err != nil {
		panic(err)
	}
	return s, raw
})

var printer = message.NewPrinter(language.English)

// checkStructure validates a document against the JSON Schema. It reports
// problems of shape (unknown and missing fields, wrong types, values not in
// a list) and returns false when the document cannot be decoded. Patterns
// are left to the decoder, whose value types say more precisely what is
// wrong with a duration, a date or a name.
func checkStructure(file string, data []byte, root *yaml.Node, diags *diag.List) bool {
	s, raw := compiledSchema()
	err := s.Validate(toJSON(root))
	if err == nil {
		return true
	}
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		diags.Add(nodePos(file, root), diag.InvalidValue, "%v", err)
		return false
	}
	m := schemaMapper{file: file, src: data, root: root, raw: raw}
	before := len(*diags)
	m.report(verr, diags)
	return len(*diags) == before
}

type schemaMapper struct {
	file string
	src  []byte // the file's contents
	root *yaml.Node
	raw  map[string]any
}

// report turns the leaves of a validation error tree into diagnostics.
func (m schemaMapper) report(e *jsonschema.ValidationError, diags *diag.List) {
	leaves := m.collectLeaves(e, nil)
	// A misspelt field is reported once, as unknown with a suggestion, not
	// also as the field it was meant to be missing.
	suggested := map[string]bool{}
	for _, l := range leaves {
		if k, ok := l.ErrorKind.(*kind.AdditionalProperties); ok {
			allowed := m.propertyNames(l.SchemaURL)
			for _, p := range k.Properties {
				if hint := suggest.Closest(p, allowed); hint != "" {
					suggested[strings.Join(append(slices.Clone(l.InstanceLocation), hint), "/")] = true
				}
			}
		}
	}
	for _, l := range leaves {
		m.reportLeaf(l, suggested, diags)
	}
}

// collectLeaves returns the errors at the leaves of the tree, skipping
// patterns, which the decoder reports with a better message that names
// the value, and the branches that exist only to give editors a message
// (a type with an errorMessage, such as a target out of range).
func (m schemaMapper) collectLeaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	switch e.ErrorKind.(type) {
	case *kind.Pattern, *kind.PropertyNames:
		return out
	case *kind.Type:
		if _, ok := m.schemaAt(e.SchemaURL)["errorMessage"]; ok {
			return out
		}
	}
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = m.collectLeaves(c, out)
	}
	return out
}

func (m schemaMapper) reportLeaf(e *jsonschema.ValidationError, suggested map[string]bool, diags *diag.List) {
	loc := e.InstanceLocation
	n := m.node(loc)
	field := fieldName(loc)
	if pos, comment, ok := m.commentAsValue(n); ok {
		diags.Add(pos, diag.CommentAsValue, "%s", m.commentMessage(e, field, comment))
		return
	}
	if m.reportMetricField(e, diags) {
		return
	}
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		allowed := m.propertyNames(e.SchemaURL)
		for _, p := range k.Properties {
			key, _ := lookupKey(n, p)
			pos := nodePos(m.file, n)
			if key != nil {
				pos = nodePos(m.file, key)
			}
			where := "here"
			if field != "" {
				where = "in " + field
			}
			if hint := suggest.Closest(p, allowed); hint != "" {
				diags.Add(pos, diag.UnknownField, "unknown field %q %s (did you mean %q?)", p, where, hint)
			} else if above := m.belongsAbove(e.SchemaURL, n, key); above != "" {
				diags.Add(pos, diag.UnknownField, "unknown field %q %s; %s", p, where, above)
			} else {
				diags.Add(pos, diag.UnknownField, "unknown field %q %s; allowed fields: %s", p, where, strings.Join(allowed, ", "))
			}
		}
	case *kind.Required:
		for _, p := range k.Missing {
			if suggested[strings.Join(append(slices.Clone(loc), p), "/")] {
				continue
			}
			owner := "the document"
			if field != "" {
				owner = field
			}
			msg := fmt.Sprintf("%s is missing the required field %q", owner, p)
			if ex := m.example(e.SchemaURL, p); ex != "" {
				msg += fmt.Sprintf(": add it, e.g. `%s: %s`", p, ex)
			}
			diags.Add(m.anchor(loc), diag.MissingField, "%s", msg)
		}
	case *kind.Type:
		msg := fmt.Sprintf("%s must be %s, not %s", orValue(field), article(k.Want), describe(n))
		if ex := m.example(e.SchemaURL, ""); ex != "" {
			msg += fmt.Sprintf(" (e.g. %s)", ex)
		}
		diags.Add(nodePos(m.file, n), diag.WrongType, "%s", msg)
	case *kind.Enum:
		var want []string
		for _, w := range k.Want {
			want = append(want, fmt.Sprint(w))
		}
		rule := diag.InvalidValue
		if len(loc) == 1 && loc[0] == "kind" {
			rule = diag.UnknownKind
		}
		got := fmt.Sprint(k.Got)
		diags.Add(nodePos(m.file, n), rule, "%s %q is not one of %s%s",
			orValue(field), got, strings.Join(want, ", "), suggest.Hint(got, want))
	case *kind.Const:
		rule := diag.InvalidValue
		if len(loc) == 1 && loc[0] == "apiVersion" {
			rule = diag.APIVersion
		}
		diags.Add(nodePos(m.file, n), rule, "%s must be %q, not %q: this version of sla reads %s files",
			orValue(field), fmt.Sprint(k.Want), fmt.Sprint(k.Got), APIVersion)
	case *kind.Minimum:
		diags.Add(nodePos(m.file, n), diag.InvalidValue, "%s must be %s or more, not %s", orValue(field), k.Want.RatString(), k.Got.RatString())
	case *kind.MinItems:
		diags.Add(nodePos(m.file, n), diag.EmptyList, "%s is empty: list at least %d", orValue(field), k.Want)
	case *kind.MinLength:
		if resolve(n).Value != "" {
			return // too short but not empty: the decoder says what is wrong
		}
		diags.Add(nodePos(m.file, n), diag.EmptyValue, "%s is empty: write some text or remove it", orValue(field))
	default:
		diags.Add(nodePos(m.file, n), diag.InvalidValue, "%s: %s", orValue(field), e.ErrorKind.LocalizedString(printer))
	}
}

// belongsAbove recognises a field moved left out of the block above it,
// the value of the key before it (the last line of scope moved left lands
// in spec), and says how to indent it back.
func (m schemaMapper) belongsAbove(url string, mapping, key *yaml.Node) string {
	if key == nil {
		return ""
	}
	var prev pair
	for _, p := range entries(mapping) {
		if p.key == key {
			break
		}
		prev = p
	}
	block := resolve(prev.value)
	if prev.key == nil || block.Kind != yaml.MappingNode || len(block.Content) < 2 {
		return ""
	}
	props, _ := m.schemaAt(url)["properties"].(map[string]any)
	fields, _ := m.deref(props[prev.key.Value])["properties"].(map[string]any)
	if _, ok := fields[key.Value]; !ok {
		return ""
	}
	last := block.Content[len(block.Content)-2]
	return fmt.Sprintf("it is a field of %s, above it: indent it %s to line up with `%s:` on line %d",
		prev.key.Value, spaces(last.Column-1), last.Value, last.Line)
}

// reportMetricField reports what an objective's metric decides: a field
// that another metric takes (field-not-for-metric), owner: consumers
// where only label_time allows it, and the label that label_time needs
// (label-required). The schema says these with one branch per metric. A
// within missing under a metric that needs it is left to missing-field.
func (m schemaMapper) reportMetricField(e *jsonschema.ValidationError, diags *diag.List) bool {
	if !strings.Contains(e.SchemaURL, "#/$defs/objective/allOf/") && !strings.HasSuffix(e.SchemaURL, "#/$defs/providerOwner") {
		return false
	}
	loc := e.InstanceLocation
	n := m.node(loc)
	objective := n
	if _, ok := e.ErrorKind.(*kind.Const); ok && len(loc) > 0 {
		objective = m.node(loc[:len(loc)-1])
	}
	metric, name := scalarValue(objective, "metric"), scalarValue(objective, "name")
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		var other []string
		for _, p := range k.Properties {
			if !objectiveFields[p] {
				other = append(other, p)
				continue
			}
			key, _ := lookupKey(n, p)
			diags.Add(nodePos(m.file, key), diag.FieldNotForMetric, "%s does not apply to metric %s: remove it", p, metric)
		}
		if len(other) == 0 {
			return true
		}
		k.Properties = other // the rest are unknown fields
		return false
	case *kind.Const:
		if loc[len(loc)-1] != "owner" {
			return false
		}
		diags.Add(nodePos(m.file, n), diag.FieldNotForMetric,
			"only a label_time objective can be owned by the consumers; %s measures the provider: remove `owner: consumers`", metric)
		return true
	case *kind.Required:
		if !slices.Contains(k.Missing, "label") {
			return false
		}
		key, _ := lookupKey(n, "metric")
		diags.Add(nodePos(m.file, key), diag.LabelRequired,
			"objective %q measures label_time but names no label: add e.g. `label: waiting-on-customer`", name)
		k.Missing = slices.DeleteFunc(k.Missing, func(p string) bool { return p == "label" })
		return len(k.Missing) == 0 // the rest are missing fields
	}
	return false
}

// objectiveFields are the fields of an objective under any metric.
var objectiveFields = map[string]bool{
	"name": true, "metric": true, "within": true, "target": true, "where": true, "calendar": true,
	"responders": true, "pause_labels": true, "label": true, "owner": true, "rated_by": true, "min_ratings": true,
}

// commentAsValue recognises `contact: #identity-help`: an empty value
// followed on its line by a comment, which was meant as the value. It
// returns the position of the comment and its text.
func (m schemaMapper) commentAsValue(n *yaml.Node) (diag.Pos, string, bool) {
	if n == nil || !isNull(n) || n.Line == 0 || n.Column == 0 {
		return diag.Pos{}, "", false
	}
	text, ok := diag.LineText(m.src, n.Line)
	start := byteOffset(text, n.Column-1) // yaml.v3 counts columns in characters
	if !ok || start < 0 {
		return diag.Pos{}, "", false
	}
	comment := strings.TrimLeft(text[start:], " \t")
	if !strings.HasPrefix(comment, "#") {
		return diag.Pos{}, "", false
	}
	col := utf8.RuneCountInString(text[:len(text)-len(comment)]) + 1
	comment = strings.TrimRight(comment, " \t\r")
	return diag.Pos{File: m.file, Line: n.Line, Col: col, Len: utf8.RuneCountInString(comment)}, comment, true
}

// commentMessage says that a value was read as a comment, and how to
// write it: in quotes where the value is free text (a Slack channel),
// without the # where it is a name or one of a list of words, which
// cannot start with one.
func (m schemaMapper) commentMessage(e *jsonschema.ValidationError, field, comment string) string {
	msg := fmt.Sprintf("%s is empty: in YAML, \" #\" starts a comment, so %s is not read as its value", orValue(field), comment)
	key := "- "
	if loc := e.InstanceLocation; len(loc) > 0 && !isIndex(loc[len(loc)-1]) {
		key = loc[len(loc)-1] + ": "
	}
	s := m.schemaAt(e.SchemaURL)
	if s["enum"] == nil && s["const"] == nil && s["pattern"] == nil {
		return msg + fmt.Sprintf(": put it in quotes, `%s%s`", key, strconv.Quote(comment))
	}
	if value := strings.TrimSpace(strings.TrimPrefix(comment, "#")); value != "" {
		return msg + fmt.Sprintf(": write the value without the #, `%s%s`", key, value)
	}
	return msg + ": write the value before the comment"
}

// byteOffset is where the character at index chars starts in text, or -1
// past its end.
func byteOffset(text string, chars int) int {
	for i := range text {
		if chars == 0 {
			return i
		}
		chars--
	}
	if chars == 0 {
		return len(text)
	}
	return -1
}

func isIndex(p string) bool {
	_, err := strconv.Atoi(p)
	return err == nil
}

// node finds the YAML node at a JSON Schema instance location.
func (m schemaMapper) node(loc []string) *yaml.Node {
	n := m.root
	for _, p := range loc {
		n = resolve(n)
		var next *yaml.Node
		if n.Kind == yaml.SequenceNode {
			if i, err := strconv.Atoi(p); err == nil && i < len(n.Content) {
				next = n.Content[i]
			}
		} else {
			_, next = lookupKey(n, p)
		}
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// anchor is where to point for something missing at loc: the key that holds
// the incomplete mapping (or the list item), else the document's start.
func (m schemaMapper) anchor(loc []string) diag.Pos {
	if len(loc) == 0 {
		return nodePos(m.file, m.root)
	}
	parent := resolve(m.node(loc[:len(loc)-1]))
	if parent.Kind == yaml.MappingNode {
		if k, _ := lookupKey(parent, loc[len(loc)-1]); k != nil {
			return nodePos(m.file, k)
		}
	}
	return nodePos(m.file, m.node(loc))
}

// schemaAt returns the raw schema object at a SchemaURL's fragment,
// following a $ref if that is all it holds.
func (m schemaMapper) schemaAt(url string) map[string]any {
	_, frag, _ := strings.Cut(url, "#")
	var cur any = m.raw
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return m.deref(cur)
}

func (m schemaMapper) deref(v any) map[string]any {
	obj, _ := v.(map[string]any)
	for i := 0; i < 10 && obj != nil; i++ {
		ref, ok := obj["$ref"].(string)
		if !ok || len(obj) > 2 { // a $ref with its own keywords besides description
			break
		}
		obj = m.schemaAt(ref)
	}
	return obj
}

// propertyNames lists the fields a schema object allows, in schema order
// of the file (sorted, as JSON objects carry no order).
func (m schemaMapper) propertyNames(url string) []string {
	props, _ := m.schemaAt(url)["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// example returns the first example of a property of the schema at url
// (or of that schema itself when prop is ""), formatted as YAML would show
// it, or "".
func (m schemaMapper) example(url, prop string) string {
	s := m.schemaAt(url)
	if prop != "" {
		props, _ := s["properties"].(map[string]any)
		s = m.deref(props[prop])
	}
	if ex, ok := s["examples"].([]any); ok && len(ex) > 0 {
		return fmt.Sprint(ex[0])
	}
	return ""
}

// fieldName names the value at an instance location for a message:
// "spec.objectives[1].within".
func fieldName(loc []string) string {
	var b strings.Builder
	for _, p := range loc {
		if isIndex(p) {
			fmt.Fprintf(&b, "[%s]", p)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func orValue(field string) string {
	if field == "" {
		return "the document"
	}
	return field
}

// article turns JSON Schema type names into words: "a string or a number".
func article(types []string) string {
	words := make([]string, len(types))
	for i, t := range types {
		words[i] = typeWord(t)
	}
	return strings.Join(words, " or ")
}

func typeWord(t string) string {
	switch t {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "string":
		return "a string"
	case "number":
		return "a number"
	case "integer":
		return "a whole number"
	case "boolean":
		return "true or false"
	case "null":
		return "empty"
	}
	return t
}

// describe says what a node is, for "must be X, not Y" messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!null":
		return "empty"
	case "!!bool":
		return "the boolean " + n.Value
	case "!!int", "!!float":
		return "the number " + n.Value
	}
	return fmt.Sprintf("the string %q", n.Value)
}
