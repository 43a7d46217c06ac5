// Package schema embeds the JSON Schema of agreement files, which editors
// use for completion and `sla validate` uses to check their structure.
package schema

import _ "embed"

// FileName is the schema's file name in the repository.
const FileName = "sla-v1.schema.json"

// JSON is the schema document.
//
//go:embed sla-v1.schema.json
var JSON []byte
