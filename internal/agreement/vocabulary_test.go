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
	m := schemaMapper{raw: raw}
	enum := func(schema map[string]any) []string {
		var out []string
		for _, v := range schema["enum"].([]any) {
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
	if got := enum(m.schemaAt("#/$defs/objective")["properties"].(map[string]any)["metric"].(map[string]any)); !slices.Equal(got, metrics) {
		t.Errorf("schema metrics %v, Go %v", got, metrics)
	}
	if got := enum(m.schemaAt("#/$defs/responders")); !slices.Equal(got, responders) {
		t.Errorf("schema responders %v, Go %v", got, responders)
	}
}
