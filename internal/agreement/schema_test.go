package agreement

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestSchemaMatchesTypes fails when the JSON Schema and the Go types
// disagree about the fields of any object: a field added to one and not
// the other.
func TestSchemaMatchesTypes(t *testing.T) {
	_, raw := compiledSchema()
	m := schemaMapper{raw: raw}
	def := func(name string) map[string]any { return m.schemaAt("#/$defs/" + name) }
	expectation := def("expectation")["then"].(map[string]any)
	objects := map[reflect.Type]map[string]any{
		reflect.TypeFor[Team]():          raw,
		reflect.TypeFor[Calendar]():      raw,
		reflect.TypeFor[Agreement]():     raw,
		reflect.TypeFor[Metadata]():      def("metadata"),
		reflect.TypeFor[TeamSpec]():      def("teamSpec"),
		reflect.TypeFor[CalendarSpec]():  def("calendarSpec"),
		reflect.TypeFor[AgreementSpec](): def("agreementSpec"),
		reflect.TypeFor[Scope]():         def("scope"),
		reflect.TypeFor[Objective]():     def("objective"),
		reflect.TypeFor[Where]():         def("where"),
		reflect.TypeFor[Expectations]():  def("expectations"),
		reflect.TypeFor[Expectation]():   expectation,
	}
	for typ, schema := range objects {
		if typ == reflect.TypeFor[Objective]() {
			continue // below: its fields depend on its metric
		}
		checkFields(t, typ.Name(), yamlFields(typ), schema)
	}
	// An objective offers the fields its metric takes: each branch of its
	// allOf lists them and allows no others; together they are the Go
	// fields, and the common ones are the base's properties.
	objective := def("objective")
	union := map[string]bool{}
	for i, branch := range objective["allOf"].([]any) {
		then := branch.(map[string]any)["then"].(map[string]any)
		var fields []string
		for k := range then["properties"].(map[string]any) {
			union[k] = true
			fields = append(fields, k)
		}
		for k := range objective["properties"].(map[string]any) {
			if !slices.Contains(fields, k) {
				t.Errorf("objective branch %d does not allow the common field %s", i, k)
			}
		}
		if then["additionalProperties"] != false {
			t.Errorf("objective branch %d must set additionalProperties: false, so that typos are errors", i)
		}
	}
	if inGo, inSchema := yamlFields(reflect.TypeFor[Objective]()), slices.Sorted(maps.Keys(union)); !slices.Equal(inGo, inSchema) {
		t.Errorf("Objective: Go fields %v, schema properties of its branches %v", inGo, inSchema)
	}
	if !maps.Equal(union, objectiveFields) {
		t.Errorf("objectiveFields %v, fields of the objective's branches %v", objectiveFields, union)
	}
	// Every struct reachable from the three kinds must be in the table, so a
	// new one cannot escape this test.
	for _, root := range []reflect.Type{reflect.TypeFor[Team](), reflect.TypeFor[Calendar](), reflect.TypeFor[Agreement]()} {
		walkStructs(root, func(s reflect.Type) {
			if _, ok := objects[s]; !ok {
				t.Errorf("struct %s has no schema object in this test's table", s.Name())
			}
		})
	}
}

func checkFields(t *testing.T, name string, inGo []string, schema map[string]any) {
	t.Helper()
	props, _ := schema["properties"].(map[string]any)
	if inSchema := slices.Sorted(maps.Keys(props)); !slices.Equal(inGo, inSchema) {
		t.Errorf("%s: Go fields %v, schema properties %v", name, inGo, inSchema)
	}
	if ap, ok := schema["additionalProperties"]; !ok || ap != false {
		t.Errorf("%s: schema must set additionalProperties: false, so that typos are errors", name)
	}
}

// yamlFields lists the yaml names of a struct's fields, inline ones
// included, sorted.
func yamlFields(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case opts == "inline":
			out = append(out, yamlFields(f.Type)...)
		case name != "" && name != "-":
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// walkStructs calls fn for every struct type a YAML document decodes into,
// other than scalar value types, Hours and Loc.
func walkStructs(t reflect.Type, fn func(reflect.Type)) {
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == locType || reflect.PointerTo(t).Implements(scalarType) || t == reflect.TypeFor[Hours]() {
		return
	}
	fn(t)
	walkFields(t, fn)
}

// walkFields walks the types of a struct's fields; an inline struct's
// fields are the struct's own.
func walkFields(t reflect.Type, fn func(reflect.Type)) {
	for i := range t.NumField() {
		f := t.Field(i)
		switch _, opts, _ := strings.Cut(f.Tag.Get("yaml"), ","); {
		case opts == "inline":
			walkFields(f.Type, fn)
		case f.Tag.Get("yaml") != "":
			walkStructs(f.Type, fn)
		}
	}
}

// TestSchemaTargetIsTheDecoders: the schema accepts exactly the targets
// the decoder accepts, so an editor flags target: 90 (a share of 9000%)
// and 150%, and nothing sla would take.
func TestSchemaTargetIsTheDecoders(t *testing.T) {
	t.Parallel()
	s, _ := compiledSchema()
	for _, text := range []string{
		"90%", "99.5%", "99.95%", "100%", "100.0000%", "0.0001%", "1%", "090%", "0.9", "1", "1.000000", "0.000001", "0.5",
		"0%", "0.00001%", "100.0001%", "150%", "101%", "90", "0", "1.5", "0.0000001", "-0.5", ".5", "90 %", "ninety", "%", "0.%", "",
	} {
		for _, value := range []string{strconv.Quote(text), text} {
			var root yaml.Node
			doc := "apiVersion: sla/v1\nkind: Agreement\nmetadata: {name: a}\nspec:\n  provider: p\n  consumers: [c]\n  window: 28d\n  scope: {repos: [o/r]}\n  objectives:\n    - name: o\n      metric: resolution\n      within: 4h\n      target: " + value + "\n"
			if err := yaml.Unmarshal([]byte(doc), &root); err != nil {
				continue // not YAML at all, such as a bare %
			}
			_, spec := lookupKey(root.Content[0], "spec")
			_, objectives := lookupKey(spec, "objectives")
			_, node := lookupKey(objectives.Content[0], "target")
			var decoded Target
			decoderTakes := node.Kind == yaml.ScalarNode && node.ShortTag() != "!!null" && decoded.setScalar(node.Value) == nil
			schemaTakes := s.Validate(toJSON(root.Content[0])) == nil
			if notation := !decoderTakes && node.Tag == "!!float" && (strings.HasPrefix(value, ".") || len(value) > len("0.000001")); notation {
				// Refused for how it is written (no leading 0, more than six
				// decimals), which a JSON number no longer shows.
				continue
			}
			if decoderTakes != schemaTakes {
				t.Errorf("target: %s: the decoder takes it: %v, the schema: %v", value, decoderTakes, schemaTakes)
			}
		}
	}
}
