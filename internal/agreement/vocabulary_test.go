package agreement

import (
	"slices"
	"testing"
)

// The metrics and responders are listed once in Go; the JSON Schema's
// enums, which editors and `sla validate` read, say the same.
func TestVocabularyMatchesSchema(t *testing.T) {
	t.Parallel()
	_, raw := compiledSchema()
	props := schemaMapper{raw: raw}.schemaAt("#/$defs/objective")["properties"].(map[string]any)
	enum := func(field string) []string {
		var out []string
		for _, v := range props[field].(map[string]any)["enum"].([]any) {
			out = append(out, v.(string))
		}
		return out
	}
	var metrics, responders []string
	for _, m := range Metrics {
		metrics = append(metrics, string(m))
	}
	for _, r := range AllResponders {
		responders = append(responders, string(r))
	}
	if got := enum("metric"); !slices.Equal(got, metrics) {
		t.Errorf("schema metrics %v, Go %v", got, metrics)
	}
	if got := enum("responders"); !slices.Equal(got, responders) {
		t.Errorf("schema responders %v, Go %v", got, responders)
	}
}
