package agreement

import (
	"reflect"
	"slices"
	"strings"
	"testing"
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
		props, _ := schema["properties"].(map[string]any)
		var inSchema []string
		for k := range props {
			inSchema = append(inSchema, k)
		}
		slices.Sort(inSchema)
		inGo := yamlFields(typ)
		if !slices.Equal(inGo, inSchema) {
			t.Errorf("%s: Go fields %v, schema properties %v", typ.Name(), inGo, inSchema)
		}
		if ap, ok := schema["additionalProperties"]; !ok || ap != false {
			t.Errorf("%s: schema must set additionalProperties: false, so that typos are errors", typ.Name())
		}
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
	if t != reflect.TypeFor[Header]() {
		fn(t)
	}
	for i := range t.NumField() {
		if f := t.Field(i); f.Tag.Get("yaml") != "" {
			walkStructs(f.Type, fn)
		}
	}
}
